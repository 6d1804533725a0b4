//! `smtplab serve` with real clients over loopback, and `smtplab replay`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
    mailboxes: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mailboxes =
        std::env::temp_dir().join(format!("smtplab-test-{}-{}", std::process::id(), rand_suffix()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(["serve", "--listen", "127.0.0.1:0", "--mailbox-dir"])
        .arg(&mailboxes)
        .stdout(Stdio::piped())
        .spawn()
        .expect("smtplab starts");
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut first).unwrap();
    // Keep reading the live transcript so that the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let port = first
        .split(':')
        .nth(1)
        .and_then(|p| p.split(' ').next())
        .and_then(|p| p.parse().ok());
    Server {
        child,
        port: port.unwrap_or_else(|| panic!("no port in {first:?}")),
        mailboxes,
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn pythons_smtplib_delivers_a_mime_message_intact() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no python3");
        return;
    }
    let server = start();
    let script = r#"
import smtplib, sys
from email.message import EmailMessage
msg = EmailMessage()
msg["From"] = "sender@example.org"
msg["To"] = "bob@example.com"
msg["Subject"] = "smtplib test"
msg.set_content("Hello Bob.\n.a line that starts with a dot\n..two dots\n")
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10) as s:
    s.ehlo("client.example.org")
    refused = s.send_message(msg)
    assert refused == {}, refused
    code, _ = s.noop()
    assert code == 250
"#;
    let status = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(server.port.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "smtplib session failed");
    let folder = server.mailboxes.join("bob");
    let eml = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .expect("one .eml for bob")
        .unwrap()
        .path();
    let source = std::fs::read_to_string(eml).unwrap();
    let body = source.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        body,
        "Hello Bob.\r\n.a line that starts with a dot\r\n..two dots\r\n"
    );
    assert!(
        source.contains("Subject: smtplib test\r\n")
            && source.contains("Return-Path: <sender@example.org>\r\n")
    );
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
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = std::fs::read_to_string(golden).unwrap();
    assert_eq!(
        text, expected,
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
