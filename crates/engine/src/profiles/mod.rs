//! How each server profile words the replies: code, enhanced code, text, whether the
//! connection closes, and the EHLO keywords in their order. A reply's meaning (its
//! teaching text) lives in [`crate::reply`]; here is only what a server says, and where
//! that text comes from. Every profile words every reply kind in an exhaustive `match`,
//! so that a new kind does not compile until each profile words it.

pub(crate) mod exim;
mod gmail;
mod microsoft365;
mod postfix;

use std::borrow::Cow;
use std::fmt;

use crate::reply::{EnhancedCode, ReplyKind, ReplyText};
use crate::sasl::{Mechanism, SaslServer};
use crate::table::Verb;
use crate::world::{Policy, Profile};

/// What a server says for a reply kind, and where the text was found.
pub struct Wording {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, without the code, the enhanced code in front of each.
    pub text: ReplyText,
    pub source: Source,
    /// The server says this kind at all. `false`: only other servers do (the text is its
    /// nearest reply, for a world that makes it answer so anyway); a reference of its
    /// replies leaves it out.
    pub said: bool,
}

impl Wording {
    /// Puts `middle` between the first line and the last.
    pub(crate) fn with_middle(mut self, middle: &[&str]) -> Wording {
        self.text.insert_before_last(self.enhanced, middle);
        self
    }

    /// Adds a line at the end.
    pub(crate) fn with_line(mut self, line: &str) -> Wording {
        self.text.push_line(self.enhanced, line.as_bytes());
        self
    }
}

/// Where a profile's text for a reply kind comes from (`docs/profiles.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Recorded from the real server in the lab's configuration (`tests/golden`).
    Recorded,
    /// Copied from a public transcript, or the server's own published list of replies.
    Transcript(&'static str),
    /// No public transcript has this situation. The text is the nearest one the server is
    /// known to send, or RFC 5321's own text for the code in the server's style; the
    /// note says which: the id of its message (`unsourced-…` in `locales/*/engine.ftl`).
    Unsourced(&'static str),
}

/// Who speaks a reply, besides its kind: what a server's wording may show.
#[derive(Clone, Copy, Debug)]
pub struct Voice<'a> {
    /// The server's host name.
    pub host: &'a str,
    /// The simulated time, in milliseconds since 1970.
    pub now_ms: u64,
    /// The client's address.
    pub client: &'a str,
    /// The name the client gave in HELO/EHLO (Exim echoes it).
    pub helo: &'a str,
    /// The command being answered (Exim names it in some refusals).
    pub verb: Option<Verb>,
    /// The session's id, drawn from the seed at connect (Gmail's `<id> - gsmtp`,
    /// Microsoft's `[…]` trailer).
    pub session: &'a str,
    /// The world's greeting notice: lines after the greeting's first
    /// ([`crate::World::greeting_notice`]), for servers that can send them.
    pub notice: &'a [String],
}

impl<'a> Voice<'a> {
    /// A voice for reference tables: no client or session yet.
    pub fn of(host: &'a str) -> Voice<'a> {
        Voice {
            host,
            now_ms: 1_795_918_096_000,
            client: "192.0.2.1",
            helo: "client.example.org",
            verb: None,
            session: "a1sm1234567abc.12",
            notice: &[],
        }
    }
}

impl Profile {
    /// The reply's code and text as this server says them.
    pub fn word(self, kind: &ReplyKind, voice: &Voice) -> Wording {
        match self {
            Profile::Postfix => postfix::word(kind, voice),
            Profile::Exim => exim::word(kind, voice),
            Profile::Gmail => gmail::word(kind, voice),
            Profile::Microsoft365 => microsoft365::word(kind, voice),
        }
    }

    /// Where this server's text for `kind` comes from.
    pub fn source(self, kind: &ReplyKind) -> Source {
        self.word(kind, &Voice::of("")).source
    }

    /// Does this server ever say `kind`? (Postfix has no limit of syntax errors that adds a
    /// goodbye, no HELP in 3.7, …)
    pub fn says(self, kind: &ReplyKind) -> bool {
        self.word(kind, &Voice::of("")).said
    }

    /// Does this server close the connection after the reply?
    pub fn closes(self, kind: &ReplyKind) -> bool {
        if let ReplyKind::Injected { code, .. } = kind {
            return *code == 421; // RFC 5321 §3.8
        }
        match self {
            Profile::Postfix => postfix::closes(kind),
            Profile::Exim => exim::closes(kind),
            Profile::Gmail => gmail::closes(kind),
            Profile::Microsoft365 => microsoft365::closes(kind),
        }
    }

    /// The EHLO keywords after the first line, in this server's order, without those the
    /// policy switches off (Postfix's `smtpd_discard_ehlo_keywords`).
    pub fn ehlo_keywords(self, policy: &Policy, tls: bool, message_size: u64) -> Vec<Cow<'static, str>> {
        let auth = policy.auth_enabled && (tls || !policy.auth_only_after_tls);
        let starttls = policy.starttls && !tls;
        let mut keywords = match self {
            Profile::Postfix => postfix::ehlo_keywords(policy, starttls, auth, message_size),
            Profile::Exim => exim::ehlo_keywords(policy.pipelining, starttls, auth, message_size),
            Profile::Gmail => gmail::ehlo_keywords(starttls, auth, message_size),
            Profile::Microsoft365 => microsoft365::ehlo_keywords(starttls, auth, message_size),
        };
        if !(policy.pipelining && policy.chunking && policy.smtputf8) {
            keywords.retain(|keyword| !policy.discards(keyword));
        }
        keywords
    }

    /// The SASL mechanisms this server offers, in its order. Those the lab does not
    /// carry out (OAuth) are offered, and answered as the server answers a failed one.
    pub fn mechanisms(self) -> &'static [&'static str] {
        match self {
            Profile::Postfix => &["PLAIN", "LOGIN", "CRAM-MD5"],
            Profile::Exim => &["PLAIN", "LOGIN", "CRAM-MD5"],
            Profile::Gmail => gmail::MECHANISMS,
            Profile::Microsoft365 => microsoft365::MECHANISMS,
        }
    }

    /// Does this server take the mechanism with a password? Microsoft 365 has switched
    /// password logins off: the exchange runs, then fails whatever the password.
    pub fn accepts_password(self, mechanism: Mechanism) -> bool {
        self.mechanisms().contains(&mechanism.name()) && self != Profile::Microsoft365
    }

    /// Verbs this server knows of but does not carry out.
    pub fn unimplemented(self, verb: Verb) -> bool {
        match self {
            // Postfix 3.7 has neither (HELP came in 3.9).
            Profile::Postfix => matches!(verb, Verb::Expn | Verb::Help),
            // Recorded: Exim answers both (EXPN with a prohibition, HELP with a list).
            Profile::Exim => false,
            // Neither advertises ETRN; the transcripts show no EXPN or HELP.
            Profile::Gmail | Profile::Microsoft365 => {
                matches!(verb, Verb::Expn | Verb::Help | Verb::Etrn)
            }
        }
    }

    /// Postfix hangs up on a mail header or an HTTP request sent as a command
    /// (`smtpd_forbidden_commands`); the others call it an unknown command.
    pub fn hangs_up_on_headers(self) -> bool {
        self == Profile::Postfix
    }

    /// How this server behaves where servers differ beyond their words.
    pub fn behaviour(self) -> Behaviour {
        match self {
            Profile::Exim => Behaviour {
                checks_utf8: false,
                rejects_nul: true,
                quit_takes_arguments: false,
                says_connection_lost: true,
                extensions_need_ehlo: true,
                repeats_rcpt_refusal: true,
                exim_names_and_addresses: true,
                max_line_length: Some(998),
                syntax_first: false,
                bdat_reads_header: true,
                verb_needs_space: true,
                enforces_sync: true,
                strict_between_chunks: true,
                bad_rcpt_limit: Some(10),
                sasl: SaslServer::Exim,
                error_limits: ErrorLimits::Exim {
                    unknown: 3,
                    synprot: 3,
                    nonmail: 10,
                },
            },
            // What the others do here is not in their transcripts: Postfix's behaviour.
            Profile::Postfix | Profile::Gmail | Profile::Microsoft365 => Behaviour {
                checks_utf8: true,
                rejects_nul: false,
                quit_takes_arguments: true,
                says_connection_lost: false,
                extensions_need_ehlo: false,
                repeats_rcpt_refusal: false,
                exim_names_and_addresses: false,
                max_line_length: None,
                syntax_first: true,
                bdat_reads_header: false,
                verb_needs_space: false,
                enforces_sync: false,
                strict_between_chunks: false,
                bad_rcpt_limit: None,
                sasl: SaslServer::Cyrus,
                error_limits: ErrorLimits::Postfix,
            },
        }
    }
}

/// What a server does where servers differ beyond their words (recorded for Postfix and
/// Exim; see `xtask/exim-lab/ANALYSIS.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// Postfix refuses a command line that is not UTF-8; Exim reads it as it is.
    pub checks_utf8: bool,
    /// Exim refuses a command line with a NUL; Postfix reads up to the NUL.
    pub rejects_nul: bool,
    /// Postfix ignores QUIT's arguments; Exim refuses them.
    pub quit_takes_arguments: bool,
    /// Exim answers a client that went away with a 421 before it closes.
    pub says_connection_lost: bool,
    /// Exim takes STARTTLS, AUTH and SMTPUTF8 only after EHLO advertised them; Postfix
    /// takes them whenever its policy allows.
    pub extensions_need_ehlo: bool,
    /// Exim answers DATA after refused recipients by repeating the last refusal.
    pub repeats_rcpt_refusal: bool,
    /// Exim checks HELO names and reads the addresses of MAIL, RCPT and VRFY with its own
    /// rules (`exim::helo_ok`, `exim::read_envelope`), and BDAT's and AUTH's arguments as
    /// smtp_in.c does, before the lab's parser.
    pub exim_names_and_addresses: bool,
    /// Debian's Exim refuses a message with a line longer than this (its data ACL);
    /// Postfix takes any length (and splits long lines in its queue file).
    pub max_line_length: Option<usize>,
    /// Postfix checks MAIL's and RCPT's syntax before the sequence; Exim the sequence first.
    pub syntax_first: bool,
    /// Exim reads a BDAT message's header as it comes (receive.c): it refuses one whose
    /// first header line ends in a bare LF (`552 Message header not CRLF terminated`),
    /// and its BDAT LAST total counts a first line that is no header twice.
    pub bdat_reads_header: bool,
    /// Exim knows a command only when its word is followed by a space or the end of the
    /// line (smtp_read_command): `NOOP\rQUIT`, `\rNOOP` and `NOOP\tx` are unknown.
    /// Postfix splits words at any white space.
    pub verb_needs_space: bool,
    /// Exim refuses input sent before the reply it waits for (`smtp_enforce_sync`): once
    /// DATA or BDAT has come, a command that must end a pipelined group (or an unknown one)
    /// with more input behind it gets `554 SMTP synchronization error`, and the connection
    /// closes. Postfix reads on.
    pub enforces_sync: bool,
    /// Exim between BDAT chunks (bdat_getc) takes BDAT, NOOP, RSET and QUIT. Anything else
    /// gets `503 only BDAT permissible after non-LAST BDAT`, and from then on all but RSET
    /// and QUIT `503 only RSET accepted now`. QUIT there loses the message: the 221, then
    /// `421 Lost incoming connection`. Postfix refuses by command (nested MAIL, DATA
    /// after BDAT, RCPT after BDAT).
    pub strict_between_chunks: bool,
    /// Debian's Exim RCPT ACL: once more than this many RCPTs were tried in a message and
    /// fewer than half of them were accepted, every RCPT gets `550 Rejected for too many
    /// bad recipients` (the session goes on). Postfix has no such rule.
    pub bad_rcpt_limit: Option<u32>,
    /// Whose SASL code answers AUTH (Postfix's Cyrus SASL, or Exim's authenticators).
    pub sasl: SaslServer,
    pub error_limits: ErrorLimits,
}

/// When a server gives up on a client's errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorLimits {
    /// `smtpd_soft_error_limit` and `smtpd_hard_error_limit` (the world's limits): every
    /// error reply counts; the tarpit, then a 421.
    Postfix,
    /// `smtp_max_unknown_commands` and `smtp_max_synprot_errors`: past `unknown` unknown
    /// commands, or `synprot` syntax and protocol errors (500, 501, 503), the reply says so and
    /// the connection closes at once. No tarpit. `smtp_accept_max_nonmail`: past `nonmail`
    /// commands that are not MAIL, RCPT, DATA, BDAT or QUIT (one HELO or EHLO, one RSET,
    /// one STARTTLS and the first AUTH free per message: smtp_in.c), the connection closes.
    Exim {
        unknown: u32,
        synprot: u32,
        nonmail: u32,
    },
}

/// The wording helpers every profile uses: a reply of these lines (text, or the octets
/// the client sent), the enhanced code in front of each.
pub(crate) fn wording<L: AsRef<[u8]>>(
    code: u16,
    enhanced: Option<(u8, u16, u16)>,
    lines: impl IntoIterator<Item = L>,
    source: Source,
) -> Wording {
    let enhanced = enhanced.map(|(a, b, c)| EnhancedCode(a, b, c));
    let mut text = ReplyText::default();
    for line in lines {
        text.push_line(enhanced, line.as_ref());
    }
    Wording {
        code,
        enhanced,
        text,
        source,
        said: true,
    }
}

/// A reply of one line, formatted in place (`format_args!`): no `String` on the way.
pub(crate) fn wording_fmt(
    code: u16,
    enhanced: Option<(u8, u16, u16)>,
    line: fmt::Arguments,
    source: Source,
) -> Wording {
    let mut said = wording(code, enhanced, [""; 0], source);
    said.text.push_fmt(said.enhanced, line);
    said
}

/// For a kind only other servers say: this server's unknown-command reply, marked so.
pub(crate) fn not_said(word: fn(&ReplyKind, &Voice) -> Wording, voice: &Voice, why: &'static str) -> Wording {
    let mut said = word(
        &ReplyKind::Unrecognized {
            command: String::new(),
        },
        voice,
    );
    said.source = Source::Unsourced(why);
    said.said = false;
    said
}

/// For a kind only other servers say, worded as `like` (a limit's goodbye added to an
/// error it never counts so).
pub(crate) fn never_said(like: Wording) -> Wording {
    Wording { said: false, ..like }
}

/// RFC 5321 §4.2.2's text for a code, for a situation no transcript shows.
pub(crate) fn rfc_text(code: u16) -> &'static str {
    match code {
        221 => "Service closing transmission channel",
        250 => "Requested mail action okay, completed",
        252 => "Cannot VRFY user, but will accept message and attempt delivery",
        421 => "Service not available, closing transmission channel",
        450 => "Requested mail action not taken: mailbox unavailable",
        451 => "Requested action aborted: local error in processing",
        452 => "Requested action not taken: insufficient system storage",
        455 => "Server unable to accommodate parameters",
        500 => "Syntax error, command unrecognized",
        501 => "Syntax error in parameters or arguments",
        502 => "Command not implemented",
        503 => "Bad sequence of commands",
        504 => "Command parameter not implemented",
        550 => "Requested action not taken: mailbox unavailable",
        552 => "Requested mail action aborted: exceeded storage allocation",
        553 => "Requested action not taken: mailbox name not allowed",
        554 => "Transaction failed",
        555 => "MAIL FROM/RCPT TO parameters not recognized or not implemented",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::catalog;

    #[test]
    fn every_profile_words_every_kind_with_a_code_of_its_class() {
        for profile in Profile::ALL {
            for reply in catalog(*profile, &Voice::of("mail.example.com")) {
                assert!((200..600).contains(&reply.code), "{profile:?} {:?}", reply.kind);
                assert!(!reply.text().is_empty() && reply.text().raw_lines().all(|l| !l.contains(&b'\r')));
                // A transcript is a fact even when odd (Gmail's `454 5.5.1`); a text the
                // lab chose must at least agree with itself.
                let chosen = matches!(
                    profile.word(&reply.kind, &Voice::of("h")).source,
                    Source::Unsourced(_)
                );
                if let (true, Some(e)) = (chosen, reply.enhanced) {
                    assert_eq!(u16::from(e.0), reply.code / 100, "{profile:?} {:?}", reply.kind);
                }
            }
        }
    }
}
