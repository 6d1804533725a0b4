//! The hand-written world codec (`smtplab_engine::json`, used by the browser app) against
//! the serde derives it replaced: the same text out, the same worlds in, the same inputs
//! refused. A fixed world file, written by the derives before the codec existed, must
//! keep reading to the same world.

use std::sync::Arc;

use smtplab_engine::reply::EnhancedCode;
use smtplab_engine::rules::{Effect, Rule, Triplet};
use smtplab_engine::world::{Alias, Profile, User};
use smtplab_engine::{Message, Verb, World};

/// A world that uses every field, every effect and awkward text.
fn rich() -> World {
    let mut world = World::preset(Profile::Exim);
    world.users.push(User {
        name: "carol".into(),
        password: Some("p\"a\\s\ts\u{1}\u{7f}é✉😀".into()),
        mailbox: vec![Arc::new(Message {
            queue_id: "4XyZ1".into(),
            mail_from: String::new(),
            rcpt_to: vec!["carol@example.com".into(), "x@[192.0.2.1]".into()],
            received_at: u64::MAX,
            source: "Subject: hi\r\n\r\nline\u{8}\u{c}\u{1f}\r\n".into(),
        })],
    });
    world.aliases.push(Alias {
        name: "team".into(),
        members: vec!["alice".into(), "carol".into()],
    });
    world.rules = vec![
        Rule {
            verb: Some(Verb::StartTls),
            address: Some("*@example.org".into()),
            nth: Some(u32::MAX),
            percent: Some(50),
            then: Effect::Reply {
                code: 450,
                enhanced: Some(EnhancedCode(4, 7, 1)),
                text: "try later".into(),
            },
        },
        Rule {
            verb: None,
            address: None,
            nth: None,
            percent: None,
            then: Effect::Reply {
                code: 554,
                enhanced: None,
                text: "no".into(),
            },
        },
        Rule {
            verb: Some(Verb::Rcpt),
            address: None,
            nth: None,
            percent: None,
            then: Effect::Delay { ms: 1500 },
        },
        Rule {
            verb: Some(Verb::Data),
            address: None,
            nth: Some(2),
            percent: None,
            then: Effect::Disconnect,
        },
    ];
    world.greylist.push(Triplet {
        sender: "a@b".into(),
        recipient: "c@d".into(),
        first_seen: 1 << 53,
        passed: true,
    });
    world.greeting_notice = vec!["We do not authorize \"this\"".into()];
    world.policy.greylisting = Some(300);
    world.limits.recipients = 7;
    world
}

fn worlds() -> Vec<World> {
    let mut worlds: Vec<World> = Profile::ALL.iter().map(|p| World::preset(*p)).collect();
    worlds.push(World::reference());
    worlds.push(rich());
    worlds
}

#[test]
fn writes_what_serde_wrote() {
    for world in worlds() {
        assert_eq!(world.to_compact_json(), serde_json::to_string(&world).unwrap());
        assert_eq!(world.to_json(), serde_json::to_string_pretty(&world).unwrap());
    }
}

#[test]
fn reads_what_serde_read() {
    for world in worlds() {
        let json = serde_json::to_string(&world).unwrap();
        assert_eq!(World::from_json(&json).unwrap(), world);
        assert_eq!(serde_json::from_str::<World>(&json).unwrap(), world);
    }
}

/// Written by the serde derives (`World::to_json` before the hand-written codec).
const OLD_WORLD: &str = include_str!("fixtures/world-v1.json");

#[test]
fn an_old_world_file_still_reads() {
    let world = World::from_json(OLD_WORLD).unwrap();
    assert_eq!(world, rich());
    assert_eq!(world.to_json(), OLD_WORLD.trim_end());
}

/// serde also read a struct from an array of its fields in order (`[]` was the reference
/// world); no writer of ours ever wrote one, and the codec refuses it.
#[test]
fn a_struct_as_an_array_is_refused() {
    assert!(serde_json::from_str::<World>("[]").is_ok());
    assert!(World::from_json("[]").is_err());
}

/// Inputs both readers take or both refuse, and when both take them, the same world.
#[test]
fn accepts_and_refuses_as_serde_did() {
    let cases = [
        "{}",
        r#"{"profile": "gmail"}"#,
        r#"{"profile": {"gmail": null}}"#,
        r#"{"profile": "sendmail"}"#,
        r#"{"profile": 1}"#,
        r#"{"hostname": "mx.example"}"#,
        r#"{"hostname": null}"#,
        r#"{"nope": 1}"#,
        r#"{"limits": {"recipients": "many"}}"#,
        r#"{"limits": {"recipients": 5}}"#,
        r#"{"limits": {"recipients": -5}}"#,
        r#"{"limits": {"recipients": 5.0}}"#,
        r#"{"limits": {"soft_errors": 4294967296}}"#,
        r#"{"limits": {"soft_errors": 4294967295}}"#,
        r#"{"limits": {"message_size": 18446744073709551615}}"#,
        r#"{"limits": {"message_size": 18446744073709551616}}"#,
        r#"{"limits": {"typo": 1}}"#,
        r#"{"limits": null}"#,
        r#"{"policy": {"greylisting": null}}"#,
        r#"{"policy": {"greylisting": 60, "starttls": false}}"#,
        r#"{"policy": {"starttls": 0}}"#,
        r#"{"policy": {"starttls": null}}"#,
        r#"{"users": [{"name": "x"}]}"#,
        r#"{"users": [{"name": "x", "password": null, "mailbox": []}]}"#,
        r#"{"users": [{"password": "x"}]}"#,
        r#"{"users": [{"name": "x", "age": 3}]}"#,
        r#"{"users": [{"name": "x", "mailbox": [{"queue_id": "q", "mail_from": "", "rcpt_to": [], "received_at": 1, "source": "", "extra": 1}]}]}"#,
        r#"{"users": [{"name": "x", "mailbox": [{"queue_id": "q", "mail_from": "", "rcpt_to": [], "source": ""}]}]}"#,
        r#"{"users": {"name": "x"}}"#,
        r#"{"aliases": [{"name": "a", "members": ["b"]}]}"#,
        r#"{"aliases": [{"name": "a"}]}"#,
        r#"{"rules": [{"then": "disconnect"}]}"#,
        r#"{"rules": [{"then": {"disconnect": null}}]}"#,
        r#"{"rules": [{"then": {"disconnect": 1}}]}"#,
        r#"{"rules": [{"then": "delay"}]}"#,
        r#"{"rules": [{"then": {"delay": {"ms": 5}}}]}"#,
        r#"{"rules": [{"then": {"delay": {"ms": 5, "x": 1}}}]}"#,
        r#"{"rules": [{"then": {"delay": {}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"code": 450, "text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"code": 450, "enhanced": [4, 7], "text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"code": 450, "enhanced": [4, 7, 1, 1], "text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"code": 450, "enhanced": [256, 7, 1], "text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"code": 70000, "text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"reply": {"text": "x"}}}]}"#,
        r#"{"rules": [{"then": {"explode": {}}}]}"#,
        r#"{"rules": [{"then": {"delay": {"ms": 5}, "reply": {}}}]}"#,
        r#"{"rules": [{"verb": "Rcpt", "then": "disconnect"}]}"#,
        r#"{"rules": [{"verb": "RCPT", "then": "disconnect"}]}"#,
        r#"{"rules": [{"verb": null, "nth": null, "percent": null, "address": null, "then": "disconnect"}]}"#,
        r#"{"rules": [{"percent": 256, "then": "disconnect"}]}"#,
        r#"{"rules": [{"verb": "Data"}]}"#,
        r#"{"greylist": [{"sender": "a", "recipient": "b", "first_seen": 3}]}"#,
        r#"{"greylist": [{"sender": "a", "recipient": "b"}]}"#,
        r#"{"greeting_notice": ["a", "b"]}"#,
        r#"{"greeting_notice": "a"}"#,
        r#""world""#,
        r#"null"#,
    ];
    for json in cases {
        let ours = World::from_json(json);
        let theirs = serde_json::from_str::<World>(json)
            .map_err(|e| e.to_string())
            .and_then(|w| w.validate().map(|()| w).map_err(|e| e.to_string()));
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{json}: ours {ours:?}, serde's {theirs:?}"),
        }
    }
}

#[test]
fn errors_name_the_field() {
    let cases = [
        (
            r#"{"limits": {"recipients": "many"}}"#,
            "limits.recipients: invalid type: string \"many\", expected usize",
        ),
        (
            r#"{"nope": 1}"#,
            "unknown field `nope`, expected one of `profile`, `hostname`",
        ),
        (
            r#"{"users": [{"name": "x", "age": 3}]}"#,
            "users[0]: unknown field `age`, expected one of `name`, `password`, `mailbox`",
        ),
        (
            r#"{"rules": [{"verb": "Data"}]}"#,
            "rules[0]: missing field `then`",
        ),
        (
            r#"{"rules": [{"then": "explode"}]}"#,
            "rules[0].then: unknown variant `explode`, expected one of `reply`, `delay`, `disconnect`",
        ),
        (
            r#"{"rules": [{"then": {"reply": {"code": 450, "enhanced": [256, 7, 1], "text": "x"}}}]}"#,
            "rules[0].then.enhanced[0]: invalid value: integer `256`, expected u8",
        ),
        ("{", "EOF while parsing an object at line 1 column 1"),
    ];
    for (json, expected) in cases {
        let error = match World::from_json(json).unwrap_err() {
            smtplab_engine::WorldError::Format(why) => why,
            invalid => panic!("{json}: read, then refused: {invalid}"),
        };
        assert!(error.starts_with(expected), "{json}: {error}");
    }
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    let mut every: String = (0u8..=0x7f).map(char::from).collect();
    every.push_str("é ✉ 😀 \u{2028} \u{fffd}");
    for text in [every.as_str(), "", "plain", "\"", "\\", "\u{0}"] {
        let mut out = smtplab_engine::json::Writer::new();
        out.open_array()
            .string(text)
            .u64(u64::MAX)
            .i64(i64::MIN)
            .bool(false)
            .null();
        out.close_array();
        let expected = serde_json::to_string(&serde_json::json!([text, u64::MAX, i64::MIN, false, null]));
        assert_eq!(out.finish(), expected.unwrap());
    }
}
