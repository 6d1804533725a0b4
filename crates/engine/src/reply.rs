//! Replies: typed values from one catalog, rendered in one place.
//!
//! Every reply the engine sends is a [`ReplyKind`] (what happened, with its data). A
//! kind's meaning is here, once: its summary, rule and RFC section, and what the learner
//! should type instead. Its wording is the server profile's ([`crate::profiles`]): code,
//! enhanced status code (RFC 3463) and text. [`Reply`] carries both and renders
//! `250-`/`250 ` lines with CRLF (RFC 5321 §4.2).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::profiles::Voice;
use crate::table::{Phase, Verb};
use crate::world::Profile;

/// One server reply, ready to render. Built only by the catalog below.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, after the code and separator (enhanced code included).
    pub lines: Vec<String>,
    pub kind: ReplyKind,
    /// For bad-sequence replies: where the session was and what it would have accepted.
    pub sequence: Option<SequenceContext>,
    /// The command this reply answers (all of DATA's, BDAT's and AUTH's replies answer
    /// them); `None` for the greeting, for a line that is no command, and for what the
    /// server says on its own (the idle timeout, the 421 at the error limit).
    #[serde(default)]
    pub answers: Option<Verb>,
}

/// RFC 3463 `class.subject.detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnhancedCode(pub u8, pub u16, pub u16);

/// Why a command was out of sequence, for the learner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceContext {
    pub phase: Phase,
    pub got: Verb,
    pub accepted: Vec<Verb>,
}

/// Everything the engine can say. Data carried here ends up in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ReplyKind {
    Greeting,
    Helo,
    Ehlo {
        extensions: Vec<String>,
    },
    HeloSyntax {
        ehlo: bool,
    },
    /// NOOP's answer.
    Ok,
    /// RSET's answer: the transaction is gone.
    Reset,
    Bye,
    MailOk,
    RcptOk,
    StartData,
    /// `bytes`: the message's size as received (not in Postfix's text; events carry it).
    Queued {
        queue_id: String,
        bytes: u64,
    },
    BdatChunkOk {
        bytes: u64,
    },
    /// `chunk`: the last chunk's size (Exim says it).
    BdatQueued {
        bytes: u64,
        queue_id: String,
        #[serde(default)]
        chunk: u64,
    },
    SendHeloFirst,
    NestedMail,
    NeedMail,
    NeedRcpt,
    /// `last`: the last refused RCPT's reply, when the server repeats it (Exim);
    /// `pipelined`: PIPELINING was offered and the command before was RCPT (Exim then
    /// takes it as part of a pipelined group, not as a protocol error).
    NoValidRecipients {
        #[serde(default)]
        last: Option<String>,
        #[serde(default)]
        pipelined: bool,
    },
    RcptAfterBdat,
    DataAfterBdat,
    MailSyntax,
    RcptSyntax,
    BadSender,
    BadRecipient,
    NoArguments {
        verb: Verb,
    },
    BadSizeSyntax,
    SizeOverflow,
    SizeExceeded,
    MessageTooBig,
    BadRet,
    BadEnvid,
    BadNotify,
    BadOrcpt,
    UnsupportedOption {
        option: String,
    },
    TooManyRecipients,
    UserUnknown {
        address: String,
    },
    RelayDenied {
        address: String,
    },
    VrfySyntax,
    CannotVerify {
        argument: String,
    },
    VrfyDisabled,
    EtrnSyntax,
    EtrnInTransaction,
    EtrnUnavailable {
        domain: String,
    },
    /// `command`: the command word as the client sent it (Microsoft quotes it).
    Unrecognized {
        command: String,
    },
    BadSyntax,
    BadUtf8,
    BreakRules,
    TooManyErrors,
    /// `in_message`: in the middle of DATA or a BDAT chunk (Exim words that apart).
    Timeout {
        #[serde(default)]
        in_message: bool,
    },
    ReadyForTls,
    TlsActive,
    NotImplemented,
    AuthNotEnabled,
    AuthInTransaction,
    AlreadyAuthenticated,
    AuthSyntax,
    AuthChallenge {
        challenge: String,
    },
    AuthOk,
    AuthFailed {
        reason: AuthFailure,
    },
    AuthAborted,
    SaslResponseTooLong,
    BdatSyntax,
    ChunkTooBig,
    /// BDAT where the server does not offer CHUNKING (Postfix's
    /// `smtpd_discard_ehlo_keywords = chunking`, Exim's empty `chunking_advertise_hosts`).
    ChunkingNotOffered,
    /// A world's failure rule answered instead (see [`crate::rules`]).
    Injected {
        code: u16,
        enhanced: Option<EnhancedCode>,
        text: String,
    },
    /// postgrey deferred this recipient: a first attempt, or a retry too soon.
    Greylisted {
        address: String,
        domain: String,
    },
    /// Postfix's per-client concurrency limit (anvil): said instead of the greeting.
    TooManyConnections {
        address: String,
    },
    /// The policy wants TLS before this command (`smtpd_tls_security_level = encrypt`).
    MustStartTls,
    /// A submission server: only an authenticated client may send mail from `sender`.
    AuthRequired {
        sender: String,
    },
    /// The server turned password logins off (Microsoft 365's "basic authentication").
    BasicAuthDisabled,
    /// HELP: the commands the server knows.
    Help,
    /// AUTH with a mechanism the server does not offer; `name` as the client wrote it.
    UnknownMechanism {
        name: String,
    },
    /// A message line longer than the server's data ACL allows (Debian's Exim: 998).
    LineTooLong {
        got: usize,
    },
    /// Exim's account of what is wrong with a MAIL or RCPT argument (`ARGUMENT: ERROR`).
    AddressError {
        text: String,
    },
    /// Too many commands that send no mail (Exim's `smtp_accept_max_nonmail`).
    TooManyNonmail,
    /// An extension used that the last EHLO did not advertise (`SMTPUTF8`).
    NotAdvertised {
        extension: String,
    },
    /// EXPN, known and refused by policy.
    ExpnRefused,
    /// A NUL in a command line (Exim refuses the line).
    NulInCommand,
    /// The client went away; `in_message`: in the middle of DATA or a BDAT chunk.
    ConnectionLost {
        in_message: bool,
    },
    /// The error that went past the server's limit of syntax and protocol errors: its
    /// reply, then the server's goodbye.
    TooManySyntaxErrors {
        last: Box<ReplyKind>,
    },
}

/// The reasons Cyrus SASL gives Postfix for a failed AUTH.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthFailure {
    /// Wrong user name or password.
    Credentials,
    /// An empty or undecodable response where data was needed.
    AnotherStep,
    /// The decoded response is malformed.
    BadProtocol,
    /// The response is not base64 at all (Cyrus calls it a bad protocol too).
    BadBase64,
    /// The mechanism is not offered.
    NoMechanism,
}

/// A reply's meaning, for the learner. All of it comes from the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the first digit means.
    pub class: &'static str,
    /// What the second digit means: the area the reply is about.
    pub area: String,
    /// What the enhanced code means, part by part.
    pub enhanced: Option<String>,
    /// What happened and which rule made it happen.
    pub summary: &'static str,
    /// Where the rule is written down.
    pub rfc: &'static str,
    /// For errors: what to type instead.
    pub fix: Option<&'static str>,
    pub sequence: Option<SequenceContext>,
}

/// What a reply kind means: one text for every profile.
struct Teaching {
    summary: &'static str,
    rfc: &'static str,
    fix: Option<&'static str>,
}

impl ReplyKind {
    /// What the reply means, for the learner: the same whichever server words it.
    #[rustfmt::skip]
    fn teaching(&self) -> Teaching {
        use ReplyKind as K;
        let t = |summary, rfc, fix| Teaching { summary, rfc, fix };
        match self {
            K::Greeting => t("The server is ready. It names itself; it sends no enhanced code on the greeting.", "RFC 5321 §4.2, §3.1", None),
            K::Helo => t("HELO accepted: a plain single-line reply, no extensions.", "RFC 5321 §4.1.1.1", None),
            K::Ehlo { .. } => t("EHLO accepted. The first line names the server; each further line is an extension it offers.", "RFC 5321 §4.1.1.1", None),
            K::HeloSyntax { ehlo: true } => t("EHLO needs your host name as its argument.", "RFC 5321 §4.1.1.1", Some("EHLO client.example.org")),
            K::HeloSyntax { ehlo: false } => t("HELO needs your host name as its argument.", "RFC 5321 §4.1.1.1", Some("HELO client.example.org")),
            K::Ok => t("Done. NOOP does nothing at all: a way to check that the server still listens.", "RFC 5321 §4.1.1.9", None),
            K::Reset => t("Done. RSET throws away the transaction (sender, recipients, data) but keeps the greeting and any login.", "RFC 5321 §4.1.1.5", None),
            K::Bye => t("The server says goodbye and closes the connection.", "RFC 5321 §4.1.1.10", None),
            K::MailOk => t("Sender accepted: a mail transaction has begun.", "RFC 5321 §4.1.1.2", None),
            K::RcptOk => t("Recipient accepted. Add more with RCPT TO, or send DATA.", "RFC 5321 §4.1.1.3", None),
            K::StartData => t("Go ahead: send the message, then a line holding only a dot.", "RFC 5321 §4.1.1.4", None),
            K::Queued { .. } => t("The server took responsibility for the message and queued it under this ID.", "RFC 5321 §4.1.1.4, §6.1", None),
            K::BdatChunkOk { .. } => t("Chunk received. Send the next BDAT, or BDAT n LAST to finish.", "RFC 3030 §2", None),
            K::BdatQueued { .. } => t("Last chunk received; the whole message is queued.", "RFC 3030 §2", None),
            K::SendHeloFirst => t("This server requires a greeting before a mail transaction.", "RFC 5321 §4.1.4", Some("EHLO client.example.org")),
            K::NestedMail => t("A transaction is already open; MAIL may not be sent again until it ends.", "RFC 5321 §4.1.4", Some("RSET (to start over), or continue with RCPT TO:<address>")),
            K::NeedMail => t("RCPT names a recipient of a transaction, and none is open.", "RFC 5321 §3.3", Some("MAIL FROM:<you@example.org> first")),
            K::NeedRcpt => t("The message has nobody to go to yet.", "RFC 5321 §3.3", Some("MAIL FROM:<address>, then RCPT TO:<address> first")),
            K::NoValidRecipients { .. } => t("Every recipient of this transaction was rejected, so there is nobody to send to.", "RFC 5321 §3.3", Some("RCPT TO:<alice@example.com> (a recipient the server accepts)")),
            K::RcptAfterBdat => t("Recipients come before the message; BDAT has already started it.", "RFC 3030 §3", Some("finish with BDAT 0 LAST, or RSET")),
            K::DataAfterBdat => t("One transaction uses DATA or BDAT, never both.", "RFC 3030 §3", Some("BDAT n LAST to finish the message")),
            K::MailSyntax => t("MAIL needs FROM: followed by the sender's address.", "RFC 5321 §4.1.1.2", Some("MAIL FROM:<you@example.org>")),
            K::RcptSyntax => t("RCPT needs TO: followed by the recipient's address.", "RFC 5321 §4.1.1.3", Some("RCPT TO:<alice@example.com>")),
            K::BadSender => t("The sender address could not be parsed.", "RFC 5321 §4.1.2", Some("MAIL FROM:<you@example.org> (one address in angle brackets)")),
            K::BadRecipient => t("The recipient address could not be parsed; <> is only a sender.", "RFC 5321 §4.1.2", Some("RCPT TO:<alice@example.com>")),
            K::NoArguments { .. } => t("This command takes no arguments.", "RFC 5321 §4.3.2", Some("the command word alone")),
            K::BadSizeSyntax => t("SIZE= must be followed by a number of bytes.", "RFC 1870 §6", Some("MAIL FROM:<you@example.org> SIZE=12345")),
            K::SizeOverflow => t("That SIZE is larger than any file the server can hold.", "RFC 1870 §6.1", Some("a realistic SIZE=, at most the number after SIZE in EHLO")),
            K::SizeExceeded => t("The declared SIZE is over the limit the server advertised in EHLO.", "RFC 1870 §6.1", Some("a smaller message, at most the number after SIZE in EHLO")),
            K::MessageTooBig => t("The message turned out larger than the size limit; it was discarded.", "RFC 1870 §6.2", Some("send a smaller message")),
            K::BadRet => t("RET= takes FULL or HDRS, once.", "RFC 3461 §4.3", Some("MAIL FROM:<you@example.org> RET=HDRS")),
            K::BadEnvid => t("ENVID= takes one xtext value (printable ASCII; + only as +XX hex).", "RFC 3461 §4.4", Some("MAIL FROM:<you@example.org> ENVID=abc123")),
            K::BadNotify => t("NOTIFY= takes NEVER alone, or a list of SUCCESS, FAILURE and DELAY, once.", "RFC 3461 §4.1", Some("RCPT TO:<alice@example.com> NOTIFY=SUCCESS,FAILURE")),
            K::BadOrcpt => t("ORCPT= takes an address type, a semicolon and an address.", "RFC 3461 §4.2", Some("RCPT TO:<alice@example.com> ORCPT=rfc822;alice@example.com")),
            K::UnsupportedOption { .. } => t("The server does not know this MAIL/RCPT parameter.", "RFC 5321 §4.1.1.11", Some("leave the parameter out; EHLO lists what is supported")),
            K::TooManyRecipients => t("This message has reached the recipient limit. Send it, then the rest in a new transaction.", "RFC 5321 §4.5.3.1.10", Some("DATA now, then a new MAIL FROM for the remaining recipients")),
            K::UserUnknown { .. } => t("The domain is this server's, but it has no such user.", "RFC 5321 §4.2.3, RFC 3463 §3.2", Some("a user that exists here, e.g. RCPT TO:<alice@example.com>")),
            K::RelayDenied { .. } => t("The domain is not this server's, and only authenticated clients may relay.", "RFC 5321 §3.6.2, §7.1", Some("STARTTLS, EHLO, AUTH first; or a local recipient")),
            K::VrfySyntax => t("VRFY needs an address to look up.", "RFC 5321 §3.5.1", Some("VRFY alice")),
            K::CannotVerify { .. } => t("The address would be accepted, but Postfix never confirms that a mailbox exists.", "RFC 5321 §3.5.3", None),
            K::VrfyDisabled => t("This server has VRFY switched off.", "RFC 5321 §3.5.3", None),
            K::EtrnSyntax => t("ETRN needs the domain whose queued mail should be flushed.", "RFC 1985 §3", Some("ETRN example.org")),
            K::EtrnInTransaction => t("ETRN may not be used inside a mail transaction.", "RFC 1985 §4", Some("RSET first")),
            K::EtrnUnavailable { .. } => t("This server keeps no queue for that domain to flush.", "RFC 1985 §4", None),
            K::Unrecognized { .. } => t("The server does not know this command, or does not implement it (Postfix 3.7 has no EXPN and no HELP).", "RFC 5321 §4.2.4", Some("a command from the reference, e.g. NOOP")),
            K::BadSyntax => t("An empty line is not a command.", "RFC 5321 §4.1.1", Some("a command, e.g. NOOP")),
            K::BadUtf8 => t("The line is not valid UTF-8 (RFC 3629): Postfix checks every command line before it reads the command.", "RFC 6531 §3.3, Postfix smtputf8_enable", Some("send text: ASCII, or UTF-8 after MAIL FROM:<…> SMTPUTF8")),
            K::BreakRules => t("That looked like a mail header or a web request, not SMTP; Postfix hangs up.", "Postfix smtpd_forbidden_commands", Some("send headers only after DATA and 354")),
            K::TooManyErrors => t("Too many errors in one session: the server hangs up.", "RFC 5321 §4.2.2 (421 closes)", Some("reconnect, and check each reply before the next command")),
            K::Timeout { .. } => t("The client was silent for too long; the server hangs up.", "RFC 5321 §4.5.3.2.7", Some("reconnect")),
            K::ReadyForTls => t("Start the TLS handshake now; afterwards the session starts over.", "RFC 3207 §4", None),
            K::TlsActive => t("The connection is already encrypted.", "RFC 3207 §4", Some("EHLO, then AUTH")),
            K::NotImplemented => t("The server knows this command but does not offer it here.", "RFC 5321 §4.2.4", None),
            K::AuthNotEnabled => t("AUTH is offered only inside TLS here, so passwords never cross the wire in clear.", "RFC 4954 §4, RFC 3207 §4.2", Some("STARTTLS, then EHLO, then AUTH")),
            K::AuthInTransaction => t("AUTH is not allowed during a mail transaction.", "RFC 4954 §4", Some("RSET, then AUTH")),
            K::AlreadyAuthenticated => t("You are logged in already; a second AUTH is refused.", "RFC 4954 §4", Some("MAIL FROM:<address>")),
            K::AuthSyntax => t("AUTH takes a mechanism and, optionally, an initial response.", "RFC 4954 §4", Some("AUTH PLAIN AGFsaWNlAHMzY3JldA==")),
            K::AuthChallenge { .. } => t("The server asks for the next piece of the login, in base64.", "RFC 4954 §4", None),
            K::AuthOk => t("Logged in. The server will now relay for you.", "RFC 4954 §6", None),
            K::AuthFailed { reason } => t(reason.summary(), "RFC 4954 §6", Some("check user name and password; the base64 helpers build the response")),
            K::AuthAborted => t("You sent * and so cancelled the login.", "RFC 4954 §4", None),
            K::SaslResponseTooLong => t("The SASL response line was longer than the server reads (12288 octets): the login is over.", "Postfix smtpd_sasl_response_limit", Some("AUTH again with a shorter response")),
            K::BdatSyntax => t("Without a valid size the server cannot find the end of the chunk, so it hangs up.", "RFC 3030 §2", Some("BDAT 42 LAST, with exactly 42 bytes after it")),
            K::ChunkingNotOffered => t("This server does not offer CHUNKING (EHLO did not list it), so BDAT is refused before its size is read. Postfix then hangs up: the chunk's octets would otherwise be read as commands.", "RFC 3030 §2, RFC 5321 §4.2.4", Some("check the EHLO list; without CHUNKING send the message with DATA")),
            K::ChunkTooBig => t("This chunk would take the message past the size limit: the server read it and threw it away.", "RFC 3030 §2, RFC 1870", Some("a smaller message, at most the number after SIZE in EHLO")),
            K::Injected { .. } => t("A failure rule of this world answered, not the server's own logic: see the world's settings.", "smtplab failure rules", Some("what a real client does with this code: 4xx retry later, 5xx give up")),
            K::Greylisted { .. } => t("Greylisting: the first attempt from a sender to a recipient is deferred on purpose. A real client keeps the message and tries again minutes later; then it passes.", "RFC 5321 §4.5.4.1 (retry), RFC 6647", Some("wait the greylisting delay, then send the same MAIL and RCPT again")),
            K::MustStartTls => t("This server takes mail only over an encrypted connection: everything but EHLO, NOOP, RSET, QUIT and STARTTLS waits for TLS.", "RFC 3207 §4, RFC 8314 §3", Some("STARTTLS, then EHLO again")),
            K::AuthRequired { .. } => t("A submission server sends mail only for users who logged in: say who you are with AUTH before MAIL.", "RFC 6409 §4.3, RFC 4954 §6", Some("AUTH PLAIN or AUTH LOGIN (after STARTTLS and EHLO), then MAIL FROM")),
            K::BasicAuthDisabled => t("The password was never checked: this server accepts no password logins at all. Microsoft 365 wants OAuth 2.0 (AUTH XOAUTH2) with a token from Microsoft's identity platform.", "RFC 4954 §6; Microsoft's retirement of Basic auth for SMTP AUTH", Some("in a real client, sign in with OAuth 2.0; the lab's other profiles accept passwords")),
            K::NotAdvertised { .. } => t("The server did not list this extension in its EHLO reply, so the client may not use it.", "RFC 5321 §2.2.2, RFC 6531 §3.4", Some("EHLO first, and use only the extensions it lists")),
            K::TooManyNonmail => t("Too many commands that send no mail (NOOP, RSET, VRFY, HELO…) in one session: the server suspects a probe and hangs up.", "Exim smtp_accept_max_nonmail; RFC 5321 §4.2.2", Some("reconnect, and send mail or QUIT")),
            K::AddressError { .. } => t("The server could not read this address: it says what it expected and where.", "RFC 5321 §4.1.2", Some("one address in angle brackets, with a domain: RCPT TO:<alice@example.com>")),
            K::LineTooLong { .. } => t("A line of the message is longer than 998 characters, the most RFC 5322 allows; the server refused the whole message.", "RFC 5322 §2.1.1, RFC 5321 §4.5.3.1.6", Some("wrap long lines, or send the content base64 or quoted-printable encoded")),
            K::UnknownMechanism { .. } => t(AuthFailure::NoMechanism.summary(), "RFC 4954 §4", Some("a mechanism from the AUTH line of EHLO, e.g. AUTH PLAIN")),
            K::Help => t("HELP lists the commands this server knows.", "RFC 5321 §4.1.1.8", None),
            K::ExpnRefused => t("EXPN would list a mailing list's members; this server does not tell.", "RFC 5321 §3.5.2, §7.3", None),
            K::NulInCommand => t("A command line may not contain a NUL octet.", "RFC 5321 §4.1.1", Some("type the command again")),
            K::ConnectionLost { .. } => t("The client closed the connection without QUIT; the server says so before it closes too.", "RFC 5321 §4.1.1.10, §3.8", Some("end with QUIT and wait for its 221")),
            K::TooManySyntaxErrors { .. } => t("One syntax or protocol error too many: the server answers it, says goodbye and closes.", "RFC 5321 §4.2.2 (closing after errors)", Some("reconnect, and check each reply before the next command")),
            K::TooManyConnections { .. } => t("Your address already has as many connections open as the server allows one client (Postfix smtpd_client_connection_count_limit), so it says 421 instead of its greeting and hangs up.", "RFC 5321 §3.1, §4.2.2 (421 closes)", Some("close some of your other connections, then reconnect")),
        }
    }
}

impl AuthFailure {
    fn summary(self) -> &'static str {
        match self {
            AuthFailure::Credentials => "The user name or password is wrong.",
            AuthFailure::AnotherStep => "The response was empty or not base64, so the login could not go on.",
            AuthFailure::BadProtocol => "The response decoded, but not to what the mechanism expects.",
            AuthFailure::BadBase64 => "The response is not base64, so it could not be decoded.",
            AuthFailure::NoMechanism => "The server does not offer that mechanism; EHLO lists those it does.",
        }
    }
}

impl Reply {
    /// Builds a reply of this kind in the words of `profile`, spoken as `voice` (the
    /// server's name, the time, the client, the session's id). An enhanced code starts
    /// every line of the reply's own text (RFC 2034 §4); EHLO keywords follow it bare.
    pub fn new(kind: ReplyKind, profile: Profile, voice: &Voice) -> Reply {
        let entry = profile.word(&kind, voice);
        let mut lines = entry.lines;
        if let Some(code) = entry.enhanced {
            let mut prefix = [0; 20];
            let prefix = code.prefix(&mut prefix);
            lines.iter_mut().for_each(|line| line.insert_str(0, prefix));
        }
        if let ReplyKind::Ehlo { extensions } = &kind {
            lines.extend(extensions.iter().cloned());
        }
        Reply {
            code: entry.code,
            enhanced: entry.enhanced,
            lines,
            kind,
            sequence: None,
            answers: None,
        }
    }

    /// Renders the reply as it goes on the wire: `250-` for all lines but the last, CRLF each.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let last = self.lines.len().saturating_sub(1);
        let code = [
            b'0' + (self.code / 100 % 10) as u8,
            b'0' + (self.code / 10 % 10) as u8,
            b'0' + (self.code % 10) as u8,
        ];
        for (i, line) in self.lines.iter().enumerate() {
            out.extend_from_slice(&code);
            out.push(if i == last { b' ' } else { b'-' });
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out);
        out
    }

    /// The lines as text, without CRLF.
    pub fn text_lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.to_bytes())
            .lines()
            .map(str::to_string)
            .collect()
    }

    pub fn is_error(&self) -> bool {
        self.code >= 400
    }

    /// RFC 5321 §4.2.1: what the first digit says.
    pub fn class(&self) -> ReplyClass {
        match self.code / 100 {
            2 => ReplyClass::Success,
            3 => ReplyClass::Intermediate,
            4 => ReplyClass::TransientFailure,
            _ => ReplyClass::PermanentFailure,
        }
    }

    pub fn explain(&self) -> Explanation {
        let entry = self.kind.teaching();
        Explanation {
            area: area_meaning(self.code),
            class: class_meaning(self.code),
            enhanced: self.enhanced.map(|e| e.meaning()),
            summary: entry.summary,
            rfc: entry.rfc,
            fix: entry.fix,
            sequence: self.sequence.clone(),
        }
    }
}

/// Writes a small number at `at` without going through `fmt` (this is the hot path);
/// returns where it ends.
fn put_number(out: &mut [u8], at: usize, n: u16) -> usize {
    let at = if n >= 10 { put_number(out, at, n / 10) } else { at };
    out[at] = b'0' + (n % 10) as u8;
    at + 1
}

/// The four kinds of reply, by the first digit (RFC 5321 §4.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplyClass {
    Success,
    Intermediate,
    TransientFailure,
    PermanentFailure,
}

impl ReplyClass {
    /// A short name, so that colour is never the only signal.
    pub fn label(self) -> &'static str {
        match self {
            ReplyClass::Success => "success",
            ReplyClass::Intermediate => "go on",
            ReplyClass::TransientFailure => "temporary failure",
            ReplyClass::PermanentFailure => "permanent failure",
        }
    }

    /// The first digit: `2` to `5`.
    pub fn digit(self) -> u8 {
        self as u8 + 2
    }
}

/// RFC 5321 §4.2.1: the second digit names the area.
fn area_meaning(code: u16) -> String {
    let area = match code / 10 % 10 {
        0 => "syntax",
        1 => "information",
        2 => "the connection",
        3 => "authentication / intermediate",
        5 => "the mail system",
        _ => "unspecified",
    };
    format!("Second digit {}: {area}.", code / 10 % 10)
}

/// The meaning of a reply code's digits (RFC 5321 §4.2.1).
pub fn class_meaning(code: u16) -> &'static str {
    match code / 100 {
        2 => "2xx: success. The command was accepted.",
        3 => "3xx: intermediate. The server waits for more input.",
        4 => "4xx: temporary failure. The same command may work later.",
        _ => "5xx: permanent failure. Repeating the command will not help.",
    }
}

impl EnhancedCode {
    /// This code and a space, written into `buf` without going through `fmt` (the hot
    /// path): `5.5.1 `.
    fn prefix(self, buf: &mut [u8; 20]) -> &str {
        let mut at = 0;
        for (i, n) in [u16::from(self.0), self.1, self.2].into_iter().enumerate() {
            if i > 0 {
                buf[at] = b'.';
                at += 1;
            }
            at = put_number(buf, at, n);
        }
        buf[at] = b' ';
        std::str::from_utf8(&buf[..=at]).unwrap_or_default()
    }

    /// RFC 3463's words for the class, the subject and the full code.
    pub fn meaning(&self) -> String {
        let class = match self.0 {
            2 => "success",
            4 => "persistent transient failure",
            _ => "permanent failure",
        };
        let subject = match self.1 {
            0 => "other or undefined status",
            1 => "addressing status",
            2 => "mailbox status",
            3 => "mail system status",
            4 => "network and routing status",
            5 => "mail delivery protocol status",
            6 => "message content or media status",
            _ => "security or policy status",
        };
        let detail = match (self.1, self.2) {
            (0, 0) => "other undefined status",
            (1, 0) => "other address status",
            (1, 1) => "bad destination mailbox address",
            (1, 3) => "bad destination mailbox address syntax",
            (1, 5) => "destination address valid",
            (1, 7) => "bad sender's mailbox address syntax",
            (3, 4) => "message too big for system",
            (4, 2) => "bad connection",
            (5, 1) => "invalid command",
            (5, 2) => "syntax error",
            (5, 3) => "too many recipients",
            (5, 4) => "invalid command arguments",
            (7, 0) => "other or undefined security status",
            (7, 1) => "delivery not authorized, message refused",
            (7, 8) => "authentication credentials invalid",
            _ => "see RFC 3463",
        };
        format!("{}: {class}; {subject}; {detail}", self)
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// One example of every reply the engine can send, for the reply-code reference and
/// `docs/profiles.md`.
pub fn catalog(profile: Profile, voice: &Voice) -> Vec<Reply> {
    use ReplyKind as K;
    let address = || "someone@example.com".to_string();
    let kinds = vec![
        K::Greeting,
        K::Helo,
        K::Ehlo {
            extensions: vec!["PIPELINING".into(), "…".into()],
        },
        K::HeloSyntax { ehlo: true },
        K::HeloSyntax { ehlo: false },
        K::Ok,
        K::Reset,
        K::Bye,
        K::MailOk,
        K::RcptOk,
        K::StartData,
        K::Queued {
            queue_id: "4F3A2B1C0D".into(),
            bytes: 42,
        },
        K::BdatChunkOk { bytes: 42 },
        K::BdatQueued {
            bytes: 42,
            queue_id: "4F3A2B1C0D".into(),
            chunk: 12,
        },
        K::SendHeloFirst,
        K::NestedMail,
        K::NeedMail,
        K::NeedRcpt,
        K::NoValidRecipients {
            last: None,
            pipelined: false,
        },
        K::NoValidRecipients {
            last: Some("Unrouteable address".into()),
            pipelined: true,
        },
        K::RcptAfterBdat,
        K::DataAfterBdat,
        K::MailSyntax,
        K::RcptSyntax,
        K::BadSender,
        K::BadRecipient,
        K::NoArguments { verb: Verb::Data },
        K::BadSizeSyntax,
        K::SizeOverflow,
        K::SizeExceeded,
        K::MessageTooBig,
        K::BadRet,
        K::BadEnvid,
        K::BadNotify,
        K::BadOrcpt,
        K::UnsupportedOption {
            option: "FOO=bar".into(),
        },
        K::TooManyRecipients,
        K::UserUnknown { address: address() },
        K::RelayDenied {
            address: "someone@other.example".into(),
        },
        K::VrfySyntax,
        K::CannotVerify {
            argument: "alice".into(),
        },
        K::VrfyDisabled,
        K::EtrnSyntax,
        K::EtrnInTransaction,
        K::EtrnUnavailable {
            domain: "example.org".into(),
        },
        K::Unrecognized {
            command: "XYZZY".into(),
        },
        K::BadSyntax,
        K::BadUtf8,
        K::BreakRules,
        K::TooManyErrors,
        K::Timeout { in_message: false },
        K::Timeout { in_message: true },
        K::ReadyForTls,
        K::TlsActive,
        K::NotImplemented,
        K::AuthNotEnabled,
        K::AuthInTransaction,
        K::AlreadyAuthenticated,
        K::AuthSyntax,
        K::AuthChallenge {
            challenge: "VXNlcm5hbWU6".into(),
        },
        K::AuthOk,
        K::AuthFailed {
            reason: AuthFailure::Credentials,
        },
        K::AuthFailed {
            reason: AuthFailure::AnotherStep,
        },
        K::AuthFailed {
            reason: AuthFailure::BadProtocol,
        },
        K::AuthFailed {
            reason: AuthFailure::BadBase64,
        },
        K::AuthFailed {
            reason: AuthFailure::NoMechanism,
        },
        K::AuthAborted,
        K::SaslResponseTooLong,
        K::BdatSyntax,
        K::ChunkTooBig,
        K::ChunkingNotOffered,
        K::Greylisted {
            address: "bob@example.com".into(),
            domain: "example.com".into(),
        },
        K::TooManyConnections {
            address: "192.0.2.1".into(),
        },
        K::MustStartTls,
        K::AuthRequired {
            sender: "alice@example.com".into(),
        },
        K::BasicAuthDisabled,
        K::Help,
        K::UnknownMechanism { name: "FOO".into() },
        K::LineTooLong { got: 1500 },
        K::AddressError {
            text: "<a b@example.org>: \"@\" or \".\" expected after \"a\"".into(),
        },
        K::TooManyNonmail,
        K::NotAdvertised {
            extension: "SMTPUTF8".into(),
        },
        K::ExpnRefused,
        K::NulInCommand,
        K::ConnectionLost { in_message: false },
        K::ConnectionLost { in_message: true },
        K::TooManySyntaxErrors {
            last: Box::new(K::MailSyntax),
        },
    ];
    kinds
        .into_iter()
        .map(|kind| Reply::new(kind, profile, voice))
        .collect()
}
