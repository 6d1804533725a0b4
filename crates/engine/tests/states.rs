//! Behaviour grouped by the state the session starts in, plus determinism and limits.

mod common;
use common::*;
use smtplab_engine::{Input, Output, Phase, Session, Verb, World};

mod connected {
    use super::*;

    #[test]
    fn mail_works_without_helo_as_in_postfix() {
        let mut lab = Lab::connected();
        assert_eq!(lab.session.phase(), Phase::Connected);
        assert_eq!(lab.last("MAIL FROM:<a@example.org>"), "250 2.1.0 Ok");
    }

    #[test]
    fn helo_required_policy_asks_for_a_greeting_and_explains_it() {
        let mut world = World::reference();
        world.policy.helo_required = true;
        let mut session = Session::new(world, 1);
        session
            .handle_input(Input::Connected {
                now: 0,
                peer: Default::default(),
            })
            .unwrap();
        session
            .handle_input(Input::Bytes {
                now: 1,
                data: b"MAIL FROM:<a@b.org>\r\n".to_vec(),
            })
            .unwrap();
        let reply = std::iter::from_fn(|| session.poll_output())
            .filter_map(|o| match o {
                Output::Reply { reply, .. } => Some(reply),
                _ => None,
            })
            .last()
            .unwrap();
        assert_eq!(reply.text_lines(), ["503 5.5.1 Error: send HELO/EHLO first"]);
        let context = reply.sequence.expect("a 503 carries its sequence context");
        assert_eq!(context.got, Verb::Mail);
        assert!(context.accepted.contains(&Verb::Ehlo) && !context.accepted.contains(&Verb::Mail));
    }
}

mod in_mail_transaction {
    use super::*;

    #[test]
    fn a_503_explains_state_and_what_would_work() {
        let mut lab = greeted();
        lab.now += 1;
        lab.session
            .handle_input(Input::Bytes {
                now: lab.now,
                data: b"RCPT TO:<alice@example.com>\r\n".to_vec(),
            })
            .unwrap();
        let Some(Output::Reply { reply, .. }) = lab.session.poll_output() else {
            panic!("a reply")
        };
        let explanation = reply.explain();
        assert_eq!(explanation.summary, "reply-need-mail");
        assert_eq!(explanation.fix, Some("reply-need-mail-fix"));
        let context = explanation.sequence.unwrap();
        assert_eq!(context.phase, Phase::Greeted);
        assert!(context.accepted.contains(&Verb::Mail) && !context.accepted.contains(&Verb::Rcpt));
        let enhanced = explanation.enhanced.unwrap();
        assert_eq!(
            (enhanced.class, enhanced.detail),
            ("enhanced-class-permanent", "enhanced-detail-invalid-command")
        );
    }

    #[test]
    fn rset_and_ehlo_end_the_transaction() {
        let mut lab = in_rcpt();
        assert_eq!(lab.session.phase(), Phase::Rcpt);
        lab.send("RSET");
        assert_eq!(lab.session.phase(), Phase::Greeted);
        let mut lab = in_rcpt();
        lab.send("EHLO again");
        assert_eq!(
            lab.last("RCPT TO:<bob@example.com>"),
            "503 5.5.1 Error: need MAIL command"
        );
    }

    #[test]
    fn recipient_limit_is_452_and_data_still_goes_to_the_first_hundred() {
        let mut lab = in_mail();
        for _ in 0..100 {
            assert_eq!(lab.last("RCPT TO:<bob@example.com>"), "250 2.1.5 Ok");
        }
        assert_eq!(
            lab.last("RCPT TO:<bob@example.com>"),
            "452 4.5.3 Error: too many recipients"
        );
        assert_eq!(lab.last("DATA"), "354 End data with <CR><LF>.<CR><LF>");
    }
}

mod in_data {
    use super::*;

    #[test]
    fn dots_are_unstuffed_and_commands_in_the_body_are_text() {
        let mut lab = in_data();
        let replies = lab.raw(b"Subject: t\r\n\r\n..leading dot\r\nQUIT\r\n.\r\n");
        assert!(replies[0].starts_with("250 2.0.0 Ok: queued as "), "{replies:?}");
        let alice = lab.session.world().user("alice").unwrap();
        let message = alice.mailbox.last().unwrap();
        assert_eq!(message.body(), ".leading dot\r\nQUIT\r\n");
        assert_eq!(message.rcpt_to, ["alice@example.com"]);
    }

    #[test]
    fn delivery_adds_postfixs_headers() {
        let mut lab = in_data();
        lab.raw(b"Subject: hello\r\n\r\nHi Alice.\r\n.\r\n");
        let message = lab.session.world().user("alice").unwrap().mailbox[0].clone();
        let names: Vec<String> = message.headers().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Return-Path",
                "X-Original-To",
                "Delivered-To",
                "Received",
                "Subject",
                "Message-Id",
                "Date",
                "From"
            ]
        );
        let received = &message.headers()[3].1;
        assert!(received.starts_with("from client.example.org (localhost [127.0.0.1]) by mail.example.com (Postfix) with ESMTP id "), "{received}");
        assert!(
            received.ends_with("for <alice@example.com>; Sun, 29 Nov 2026 02:08:16 +0000 (UTC)"),
            "{received}"
        );
    }

    #[test]
    fn an_oversized_message_is_refused_at_the_end_and_not_delivered() {
        let mut world = World::reference();
        world.limits.message_size = 100;
        let mut lab = in_data();
        lab.session = {
            let mut s = Session::new(world, 1);
            s.handle_input(Input::Connected {
                now: T0,
                peer: Default::default(),
            })
            .unwrap();
            s
        };
        lab.drain();
        for line in [
            "EHLO x",
            "MAIL FROM:<a@example.org>",
            "RCPT TO:<bob@example.com>",
            "DATA",
        ] {
            lab.send(line);
        }
        let body = format!("{}\r\n.\r\n", "x".repeat(200));
        assert_eq!(
            lab.raw(body.as_bytes()),
            ["552 5.3.4 Error: message file too big"]
        );
        assert!(lab.session.world().user("bob").unwrap().mailbox.is_empty());
    }

    #[test]
    fn a_body_split_anywhere_gives_the_same_message() {
        let body = b"Subject: split\r\n\r\n.dot\r\nline two\r\n.\r\n";
        let mut whole = in_data();
        whole.raw(body);
        let mut split = in_data();
        for byte in body {
            split.raw(&[*byte]);
        }
        let mailbox = |lab: &Lab| {
            lab.session.world().user("alice").unwrap().mailbox[0]
                .body()
                .to_string()
        };
        assert_eq!(mailbox(&whole), mailbox(&split));
    }
}

mod in_tls {
    use super::*;

    #[test]
    fn starttls_discards_pipelined_commands_and_resets() {
        let mut lab = greeted();
        let replies = lab.raw(b"STARTTLS\r\nMAIL FROM:<a@b.org>\r\n");
        assert_eq!(replies, ["220 2.0.0 Ready to start TLS"]);
        lab.handshake();
        assert!(lab.session.tls_active() && lab.session.helo().is_none());
        assert_eq!(
            lab.last("RCPT TO:<alice@example.com>"),
            "503 5.5.1 Error: need MAIL command"
        );
    }

    #[test]
    fn authenticated_clients_may_relay() {
        let mut lab = authenticated();
        lab.send("MAIL FROM:<alice@example.com>");
        assert_eq!(lab.last("RCPT TO:<friend@other.example>"), "250 2.1.5 Ok");
        lab.send("DATA");
        lab.raw(b"Subject: out\r\n\r\nbye\r\n.\r\n");
        assert_eq!(lab.session.authenticated_as(), Some("alice"));
    }
}

mod limits {
    use super::*;

    #[test]
    fn idle_timeout_closes_with_421() {
        let mut lab = greeted();
        lab.session
            .handle_input(Input::Tick {
                now: lab.now + 299_000,
            })
            .unwrap();
        assert!(lab.replies().is_empty());
        lab.session
            .handle_input(Input::Tick {
                now: lab.now + 300_000,
            })
            .unwrap();
        assert_eq!(
            lab.replies(),
            ["421 4.4.2 mail.example.com Error: timeout exceeded"]
        );
        assert_eq!(lab.session.phase(), Phase::Closed);
    }

    #[test]
    fn errors_are_tarpitted_after_ten_and_hang_up_at_twenty() {
        let mut lab = greeted();
        let mut delays = Vec::new();
        for _ in 0..20 {
            lab.now += 10;
            lab.session
                .handle_input(Input::Bytes {
                    now: lab.now,
                    data: b"FOO\r\n".to_vec(),
                })
                .unwrap();
            if let Some(due) = lab.drain().into_iter().find_map(|o| match o {
                Output::Reply { due, .. } => Some(due),
                _ => None,
            }) {
                delays.push(due - lab.now);
                lab.now = due; // the client waits for each reply
            }
        }
        assert_eq!(delays[..10], [0; 10]);
        assert_eq!(delays[10..], [1000; 10]);
        // Recorded (hard-error-limit-then-silence): a second after the 20th reply, the 421
        // comes unprompted, and the connection closes. Nothing before it is due.
        let due = lab.session.next_deadline().expect("the hang-up is scheduled");
        assert_eq!(due, lab.now + 1000, "the 421 is tarpitted too");
        lab.session.handle_input(Input::Tick { now: due - 1 }).unwrap();
        assert!(lab.drain().is_empty());
        lab.session.handle_input(Input::Tick { now: due }).unwrap();
        let outputs = lab.drain();
        let replies: Vec<_> = outputs
            .iter()
            .filter_map(|o| match o {
                Output::Reply { reply, due } => Some((reply.text_lines(), *due)),
                _ => None,
            })
            .collect();
        let hang_up = "421 4.7.0 mail.example.com Error: too many errors".to_string();
        assert_eq!(replies, [(vec![hang_up], due)]);
        assert!(outputs.contains(&Output::Close));
        assert_eq!(lab.session.phase(), Phase::Closed);
        assert_eq!(lab.session.next_deadline(), None);
    }

    #[test]
    fn a_line_after_the_hard_error_limit_is_never_read() {
        let mut lab = greeted();
        for _ in 0..20 {
            lab.send("FOO");
        }
        let due = lab.session.next_deadline().unwrap();
        // Recorded (too-many-errors): the 21st line gets the 421 that was due anyway.
        assert_eq!(
            lab.send("NOOP"),
            ["421 4.7.0 mail.example.com Error: too many errors"]
        );
        assert_eq!(lab.session.phase(), Phase::Closed);
        assert!(due > lab.now);
    }

    #[test]
    fn pipelined_lines_past_the_hard_error_limit_get_the_421_at_once() {
        let mut lab = greeted();
        let replies = lab.raw("FOO\r\n".repeat(25).as_bytes());
        assert_eq!(replies.len(), 21);
        assert_eq!(replies[20], "421 4.7.0 mail.example.com Error: too many errors");
        assert_eq!(lab.session.phase(), Phase::Closed);
    }

    #[test]
    fn tarpitted_replies_flush_the_buffered_ones_as_postfix_does() {
        // Recorded (junk-command-limit): the first 110 replies wait in Postfix's output
        // buffer until the first delayed one flushes it, a second later.
        let mut lab = Lab::connected();
        lab.session
            .handle_input(Input::Bytes {
                now: lab.now,
                data: "NOOP\r\n".repeat(113).into_bytes(),
            })
            .unwrap();
        let dues: Vec<u64> = lab
            .drain()
            .into_iter()
            .filter_map(|o| match o {
                Output::Reply { due, .. } => Some(due - lab.now),
                _ => None,
            })
            .collect();
        assert_eq!(dues.len(), 113);
        assert!(dues[..112].iter().all(|&d| d == 1000), "{dues:?}");
        assert_eq!(dues[112], 2000);
    }

    #[test]
    fn junk_commands_past_the_limit_count_as_errors_as_in_postfix() {
        let mut lab = Lab::connected();
        let mut delayed = Vec::new();
        for n in 1..=121 {
            lab.now += 1;
            lab.session
                .handle_input(Input::Bytes {
                    now: lab.now,
                    data: b"NOOP\r\n".to_vec(),
                })
                .unwrap();
            if let Some(due) = lab.drain().into_iter().find_map(|o| match o {
                Output::Reply { due, .. } => Some(due),
                _ => None,
            }) {
                if due > lab.now {
                    delayed.push(n);
                }
            }
        }
        // Recorded from Postfix 3.7: replies 112 to 121 wait a second; after the 121st,
        // the 421 is due a second later, unprompted.
        assert_eq!(delayed, (112..=121).collect::<Vec<_>>());
        let due = lab.session.next_deadline().unwrap();
        lab.session.handle_input(Input::Tick { now: due }).unwrap();
        assert_eq!(
            lab.replies(),
            ["421 4.7.0 mail.example.com Error: too many errors"]
        );
    }

    #[test]
    fn a_command_line_ends_at_its_first_nul() {
        // Recorded (nul-leading, nul-inside-command, nul-in-verb).
        let mut lab = greeted();
        assert_eq!(lab.raw(b"\0NOOP\r\n"), ["500 5.5.2 Error: bad syntax"]);
        assert_eq!(lab.raw(b"NOOP\0junk\r\n"), ["250 2.0.0 Ok"]);
        assert_eq!(
            lab.raw(b"NO\0OP\r\n"),
            ["500 5.5.2 Error: command not recognized"]
        );
        assert_eq!(lab.send("NOOP"), ["250 2.0.0 Ok"]);
        assert_eq!(lab.session.phase(), Phase::Greeted);
    }

    #[test]
    fn invalid_utf8_gets_postfixs_bad_utf8_syntax_and_the_session_goes_on() {
        // Recorded (utf8-bad-*): checked on the whole line, NULs and all, before parsing.
        let mut lab = greeted();
        for line in [
            &b"\xff\xfe\r\n"[..],
            b"MAIL FROM:<s\xff@example.org>\r\n",
            b"NOOP\0\xff\r\n",
            b"NOOP \xed\xa0\x80\r\n",
        ] {
            assert_eq!(lab.raw(line), ["500 5.5.2 Error: bad UTF-8 syntax"]);
        }
        assert_eq!(lab.session.error_count(), 4);
        assert_eq!(lab.send("NOOP"), ["250 2.0.0 Ok"]);
    }

    #[test]
    fn an_overlong_line_is_made_printable_before_the_utf8_check() {
        // Recorded (long-line-printable): Postfix logs it through printable(), in place.
        let mut lab = greeted();
        let mut line = b"NOOP ".to_vec();
        line.extend([b'x'; 2040]);
        line.extend(b"\xff\xfe");
        line.extend([b'y'; 10]);
        line.extend(b"\r\n");
        assert_eq!(lab.raw(&line), ["250 2.0.0 Ok"]);
    }

    #[test]
    fn an_overlong_command_is_cut_at_2048_octets() {
        let mut lab = greeted();
        let line = format!("NOOP {}", "x".repeat(5000));
        for chunk in line.as_bytes().chunks(700) {
            assert!(lab.raw(chunk).is_empty());
        }
        assert_eq!(lab.raw(b"\r\n"), ["250 2.0.0 Ok"]);
        assert_eq!(lab.last("NOOP"), "250 2.0.0 Ok");
    }
}

#[test]
fn same_seed_and_inputs_give_the_same_transcript() {
    let script: &[&[u8]] = &[
        b"EHLO a\r\nSTARTTLS\r\n",
        b"",
        b"EHLO a\r\nAUTH CRAM-MD5\r\n",
        b"*\r\nMAIL FROM:<a@b.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nhi\r\n.\r\nQUIT\r\n",
    ];
    let run = || {
        let mut session = Session::new(World::reference(), 99);
        session
            .handle_input(Input::Connected {
                now: T0,
                peer: Default::default(),
            })
            .unwrap();
        let mut outputs = Vec::new();
        for (i, bytes) in script.iter().enumerate() {
            let now = T0 + i as u64;
            let input = if bytes.is_empty() {
                Input::TlsEstablished { now }
            } else {
                Input::Bytes {
                    now,
                    data: bytes.to_vec(),
                }
            };
            session.handle_input(input).unwrap();
            outputs.extend(std::iter::from_fn(|| session.poll_output()));
        }
        (outputs, session)
    };
    let (a, sa) = run();
    let (b, sb) = run();
    assert_eq!(a, b);
    assert_eq!(sa, sb);
    assert!(a.iter().any(|o| matches!(o, Output::Delivered { .. })));
}

#[test]
fn bad_world_json_names_the_field() {
    let error = World::from_json(r#"{"limits": {"recipients": "many"}}"#).unwrap_err();
    assert!(
        error.to_string().contains("limits.recipients: invalid type"),
        "{error}"
    );
    let error = World::from_json(r#"{"hostnme": "x"}"#).unwrap_err();
    assert!(error.to_string().contains("hostnme"), "{error}");
    let error = World::from_json(r#"{"users": [{"name": ""}]}"#).unwrap_err();
    assert!(error.to_string().contains("users[0].name"), "{error}");
    let world = World::from_json(&World::reference().to_json()).unwrap();
    assert_eq!(world, World::reference());
}

mod transitions {
    use super::*;
    use smtplab_engine::table::{Trigger, TRANSITIONS};
    use smtplab_engine::COMMANDS;

    /// A session in `phase`, inside TLS or not.
    fn in_phase(phase: Phase, tls: bool) -> Option<Lab> {
        let mut lab = Lab::connected();
        if tls {
            lab.send("STARTTLS");
            lab.handshake();
        }
        let script: &[&str] = match phase {
            Phase::Connected => &[],
            Phase::Greeted => &["EHLO a"],
            Phase::Mail => &["EHLO a", "MAIL FROM:<a@example.org>"],
            Phase::Rcpt | Phase::Bdat => &[
                "EHLO a",
                "MAIL FROM:<a@example.org>",
                "RCPT TO:<alice@example.com>",
            ],
            _ => return None,
        };
        script.iter().for_each(|line| drop(lab.send(line)));
        if phase == Phase::Bdat {
            lab.send("BDAT 3");
            lab.raw(b"abc");
        }
        assert_eq!(lab.session.phase(), phase);
        Some(lab)
    }

    /// The phase after each verb's example command, sent from `phase`.
    fn probe(phase: Phase, tls: bool, verb: Verb) -> Option<Phase> {
        let mut lab = in_phase(phase, tls)?;
        let example = match verb {
            Verb::Bdat => "BDAT 0",
            Verb::Auth => "AUTH LOGIN",
            other => COMMANDS.iter().find(|c| c.verb == other).unwrap().example,
        };
        lab.now += 10;
        lab.session
            .handle_input(Input::Bytes {
                now: lab.now,
                data: format!("{example}\r\n").into_bytes(),
            })
            .ok()?;
        lab.drain();
        Some(lab.session.phase())
    }

    #[test]
    fn every_phase_change_the_engine_makes_is_in_the_drawn_table_and_back() {
        let command_phases = [
            Phase::Connected,
            Phase::Greeted,
            Phase::Mail,
            Phase::Rcpt,
            Phase::Bdat,
        ];
        for phase in command_phases {
            for spec in COMMANDS {
                let declared = TRANSITIONS
                    .iter()
                    .find(|(f, t, _)| *f == phase && *t == Trigger::Command(spec.verb));
                let after: Vec<Phase> = [false, true]
                    .iter()
                    .filter_map(|&tls| probe(phase, tls, spec.verb))
                    .collect();
                for &reached in &after {
                    let allowed = reached == phase || declared.is_some_and(|(_, _, to)| *to == reached);
                    assert!(allowed, "{phase:?} --{}--> {reached:?} is not drawn", spec.name);
                }
                if let Some((_, _, to)) = declared {
                    assert!(
                        after.contains(to),
                        "{phase:?} --{}--> {to:?} is drawn but never happens",
                        spec.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_event_transitions_hold() {
        let mut data = in_data();
        data.raw(b"x\r\n.\r\n");
        assert_eq!(data.session.phase(), Phase::Greeted);
        let mut tls = greeted();
        tls.send("STARTTLS");
        tls.handshake();
        assert_eq!(tls.session.phase(), Phase::Connected);
        let mut auth = in_tls();
        auth.send("AUTH LOGIN");
        assert_eq!(auth.session.phase(), Phase::Auth);
        auth.send("*");
        assert_eq!(auth.session.phase(), Phase::Greeted);
        let mut bdat = in_phase(Phase::Bdat, false).unwrap();
        bdat.send("BDAT 0 LAST");
        assert_eq!(bdat.session.phase(), Phase::Greeted);
        for (from, trigger, to) in TRANSITIONS {
            assert_ne!(from, to, "{trigger:?}: self-loops are not drawn");
        }
    }
}

/// Each phase is named once, for every view (status, explanation, state diagram); its
/// texts are in the locales (the app's `tests/i18n.rs` checks them).
#[test]
fn every_phase_has_its_own_message() {
    use smtplab_engine::table::TRANSITIONS;
    let mut phases: Vec<Phase> = TRANSITIONS.iter().flat_map(|(f, _, t)| [*f, *t]).collect();
    phases.sort();
    phases.dedup();
    let mut labels: Vec<&str> = phases.iter().map(|p| p.message()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), phases.len(), "messages are distinct: {labels:?}");
}
