//! Postfix 3.7.11 as Debian 12 ships it, in the lab's configuration: every text
//! recorded from the real daemon (`crates/engine/tests/golden`), or from Postfix with
//! Debian's postgrey (`tests/fixtures/postgrey-1.37.txt`).

use std::borrow::Cow;

use super::{wording, wording_fmt, Source, Voice, Wording};
use crate::reply::{AuthFailure, EnhancedCode, ReplyKind};
use crate::world::{Policy, Profile};

#[rustfmt::skip]
pub fn word(kind: &ReplyKind, voice: &Voice) -> Wording {
    use ReplyKind as K;
    let host = voice.host;
    let w = |code, enh, text: &str| wording(code, enh, [text], Source::Recorded);
    let f = |code, enh, text: std::fmt::Arguments| wording_fmt(code, enh, text, Source::Recorded);
    match kind {
        K::Greeting => f(220, None, format_args!("{host} ESMTP Postfix")),
        K::Helo => w(250, None, host),
        K::Ehlo { .. } => w(250, None, host),
        K::HeloSyntax { ehlo: true } => w(501, None, "Syntax: EHLO hostname"),
        K::HeloSyntax { ehlo: false } => w(501, None, "Syntax: HELO hostname"),
        K::Ok | K::Reset => w(250, Some((2, 0, 0)), "Ok"),
        K::Bye => w(221, Some((2, 0, 0)), "Bye"),
        K::MailOk => w(250, Some((2, 1, 0)), "Ok"),
        K::RcptOk => w(250, Some((2, 1, 5)), "Ok"),
        K::StartData => w(354, None, "End data with <CR><LF>.<CR><LF>"),
        K::Queued { queue_id, .. } => f(250, Some((2, 0, 0)), format_args!("Ok: queued as {queue_id}")),
        K::BdatChunkOk { bytes } => f(250, Some((2, 0, 0)), format_args!("Ok: {bytes} bytes")),
        K::BdatQueued { bytes, queue_id, .. } => f(250, Some((2, 0, 0)), format_args!("Ok: {bytes} bytes queued as {queue_id}")),
        K::SendHeloFirst => w(503, Some((5, 5, 1)), "Error: send HELO/EHLO first"),
        K::NestedMail => w(503, Some((5, 5, 1)), "Error: nested MAIL command"),
        K::NeedMail => w(503, Some((5, 5, 1)), "Error: need MAIL command"),
        K::NeedRcpt => w(503, Some((5, 5, 1)), "Error: need RCPT command"),
        K::NoValidRecipients { .. } => w(554, Some((5, 5, 1)), "Error: no valid recipients"),
        K::RcptAfterBdat => w(503, Some((5, 5, 1)), "Error: RCPT after BDAT"),
        K::DataAfterBdat => w(503, Some((5, 5, 1)), "Error: DATA after BDAT"),
        K::MailSyntax => w(501, Some((5, 5, 4)), "Syntax: MAIL FROM:<address>"),
        K::RcptSyntax => w(501, Some((5, 5, 4)), "Syntax: RCPT TO:<address>"),
        K::BadSender => w(501, Some((5, 1, 7)), "Bad sender address syntax"),
        K::BadRecipient => w(501, Some((5, 1, 3)), "Bad recipient address syntax"),
        K::NoArguments { verb } => f(501, Some((5, 5, 4)), format_args!("Syntax: {}", verb.name())),
        K::BadSizeSyntax => w(501, Some((5, 5, 4)), "Bad message size syntax"),
        K::SizeOverflow => w(552, Some((5, 3, 4)), "Message size exceeds file system imposed limit"),
        K::SizeExceeded => w(552, Some((5, 3, 4)), "Message size exceeds fixed limit"),
        K::MessageTooBig => w(552, Some((5, 3, 4)), "Error: message file too big"),
        K::BadRet => w(501, Some((5, 5, 4)), "Bad RET parameter syntax"),
        K::BadEnvid => w(501, Some((5, 5, 4)), "Bad ENVID parameter syntax"),
        K::BadNotify => w(501, Some((5, 5, 4)), "Error: Bad NOTIFY parameter syntax"),
        K::BadOrcpt => w(501, Some((5, 5, 4)), "Error: Bad ORCPT parameter syntax"),
        K::UnsupportedOption { option } => f(555, Some((5, 5, 4)), format_args!("Unsupported option: {option}")),
        K::TooManyRecipients => w(452, Some((4, 5, 3)), "Error: too many recipients"),
        K::UserUnknown { address } => f(550, Some((5, 1, 1)), format_args!("<{address}>: Recipient address rejected: User unknown in local recipient table")),
        K::RelayDenied { address } => f(454, Some((4, 7, 1)), format_args!("<{address}>: Relay access denied")),
        K::VrfySyntax => w(501, Some((5, 5, 4)), "Syntax: VRFY address [SMTPUTF8]"),
        K::CannotVerify { argument } => w(252, Some((2, 0, 0)), argument),
        K::VrfyDisabled => w(502, Some((5, 5, 1)), "VRFY command is disabled"),
        K::EtrnSyntax => w(500, None, "Syntax: ETRN domain"),
        K::EtrnInTransaction => w(503, None, "Error: MAIL transaction in progress"),
        K::EtrnUnavailable { domain } => f(459, None, format_args!("<{domain}>: service unavailable")),
        K::Unrecognized { .. } => w(500, Some((5, 5, 2)), "Error: command not recognized"),
        K::BadSyntax => w(500, Some((5, 5, 2)), "Error: bad syntax"),
        K::BadUtf8 => w(500, Some((5, 5, 2)), "Error: bad UTF-8 syntax"),
        K::BreakRules { .. } => w(221, Some((2, 7, 0)), "Error: I can break rules, too. Goodbye."),
        K::TooManyErrors => f(421, Some((4, 7, 0)), format_args!("{host} Error: too many errors")),
        K::Timeout { .. } => f(421, Some((4, 4, 2)), format_args!("{host} Error: timeout exceeded")),
        K::ReadyForTls => w(220, Some((2, 0, 0)), "Ready to start TLS"),
        K::TlsActive => w(554, Some((5, 5, 1)), "Error: TLS already active"),
        K::NotImplemented => w(502, Some((5, 5, 1)), "Error: command not implemented"),
        K::AuthNotEnabled => w(503, Some((5, 5, 1)), "Error: authentication not enabled"),
        K::AuthInTransaction => w(503, Some((5, 5, 1)), "Error: MAIL transaction in progress"),
        K::AlreadyAuthenticated => w(503, Some((5, 5, 1)), "Error: already authenticated"),
        K::AuthSyntax => w(501, Some((5, 5, 4)), "Syntax: AUTH mechanism"),
        K::AuthChallenge { challenge } => w(334, None, challenge),
        K::AuthOk => w(235, Some((2, 7, 0)), "Authentication successful"),
        K::AuthFailed { reason } => f(535, Some((5, 7, 8)), format_args!("Error: authentication failed: {}", auth_failure(*reason))),
        K::AuthAborted => w(501, Some((5, 7, 0)), "Authentication aborted"),
        K::SaslResponseTooLong => w(500, Some((5, 5, 6)), "SASL response limit exceeded"),
        K::BdatSyntax => w(521, Some((5, 5, 4)), "Syntax: BDAT count [LAST]"),
        K::ChunkTooBig => w(552, Some((5, 3, 4)), "Chunk exceeds message size limit"),
        // Recorded from a listener with smtpd_discard_ehlo_keywords=chunking: before the
        // arguments are read, and the connection closes.
        K::ChunkingNotOffered => w(521, Some((5, 5, 1)), "Error: command not implemented"),
        K::Injected { code, enhanced, text } => w(*code, enhanced.map(|EnhancedCode(a, b, c)| (a, b, c)), text),
        // Recorded from Postfix 3.7.11 with Debian 12's postgrey 1.37 as check_policy_service.
        K::Greylisted { address, domain } => f(450, Some((4, 2, 0)), format_args!("<{address}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{domain}.html")),
        K::TooManyConnections { address } => f(421, Some((4, 7, 0)), format_args!("{host} Error: too many connections from {address}")),
        // Recorded from a listener with smtpd_tls_security_level=encrypt.
        K::MustStartTls => w(530, Some((5, 7, 0)), "Must issue a STARTTLS command first"),
        // Recorded with smtpd_sender_restrictions=permit_sasl_authenticated,reject and
        // smtpd_delay_reject=no (the restriction is then checked at MAIL).
        K::AuthRequired { sender } => f(554, Some((5, 7, 1)), format_args!("<{sender}>: Sender address rejected: Access denied")),
        K::BasicAuthDisabled => super::never_said(wording_fmt(535, Some((5, 7, 8)), format_args!("Error: authentication failed: {}", auth_failure(AuthFailure::Credentials)),
            Source::Unsourced("unsourced-postfix-login"))),
        // Said only by profiles that do these things (Exim): never by Postfix 3.7.
        K::Help | K::LineTooLong { .. } | K::HeaderNotCrlf | K::SyncError | K::TooManyBadRecipients | K::InitialDataNotExpected | K::TooManyNonmail | K::AddressError { .. } | K::ExpnRefused | K::NulInCommand | K::ConnectionLost { .. } | K::NotAdvertised { .. } =>
            super::not_said(word, voice, "unsourced-postfix-not-done"),
        K::TooManySyntaxErrors { last } => super::never_said(word(last, voice)), // Exim's
        // The same reply as any mechanism it does not offer.
        K::UnknownMechanism { .. } => word(&K::AuthFailed { reason: AuthFailure::NoMechanism }, voice),
    }
}

/// Cyrus SASL's words for why a login failed, as Postfix passes them on.
fn auth_failure(reason: AuthFailure) -> &'static str {
    match reason {
        AuthFailure::Credentials => "authentication failure",
        AuthFailure::AnotherStep => "another step is needed in authentication",
        AuthFailure::BadProtocol | AuthFailure::BadBase64 => "bad protocol / cancel",
        AuthFailure::NoMechanism => "no mechanism available",
    }
}

/// RFC 5321 §3.8: 421 closes; Postfix also hangs up after 221 and its 521.
pub fn closes(kind: &ReplyKind) -> bool {
    matches!(
        kind,
        ReplyKind::Bye
            | ReplyKind::BreakRules { .. }
            | ReplyKind::TooManyErrors
            | ReplyKind::Timeout { .. }
            | ReplyKind::BdatSyntax
            | ReplyKind::ChunkingNotOffered
            | ReplyKind::TooManyConnections { .. }
    )
}

/// Postfix's EHLO keywords, in its order.
pub fn ehlo_keywords(
    policy: &Policy,
    starttls: bool,
    auth: bool,
    message_size: u64,
) -> Vec<Cow<'static, str>> {
    let mut ext: Vec<Cow<'static, str>> = Vec::with_capacity(11);
    ext.extend(["PIPELINING".into(), format!("SIZE {message_size}").into()]);
    if policy.vrfy_enabled {
        ext.push("VRFY".into());
    }
    ext.push("ETRN".into());
    if starttls {
        ext.push("STARTTLS".into());
    }
    if auth {
        ext.push(format!("AUTH {}", Profile::Postfix.mechanisms().join(" ")).into());
    }
    ext.extend(["ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"].map(Cow::from));
    ext
}
