//! The reducer, storage and the page, natively: the reducer delegates to the engine, the
//! lab survives a save/load round trip, bad storage never blanks the page, and the page
//! renders an accessible console (Yew SSR).

use std::rc::Rc;

use smtplab_engine::{Phase, Verb};
use smtplab_web::components::command_line::complete;
use smtplab_web::components::export::transcript_text;
use smtplab_web::state::{dot_stuff, Action, Entry, Lab, Step};
use smtplab_web::storage::{self, Loaded};
use smtplab_web::App;
use yew::Reducible;

fn send(lab: Rc<Lab>, line: &str) -> Rc<Lab> {
    lab.reduce(Action::Do(Step::Send {
        line: line.into(),
        now: 1_000,
    }))
}

fn server_lines(lab: &Lab) -> Vec<String> {
    lab.entries
        .iter()
        .filter_map(|e| match e {
            Entry::Server { reply, .. } => Some(reply.text_lines()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn a_new_lab_shows_the_greeting() {
    let lab = Lab::connected(0, 1);
    assert_eq!(server_lines(&lab), ["220 mail.example.com ESMTP Postfix"]);
}

#[test]
fn ehlo_is_one_grouped_multiline_reply() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "EHLO client.example.org");
    let Some(Entry::Server { reply, .. }) = lab.entries.iter().rfind(|e| matches!(e, Entry::Server { .. }))
    else {
        panic!("a reply")
    };
    assert_eq!(reply.text().len(), 11);
    assert_eq!(server_lines(&lab).last().unwrap(), "250 CHUNKING");
    assert_eq!(lab.history, [Rc::from("EHLO client.example.org")]);
}

#[test]
fn the_smtplib_flow_by_hand_delivers_to_bob_with_the_dot_unstuffed() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for line in ["EHLO client.example.org", "STARTTLS"] {
        lab = send(lab, line);
    }
    assert!(lab.tls_pending(), "the handshake button is live after 220");
    lab = lab.reduce(Action::Do(Step::Handshake { now: 2 }));
    for line in [
        "EHLO client.example.org",
        "AUTH LOGIN",
        "YWxpY2U=",
        "czNjcmV0",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
    ] {
        lab = send(lab, line);
    }
    assert_eq!(lab.phase(), Phase::Data);
    lab = lab.reduce(Action::Do(Step::Message {
        text: "Subject: hi\n\n.dot line\nbye".into(),
        raw: false,
        now: 3,
    }));
    let bob = lab.session.world().user("bob").unwrap();
    assert_eq!(bob.mailbox.len(), 1);
    assert_eq!(bob.mailbox[0].body(), ".dot line\r\nbye\r\n");
    assert!(
        transcript_text(&lab.entries, true).contains(" ~> ..dot line"),
        "TLS arrows and the stuffed dot"
    );
}

#[test]
fn the_swaks_text_shows_each_reply_line_as_swaks_prints_it() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for line in [
        "EHLO client.example.org",
        "MAIL FROM:<a@example.org>",
        "RCPT TO:<x@gmail.com>",
    ] {
        lab = send(lab, line);
    }
    let text = transcript_text(&lab.entries, true);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"<-  220 mail.example.com ESMTP Postfix"),
        "{text}"
    );
    assert!(lines.contains(&" -> EHLO client.example.org"), "{text}");
    assert!(lines.contains(&"<-  250-mail.example.com"), "{text}");
    assert!(lines.contains(&"<-  250-PIPELINING"), "{text}");
    assert!(lines.contains(&"<-  250 CHUNKING"), "{text}");
    assert!(lines.contains(&"<-  250 2.1.0 Ok"), "{text}");
    assert!(
        lines.contains(&"<-  454 4.7.1 <x@gmail.com>: Relay access denied"),
        "{text}"
    );
}

#[test]
fn a_503_carries_what_would_have_worked() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "RCPT TO:<alice@example.com>");
    let (_, reply) = lab.explained().unwrap();
    assert_eq!(reply.code, 503);
    let why = reply.explain();
    assert!(why.sequence.unwrap().accepted.contains(&Verb::Mail));
}

#[test]
fn tab_completion_offers_only_valid_verbs() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "EHLO x");
    assert_eq!(
        complete("r", &lab.accepted()),
        ["RSET"],
        "RCPT is not valid before MAIL"
    );
    let lab = send(lab, "MAIL FROM:<a@example.org>");
    assert_eq!(complete("R", &lab.accepted()), ["RCPT", "RSET"]);
}

#[test]
fn pasted_lines_go_as_one_pipelined_chunk() {
    let lines = vec![
        "MAIL FROM:<a@example.org>".to_string(),
        "RCPT TO:<alice@example.com>".to_string(),
    ];
    let lab = Rc::new(Lab::connected(0, 1)).reduce(Action::Do(Step::Pipelined {
        lines: lines.into(),
        now: 5,
    }));
    assert!(lab.entries.iter().any(
        |e| matches!(e, Entry::Event { note, .. } if note.id == "event-pipelined"
            && note.english() == "Sent 2 lines as one pipelined chunk.")
    ));
    assert_eq!(server_lines(&lab)[1..], ["250 2.1.0 Ok", "250 2.1.5 Ok"]);
}

#[test]
fn input_after_quit_is_refused_with_a_note_not_a_panic() {
    let lab = send(send(Rc::new(Lab::connected(0, 1)), "QUIT"), "NOOP");
    let Some(Entry::Event { note, .. }) = lab.entries.last() else {
        panic!("a note")
    };
    assert_eq!(note.id, "event-not-sent");
    let text = note.english();
    assert!(text.starts_with("Not sent: the connection is closed"), "{text}");
    let lab = lab.reduce(Action::Do(Step::Connect { now: 9 }));
    assert_eq!(lab.phase(), Phase::Connected);
}

#[test]
fn the_lab_survives_a_save_and_load() {
    let lab = send(
        send(Rc::new(Lab::connected(0, 1)), "EHLO x"),
        "MAIL FROM:<a@example.org>",
    );
    let Loaded::Restored(back) = storage::decode(Some(storage::encode(&lab))) else {
        panic!("restored")
    };
    assert_eq!(*back, *lab);
}

#[test]
fn corrupt_or_old_storage_is_reported_not_fatal() {
    assert!(matches!(storage::decode(None), Loaded::Nothing));
    assert!(matches!(
        storage::decode(Some("{not json".into())),
        Loaded::Broken { .. }
    ));
    let Loaded::Broken { why, .. } = storage::decode(Some(r#"{"version":0,"lab":null}"#.into())) else {
        panic!()
    };
    assert!(why.contains("format version 0"), "{why}");
    let Loaded::Broken { why, .. } = storage::decode(Some(r#"{"version":1,"lab":{"oops":true}}"#.into()))
    else {
        panic!()
    };
    assert!(why.contains("no origin"), "{why}");
}

/// A save from before labs were kept as their steps (format 1 held the whole lab, entries
/// and session included): its origin and steps are replayed, an imported transcript (a
/// view, not a step) is dropped, and the times between the steps are kept.
#[test]
fn a_version_1_save_still_loads() {
    let world = serde_json::to_value(smtplab_engine::World::reference()).unwrap();
    let v1 = serde_json::json!({
        "version": 1,
        "lab": {
            "origin": [world, 7, 1000],
            "panel": "Commands",
            "entries": [{"Event": {"text": "ignored", "at": 0}}],
            "steps": [
                {"Send": {"line": "EHLO old.example", "now": 2000}},
                {"Import": {"entries": [], "now": 2500}},
                {"Pipelined": {"lines": ["MAIL FROM:<a@example.org>", "RCPT TO:<alice@example.com>"], "now": 3000}},
                "Clear",
                {"Send": {"line": "NOOP", "now": 4000}},
            ],
        },
    });
    let Loaded::Restored(lab) = storage::decode(Some(v1.to_string())) else {
        panic!("restored")
    };
    let mut expected = Rc::new(Lab::connected(1000, 7));
    expected = send_at(expected, "EHLO old.example", 2000);
    expected = expected.reduce(Action::Do(Step::Pipelined {
        lines: [
            "MAIL FROM:<a@example.org>".to_string(),
            "RCPT TO:<alice@example.com>".into(),
        ]
        .into(),
        now: 3000,
    }));
    expected = expected.reduce(Action::Do(Step::Clear));
    expected = send_at(expected, "NOOP", 4000);
    let mut expected = (*expected).clone();
    expected.panel = smtplab_web::state::Panel::Commands;
    assert_eq!(*lab, expected);
    assert_eq!(lab.steps.len(), 4);
}

/// A C:/S: transcript pasted into "Replay" sends its client side again on a new
/// connection, as steps (so a share link and a reload replay it too).
#[test]
fn a_pasted_transcript_replays_its_client_lines() {
    let exported = "# a comment\nS: 220 mail.example.com ESMTP Postfix\nC: EHLO again.example\nS: 250-mail.example.com\nC: QUIT\n";
    let actions = smtplab_web::components::export::replay_actions(exported, 50).unwrap();
    let mut lab = Rc::new(Lab::connected(0, 1));
    for action in actions {
        lab = lab.reduce(action);
    }
    assert_eq!(lab.steps.len(), 3, "connect, EHLO, QUIT");
    assert_eq!(lab.phase(), Phase::Closed);
    assert!(server_lines(&lab).contains(&"221 2.0.0 Bye".to_string()));
    assert!(smtplab_web::components::export::replay_actions("S: 220 hi", 50).is_err());
}

fn send_at(lab: Rc<Lab>, line: &str, now: u64) -> Rc<Lab> {
    lab.reduce(Action::Do(Step::Send {
        line: line.into(),
        now,
    }))
}

#[test]
fn dot_stuffing_doubles_leading_dots_and_ends_with_the_lone_dot() {
    assert_eq!(dot_stuff("a\n.b\n..c"), "a\r\n..b\r\n...c\r\n.\r\n");
    assert_eq!(dot_stuff(""), ".\r\n");
}

#[tokio::test]
async fn the_page_renders_a_named_log_input_and_panels() {
    let html = yew::LocalServerRenderer::<App>::new().render().await;
    assert!(
        html.contains(r#"role="log""#) && html.contains(r#"aria-label="Transcript""#),
        "{html}"
    );
    assert!(html.contains(r#"aria-label="SMTP command""#));
    assert!(html.contains("220 mail.example.com ESMTP Postfix") && html.contains(r#"data-from="server""#));
    assert!(html.contains(r#"role="tablist""#) && html.contains("Start TLS handshake"));
}

#[test]
fn a_tick_brings_the_unprompted_421_after_the_error_limit_and_replays_the_same() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for _ in 0..20 {
        lab = send(lab, "FOO");
    }
    let quiet = lab.clone().reduce(Action::Tick { now: 1000 });
    assert!(Rc::ptr_eq(&quiet, &lab), "nothing due yet: the same lab");
    let lab = lab.reduce(Action::Tick { now: 60_000 });
    assert_eq!(
        server_lines(&lab).last().map(String::as_str),
        Some("421 4.7.0 mail.example.com Error: too many errors")
    );
    assert_eq!(lab.phase(), Phase::Closed);
    // The timeline rebuilds it without recording the tick: the next step ticks first.
    let lab = send(lab, "NOOP");
    let replayed = lab.replayed(lab.steps.len());
    assert_eq!(server_lines(&replayed), server_lines(&lab));
}

/// "Let time pass": greylisting's retry passes after the delay with no real waiting, the
/// lab's clock stays ahead for what comes next, and a reload or a link replays the same.
#[test]
fn letting_time_pass_ends_the_greylisting_delay_and_stays_in_the_steps() {
    let mut world = smtplab_engine::World::reference();
    world.policy.greylisting = Some(60);
    let lab = Rc::new(Lab::with_world(world, 1, 0));
    let lab = send_at(lab, "EHLO client.example.org", 1_000);
    let lab = send_at(lab, "MAIL FROM:<alice@example.org>", 2_000);
    let lab = send_at(lab, "RCPT TO:<bob@example.com>", 3_000);
    let deferred = server_lines(&lab).last().unwrap().clone();
    assert!(deferred.starts_with("450 4.2.0 <bob@example.com>"), "{deferred}");
    // Too soon: deferred again. After a minute on the lab's clock (at wall clock 5 s):
    // accepted, though the wall clock says only 6 s have passed.
    let lab = send_at(lab, "RCPT TO:<bob@example.com>", 4_000);
    assert_eq!(server_lines(&lab).last().unwrap(), &deferred);
    let lab = lab.reduce(Action::Do(Step::Wait {
        ms: 60_000,
        now: 5_000,
    }));
    assert_eq!(lab.ahead_ms, 60_000);
    let lab = send_at(lab, "RCPT TO:<bob@example.com>", 6_000);
    assert_eq!(server_lines(&lab).last().unwrap(), "250 2.1.5 Ok");
    let Some(Entry::Server { at, .. }) = lab.entries.iter().rfind(|e| matches!(e, Entry::Server { .. }))
    else {
        panic!("a reply")
    };
    assert_eq!(*at, 66_000, "the reply is on the lab's clock");
    // A reload and a share link replay the wait.
    let Loaded::Restored(restored) = storage::decode(Some(storage::encode(&lab))) else {
        panic!("restored")
    };
    assert_eq!(server_lines(&restored), server_lines(&lab));
    assert_eq!(restored.ahead_ms, 60_000);
    let linked = smtplab_web::share::decode(&smtplab_web::share::encode(&lab)).unwrap();
    assert_eq!(server_lines(&linked), server_lines(&lab));
}

/// Five minutes with nothing sent: Postfix's idle timeout closes the session, at the time
/// it was due, within the wait.
#[test]
fn letting_five_minutes_pass_times_the_session_out() {
    let lab = send_at(Rc::new(Lab::connected(0, 1)), "EHLO client.example.org", 1_000);
    let lab = lab.reduce(Action::Do(Step::Wait {
        ms: 300_000,
        now: 2_000,
    }));
    assert_eq!(
        server_lines(&lab).last().map(String::as_str),
        Some("421 4.4.2 mail.example.com Error: timeout exceeded")
    );
    assert_eq!(lab.phase(), Phase::Closed);
    let Some(Entry::Server { at, .. }) = lab.entries.iter().rfind(|e| matches!(e, Entry::Server { .. }))
    else {
        panic!("a reply")
    };
    assert_eq!(*at, 301_000, "300 s after the last command");
}

/// The `.smtp` export reads back: replayed as `smtplab replay` does (the engine's
/// `transcript::replay`, in the world its header names), its server lines come out the
/// same, byte for byte, for Postfix and for Exim (whose message ids carry the time).
#[test]
fn an_exported_transcript_replays_to_the_same_server_lines() {
    use smtplab_engine::transcript::{mask, replay, world_for};
    use smtplab_engine::world::Profile;
    use smtplab_engine::{Session, World};
    use smtplab_web::components::export::with_profile;
    for profile in [Profile::Postfix, Profile::Exim] {
        let mut lab = Rc::new(Lab::with_world(World::preset(profile), 9, 0));
        for line in [
            "EHLO client.example.org",
            "VRFY \u{fffd}x",
            "MAIL FROM:<alice@example.org>",
            "RCPT TO:<nobody@example.com>",
            "RCPT TO:<bob@example.com>",
            "DATA",
        ] {
            lab = send(lab, line);
        }
        lab = lab.reduce(Action::Do(Step::Message {
            text: "Subject: round trip\n\n.a dot".into(),
            raw: false,
            now: 2_000,
        }));
        lab = send(lab, "QUIT");
        let exported = with_profile(profile, "#", transcript_text(&lab.entries, false));
        let replayed = replay(
            &exported,
            Session::new(world_for(&exported, World::reference()), 9),
            0,
        );
        let server = |text: &str| -> Vec<String> {
            mask(text)
                .lines()
                .filter(|l| l.starts_with("S: ") || l.starts_with("C: "))
                .map(|l| match l.split_once(" OK id=") {
                    Some((head, _)) => format!("{head} OK id=<ID>"),
                    None => l.to_string(),
                })
                .collect()
        };
        assert_eq!(server(&replayed), server(&exported), "{profile:?}\n{exported}");
        assert!(exported.contains("S: 250 "), "{exported}");
    }
}

#[test]
fn the_transcript_s_times_never_go_backwards_past_a_tarpit() {
    // Past Postfix's junk-command limit every NOOP is an error, answered a second late;
    // at the hard error limit the 421 comes late too, and then the close.
    let mut lab = send_at(Rc::new(Lab::connected(0, 1)), "EHLO client.example.org", 10);
    for n in 0..140u64 {
        lab = send_at(lab, "NOOP", 20 + n);
    }
    assert!(
        server_lines(&lab).iter().any(|l| l.starts_with("421 ")),
        "the session hit the limit"
    );
    let times: Vec<u64> = lab.entries.iter().map(|e| e.at()).collect();
    let closed = lab
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Event { note, .. } if note.id == "event-server-closed"))
        .expect("the server closed");
    let entries: Vec<&Entry> = lab.entries.iter().collect();
    let replied = entries
        .iter()
        .rposition(|e| matches!(e, Entry::Server { .. }))
        .unwrap();
    assert!(
        times[closed] >= times[replied],
        "closed at {} before the 421 at {}",
        times[closed],
        times[replied]
    );
    for pair in entries.windows(2) {
        if !matches!(pair[1], Entry::Client { .. }) {
            assert!(pair[1].at() >= pair[0].at(), "{:?} before {:?}", pair[1], pair[0]);
        }
    }
}

#[test]
fn a_branch_from_a_past_step_can_be_undone_until_the_next_step() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for line in [
        "EHLO client.example.org",
        "MAIL FROM:<a@example.org>",
        "RCPT TO:<bob@example.com>",
    ] {
        lab = send(lab, line);
    }
    let live = lab.clone();
    let branched = lab.reduce(Action::View(Some(1))).reduce(Action::Do(Step::Send {
        line: "NOOP".into(),
        now: 2_000,
    }));
    assert_eq!(branched.steps.len(), 2, "the later steps were dropped");
    assert!(branched.undo.is_some());
    let undone = branched.clone().reduce(Action::Undo);
    assert_eq!(undone.steps, live.steps, "they came back");
    assert_eq!(server_lines(&undone), server_lines(&live));
    assert!(undone.view.is_none() && undone.undo.is_none());
    // One undo, right after the branch: the next step or a dismissed notice ends it.
    let on = send(branched.clone(), "RSET");
    assert!(on.undo.is_none());
    assert_eq!(on.clone().reduce(Action::Undo).steps, on.steps, "nothing to undo");
    assert!(branched.reduce(Action::DismissNotice).undo.is_none());
}
