//! Saved formats stay readable: share links already pasted into course pages, labs in
//! learners' localStorage, lesson progress, the embed bridge's messages and the JSON
//! export. Each fixture was written by the serde derives before the hand-written codec
//! replaced them in the app; it must decode to the same lab, and what we write now must
//! be the same text, byte for byte (so the old reader reads it too).

use std::rc::Rc;

use smtplab_engine::reply::EnhancedCode;
use smtplab_engine::rules::{Effect, Rule};
use smtplab_engine::world::{Profile, User};
use smtplab_engine::World;
use smtplab_web::lessons::Record;
use smtplab_web::state::{Action, Lab, Panel, Step};
use smtplab_web::{bridge, share, storage};
use yew::Reducible;

const START: u64 = 1_764_000_000_000;

fn odd_world() -> World {
    let mut world = World::preset(Profile::Exim);
    world.hostname = "mx.example.net".into();
    world.users.push(User {
        name: "dave".into(),
        password: Some("pa\"ss\\word\u{1}é".into()),
        mailbox: Vec::new(),
    });
    world.rules.push(Rule {
        verb: Some(smtplab_engine::Verb::Rcpt),
        address: Some("*@example.org".into()),
        nth: None,
        percent: Some(100),
        then: Effect::Reply {
            code: 450,
            enhanced: Some(EnhancedCode(4, 7, 1)),
            text: "try later".into(),
        },
    });
    world.greeting_notice = vec!["Line one".into(), "Line \"two\"".into()];
    world.policy.greylisting = Some(60);
    world
}

/// A lab that takes every kind of step, in a world that is not the reference one.
fn every_step() -> Lab {
    let mut lab = Rc::new(Lab::with_world(odd_world(), 7, START));
    let mut now = START;
    let mut at = |d: u64| {
        now += d;
        now
    };
    let steps = vec![
        Step::Send {
            line: "EHLO client.example.org".into(),
            now: at(1_000),
        },
        Step::Send {
            line: "STARTTLS".into(),
            now: at(100),
        },
        Step::Handshake { now: at(50) },
        Step::Send {
            line: "EHLO client.example.org".into(),
            now: at(100),
        },
        Step::Send {
            line: "AUTH PLAIN AGFsaWNlAHMzY3JldA==".into(),
            now: at(100),
        },
        Step::Send {
            line: "MAIL FROM:<alice@example.com>".into(),
            now: at(2_000),
        },
        Step::Send {
            line: "RCPT TO:<dave@example.com>".into(),
            now: at(500),
        },
        Step::Wait {
            ms: 61_000,
            now: at(10),
        },
        Step::Send {
            line: "RCPT TO:<dave@example.com>".into(),
            now: at(500),
        },
        Step::Send {
            line: "DATA".into(),
            now: at(500),
        },
        Step::Message {
            text: "Subject: é \"quoted\"\n\n.dot\ttab\nbye".into(),
            raw: false,
            now: at(3_000),
        },
        Step::Pipelined {
            lines: vec![
                "RSET".to_string(),
                "MAIL FROM:<>".into(),
                "RCPT TO:<bob@example.com>".into(),
            ]
            .into(),
            now: at(100),
        },
        Step::Send {
            line: "BDAT 7 LAST".into(),
            now: at(10),
        },
        Step::Message {
            text: "hello\r\n".into(),
            raw: true,
            now: at(10),
        },
        Step::Clear,
        Step::Send {
            line: "RCPT TO:<x@example.org>".into(),
            now: at(10),
        },
        Step::Disconnect { now: at(10) },
        Step::Connect { now: at(10) },
        Step::World {
            world: Box::new(World::preset(Profile::Gmail)),
            seed: 99,
            now: at(10),
        },
        Step::Send {
            line: "QUIT".into(),
            now: at(10),
        },
    ];
    for step in steps {
        lab = lab.reduce(Action::Do(step));
    }
    let mut lab = (*lab).clone();
    lab.panel = Panel::Mailboxes;
    lab
}

/// A lesson's saved progress, with every field set.
fn record() -> Record {
    Record {
        v: 1,
        lab: storage::encode(&every_step()),
        asked: vec![0, 2, 1],
        passed: 2,
        steps: 5,
        finished: Some(START + 90_000),
        source: Some("{\"id\": \"mine\"}".into()),
    }
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn same_lab(back: &Lab, lab: &Lab) {
    assert_eq!(back.origin, lab.origin);
    assert_eq!(back.steps, lab.steps);
    assert_eq!(back.panel, lab.panel);
    assert_eq!(back.session, lab.session);
}

#[test]
fn an_old_share_link_opens_to_the_same_lab_and_links_are_written_as_before() {
    let lab = every_step();
    let link = fixture("link-v1.txt");
    let mut back = share::decode(link.trim()).unwrap();
    back.panel = lab.panel;
    same_lab(&back, &lab);
    assert_eq!(share::encode(&lab), link.trim_end());
}

#[test]
fn an_old_saved_lab_restores_the_same_lab_and_saves_are_written_as_before() {
    let lab = every_step();
    let stored = fixture("stored-v2.json");
    let storage::Loaded::Restored(back) = storage::decode(Some(stored.trim_end().into())) else {
        panic!("the saved lab does not restore");
    };
    same_lab(&back, &lab);
    assert_eq!(storage::encode(&lab), stored.trim_end());
}

#[test]
fn old_lesson_progress_reads_and_is_written_as_before() {
    let saved = fixture("record-v1.json");
    assert_eq!(Record::decode(saved.trim_end()).unwrap(), record());
    assert_eq!(record().encode(), saved.trim_end());
}

#[test]
fn bridge_messages_are_the_same_text() {
    let lab = every_step();
    let mut messages: Vec<String> = lab.happened.since(0).iter().flat_map(bridge::events).collect();
    messages.push(bridge::ready(&lab, "fr"));
    messages.push(bridge::error("a \"problem\""));
    messages.push(bridge::frame_resize(480));
    let old = fixture("bridge-v1.txt");
    let old: Vec<&str> = old.lines().collect();
    assert_eq!(messages, old);
}

#[test]
fn the_json_export_is_the_same_text() {
    let lab = every_step();
    let export = smtplab_web::components::export::transcript_json(lab.session.world().profile, &lab.entries);
    assert_eq!(export, fixture("export.json").trim_end());
}

/// Every cut of a saved lab, and every value in it swapped for one of another type, is
/// refused with a reason or (where the value was optional) read: never a panic.
#[test]
fn damaged_saves_are_refused_without_a_panic() {
    let stored = fixture("stored-v2.json");
    let stored = stored.trim_end();
    for cut in (0..stored.len()).filter(|&i| stored.is_char_boundary(i)) {
        assert!(matches!(
            storage::decode(Some(stored[..cut].into())),
            storage::Loaded::Broken { .. }
        ));
    }
    let value: serde_json::Value = serde_json::from_str(stored).unwrap();
    let mut pointers = Vec::new();
    collect(&value, String::new(), &mut pointers);
    let swaps = [
        serde_json::json!(null),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(18446744073709551615u64),
        serde_json::json!("x"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({"k": null, "x": 1}),
    ];
    for pointer in &pointers {
        for swap in &swaps {
            let mut damaged = value.clone();
            *damaged.pointer_mut(pointer).unwrap() = swap.clone();
            let _ = storage::decode(Some(damaged.to_string()));
            let json = damaged["session"].to_string();
            let link = base64::Engine::encode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9),
            );
            let _ = share::decode(&link);
        }
    }
    assert!(pointers.len() > 100, "{}", pointers.len());
}

/// The JSON pointer of every value inside `value`.
fn collect(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                collect(
                    item,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}
