//! Failure injection: a world's rules answer, delay or drop what they match, by verb,
//! address, nth occurrence and seeded chance; greylisting answers as Postfix 3.7 with
//! Debian's postgrey does (`fixtures/postgrey-1.37.txt`), in simulated time.

mod common;

use common::T0;
use smtplab_engine::events::{Event, Side};
use smtplab_engine::rules::{Effect, Rule};
use smtplab_engine::{EnhancedCode, Input, Output, Peer, Phase, Session, World};

fn session(world: World, seed: u64, now: u64) -> Session {
    let mut session = Session::new(world, seed);
    session
        .handle_input(Input::Connected {
            now,
            peer: Peer::default(),
        })
        .unwrap();
    session
}

/// Sends a line; returns the reply lines and what else came out.
fn send(session: &mut Session, now: u64, line: &str) -> (Vec<String>, Vec<Output>) {
    while session.poll_output().is_some() {}
    session
        .handle_input(Input::Bytes {
            now,
            data: format!("{line}\r\n").into_bytes(),
        })
        .unwrap();
    let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
    let lines = outputs
        .iter()
        .filter_map(|o| match o {
            Output::Reply { reply, .. } => Some(reply.text_lines()),
            _ => None,
        })
        .flatten()
        .collect();
    (lines, outputs)
}

fn rule(verb: &str, then: Effect) -> Rule {
    Rule {
        verb: Some(serde_json::from_value(serde_json::json!(verb)).unwrap()),
        address: None,
        nth: None,
        percent: None,
        then,
    }
}

fn reply(code: u16, enhanced: Option<(u8, u16, u16)>, text: &str) -> Effect {
    Effect::Reply {
        code,
        enhanced: enhanced.map(|(a, b, c)| EnhancedCode(a, b, c)),
        text: text.into(),
    }
}

#[test]
fn a_rule_answers_for_the_addresses_it_matches() {
    let mut world = World::reference();
    world.rules = vec![Rule {
        address: Some("bob@*".into()),
        ..rule(
            "Rcpt",
            reply(451, Some((4, 3, 0)), "Error: queue file write error"),
        )
    }];
    let mut s = session(world, 1, T0);
    send(&mut s, T0, "EHLO x");
    send(&mut s, T0, "MAIL FROM:<a@example.org>");
    assert_eq!(
        send(&mut s, T0, "RCPT TO:<BOB@example.com>").0,
        ["451 4.3.0 Error: queue file write error"]
    );
    assert_eq!(
        send(&mut s, T0, "RCPT TO:<alice@example.com>").0,
        ["250 2.1.5 Ok"]
    );
}

#[test]
fn the_nth_match_fires_once_and_a_421_closes() {
    let mut world = World::reference();
    world.rules = vec![Rule {
        nth: Some(2),
        ..rule(
            "Mail",
            reply(421, Some((4, 7, 0)), "mail.example.com Error: too many errors"),
        )
    }];
    let mut s = session(world, 1, T0);
    send(&mut s, T0, "EHLO x");
    assert_eq!(send(&mut s, T0, "MAIL FROM:<a@example.org>").0, ["250 2.1.0 Ok"]);
    send(&mut s, T0, "RSET");
    let (lines, outputs) = send(&mut s, T0, "MAIL FROM:<a@example.org>");
    assert_eq!(lines, ["421 4.7.0 mail.example.com Error: too many errors"]);
    assert!(outputs.iter().any(|o| matches!(o, Output::Close)));
    assert_eq!(s.phase(), Phase::Closed);
}

#[test]
fn chance_is_drawn_from_the_seed_so_a_session_replays_exactly() {
    let run = |seed: u64| -> Vec<bool> {
        let mut world = World::reference();
        world.rules = vec![Rule {
            percent: Some(30),
            ..rule("Noop", reply(250, None, "lucky"))
        }];
        let mut s = session(world, seed, T0);
        (0..60)
            .map(|i| send(&mut s, T0 + i, "NOOP").0 == ["250 lucky"])
            .collect()
    };
    let fired = run(7).iter().filter(|&&f| f).count();
    assert!((8..=30).contains(&fired), "about 30% of 60: {fired}");
    assert_eq!(run(7), run(7), "the same seed, the same session");
    assert_ne!(run(7), run(8), "another seed, another draw");
}

#[test]
fn a_delay_moves_the_reply_later_in_simulated_time() {
    let mut world = World::reference();
    world.rules = vec![rule("Ehlo", Effect::Delay { ms: 5_000 })];
    let mut s = session(world, 1, T0);
    let (lines, outputs) = send(&mut s, T0 + 10, "EHLO x");
    assert_eq!(lines[0], "250-mail.example.com");
    let due = outputs.iter().find_map(|o| match o {
        Output::Reply { due, .. } => Some(*due),
        _ => None,
    });
    assert_eq!(due, Some(T0 + 10 + 5_000));
    let (_, outputs) = send(&mut s, T0 + 20, "NOOP");
    assert!(
        outputs
            .iter()
            .all(|o| !matches!(o, Output::Reply { due, .. } if *due > T0 + 5_010 + 20)),
        "only that reply"
    );
}

#[test]
fn a_disconnect_drops_the_connection_without_a_word() {
    let mut world = World::reference();
    world.rules = vec![rule("Data", Effect::Disconnect)];
    let mut s = session(world, 1, T0);
    for line in ["EHLO x", "MAIL FROM:<a@example.org>", "RCPT TO:<bob@example.com>"] {
        send(&mut s, T0, line);
    }
    let (lines, outputs) = send(&mut s, T0, "DATA");
    assert!(lines.is_empty());
    assert!(outputs.iter().any(|o| matches!(o, Output::Close)));
    assert!(outputs.iter().any(|o| matches!(
        o,
        Output::Event(Event::Disconnected {
            by: Side::Server,
            why: None
        })
    )));
}

#[test]
fn greylisting_answers_like_postfix_with_postgrey_and_lets_the_retry_through() {
    let mut world = World::reference();
    world.policy.greylisting = Some(300);
    let mut s = session(world, 1, T0);
    send(&mut s, T0, "EHLO client.example.org");
    send(&mut s, T0, "MAIL FROM:<carol@example.org>");
    // Recorded (fixtures/postgrey-1.37.txt): the first attempt, even for an unknown user.
    assert_eq!(
        send(&mut s, T0, "RCPT TO:<alice@example.com>").0,
        ["450 4.2.0 <alice@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html"]
    );
    assert_eq!(
        send(&mut s, T0, "RCPT TO:<nobody@example.com>").0,
        ["450 4.2.0 <nobody@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html"]
    );
    // The relay check comes before the policy service.
    assert!(send(&mut s, T0, "RCPT TO:<x@elsewhere.example>").0[0].starts_with("454 4.7.1"));
    // Too soon.
    assert!(send(&mut s, T0 + 60_000, "RCPT TO:<alice@example.com>").0[0].starts_with("450 4.2.0"));
    send(&mut s, T0 + 60_000, "QUIT");

    // Five minutes later, a new connection to the same server (the world keeps the database).
    let later = T0 + 301_000;
    let mut s = session(s.world().clone(), 1, later);
    send(&mut s, later, "EHLO client.example.org");
    send(&mut s, later, "MAIL FROM:<carol@example.org>");
    assert_eq!(
        send(&mut s, later, "RCPT TO:<alice@example.com>").0,
        ["250 2.1.5 Ok"]
    );
    assert_eq!(
        send(&mut s, later, "RCPT TO:<nobody@example.com>").0[0],
        "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table"
    );
    send(&mut s, later, "DATA");
    send(&mut s, later, "Subject: one\r\n\r\nhello\r\n.");
    send(&mut s, later, "MAIL FROM:<carol@example.org>");
    send(&mut s, later, "RCPT TO:<alice@example.com>");
    send(&mut s, later, "DATA");
    send(&mut s, later, "Subject: two\r\n\r\nhello again\r\n.");
    let mailbox = &s.world().user("alice").unwrap().mailbox;
    assert_eq!(mailbox.len(), 2);
    let greylist_header = |i: usize| {
        mailbox[i]
            .headers()
            .into_iter()
            .find(|(name, _)| name == "X-Greylist")
    };
    assert_eq!(
        greylist_header(0).map(|(_, value)| value),
        Some(
            "delayed 301 seconds by postgrey-1.37 at mail.example.com; Sun, 29 Nov 2026 02:13:17 UTC"
                .to_string()
        )
    );
    assert!(
        mailbox[0].source.find("X-Greylist:") < mailbox[0].source.find("Received:"),
        "above Received, as recorded"
    );
    assert_eq!(
        greylist_header(1),
        None,
        "postgrey marks only the first message that gets through"
    );
}

#[test]
fn a_refused_bdat_chunk_is_thrown_away_not_read_as_commands() {
    let mut world = World::reference();
    world.rules = vec![rule(
        "Bdat",
        reply(452, Some((4, 3, 1)), "Insufficient system storage"),
    )];
    let mut s = session(world, 1, T0);
    for line in ["EHLO x", "MAIL FROM:<a@example.org>", "RCPT TO:<bob@example.com>"] {
        send(&mut s, T0, line);
    }
    // The chunk is a line that looks like a command: it must not be answered.
    let (lines, _) = send(&mut s, T0, "BDAT 6 LAST\r\nQUIT\r\nNOOP");
    assert_eq!(lines, ["452 4.3.1 Insufficient system storage", "250 2.0.0 Ok"]);
    assert_ne!(s.phase(), Phase::Closed, "the QUIT inside the chunk was data");
}

#[test]
fn rules_are_checked_and_errors_name_the_field() {
    let cases = [
        (
            r#"{"rules": [{"then": {"reply": {"code": 700, "text": "x"}}}]}"#,
            "rules[0].then.code: 700 is not an SMTP reply code",
        ),
        (
            r#"{"rules": [{"then": {"reply": {"code": 550, "enhanced": [4, 7, 1], "text": "x"}}}]}"#,
            "rules[0].then.enhanced: its class 4 does not fit code 550",
        ),
        (
            r#"{"rules": [{"then": "disconnect"}, {"nth": 0, "then": "disconnect"}]}"#,
            "rules[1].nth: counts from 1",
        ),
        (
            r#"{"rules": [{"percent": 101, "then": "disconnect"}]}"#,
            "rules[0].percent: at most 100",
        ),
        (
            r#"{"rules": [{"verb": "Data", "then": {"reply": {"code": 354, "text": "go ahead"}}}]}"#,
            "rules[0].then.code: 354 asks for more input",
        ),
        (
            r#"{"limits": {"line_length": 1000000}}"#,
            "limits.line_length: from 64 to 16384",
        ),
        (
            r#"{"rules": [{"then": {"reply": {"code": 450, "text": "two\nlines"}}}]}"#,
            "rules[0].then.text: one line",
        ),
        (
            r#"{"rules": [{"then": {"delay": {"ms": 99999999}}}]}"#,
            "rules[0].then.ms: at most",
        ),
        (
            r#"{"rules": [{"verb": "Nope", "then": "disconnect"}]}"#,
            "unknown variant `Nope`",
        ),
        (r#"{"rules": [{"then": "explode"}]}"#, "unknown variant `explode`"),
        (
            r#"{"policy": {"greylisting": 99999999}}"#,
            "policy.greylisting: at most",
        ),
    ];
    for (json, expected) in cases {
        let error = World::from_json(json).unwrap_err().to_string();
        assert!(error.contains(expected), "{json}: {error}");
    }
    let ok = World::from_json(
        r#"{"rules": [{"verb": "Rcpt", "address": "*@example.org", "nth": 1, "percent": 50, "then": {"reply": {"code": 450, "enhanced": [4, 7, 1], "text": "try later"}}}]}"#,
    );
    assert!(ok.is_ok(), "{ok:?}");
}
