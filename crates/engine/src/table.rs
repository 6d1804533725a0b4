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
    /// The phase's name as a learner reads it (status, explanations, the state diagram).
    pub const fn label(self) -> &'static str {
        match self {
            Phase::Disconnected => "Disconnected",
            Phase::Connected => "Connected",
            Phase::Greeted => "Greeted",
            Phase::Mail => "Mail (sender)",
            Phase::Rcpt => "Rcpt (recipients)",
            Phase::Data => "Data",
            Phase::Bdat => "BDAT",
            Phase::Auth => "AUTH exchange",
            Phase::TlsHandshake => "TLS handshake",
            Phase::Closed => "Closed",
        }
    }

    /// What the server waits for in this phase, to end a sentence "Waiting for …".
    pub const fn waiting_for(self) -> &'static str {
        match self {
            Phase::Disconnected | Phase::Closed => "a connection",
            Phase::Connected => "HELO or EHLO, which a client says first",
            Phase::Greeted => "a command: MAIL FROM starts a message",
            Phase::Mail => "RCPT TO: the first recipient",
            Phase::Rcpt => "more recipients, or DATA or BDAT",
            Phase::Data => "the message: a line with a single dot ends it",
            Phase::Bdat => "the next BDAT chunk, until BDAT … LAST",
            Phase::Auth => "the answer to the 334 challenge, in base64 (* cancels)",
            Phase::TlsHandshake => "the client's TLS handshake",
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
    pub syntax: &'static str,
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
    CommandSpec { verb: Verb::Ehlo, name: "EHLO", syntax: "EHLO <your-host-name>", summary: "Say hello and ask which extensions the server offers. Resets the session.", example: "EHLO client.example.org", rfc: "RFC 5321 §4.1.1.1", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Helo, name: "HELO", syntax: "HELO <your-host-name>", summary: "Say hello the old way, without extensions.", example: "HELO client.example.org", rfc: "RFC 5321 §4.1.1.1", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::StartTls, name: "STARTTLS", syntax: "STARTTLS", summary: "Switch the connection to TLS. The session starts over afterwards.", example: "STARTTLS", rfc: "RFC 3207 §4", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Auth, name: "AUTH", syntax: "AUTH <mechanism> [<initial-response>]", summary: "Log in with PLAIN, LOGIN or CRAM-MD5; responses are base64.", example: "AUTH LOGIN", rfc: "RFC 4954 §4", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Mail, name: "MAIL", syntax: "MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8] [RET=FULL|HDRS] [ENVID=id]", summary: "Start a mail transaction and name the sender (the bounce address).", example: "MAIL FROM:<sender@example.org>", rfc: "RFC 5321 §4.1.1.2", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Rcpt, name: "RCPT", syntax: "RCPT TO:<address> [NOTIFY=...] [ORCPT=rfc822;address]", summary: "Add a recipient. Repeat for each one.", example: "RCPT TO:<alice@example.com>", rfc: "RFC 5321 §4.1.1.3", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Data, name: "DATA", syntax: "DATA", summary: "Send the message: headers, a blank line, the body, then a line with a single dot.", example: "DATA", rfc: "RFC 5321 §4.1.1.4", last_in_group: true, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Bdat, name: "BDAT", syntax: "BDAT <size> [LAST]", summary: "Send the message in chunks of exact size, without dot-stuffing.", example: "BDAT 0 LAST", rfc: "RFC 3030 §2", last_in_group: false, limit: false, syntax_first: true },
    CommandSpec { verb: Verb::Rset, name: "RSET", syntax: "RSET", summary: "Abandon the current transaction; keep the connection.", example: "RSET", rfc: "RFC 5321 §4.1.1.5", last_in_group: false, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Vrfy, name: "VRFY", syntax: "VRFY <address>", summary: "Ask whether an address exists. Postfix answers 252: it never confirms.", example: "VRFY alice", rfc: "RFC 5321 §4.1.1.6", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Expn, name: "EXPN", syntax: "EXPN <list>", summary: "Ask for the members of a mailing list. Postfix does not implement it.", example: "EXPN postmaster", rfc: "RFC 5321 §4.1.1.7", last_in_group: true, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Help, name: "HELP", syntax: "HELP [<command>]", summary: "Ask for help. Postfix has it only from 3.9 on.", example: "HELP", rfc: "RFC 5321 §4.1.1.8", last_in_group: false, limit: false, syntax_first: false },
    CommandSpec { verb: Verb::Noop, name: "NOOP", syntax: "NOOP", summary: "Do nothing; the server answers 250. Keeps a connection alive.", example: "NOOP", rfc: "RFC 5321 §4.1.1.9", last_in_group: true, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Etrn, name: "ETRN", syntax: "ETRN <domain>", summary: "Ask the server to flush its queue for a domain.", example: "ETRN example.org", rfc: "RFC 1985", last_in_group: false, limit: true, syntax_first: false },
    CommandSpec { verb: Verb::Quit, name: "QUIT", syntax: "QUIT", summary: "Say goodbye; the server closes the connection.", example: "QUIT", rfc: "RFC 5321 §4.1.1.10", last_in_group: true, limit: false, syntax_first: false },
];

impl Verb {
    pub fn spec(self) -> &'static CommandSpec {
        COMMANDS
            .iter()
            .find(|c| c.verb == self)
            .expect("every verb has a row")
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The verb a command word names, case-insensitively.
    pub fn parse(word: &str) -> Option<Verb> {
        COMMANDS
            .iter()
            .find(|c| c.name.len() == word.len() && c.name.eq_ignore_ascii_case(word))
            .map(|c| c.verb)
    }
}

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
    pub fn label(self) -> &'static str {
        match self {
            Trigger::Command(verb) => verb.name(),
            Trigger::EndOfMessage => "end of message",
            Trigger::Handshake => "TLS handshake",
            Trigger::SaslAnswer => "answer to 334",
            Trigger::Connect => "connect",
            Trigger::ClientClosed => "client hangs up",
            Trigger::ServerClosed => "server hangs up",
        }
    }
}
