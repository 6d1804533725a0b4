//! Local delivery: what lands in a mailbox, with the headers Postfix adds.
//!
//! Postfix's smtpd writes a `Received:` header; cleanup adds `Message-Id:`, `Date:` and
//! `From:` when the client left them out; local(8) prepends `Return-Path:`,
//! `X-Original-To:` and `Delivered-To:`. The envelope is kept beside the message, since
//! recipients need not appear in any header.

use serde::{Deserialize, Serialize};

/// A delivered message, as it sits in a mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub queue_id: String,
    /// The envelope sender; empty for the null sender `<>`.
    pub mail_from: String,
    /// Every envelope recipient of the transaction, as the client wrote them.
    pub rcpt_to: Vec<String>,
    /// Simulated arrival time, milliseconds since the Unix epoch.
    pub received_at: u64,
    /// The message with the added headers, lines ending in CRLF.
    pub source: String,
}

/// What the SMTP session knows when a message is complete.
pub struct Envelope<'a> {
    pub queue_id: &'a str,
    pub mail_from: &'a str,
    pub rcpt_to: &'a [String],
    pub helo: Option<&'a str>,
    pub peer_name: &'a str,
    pub peer_address: &'a str,
    pub protocol: &'a str,
    pub hostname: &'a str,
    pub now_ms: u64,
    /// Header lines a policy service prepended (postgrey's `X-Greylist`), above `Received:`.
    pub prepend: &'a [String],
}

impl Message {
    /// Builds the stored message for the mailbox `original_to` → `delivered_to`, from the
    /// part shared by every recipient of the transaction ([`compose`]).
    pub fn deliver(env: &Envelope, shared: &str, original_to: &str, delivered_to: &str) -> Message {
        let mut source = String::with_capacity(shared.len() + 128);
        write_lead(&mut source, env, original_to, delivered_to);
        source.push_str(shared);
        Message::with_source(env, source)
    }

    /// The stored message whose source is complete: its [`lead`], then the shared part.
    pub fn with_source(env: &Envelope, source: String) -> Message {
        Message {
            queue_id: env.queue_id.to_string(),
            mail_from: env.mail_from.to_string(),
            rcpt_to: env.rcpt_to.to_vec(),
            received_at: env.now_ms,
            source,
        }
    }

    /// The header section as (name, value) pairs, unfolded.
    pub fn headers(&self) -> Vec<(String, String)> {
        let (headers, _) = split_headers(&self.source);
        let mut out: Vec<(String, String)> = Vec::new();
        for line in headers.split("\r\n").filter(|l| !l.is_empty()) {
            if line.starts_with([' ', '\t']) {
                if let Some(last) = out.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                out.push((name.to_string(), value.trim().to_string()));
            }
        }
        out
    }

    /// The body: everything after the blank line that ends the headers.
    pub fn body(&self) -> &str {
        let (_, body) = split_headers(&self.source);
        body.strip_prefix("\r\n").unwrap_or(body)
    }
}

/// What local(8) puts first for one mailbox: `Return-Path:`, `X-Original-To:` and
/// `Delivered-To:`.
pub fn write_lead(out: &mut String, env: &Envelope, original_to: &str, delivered_to: &str) {
    let from = env.mail_from;
    push_all(
        out,
        &["Return-Path: <", from, ">\r\nX-Original-To: ", original_to],
    );
    push_all(out, &["\r\nDelivered-To: ", delivered_to, "\r\n"]);
}

/// Where the parts of a composed message are: the part every recipient shares starts at
/// `lead`; the client's headers are at `headers`, the body starts at `body`.
pub struct Layout {
    pub lead: usize,
    pub headers: std::ops::Range<usize>,
    pub body: usize,
    /// The client's octets are there unchanged (they were UTF-8).
    pub exact: bool,
}

/// The message for the mailbox `lead` ([`write_lead`]) names: the lead, then the part
/// every recipient shares: smtpd's `Received:`, the client's headers, cleanup's missing
/// `Message-Id:`/`Date:`/`From:`, and the body. A large message is built in `content`'s
/// own buffer: only the header section is rewritten, and the body moves once.
pub fn compose(env: &Envelope, lead: (&str, &str), content: Vec<u8>) -> (String, Layout) {
    let (mut text, exact) = match String::from_utf8(content) {
        Ok(text) => (text, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    };
    let date = rfc2822_date(env.now_ms);
    let (headers, body) = split_headers(&text);
    let mut out = String::with_capacity(headers.len() + 512);
    write_lead(&mut out, env, lead.0, lead.1);
    let shared = out.len();
    for line in env.prepend {
        out.push_str(line);
        out.push_str("\r\n");
    }
    let helo = env.helo.unwrap_or(env.peer_name);
    let (peer, address) = (env.peer_name, env.peer_address);
    let by = [
        env.hostname,
        " (Postfix) with ",
        env.protocol,
        " id ",
        env.queue_id,
    ];
    push_all(
        &mut out,
        &["Received: from ", helo, " (", peer, " [", address, "])\r\n\tby "],
    );
    push_all(&mut out, &by);
    match env.rcpt_to {
        [one] => push_all(&mut out, &["\r\n\tfor <", one, ">; ", &date, "\r\n"]),
        _ => push_all(&mut out, &["; ", &date, "\r\n"]),
    }
    let at = out.len()..out.len() + headers.len();
    out.push_str(headers);
    let has = |name: &str| header_present(headers, name);
    if !has("Message-Id") {
        let id = compact_date(env.now_ms);
        push_all(
            &mut out,
            &[
                "Message-Id: <",
                &id,
                ".",
                env.queue_id,
                "@",
                env.hostname,
                ">\r\n",
            ],
        );
    }
    if !has("Date") {
        push_all(&mut out, &["Date: ", &date, "\r\n"]);
    }
    if !has("From") {
        let from = if env.mail_from.is_empty() {
            "MAILER-DAEMON"
        } else {
            env.mail_from
        };
        push_all(&mut out, &["From: ", from, "\r\n"]);
    }
    if !body.starts_with("\r\n") {
        out.push_str("\r\n");
    }
    let layout = Layout {
        lead: shared,
        headers: at,
        body: out.len(),
        exact,
    };
    if body.len() < 16 * 1024 {
        out.push_str(body);
        return (out, layout);
    }
    let headers = headers.len();
    text.replace_range(..headers, &out);
    (text, layout)
}

/// Appends each part (without `fmt`: compose is on the hot path).
fn push_all(out: &mut String, parts: &[&str]) {
    parts.iter().for_each(|part| out.push_str(part));
}

/// Splits at the end of the leading header lines (`Name: value` and their continuations).
fn split_headers(text: &str) -> (&str, &str) {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        let continuation = end > 0 && content.starts_with([' ', '\t']);
        if content.is_empty() || !(continuation || is_header_line(content)) {
            break;
        }
        end += line.len();
    }
    text.split_at(end)
}

fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| (33..=126).contains(&b) && b != b':')
    })
}

/// Is there a `name:` field among the header lines (CRLF-ended)?
fn header_present(headers: &str, name: &str) -> bool {
    headers.lines().any(|l| {
        l.split_once(':')
            .is_some_and(|(n, _)| n.eq_ignore_ascii_case(name))
    })
}

/// `Sun, 29 Nov 2026 02:08:16 +0000 (UTC)`.
pub fn rfc2822_date(ms: u64) -> String {
    let mut date = day_and_time(ms, false);
    date.push_str(" +0000 (UTC)");
    date
}

/// `Sun, 29 Nov 2026 02:08:16 +0000`, as Microsoft's and Exim's greetings say it.
pub fn greeting_date(ms: u64) -> String {
    format!("{} +0000", day_and_time(ms, false))
}

/// `Sun, 01 Nov 2026 02:08:16 +0000`: Exim's `tod_full`, with a two-digit day.
pub fn padded_greeting_date(ms: u64) -> String {
    format!("{} +0000", day_and_time(ms, true))
}

/// `2026-11-29T02:08:16.000Z`, as Microsoft's error trailers say it.
pub fn iso_date(ms: u64) -> String {
    let (y, mo, d, h, mi, s, _) = civil(ms / 1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z", ms % 1000)
}

/// `Sun, 29 Nov 2026 17:10:51 UTC`, as postgrey writes it (`%a, %d %b %Y %T %Z`).
pub fn postgrey_date(ms: u64) -> String {
    format!("{} UTC", day_and_time(ms, true))
}

/// `Sun, 29 Nov 2026 02:08:16`; `padded`: a day below 10 as `09`. (Written without
/// `fmt`: every delivery writes two dates.)
fn day_and_time(ms: u64, padded: bool) -> String {
    let (y, mo, d, h, mi, s, wd) = civil(ms / 1000);
    let mut out = String::with_capacity(48);
    out.push_str(DAYS[wd]);
    out.push_str(", ");
    push_decimal(&mut out, u64::from(d), if padded { 2 } else { 1 });
    out.push(' ');
    out.push_str(MONTHS[mo as usize - 1]);
    out.push(' ');
    push_decimal(&mut out, y.unsigned_abs(), 1);
    for (sep, n) in [(' ', h), (':', mi), (':', s)] {
        out.push(sep);
        push_decimal(&mut out, n, 2);
    }
    out
}

/// `n` in decimal, at least `width` digits (zero-padded).
fn push_decimal(out: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let (mut n, mut at) = (n, digits.len());
    while n > 0 || at == digits.len() {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let at = at.min(digits.len() - width.min(digits.len()));
    digits[at..].iter().for_each(|&d| out.push(char::from(d)));
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `20261129020816`, as in Postfix's Message-Id.
fn compact_date(ms: u64) -> String {
    let (y, mo, d, h, mi, s, _) = civil(ms / 1000);
    let mut out = String::with_capacity(16);
    push_decimal(&mut out, y.unsigned_abs(), 4);
    for n in [u64::from(mo), u64::from(d), h, mi, s] {
        push_decimal(&mut out, n, 2);
    }
    out
}

/// Unix seconds to (year, month, day, hour, minute, second, weekday since Thursday).
fn civil(secs: u64) -> (i64, u32, u32, u64, u64, u64, usize) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days_from_civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        (days % 7) as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_render_like_postfix() {
        // 2026-11-29 02:08:16 UTC, from a real delivery.
        assert_eq!(
            rfc2822_date(1_795_918_096_000),
            "Sun, 29 Nov 2026 02:08:16 +0000 (UTC)"
        );
        assert_eq!(compact_date(1_795_918_096_000), "20261129020816");
        assert_eq!(iso_date(1_795_918_096_055), "2026-11-29T02:08:16.055Z");
        assert_eq!(
            greeting_date(1_795_918_096_000),
            "Sun, 29 Nov 2026 02:08:16 +0000"
        );
        assert_eq!(rfc2822_date(0), "Thu, 1 Jan 1970 00:00:00 +0000 (UTC)");
    }

    #[test]
    fn dates_written_by_hand_read_as_fmt_writes_them() {
        let mut ms = 0;
        while ms < 40_000_000_000_000 {
            let (y, mo, d, h, mi, s, wd) = civil(ms / 1000);
            let (day, month) = (DAYS[wd], MONTHS[mo as usize - 1]);
            let time = format!("{y} {h:02}:{mi:02}:{s:02}");
            assert_eq!(day_and_time(ms, false), format!("{day}, {d} {month} {time}"));
            assert_eq!(day_and_time(ms, true), format!("{day}, {d:02} {month} {time}"));
            assert_eq!(
                compact_date(ms),
                format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}")
            );
            ms += 86_399_999_937;
        }
    }

    #[test]
    fn header_split_stops_at_first_non_header() {
        assert_eq!(
            split_headers("Subject: a\r\n\r\nbody\r\n"),
            ("Subject: a\r\n", "\r\nbody\r\n")
        );
        assert_eq!(split_headers("just text\r\n"), ("", "just text\r\n"));
        assert_eq!(
            split_headers("A: 1\r\n b\r\nC: 2\r\nx\r\n").0,
            "A: 1\r\n b\r\nC: 2\r\n"
        );
    }
}
