//! Framing: the session's input cut into the units its state asks for (command lines,
//! SASL response lines, the dot-stuffed DATA body, BDAT octets), each handed to the state
//! machine in `mod.rs` as it completes: a line to `on_line`, the end of data to
//! `end_of_data`, a finished chunk to `end_of_chunk`.

use super::*;

/// A pipelined DATA line longer than this is stored in pieces instead of buffered whole.
const MAX_BUFFERED_DATA_LINE: usize = 64 * 1024;

/// What one input's reading saw: its command lines (for RFC 2920's event), and whether
/// the rest of it is thrown away.
#[derive(Default)]
pub(super) struct Reading {
    /// The first command line's verb; `commands` holds them all once there are two.
    first: Option<Verb>,
    commands: Vec<Verb>,
    discarded: bool,
}

impl Reading {
    fn saw(&mut self, verb: Option<Verb>) {
        match (self.first, verb) {
            (None, _) => self.first = verb,
            (Some(first), Some(verb)) => {
                if self.commands.is_empty() {
                    self.commands.push(first);
                }
                self.commands.push(verb);
            }
            (Some(_), None) => {}
        }
    }
}

impl Session {
    /// Consumes the complete units of what waits in `input` followed by `data`, in the
    /// framing the state asks for, and keeps what is left (an unfinished line). `data` is
    /// read where it lies: only the line the last input left unfinished is copied.
    pub(super) fn take_bytes(&mut self, mut data: &[u8]) {
        let mut reading = Reading::default();
        if !self.input.is_empty() {
            // Finish the waiting line from `data`, then read the rest of `data` in place.
            let end = memchr::memchr(b'\n', data).map_or(data.len(), |nl| nl + 1);
            let mut buf = std::mem::take(&mut self.input);
            buf.extend_from_slice(&data[..end]);
            data = &data[end..];
            let used = self.read_units(&buf, !data.is_empty(), &mut reading);
            buf.drain(..used);
            if !buf.is_empty() {
                // Not a line after all (never expected): read it all together as before.
                buf.extend_from_slice(std::mem::take(&mut data));
                let used = self.read_units(&buf, false, &mut reading);
                buf.drain(..used);
            }
            self.input = buf;
        }
        if !data.is_empty() && !reading.discarded {
            let used = self.read_units(data, false, &mut reading);
            self.input.extend_from_slice(&data[used..]);
        }
        if reading.commands.len() > 1 {
            // RFC 2920: these came in one piece of input, before any of them was answered.
            let commands = reading.commands;
            self.outputs
                .push_back(Output::Event(Event::Pipelined { commands }));
            self.reported = self.outputs.len();
        }
    }

    /// Consumes complete units of `buf`; returns how many octets. `more`: other input
    /// waits after `buf`.
    fn read_units(&mut self, buf: &[u8], more: bool, reading: &mut Reading) -> usize {
        let mut pos = 0;
        while pos < buf.len() {
            let command_line =
                self.skip == 0 && matches!(self.state, State::Command(_) | State::BdatWait(..));
            let unit = match self.state {
                State::Auth(_) => Some(Trigger::SaslAnswer),
                State::Data(..) | State::BdatChunk { .. } => Some(Trigger::EndOfMessage),
                _ => None,
            };
            let consumed = match &self.state {
                State::Closed | State::TlsHandshake => {
                    // A hang-up, or STARTTLS: Postfix discards pipelined input (CVE-2011-0411).
                    reading.discarded = true;
                    return buf.len();
                }
                _ if self.skip > 0 => self.skip_octets(&buf[pos..]),
                State::Command(_) | State::BdatWait(..) => {
                    let rest = &buf[pos..];
                    self.input_behind = memchr::memchr(b'\n', rest).is_some_and(|nl| nl + 1 < rest.len());
                    self.read_line(rest)
                }
                State::BdatChunk { .. } => self.read_chunk(&buf[pos..]),
                State::Data(..) => self.read_data(&buf[pos..]),
                _ => self.read_line(&buf[pos..]),
            };
            if consumed == 0 {
                break;
            }
            // An overlong line is consumed in parts: only its last part is a command.
            let verb = self.verb.filter(|_| command_line && self.overlong.is_none());
            reading.saw(verb);
            self.report(unit.or(verb.map(Trigger::Command)));
            pos += consumed;
            if self.hangup_at.is_some() && (pos < buf.len() || more) {
                // More input waits, but Postfix answers the limit before reading it.
                self.hang_up();
                self.report(None);
                reading.discarded = true;
                return buf.len();
            }
        }
        pos
    }

    pub(super) fn skip_octets(&mut self, data: &[u8]) -> usize {
        let n = (data.len() as u64).min(self.skip);
        self.skip -= n;
        n as usize
    }

    /// A command or SASL line; an overlong one is cut at `line_length` (Postfix 3.7), a
    /// SASL response at `smtpd_sasl_response_limit`.
    pub(super) fn read_line(&mut self, data: &[u8]) -> usize {
        let limit = match self.state {
            State::Auth(_) => self.world.profile.behaviour().sasl.line_limit(),
            _ => self.world.limits.line_length,
        };
        let Some(nl) = data.iter().position(|&b| b == b'\n') else {
            if let Some(kept) = &mut self.overlong {
                let room = limit.saturating_sub(kept.len());
                kept.extend_from_slice(&data[..room.min(data.len())]);
                return data.len();
            }
            if data.len() > limit {
                self.overlong = Some(data[..limit].to_vec());
                return data.len();
            }
            return 0;
        };
        // Postfix reads up to `limit` octets; the line is whole when the LF (or a CR
        // followed by it) came within them.
        let complete = self.overlong.is_none() && (nl < limit || (nl == limit && data[nl - 1] == b'\r'));
        // A whole line is read where it lies; only an overlong one is kept apart.
        let kept = match self.overlong.take() {
            Some(mut prefix) => {
                let room = limit.saturating_sub(prefix.len());
                prefix.extend_from_slice(&data[..room.min(nl)]);
                Some(prefix)
            }
            None if !complete => Some(data[..nl.min(limit)].to_vec()),
            None => None,
        };
        let kept = kept.map(|mut kept| {
            // Postfix logs the overlong line through printable(), which rewrites it in place.
            printable(&mut kept);
            kept
        });
        let mut line: &[u8] = kept.as_deref().unwrap_or(&data[..nl]);
        while let (true, [rest @ .., b'\r']) = (complete, line) {
            line = rest; // Postfix strips every CR before the LF of a whole line
        }
        // Postfix reads the line as a C string: it ends at the first NUL.
        fn text(line: &[u8]) -> std::borrow::Cow<'_, str> {
            let end = memchr::memchr(0, line).unwrap_or(line.len());
            String::from_utf8_lossy(&line[..end])
        }
        let behaviour = self.world.profile.behaviour();
        if let State::Auth(_) = self.state {
            // A SASL response: the exchange ends here, whatever the line says.
            let State::Auth(exchange) = std::mem::replace(&mut self.state, State::Command(None)) else {
                return nl + 1;
            };
            if !complete {
                self.verb = Some(Verb::Auth);
                self.reply(ReplyKind::SaslResponseTooLong);
            } else {
                self.on_sasl_response(exchange, &text(line));
            }
        } else if behaviour.rejects_nul && line.contains(&0) {
            self.verb = None; // Exim refuses the line
            self.reply(ReplyKind::NulInCommand);
        } else if behaviour.checks_utf8 && std::str::from_utf8(line).is_err() {
            // Postfix checks the whole line, NULs and all, before it parses a command.
            self.verb = None;
            self.reply(ReplyKind::BadUtf8);
        } else {
            self.on_line(&text(line), line);
        }
        nl + 1
    }

    /// DATA body lines up to the lone dot (RFC 5321 §4.1.1.4, transparency §4.5.2).
    /// Postfix 3.7 ends lines at LF, with or without CR, and so accepts `.` LF as the end.
    /// One pass: runs of lines go into the body whole, broken only where a stuffed dot is
    /// dropped or a bare LF becomes CRLF.
    pub(super) fn read_data(&mut self, data: &[u8]) -> usize {
        let State::Data(_, body) = &mut self.state else {
            return 0;
        };
        let limit = self.world.limits.message_size;
        let mut pos = 0; // where the next line starts
        let mut copied = 0; // octets before this are in the body (or a dropped dot)
        for nl in memchr::memchr_iter(b'\n', data) {
            let start = pos;
            pos = nl + 1;
            let crlf = nl > start && data[nl - 1] == b'\r';
            let line = &data[start..nl - usize::from(crlf)];
            let first = !body.mid_line;
            body.mid_line = false;
            if first && line == b"." {
                body.append(&data[copied..start], limit);
                self.end_of_data();
                return pos;
            }
            let stuffed = first && line.first() == Some(&b'.');
            if stuffed {
                body.append(&data[copied..start], limit);
                copied = start + 1;
            }
            if let Some(records) = &mut body.records {
                records.end_line(line.len() - usize::from(stuffed));
            }
            body.lines += 1;
            if !crlf {
                body.append(&data[copied..nl], limit);
                body.append(b"\r\n", limit);
                copied = pos;
            }
        }
        body.append(&data[copied..pos], limit);
        let rest = &data[pos..];
        if rest.len() > MAX_BUFFERED_DATA_LINE {
            let line = if body.mid_line || rest[0] != b'.' {
                rest
            } else {
                &rest[1..]
            };
            body.append(line, self.world.limits.message_size);
            body.mid_line = true;
            if let Some(records) = &mut body.records {
                records.line += line.len() as u64;
            }
            return data.len();
        }
        pos
    }

    /// BDAT octets: no dot-stuffing, no end line (RFC 3030 §2).
    pub(super) fn read_chunk(&mut self, data: &[u8]) -> usize {
        let limit = self.world.limits.message_size;
        let State::BdatChunk {
            body,
            remaining,
            oversized,
            ..
        } = &mut self.state
        else {
            return 0;
        };
        let n = (data.len() as u64).min(*remaining) as usize;
        if !*oversized {
            body.append_normalising(&data[..n], limit);
        }
        *remaining -= n as u64;
        if *remaining == 0 {
            self.end_of_chunk();
        }
        n
    }
}

/// Postfix's `printable()` with `smtputf8_enable`: up to the first NUL, every octet that is
/// neither printable ASCII nor part of a loosely UTF-8-shaped sequence becomes `?`.
fn printable(line: &mut [u8]) {
    let end = memchr::memchr(0, line).unwrap_or(line.len());
    let mut i = 0;
    while i < end {
        let b = line[i];
        let continues = |j: usize| j < end && (0x80..0xC0).contains(&line[j]);
        if (0x20..0x7F).contains(&b) {
            // printable ASCII
        } else if (194..=254).contains(&b) && continues(i + 1) {
            while continues(i + 1) {
                i += 1;
            }
        } else {
            line[i] = b'?';
        }
        i += 1;
    }
}

impl Body {
    /// Appends octets, keeping them only while the message is within `limit`.
    pub(super) fn append(&mut self, data: &[u8], limit: u64) {
        self.size += data.len() as u64;
        if self.size <= limit {
            self.content.extend_from_slice(data);
        }
    }

    /// BDAT: appends octets, turning bare LF into CRLF as Postfix does.
    pub(super) fn append_normalising(&mut self, data: &[u8], limit: u64) {
        self.note_first_line(data);
        let mut start = 0;
        for (i, &b) in data.iter().enumerate() {
            let prev_cr = if i == 0 {
                self.last_cr
            } else {
                data[i - 1] == b'\r'
            };
            if b == b'\n' && !prev_cr {
                self.append(&data[start..i], limit);
                self.append(b"\r\n", limit);
                start = i + 1;
            }
        }
        self.append(&data[start..], limit);
        if let Some(&last) = data.last() {
            self.last_cr = last == b'\r';
        }
    }

    /// Notes what the message's first line is when its line end comes in `data` (the
    /// line so far is all of `content`).
    fn note_first_line(&mut self, data: &[u8]) {
        if self.first_line.is_some() {
            return;
        }
        let Some(nl) = memchr::memchr(b'\n', data) else {
            return;
        };
        let crlf = if nl == 0 {
            self.last_cr
        } else {
            data[nl - 1] == b'\r'
        };
        let mut line = self.content.clone();
        line.extend_from_slice(&data[..nl]);
        if crlf {
            line.pop();
        }
        self.first_line = Some(FirstLine::of(&line, crlf));
    }
}

impl Records {
    pub(super) fn new(piece: usize) -> Records {
        Records {
            piece: piece.max(1),
            octets: 0,
            line: 0,
        }
    }

    /// A line ends: `len` more octets, CRLF and a stuffed dot not counted.
    fn end_line(&mut self, len: usize) {
        let len = self.line as usize + len;
        self.octets += super::queue::line_records(len, self.piece) as u64;
        self.line = 0;
    }
}
