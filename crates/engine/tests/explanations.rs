//! What the engine tells the learner about a reply beyond its words: the explanation is
//! keyed on what the engine knows (the reply's kind, whether it closes, the facts it
//! attaches), never on the code or the text. Each test is named after the defect a
//! learner met.

mod common;
use common::{greeted, Lab};
use smtplab_engine::command::NotSmtp;
use smtplab_engine::{Output, Reply, ReplyKind};

/// Sends bytes as they are; returns the whole replies.
fn replies(lab: &mut Lab, bytes: &[u8]) -> Vec<Reply> {
    lab.now += 10;
    lab.session
        .handle_bytes(lab.now, bytes)
        .expect("the session takes input");
    lab.drain()
        .into_iter()
        .filter_map(|output| match output {
            Output::Reply { reply, .. } => Some(reply),
            _ => None,
        })
        .collect()
}

/// The one reply to a line.
fn reply_to(lab: &mut Lab, line: &str) -> Reply {
    let mut got = replies(lab, format!("{line}\r\n").as_bytes());
    assert_eq!(got.len(), 1, "{line:?}: {got:?}");
    got.remove(0)
}

#[test]
fn break_rules_221_is_explained_by_what_the_line_looked_like_and_is_no_success() {
    let cases = [
        ("1abc", NotSmtp::NoLetter, "reply-break-rules-no-letter"),
        (
            "\u{1F600} hello",
            NotSmtp::NoLetter,
            "reply-break-rules-no-letter",
        ),
        ("123 abc", NotSmtp::NoLetter, "reply-break-rules-no-letter"),
        ("Subject: hi", NotSmtp::Header, "reply-break-rules-header"),
        ("GET / HTTP/1.0", NotSmtp::Http, "reply-break-rules-http"),
        ("post /form HTTP/1.1", NotSmtp::Http, "reply-break-rules-http"),
    ];
    for (line, looked_like, summary) in cases {
        let reply = reply_to(&mut greeted(), line);
        assert_eq!(
            reply.text_lines(),
            ["221 2.7.0 Error: I can break rules, too. Goodbye."],
            "the wire is Postfix's"
        );
        assert_eq!(
            reply.kind,
            ReplyKind::BreakRules { line: looked_like },
            "{line:?}"
        );
        let why = reply.explain();
        assert_eq!(why.summary, summary, "{line:?}");
        assert!(reply.closes && why.closes, "{line:?}: the server hangs up");
        assert_eq!(
            why.class, "reply-class-hang-up",
            "{line:?}: a 2xx that accepted nothing"
        );
        assert_eq!(reply.class_message(), why.class);
    }
}

#[test]
fn quit_221_is_still_a_success_that_closes() {
    let reply = reply_to(&mut greeted(), "QUIT");
    assert!(reply.closes);
    assert_eq!(reply.explain().class, "reply-class-success");
    let reply = reply_to(&mut greeted(), "NOOP");
    assert!(!reply.closes && !reply.explain().closes);
    assert_eq!(reply.explain().class, "reply-class-success");
}

#[test]
fn every_closing_reply_says_so_and_only_those() {
    for profile in smtplab_engine::world::Profile::ALL {
        let voice = smtplab_engine::Voice::of("mail.example.com");
        for reply in smtplab_engine::reply::catalog(*profile, &voice) {
            assert_eq!(
                reply.closes,
                profile.closes(&reply.kind),
                "{profile:?} {:?}",
                reply.kind
            );
            let success = reply.explain().class == "reply-class-success";
            if reply.closes && reply.code / 100 == 2 {
                assert_eq!(
                    success,
                    reply.kind == ReplyKind::Bye,
                    "{profile:?} {:?}",
                    reply.kind
                );
            }
        }
    }
}
