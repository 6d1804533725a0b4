//! Share links: a session survives the round trip exactly, a typical session fits in a
//! chat message, and hostile links each get their own error instead of a crash.

use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use smtplab_engine::{World, WorldProblem};
use smtplab_web::share::{self, LinkError, MAX_LINK_CHARS, MAX_STEPS};
use smtplab_web::state::{Action, Entry, Lab, Step};
use yew::Reducible;

/// A 30-command session with one message, as a learner types it (a few seconds apart).
fn typical_session() -> Lab {
    let mut lab = Rc::new(Lab::connected(1_764_000_000_000, 42));
    let mut now = 1_764_000_000_000;
    let mut send = |lab: Rc<Lab>, line: &str| {
        now += 4_321;
        lab.reduce(Action::Do(Step::Send {
            line: line.into(),
            now,
        }))
    };
    let commands = [
        "HELO client",
        "EHLO client.example.org",
        "NOOP",
        "HELP",
        "VRFY bob",
        "STARTTLS",
    ];
    for line in commands {
        lab = send(lab, line);
    }
    lab = lab.reduce(Action::Do(Step::Handshake {
        now: 1_764_000_030_000,
    }));
    for line in [
        "EHLO client.example.org",
        "AUTH PLAIN AGFsaWNlAHMzY3JldA==",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "RCPT TO:<nobody@example.com>",
        "RCPT TO:<alice@example.com>",
        "DATA",
    ] {
        lab = send(lab, line);
    }
    lab = lab.reduce(Action::Do(Step::Message {
        text: "From: alice@example.com\nTo: bob@example.com\nSubject: Lab\n\nHello Bob,\n.this line starts with a dot\nBye".into(),
        raw: false,
        now: 1_764_000_090_000,
    }));
    for line in [
        "RSET",
        "MAIL FROM:<>",
        "RCPT TO:<postmaster@example.com>",
        "RSET",
        "NOOP",
        "VRFY alice",
        "EXPN staff",
        "MAIL FROM:<alice@example.com> SIZE=100",
        "RCPT TO:<bob@example.com>",
        "RSET",
        "NOOP",
        "HELP MAIL",
        "EHLO again.example.org",
        "MAIL FROM:<x@y>",
        "RSET",
        "NOOP",
        "QUIT",
    ] {
        lab = send(lab, line);
    }
    Rc::try_unwrap(lab).unwrap()
}

#[test]
fn a_shared_session_replays_to_the_same_state() {
    let lab = typical_session();
    let commands = lab
        .entries
        .iter()
        .filter(|e| matches!(e, Entry::Client { .. }))
        .count();
    assert!(commands >= 30, "{commands} client lines");
    let link = share::encode(&lab);
    let opened = share::decode(&link).expect("the link opens");
    assert_eq!(opened.entries, lab.entries, "the same transcript, times included");
    assert_eq!(opened.session, lab.session, "the same engine state and mailboxes");
    assert_eq!(opened.steps, lab.steps);
    assert_eq!(opened.origin, lab.origin);
    let bob = opened.session.world().user("bob").unwrap();
    assert_eq!(bob.mailbox.len(), 1, "the message was delivered again");
}

#[test]
fn a_typical_session_fits_in_two_thousand_characters() {
    let link = share::encode(&typical_session());
    println!("share link for the 30-command example: {} characters", link.len());
    assert!(link.len() < 2_000, "{} characters", link.len());
}

#[test]
fn a_custom_world_travels_with_the_link() {
    let mut world = World::reference();
    world.hostname = "mx.school.example".into();
    world.policy.starttls = false;
    let lab = Rc::new(Lab::with_world(world.clone(), 7, 1_000));
    let lab = lab.reduce(Action::Do(Step::Send {
        line: "EHLO me".into(),
        now: 2_000,
    }));
    let opened = share::decode(&share::encode(&lab)).unwrap();
    assert_eq!(opened.session.world(), &world);
    assert_eq!(opened.entries, lab.entries);
}

/// A payload made of any JSON, as a hostile link would be.
fn link_of(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

fn error_of(link: &str) -> LinkError {
    match share::decode(link) {
        Ok(_) => panic!("{} opened", &link[..link.len().min(80)]),
        Err(e) => e,
    }
}

#[test]
fn hostile_links_each_get_their_own_error() {
    let good = share::encode(&typical_session());
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let bomb = link_of(&format!(
        "{{\"v\":1,\"s\":1,\"t\":1,\"p\":[],\"x\":\"{}\"}}",
        " ".repeat(4 << 20)
    ));
    let many = format!(
        "{{\"v\":1,\"s\":1,\"t\":1,\"p\":[{}]}}",
        vec!["\"k\""; MAX_STEPS + 1].join(",")
    );
    let not_text = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
        &[0xff, 0xfe, 0x00, 0x80],
        9,
    ));
    type Case = (&'static str, String, fn(&LinkError) -> bool);
    let cases: Vec<Case> = vec![
        ("empty", String::new(), |e| *e == LinkError::Empty),
        ("too long", "A".repeat(MAX_LINK_CHARS + 1), |e| {
            matches!(e, LinkError::TooLong { .. })
        }),
        ("not base64", "abc$def".into(), |e| {
            *e == LinkError::BadBase64 { position: Some(3) }
        }),
        (
            "script in the link itself",
            "<script>alert(1)</script>".into(),
            |e| *e == LinkError::BadBase64 { position: Some(0) },
        ),
        ("base64 cut mid-quantum", "A".into(), |e| {
            *e == LinkError::BadBase64 { position: None }
        }),
        ("truncated", good[..good.len() / 2].to_string(), |e| {
            matches!(e, LinkError::Truncated | LinkError::Damaged)
        }),
        ("random bytes", URL_SAFE_NO_PAD.encode([0xffu8; 64]), |e| {
            *e == LinkError::Damaged
        }),
        ("a zip bomb", bomb, |e| *e == LinkError::TooBig),
        ("not UTF-8", not_text, |e| *e == LinkError::NotText),
        ("deep nesting", link_of(&deep), |e| *e == LinkError::TooDeep),
        ("not JSON", link_of("hello"), |e| {
            matches!(e, LinkError::Schema(_))
        }),
        ("an array", link_of("[1,2,3]"), |e| {
            matches!(e, LinkError::Schema(_))
        }),
        (
            "no version",
            link_of(r#"{"s":1,"t":1,"p":[]}"#),
            |e| matches!(e, LinkError::Schema(m) if m.contains("missing field `v`")),
        ),
        ("a newer version", link_of(r#"{"v":2,"s":1,"t":1,"p":[]}"#), |e| {
            *e == LinkError::Version { found: 2 }
        }),
        (
            "unknown field",
            link_of(r#"{"v":1,"s":1,"t":1,"p":[],"admin":true}"#),
            |e| matches!(e, LinkError::Schema(m) if m.contains("unknown field `admin`")),
        ),
        (
            "unknown step",
            link_of(r#"{"v":1,"s":1,"t":1,"p":[{"rm":[0,"-rf"]}]}"#),
            |e| matches!(e, LinkError::Schema(m) if m.contains("unknown variant `rm`")),
        ),
        (
            "a seed too big",
            link_of(r#"{"v":1,"s":184467440737095516160,"t":1,"p":[]}"#),
            |e| matches!(e, LinkError::Schema(_)),
        ),
        (
            "a float time",
            link_of(r#"{"v":1,"s":1,"t":1e300,"p":[]}"#),
            |e| matches!(e, LinkError::Schema(_)),
        ),
        (
            "a start past 2^53",
            link_of(r#"{"v":1,"s":1,"t":18446744073709551615,"p":[]}"#),
            |e| *e == LinkError::TimeOutOfRange,
        ),
        (
            "time running backwards past zero",
            link_of(r#"{"v":1,"s":1,"t":5,"p":[{"c":[-10,"NOOP"]}]}"#),
            |e| *e == LinkError::TimeOutOfRange,
        ),
        (
            "a wait longer than a day",
            link_of(r#"{"v":1,"s":1,"t":5,"p":[{"t":[1,86400001]}]}"#),
            |e| *e == LinkError::TimeOutOfRange,
        ),
        (
            "a wait past 2^53",
            link_of(r#"{"v":1,"s":1,"t":9007199254740000,"p":[{"t":[1,86400000]}]}"#),
            |e| *e == LinkError::TimeOutOfRange,
        ),
        ("too many steps", link_of(&many), |e| {
            matches!(e, LinkError::TooManySteps { .. })
        }),
        (
            "an invalid world",
            link_of(r#"{"v":1,"w":{"hostname":""},"s":1,"t":1,"p":[]}"#),
            |e| matches!(e, LinkError::World(WorldProblem::HostName { name }) if name.is_empty()),
        ),
        (
            "an invalid world in a step",
            link_of(r#"{"v":1,"s":1,"t":1,"p":[{"w":[0,{"limits":{"recipients":0}},1]}]}"#),
            |e| *e == LinkError::World(WorldProblem::NoRecipients),
        ),
    ];
    assert!(cases.len() >= 15);
    for (name, link, expected) in cases {
        let error = error_of(&link);
        assert!(expected(&error), "{name}: got {error:?}");
        let message = error.to_string();
        assert!(
            message.len() > 15 && !message.contains('{'),
            "{name}: says {message:?}"
        );
    }
}

#[test]
fn strings_from_a_link_stay_text_and_odd_worlds_do_not_crash() {
    let hostile = r#"{"v":1,"w":{"limits":{"idle_timeout_secs":18446744073709551615,"error_delay_ms":18446744073709551615,"soft_errors":0,"junk_commands":4294967295,"message_size":18446744073709551615}},"s":18446744073709551615,"t":0,"p":[{"c":[0,"<img src=x onerror=alert(1)>"]},{"p":[1,["NOOP","<script>alert(2)</script>"]]},{"h":0},{"m":[0,"\u0000\u0007",true]},{"x":9007199254740991}]}"#;
    let lab = share::decode(&link_of(hostile)).expect("a strange but valid session opens");
    let texts: Vec<&str> = lab
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Client { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains(&"<img src=x onerror=alert(1)>"),
        "kept as the text it is: {texts:?}"
    );
}
