//! The command table: one row per SMTP verb, shared by the parser, the engine, the tests
//! and the UI (syntax hints, "valid now", the command reference and the state diagram).
//!
//! Like Postfix's `smtpd_cmd_table`, a row says how a command is written and where it may
//! appear. [`Phase`] names the states a learner sees; [`Verb::allowed`] is the one place
//! that says which commands a phase accepts.

use serde::{Deserialize, Serialize};

/// The phases of an SMTP session, as drawn in the state diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Phase {
    /// Not connected yet.
    Disconnected,
    /// Connected and greeted by the server; the client has not said HELO/EHLO.
    Connected,
    /// The client introduced itself with HELO or EHLO.
    Greeted,
    /// MAIL FROM accepted; no recipient yet.
    Mail,
    /// At least one recipient accepted.
    Rcpt,
    /// Receiving the DATA body, up to the lone dot.
    Data,
    /// Inside a BDAT transfer.
    Bdat,
    /// In the middle of an AUTH exchange (334 challenges).
    Auth,
    /// STARTTLS was accepted; the TLS handshake is due.
    TlsHandshake,
    /// The connection is closed.
    Closed,
}

impl Phase {
    /// The message id of the phase: its value is the name a learner reads (status,
    /// explanations, the state diagram), its `.waiting` attribute what the server waits
    /// for, ending a sentence "Waiting for …" (`locales/*/engine.ftl`).
    pub const fn message(self) -> &'static str {
        match self {
            Phase::Disconnected => "phase-disconnected",
            Phase::Connected => "phase-connected",
            Phase::Greeted => "phase-greeted",
            Phase::Mail => "phase-mail",
            Phase::Rcpt => "phase-rcpt",
            Phase::Data => "phase-data",
            Phase::Bdat => "phase-bdat",
            Phase::Auth => "phase-auth",
            Phase::TlsHandshake => "phase-tls-handshake",
            Phase::Closed => "phase-closed",
        }
    }
}

/// The SMTP commands smtplab knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Verb {
    Helo,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,
    Etrn,
    StartTls,
    Auth,
}

/// One row of the table.
#[derive(Debug)]
pub struct CommandSpec {
    pub verb: Verb,
    pub name: &'static str,
    /// How the command is written, its placeholders (`<address>`) being teaching text in
    /// the learner's language: a message id, the `.syntax` of the summary's message.
    pub syntax: &'static str,
    /// What the command does: a message id (its text is in `locales/*/engine.ftl`).
    pub summary: &'static str,
    pub example: &'static str,
    pub rfc: &'static str,
    /// Must be the last command of a pipelined group: it changes what the client may send
    /// next (RFC 2920 §3.1; Postfix's `SMTPD_CMD_FLAG_LAST`).
    pub last_in_group: bool,
    /// Counts towards Postfix's junk-command limit (`SMTPD_CMD_FLAG_LIMIT`,
    /// `smtpd_junk_command_limit`).
    pub limit: bool,
    /// Postfix checks the arguments before the session state (BDAT: a bad size is a 521
    /// even outside a transaction).
    pub syntax_first: bool,
}

#[rustfmt::skip]
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec { verb: Verb::Ehlo, name: "EHLO", syntax: "command-ehlo.syntax", summary: "command-ehlo", example: "EHLO client.example.org", rfc: "RFC 5321 §4.1.1.1", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Helo, name: "HELO", syntax: "command-helo.syntax", summary: "command-helo", example: "HELO client.example.org", rfc: "RFC 5321 §4.1.1.1", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::StartTls, name: "STARTTLS", syntax: "command-starttls.syntax", summary: "command-starttls", example: "STARTTLS", rfc: "RFC 3207 §4", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Auth, name: "AUTH", syntax: "command-auth.syntax", summary: "command-auth", example: "AUTH LOGIN", rfc: "RFC 4954 §4", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Mail, name: "MAIL", syntax: "command-mail.syntax", summary: "command-mail", example: "MAIL FROM:<sender@example.org>", rfc: "RFC 5321 §4.1.1.2", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Rcpt, name: "RCPT", syntax: "command-rcpt.syntax", summary: "command-rcpt", example: "RCPT TO:<alice@example.com>", rfc: "RFC 5321 §4.1.1.3", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Data, name: "DATA", syntax: "command-data.syntax", summary: "command-data", example: "DATA", rfc: "RFC 5321 §4.1.1.4", last_in_group: true, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Bdat, name: "BDAT", syntax: "command-bdat.syntax", summary: "command-bdat", example: "BDAT 0 LAST", rfc: "RFC 3030 §2", last_in_group: false, limit: false, syntax_first: true },
    CommandSpec { verb: Verb::Rset, name: "RSET", syntax: "command-rset.syntax", summary: "command-rset", example: "RSET", rfc: "RFC 5321 §4.1.1.5", last_in_group: false, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Vrfy, name: "VRFY", syntax: "command-vrfy.syntax", summary: "command-vrfy", example: "VRFY alice", rfc: "RFC 5321 §4.1.1.6", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Expn, name: "EXPN", syntax: "command-expn.syntax", summary: "command-expn", example: "EXPN postmaster", rfc: "RFC 5321 §4.1.1.7", last_in_group: true, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Help, name: "HELP", syntax: "command-help.syntax", summary: "command-help", example: "HELP", rfc: "RFC 5321 §4.1.1.8", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Noop, name: "NOOP", syntax: "command-noop.syntax", summary: "command-noop", example: "NOOP", rfc: "RFC 5321 §4.1.1.9", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Etrn, name: "ETRN", syntax: "command-etrn.syntax", summary: "command-etrn", example: "ETRN example.org", rfc: "RFC 1985", last_in_group: false, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Quit, name: "QUIT", syntax: "command-quit.syntax", summary: "command-quit", example: "QUIT", rfc: "RFC 5321 §4.1.1.10", last_in_group: true, limit: false, syntax_first: false },
];

impl Verb {
    pub fn spec(self) -> &'static CommandSpec {
        &COMMANDS[ROWS[self as usize]]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The verb a command word names, case-insensitively.
    pub fn parse(word: &str) -> Option<Verb> {
        let wanted = (word.len() <= 8).then(|| name_key(word.as_bytes()))?;
        let found = NAME_KEYS.iter().position(|&key| key == wanted)?;
        Some(COMMANDS[found].verb)
    }
}

/// A command name of at most 8 letters as one number, case folded, its length above
/// them: [`Verb::parse`] compares numbers, not strings.
const fn name_key(name: &[u8]) -> u128 {
    let mut key = 0;
    let mut i = 0;
    while i < name.len() {
        key = key << 8 | name[i].to_ascii_uppercase() as u64;
        i += 1;
    }
    (name.len() as u128) << 64 | key as u128
}

/// Each verb's row in [`COMMANDS`], by the verb's number (`Auth` is the last): every verb
/// has one, or this does not compile.
const ROWS: [usize; Verb::Auth as usize + 1] = {
    let mut rows = [usize::MAX; Verb::Auth as usize + 1];
    let mut i = 0;
    while i < COMMANDS.len() {
        rows[COMMANDS[i].verb as usize] = i;
        i += 1;
    }
    let mut verb = 0;
    while verb < rows.len() {
        assert!(rows[verb] != usize::MAX, "a verb without a row in COMMANDS");
        verb += 1;
    }
    rows
};

/// [`name_key`] of each name in [`COMMANDS`], in its order.
const NAME_KEYS: [u128; COMMANDS.len()] = {
    let mut keys = [0; COMMANDS.len()];
    let mut i = 0;
    while i < COMMANDS.len() {
        assert!(COMMANDS[i].name.len() <= 8, "a command name longer than a key");
        keys[i] = name_key(COMMANDS[i].name.as_bytes());
        i += 1;
    }
    keys
};

/// What moves the session from one phase to another: a command, or an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trigger {
    Command(Verb),
    /// The lone dot (DATA) or `BDAT n LAST`: the message is complete.
    EndOfMessage,
    /// The driver finished the TLS handshake.
    Handshake,
    /// The client answered the last 334 (success, failure or `*`).
    SaslAnswer,
    /// The server accepted the connection and greeted.
    Connect,
    /// The client hung up (not drawn: it can happen in any phase).
    ClientClosed,
    /// The server hung up on its own: too many errors, or an idle client (not drawn).
    ServerClosed,
}

/// The phase changes the engine makes, drawn by the state diagram. Commands that leave
/// the phase as it is (NOOP, VRFY, …) are not listed. `tests/states.rs` probes the engine
/// for every phase and verb and fails when this table and the engine disagree.
#[rustfmt::skip]
pub const TRANSITIONS: &[(Phase, Trigger, Phase)] = &[
    (Phase::Disconnected, Trigger::Connect, Phase::Connected),
    (Phase::Connected, Trigger::Command(Verb::Ehlo), Phase::Greeted),
    (Phase::Connected, Trigger::Command(Verb::Helo), Phase::Greeted),
    (Phase::Connected, Trigger::Command(Verb::Mail), Phase::Mail),
    (Phase::Connected, Trigger::Command(Verb::StartTls), Phase::TlsHandshake),
    (Phase::Connected, Trigger::Command(Verb::Auth), Phase::Auth),
    (Phase::Greeted, Trigger::Command(Verb::Mail), Phase::Mail),
    (Phase::Greeted, Trigger::Command(Verb::StartTls), Phase::TlsHandshake),
    (Phase::Greeted, Trigger::Command(Verb::Auth), Phase::Auth),
    (Phase::TlsHandshake, Trigger::Handshake, Phase::Connected),
    (Phase::Auth, Trigger::SaslAnswer, Phase::Greeted),
    (Phase::Mail, Trigger::Command(Verb::Rcpt), Phase::Rcpt),
    (Phase::Mail, Trigger::Command(Verb::Rset), Phase::Greeted),
    (Phase::Mail, Trigger::Command(Verb::Ehlo), Phase::Greeted),
    (Phase::Mail, Trigger::Command(Verb::Helo), Phase::Greeted),
    (Phase::Mail, Trigger::Command(Verb::StartTls), Phase::TlsHandshake),
    (Phase::Rcpt, Trigger::Command(Verb::Data), Phase::Data),
    (Phase::Rcpt, Trigger::Command(Verb::Bdat), Phase::Bdat),
    (Phase::Rcpt, Trigger::Command(Verb::Rset), Phase::Greeted),
    (Phase::Rcpt, Trigger::Command(Verb::Ehlo), Phase::Greeted),
    (Phase::Rcpt, Trigger::Command(Verb::Helo), Phase::Greeted),
    (Phase::Rcpt, Trigger::Command(Verb::StartTls), Phase::TlsHandshake),
    (Phase::Data, Trigger::EndOfMessage, Phase::Greeted),
    (Phase::Bdat, Trigger::EndOfMessage, Phase::Greeted),
    (Phase::Bdat, Trigger::Command(Verb::Rset), Phase::Greeted),
    (Phase::Bdat, Trigger::Command(Verb::Ehlo), Phase::Greeted),
    (Phase::Bdat, Trigger::Command(Verb::Helo), Phase::Greeted),
    (Phase::Bdat, Trigger::Command(Verb::StartTls), Phase::TlsHandshake),
    // Without HELO/EHLO (Postfix allows MAIL first): a transaction ends where it began.
    (Phase::Mail, Trigger::Command(Verb::Rset), Phase::Connected),
    (Phase::Rcpt, Trigger::Command(Verb::Rset), Phase::Connected),
    (Phase::Bdat, Trigger::Command(Verb::Rset), Phase::Connected),
    (Phase::Data, Trigger::EndOfMessage, Phase::Connected),
    (Phase::Bdat, Trigger::EndOfMessage, Phase::Connected),
    (Phase::Connected, Trigger::Command(Verb::Quit), Phase::Closed),
    (Phase::Greeted, Trigger::Command(Verb::Quit), Phase::Closed),
    (Phase::Mail, Trigger::Command(Verb::Quit), Phase::Closed),
    (Phase::Rcpt, Trigger::Command(Verb::Quit), Phase::Closed),
    (Phase::Bdat, Trigger::Command(Verb::Quit), Phase::Closed),
];

impl Trigger {
    /// The message id of a trigger that is not a command (a command is its own name).
    pub fn message(self) -> Option<&'static str> {
        match self {
            Trigger::Command(_) => None,
            Trigger::EndOfMessage => Some("trigger-end-of-message"),
            Trigger::Handshake => Some("trigger-handshake"),
            Trigger::SaslAnswer => Some("trigger-sasl-answer"),
            Trigger::Connect => Some("trigger-connect"),
            Trigger::ClientClosed => Some("trigger-client-closed"),
            Trigger::ServerClosed => Some("trigger-server-closed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_parse_in_any_case_and_nothing_else_does() {
        for spec in COMMANDS {
            let lower = spec.name.to_ascii_lowercase();
            let mixed: String = spec
                .name
                .chars()
                .enumerate()
                .map(|(i, c)| match i % 2 {
                    0 => c,
                    _ => c.to_ascii_lowercase(),
                })
                .collect();
            for word in [spec.name, lower.as_str(), mixed.as_str()] {
                assert_eq!(Verb::parse(word), Some(spec.verb), "{word}");
            }
            for word in [
                &spec.name[1..],
                &format!("{}X", spec.name),
                &format!("\0{}", spec.name),
                // A four-letter name's length in the octets above it, as in its key.
                &format!("\0\0\0\u{4}{}", spec.name),
            ] {
                assert_eq!(Verb::parse(word), None, "{word:?}");
            }
        }
        for word in ["", "MAILFROMX", "STARTTLSX", "ÄIL", "MAI\u{212a}"] {
            assert_eq!(Verb::parse(word), None, "{word:?}");
        }
    }
}
