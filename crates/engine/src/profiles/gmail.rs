//! smtp.gmail.com on port 587, as public transcripts show it (`docs/profiles.md` lists
//! each text's source; `../shared/reference/smtp-replies.md` §4.1 and `next-wave.md` §1.1
//! hold the quotes). Google ends almost every reply with the session's id and
//! ` - gsmtp`, repeats the enhanced code on every line of a multi-line reply, and puts
//! two spaces before a help URL.

use std::borrow::Cow;

use super::{rfc_text, wording, Source, Voice, Wording};
use crate::reply::{AuthFailure, EnhancedCode, ReplyKind};

/// AUTH after TLS, in Gmail's order (a public transcript, 2026; WWBN/AVideo #3212).
pub const MECHANISMS: &[&str] = &[
    "LOGIN",
    "PLAIN",
    "XOAUTH2",
    "PLAIN-CLIENTTOKEN",
    "OAUTHBEARER",
    "XOAUTH",
];

const LIST: &str = "Google's published SMTP error reference";
const SESSION_587: &str = "SuiteCRM/SuiteCRM #4146; WWBN/AVideo #3212; ThomasMertes/seed7 #108";

#[rustfmt::skip]
pub fn word(kind: &ReplyKind, voice: &Voice) -> Wording {
    use ReplyKind as K;
    let id = voice.session;
    // One line ending in the session id: `text. <id> - gsmtp` (the period is the text's).
    let tagged = |code, enh, text: &str, source| wording(code, enh, vec![format!("{text} {id} - gsmtp")], source);
    let t = Source::Transcript;
    // Google's multi-line form: the help URL after two spaces on the last line.
    let help = |code, enh, text: &str, topic: &str, source| wording(code, enh, vec![
        text.to_string(),
        format!(" https://support.google.com/mail/?p={topic} {id} - gsmtp"),
    ], source);
    // No transcript: RFC 5321's text for the code, in Gmail's style.
    let rfc = |code, enh, why| tagged(code, enh, &format!("{}.", rfc_text(code)), Source::Unsourced(why));
    let unimplemented = |why| tagged(502, Some((5, 5, 1)), "Unimplemented command.", Source::Unsourced(why));
    let syntax = |why| tagged(555, Some((5, 5, 2)), "Syntax error.", Source::Unsourced(why));
    let too_big = |why| tagged(552, Some((5, 2, 3)), "Your message exceeded Google's message size limits.", Source::Unsourced(why));
    let host = voice.host;
    match kind {
        K::Greeting => tagged(220, None, &format!("{host} ESMTP"), t(SESSION_587)),
        K::Helo => wording(250, None, vec![format!("{host} at your service")], t("a public transcript of mx.google.com (smtp-replies.md §4.1)")),
        K::Ehlo { .. } => wording(250, None, vec![format!("{host} at your service, [{}]", voice.client)], t(SESSION_587)),
        K::HeloSyntax { .. } => help(501, Some((5, 5, 4)), "Empty HELO/EHLO argument not allowed, closing connection.", "helo", t("halojoy/PHP-SMTP-Mailer #6")),
        K::Ok => tagged(250, Some((2, 0, 0)), "OK", t("a public transcript (smtp-replies.md §4.1, NOOP)")),
        K::Reset => tagged(250, Some((2, 1, 5)), "Flushed", t("a public transcript; jstedfast/MailKit #866")),
        K::Bye => tagged(221, Some((2, 0, 0)), "closing connection", t("a public transcript (smtp-replies.md §4.1, QUIT)")),
        K::MailOk => tagged(250, Some((2, 1, 0)), "OK", t("curl/curl #5748")),
        K::RcptOk => tagged(250, Some((2, 1, 5)), "OK", t("The-Login/SMTP-Smuggling-Tools #11")),
        K::StartData => tagged(354, None, "Go ahead", t("The-Login/SMTP-Smuggling-Tools #11")),
        K::Queued { .. } => tagged(250, Some((2, 0, 0)), &format!("OK  {}", voice.now_ms / 1000), t("a public transcript; a tcpdump in a public transcript")),
        K::BdatQueued { .. } => tagged(250, Some((2, 0, 0)), "OK", t("kisli/vmime #110")),
        K::BdatChunkOk { .. } => tagged(250, Some((2, 0, 0)), "OK", Source::Unsourced("unsourced-gmail-bdat-chunk")),
        K::SendHeloFirst => tagged(503, Some((5, 5, 1)), "EHLO/HELO first.", t(LIST)),
        K::NeedMail => tagged(503, Some((5, 5, 1)), "MAIL first.", t(LIST)),
        K::NeedRcpt | K::NoValidRecipients { .. } => tagged(503, Some((5, 5, 1)), "RCPT first.", t("a public transcript (DATA after a failed RCPT)")),
        K::NestedMail => rfc(503, Some((5, 5, 1)), "unsourced-second-mail"),
        K::RcptAfterBdat | K::DataAfterBdat => rfc(503, Some((5, 5, 1)), "unsourced-bdat-mixed"),
        K::MailSyntax | K::RcptSyntax | K::BadSender | K::BadRecipient => tagged(555, Some((5, 5, 2)), "Syntax error.", t("jstedfast/MailKit #866; go-gitea/gitea #35794")),
        K::BadSizeSyntax | K::BadRet | K::BadEnvid | K::BadNotify | K::BadOrcpt => syntax("unsourced-gmail-bad-parameter"),
        K::UnsupportedOption { .. } => rfc(555, Some((5, 5, 4)), "unsourced-gmail-unknown-parameter"),
        K::NoArguments { .. } => rfc(501, Some((5, 5, 4)), "unsourced-arguments"),
        K::SizeExceeded => tagged(552, Some((5, 2, 3)), "Your message exceeded Google's message size limits.", t(LIST)),
        K::SizeOverflow | K::MessageTooBig | K::ChunkTooBig => too_big("unsourced-gmail-size"),
        K::TooManyRecipients => rfc(452, Some((4, 5, 3)), "unsourced-recipient-limit"),
        K::UserUnknown { .. } => help(550, Some((5, 1, 1)), "The email account that you tried to reach does not exist. Please try", "NoSuchUser", t("MISP/MISP #6481 (mx.google.com; the middle lines are joined here)")).with_middle(&[
            "double-checking the recipient's email address for typos or",
            "unnecessary spaces. Learn more at",
        ]),
        K::RelayDenied { .. } => rfc(550, Some((5, 7, 1)), "unsourced-gmail-relay"),
        K::VrfySyntax => rfc(501, Some((5, 5, 4)), "unsourced-vrfy-syntax"),
        K::CannotVerify { .. } => wording(252, None, ["Send some mail, I'll try my best"], t("Go net/smtp smtp_test.go (a model of mx.google.com)")),
        K::VrfyDisabled => unimplemented("unsourced-gmail-unimplemented"),
        K::EtrnSyntax | K::EtrnInTransaction | K::EtrnUnavailable { .. } => unimplemented("unsourced-gmail-etrn"),
        K::Unrecognized { .. } | K::BreakRules { .. } => tagged(502, Some((5, 5, 1)), "Unrecognized command.", t("chenjj/espoofer #10")),
        K::BadSyntax | K::BadUtf8 => tagged(502, Some((5, 5, 1)), "Unrecognized command.", Source::Unsourced("unsourced-gmail-bad-line")),
        K::TooManyErrors => tagged(502, Some((5, 5, 1)), "Too many unrecognized commands, goodbye.", t(LIST)),
        K::Timeout { .. } => tagged(451, Some((4, 4, 2)), "Timeout - closing connection.", t(LIST)),
        K::ReadyForTls => wording(220, Some((2, 0, 0)), ["Ready to start TLS"], t("WWBN/AVideo #3212")),
        K::TlsActive => tagged(454, Some((5, 5, 1)), "STARTTLS may not be repeated.", t(LIST)),
        K::NotImplemented => unimplemented("unsourced-gmail-unimplemented"),
        K::AuthNotEnabled => tagged(530, Some((5, 7, 0)), "Must issue a STARTTLS command first.", t("deanproxy/eMail #53 (AUTH before STARTTLS)")),
        K::AuthInTransaction => rfc(503, Some((5, 5, 1)), "unsourced-auth-in-transaction"),
        K::AlreadyAuthenticated => tagged(503, Some((5, 7, 0)), "No identity changes permitted.", t(LIST)),
        K::AuthSyntax => syntax("unsourced-auth-syntax"),
        K::AuthChallenge { challenge } => wording(334, None, [challenge], t("a public transcript; kisli/vmime #110")),
        K::AuthOk => wording(235, Some((2, 7, 0)), ["Accepted"], t("kisli/vmime #110; datawookie/emayili #71")),
        K::AuthFailed { reason: AuthFailure::Credentials | AuthFailure::BadProtocol } | K::BasicAuthDisabled =>
            help(535, Some((5, 7, 8)), "Username and Password not accepted. Learn more at", "BadCredentials", t("accimeesterlin/nodemailer-examples #3; swiftmailer #1083")),
        K::AuthFailed { reason: AuthFailure::AnotherStep | AuthFailure::BadBase64 } => tagged(501, Some((5, 5, 2)), "Cannot Decode response.", t(LIST)),
        K::AuthFailed { reason: AuthFailure::NoMechanism } => tagged(504, Some((5, 7, 4)), "Unrecognized Authentication Type.", t(LIST)),
        K::AuthAborted => rfc(501, Some((5, 7, 0)), "unsourced-auth-cancelled"),
        K::SaslResponseTooLong => rfc(500, Some((5, 5, 6)), "unsourced-sasl-too-long"),
        K::BdatSyntax => rfc(501, Some((5, 5, 4)), "unsourced-bdat-syntax"),
        K::ChunkingNotOffered => unimplemented("unsourced-gmail-chunking"),
        K::Injected { code, enhanced, text } => wording(*code, enhanced.map(|EnhancedCode(a, b, c)| (a, b, c)), [text], Source::Unsourced("unsourced-failure-rule")),
        K::Greylisted { .. } => rfc(450, Some((4, 2, 0)), "unsourced-gmail-greylisting"),
        K::TooManyConnections { .. } => tagged(421, Some((4, 7, 0)), "Try again later, closing connection.", t(LIST)),
        K::MustStartTls => tagged(530, Some((5, 7, 0)), "Must issue a STARTTLS command first.", t("deanproxy/eMail #53; virtualzone/tubewarder #29; passbolt/passbolt_docker #25")),
        K::AuthRequired { .. } => help(530, Some((5, 7, 0)), "Authentication Required. Learn more at", "WantAuthError", t("dawidd6/action-send-mail #186")),
        // Said only by profiles that do these things (Exim): never by Gmail.
        K::Help | K::LineTooLong { .. } | K::HeaderNotCrlf | K::SyncError | K::TooManyBadRecipients | K::InitialDataNotExpected | K::TooManyNonmail | K::AddressError { .. } | K::ExpnRefused | K::NulInCommand | K::ConnectionLost { .. } | K::NotAdvertised { .. } =>
            super::not_said(word, voice, "unsourced-gmail-not-done"),
        K::TooManySyntaxErrors { last } => super::never_said(word(last, voice)), // Exim's
        // The same reply as any mechanism it does not offer.
        K::UnknownMechanism { .. } => word(&K::AuthFailed { reason: AuthFailure::NoMechanism }, voice),
    }
}

/// Gmail hangs up after an empty EHLO ("closing connection"), its error limit, its
/// timeout, a 421 and QUIT.
pub fn closes(kind: &ReplyKind) -> bool {
    matches!(
        kind,
        ReplyKind::Bye
            | ReplyKind::HeloSyntax { .. }
            | ReplyKind::TooManyErrors
            | ReplyKind::Timeout { .. }
            | ReplyKind::TooManyConnections { .. }
    )
}

/// Gmail's EHLO keywords before and after TLS (SuiteCRM #4146; a public transcript, 2026).
pub fn ehlo_keywords(starttls: bool, auth: bool, message_size: u64) -> Vec<Cow<'static, str>> {
    let mut ext: Vec<Cow<'static, str>> = vec![format!("SIZE {message_size}").into(), "8BITMIME".into()];
    if starttls {
        ext.push("STARTTLS".into());
    }
    if auth {
        ext.push(format!("AUTH {}", MECHANISMS.join(" ")).into());
    }
    ext.extend(["ENHANCEDSTATUSCODES", "PIPELINING", "CHUNKING", "SMTPUTF8"].map(Cow::from));
    ext
}
