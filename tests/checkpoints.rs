//! Replay checkpoints: rebuilding a past step from the nearest copy the lab kept gives the
//! same lab, transcript and session as replaying every step from the origin.

use std::rc::Rc;

use smtplab_engine::world::Profile;
use smtplab_engine::World;
use smtplab_web::state::{Action, Lab, Step, CHECKPOINT_EVERY};
use yew::Reducible;

/// One round of a long class: a delivery, TLS and a login, pipelining, errors up to the
/// 421, an idle timeout, a cleared transcript, new worlds and profiles; with ticks,
/// selections and panels in between that are not steps.
fn round(mut lab: Rc<Lab>, round: u64, now: &mut u64) -> Rc<Lab> {
    let act = |lab: Rc<Lab>, action: Action| lab.reduce(action);
    let mut at = |gap: u64| {
        *now += gap;
        *now
    };
    let send = |line: &str, now: u64| {
        Action::Do(Step::Send {
            line: line.into(),
            now,
        })
    };
    for line in [
        "EHLO client.example.org",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "RCPT TO:<nobody@example.com>",
        "DATA",
    ] {
        lab = act(lab, send(line, at(700)));
    }
    lab = act(lab, Action::Select(Some(1)));
    let text = format!("Subject: round {round}\n\n.hidden dot\nbody\n");
    lab = act(
        lab,
        Action::Do(Step::Message {
            text,
            raw: false,
            now: at(900),
        }),
    );
    let lines = ["MAIL FROM:<>", "RCPT TO:<alice>", "RSET", "NOOP"]
        .map(String::from)
        .to_vec();
    lab = act(
        lab,
        Action::Do(Step::Pipelined {
            lines: lines.into(),
            now: at(300),
        }),
    );
    lab = act(lab, Action::Tick { now: at(100) });
    lab = act(lab, send("STARTTLS", at(500)));
    lab = act(lab, Action::Do(Step::Handshake { now: at(200) }));
    lab = act(lab, send("EHLO again", at(400)));
    lab = act(lab, send("AUTH PLAIN AGFsaWNlAHMzY3JldA==", at(400)));
    lab = act(lab, Action::Open(smtplab_web::state::Panel::Codes));
    for _ in 0..(3 + round % 4) {
        lab = act(lab, send("BOGUS", at(250)));
    }
    if round % 3 == 0 {
        lab = act(lab, Action::Do(Step::Clear));
    }
    // Past the idle timeout: the server's 421 comes with the next tick or step.
    lab = act(lab, Action::Tick { now: at(301_000) });
    lab = act(lab, Action::Do(Step::Connect { now: at(1_000) }));
    match round % 4 {
        0 => {
            let mut world = World::reference();
            world.limits.hard_errors = 5;
            let world = Box::new(world);
            lab = act(
                lab,
                Action::Do(Step::World {
                    world,
                    seed: round,
                    now: at(10),
                }),
            );
        }
        1 => {
            lab = act(
                lab,
                Action::SetProfile {
                    profile: Profile::Exim,
                    now: at(10),
                },
            )
        }
        2 => lab = act(lab, Action::Do(Step::Disconnect { now: at(10) })),
        _ => lab = act(lab, Action::Notify(smtplab_web::note!("notice-dismiss"))),
    }
    lab = act(lab, Action::Do(Step::Connect { now: at(1_000) }));
    lab
}

fn long_lab(rounds: u64) -> Rc<Lab> {
    let mut now = 1_000;
    let mut lab = Rc::new(Lab::connected(now, 7));
    for r in 0..rounds {
        lab = round(lab, r, &mut now);
    }
    lab
}

#[test]
fn a_checkpointed_replay_equals_a_full_replay_at_every_step() {
    let lab = long_lab(8);
    let total = lab.steps.len();
    assert!(total > 5 * CHECKPOINT_EVERY, "{total} steps");
    assert_eq!(lab.checkpoints.len(), total / CHECKPOINT_EVERY);
    for count in 0..=total {
        let quick = lab.replayed(count);
        let full = lab.replayed_from_origin(count);
        assert_eq!(quick, full, "after {count} steps");
        assert!(
            quick.entries.iter().eq(full.entries.iter()),
            "the same transcript at {count}"
        );
        assert_eq!(quick.session, full.session, "the same session at {count}");
        assert_eq!(quick.checkpoints.len(), count / CHECKPOINT_EVERY);
    }
    let end = lab.replayed(total);
    assert_eq!(end.session, lab.session, "the live session, mailboxes included");
    assert!(end.entries.iter().eq(lab.entries.iter()));
}

#[test]
fn a_lab_rebuilt_from_its_steps_has_the_checkpoints_and_branching_keeps_them_true() {
    let lab = long_lab(4);
    let (world, seed, start) = lab.origin.clone();
    let rebuilt = smtplab_web::share::rebuild(world, seed, start, lab.steps.clone(), 10_000).unwrap();
    assert_eq!(rebuilt.checkpoints.len(), lab.checkpoints.len());
    assert_eq!(rebuilt.session, lab.session);
    // Step back past a checkpoint, type there: the branch's checkpoints are its own.
    let back = CHECKPOINT_EVERY * 2 + 3;
    let mut branch = Rc::new(rebuilt).reduce(Action::View(Some(back)));
    for i in 0..(CHECKPOINT_EVERY as u64 * 2) {
        let line = if i % 2 == 0 { "NOOP" } else { "RSET" };
        let now = 10_000_000 + i;
        branch = branch.reduce(Action::Do(Step::Send {
            line: line.into(),
            now,
        }));
    }
    assert_eq!(branch.steps.len(), back + 2 * CHECKPOINT_EVERY);
    assert_eq!(branch.checkpoints.len(), branch.steps.len() / CHECKPOINT_EVERY);
    for count in (0..=branch.steps.len()).step_by(7) {
        assert_eq!(
            branch.replayed(count),
            branch.replayed_from_origin(count),
            "branch at {count}"
        );
    }
}
