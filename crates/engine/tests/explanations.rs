//! What the engine tells the learner about a reply beyond its words: the explanation is
//! keyed on what the engine knows (the reply's kind, whether it closes, the facts it
//! attaches), never on the code or the text. Each test is named after the defect a
//! learner met.

mod common;
use common::{greeted, in_rcpt, Lab};
use smtplab_engine::command::NotSmtp;
use smtplab_engine::reply::Fact;
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

#[test]
fn junk_commands_past_the_limit_say_they_count_as_errors_where_it_starts() {
    let mut lab = Lab::connected();
    let noops = "NOOP\r\n".repeat(122);
    let got = replies(&mut lab, noops.as_bytes());
    assert_eq!(got.len(), 122, "121 NOOPs answered, then the 421");
    let junk: Vec<Option<bool>> = got
        .iter()
        .map(|r| {
            r.facts.iter().find_map(|f| match f {
                Fact::JunkCommand { limit: 100, first } => Some(*first),
                _ => None,
            })
        })
        .collect();
    assert!(
        junk[..101].iter().all(Option::is_none),
        "101 junk commands are free"
    );
    assert_eq!(junk[101], Some(true), "the 102nd is the first counted");
    assert!(junk[102..121].iter().all(|j| *j == Some(false)));
    for reply in &got[..121] {
        assert_eq!(reply.text_lines(), ["250 2.0.0 Ok"], "the wire is unchanged");
    }
    let tarpitted: Vec<usize> = (0..got.len())
        .filter(|&i| got[i].facts.iter().any(|f| matches!(f, Fact::Tarpit { .. })))
        .collect();
    assert_eq!(tarpitted.first(), Some(&111), "from the 10th error on");
    assert!(got[111].facts.contains(&Fact::Tarpit {
        errors: 10,
        soft: 10,
        delay_ms: 1000
    }));
    let last = got.last().unwrap();
    assert_eq!(last.kind, ReplyKind::TooManyErrors);
    assert!(
        last.facts.contains(&Fact::HardErrorLimit {
            errors: 20,
            limit: 20
        }),
        "{:?}",
        last.facts
    );
    let messages: Vec<&str> = got[101].explain().facts.iter().map(Fact::message).collect();
    assert_eq!(messages, ["fact-junk-command-first"]);
}

#[test]
fn the_421_of_the_error_limit_names_the_limit_it_reached() {
    let mut lab = greeted();
    for _ in 0..19 {
        replies(&mut lab, b"FOO\r\n");
    }
    let got = replies(&mut lab, b"FOO\r\nFOO\r\n");
    let last = got.last().unwrap();
    assert_eq!(last.kind, ReplyKind::TooManyErrors);
    assert!(last.facts.contains(&Fact::HardErrorLimit {
        errors: 20,
        limit: 20
    }));
    // Exim: the limit of unknown commands.
    let world = smtplab_engine::World::preset(smtplab_engine::world::Profile::Exim);
    let mut exim = Lab {
        session: common::connected_session(world, 7),
        now: 0,
    };
    exim.drain();
    let got = replies(&mut exim, b"FOO\r\nFOO\r\nFOO\r\nFOO\r\n");
    let last = got.last().unwrap();
    assert_eq!(last.kind, ReplyKind::TooManyErrors);
    assert_eq!(last.facts, [Fact::UnknownCommandLimit { limit: 3 }]);
}

#[test]
fn bdat_leftover_line_end_is_explained_as_what_came_after_the_chunk() {
    let mut lab = in_rcpt();
    let got = replies(&mut lab, b"BDAT 3\r\n");
    assert!(got.is_empty(), "the chunk is read first");
    let got = replies(&mut lab, b"abc\r\n");
    let lines: Vec<_> = got.iter().flat_map(Reply::text_lines).collect();
    assert_eq!(lines, ["250 2.0.0 Ok: 3 bytes", "500 5.5.2 Error: bad syntax"]);
    assert!(got[0].facts.is_empty());
    assert_eq!(
        got[1].facts,
        [Fact::AfterChunk {
            octets: 3,
            empty: true
        }]
    );
    assert_eq!(got[1].explain().facts[0].message(), "fact-after-chunk-empty");
    // An empty line that does not follow a chunk is only an empty line.
    let got = replies(&mut lab, b"\r\n");
    assert!(got[0].facts.is_empty(), "{:?}", got[0].facts);
    // A chunk too short leaves text behind: read as a command.
    let got = replies(&mut lab, b"BDAT 2 LAST\r\nabc\r\n");
    let lines: Vec<_> = got.iter().flat_map(Reply::text_lines).collect();
    assert_eq!(lines[1], "500 5.5.2 Error: command not recognized", "{lines:?}");
    assert_eq!(
        got[1].facts,
        [Fact::AfterChunk {
            octets: 2,
            empty: false
        }]
    );
    // A refused chunk is thrown away, and the same goes for what follows it.
    let mut lab = greeted();
    let got = replies(&mut lab, b"BDAT 3\r\nabc\r\n");
    assert_eq!(got[0].text_lines(), ["503 5.5.1 Error: need RCPT command"]);
    assert_eq!(
        got[1].facts,
        [Fact::AfterChunk {
            octets: 3,
            empty: true
        }]
    );
    // A line after a chunk that is a command says nothing of the chunk.
    let mut lab = in_rcpt();
    let got = replies(&mut lab, b"BDAT 5\r\nabc\r\nNOOP\r\n");
    assert!(got.iter().all(|r| r.facts.is_empty()), "{got:?}");
}

#[test]
fn expn_and_help_unrecognized_in_every_phase_get_no_out_of_sequence_context() {
    let mut lab = in_rcpt();
    for line in ["EXPN staff", "HELP", "help me"] {
        let reply = reply_to(&mut lab, line);
        assert_eq!(reply.text_lines(), ["500 5.5.2 Error: command not recognized"]);
        assert_eq!(reply.sequence, None, "{line}: no phase made it wrong");
        assert_eq!(reply.explain().sequence, None);
    }
    // A policy that switches a command off is no sequence either.
    let mut world = smtplab_engine::World::reference();
    world.policy.vrfy_enabled = false;
    world.policy.starttls = false;
    let mut lab = Lab {
        session: common::connected_session(world, 7),
        now: 0,
    };
    lab.drain();
    for line in ["VRFY alice", "STARTTLS"] {
        assert_eq!(reply_to(&mut lab, line).sequence, None, "{line}");
    }
    // A real sequence error keeps its context.
    let reply = reply_to(&mut greeted(), "RCPT TO:<alice@example.com>");
    let sequence = reply.sequence.expect("a 503 says where the session was");
    assert_eq!(sequence.got, smtplab_engine::Verb::Rcpt);
}

#[test]
fn the_reply_code_reference_lists_each_distinct_row_once() {
    use smtplab_engine::reply::{catalog, reference};
    use smtplab_engine::world::Profile;
    let voice = smtplab_engine::Voice::of("mail.example.com");
    for profile in Profile::ALL.iter().copied() {
        let rows = reference(profile, &voice);
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                assert!(
                    !(a.text_lines() == b.text_lines() && a.explain() == b.explain()),
                    "{profile:?}: {:?} and {:?} are the same row",
                    a.kind,
                    b.kind
                );
            }
        }
        // Nothing distinct the server says is lost: every such catalog reply has its row.
        for reply in catalog(profile, &voice)
            .into_iter()
            .filter(|r| profile.says(&r.kind))
        {
            assert!(
                rows.iter()
                    .any(|r| r.text_lines() == reply.text_lines() && r.explain() == reply.explain()),
                "{profile:?}: {:?} has no row",
                reply.kind
            );
        }
    }
    let rows = reference(Profile::Postfix, &voice);
    let no_valid = rows
        .iter()
        .filter(|r| r.text_lines() == ["554 5.5.1 Error: no valid recipients"])
        .count();
    assert_eq!(no_valid, 1, "DATA's and BDAT's 554 is one row");
    // Worded alike, meant apart: both stay.
    let bad_protocol = rows
        .iter()
        .filter(|r| r.text_lines() == ["535 5.7.8 Error: authentication failed: bad protocol / cancel"])
        .count();
    assert_eq!(bad_protocol, 2, "a malformed response and one that is not base64");
    // What only other servers say is not in Postfix's table (it would show Postfix's
    // unknown-command reply explained as Exim's 998-character limit).
    for kind in [
        ReplyKind::Help,
        ReplyKind::LineTooLong { got: 1500 },
        ReplyKind::SyncError,
        ReplyKind::BasicAuthDisabled,
    ] {
        assert!(!Profile::Postfix.says(&kind), "{kind:?}");
        assert!(rows.iter().all(|r| r.kind != kind), "{kind:?}");
    }
    assert!(rows
        .iter()
        .all(|r| !matches!(r.kind, ReplyKind::TooManySyntaxErrors { .. })));
    assert!(Profile::Exim.says(&ReplyKind::Help));
    assert_eq!(
        rows.iter()
            .filter(|r| r.text_lines() == ["500 5.5.2 Error: command not recognized"])
            .count(),
        1,
        "one unknown-command row"
    );
}

#[test]
fn the_rule_column_holds_references_only_and_its_words_are_messages() {
    use smtplab_engine::reply::catalog;
    use smtplab_engine::world::Profile;
    let voice = smtplab_engine::Voice::of("mail.example.com");
    for profile in Profile::ALL.iter().copied() {
        for reply in catalog(profile, &voice) {
            let why = reply.explain();
            // RFC 5321 §4.2.2, Postfix smtpd_forbidden_commands, Exim …: a reference is a
            // name, a number, a section or a parameter; prose is a message (rule_note).
            let prose: Vec<&str> = why
                .rfc
                .split([' ', ',', ';'])
                .filter(|w| !w.is_empty())
                .filter(|w| {
                    let reference = w
                        .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '§')
                        || w.contains('_')
                        || *w == "smtplab";
                    !reference
                })
                .collect();
            assert!(
                prose.is_empty(),
                "{:?}: {:?} has words {prose:?}",
                reply.kind,
                why.rfc
            );
            assert!(!why.rfc.contains(['(', ')']), "{:?}: {:?}", reply.kind, why.rfc);
        }
    }
    let reply = reply_to(&mut Lab::connected(), "NOOP");
    assert_eq!(reply.explain().rule_note, None);
    let why = smtplab_engine::Reply::new(ReplyKind::TooManyErrors, Profile::Postfix, &voice).explain();
    assert_eq!(
        (why.rfc, why.rule_note),
        ("RFC 5321 §4.2.2", Some("reply-rule-421-closes"))
    );
}
