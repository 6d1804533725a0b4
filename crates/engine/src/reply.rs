//! Replies: typed values from one catalog, rendered in one place.
//!
//! Every reply the engine sends is a [`ReplyKind`] (what happened, with its data). A
//! kind's meaning is here, once: its summary, rule and RFC section, and what the learner
//! should type instead. Its wording is the server profile's ([`crate::profiles`]): code,
//! enhanced status code (RFC 3463) and text. [`Reply`] carries both and renders
//! `250-`/`250 ` lines with CRLF (RFC 5321 §4.2).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::command::NotSmtp;
use crate::profiles::{Voice, Wording};
use crate::table::{Phase, Verb};
use crate::world::Profile;

mod text;

pub use text::{Octets, ReplyText};

/// One server reply, ready to render. Built only by the catalog below.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, after the code and separator (enhanced code included).
    text: ReplyText,
    pub kind: ReplyKind,
    /// For bad-sequence replies: where the session was and what it would have accepted.
    pub sequence: Option<SequenceContext>,
    /// The command this reply answers (all of DATA's, BDAT's and AUTH's replies answer
    /// them); `None` for the greeting, for a line that is no command, and for what the
    /// server says on its own (the idle timeout, the 421 at the error limit).
    #[serde(default)]
    pub answers: Option<Verb>,
    /// The server closes the connection after this reply (RFC 5321 §3.8: 421; Postfix
    /// also after its 221 and 521): what the profile does, said once.
    #[serde(default)]
    pub closes: bool,
    /// What else the engine knows about this reply: a limit that counted it, a delay,
    /// where the line it answers came from. None of it is in the text.
    #[serde(default)]
    pub facts: Vec<Fact>,
}

/// Something the engine knows about one reply beyond its kind, which the reply's words
/// do not say: the explanation tells it (its [`Fact::message`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Fact {
    /// The command was one of Postfix's junk commands (HELO, EHLO, RSET, NOOP, VRFY,
    /// ETRN) past `smtpd_junk_command_limit` (`limit`): answered as always, but counted
    /// as an error. `first`: the first one so counted.
    JunkCommand { limit: u32, first: bool },
    /// Postfix's tarpit: the session had made `errors` errors, at least
    /// `smtpd_soft_error_limit` (`soft`), so the reply left `delay_ms` late
    /// (`smtpd_error_sleep_time`).
    Tarpit { errors: u32, soft: u32, delay_ms: u64 },
    /// The session reached Postfix's `smtpd_hard_error_limit` (`limit`) with `errors`.
    HardErrorLimit { errors: u32, limit: u32 },
    /// More unknown commands than Exim's `smtp_max_unknown_commands` (`limit`).
    UnknownCommandLimit { limit: u32 },
    /// The line answered is no command, and came right after a BDAT chunk of `octets`
    /// octets: what the client sent after them (`empty`: only a line end, CR LF).
    AfterChunk { octets: u64, empty: bool },
}

impl Fact {
    /// The message id of what the fact tells (`locales/*/engine.ftl`); its variables are
    /// [`Fact::args`].
    pub fn message(&self) -> &'static str {
        match self {
            Fact::JunkCommand { first: true, .. } => "fact-junk-command-first",
            Fact::JunkCommand { first: false, .. } => "fact-junk-command",
            Fact::Tarpit { .. } => "fact-tarpit",
            Fact::HardErrorLimit { .. } => "fact-hard-error-limit",
            Fact::UnknownCommandLimit { .. } => "fact-unknown-command-limit",
            Fact::AfterChunk { empty: true, .. } => "fact-after-chunk-empty",
            Fact::AfterChunk { empty: false, .. } => "fact-after-chunk",
        }
    }

    /// The message's variables: names and numbers.
    pub fn args(&self) -> Vec<(&'static str, u64)> {
        match *self {
            Fact::JunkCommand { limit, .. } | Fact::UnknownCommandLimit { limit } => {
                vec![("limit", limit.into())]
            }
            Fact::Tarpit {
                errors,
                soft,
                delay_ms,
            } => {
                vec![("errors", errors.into()), ("soft", soft.into()), ("ms", delay_ms)]
            }
            Fact::HardErrorLimit { errors, limit } => {
                vec![("errors", errors.into()), ("limit", limit.into())]
            }
            Fact::AfterChunk { octets, .. } => vec![("octets", octets)],
        }
    }
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
    /// `extensions`: the keywords after the first line, in the server's order.
    Ehlo {
        extensions: Vec<Cow<'static, str>>,
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
    /// `last`: the last refused RCPT's reply, when the server repeats it (Exim: as it
    /// said it, octets the client sent included);
    /// `pipelined`: PIPELINING was offered and the command before was RCPT (Exim then
    /// takes it as part of a pipelined group, not as a protocol error).
    NoValidRecipients {
        #[serde(default)]
        last: Option<Octets>,
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
    /// Postfix hangs up on a line that is no SMTP at all; `line`: what it looked like.
    BreakRules {
        line: NotSmtp,
    },
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
    /// Exim's account of what is wrong with a MAIL, RCPT or VRFY argument
    /// (`ARGUMENT: ERROR`): the argument's octets as the client sent them.
    AddressError {
        text: Octets,
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
    /// A BDAT message whose first header line ended in a bare LF (Exim refuses it).
    HeaderNotCrlf,
    /// Input came before the reply to a command that must end a pipelined group.
    SyncError,
    /// Most of this message's recipients were refused: the server refuses the rest.
    TooManyBadRecipients,
    /// AUTH with an initial response for a mechanism where the server speaks first.
    InitialDataNotExpected,
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

/// A reply's meaning, for the learner: message ids, whose texts are in each locale's
/// `engine.ftl` (`locales/en/engine.ftl`); the app says them in the learner's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the first digit means (see [`Reply::class_message`]).
    pub class: &'static str,
    /// The server closes the connection after this reply.
    pub closes: bool,
    /// What else the engine knows about this reply, each said by its message.
    pub facts: Vec<Fact>,
    /// What the second digit means: the area the reply is about.
    pub area: &'static str,
    /// What the enhanced code means, part by part.
    pub enhanced: Option<EnhancedMeaning>,
    /// What happened and which rule made it happen.
    pub summary: &'static str,
    /// Where the rule is written down: references only (RFCs, configuration parameters,
    /// products), never translated.
    pub rfc: &'static str,
    /// A word on the rule in the learner's language (a message id), said after `rfc`.
    pub rule_note: Option<&'static str>,
    /// For errors: what to type instead.
    pub fix: Option<&'static str>,
    pub sequence: Option<SequenceContext>,
}

/// RFC 3463's meaning of an enhanced code: message ids for its class, subject and detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnhancedMeaning {
    pub code: EnhancedCode,
    pub class: &'static str,
    pub subject: &'static str,
    pub detail: &'static str,
}

/// What a reply kind means: one text for every profile (message ids).
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
            K::Greeting => t("reply-greeting", "RFC 5321 §4.2, §3.1", None),
            K::Helo => t("reply-helo", "RFC 5321 §4.1.1.1", None),
            K::Ehlo { .. } => t("reply-ehlo", "RFC 5321 §4.1.1.1", None),
            K::HeloSyntax { ehlo: true } => t("reply-ehlo-syntax", "RFC 5321 §4.1.1.1", Some("reply-ehlo-syntax-fix")),
            K::HeloSyntax { ehlo: false } => t("reply-helo-syntax", "RFC 5321 §4.1.1.1", Some("reply-helo-syntax-fix")),
            K::Ok => t("reply-ok", "RFC 5321 §4.1.1.9", None),
            K::Reset => t("reply-reset", "RFC 5321 §4.1.1.5", None),
            K::Bye => t("reply-bye", "RFC 5321 §4.1.1.10", None),
            K::MailOk => t("reply-mail-ok", "RFC 5321 §4.1.1.2", None),
            K::RcptOk => t("reply-rcpt-ok", "RFC 5321 §4.1.1.3", None),
            K::StartData => t("reply-start-data", "RFC 5321 §4.1.1.4", None),
            K::Queued { .. } => t("reply-queued", "RFC 5321 §4.1.1.4, §6.1", None),
            K::BdatChunkOk { .. } => t("reply-bdat-chunk-ok", "RFC 3030 §2", None),
            K::BdatQueued { .. } => t("reply-bdat-queued", "RFC 3030 §2", None),
            K::SendHeloFirst => t("reply-send-helo-first", "RFC 5321 §4.1.4", Some("reply-send-helo-first-fix")),
            K::NestedMail => t("reply-nested-mail", "RFC 5321 §4.1.4", Some("reply-nested-mail-fix")),
            K::NeedMail => t("reply-need-mail", "RFC 5321 §3.3", Some("reply-need-mail-fix")),
            K::NeedRcpt => t("reply-need-rcpt", "RFC 5321 §3.3", Some("reply-need-rcpt-fix")),
            K::NoValidRecipients { .. } => t("reply-no-valid-recipients", "RFC 5321 §3.3", Some("reply-no-valid-recipients-fix")),
            K::RcptAfterBdat => t("reply-rcpt-after-bdat", "RFC 3030 §3", Some("reply-rcpt-after-bdat-fix")),
            K::DataAfterBdat => t("reply-data-after-bdat", "RFC 3030 §3", Some("reply-data-after-bdat-fix")),
            K::MailSyntax => t("reply-mail-syntax", "RFC 5321 §4.1.1.2", Some("reply-mail-syntax-fix")),
            K::RcptSyntax => t("reply-rcpt-syntax", "RFC 5321 §4.1.1.3", Some("reply-rcpt-syntax-fix")),
            K::BadSender => t("reply-bad-sender", "RFC 5321 §4.1.2", Some("reply-bad-sender-fix")),
            K::BadRecipient => t("reply-bad-recipient", "RFC 5321 §4.1.2", Some("reply-bad-recipient-fix")),
            K::NoArguments { .. } => t("reply-no-arguments", "RFC 5321 §4.3.2", Some("reply-no-arguments-fix")),
            K::BadSizeSyntax => t("reply-bad-size-syntax", "RFC 1870 §6", Some("reply-bad-size-syntax-fix")),
            K::SizeOverflow => t("reply-size-overflow", "RFC 1870 §6.1", Some("reply-size-overflow-fix")),
            K::SizeExceeded => t("reply-size-exceeded", "RFC 1870 §6.1", Some("reply-size-exceeded-fix")),
            K::MessageTooBig => t("reply-message-too-big", "RFC 1870 §6.2", Some("reply-message-too-big-fix")),
            K::BadRet => t("reply-bad-ret", "RFC 3461 §4.3", Some("reply-bad-ret-fix")),
            K::BadEnvid => t("reply-bad-envid", "RFC 3461 §4.4", Some("reply-bad-envid-fix")),
            K::BadNotify => t("reply-bad-notify", "RFC 3461 §4.1", Some("reply-bad-notify-fix")),
            K::BadOrcpt => t("reply-bad-orcpt", "RFC 3461 §4.2", Some("reply-bad-orcpt-fix")),
            K::UnsupportedOption { .. } => t("reply-unsupported-option", "RFC 5321 §4.1.1.11", Some("reply-unsupported-option-fix")),
            K::TooManyRecipients => t("reply-too-many-recipients", "RFC 5321 §4.5.3.1.10", Some("reply-too-many-recipients-fix")),
            K::UserUnknown { .. } => t("reply-user-unknown", "RFC 5321 §4.2.3, RFC 3463 §3.2", Some("reply-user-unknown-fix")),
            K::RelayDenied { .. } => t("reply-relay-denied", "RFC 5321 §3.6.2, §7.1", Some("reply-relay-denied-fix")),
            K::VrfySyntax => t("reply-vrfy-syntax", "RFC 5321 §3.5.1", Some("reply-vrfy-syntax-fix")),
            K::CannotVerify { .. } => t("reply-cannot-verify", "RFC 5321 §3.5.3", None),
            K::VrfyDisabled => t("reply-vrfy-disabled", "RFC 5321 §3.5.3", None),
            K::EtrnSyntax => t("reply-etrn-syntax", "RFC 1985 §3", Some("reply-etrn-syntax-fix")),
            K::EtrnInTransaction => t("reply-etrn-in-transaction", "RFC 1985 §4", Some("reply-etrn-in-transaction-fix")),
            K::EtrnUnavailable { .. } => t("reply-etrn-unavailable", "RFC 1985 §4", None),
            K::Unrecognized { .. } => t("reply-unrecognized", "RFC 5321 §4.2.4", Some("reply-unrecognized-fix")),
            K::BadSyntax => t("reply-bad-syntax", "RFC 5321 §4.1.1", Some("reply-bad-syntax-fix")),
            K::BadUtf8 => t("reply-bad-utf8", "RFC 6531 §3.3, Postfix smtputf8_enable", Some("reply-bad-utf8-fix")),
            K::BreakRules { line: NotSmtp::Header } => t("reply-break-rules-header", "RFC 5321 §4.1.1.4; Postfix smtpd_forbidden_commands", Some("reply-break-rules-header-fix")),
            K::BreakRules { line: NotSmtp::Http } => t("reply-break-rules-http", "Postfix smtpd_forbidden_commands", Some("reply-break-rules-http-fix")),
            K::BreakRules { line: NotSmtp::NoLetter } => t("reply-break-rules-no-letter", "RFC 5321 §4.1.1; Postfix smtpd_forbidden_commands", Some("reply-break-rules-no-letter-fix")),
            K::TooManyErrors => t("reply-too-many-errors", "RFC 5321 §4.2.2", Some("reply-too-many-errors-fix")),
            K::Timeout { .. } => t("reply-timeout", "RFC 5321 §4.5.3.2.7", Some("reply-timeout-fix")),
            K::ReadyForTls => t("reply-ready-for-tls", "RFC 3207 §4", None),
            K::TlsActive => t("reply-tls-active", "RFC 3207 §4", Some("reply-tls-active-fix")),
            K::NotImplemented => t("reply-not-implemented", "RFC 5321 §4.2.4", None),
            K::AuthNotEnabled => t("reply-auth-not-enabled", "RFC 4954 §4, RFC 3207 §4.2", Some("reply-auth-not-enabled-fix")),
            K::AuthInTransaction => t("reply-auth-in-transaction", "RFC 4954 §4", Some("reply-auth-in-transaction-fix")),
            K::AlreadyAuthenticated => t("reply-already-authenticated", "RFC 4954 §4", Some("reply-already-authenticated-fix")),
            K::AuthSyntax => t("reply-auth-syntax", "RFC 4954 §4", Some("reply-auth-syntax-fix")),
            K::AuthChallenge { .. } => t("reply-auth-challenge", "RFC 4954 §4", None),
            K::AuthOk => t("reply-auth-ok", "RFC 4954 §6", None),
            K::AuthFailed { reason } => t(reason.message(), "RFC 4954 §6", Some("reply-auth-failed-fix")),
            K::AuthAborted => t("reply-auth-aborted", "RFC 4954 §4", None),
            K::SaslResponseTooLong => t("reply-sasl-response-too-long", "Postfix smtpd_sasl_response_limit", Some("reply-sasl-response-too-long-fix")),
            K::BdatSyntax => t("reply-bdat-syntax", "RFC 3030 §2", Some("reply-bdat-syntax-fix")),
            K::ChunkingNotOffered => t("reply-chunking-not-offered", "RFC 3030 §2, RFC 5321 §4.2.4", Some("reply-chunking-not-offered-fix")),
            K::ChunkTooBig => t("reply-chunk-too-big", "RFC 3030 §2, RFC 1870", Some("reply-chunk-too-big-fix")),
            K::Injected { .. } => t("reply-injected", "smtplab", Some("reply-injected-fix")),
            K::Greylisted { .. } => t("reply-greylisted", "RFC 5321 §4.5.4.1, RFC 6647", Some("reply-greylisted-fix")),
            K::MustStartTls => t("reply-must-start-tls", "RFC 3207 §4, RFC 8314 §3", Some("reply-must-start-tls-fix")),
            K::AuthRequired { .. } => t("reply-auth-required", "RFC 6409 §4.3, RFC 4954 §6", Some("reply-auth-required-fix")),
            K::BasicAuthDisabled => t("reply-basic-auth-disabled", "RFC 4954 §6", Some("reply-basic-auth-disabled-fix")),
            K::NotAdvertised { .. } => t("reply-not-advertised", "RFC 5321 §2.2.2, RFC 6531 §3.4", Some("reply-not-advertised-fix")),
            K::TooManyNonmail => t("reply-too-many-nonmail", "Exim smtp_accept_max_nonmail; RFC 5321 §4.2.2", Some("reply-too-many-nonmail-fix")),
            K::AddressError { .. } => t("reply-address-error", "RFC 5321 §4.1.2", Some("reply-address-error-fix")),
            K::LineTooLong { .. } => t("reply-line-too-long", "RFC 5322 §2.1.1, RFC 5321 §4.5.3.1.6", Some("reply-line-too-long-fix")),
            K::UnknownMechanism { .. } => t(AuthFailure::NoMechanism.message(), "RFC 4954 §4", Some("reply-unknown-mechanism-fix")),
            K::Help => t("reply-help", "RFC 5321 §4.1.1.8", None),
            K::ExpnRefused => t("reply-expn-refused", "RFC 5321 §3.5.2, §7.3", None),
            K::NulInCommand => t("reply-nul-in-command", "RFC 5321 §4.1.1", Some("reply-nul-in-command-fix")),
            K::ConnectionLost { .. } => t("reply-connection-lost", "RFC 5321 §4.1.1.10, §3.8", Some("reply-connection-lost-fix")),
            K::TooManySyntaxErrors { .. } => t("reply-too-many-syntax-errors", "RFC 5321 §4.2.2", Some("reply-too-many-syntax-errors-fix")),
            K::TooManyConnections { .. } => t("reply-too-many-connections", "RFC 5321 §3.1, §4.2.2", Some("reply-too-many-connections-fix")),
            K::InitialDataNotExpected => t("reply-initial-data-not-expected", "RFC 2195 §2, RFC 4954 §4", Some("reply-initial-data-not-expected-fix")),
            K::TooManyBadRecipients => t("reply-too-many-bad-recipients", "RFC 5321 §4.1.1.3, §7.8", Some("reply-too-many-bad-recipients-fix")),
            K::SyncError => t("reply-sync-error", "RFC 2920 §3.1, RFC 5321 §4.1.1", Some("reply-sync-error-fix")),
            K::HeaderNotCrlf => t("reply-header-not-crlf", "RFC 3030 §3, RFC 5322 §2.1", Some("reply-header-not-crlf-fix")),
        }
    }
}

impl ReplyKind {
    /// A word on the rule, for the learner (a message id, said after [`Explanation::rfc`]):
    /// what the section is about here, or whose rule it is when no RFC's.
    fn rule_note(&self) -> Option<&'static str> {
        use ReplyKind as K;
        match self {
            K::TooManyErrors | K::TooManyConnections { .. } => Some("reply-rule-421-closes"),
            K::TooManySyntaxErrors { .. } => Some("reply-rule-closing-after-errors"),
            K::Greylisted { .. } => Some("reply-rule-retry"),
            K::Injected { .. } => Some("reply-rule-failure-rule"),
            K::BasicAuthDisabled => Some("reply-rule-basic-auth-retired"),
            _ => None,
        }
    }
}

impl AuthFailure {
    /// The message id of what went wrong (its text is in `locales/*/engine.ftl`).
    fn message(self) -> &'static str {
        match self {
            AuthFailure::Credentials => "auth-failure-credentials",
            AuthFailure::AnotherStep => "auth-failure-another-step",
            AuthFailure::BadProtocol => "auth-failure-bad-protocol",
            AuthFailure::BadBase64 => "auth-failure-bad-base64",
            AuthFailure::NoMechanism => "auth-failure-no-mechanism",
        }
    }
}

impl Reply {
    /// Builds a reply of this kind in the words of `profile`, spoken as `voice` (the
    /// server's name, the time, the client, the session's id). An enhanced code starts
    /// every line of the reply's own text (RFC 2034 §4); EHLO keywords follow it bare.
    pub fn new(kind: ReplyKind, profile: Profile, voice: &Voice) -> Reply {
        let Wording {
            code,
            enhanced,
            mut text,
            ..
        } = profile.word(&kind, voice);
        if let ReplyKind::Ehlo { extensions } = &kind {
            for keyword in extensions {
                text.push_line(None, keyword.as_bytes());
            }
        }
        Reply {
            code,
            enhanced,
            text,
            closes: profile.closes(&kind),
            kind,
            sequence: None,
            answers: None,
            facts: Vec::new(),
        }
    }

    /// The text of each line, after the code and separator.
    pub fn text(&self) -> &ReplyText {
        &self.text
    }

    /// Renders the reply as it goes on the wire: `250-` for all lines but the last, CRLF each.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let code = [
            b'0' + (self.code / 100 % 10) as u8,
            b'0' + (self.code / 10 % 10) as u8,
            b'0' + (self.code % 10) as u8,
        ];
        let mut lines = self.text.raw_lines().peekable();
        while let Some(line) = lines.next() {
            out.extend_from_slice(&code);
            out.push(if lines.peek().is_none() { b' ' } else { b'-' });
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out);
        out
    }

    /// The lines as text, code and all, without CRLF; invalid UTF-8 replaced.
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

    /// The message id of what the first digit means here; its `.label` attribute is a
    /// short name. A 2xx that hangs up on anything but QUIT accepted nothing (Postfix's
    /// `221 2.7.0 Error: I can break rules, too.`): it is not called a success.
    pub fn class_message(&self) -> &'static str {
        match self.class() {
            ReplyClass::Success if self.closes && self.kind != ReplyKind::Bye => "reply-class-hang-up",
            class => class.message(),
        }
    }

    pub fn explain(&self) -> Explanation {
        let entry = self.kind.teaching();
        Explanation {
            area: area_message(self.code),
            class: self.class_message(),
            closes: self.closes,
            facts: self.facts.clone(),
            enhanced: self.enhanced.map(EnhancedCode::meaning),
            summary: entry.summary,
            rfc: entry.rfc,
            rule_note: self.kind.rule_note(),
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
    /// The message id of what the first digit means; its `.label` attribute is a short
    /// name, so that colour is never the only signal.
    pub fn message(self) -> &'static str {
        match self {
            ReplyClass::Success => "reply-class-success",
            ReplyClass::Intermediate => "reply-class-intermediate",
            ReplyClass::TransientFailure => "reply-class-transient",
            ReplyClass::PermanentFailure => "reply-class-permanent",
        }
    }

    /// The first digit: `2` to `5`.
    pub fn digit(self) -> u8 {
        self as u8 + 2
    }
}

/// RFC 5321 §4.2.1: the second digit names the area (a message id).
fn area_message(code: u16) -> &'static str {
    match code / 10 % 10 {
        0 => "reply-area-syntax",
        1 => "reply-area-information",
        2 => "reply-area-connection",
        3 => "reply-area-intermediate",
        5 => "reply-area-mail-system",
        _ => "reply-area-unspecified",
    }
}

impl EnhancedCode {
    /// Writes this code, `5.5.1`, without going through `fmt` (the hot path).
    fn write_to(self, out: &mut Vec<u8>) {
        let mut buf = [0; 16];
        let mut at = 0;
        for (i, n) in [u16::from(self.0), self.1, self.2].into_iter().enumerate() {
            if i > 0 {
                buf[at] = b'.';
                at += 1;
            }
            at = put_number(&mut buf, at, n);
        }
        out.extend_from_slice(&buf[..at]);
    }

    /// RFC 3463's meaning of the class, the subject and the full code (message ids).
    pub fn meaning(self) -> EnhancedMeaning {
        let class = match self.0 {
            2 => "enhanced-class-success",
            4 => "enhanced-class-transient",
            _ => "enhanced-class-permanent",
        };
        let subject = match self.1 {
            0 => "enhanced-subject-other",
            1 => "enhanced-subject-addressing",
            2 => "enhanced-subject-mailbox",
            3 => "enhanced-subject-mail-system",
            4 => "enhanced-subject-network",
            5 => "enhanced-subject-protocol",
            6 => "enhanced-subject-content",
            _ => "enhanced-subject-security",
        };
        let detail = match (self.1, self.2) {
            (0, 0) => "enhanced-detail-other",
            (1, 0) => "enhanced-detail-other-address",
            (1, 1) => "enhanced-detail-bad-mailbox",
            (1, 3) => "enhanced-detail-bad-mailbox-syntax",
            (1, 5) => "enhanced-detail-address-valid",
            (1, 7) => "enhanced-detail-bad-sender-syntax",
            (3, 4) => "enhanced-detail-too-big",
            (4, 2) => "enhanced-detail-bad-connection",
            (5, 1) => "enhanced-detail-invalid-command",
            (5, 2) => "enhanced-detail-syntax-error",
            (5, 3) => "enhanced-detail-too-many-recipients",
            (5, 4) => "enhanced-detail-invalid-arguments",
            (7, 0) => "enhanced-detail-security-other",
            (7, 1) => "enhanced-detail-not-authorized",
            (7, 8) => "enhanced-detail-bad-credentials",
            _ => "enhanced-detail-see-rfc",
        };
        EnhancedMeaning {
            code: self,
            class,
            subject,
            detail,
        }
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// The reply-code reference of a server: its [`catalog`] with each distinct reply once,
/// and only what the server says ([`Profile::says`]). Kinds it words alike that mean the
/// same (the same explanation: DATA and BDAT without a valid recipient, a timeout in a
/// command or in a message) are one row; kinds worded alike that mean different things
/// stay apart.
pub fn reference(profile: Profile, voice: &Voice) -> Vec<Reply> {
    let mut rows: Vec<(Reply, Explanation)> = Vec::new();
    for reply in catalog(profile, voice)
        .into_iter()
        .filter(|r| profile.says(&r.kind))
    {
        let why = reply.explain();
        let same = |(row, row_why): &(Reply, Explanation)| {
            row.code == reply.code && row.text == reply.text && *row_why == why
        };
        if !rows.iter().any(same) {
            rows.push((reply, why));
        }
    }
    rows.into_iter().map(|(reply, _)| reply).collect()
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
        K::BreakRules {
            line: NotSmtp::Header,
        },
        K::BreakRules { line: NotSmtp::Http },
        K::BreakRules {
            line: NotSmtp::NoLetter,
        },
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
        K::HeaderNotCrlf,
        K::SyncError,
        K::TooManyBadRecipients,
        K::InitialDataNotExpected,
    ];
    kinds
        .into_iter()
        .map(|kind| Reply::new(kind, profile, voice))
        .collect()
}
