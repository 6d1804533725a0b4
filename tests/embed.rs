//! Embedding, natively: the URL's parameters and their messages, the events the lab
//! posts to its course page (from typed happenings, never reply text), and the checks on
//! messages it receives.

use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::json;
use smtplab_engine::Phase;
use smtplab_web::bridge::{self, Request};
use smtplab_web::embed::{Start, Theme, WorldSource};
use smtplab_web::state::{Action, Happened, Lab, Step};
use yew::Reducible;

const OWN: &str = "http://127.0.0.1:8080";

#[test]
fn no_parameters_is_the_full_lab() {
    let start = Start::from_query("", OWN);
    assert!(!start.embed && start.problems.is_empty());
    assert!(start.explain_pane && !start.sequence_pane);
    assert_eq!(start.storage_key(""), None, "the full lab keeps its usual save");
}

#[test]
fn an_embed_url_is_read_whole() {
    let query = "?embed=1&panes=sequence&theme=dark&seed=7&profile=postfix&lang=en&animate=1\
                 &script=EHLO%20x%0AMAIL%20FROM%3A%3Ca%40b%3E%0A&allow-origin=https://moodle.example.edu,http://localhost:3000";
    let start = Start::from_query(query, OWN);
    assert_eq!(start.problems, vec![]);
    assert!(start.embed && start.animate && start.sequence_pane && !start.explain_pane);
    assert_eq!(start.theme, Theme::Dark);
    assert_eq!(start.seed, Some(7));
    assert_eq!(start.lang, Some(smtplab_web::i18n::Lang::En));
    assert_eq!(
        Start::from_query("?lang=it-IT", OWN).lang,
        Some(smtplab_web::i18n::Lang::It)
    );
    assert_eq!(start.script, ["EHLO x", "MAIL FROM:<a@b>"]);
    assert_eq!(
        start.allow_origins,
        ["https://moodle.example.edu", "http://localhost:3000"]
    );
    let other = Start::from_query("?embed=1&panes=explain", OWN);
    assert_ne!(
        start.storage_key(query),
        other.storage_key("?embed=1&panes=explain"),
        "two labs on a page keep two saves"
    );
}

/// A script keeps the blank line between a message's headers and its body (and those in
/// the body); empty lines between commands, and at the end, are still skipped.
#[test]
fn a_scripted_message_keeps_its_blank_lines() {
    let script = "\nEHLO x\n\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\ndata\r\n\
                  Subject: scripted\r\n\r\nfirst paragraph\n\nsecond\n.\n\nQUIT\n\n";
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("script", script)
        .finish();
    let start = Start::from_query(&query, OWN);
    assert_eq!(start.problems, vec![]);
    let lines = [
        "EHLO x",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "data",
        "Subject: scripted",
        "",
        "first paragraph",
        "",
        "second",
        ".",
        "QUIT",
    ];
    assert_eq!(start.script, lines);
    let mut lab = Rc::new(Lab::connected(0, 7));
    for line in &start.script {
        lab = lab.reduce(Action::Do(Step::Send {
            line: line.clone(),
            now: 1,
        }));
    }
    let bob = lab.session.world().user("bob").unwrap();
    assert_eq!(bob.mailbox.len(), 1);
    assert_eq!(bob.mailbox[0].body(), "first paragraph\r\n\r\nsecond\r\n");
    // Ending at DATA leaves the message to the learner: no blank line is sent for it.
    let start = Start::from_query("script=EHLO%20x%0ADATA%0A%0A", OWN);
    assert_eq!(start.script, ["EHLO x", "DATA"]);
}

#[test]
fn a_world_comes_inline_or_from_this_site_only() {
    let mut world = smtplab_engine::World::reference();
    world.hostname = "mx.school.example".into();
    let inline = URL_SAFE_NO_PAD.encode(world.to_json());
    let start = Start::from_query(&format!("world={inline}"), OWN);
    assert_eq!(start.world, Some(WorldSource::Inline(Box::new(world))));
    for url in [
        "worlds/school.json",
        "/w.json?v=2",
        "http://127.0.0.1:8080/w.json",
    ] {
        let start = Start::from_query(&format!("world={url}"), OWN);
        assert_eq!(start.world, Some(WorldSource::Url(url.into())), "{url}");
    }
}

#[test]
fn each_wrong_parameter_gets_its_own_message() {
    let nope = URL_SAFE_NO_PAD.encode(r#"{"nope":1}"#);
    let cases = [
        ("theme=blue", "Parameter 'theme': expected light, dark or auto, got 'blue'."),
        ("panes=foo", "Parameter 'panes': expected a list of explain, sequence (or none), got 'foo'."),
        ("world=!!!", "Parameter 'world': not base64url (the world's JSON, encoded) nor a .json URL."),
        (&format!("world={nope}"), "Parameter 'world': the world is not valid: unknown field `nope`"),
        ("world=http://evil.example/w.json", "Parameter 'world': a world URL must be on this site (http://127.0.0.1:8080); 'http://evil.example/w.json' is not."),
        ("world=//evil.example/w.json", "Parameter 'world': a world URL must be on this site"),
        ("world=javascript:alert(1)", "Parameter 'world': a world URL must be on this site"),
        ("world=notes.txt", "Parameter 'world': expected a .json URL or the world's JSON in base64url, got 'notes.txt'."),
        ("profile=exchange", "Parameter 'profile': unknown server profile 'exchange'; available: postfix, exim, gmail, microsoft365."),
        ("lesson=First Message", "Parameter 'lesson': expected a lesson's id such as first-message, or a .json URL, got 'First Message'."),
        ("lesson=http://evil.example/l.json", "Parameter 'lesson': a lesson URL must be on this site"),
        ("lesson=notes.txt", "Parameter 'lesson': expected a .json URL or a lesson's id, got 'notes.txt'."),
        ("scenario=../x", "Parameter 'scenario': expected a lesson's id"),
        ("seed=-1", "Parameter 'seed': expected a whole number"),
        ("lang=fr", "Parameter 'lang': the interface is not available in 'fr'; available: en, it."),
        ("embed=maybe", "Parameter 'embed': expected 1 or 0, got 'maybe'."),
        ("allow-origin=https://a.example/path", "Parameter 'allow-origin': expected origins such as https://moodle.example.edu, got 'https://a.example/path'."),
        ("colour=red", "Parameter 'colour': not a parameter smtplab knows; see docs/embedding.md."),
    ];
    for (query, message) in cases {
        let start = Start::from_query(query, OWN);
        let said: Vec<String> = start.problems.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{query}: {said:?}");
        assert!(said[0].starts_with(message), "{query}: {}", said[0]);
    }
    let long = format!("theme={}", "x".repeat(500));
    let said = Start::from_query(&long, OWN).problems[0].to_string();
    assert!(said.len() < 200, "values are shortened in messages: {said}");
}

#[test]
fn replies_phases_and_deliveries_become_events_with_wire_lines() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for line in [
        "EHLO x",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
    ] {
        lab = lab.reduce(Action::Do(Step::Send {
            line: line.into(),
            now: 5,
        }));
    }
    lab = lab.reduce(Action::Do(Step::Message {
        text: "Subject: hi\n\nhello".into(),
        raw: false,
        now: 6,
    }));
    let all: Vec<serde_json::Value> = lab
        .happened
        .since(0)
        .iter()
        .flat_map(bridge::events)
        .map(|text| serde_json::from_str(&text).expect("every message is JSON"))
        .collect();
    let typed: Vec<&str> = all
        .iter()
        .filter(|e| e["type"] == "session-event")
        .map(|e| e["payload"]["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        typed,
        [
            "phase-changed",
            "phase-changed",
            "phase-changed",
            "transaction-started",
            "phase-changed",
            "recipient-accepted",
            "phase-changed",
            "data-ended",
            "phase-changed",
            "message-accepted",
        ],
        "every engine event goes out as a session-event"
    );
    let started = all
        .iter()
        .find(|e| e["payload"]["event"] == "transaction-started")
        .expect("a transaction started");
    assert_eq!(
        started["payload"],
        json!({ "event": "transaction-started", "sender": "alice@example.com" }),
        "an event's fields sit beside its name"
    );
    let events: Vec<&serde_json::Value> = all.iter().filter(|e| e["type"] != "session-event").collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "reply",
            "phase-changed",
            "reply",
            "phase-changed",
            "reply",
            "phase-changed",
            "reply",
            "phase-changed",
            "reply",
            "phase-changed",
            "message-delivered",
            "reply",
            "phase-changed"
        ]
    );
    assert!(events.iter().all(|e| e["source"] == "smtplab" && e["v"] == 1));
    assert_eq!(
        events[0]["payload"],
        json!({ "code": 220, "lines": ["220 mail.example.com ESMTP Postfix"], "command": null })
    );
    assert_eq!(
        events[1]["payload"],
        json!({ "from": "Disconnected", "to": "Connected" })
    );
    let ehlo = &events[2]["payload"];
    assert_eq!(ehlo["code"], 250);
    assert_eq!(ehlo["command"], "EHLO x");
    assert_eq!(ehlo["lines"][0], "250-mail.example.com");
    assert_eq!(ehlo["lines"].as_array().unwrap().last().unwrap(), "250 CHUNKING");
    assert_eq!(
        events[3]["payload"],
        json!({ "from": "Connected", "to": "Greeted" })
    );
    let delivered = &events[10]["payload"];
    assert_eq!(delivered["mailbox"], "bob");
    assert_eq!(delivered["from"], "alice@example.com");
    assert_eq!(delivered["recipients"], json!(["bob@example.com"]));
    assert!(delivered["bytes"].as_u64().unwrap() > 20);
    assert_eq!(events[12]["payload"], json!({ "from": "Data", "to": "Greeted" }));
}

#[test]
fn observers_see_each_happening_once_even_after_trimming_and_replay() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    let seen = lab.happened.total();
    for _ in 0..100 {
        lab = lab.reduce(Action::Do(Step::Send {
            line: "RSET".into(),
            now: 5,
        }));
    }
    assert_eq!(lab.happened.total(), seen + 100);
    assert_eq!(lab.happened.since(seen).len(), 64, "only the newest are kept");
    assert!(lab.happened.since(lab.happened.total()).is_empty());
    let viewed = lab.clone().reduce(Action::View(Some(3)));
    let branched = viewed.reduce(Action::Do(Step::Send {
        line: "NOOP".into(),
        now: 9,
    }));
    assert_eq!(
        branched.happened.since(lab.happened.total()).len(),
        1,
        "the replay is not news, the NOOP is"
    );
    assert!(
        matches!(branched.happened.last(), Some(Happened::Reply { command: Some(c), .. }) if c == "NOOP")
    );
}

#[test]
fn a_profile_can_be_set_by_message() {
    let lab = Rc::new(Lab::connected(0, 1));
    let lab = lab.reduce(Action::SetProfile {
        profile: Default::default(),
        now: 3,
    });
    assert_eq!(lab.phase(), Phase::Connected, "a new session started");
}

#[test]
fn incoming_messages_are_checked() {
    let send =
        json!({ "source": "smtplab", "v": 1, "type": "send-command", "payload": { "command": "EHLO x" } });
    assert_eq!(
        bridge::request(&send),
        Ok(Some(Request::SendCommand("EHLO x".into())))
    );
    assert_eq!(
        bridge::request(&json!({ "source": "smtplab", "v": 1, "type": "reset" })),
        Ok(Some(Request::Reset))
    );
    assert_eq!(
        bridge::request(&json!({ "subject": "lti.frameResize", "height": 3 })),
        Ok(None),
        "not ours"
    );
    assert_eq!(bridge::request(&json!("hello")), Ok(None));
    assert_eq!(
        bridge::request(&json!({ "source": "smtplab", "v": 1, "type": "wait", "payload": { "ms": 60000 } })),
        Ok(Some(Request::Wait(60_000)))
    );
    let errors = [
        json!({ "source": "smtplab", "v": 1, "type": "wait", "payload": { "ms": 0 } }),
        json!({ "source": "smtplab", "v": 1, "type": "wait", "payload": { "ms": -5 } }),
        json!({ "source": "smtplab", "v": 1, "type": "wait", "payload": { "ms": 86_400_001u64 } }),
        json!({ "source": "smtplab", "v": 1, "type": "wait", "payload": { "ms": "soon" } }),
        json!({ "source": "smtplab", "v": 2, "type": "reset" }),
        json!({ "source": "smtplab", "v": 1, "type": "format-disk" }),
        json!({ "source": "smtplab", "v": 1, "type": "send-command", "payload": { "command": 42 } }),
        json!({ "source": "smtplab", "v": 1, "type": "send-command", "payload": { "command": "NOOP\r\nQUIT" } }),
        json!({ "source": "smtplab", "v": 1, "type": "send-command", "payload": { "command": "x".repeat(5000) } }),
        json!({ "source": "smtplab", "v": 1, "type": "set-profile", "payload": { "profile": "exchange" } }),
    ];
    for message in errors {
        assert!(bridge::request(&message).is_err(), "{message}");
    }
}

#[test]
fn events_go_to_known_origins_and_to_any_only_when_none_is_known() {
    let allowed = vec!["https://moodle.example.edu".to_string()];
    assert_eq!(bridge::targets(&allowed, "https://other.example/x"), allowed);
    assert_eq!(
        bridge::targets(&[], "https://canvas.example.edu/courses/1?x=2"),
        ["https://canvas.example.edu"]
    );
    assert_eq!(bridge::targets(&[], ""), ["*"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&bridge::frame_resize(480)).unwrap(),
        json!({ "subject": "lti.frameResize", "height": 480 })
    );
}
