//! smtp.office365.com (Exchange Online) on port 587, as public transcripts show it
//! (`docs/profiles.md`; quotes in `../shared/reference/smtp-replies.md` §4.2 and
//! `next-wave.md` §1.2). Errors end with a trailer `[HOST ISO-time id]`; the greeting
//! carries the session id in brackets; EHLO never echoes the client's name.
//!
//! Password logins: Microsoft turned Basic authentication off for SMTP AUTH, and from
//! 1 March 2026 retires it for client submission. A session before that date hears
//! `535 5.7.139 … basic authentication is disabled.`, one after it `550 5.7.30 …`:
//! the profile's dated option, read from the simulated clock.

use std::borrow::Cow;

use super::{rfc_text, wording, Source, Voice, Wording};
use crate::delivery::{greeting_date, iso_date};
use crate::reply::{AuthFailure, EnhancedCode, ReplyKind};

/// AUTH after TLS: `AUTH LOGIN XOAUTH2`, no PLAIN (the 2025 log in next-wave.md §1.2).
pub const MECHANISMS: &[&str] = &["LOGIN", "XOAUTH2"];

/// 2026-03-01 00:00 UTC: Basic auth for client submission is rejected from then on.
pub const BASIC_AUTH_RETIRED_MS: u64 = 1_772_323_200_000;

const LOG_2025: &str = "a public CodeIgniter error log, 2025-11-23 (next-wave.md §1.2)";
const EXCHANGE_LIKE: &str = "low confidence: Exchange-like teaching code (smtp-replies.md §4.2)";

#[rustfmt::skip]
pub fn word(kind: &ReplyKind, voice: &Voice) -> Wording {
    use ReplyKind as K;
    let host = voice.host;
    // The trailer names the back-end server: `PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM` in
    // the transcripts; the lab keeps the greeting's first label and leaves out the region.
    let backend = host.split('.').next().unwrap_or(host).to_ascii_uppercase();
    let trailer = format!("[{backend}.PROD.OUTLOOK.COM {} {}]", iso_date(voice.now_ms), voice.session);
    let one = |code, enh, text: String, source| wording(code, enh, vec![text], source);
    // An error with Microsoft's trailer.
    let err = |code, enh, text: &str, source| wording(code, enh, vec![format!("{text} {trailer}")], source);
    let t = Source::Transcript;
    let rfc = |code, enh, why| err(code, enh, rfc_text(code), Source::Unsourced(why));
    let unrecognized = |command: &str, source| err(500, Some((5, 3, 3)), &format!("Unrecognized command '{command}'"), source);
    match kind {
        K::Greeting => one(220, None, format!("{host} Microsoft ESMTP MAIL Service ready at {} [{}]", greeting_date(voice.now_ms), voice.session), t("simonrob/email-oauth2-proxy #95, #372; the 2025 log")),
        K::Ehlo { .. } => one(250, None, format!("{host} Hello [{}]", voice.client), t(LOG_2025)),
        K::Helo => one(250, None, format!("{host} Hello [{}]", voice.client), Source::Unsourced("unsourced-m365-helo")),
        K::HeloSyntax { .. } => rfc(501, Some((5, 5, 4)), "unsourced-helo-syntax"),
        K::Ok => one(250, Some((2, 0, 0)), "OK".into(), Source::Unsourced("unsourced-noop")),
        K::Reset => one(250, Some((2, 0, 0)), "Resetting".into(), t("Microsoft's relay-test documentation (Exchange)")),
        K::Bye => one(221, Some((2, 0, 0)), "Service closing transmission channel".into(), t("Microsoft's \"Use Telnet to test SMTP communication\"")),
        K::MailOk => one(250, Some((2, 1, 0)), "Sender OK".into(), t(LOG_2025)),
        K::RcptOk => one(250, Some((2, 1, 5)), "Recipient OK".into(), t(LOG_2025)),
        K::StartData => one(354, None, "Start mail input; end with <CRLF>.<CRLF>".into(), t(LOG_2025)),
        K::Queued { queue_id, .. } | K::BdatQueued { queue_id, .. } => one(250, Some((2, 0, 0)), format!("OK <{queue_id}@{host}> [Hostname={}]", host.to_ascii_uppercase()),
            t("an Exchange protocol-log example (smtp-replies.md §4.2); the message id is the lab's")),
        K::BdatChunkOk { bytes } => one(250, Some((2, 0, 0)), format!("{bytes} bytes received"), Source::Unsourced("unsourced-bdat-chunk")),
        K::SendHeloFirst => err(503, Some((5, 5, 2)), "Send hello first", t(EXCHANGE_LIKE)),
        K::NestedMail => err(503, Some((5, 5, 2)), "Sender already specified", t(EXCHANGE_LIKE)),
        K::NeedMail => err(503, Some((5, 5, 2)), "Need mail command", t(EXCHANGE_LIKE)),
        K::NeedRcpt | K::NoValidRecipients { .. } => err(503, Some((5, 5, 2)), "Need rcpt command", t(EXCHANGE_LIKE)),
        K::RcptAfterBdat | K::DataAfterBdat => rfc(503, Some((5, 5, 1)), "unsourced-bdat-mixed"),
        K::MailSyntax | K::RcptSyntax | K::BadSender | K::BadRecipient | K::BadSizeSyntax | K::BadRet
        | K::BadEnvid | K::BadNotify | K::BadOrcpt | K::NoArguments { .. } | K::VrfySyntax | K::AuthSyntax | K::BdatSyntax =>
            rfc(501, Some((5, 5, 4)), "unsourced-syntax-error"),
        K::UnsupportedOption { .. } => rfc(555, Some((5, 5, 4)), "unsourced-unknown-parameter"),
        K::SizeOverflow | K::SizeExceeded | K::MessageTooBig | K::ChunkTooBig => rfc(552, Some((5, 3, 4)), "unsourced-size-limit"),
        K::TooManyRecipients => rfc(452, Some((4, 5, 3)), "unsourced-recipient-limit"),
        K::UserUnknown { .. } => err(550, Some((5, 1, 10)), "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            t("Microsoft's NDR documentation (not a transcript)")),
        K::RelayDenied { .. } => err(550, Some((5, 7, 64)), "TenantAttribution; Relay Access Denied", t("several public copies (smtp-replies.md §4.2)")),
        K::CannotVerify { .. } => one(252, Some((2, 1, 5)), "Cannot VRFY user".into(), Source::Unsourced("unsourced-m365-vrfy")),
        K::VrfyDisabled | K::NotImplemented | K::EtrnSyntax | K::EtrnInTransaction | K::EtrnUnavailable { .. } =>
            err(502, Some((5, 3, 3)), "Command not implemented", t(EXCHANGE_LIKE)),
        K::Unrecognized { command } => unrecognized(command, t("simonrob/email-oauth2-proxy #234")),
        K::BreakRules { .. } => unrecognized("", Source::Unsourced("unsourced-m365-header")),
        K::BadSyntax | K::BadUtf8 => unrecognized("", Source::Unsourced("unsourced-m365-bad-line")),
        K::TooManyErrors => rfc(421, Some((4, 7, 0)), "unsourced-m365-error-limit"),
        K::Timeout { .. } => one(451, Some((4, 7, 0)), "Timeout waiting for client input".into(), t("a public transcript (smtp-replies.md §4.2)")),
        K::ReadyForTls => one(220, Some((2, 0, 0)), "SMTP server ready".into(), t("datawookie/emayili #147; tarickb/sasl-xoauth2 #97")),
        K::ChunkingNotOffered => rfc(502, Some((5, 3, 3)), "unsourced-m365-chunking"),
        K::TlsActive => rfc(503, Some((5, 5, 1)), "unsourced-second-starttls"),
        // AUTH is offered only after TLS: before it, the mechanism is unknown.
        K::AuthNotEnabled | K::AuthFailed { reason: AuthFailure::NoMechanism } => err(504, Some((5, 7, 4)), "Unrecognized authentication type", t("nodemailer #189; deanproxy/eMail #44")),
        K::AuthInTransaction | K::AlreadyAuthenticated => rfc(503, Some((5, 5, 1)), "unsourced-auth-sequence"),
        K::AuthChallenge { challenge } => one(334, None, challenge.clone(), t("nodemailer #1484")),
        K::AuthOk => one(235, Some((2, 7, 0)), "Authentication successful".into(), t("a git-send-email debug log, 2025-04-26 (next-wave.md §1.2)")),
        K::AuthFailed { reason: AuthFailure::Credentials } => err(535, Some((5, 7, 139)), "Authentication unsuccessful, the user credentials were incorrect.", t("codassassin/email-bomber-v2.0 #1")),
        K::AuthFailed { reason: AuthFailure::AnotherStep | AuthFailure::BadProtocol | AuthFailure::BadBase64 } => rfc(501, Some((5, 5, 2)), "unsourced-auth-undecodable"),
        K::AuthAborted => rfc(501, Some((5, 7, 0)), "unsourced-auth-cancelled"),
        K::SaslResponseTooLong => rfc(500, Some((5, 5, 6)), "unsourced-sasl-too-long"),
        K::BasicAuthDisabled if voice.now_ms >= BASIC_AUTH_RETIRED_MS => one(550, Some((5, 7, 30)), "Basic authentication is not supported for Client Submission.".into(),
            t("Microsoft Exchange Team blog, \"Exchange Online to retire Basic auth for Client Submission (SMTP AUTH)\"")),
        K::BasicAuthDisabled => err(535, Some((5, 7, 139)), "Authentication unsuccessful, basic authentication is disabled.", t("nodemailer #1714; twikoojs/twikoo #812")),
        K::Injected { code, enhanced, text } => wording(*code, enhanced.map(|EnhancedCode(a, b, c)| (a, b, c)), [text], Source::Unsourced("unsourced-failure-rule")),
        K::Greylisted { .. } => rfc(450, Some((4, 2, 0)), "unsourced-m365-greylisting"),
        K::TooManyConnections { .. } => rfc(421, Some((4, 7, 0)), "unsourced-m365-connection-limit"),
        K::MustStartTls => rfc(530, Some((5, 7, 0)), "unsourced-m365-tls"),
        K::AuthRequired { .. } => err(530, Some((5, 7, 57)), "Client not authenticated to send mail.", t("tarickb/sasl-xoauth2 #96; simonrob/email-oauth2-proxy #315")),
        // Said only by profiles that do these things (Exim): never by Microsoft 365.
        K::Help | K::LineTooLong { .. } | K::HeaderNotCrlf | K::SyncError | K::TooManyBadRecipients | K::InitialDataNotExpected | K::TooManyNonmail | K::AddressError { .. } | K::ExpnRefused | K::NulInCommand | K::ConnectionLost { .. } | K::NotAdvertised { .. } =>
            super::not_said(word, voice, "unsourced-m365-not-done"),
        K::TooManySyntaxErrors { last } => super::never_said(word(last, voice)), // Exim's
        // The same reply as any mechanism it does not offer.
        K::UnknownMechanism { .. } => word(&K::AuthFailed { reason: AuthFailure::NoMechanism }, voice),
    }
}

/// Microsoft hangs up after QUIT, its timeout and a 421.
pub fn closes(kind: &ReplyKind) -> bool {
    matches!(
        kind,
        ReplyKind::Bye
            | ReplyKind::Timeout { .. }
            | ReplyKind::TooManyErrors
            | ReplyKind::TooManyConnections { .. }
    )
}

/// The EHLO keywords before and after TLS (the 2025 log): after TLS, `AUTH LOGIN
/// XOAUTH2` takes STARTTLS's place.
pub fn ehlo_keywords(starttls: bool, auth: bool, message_size: u64) -> Vec<Cow<'static, str>> {
    let mut ext: Vec<Cow<'static, str>> = vec![format!("SIZE {message_size}").into()];
    ext.extend(["PIPELINING", "DSN", "ENHANCEDSTATUSCODES"].map(Cow::from));
    if starttls {
        ext.push("STARTTLS".into());
    }
    if auth {
        ext.push(format!("AUTH {}", MECHANISMS.join(" ")).into());
    }
    ext.extend(["8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8"].map(Cow::from));
    ext
}
