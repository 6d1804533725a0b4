//! Rebuilding a past step of the lab natively (the timeline slider, stepping back):
//! replay to step 1,000 of a 1,000-step session from the checkpoints, the worst step
//! (the most steps after a checkpoint), and every step from the origin as before.

use std::rc::Rc;

use criterion::{criterion_group, criterion_main, Criterion};
use smtplab_web::state::{Action, Lab, Step, CHECKPOINT_EVERY};
use yew::Reducible;

const STEPS: usize = 1_000;

/// A long class: connect, greet, send a message to two users, quit; again and again.
fn long_lab() -> Rc<Lab> {
    let mut lab = Rc::new(Lab::connected(1_000, 7));
    let mut now = 1_000;
    let lines = [
        "EHLO client.example.org",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "RCPT TO:<alice@example.com>",
        "DATA",
    ];
    while lab.steps.len() < STEPS {
        now += 1_000;
        let action = match lab.steps.len() % 8 {
            0 => Action::Do(Step::Connect { now }),
            i @ 1..=5 => Action::Do(Step::Send {
                line: lines[i - 1].into(),
                now,
            }),
            6 => Action::Do(Step::Message {
                text: "Subject: hello\n\nA line of a message.\n.A dot.\n".into(),
                raw: false,
                now,
            }),
            _ => Action::Do(Step::Send {
                line: "QUIT".into(),
                now,
            }),
        };
        lab = lab.reduce(action);
    }
    lab
}

fn replay(c: &mut Criterion) {
    let lab = long_lab();
    // Just before a checkpoint: the most steps replayed after one.
    let worst = STEPS / CHECKPOINT_EVERY * CHECKPOINT_EVERY - 1;
    let mut group = c.benchmark_group("replay");
    group.bench_function("to-1000-of-1000", |b| b.iter(|| lab.replayed(STEPS)));
    group.bench_function(format!("to-{worst}-of-1000"), |b| b.iter(|| lab.replayed(worst)));
    group.bench_function("to-1000-of-1000-from-origin", |b| {
        b.iter(|| lab.replayed_from_origin(STEPS))
    });
    group.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
