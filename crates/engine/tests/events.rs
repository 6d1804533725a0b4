//! The typed events agree with the replies, for every golden transcript: one
//! `MessageAccepted` per queued reply, one `TransactionStarted` per accepted MAIL, one
//! `RecipientAccepted` per accepted RCPT, phase changes that chain and that the state
//! diagram's table allows, and one `Disconnected` exactly when the session ends closed.

use std::path::Path;

use smtplab_engine::events::{Event, Side};
use smtplab_engine::sasl::{cram_digest, decode, encode};
mod common;
use smtplab_engine::table::{Trigger, TRANSITIONS};
use smtplab_engine::transcript::{client_events, Event as Client};
use smtplab_engine::{Input, Output, Peer, Phase, Reply, ReplyKind, Session, World};

/// Plays a transcript's client side; returns the replies and events, in order.
fn play(text: &str) -> (Vec<Output>, Session) {
    play_in(text, World::reference())
}

/// The same in the world the transcript names over `base` (its listener, its profile).
fn play_in(text: &str, base: World) -> (Vec<Output>, Session) {
    let world = smtplab_engine::transcript::world_for(text, base);
    let mut session = Session::new(world, 7);
    let mut outputs = Vec::new();
    let mut now = 1_000;
    session
        .handle_input(Input::Connected {
            now,
            peer: Peer::default(),
        })
        .unwrap();
    outputs.extend(std::iter::from_fn(|| session.poll_output()));
    for (_, event) in client_events(text) {
        now += 1_000;
        let input = match event {
            Client::Line(l) => Input::Bytes {
                now,
                data: format!("{l}\r\n").into_bytes(),
            },
            Client::Raw(bytes) => Input::Bytes { now, data: bytes },
            Client::Handshake => Input::TlsEstablished { now },
            Client::Cram { user, password } => {
                let challenge = outputs.iter().rev().find_map(|o| match o {
                    Output::Reply { reply, .. } if reply.code == 334 => decode(&reply.text().lines().next()?),
                    _ => None,
                });
                let challenge = String::from_utf8(challenge.unwrap_or_default()).unwrap();
                let answer = encode(format!("{user} {}", cram_digest(&password, &challenge)).as_bytes());
                Input::Bytes {
                    now,
                    data: format!("{answer}\r\n").into_bytes(),
                }
            }
            Client::Wait(seconds) => {
                now += seconds * 1_000;
                Input::Tick { now }
            }
            Client::Close => Input::PeerClosed { now },
            Client::Filler(octets) => Input::Bytes {
                now,
                data: smtplab_engine::transcript::filler(octets),
            },
            _ => continue,
        };
        if session.handle_input(input).is_err() {
            break;
        }
        outputs.extend(std::iter::from_fn(|| session.poll_output()));
    }
    (outputs, session)
}

fn replies(outputs: &[Output]) -> impl Iterator<Item = &Reply> {
    outputs.iter().filter_map(|o| match o {
        Output::Reply { reply, .. } => Some(reply),
        _ => None,
    })
}

fn events(outputs: &[Output]) -> impl Iterator<Item = &Event> {
    outputs.iter().filter_map(|o| match o {
        Output::Event(event) => Some(event),
        _ => None,
    })
}

fn count(outputs: &[Output], what: fn(&Event) -> bool) -> usize {
    events(outputs).filter(|e| what(e)).count()
}

fn kinds(outputs: &[Output], what: fn(&ReplyKind) -> bool) -> usize {
    replies(outputs).filter(|r| what(&r.kind)).count()
}

#[test]
fn events_agree_with_the_replies_of_every_golden_transcript() {
    use smtplab_engine::world::Profile;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    // Postfix's and Exim's recordings, and the sessions assembled from Gmail's and
    // Microsoft 365's transcripts (which name their profile in their header).
    check_corpus(&root.join("golden"), World::reference());
    check_corpus(&root.join("golden/exim"), World::preset(Profile::Exim));
    check_corpus(&root.join("sourced"), World::reference());
}

fn check_corpus(dir: &Path, base: World) {
    let files = common::transcripts(dir);
    assert!(files.len() >= 4, "{}", dir.display());
    let mut seen = [0usize; 4];
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (outputs, session) = play_in(&std::fs::read_to_string(path).unwrap(), base.clone());
        let queued = kinds(&outputs, |k| {
            matches!(k, ReplyKind::Queued { .. } | ReplyKind::BdatQueued { .. })
        });
        assert_eq!(
            count(&outputs, |e| matches!(e, Event::MessageAccepted { .. })),
            queued,
            "{name}: MessageAccepted"
        );
        assert_eq!(
            count(&outputs, |e| matches!(e, Event::TransactionStarted { .. })),
            kinds(&outputs, |k| matches!(k, ReplyKind::MailOk)),
            "{name}: TransactionStarted"
        );
        assert_eq!(
            count(&outputs, |e| matches!(e, Event::RecipientAccepted { .. })),
            kinds(&outputs, |k| matches!(k, ReplyKind::RcptOk)),
            "{name}: RecipientAccepted"
        );
        assert_eq!(
            count(&outputs, |e| matches!(e, Event::Authenticated { .. })),
            kinds(&outputs, |k| matches!(k, ReplyKind::AuthOk)),
            "{name}: Authenticated"
        );
        let errors = replies(&outputs).filter(|r| r.is_error()).count();
        let counted: Vec<u32> = events(&outputs)
            .filter_map(|e| match e {
                Event::ErrorCounted { errors } => Some(*errors),
                _ => None,
            })
            .collect();
        assert_eq!(
            counted.last().copied().unwrap_or(0),
            session.error_count(),
            "{name}: ErrorCounted ends at the count"
        );
        assert!(
            counted.windows(2).all(|w| w[0] < w[1])
                && counted.len() <= errors + session.error_count() as usize,
            "{name}: ErrorCounted only when the count grows: {counted:?}"
        );

        check_chain(&name, &outputs, &session);
        let closed = count(&outputs, |e| matches!(e, Event::Disconnected { .. }));
        assert_eq!(
            closed,
            usize::from(session.phase() == Phase::Closed),
            "{name}: Disconnected"
        );
        seen[0] += queued;
        seen[1] += count(&outputs, |e| matches!(e, Event::Pipelined { .. }));
        seen[2] += count(&outputs, |e| matches!(e, Event::TransactionAborted { .. }));
        seen[3] += count(&outputs, |e| matches!(e, Event::TlsEstablished));
    }
    assert!(
        seen[0] > 0 && seen[3] > 0,
        "{}: messages and TLS occur in the corpus: {seen:?}",
        dir.display()
    );
    if files.len() >= 60 {
        assert!(
            seen.iter().all(|&n| n > 0),
            "{}: every kind of event occurs in the corpus: {seen:?}",
            dir.display()
        );
    }
}

/// Phase changes chain from Disconnected to where the session is, each one either drawn
/// in the state diagram or a hang-up.
fn check_chain(name: &str, outputs: &[Output], session: &Session) {
    let mut phase = Phase::Disconnected;
    for event in events(outputs) {
        if let Event::PhaseChanged { from, to, trigger } = event {
            assert_eq!(*from, phase, "{name}: the chain breaks at {event:?}");
            let drawn = TRANSITIONS.contains(&(*from, *trigger, *to));
            let hangup =
                *to == Phase::Closed && matches!(trigger, Trigger::ServerClosed | Trigger::ClientClosed);
            assert!(
                drawn || hangup,
                "{name}: {from:?} --{trigger:?}--> {to:?} is not in the state diagram"
            );
            phase = *to;
        }
    }
    assert_eq!(
        phase,
        session.phase(),
        "{name}: the last PhaseChanged is the phase"
    );
}

#[test]
fn transactions_without_helo_end_where_they_began_and_the_diagram_says_so() {
    for script in [
        "C: MAIL FROM:<a@example.org>\nC: RSET\n",
        "C: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: RSET\n",
        "C: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: hi\nC: .\n",
        "C: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 2\nR: hi\nC: RSET\n",
        "C: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 2\nR: hi\nC: BDAT 0 LAST\n",
        "C: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 2 LAST\nR: hi\n",
    ] {
        let (outputs, session) = play(script);
        assert_eq!(session.phase(), Phase::Connected, "{script}");
        check_chain(script, &outputs, &session);
    }
}

#[test]
fn a_session_tells_its_story_in_events() {
    let text = "C: EHLO x\nC: STARTTLS\nT: handshake\nC: EHLO x\nC: AUTH PLAIN AGFsaWNlAHMzY3JldA==\n\
                R: MAIL FROM:<alice@example.com>\\r\\nRCPT TO:<bob@example.com>\\r\\nRCPT TO:<nobody@example.com>\\r\\nDATA\\r\\n\n\
                R: hi\\r\\n.\\r\\n\nC: MAIL FROM:<>\nC: RSET\nC: QUIT\n";
    let (outputs, _) = play(text);
    let story: Vec<String> = events(&outputs)
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    let expected = [
        r#"{"phase-changed":{"from":"Disconnected","to":"Connected","trigger":"Connect"}}"#,
        r#"{"phase-changed":{"from":"Connected","to":"Greeted","trigger":{"Command":"Ehlo"}}}"#,
        r#"{"phase-changed":{"from":"Greeted","to":"TlsHandshake","trigger":{"Command":"StartTls"}}}"#,
        r#"{"phase-changed":{"from":"TlsHandshake","to":"Connected","trigger":"Handshake"}}"#,
        r#""tls-established""#,
        r#"{"phase-changed":{"from":"Connected","to":"Greeted","trigger":{"Command":"Ehlo"}}}"#,
        r#"{"authenticated":{"mechanism":"PLAIN","user":"alice"}}"#,
        r#"{"phase-changed":{"from":"Greeted","to":"Mail","trigger":{"Command":"Mail"}}}"#,
        r#"{"transaction-started":{"sender":"alice@example.com"}}"#,
        r#"{"phase-changed":{"from":"Mail","to":"Rcpt","trigger":{"Command":"Rcpt"}}}"#,
        r#"{"recipient-accepted":{"address":"bob@example.com"}}"#,
        r#"{"recipient-rejected":{"code":550}}"#,
        r#"{"error-counted":{"errors":1}}"#,
        r#"{"phase-changed":{"from":"Rcpt","to":"Data","trigger":{"Command":"Data"}}}"#,
        r#"{"pipelined":{"commands":["Mail","Rcpt","Rcpt","Data"]}}"#,
        r#"{"data-ended":{"lines":1}}"#,
        r#"{"phase-changed":{"from":"Data","to":"Greeted","trigger":"EndOfMessage"}}"#,
    ];
    assert_eq!(story[..expected.len()], expected);
    assert!(story[expected.len()].starts_with(r#"{"message-accepted":{"queue_id":""#));
    assert!(story[expected.len()].ends_with(r#"","bytes":4,"via":"data"}}"#));
    let rest = &story[expected.len() + 1..];
    assert_eq!(rest[3], r#"{"transaction-aborted":{"why":{"reset":"Rset"}}}"#);
    assert!(matches!(
        events(&outputs).last(),
        Some(Event::Disconnected {
            by: Side::Server,
            why: Some(ReplyKind::Bye)
        })
    ));
}

#[test]
fn every_reply_names_the_command_it_answers() {
    let text = "C: EHLO x\nC: EXPN postmaster\nC: HELP\nC: FOO\nC: NOOP\nC: VRFY bob\n\
                C: AUTH LOGIN\nC: YWxpY2U=\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\n\
                C: DATA\nC: hi\nC: .\nC: QUIT\n";
    let (outputs, _) = play(text);
    let answered: Vec<(Option<&str>, u16)> = replies(&outputs)
        .map(|r| (r.answers.map(|v| v.name()), r.code))
        .collect();
    assert_eq!(
        answered,
        [
            (None, 220),
            (Some("EHLO"), 250),
            (Some("EXPN"), 500),
            (Some("HELP"), 500),
            (None, 500),
            (Some("NOOP"), 250),
            (Some("VRFY"), 252),
            (Some("AUTH"), 503),
            (None, 500),
            (Some("MAIL"), 250),
            (Some("RCPT"), 250),
            (Some("DATA"), 354),
            (Some("DATA"), 250),
            (Some("QUIT"), 221),
        ]
    );
}

/// The lines the server read as a DATA body, however they came: pipelined behind DATA
/// (one write), with a stuffed dot and an empty line, and also when the message is refused.
#[test]
fn data_ended_counts_the_body_lines_the_server_read() {
    let lines_of = |script: &str| -> Vec<u64> {
        let (outputs, _) = play(script);
        events(&outputs)
            .filter_map(|e| match e {
                Event::DataEnded { lines } => Some(*lines),
                _ => None,
            })
            .collect()
    };
    let pasted = "C: EHLO x\nR: MAIL FROM:<a@example.org>\\r\\nRCPT TO:<bob@example.com>\\r\\nDATA\\r\\n\
                  Subject: s\\r\\n\\r\\n..dot\\r\\nbare lf\\n.\\r\\nNOOP\\r\\n\n";
    assert_eq!(lines_of(pasted), [4]);
    let typed = "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: .\n";
    assert_eq!(lines_of(typed), [0], "an empty body");
    let mut world = World::reference();
    world.limits.message_size = 10;
    let (outputs, _) = play_in(
        "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: 0123456789\nC: abc\nC: .\n",
        world,
    );
    let refused: Vec<u64> = events(&outputs)
        .filter_map(|e| match e {
            Event::DataEnded { lines } => Some(*lines),
            _ => None,
        })
        .collect();
    assert_eq!(refused, [2], "a refused message ended too");
    assert!(outputs
        .iter()
        .any(|o| matches!(o, Output::Reply { reply, .. } if reply.code == 552)));
}
