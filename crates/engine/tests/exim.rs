//! Exim's behaviour where it is more than wording, each case from a recording in
//! `golden/exim/` (the golden test replays them whole; these pin the rules).

use smtplab_engine::world::Profile;
use smtplab_engine::{Input, Output, Peer, Session, World};

struct Exim {
    session: Session,
    now: u64,
}

impl Exim {
    fn connected() -> Exim {
        let mut session = Session::new(World::preset(Profile::Exim), 7);
        let peer = Peer::default();
        session.handle_input(Input::Connected { now: 0, peer }).unwrap();
        let mut exim = Exim { session, now: 0 };
        exim.replies();
        exim
    }

    /// Sends bytes in one write; the reply lines, and `<EOF>` when the server closed.
    fn raw(&mut self, bytes: &[u8]) -> Vec<String> {
        self.now += 10;
        let data = bytes.to_vec();
        self.session
            .handle_input(Input::Bytes { now: self.now, data })
            .unwrap();
        self.replies()
    }

    /// Sends bytes in one write; the octets the server wrote back.
    fn wire(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.now += 10;
        self.session.handle_bytes(self.now, bytes).unwrap();
        let mut wire = Vec::new();
        while let Some(output) = self.session.poll_output() {
            if let Output::Reply { reply, .. } = output {
                reply.write_to(&mut wire);
            }
        }
        wire
    }

    fn replies(&mut self) -> Vec<String> {
        std::iter::from_fn(|| self.session.poll_output())
            .filter_map(|output| match output {
                Output::Reply { reply, .. } => Some(reply.text_lines()),
                Output::Close => Some(vec!["<EOF>".into()]),
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn in_rcpt() -> Exim {
        let mut exim = Exim::connected();
        exim.raw(b"EHLO client.example.org\r\n");
        exim.raw(b"MAIL FROM:<sender@example.org>\r\n");
        assert_eq!(exim.raw(b"RCPT TO:<alice@example.com>\r\n"), ["250 Accepted"]);
        exim
    }
}

#[test]
fn a_body_sent_behind_a_refused_data_is_a_synchronization_error() {
    let mut exim = Exim::connected();
    exim.raw(b"EHLO client.example.org\r\n");
    exim.raw(b"DATA\r\n");
    let replies = exim.raw(b"Subject: x\r\n\r\nbody\r\n.\r\n");
    assert_eq!(replies, ["554 SMTP synchronization error", "<EOF>"]);
}

#[test]
fn pipelined_commands_before_any_data_are_answered_one_by_one() {
    let mut exim = Exim::connected();
    assert_eq!(exim.raw(b"NOOP\r\nNOOP\r\n"), ["250 OK", "250 OK"]);
    exim.raw(b"EHLO client.example.org\r\n");
    exim.raw(b"DATA\r\n");
    // After DATA, MAIL and RCPT may still be pipelined (PIPELINING was offered); NOOP not.
    let replies = exim.raw(b"MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.com>\r\nNOOP\r\nNOOP\r\n");
    assert_eq!(
        replies,
        [
            "250 OK",
            "250 Accepted",
            "554 SMTP synchronization error",
            "<EOF>"
        ]
    );
}

#[test]
fn bdat_total_counts_a_first_line_that_is_no_header_twice() {
    let mut exim = Exim::in_rcpt();
    assert_eq!(exim.raw(b"BDAT 3 LAST\r\nx\r\n")[0], "250- 3 byte chunk, total 4");
    let mut exim = Exim::in_rcpt();
    let replies = exim.raw(b"BDAT 25 LAST\r\nSubject: bdat\r\n\r\nHello.\r\n");
    assert_eq!(replies[0], "250- 25 byte chunk, total 25");
}

#[test]
fn bdat_header_with_a_bare_lf_is_refused() {
    let mut exim = Exim::in_rcpt();
    let replies = exim.raw(b"BDAT 18 LAST\r\nSubject: lf\n\nbody\n");
    assert_eq!(replies, ["552 Message header not CRLF terminated"]);
    assert_eq!(
        exim.raw(b"RCPT TO:<alice@example.com>\r\n"),
        ["503 sender not yet given"]
    );
}

#[test]
fn a_command_word_needs_a_space_after_it() {
    let mut exim = Exim::connected();
    assert_eq!(exim.raw(b"NOOP\rQUIT\r\n"), ["500 unrecognized command"]);
    assert_eq!(exim.raw(b"\rNOOP\r\n"), ["500 unrecognized command"]);
    assert_eq!(exim.raw(b"NOOP now\r\n"), ["250 OK"]);
}

#[test]
fn between_bdat_chunks_only_bdat_then_only_rset() {
    let mut exim = Exim::in_rcpt();
    assert_eq!(
        exim.raw(b"BDAT 14\r\nSubject: x\r\n\r\n"),
        ["250 14 byte chunk received"]
    );
    assert_eq!(exim.raw(b"NOOP\r\n"), ["250 OK"]);
    let only_bdat = ["503 only BDAT permissible after non-LAST BDAT"];
    assert_eq!(exim.raw(b"MAIL FROM:<a@example.org>\r\n"), only_bdat);
    assert_eq!(exim.raw(b"NOOP\r\n"), ["503 only RSET accepted now"]);
    assert_eq!(exim.raw(b"RSET\r\n"), ["250 Reset OK"]);
    let mut exim = Exim::in_rcpt();
    exim.raw(b"BDAT 14\r\nSubject: x\r\n\r\n");
    let lost = [
        "221 mail.example.com closing connection",
        "421 Lost incoming connection",
        "<EOF>",
    ];
    assert_eq!(exim.raw(b"QUIT\r\n"), lost);
}

#[test]
fn debian_refuses_recipients_once_most_of_more_than_ten_failed() {
    let mut exim = Exim::in_rcpt();
    for n in 1..=9 {
        let line = format!("RCPT TO:<nosuchuser{n}@example.com>\r\n");
        assert_eq!(exim.raw(line.as_bytes()), ["550 Unrouteable address"], "{n}");
    }
    let refused = ["550 Rejected for too many bad recipients"];
    assert_eq!(exim.raw(b"RCPT TO:<bob@example.com>\r\n"), refused);
    // A new message starts the count again.
    exim.raw(b"RSET\r\n");
    exim.raw(b"MAIL FROM:<sender@example.org>\r\n");
    assert_eq!(exim.raw(b"RCPT TO:<bob@example.com>\r\n"), ["250 Accepted"]);
}

#[test]
fn mail_options_are_read_from_the_end_as_exim_does() {
    let mut exim = Exim::connected();
    exim.raw(b"EHLO client.example.org\r\n");
    let body = ["501 invalid data for BODY"];
    assert_eq!(exim.raw(b"MAIL FROM:<sender@example.org> BODY=foo\r\n"), body);
    // DSN is not offered: RET and ENVID are ignored, whatever their value.
    assert_eq!(
        exim.raw(b"MAIL FROM:<sender@example.org> RET=foo ENVID=a+zz\r\n"),
        ["250 OK"]
    );
    exim.raw(b"RSET\r\n");
    let malformed =
        "501 <sender@example.org> FOO=bar: malformed address: FOO=bar may not follow <sender@example.org> ";
    assert_eq!(
        exim.raw(b"MAIL FROM:<sender@example.org> FOO=bar SIZE=5\r\n"),
        [malformed]
    );
    assert_eq!(
        exim.raw(b"MAIL FROM:\r\n"),
        ["501 MAIL must have an address operand"]
    );
    let mut exim = Exim::connected();
    assert_eq!(
        exim.raw(b"MAIL TO:<a@example.org>\r\n"),
        ["500 unrecognized command"]
    );
}

#[test]
fn after_helo_mail_has_no_options() {
    let mut exim = Exim::connected();
    exim.raw(b"HELO client.example.org\r\n");
    let reply = exim.raw(b"MAIL FROM:<sender@example.org> SIZE=5\r\n");
    let malformed =
        "501 <sender@example.org> SIZE=5: malformed address: SIZE=5 may not follow <sender@example.org> ";
    assert_eq!(reply, [malformed]);
}

/// After STARTTLS and EHLO, where Exim offers AUTH.
fn in_tls() -> Exim {
    let mut exim = Exim::connected();
    exim.raw(b"EHLO client.example.org\r\n");
    assert_eq!(exim.raw(b"STARTTLS\r\n"), ["220 TLS go ahead"]);
    exim.now += 10;
    let now = exim.now;
    exim.session.handle_input(Input::TlsEstablished { now }).unwrap();
    exim.raw(b"EHLO client.example.org\r\n");
    exim
}

#[test]
fn exim_authenticators_answer_as_exim_does() {
    let mut exim = in_tls();
    assert_eq!(
        exim.raw(b"AUTH CRAM-MD5 abc\r\n"),
        ["553 Initial data not expected"]
    );
    assert_eq!(exim.raw(b"AUTH PLAIN a b\r\n"), ["501 Invalid base64 data"]);
    // No realm: alice@mail.example.com is not alice.
    assert_eq!(exim.raw(b"AUTH LOGIN\r\n"), ["334 VXNlcm5hbWU6"]);
    assert_eq!(
        exim.raw(b"YWxpY2VAbWFpbC5leGFtcGxlLmNvbQ==\r\n"),
        ["334 UGFzc3dvcmQ6"]
    );
    assert_eq!(exim.raw(b"czNjcmV0\r\n"), ["535 Incorrect authentication data"]);
    // A user name of any length, and an empty one, gets the Password prompt.
    exim.raw(b"AUTH LOGIN\r\n");
    let long = format!("{}\r\n", "YWFh".repeat(400));
    assert_eq!(exim.raw(long.as_bytes()), ["334 UGFzc3dvcmQ6"]);
    assert_eq!(exim.raw(b"*\r\n"), ["501 Authentication cancelled"]);
}

#[test]
fn a_timeout_in_auth_login_is_an_empty_response() {
    let mut exim = in_tls();
    assert_eq!(exim.raw(b"AUTH LOGIN\r\n"), ["334 VXNlcm5hbWU6"]);
    let deadline = exim.session.next_deadline().unwrap();
    exim.session.handle_input(Input::Tick { now: deadline }).unwrap();
    assert_eq!(exim.replies(), ["334 UGFzc3dvcmQ6"]);
    let deadline = exim.session.next_deadline().unwrap();
    exim.session.handle_input(Input::Tick { now: deadline }).unwrap();
    assert_eq!(exim.replies(), ["535 Incorrect authentication data"]);
}

#[test]
fn vrfy_reads_the_address_as_exim_does() {
    let mut exim = Exim::connected();
    let phrase = ["501 missing or malformed local part (expected word or \"<\")"];
    assert_eq!(exim.raw(b"VRFY alice bob\r\n"), phrase);
    assert_eq!(
        exim.raw(b"VRFY <alice\r\n"),
        ["501 \"@\" or \".\" expected after \"alice\""]
    );
    assert_eq!(
        exim.raw(b"VRFY postmaster\r\n"),
        ["252 Administrative prohibition"]
    );
    let mut exim = Exim::connected();
    assert_eq!(
        exim.raw(b"VRFY root\r\n"),
        ["501 root: recipient address must contain a domain"]
    );
    assert_eq!(exim.raw(b"VRFY\r\n"), ["501 empty address"]);
}

/// golden/exim/utf8-bad-vrfy.smtp: Exim names the argument in the octets the client sent,
/// UTF-8 or not; what is shown as text has them replaced.
#[test]
fn vrfy_echoes_octets_that_are_not_utf8_as_they_came() {
    let mut exim = Exim::connected();
    exim.raw(b"EHLO client.example.org\r\n");
    let wire = exim.wire(b"VRFY \xff\xfe \r\n");
    assert_eq!(wire, b"501 \xff\xfe: recipient address must contain a domain\r\n");
    let shown = exim.raw(b"VRFY a\xc3\r\n");
    assert_eq!(shown, ["501 a\u{fffd}: recipient address must contain a domain"]);
    assert_eq!(
        exim.wire(b"VRFY gr\xc3\xbc\xc3\x9fe\r\n"),
        "501 grüße: recipient address must contain a domain\r\n".as_bytes()
    );
}
