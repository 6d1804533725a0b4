//! Parser tables: each (state, line, reply) runs under CRLF, bare LF, and split into
//! one-byte chunks, and must give the same reply every time.

mod common;
use common::*;

type Fixture = fn() -> Lab;

#[rustfmt::skip]
const TABLE: &[(Fixture, &str, &str)] = &[
    (greeted, "MAIL FROM:<a@example.org>", "250 2.1.0 Ok"),
    (greeted, "mail from:<a@example.org>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM: <a@example.org>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:a@example.org", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<\"john doe\"@example.org>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<a@[192.0.2.1]>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<@relay.example:a@example.org>", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<jörg@example.org> SMTPUTF8", "250 2.1.0 Ok"),
    (greeted, "MAIL FROM:<a@example.org> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=x+2By", "250 2.1.0 Ok"),
    (greeted, "MAIL", "501 5.5.4 Syntax: MAIL FROM:<address>"),
    (greeted, "MAIL FROM:", "501 5.5.4 Syntax: MAIL FROM:<address>"),
    (greeted, "MAIL TO:<a@example.org>", "501 5.5.4 Syntax: MAIL FROM:<address>"),
    (greeted, "MAIL FROM:<a@example.org", "501 5.1.7 Bad sender address syntax"),
    (greeted, "MAIL FROM:<a b@example.org>", "501 5.1.7 Bad sender address syntax"),
    (greeted, "MAIL FROM:<a@example.org> SIZE=x", "501 5.5.4 Bad message size syntax"),
    (greeted, "MAIL FROM:<a@example.org> SIZE=10240001", "552 5.3.4 Message size exceeds fixed limit"),
    (greeted, "MAIL FROM:<a@example.org> SIZE=99999999999999999999", "552 5.3.4 Message size exceeds file system imposed limit"),
    (greeted, "MAIL FROM:<a@example.org> BODY=BINARYMIME", "555 5.5.4 Unsupported option: BODY=BINARYMIME"),
    (greeted, "MAIL FROM:<a@example.org> RET=NONE", "501 5.5.4 Bad RET parameter syntax"),
    (greeted, "MAIL FROM:<a@example.org> ENVID=a+zz", "501 5.5.4 Bad ENVID parameter syntax"),
    (greeted, "MAIL FROM:<a@example.org> XFOO", "555 5.5.4 Unsupported option: XFOO"),
    (in_mail, "RCPT TO:<alice@example.com>", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:alice", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<Postmaster>", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<alice+tag@example.com>", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<\"bob\"@example.com>", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<alice@[127.0.0.1]>", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<>", "501 5.1.3 Bad recipient address syntax"),
    (in_mail, "RCPT TO:<alice@>", "501 5.1.3 Bad recipient address syntax"),
    (in_mail, "RCPT", "501 5.5.4 Syntax: RCPT TO:<address>"),
    (in_mail, "RCPT TO:<ghost@example.com>", "550 5.1.1 <ghost@example.com>: Recipient address rejected: User unknown in local recipient table"),
    (in_mail, "RCPT TO:<x@other.example>", "454 4.7.1 <x@other.example>: Relay access denied"),
    (in_mail, "RCPT TO:<alice@example.com> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;alice@example.com", "250 2.1.5 Ok"),
    (in_mail, "RCPT TO:<alice@example.com> NOTIFY=NEVER,DELAY", "501 5.5.4 Error: Bad NOTIFY parameter syntax"),
    (in_mail, "RCPT TO:<alice@example.com> ORCPT=x", "501 5.5.4 Error: Bad ORCPT parameter syntax"),
    (greeted, "HELO", "501 Syntax: HELO hostname"),
    (greeted, "EHLO", "501 Syntax: EHLO hostname"),
    (greeted, "HELO a b c", "250 mail.example.com"),
    (greeted, "RSET x", "501 5.5.4 Syntax: RSET"),
    (greeted, "NOOP x y", "250 2.0.0 Ok"),
    (greeted, "VRFY alice", "252 2.0.0 alice"),
    (greeted, "VRFY <ghost@example.com>", "550 5.1.1 <ghost@example.com>: Recipient address rejected: User unknown in local recipient table"),
    (greeted, "VRFY", "501 5.5.4 Syntax: VRFY address [SMTPUTF8]"),
    (greeted, "EXPN alice", "500 5.5.2 Error: command not recognized"),
    (greeted, "HELP", "500 5.5.2 Error: command not recognized"),
    (greeted, "ETRN example.org", "459 <example.org>: service unavailable"),
    (greeted, "ETRN", "500 Syntax: ETRN domain"),
    (greeted, "STARTTLS now", "501 5.5.4 Syntax: STARTTLS"),
    (greeted, "AUTH PLAIN", "503 5.5.1 Error: authentication not enabled"),
    (greeted, "XYZZY", "500 5.5.2 Error: command not recognized"),
    (greeted, "", "500 5.5.2 Error: bad syntax"),
    (greeted, "Subject: hi", "221 2.7.0 Error: I can break rules, too. Goodbye."),
    (greeted, "GET / HTTP/1.1", "221 2.7.0 Error: I can break rules, too. Goodbye."),
    (greeted, "BDAT x", "521 5.5.4 Syntax: BDAT count [LAST]"),
    (in_rcpt, "DATA x", "501 5.5.4 Syntax: DATA"),
    (in_tls, "AUTH", "501 5.5.4 Syntax: AUTH mechanism"),
    (in_tls, "AUTH FOO", "535 5.7.8 Error: authentication failed: no mechanism available"),
    (in_tls, "auth plain AGFsaWNlAHMzY3JldA==", "235 2.7.0 Authentication successful"),
    (in_tls, "AUTH PLAIN AGFsaWNlAHdyb25n", "535 5.7.8 Error: authentication failed: authentication failure"),
    (in_tls, "AUTH LOGIN", "334 VXNlcm5hbWU6"),
    (in_tls, "AUTH PLAIN", "334 "),
];

fn framings(line: &str) -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let crlf = format!("{line}\r\n").into_bytes();
    let lf = format!("{line}\n").into_bytes();
    let split = crlf.iter().map(|&b| vec![b]).collect();
    vec![
        ("CRLF", vec![crlf]),
        ("bare LF", vec![lf]),
        ("one-byte chunks", split),
    ]
}

#[test]
fn every_line_gets_postfixs_reply_in_every_framing() {
    for (fixture, line, expected) in TABLE {
        for (framing, chunks) in framings(line) {
            let mut lab = fixture();
            let replies: Vec<String> = chunks.iter().flat_map(|c| lab.raw(c)).collect();
            assert_eq!(
                replies.last().map(String::as_str),
                Some(*expected),
                "{line:?} under {framing}"
            );
        }
    }
}

#[test]
fn tokenizer_splits_like_postfix() {
    let words = smtplab_engine::command::tokenize;
    assert_eq!(words("MAIL FROM:<a@b>"), ["MAIL", "FROM:", "<a@b>"]);
    assert_eq!(
        words("MAIL FROM: <a@b>  SIZE=1"),
        ["MAIL", "FROM:", "<a@b>", "SIZE=1"]
    );
    assert_eq!(words("MAIL FROM:<\"a b\"@c>"), ["MAIL", "FROM:", "<\"a b\"@c>"]);
    assert_eq!(words("MAIL FROM:<@r:a@b>"), ["MAIL", "FROM:", "<@r:a@b>"]);
    assert_eq!(words("   "), Vec::<String>::new());
}

/// A server without CHUNKING or SMTPUTF8 (`smtpd_discard_ehlo_keywords`) parses BDAT and
/// the SMTPUTF8 word as Postfix then does (golden/no-extensions-*.smtp).
#[test]
fn without_chunking_and_smtputf8_the_lines_parse_as_postfix_then_reads_them() {
    use smtplab_engine::command::{parse_offered, Offered};
    use smtplab_engine::{Command, Parsed, ReplyKind, Verb};
    let off = Offered {
        chunking: false,
        smtputf8: false,
    };
    let unsupported = ReplyKind::UnsupportedOption {
        option: "SMTPUTF8".into(),
    };
    for (line, expected) in [
        ("BDAT abc", Parsed::Command(Command::Unimplemented(Verb::Bdat))),
        ("BDAT 3 LAST", Parsed::Command(Command::Unimplemented(Verb::Bdat))),
        (
            "MAIL FROM:<a@example.org> SMTPUTF8",
            Parsed::Invalid(Verb::Mail, unsupported.clone()),
        ),
        (
            "MAIL FROM:<a@example.org> BODY=8BITMIME SMTPUTF8",
            Parsed::Invalid(Verb::Mail, unsupported),
        ),
        (
            "VRFY alice SMTPUTF8",
            Parsed::Invalid(Verb::Vrfy, ReplyKind::BadRecipient),
        ),
    ] {
        assert_eq!(parse_offered(line, off), expected, "{line}");
        assert_ne!(
            parse_offered(line, Offered::ALL),
            expected,
            "{line} with every extension"
        );
    }
}
