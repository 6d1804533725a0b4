//! Transcripts in the `.smtp` format, and replaying their client side through a session.
//!
//! A transcript is `#` header lines, then one event per line:
//! - `S: text`: a server line (`S: <EOF>`: the server closed the connection);
//! - `D: N`: the next server line came N seconds (rounded) after the client's last event
//!   or the server's previous reply: Postfix's tarpit, error sleep or idle timeout;
//! - `C: text`: a client line, CRLF appended;
//! - `R: escaped`: raw client bytes, with `\r`, `\n`, `\\` and `\xNN` escapes;
//! - `N: K`: after the `R:` before it, the recorder read K replies instead of one (0: only
//!   what came at once);
//! - `T: handshake`: the TLS handshake after a 220 to STARTTLS;
//! - `X: cram USER PASSWORD`: a CRAM-MD5 answer to the last challenge;
//! - `F: N`: N octets of message lines (998 `x` and CRLF each, the last one shorter),
//!   to reach the size limit without a megabyte of transcript;
//! - `W: N`: the client sends nothing for N seconds;
//! - `H: close`: the client closes its side of the connection.
//!
//! Server lines escape a backslash, control characters and invalid UTF-8 like `R:` lines.
//! The timing model is the recorder's (`tests/golden/record.py`): the client sends each
//! event as soon as the replies it waits for have arrived (a message's lines and its lone
//! dot in one write), and after the last event it waits [`FINAL_WAIT_MS`] for whatever
//! the server still does on its own. How the client reads depends on who wrote the
//! transcript. A recording (`# recorded from:`) reads like `record.py`: one reply per
//! event, or `N:`'s count, and what the server sent beyond that waits in the socket for
//! the next event, so a server that answers a whole pipelined batch at once shows its
//! replies where the recorder read them. Any other transcript (the lab's exports, a
//! lesson's script) reads everything the server has sent after each event. The golden
//! tests, `smtplab replay` and the lessons all use this one format.

use std::collections::VecDeque;

use crate::sasl::{cram_digest, decode, encode};
use crate::session::{Input, Output, Peer, Session};
use crate::world::World;

/// How long the recorder waits after the last step for the server to act on its own.
pub const FINAL_WAIT_MS: u64 = 2000;

/// One client event of a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    Line(String),
    Raw(Vec<u8>),
    Handshake,
    Cram {
        user: String,
        password: String,
    },
    /// This many octets of message lines (see [`filler`]).
    Filler(u64),
    /// Send nothing for this many seconds.
    Wait(u64),
    /// Close the client's side of the connection.
    Close,
}

/// The client events of a transcript, with the line each came from.
pub fn client_events(text: &str) -> Vec<(String, Event)> {
    text.lines()
        .filter_map(|line| Some((line.to_string(), event_of(line)?)))
        .collect()
}

/// The client event a transcript line stands for, if it is one.
fn event_of(line: &str) -> Option<Event> {
    Some(match line.split_once(": ") {
        Some(("C", rest)) => Event::Line(rest.to_string()),
        Some(("R", rest)) => Event::Raw(unescape(rest)),
        Some(("T", _)) => Event::Handshake,
        Some(("W", rest)) => Event::Wait(rest.trim().parse().ok()?),
        Some(("H", _)) => Event::Close,
        Some(("F", rest)) => Event::Filler(rest.trim().parse().ok()?),
        Some(("X", rest)) => {
            let mut words = rest.split(' ').skip(1).map(str::to_string);
            let (Some(user), Some(password)) = (words.next(), words.next()) else {
                return None;
            };
            Event::Cram { user, password }
        }
        _ if line == "C:" => Event::Line(String::new()),
        _ => return None,
    })
}

/// One write of the client, and how many replies it then reads: `Some(n)` from an `N: n`
/// line after an `R:` (a recorded pipelined batch), `None` for the event's usual one.
struct Write {
    events: Vec<(String, Event)>,
    reads: Option<usize>,
}

/// The client events in the writes the recorder made: each event alone, except a
/// message (`record.py`'s `data` step): the client lines after `C: DATA`, up to and with
/// the lone dot, go out in one write. A server that checks for input sent too early sees
/// the body behind a refused DATA at once. (A script without server lines reads the same:
/// its commands are not one write because no server line stands between them.)
fn writes(text: &str) -> Vec<Write> {
    let alone = |e: (String, Event)| Write {
        events: vec![e],
        reads: None,
    };
    let mut writes: Vec<Write> = Vec::new();
    let mut message: Option<Vec<(String, Event)>> = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some(("N", n)) = line.split_once(": ") {
            if let (Some(last), Ok(n)) = (writes.last_mut(), n.trim().parse()) {
                last.reads = Some(n);
            }
            continue;
        }
        let Some(event) = event_of(line) else {
            continue;
        };
        match (&mut message, &event) {
            (Some(body), Event::Line(_) | Event::Filler(_)) => {
                let dot = event == Event::Line(".".into());
                body.push((line.to_string(), event));
                if dot {
                    writes.extend(message.take().map(|events| Write { events, reads: None }));
                }
            }
            _ => {
                // Anything else ends a message that never got its dot: its lines went alone.
                writes.extend(message.take().into_iter().flatten().map(alone));
                let data = matches!(&event, Event::Line(l) if l.eq_ignore_ascii_case("DATA"));
                writes.push(alone((line.to_string(), event)));
                if data {
                    message = Some(Vec::new());
                }
            }
        }
    }
    writes.extend(message.into_iter().flatten().map(alone));
    writes
}

/// The world a transcript was recorded in: `base` with the settings its header names
/// (`# smtpd_timeout: 5s`, `# smtpd_tls_security_level: encrypt`, … from a
/// recording-only listener), and the server that answered (`# profile: exim`).
pub fn world_for(text: &str, mut base: World) -> World {
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let setting = line.trim_start_matches('#').trim();
        let Some((name, value)) = setting.split_once(':') else {
            continue;
        };
        match (name, value.trim()) {
            ("smtpd_timeout", value) => {
                if let Ok(seconds) = value.trim_end_matches('s').parse() {
                    base.limits.idle_timeout_secs = seconds;
                }
            }
            // The server that answered (the lab's exports say so): its world, with ours.
            ("profile", value) => {
                let name = value.split_whitespace().next().unwrap_or("");
                if let Some(profile) = crate::world::Profile::from_name(name).filter(|p| *p != base.profile) {
                    base = base.switch_profile(profile);
                }
            }
            ("smtpd_tls_security_level", "encrypt") => base.policy.tls_required = true,
            ("smtpd_sender_restrictions", "permit_sasl_authenticated, reject") => {
                base.policy.auth_required = true
            }
            // Exim's smtp_banner with `\n`: the lines after the first are the notice.
            ("smtp_banner", banner) => {
                base.greeting_notice = banner.split("\\n").skip(1).map(str::to_string).collect();
            }
            ("smtpd_discard_ehlo_keywords", keywords) => {
                for keyword in keywords.split([',', ' ']).filter(|k| !k.is_empty()) {
                    match keyword {
                        "pipelining" => base.policy.pipelining = false,
                        "chunking" => base.policy.chunking = false,
                        "smtputf8" => base.policy.smtputf8 = false,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    base
}

/// Replays the client side of `text` through `session` (not yet connected) and returns
/// the transcript as the engine plays it: header lines kept, server lines regenerated.
pub fn replay(text: &str, session: Session, start_ms: u64) -> String {
    replay_observed(text, session, start_ms, &mut |_| {}).0
}

/// [`replay`], showing every output to `observe` as it comes (the lessons grade a
/// scripted session from them), and handing back the session as it ended.
pub fn replay_observed(
    text: &str,
    session: Session,
    start_ms: u64,
    observe: &mut dyn FnMut(&Output),
) -> (String, Session) {
    let mut player = Player {
        session,
        out: text
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_string)
            .collect(),
        now: start_ms,
        unread: VecDeque::new(),
        server_closed: false,
        closed: false,
        recorder: text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .any(|l| l.starts_with("# recorded from: ")),
        observe,
    };
    let connected = Input::Connected {
        now: start_ms,
        peer: Peer::default(),
    };
    player.send(connected, player.reads(None));
    for write in writes(text) {
        if player.closed {
            break;
        }
        let reads = player.reads(write.reads);
        if write.events.len() > 1 {
            // A message in one write: its lines, then what the server made of them.
            let mut data = Vec::new();
            for (shown, event) in write.events {
                player.out.push(shown);
                match event {
                    Event::Line(l) => data.extend(format!("{l}\r\n").into_bytes()),
                    Event::Filler(octets) => data.extend(filler(octets)),
                    _ => {}
                }
            }
            let now = player.now;
            player.send(Input::Bytes { now, data }, reads);
            continue;
        }
        let Some((shown, event)) = write.events.into_iter().next() else {
            continue;
        };
        player.out.push(shown);
        player.out.extend(write.reads.map(|n| format!("N: {n}")));
        let now = player.now;
        let input = match event {
            Event::Line(l) => Input::Bytes {
                now,
                data: format!("{l}\r\n").into_bytes(),
            },
            Event::Raw(bytes) => Input::Bytes { now, data: bytes },
            Event::Filler(octets) => Input::Bytes {
                now,
                data: filler(octets),
            },
            // The recorder reads nothing after its handshake (it only looks for a close).
            Event::Handshake => {
                let reads = if player.recorder {
                    Reads::Nothing
                } else {
                    Reads::Everything
                };
                player.send(Input::TlsEstablished { now }, reads);
                continue;
            }
            Event::Cram { user, password } => {
                let challenge = last_challenge(&player.out).unwrap_or_default();
                let answer = encode(format!("{user} {}", cram_digest(&password, &challenge)).as_bytes());
                Input::Bytes {
                    now,
                    data: format!("{answer}\r\n").into_bytes(),
                }
            }
            Event::Wait(seconds) => {
                player.wait(seconds.saturating_mul(1000));
                continue;
            }
            Event::Close => {
                player.send(Input::PeerClosed { now }, Reads::Everything);
                player.hang_up(); // the server closes its side in turn
                continue;
            }
        };
        player.send(input, reads);
    }
    if !player.closed {
        player.wait(FINAL_WAIT_MS);
    }
    player.finish()
}

/// How many replies the client reads after an event before it acts again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reads {
    /// Everything the server has sent: a learner at the lab, a lesson's script, `smtplab
    /// replay`.
    Everything,
    /// `record.py`: this many replies (0: only what came at once), waiting up to
    /// [`REPLY_TIMEOUT_MS`] for each; the rest stay in the socket for the next event.
    Count(usize),
    /// `record.py` after a TLS handshake: no reply, only a close if nothing is unread.
    Nothing,
}

/// How long the recorder waits for a reply it reads.
const REPLY_TIMEOUT_MS: u64 = 30_000;
/// What "at once" means to the recorder.
const NO_WAIT_MS: u64 = 300;

/// A session played on the recorder's clock.
struct Player<'a> {
    session: Session,
    out: Vec<String>,
    /// When the client acts next: as soon as the last reply it read has arrived.
    now: u64,
    /// Replies sent and not yet read, with when each arrived, as transcript lines.
    unread: VecDeque<(u64, Vec<String>)>,
    /// The server has closed; the client sees it after reading what came before.
    server_closed: bool,
    /// The client has seen the close: the transcript ends.
    closed: bool,
    /// Reads like `record.py`: a transcript that says `# recorded from:`.
    recorder: bool,
    observe: &'a mut dyn FnMut(&Output),
}

impl Player<'_> {
    /// How the client reads after an event: `record.py` one reply, or `n` after an `N:`.
    fn reads(&self, n: Option<usize>) -> Reads {
        match self.recorder {
            true => Reads::Count(n.unwrap_or(1)),
            false => Reads::Everything,
        }
    }

    /// Sends one input (unless the server has gone) and reads as `reads` says.
    fn send(&mut self, input: Input, reads: Reads) {
        if !self.server_closed {
            let ok = self.session.handle_input(input).is_ok();
            self.take_outputs();
            self.server_closed |= !ok;
        }
        let since = self.now;
        let n = match reads {
            Reads::Everything => self.unread.len(),
            Reads::Nothing => 0,
            Reads::Count(0) => {
                let at_once = since.saturating_add(NO_WAIT_MS);
                self.unread.iter().take_while(|(due, _)| *due <= at_once).count()
            }
            Reads::Count(n) => {
                self.tick_until(since.saturating_add(REPLY_TIMEOUT_MS), |p| p.unread.len() >= n);
                n.min(self.unread.len())
            }
        };
        self.read(n, since);
    }

    /// Lets `ms` pass, ticking the session whenever something is due, and reads what
    /// arrived meanwhile (the lab's reader: everything).
    fn wait(&mut self, ms: u64) {
        let (since, until) = (self.now, self.now.saturating_add(ms));
        self.tick_until(until, |_| false);
        let limit = if self.recorder { until } else { u64::MAX };
        let n = self.unread.iter().take_while(|(due, _)| *due <= limit).count();
        self.read(n, since);
        self.now = self.now.max(until);
    }

    /// Ticks the session at each deadline up to `until`, until `done`.
    fn tick_until(&mut self, until: u64, done: impl Fn(&Self) -> bool) {
        let mut clock = self.now;
        while !done(self) && !self.server_closed {
            let Some(due) = self.session.next_deadline().filter(|&d| d <= until) else {
                break;
            };
            clock = clock.max(due);
            let _ = self.session.handle_input(Input::Tick { now: clock });
            self.take_outputs();
        }
    }

    fn take_outputs(&mut self) {
        while let Some(output) = self.session.poll_output() {
            (self.observe)(&output);
            match output {
                Output::Reply { reply, due } => {
                    let lines = write([Line::Server(&reply)])
                        .lines()
                        .map(str::to_string)
                        .collect();
                    self.unread.push_back((due, lines));
                }
                Output::Close => self.server_closed = true,
                _ => {}
            }
        }
    }

    /// Writes out the next `n` unread replies; one that took a second or more after the
    /// client's last event or the previous reply gets a `D:` line. Then the close, if the
    /// server has closed and nothing is left to read.
    fn read(&mut self, n: usize, mut since: u64) {
        for (due, lines) in self.unread.drain(..n) {
            let seconds = (due.saturating_sub(since) + 500) / 1000;
            if seconds > 0 {
                self.out.push(format!("D: {seconds}"));
            }
            since = since.max(due);
            self.now = self.now.max(due);
            self.out.extend(lines);
        }
        if self.server_closed && self.unread.is_empty() {
            self.hang_up();
        }
    }

    fn hang_up(&mut self) {
        if !self.closed {
            self.out.push("S: <EOF>".into());
            self.closed = true;
        }
    }

    fn finish(self) -> (String, Session) {
        (self.out.join("\n") + "\n", self.session)
    }
}

/// One line of a transcript to write (see [`write`]).
#[derive(Clone, Copy, Debug)]
pub enum Line<'a> {
    /// A line the client sent, without its CRLF.
    Client(&'a str),
    /// A whole reply: one `S:` line for each of its lines.
    Server(&'a crate::Reply),
    /// The server closed the connection: `S: <EOF>`.
    Closed,
    /// Something else that happened, for the reader: a `#` line.
    Note(&'a str),
}

/// Writes `lines` in the `.smtp` format that [`replay`] and `smtplab replay` read: `C:`
/// lines, `S:` lines with the reply's octets escaped as the recorder escapes them, and
/// notes as `#` lines.
pub fn write<'a>(lines: impl IntoIterator<Item = Line<'a>>) -> String {
    let mut out = String::new();
    for line in lines {
        match line {
            // A line with a CR or LF in it (from a link, say) cannot be a `C:` line.
            Line::Client(text) if text.contains(['\r', '\n']) => {
                out.extend(["R: ", &escape(format!("{text}\r\n").as_bytes()), "\n"])
            }
            Line::Client(text) => out.extend(["C: ", text, "\n"]),
            Line::Server(reply) => {
                let wire = reply.to_bytes();
                for line in wire.split_inclusive(|&b| b == b'\n') {
                    let line = line.strip_suffix(b"\r\n").unwrap_or(line);
                    out.extend(["S: ", &escape(line), "\n"]);
                }
            }
            Line::Closed => out.push_str("S: <EOF>\n"),
            Line::Note(text) => out.extend(["# ", text, "\n"]),
        }
    }
    out
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

/// `octets` octets of message lines: 998 `x` and CRLF each, the last one shorter (as
/// `record.py` sends them).
pub fn filler(octets: u64) -> Vec<u8> {
    let line = [&[b'x'; 998][..], b"\r\n"].concat();
    let (full, rest) = ((octets / 1000) as usize, (octets % 1000) as usize);
    let mut out = Vec::with_capacity(octets as usize);
    if rest == 1 && full > 0 {
        out.extend(line.repeat(full - 1));
        out.extend([b'x'; 999]);
        out.extend(b"\r\n");
        return out;
    }
    out.extend(line.repeat(full));
    if rest >= 2 {
        out.extend(std::iter::repeat_n(b'x', rest - 2));
        out.extend(b"\r\n");
    } else {
        out.extend(std::iter::repeat_n(b'x', rest));
    }
    out
}

/// Undoes the `R:` escapes.
pub fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let escaped = &rest[at + 1..];
        let hex = escaped
            .strip_prefix('x')
            .and_then(|h| h.get(..2))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        rest = match (hex, escaped.chars().next()) {
            (Some(byte), _) => {
                out.push(byte);
                &escaped[3..]
            }
            (None, Some('r')) => {
                out.push(b'\r');
                &escaped[1..]
            }
            (None, Some('n')) => {
                out.push(b'\n');
                &escaped[1..]
            }
            (None, Some(other)) => {
                out.extend(other.to_string().bytes());
                &escaped[other.len_utf8()..]
            }
            (None, None) => {
                out.push(b'\\');
                ""
            }
        };
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// A server line as transcripts show it, from its octets on the wire: a backslash,
/// control characters and octets that are not UTF-8 escaped (`record.py`'s `escape`).
pub fn escape(line: &[u8]) -> String {
    let mut out = String::with_capacity(line.len());
    for chunk in line.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() && (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for octet in chunk.invalid() {
            out.push_str(&format!("\\x{octet:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_goes_out_in_one_write_and_other_lines_alone() {
        let text = "# scenario: x\nS: 220 hi\nC: DATA\nS: 503 no\nC: Subject: x\nC: \nC: body\nC: .\nS: 554 sync\nC: BDAT 10 FOO\nC: NOOP\nW: 1\n";
        let writes = writes(text);
        let sizes: Vec<usize> = writes.iter().map(|w| w.events.len()).collect();
        assert_eq!(sizes, [1, 4, 1, 1, 1]);
        let message: Vec<&str> = writes[1].events.iter().map(|(shown, _)| shown.as_str()).collect();
        assert_eq!(message, ["C: Subject: x", "C: ", "C: body", "C: ."]);
    }

    /// The client lines and server lines of replaying `text` through Postfix's reference world.
    fn played(text: &str) -> Vec<String> {
        let session = Session::new(World::reference(), 7);
        let out = replay(text, session, 1_000_000);
        out.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_client_line_with_a_line_break_is_written_as_raw_octets_and_reads_back() {
        let written = write([Line::Client("NOOP\n# recorded from: x"), Line::Client("QUIT")]);
        assert_eq!(written, "R: NOOP\\x0a# recorded from: x\\x0d\\x0a\nC: QUIT\n");
        let events: Vec<Event> = client_events(&written).into_iter().map(|(_, e)| e).collect();
        assert_eq!(
            events,
            [
                Event::Raw(b"NOOP\n# recorded from: x\r\n".to_vec()),
                Event::Line("QUIT".into())
            ]
        );
    }

    #[test]
    fn only_the_header_says_a_transcript_is_a_recording() {
        let script = "S: 220 x\nC: EHLO c\nR: FOO\\r\\nNOOP\\r\\n\nC: NOOP\n";
        let unknown = "S: 500 5.5.2 Error: command not recognized";
        let batch = |out: &[String]| -> usize {
            let at = out.iter().position(|l| l.starts_with("R: ")).unwrap();
            out[at + 1..].iter().take_while(|l| l.starts_with("S: ")).count()
        };
        // A `# recorded from:` line below the header is a note: everything is read at once.
        let noted = played(&format!("{script}# recorded from: a note\n"));
        assert_eq!(batch(&noted), 2, "{noted:?}");
        let recorded = played(&format!("# recorded from: test\n{script}"));
        assert_eq!(batch(&recorded), 1, "{recorded:?}");
        assert!(recorded.contains(&unknown.to_string()));
    }

    #[test]
    fn a_recording_reads_one_reply_per_event_and_the_rest_waits_in_the_socket() {
        let script = "S: 220 x\nC: EHLO c\nR: FOO\\r\\nBAR\\r\\nNOOP\\r\\n\nC: NOOP\n";
        let unknown = "S: 500 5.5.2 Error: command not recognized";
        let ok = "S: 250 2.0.0 Ok";
        let after = |out: &[String], line: &str| -> Vec<String> {
            let at = out.iter().position(|l| l == line).unwrap();
            let next = out[at + 1..]
                .iter()
                .position(|l| !l.starts_with("S: "))
                .unwrap_or(out.len() - at - 1);
            out[at + 1..at + 1 + next].to_vec()
        };
        // The lab's reader: all three replies right after the batch.
        let lab = played(script);
        assert_eq!(
            after(&lab, "R: FOO\\r\\nBAR\\r\\nNOOP\\r\\n"),
            [unknown, unknown, ok]
        );
        assert_eq!(after(&lab, "C: NOOP"), [ok]);
        // record.py: one reply, then the next one for the NOOP, and the rest at the end.
        let recorded = played(&format!("# recorded from: test\n{script}"));
        assert_eq!(after(&recorded, "R: FOO\\r\\nBAR\\r\\nNOOP\\r\\n"), [unknown]);
        assert_eq!(after(&recorded, "C: NOOP"), [unknown, ok, ok]);
        // `N: 3`: the recorder read all three.
        let script = script.replace("\\n\nC: NOOP", "\\n\nN: 3\nC: NOOP");
        let counted = played(&format!("# recorded from: test\n{script}"));
        assert_eq!(after(&counted, "N: 3"), [unknown, unknown, ok]);
        assert_eq!(after(&counted, "C: NOOP"), [ok]);
    }

    #[test]
    fn server_lines_escape_what_is_not_text_and_read_back_exactly() {
        let cases: [(&[u8], &str); 5] = [
            (
                b"501 \xff\xfe: recipient address must contain a domain",
                "501 \\xff\\xfe: recipient address must contain a domain",
            ),
            (b"250 gr\xc3\xbc\xc3\x9fe \xe2\x82", "250 grüße \\xe2\\x82"),
            (b"500 a\\b\tc\x7f", "500 a\\\\b\\x09c\\x7f"),
            (b"250 \xed\xa0\x80 \xf8\x88", "250 \\xed\\xa0\\x80 \\xf8\\x88"),
            (b"", ""),
        ];
        for (octets, shown) in cases {
            assert_eq!(escape(octets), shown);
            assert_eq!(unescape(shown), octets);
        }
    }
}
