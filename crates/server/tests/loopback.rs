//! `smtplab serve` with real clients over loopback: Python's smtplib, swaks, many
//! concurrent clients, and the recorder that also records the real Postfix.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;
use common::start;

fn have(program: &str) -> bool {
    let found = match program {
        // swaks needs Perl's TLS modules for --tls.
        "swaks" => Command::new("swaks")
            .arg("--support")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("=== TLS supported")),
        _ => Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
    };
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "{program} is required under CI=true");
        eprintln!("SKIPPED: {program} is not installed");
    }
    found
}

fn python(script: &str, args: &[String]) {
    let status = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "python script failed");
}

fn only_eml(folder: &Path) -> String {
    let files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).unwrap()
}

const MIME: &str = r#"
from email.message import EmailMessage
def message():
    msg = EmailMessage()
    msg["From"] = "alice@example.com"
    msg["To"] = "bob@example.com"
    msg["Subject"] = "smtplib test"
    msg.set_content("Hello Bob.\n.a line that starts with a dot\n..two dots\n")
    return msg
"#;
const BODY: &str = "Hello Bob.\r\n.a line that starts with a dot\r\n..two dots\r\n";

/// The seed's learner script: EHLO, STARTTLS, EHLO, AUTH LOGIN, a MIME message, QUIT.
#[test]
fn smtplib_starttls_auth_login_delivers_the_message_byte_for_byte() {
    if !have("python3") {
        return;
    }
    let server = start(&[]);
    let script = format!(
        "{MIME}\n{}",
        r#"
import smtplib, ssl, sys
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10) as s:
    s.ehlo("client.example.org")
    assert s.has_extn("starttls") and not s.has_extn("auth")
    s.starttls(context=ctx)
    s.ehlo("client.example.org")
    assert "LOGIN" in s.esmtp_features["auth"]
    s.user, s.password = "alice", "s3cret"
    code, _ = s.auth("LOGIN", s.auth_login)
    assert code == 235, code
    assert s.send_message(message()) == {}
"#
    );
    python(&script, &[server.port.to_string()]);
    let source = only_eml(&server.mailboxes.join("bob"));
    assert_eq!(source.split_once("\r\n\r\n").unwrap().1, BODY);
    assert!(source.contains("with ESMTPSA id "), "{source}");
}

#[test]
fn smtplib_over_implicit_tls_with_auth_plain() {
    if !have("python3") {
        return;
    }
    let server = start(&["--listen-tls", "127.0.0.1:0"]);
    let script = format!(
        "{MIME}\n{}",
        r#"
import smtplib, ssl, sys
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
with smtplib.SMTP_SSL("127.0.0.1", int(sys.argv[1]), timeout=10, context=ctx) as s:
    s.ehlo("client.example.org")
    assert not s.has_extn("starttls") and "PLAIN" in s.esmtp_features["auth"]
    s.user, s.password = "bob", "hunter2"
    assert s.auth("PLAIN", s.auth_plain)[0] == 235
    assert s.send_message(message()) == {}
"#
    );
    python(&script, &[server.tls_port.expect("a TLS port").to_string()]);
    assert_eq!(
        only_eml(&server.mailboxes.join("bob"))
            .split_once("\r\n\r\n")
            .unwrap()
            .1,
        BODY
    );
}

#[test]
fn swaks_with_tls_and_auth_plain_and_with_pipelining() {
    if !have("swaks") {
        return;
    }
    let server = start(&[]);
    let port = server.port.to_string();
    let server_arg = format!("127.0.0.1:{port}");
    let tls = Command::new("swaks")
        .args([
            "--server",
            &server_arg,
            "--tls",
            "--auth",
            "PLAIN",
            "--auth-user",
            "alice",
        ])
        .args([
            "--auth-password",
            "s3cret",
            "--from",
            "alice@example.com",
            "--to",
            "bob@example.com",
        ])
        .args(["--body", "via swaks and TLS"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&tls.stdout);
    assert!(tls.status.success(), "{out}");
    assert!(out.contains("<~  235 2.7.0 Authentication successful"), "{out}");
    let piped = Command::new("swaks")
        .args([
            "--server",
            &server_arg,
            "--pipeline",
            "--from",
            "a@example.org",
            "--to",
            "alice@example.com",
        ])
        .output()
        .unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stdout)
    );
    assert!(only_eml(&server.mailboxes.join("bob")).contains("via swaks and TLS"));
    assert!(only_eml(&server.mailboxes.join("alice")).contains("X-Mailer: swaks"));
}

/// A small SMTP client for the load test: sends a line, reads one reply.
struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut client = Client {
            reader: BufReader::new(stream),
        };
        assert!(client.reply().starts_with("220 "));
        client
    }

    fn reply(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            self.reader
                .read_line(&mut line)
                .expect("a reply before the timeout");
            if line.as_bytes().get(3) != Some(&b'-') {
                return line;
            }
        }
    }

    fn send(&mut self, text: &str) -> String {
        self.reader.get_mut().write_all(text.as_bytes()).unwrap();
        self.reply()
    }
}

#[test]
fn fifty_clients_send_a_hundred_messages_each_and_every_one_arrives_once() {
    let server = start(&["--max-connections", "64"]);
    let port = server.port;
    let clients: Vec<_> = (0..50)
        .map(|c| {
            std::thread::spawn(move || {
                let mut client = Client::connect(port);
                client.send("EHLO load.example.org\r\n");
                for m in 0..100 {
                    assert!(client.send("MAIL FROM:<load@example.org>\r\n").starts_with("250"));
                    assert!(client.send("RCPT TO:<bob@example.com>\r\n").starts_with("250"));
                    assert!(client.send("DATA\r\n").starts_with("354"));
                    let body = format!("Subject: load {c}-{m}\r\n\r\nmessage {c}-{m}\r\n.dot\r\n.\r\n");
                    assert!(client.send(&body).starts_with("250 2.0.0 Ok: queued as"));
                }
                client.send("QUIT\r\n");
            })
        })
        .collect();
    for client in clients {
        client.join().expect("client thread");
    }
    let mut seen = std::collections::HashSet::new();
    for entry in std::fs::read_dir(server.mailboxes.join("bob")).unwrap() {
        let mut text = String::new();
        std::fs::File::open(entry.unwrap().path())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let (_, body) = text.split_once("\r\n\r\n").unwrap();
        // ".dot" arrived as a dot-stuffed line, so the server stripped its first dot.
        assert!(
            body.starts_with("message ") && body.ends_with("\r\ndot\r\n"),
            "{body:?}"
        );
        assert!(seen.insert(body.to_string()), "delivered twice: {body}");
    }
    assert_eq!(seen.len(), 5000);
}

#[test]
fn replay_prints_the_servers_side_of_a_transcript() {
    let golden = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../engine/tests/golden/rcpt-unknown-user.smtp"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(["replay", golden])
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(golden).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected,
        "replay reproduces the recorded Postfix transcript"
    );
}

#[test]
fn a_public_address_needs_public() {
    let out = Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --public"));
}

#[test]
fn garbage_a_dropped_client_and_a_failed_handshake_do_not_disturb_others() {
    let server = start(&[]);
    let mut garbage = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let _ = garbage.write_all(&[0xff; 100_000]);
    let mut dropped = Client::connect(server.port);
    dropped.send("EHLO x\r\n");
    dropped.send("MAIL FROM:<a@example.org>\r\n");
    dropped.send("RCPT TO:<alice@example.com>\r\n");
    dropped.send("DATA\r\n");
    dropped.reader.get_mut().write_all(b"Subject: half\r\n").unwrap();
    drop(dropped);
    let mut bad_tls = Client::connect(server.port);
    bad_tls.send("STARTTLS\r\n");
    bad_tls
        .reader
        .get_mut()
        .write_all(b"this is not a ClientHello\r\n")
        .unwrap();
    let mut good = Client::connect(server.port);
    assert!(good.send("EHLO ok\r\n").starts_with("250"));
    assert_eq!(good.send("NOOP\r\n"), "250 2.0.0 Ok\r\n");
    assert!(
        !server.mailboxes.join("alice").exists(),
        "a half message must not be delivered"
    );
}

#[test]
fn the_live_transcript_is_swaks_style_and_hides_secrets_when_asked() {
    let mut server = start(&["--hide-secrets"]);
    let mut client = Client::connect(server.port);
    client.send("EHLO x\r\n");
    client.send("STARTTLS\r\n");
    drop(client);
    let mut plain = Client::connect(server.port);
    plain.send("NOOP\r\n");
    plain.send("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");
    plain.send("QUIT\r\n");
    // The QUIT was answered, so the server has printed the session; Ctrl-C prints the end.
    server.log_with("#2 <-  221");
    assert!(server.interrupt().success(), "Ctrl-C stops the server cleanly");
    let log = server.log_with("=== smtplab stopping");
    assert!(log.contains("#1 <-  220 mail.example.com ESMTP Postfix"), "{log}");
    assert!(
        log.contains("#2  -> NOOP") && log.contains("#2 <-  250 2.0.0 Ok"),
        "{log}"
    );
    assert!(
        log.contains("#2  -> AUTH PLAIN ***") && !log.contains("AGFsaWNl"),
        "{log}"
    );
    assert!(log.contains("=== smtplab stopping"), "{log}");
}
