//! Where the transcript's rows sit: lines per entry at a column, kept offsets equal a
//! fresh count at every width, and a place in the transcript stays on its entry when
//! the lines above it change.

use std::rc::Rc;

use smtplab_web::i18n::Texts;
use smtplab_web::rows::{drawn_lines, Offsets, Place, LINE_PX};
use smtplab_web::state::{Action, Lab, Step};
use smtplab_web::wrap;
use yew::Reducible;

fn session() -> Rc<Lab> {
    let mut lab = Rc::new(Lab::connected(0, 1));
    let long = "RCPT TO:<a-learner-with-a-really-quite-remarkably-long-name@nowhere-at-all.example.invalid>";
    for line in [
        "EHLO client.example.org",
        "MAIL FROM:<alice@example.com>",
        long,
        "RCPT TO:<bob@example.com>",
        "NOOP\tx",
    ] {
        lab = lab.reduce(Action::Do(Step::Send {
            line: line.into(),
            now: 1_000,
        }));
    }
    lab
}

fn fresh(lab: &Lab, cols: usize, texts: &Texts) -> Vec<u32> {
    let mut offsets = Offsets::default();
    offsets.update(&lab.entries, cols, texts);
    offsets.at
}

#[test]
fn lines_per_entry_are_the_drawn_lines_cut_at_the_column() {
    let (lab, texts) = (session(), Texts::english());
    for cols in [12, 30, 45, 80, 200] {
        let at = fresh(&lab, cols, &texts);
        for (i, entry) in lab.entries.iter().enumerate() {
            let lines: u32 = drawn_lines(entry, &texts)
                .iter()
                .map(|l| wrap::count(l, cols))
                .sum();
            assert_eq!(at[i + 1] - at[i], lines, "entry {i} at {cols} columns");
        }
    }
    // The long command and its reply wrap at 45 columns and not at 200.
    assert!(fresh(&lab, 45, &texts).last() > fresh(&lab, 200, &texts).last());
    // A tab is drawn as an escape.
    assert!(lab.entries.iter().any(|e| drawn_lines(e, &texts) == ["NOOP\\tx"]));
}

#[test]
fn kept_offsets_equal_a_fresh_count_after_any_change_of_width() {
    let (lab, texts) = (session(), Texts::english());
    let mut kept = Offsets::default();
    for cols in [80, 30, 200, 12, 45, 44, 80] {
        kept.update(&lab.entries, cols, &texts);
        assert_eq!(kept.at, fresh(&lab, cols, &texts), "{cols} columns");
    }
    // Growing after a change of width reads only the new entries, and still agrees.
    let grown = lab.reduce(Action::Do(Step::Send {
        line: "RSET".into(),
        now: 2_000,
    }));
    kept.update(&grown.entries, 30, &texts);
    assert_eq!(kept.at, fresh(&grown, 30, &texts));
}

#[test]
fn a_place_stays_on_its_entry_when_the_lines_above_it_change() {
    let (lab, texts) = (session(), Texts::english());
    let mut offsets = Offsets::default();
    offsets.update(&lab.entries, 200, &texts);
    let last = lab.entries.len() - 1;
    let place = Place { entry: last, into: 7 };
    let wide = offsets.top_of(place);
    assert_eq!(offsets.place_at(wide), place);
    offsets.update(&lab.entries, 30, &texts);
    let narrow = offsets.top_of(place);
    assert!(
        narrow > wide,
        "the wrapped lines above push the entry down: {narrow} > {wide}"
    );
    assert_eq!(offsets.place_at(narrow), place);
    assert_eq!(narrow, offsets.at[last] * LINE_PX + 7);
    // A place past the end (a shorter transcript) is the end.
    assert_eq!(
        offsets.top_of(Place {
            entry: 10_000,
            into: 3
        }),
        offsets.total() * LINE_PX
    );
}
