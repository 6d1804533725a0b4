//! Transcripts in the `.smtp` format, and replaying their client side through a session.
//!
//! A transcript is `#` header lines, then one event per line:
//! `S: text` (a server line; `S: <EOF>` means the server had hung up), `C: text` (a client
//! line; CRLF is appended), `R: escaped` (raw client bytes with `\r`, `\n`, `\\` escapes),
//! `T: handshake` (the TLS handshake after a 220 to STARTTLS), and `X: cram USER PASSWORD`
//! (a CRAM-MD5 answer to the last challenge). The golden tests, `smtplab replay` and the
//! lessons all use this one format.

use crate::sasl::{cram_digest, decode, encode};
use crate::session::{Input, Output, Peer, Session};

/// One client event of a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Line(String),
    Raw(Vec<u8>),
    Handshake,
    Cram { user: String, password: String },
}

/// The client events of a transcript, with the line each came from.
pub fn client_events(text: &str) -> Vec<(String, Event)> {
    let mut events = Vec::new();
    for line in text.lines() {
        let event = match line.split_once(": ") {
            Some(("C", rest)) => Event::Line(rest.to_string()),
            Some(("R", rest)) => Event::Raw(unescape(rest)),
            Some(("T", _)) => Event::Handshake,
            Some(("X", rest)) => {
                let mut words = rest.split(' ').skip(1).map(str::to_string);
                let (Some(user), Some(password)) = (words.next(), words.next()) else {
                    continue;
                };
                Event::Cram { user, password }
            }
            _ if line == "C:" => Event::Line(String::new()),
            _ => continue,
        };
        events.push((line.to_string(), event));
    }
    events
}

/// Replays the client side of `text` through `session` (not yet connected) and returns
/// the transcript as the engine plays it: header lines kept, server lines regenerated.
pub fn replay(text: &str, mut session: Session, start_ms: u64) -> String {
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut now = start_ms;
    if session
        .handle_input(Input::Connected {
            now,
            peer: Peer::default(),
        })
        .is_err()
    {
        return out.join("\n") + "\n";
    }
    drain(&mut session, &mut out);
    for (shown, event) in client_events(text) {
        now += 1000;
        let input = match event {
            Event::Line(l) => Input::Bytes {
                now,
                data: format!("{l}\r\n").into_bytes(),
            },
            Event::Raw(bytes) => Input::Bytes { now, data: bytes },
            Event::Handshake => Input::TlsEstablished { now },
            Event::Cram { user, password } => {
                let challenge = last_challenge(&out).unwrap_or_default();
                let answer = encode(format!("{user} {}", cram_digest(&password, &challenge)).as_bytes());
                Input::Bytes {
                    now,
                    data: format!("{answer}\r\n").into_bytes(),
                }
            }
        };
        out.push(shown);
        if session.handle_input(input).is_err() {
            out.push("S: <EOF>".into());
            break;
        }
        drain(&mut session, &mut out);
    }
    out.join("\n") + "\n"
}

fn drain(session: &mut Session, out: &mut Vec<String>) {
    while let Some(output) = session.poll_output() {
        if let Output::Reply { reply, .. } = output {
            out.extend(reply.text_lines().into_iter().map(|l| format!("S: {l}")));
        }
    }
}

/// The decoded text of the last `334` challenge.
fn last_challenge(out: &[String]) -> Option<String> {
    let line = out.iter().rev().find(|l| l.starts_with("S: 334 "))?;
    String::from_utf8(decode(&line[7..])?).ok()
}

/// Queue IDs and CRAM-MD5 challenges differ on every run, and header lines say where a
/// transcript came from: compare everything else exactly, and those by their shape.
pub fn mask(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(mask_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn mask_line(line: &str) -> String {
    if let Some((head, id)) = line.rsplit_once("queued as ") {
        if (8..=12).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
        {
            return format!("{head}queued as <QUEUE-ID>");
        }
    }
    if let Some(challenge) = line.strip_prefix("S: 334 ").and_then(decode) {
        let text = String::from_utf8_lossy(&challenge);
        let shape = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix("@mail.example.com>"));
        let digits = shape.and_then(|s| s.split_once('.')).is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        });
        if digits {
            return "S: 334 <CRAM-MD5 CHALLENGE <digits.digits@mail.example.com>>".into();
        }
    }
    line.to_string()
}

/// Undoes the `R:` escapes.
pub fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend(c.to_string().bytes());
            continue;
        }
        match chars.next() {
            Some('r') => out.push(b'\r'),
            Some('n') => out.push(b'\n'),
            Some(other) => out.extend(other.to_string().bytes()),
            None => out.push(b'\\'),
        }
    }
    out
}
