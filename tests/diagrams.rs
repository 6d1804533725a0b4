//! The diagrams' structure for known sessions: arrows, bands and their order, and the
//! state diagram drawn from the engine's transition table.

use std::rc::Rc;

use smtplab_engine::table::TRANSITIONS;
use smtplab_engine::Phase;
use smtplab_web::diagram::{sequence, sequence_svg, state_svg, BandKind};
use smtplab_web::state::{Action, Lab, Step};
use yew::Reducible;

fn run(steps: &[&str]) -> Rc<Lab> {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for step in steps {
        lab = match *step {
            "<handshake>" => lab.reduce(Action::Do(Step::Handshake { now: 1 })),
            s if s.starts_with("<body>") => lab.reduce(Action::Do(Step::Message {
                text: s[6..].into(),
                raw: false,
                now: 1,
            })),
            s if s.contains('\n') => lab.reduce(Action::Do(Step::Pipelined {
                lines: s.lines().map(String::from).collect(),
                now: 1,
            })),
            s => lab.reduce(Action::Do(Step::Send {
                line: s.into(),
                now: 1,
            })),
        };
    }
    lab
}

#[test]
fn a_tls_auth_session_with_two_transactions_has_its_arrows_and_bands_in_order() {
    let lab = run(&[
        "EHLO c",
        "STARTTLS",
        "<handshake>",
        "EHLO c",
        "AUTH LOGIN",
        "YWxpY2U=",
        "d3Jvbmc=",
        "AUTH PLAIN AGFsaWNlAHMzY3JldA==",
        "MAIL FROM:<alice@example.com>\nRCPT TO:<ghost@example.com>\nRCPT TO:<bob@example.com>\nDATA",
        "<body>Subject: one\n\n.dot\nline",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
        "<body>Subject: two\n\nx",
        "QUIT",
    ]);
    let (arrows, bands) = sequence(&smtplab_web::i18n::Texts::english(), &lab.entries, &[]);
    let commands = arrows.iter().filter(|a| a.to_server).count();
    let replies = arrows.iter().filter(|a| !a.to_server).count();
    // 15 command lines + 2 collapsed bodies; the greeting, one reply per command line, 2 after bodies.
    assert_eq!((commands, replies), (17, 18), "{arrows:#?}");
    assert!(
        arrows.iter().any(|a| a.label.starts_with("message: 4 lines")),
        "the body is one arrow"
    );
    let rejected = arrows
        .iter()
        .find(|a| a.code == Some(550))
        .expect("the rejected RCPT");
    assert!(rejected.full.contains("User unknown"));
    let kinds: Vec<BandKind> = bands.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BandKind::Greeting,
            BandKind::Tls,
            BandKind::Auth,
            BandKind::Auth,
            BandKind::Transaction,
            BandKind::Transaction,
            BandKind::Quit
        ]
    );
    let tls = bands.iter().find(|b| b.kind == BandKind::Tls).unwrap();
    assert_eq!(tls.last, arrows.len() - 1, "the encrypted band lasts to the end");
    // Pipelined: the four commands come as one batch, then their four replies.
    let mail = arrows
        .iter()
        .position(|a| a.full.starts_with("MAIL FROM"))
        .unwrap();
    assert!(
        arrows[mail..mail + 4].iter().all(|a| a.to_server)
            && arrows[mail + 4..mail + 8].iter().all(|a| !a.to_server)
    );
    let svg = sequence_svg(&smtplab_web::i18n::Texts::english(), &lab.entries, None, &[]);
    assert_eq!(svg.matches(r#"class="arrow "#).count(), arrows.len());
    assert_eq!(svg.matches(r#"data-band="tls""#).count(), 1);
}

#[test]
fn long_texts_are_elided_but_kept_whole_in_the_tooltip() {
    let long = format!("NOOP {}", "x".repeat(80));
    let lab = run(&[&long]);
    let (arrows, _) = sequence(&smtplab_web::i18n::Texts::english(), &lab.entries, &[]);
    let arrow = arrows.iter().find(|a| a.full == long).unwrap();
    assert!(arrow.label.ends_with('…') && arrow.label.chars().count() <= 34);
    assert!(
        sequence_svg(&smtplab_web::i18n::Texts::english(), &lab.entries, None, &[])
            .contains(&format!("<title>{long}</title>"))
    );
}

#[test]
fn labels_are_cut_after_a_whole_word_so_the_accessible_name_holds_every_word_drawn() {
    let lab = run(&[
        "EHLO client.example.org",
        "MAIL FROM:<a@example.org>",
        "RCPT TO:<nobody@example.com>",
    ]);
    let (arrows, _) = sequence(&smtplab_web::i18n::Texts::english(), &lab.entries, &[]);
    let refused = arrows.iter().find(|a| a.full.starts_with("550 ")).unwrap();
    assert_eq!(refused.label, "550 5.1.1 <nobody@example.com>: …");
    // Every word drawn (the ellipsis aside) is a whole word of the name (WCAG 2.5.3).
    let words: Vec<&str> = refused.full.split_whitespace().collect();
    for word in refused.label.trim_end_matches('…').split_whitespace() {
        assert!(
            words.contains(&word),
            "{word:?} is not a word of {:?}",
            refused.full
        );
    }
}

#[test]
fn the_state_diagram_draws_every_transition_and_marks_the_current_phase() {
    let texts = smtplab_web::i18n::Texts::english();
    let svg = state_svg(&texts, Phase::Rcpt, Some((Phase::Mail, Phase::Rcpt)));
    let in_cluster = |p: &Phase| matches!(p, Phase::Mail | Phase::Rcpt | Phase::Data | Phase::Bdat);
    for (from, trigger, to) in TRANSITIONS.iter().filter(|(_, _, to)| *to != Phase::Closed) {
        let own = format!(r#"data-from="{from:?}" data-to="{to:?}""#);
        let shared = format!(r#"data-from="transaction" data-to="{to:?}""#);
        let drawn = svg.contains(&own) || (in_cluster(from) && svg.contains(&shared));
        assert!(drawn, "{from:?} --{trigger:?}--> {to:?} is not drawn");
    }
    let edges = svg.matches(r#"class="edge"#).count();
    assert!(
        (10..TRANSITIONS.len()).contains(&edges),
        "{edges} edges: shared ones are drawn once"
    );
    assert_eq!(svg.matches("aria-current").count(), 1);
    assert!(svg.contains(r#"class="node current" data-phase="Rcpt" aria-current="step""#));
    assert!(svg.contains(r#"class="edge taken" data-from="Mail" data-to="Rcpt""#));
}

#[test]
fn the_lab_records_the_transition_just_taken() {
    let lab = run(&["EHLO c", "MAIL FROM:<a@example.org>"]);
    assert_eq!(lab.last_transition, Some((Phase::Greeted, Phase::Mail)));
}

#[test]
fn replaying_every_step_rebuilds_the_live_lab_exactly() {
    let lab = run(&[
        "EHLO c",
        "STARTTLS",
        "<handshake>",
        "EHLO c",
        "AUTH PLAIN AGFsaWNlAHMzY3JldA==",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
        "<body>Subject: s\n\nhi",
    ]);
    let again = lab.replayed(lab.steps.len());
    assert_eq!(again.entries, lab.entries);
    assert_eq!(again.session, lab.session, "the same session, mailboxes included");
}

#[test]
fn stepping_back_shows_the_earlier_state_and_typing_there_branches() {
    let lab = run(&[
        "EHLO c",
        "MAIL FROM:<a@example.org>",
        "RCPT TO:<bob@example.com>",
        "DATA",
    ]);
    assert_eq!(lab.phase(), Phase::Data);
    let back = lab.clone().reduce(Action::View(Some(lab.steps.len() - 3)));
    assert_eq!(back.shown().phase(), Phase::Greeted, "after EHLO only");
    assert_eq!(back.phase(), Phase::Data, "the live lab is untouched");
    let live = back.clone().reduce(Action::View(None));
    assert!(live.view.is_none() && live.shown().phase() == Phase::Data);
    let branched = back.reduce(Action::Do(Step::Send {
        line: "QUIT".into(),
        now: 9,
    }));
    assert_eq!(branched.phase(), Phase::Closed);
    assert_eq!(branched.steps.len(), 2, "EHLO, then the new QUIT");
    assert_eq!(branched.notice.as_ref().map(|n| n.id), Some("notice-branched"));
}

#[test]
fn the_page_draws_only_the_sequence_rows_in_view_and_a_margin() {
    use smtplab_web::diagram::{rows_in_view, sequence_height, MAX_ARROWS};
    // A short session fits: every row is drawn, wherever the view is.
    assert_eq!(rows_in_view(23, 0, 450), 0..23);
    assert_eq!(rows_in_view(23, 400, 450), 0..23);
    // A long one at the bottom: the last rows, not all MAX_ARROWS of them.
    let full = sequence_height(10_000);
    let drawn = rows_in_view(10_000, full - 450, 450);
    assert_eq!(drawn.end, MAX_ARROWS);
    assert!(drawn.len() < MAX_ARROWS / 3, "{drawn:?}");
    // At the top: the first rows.
    assert_eq!(rows_in_view(10_000, 0, 450).start, 0);
    // A view past the end (the drawing got shorter) draws the last rows.
    assert_eq!(rows_in_view(30, 100_000, 450), 0..30);
    assert_eq!(rows_in_view(1000, 100_000, 450), drawn);
}

#[test]
fn the_kept_sequence_read_step_by_step_is_the_sequence_read_at_once() {
    use smtplab_web::diagram::Sequence;
    let steps = [
        "EHLO c",
        "STARTTLS",
        "<handshake>",
        "EHLO c",
        "AUTH LOGIN",
        "YWxpY2U=",
        "czNjcmV0",
        "MAIL FROM:<alice@example.com>\nRCPT TO:<ghost@example.com>\nRCPT TO:<bob@example.com>\nDATA",
        "<body>Subject: one\n\n.dot\nline",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
        "<body>Subject: two\n\nx",
        "RSET",
        "MAIL FROM:<alice@example.com>\nRCPT TO:<bob@example.com>\nDATA\nSubject: three\n\npasted\n.\nNOOP",
        "MAIL FROM:<alice@example.com>",
        "QUIT",
    ];
    let en = smtplab_web::i18n::Texts::english();
    let mut kept = Sequence::default();
    let mut read = 0;
    for count in 0..=steps.len() {
        let lab = run(&steps[..count]);
        let grown = kept.update(&en, &lab.entries, &[]);
        // Each step is a lab of its own, replayed from the start: only the first steps
        // (whose entries fit in one chunk) are taken as the same transcript grown.
        assert!(grown || lab.entries.len() == read, "step {count}");
        read = lab.entries.len();
        let (arrows, bands) = sequence(&en, &lab.entries, &[]);
        assert_eq!(
            (kept.arrows(), kept.bands()),
            (&arrows[..], &bands[..]),
            "after {count} steps"
        );
    }
    // One lab growing: each update reads only the new entries, and matches.
    let mut lab = run(&steps[..3]);
    let mut kept = Sequence::default();
    kept.update(&en, &lab.entries, &[]);
    for step in &steps[3..] {
        lab = lab.reduce(Action::Do(Step::Send {
            line: step.replace("<body>", ""),
            now: 2,
        }));
        assert!(kept.update(&en, &lab.entries, &[]));
        assert!(
            !kept.update(&en, &lab.entries, &[]),
            "nothing new the second time"
        );
        let (arrows, bands) = sequence(&en, &lab.entries, &[]);
        assert_eq!(
            (kept.arrows(), kept.bands()),
            (&arrows[..], &bands[..]),
            "after {step}"
        );
    }
    // Expanding a body, or another transcript, starts over.
    let lab = run(&steps);
    kept.update(&en, &lab.entries, &[]);
    let body = kept.arrows().iter().find(|a| a.body).map(|a| a.entry).unwrap();
    assert!(kept.update(&en, &lab.entries, &[body]));
    assert_eq!(kept.arrows(), &sequence(&en, &lab.entries, &[body]).0[..]);
    let other = run(&["HELO other"]);
    kept.update(&en, &other.entries, &[]);
    assert_eq!(kept.arrows(), &sequence(&en, &other.entries, &[]).0[..]);
    // Another language starts over too: a body's size is said in it.
    let italian = smtplab_web::i18n::Texts::from_checkout(smtplab_web::i18n::Lang::It);
    assert!(kept.update(&italian, &other.entries, &[]), "the language changed");
    assert!(!kept.update(&italian, &other.entries, &[]));
}

/// A whole message pasted at once (commands, body and dot in one pipelined chunk): the
/// body is one arrow with the lines the server read, and every reply after it still
/// answers its own command.
#[test]
fn a_pasted_message_is_one_body_arrow_and_later_replies_answer_their_commands() {
    let lab = run(&[
        "EHLO c",
        "MAIL FROM:<alice@example.com>\nRCPT TO:<bob@example.com>\nDATA\nSubject: pasted\n\nline one\n.\nNOOP",
        "RSET",
    ]);
    let (arrows, bands) = sequence(&smtplab_web::i18n::Texts::english(), &lab.entries, &[]);
    let commands: Vec<&str> = arrows
        .iter()
        .filter(|a| a.to_server)
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(
        commands,
        [
            "EHLO c",
            "MAIL FROM:<alice@example.com>",
            "RCPT TO:<bob@example.com>",
            "DATA",
            "message: 3 lines, 32 bytes",
            "NOOP",
            "RSET"
        ],
        "{arrows:#?}"
    );
    // The replies, in order: greeting, EHLO, then the chunk's four and the NOOP's, then RSET's.
    let replies: Vec<u16> = arrows.iter().filter_map(|a| a.code).collect();
    assert_eq!(replies, [220, 250, 250, 250, 354, 250, 250, 250]);
    let kinds: Vec<BandKind> = bands.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BandKind::Greeting, BandKind::Transaction]);
    // Expanded, the body's lines are arrows of their own, then its end.
    let body = arrows.iter().find(|a| a.body).unwrap().entry;
    let (open, _) = sequence(&smtplab_web::i18n::Texts::english(), &lab.entries, &[body]);
    let labels: Vec<&str> = open
        .iter()
        .filter(|a| a.to_server)
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "EHLO c",
            "MAIL FROM:<alice@example.com>",
            "RCPT TO:<bob@example.com>",
            "DATA",
            "Subject: pasted",
            "",
            "line one",
            ".",
            "end of message (3 lines, 32 bytes): collapse",
            "NOOP",
            "RSET"
        ]
    );
}
