//! Exim 4.96 as Debian 12's `exim4-daemon-light` ships it, in the lab's configuration
//! (`xtask/exim-lab/`): every text recorded from the real daemon
//! (`crates/engine/tests/golden/exim/`, analysed in `xtask/exim-lab/ANALYSIS.md`), unless
//! its source says otherwise. Exim sends no enhanced status codes.

mod address;

use std::borrow::Cow;

use super::{rfc_text, wording, wording_fmt, Source, Voice, Wording};
use crate::command::{Body, MailParams};
use crate::delivery::padded_greeting_date;
use crate::reply::{AuthFailure, EnhancedCode, ReplyKind};
use crate::table::Verb;

#[rustfmt::skip]
pub fn word(kind: &ReplyKind, voice: &Voice) -> Wording {
    use ReplyKind as K;
    let host = voice.host;
    let r = |code, text: &str| wording(code, None, [text], Source::Recorded);
    let f = |code, text: std::fmt::Arguments| wording_fmt(code, None, text, Source::Recorded);
    let rfc = |code, why| wording(code, None, [rfc_text(code)], Source::Unsourced(why));
    match kind {
        // smtp_banner with `\n` (cPanel's notice): a multi-line 220 (smtp_in.c sends each
        // line with `220-`). The notice is the world's configuration, not Exim's text.
        K::Greeting => wording(220, None, std::iter::once(format!("{host} ESMTP Exim 4.96 {}", padded_greeting_date(voice.now_ms)))
            .chain(voice.notice.iter().cloned()), Source::Recorded),
        K::Helo | K::Ehlo { .. } => f(250, format_args!("{host} Hello {} [{}]", voice.helo, voice.client)),
        K::HeloSyntax { ehlo: true } => r(501, "Syntactically invalid EHLO argument(s)"),
        K::HeloSyntax { ehlo: false } => r(501, "Syntactically invalid HELO argument(s)"),
        K::Ok | K::MailOk => r(250, "OK"),
        K::Reset => r(250, "Reset OK"),
        K::Bye => f(221, format_args!("{host} closing connection")),
        K::RcptOk => r(250, "Accepted"),
        K::StartData => r(354, "Enter message, ending with \".\" on a line by itself"),
        K::Queued { queue_id, .. } => f(250, format_args!("OK id={}", message_id(queue_id, voice.now_ms))),
        K::BdatChunkOk { bytes } => f(250, format_args!("{bytes} byte chunk received")),
        K::BdatQueued { bytes, queue_id, chunk } => wording(250, None, vec![
            format!(" {chunk} byte chunk, total {bytes}"),
            format!("OK id={}", message_id(queue_id, voice.now_ms)),
        ], Source::Recorded),
        K::SendHeloFirst => r(503, "HELO or EHLO required"),
        K::NestedMail => r(503, "sender already given"),
        K::NeedMail => r(503, "sender not yet given"),
        K::NeedRcpt => f(503, format_args!("valid RCPT command must precede {}", voice.verb.map_or("DATA", |v| v.name()))),
        // smtp_in.c: the last refusal first when there was one; "Valid" when PIPELINING was
        // offered and RCPT came just before, else the protocol error's "valid".
        K::NoValidRecipients { last, pipelined } => {
            let verb = voice.verb.map_or("DATA", |v| v.name());
            let then = format!("{} RCPT command must precede {verb}", if *pipelined { "Valid" } else { "valid" });
            let refused = last.iter().flat_map(|l| [&b"All RCPT commands were rejected with this error:"[..], l.as_bytes()]);
            wording(503, None, refused.chain([then.as_bytes()]), Source::Recorded)
        }
        K::RcptAfterBdat => r(503, "only RSET accepted now"),
        K::DataAfterBdat => r(503, "only BDAT permissible after non-LAST BDAT"),
        // Exim's verbs are `MAIL FROM:` and `RCPT TO:`: without the colon it knows no command.
        K::MailSyntax | K::RcptSyntax | K::Unrecognized { .. } | K::BadSyntax | K::BadUtf8 | K::BreakRules { .. } => r(500, "unrecognized command"),
        K::BadSender | K::BadRecipient => wording(501, None, ["missing or malformed local part"],
            Source::Unsourced("unsourced-exim-address-problem")),
        K::NoArguments { .. } => r(501, "unexpected argument data"),
        K::BadSizeSyntax | K::BadRet | K::BadEnvid | K::BadNotify | K::BadOrcpt | K::UnsupportedOption { .. } =>
            rfc(501, "unsourced-exim-malformed"),
        K::SizeOverflow | K::SizeExceeded | K::MessageTooBig | K::ChunkTooBig => wording(552, None, ["Message size exceeds maximum permitted"],
            Source::Unsourced("unsourced-exim-size")),
        K::TooManyRecipients => wording(452, None, ["too many recipients"], Source::Unsourced("unsourced-exim-recipients")),
        K::UserUnknown { .. } => r(550, "Unrouteable address"),
        K::RelayDenied { .. } => r(550, "relay not permitted"),
        K::VrfySyntax => r(501, "empty address"),
        K::CannotVerify { .. } | K::VrfyDisabled => r(252, "Administrative prohibition"),
        K::EtrnSyntax | K::EtrnUnavailable { .. } => r(458, "Administrative prohibition"),
        K::EtrnInTransaction => r(503, "ETRN is not permitted inside a transaction"),
        K::TooManyErrors => r(500, "Too many unrecognized commands"),
        K::Timeout { in_message: false } => f(421, format_args!("{host}: SMTP command timeout - closing connection")),
        K::Timeout { in_message: true } => f(421, format_args!("{host} SMTP incoming data timeout - closing connection.")),
        K::ReadyForTls => r(220, "TLS go ahead"),
        K::TlsActive | K::NotImplemented => r(503, "STARTTLS command used when not advertised"),
        K::AuthNotEnabled => r(503, "AUTH command used when not advertised"),
        K::AuthInTransaction => r(503, "not permitted in mail transaction"),
        K::AlreadyAuthenticated => r(503, "already authenticated"),
        K::AuthSyntax => r(504, " authentication mechanism not supported"),
        K::AuthChallenge { challenge } => r(334, challenge),
        K::AuthOk => r(235, "Authentication succeeded"),
        K::AuthFailed { reason: AuthFailure::Credentials | AuthFailure::BadProtocol } | K::BasicAuthDisabled => r(535, "Incorrect authentication data"),
        K::AuthFailed { reason: AuthFailure::AnotherStep | AuthFailure::BadBase64 } => r(501, "Invalid base64 data"),
        K::AuthFailed { reason: AuthFailure::NoMechanism } => wording(504, None, ["authentication mechanism not supported"],
            Source::Unsourced("unsourced-exim-auth-mechanism")),
        K::AuthAborted => r(501, "Authentication cancelled"),
        K::InitialDataNotExpected => r(553, "Initial data not expected"),
        K::SaslResponseTooLong => wording(501, None, ["Invalid base64 data"],
            Source::Unsourced("unsourced-exim-sasl-too-long")),
        K::BdatSyntax => r(501, "missing size for BDAT command"),
        // With `chunking_advertise_hosts =` empty; a protocol error, and the chunk's octets
        // are then read as commands.
        K::ChunkingNotOffered => wording(503, None, ["BDAT command used when CHUNKING not advertised"],
            Source::Transcript("Phil Pennock on oss-security, 2017-11-24 (Exim's CVE-2017-16943 mitigation); smtp_in.c")),
        K::Injected { code, enhanced, text } => wording(*code, enhanced.map(|EnhancedCode(a, b, c)| (a, b, c)), [text], Source::Unsourced("unsourced-failure-rule")),
        K::Greylisted { .. } => rfc(450, "unsourced-exim-greylisting"),
        K::TooManyConnections { .. } => rfc(421, "unsourced-exim-not-recorded"),
        K::MustStartTls => rfc(530, "unsourced-exim-not-recorded"),
        K::AuthRequired { .. } => rfc(550, "unsourced-exim-not-recorded"),
        K::NotAdvertised { extension } => f(501, format_args!("{extension} used when not advertised")),
        K::TooManyNonmail => r(554, "Too many nonmail commands"),
        K::AddressError { text } => wording(501, None, [text], Source::Recorded),
        // Debian's acl_check_data (exim4-config).
        K::LineTooLong { got } => f(550, format_args!("maximum allowed line length is 998 octets, got {got}")),
        K::HeaderNotCrlf => r(552, "Message header not CRLF terminated"),
        K::SyncError => r(554, "SMTP synchronization error"),
        // Debian's acl_check_rcpt (exim4-config).
        K::TooManyBadRecipients => r(550, "Rejected for too many bad recipients"),
        K::UnknownMechanism { name } => f(504, format_args!("{name} authentication mechanism not supported")),
        K::Help => wording(214, None, ["Commands supported:", "AUTH STARTTLS HELO EHLO MAIL RCPT DATA BDAT NOOP QUIT RSET HELP"], Source::Recorded),
        K::ExpnRefused => r(550, "Administrative prohibition"),
        K::NulInCommand => r(501, "NUL characters are not allowed in SMTP commands"),
        K::ConnectionLost { in_message: false } => f(421, format_args!("{host} lost input connection")),
        K::ConnectionLost { in_message: true } => r(421, "Lost incoming connection"),
        K::TooManySyntaxErrors { last } => word(last, voice).with_line("Too many syntax or protocol errors"),
    }
}

/// Exim 4.96's message id, `1xXjjA-00044m-1L`: base 62 of the time, the process and the
/// fraction of a second; the lab's process part comes from the queue id.
fn message_id(queue_id: &str, now_ms: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let base62 = |mut n: u64, width: usize| {
        let mut out = vec![b'0'; width];
        for slot in out.iter_mut().rev() {
            *slot = DIGITS[(n % 62) as usize];
            n /= 62;
        }
        String::from_utf8(out).unwrap_or_default()
    };
    let pid = u64::from_str_radix(queue_id, 16).unwrap_or(0) % 4_000_000;
    format!(
        "{}-{}-{}",
        base62(now_ms / 1000, 6),
        base62(pid, 6),
        base62(now_ms % 1000, 2)
    )
}

/// Exim closes after QUIT, its limits and its timeout.
pub fn closes(kind: &ReplyKind) -> bool {
    matches!(
        kind,
        ReplyKind::Bye
            | ReplyKind::TooManyErrors
            | ReplyKind::TooManySyntaxErrors { .. }
            | ReplyKind::Timeout { .. }
            | ReplyKind::TooManyConnections { .. }
            | ReplyKind::ConnectionLost { .. }
            | ReplyKind::TooManyNonmail
            | ReplyKind::SyncError
    )
}

/// Exim's EHLO keywords, before and after TLS, in its order (recorded). PIPECONNECT is
/// offered only with PIPELINING (smtp_in.c).
pub fn ehlo_keywords(
    pipelining: bool,
    starttls: bool,
    auth: bool,
    message_size: u64,
) -> Vec<Cow<'static, str>> {
    let mut ext: Vec<Cow<'static, str>> = vec![format!("SIZE {message_size}").into(), "8BITMIME".into()];
    if pipelining {
        ext.extend(["PIPELINING", "PIPECONNECT"].map(Cow::from));
    }
    if auth {
        ext.push("AUTH PLAIN LOGIN CRAM-MD5".into());
    }
    ext.push("CHUNKING".into());
    if starttls {
        ext.push("STARTTLS".into());
    }
    ext.extend(["PRDR", "HELP"].map(Cow::from));
    ext
}

/// smtp_in.c's commands that must be the last of a group, and so are refused with input
/// behind them: HELO, EHLO, DATA, VRFY, EXPN, NOOP, ETRN, STARTTLS and unknown commands
/// (`None`); MAIL, RCPT and RSET too when PIPELINING was not offered.
pub fn synchronizes(verb: Option<Verb>, pipelining: bool) -> bool {
    match verb {
        None => true,
        Some(
            Verb::Helo
            | Verb::Ehlo
            | Verb::Data
            | Verb::Vrfy
            | Verb::Expn
            | Verb::Noop
            | Verb::Etrn
            | Verb::StartTls,
        ) => true,
        Some(Verb::Mail | Verb::Rcpt | Verb::Rset) => !pipelining,
        Some(_) => false,
    }
}

/// smtp_read_command: a command word counts only when a space or the end of the line
/// (white space trimmed) follows it; `MAIL FROM:` and `RCPT TO:` end in their colon.
pub fn verb_stands_alone(line: &str) -> bool {
    let line = line.trim_end_matches(|c: char| c.is_ascii_whitespace());
    let starts = |prefix: &str| {
        line.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    match Verb::parse(line.split(' ').next().unwrap_or("")) {
        // Exim has no MAIL or RCPT: its commands are `MAIL FROM:` and `RCPT TO:`.
        Some(Verb::Mail | Verb::Rcpt) => starts("MAIL FROM:") || starts("RCPT TO:"),
        Some(_) => true,
        None => false,
    }
}

/// What Exim makes of a `MAIL FROM:` or `RCPT TO:` line (smtp_in.c), `None` for other
/// lines: the address as extracted, with MAIL's options, or the refusal. After EHLO,
/// MAIL's options are taken from the end of the line one by one until one Exim does not
/// know; what is left must be the address alone. DSN and SMTPUTF8 are not offered: RET
/// and ENVID are ignored, and RCPT has no options at all.
pub fn read_envelope(line: &str, esmtp: bool) -> Option<Result<(String, MailParams), ReplyKind>> {
    let starts = |prefix: &str| {
        line.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    let (verb, prefix, recipient) = match () {
        _ if starts("MAIL FROM:") => ("MAIL", "MAIL FROM:".len(), false),
        _ if starts("RCPT TO:") => ("RCPT", "RCPT TO:".len(), true),
        _ => return None,
    };
    let argument = line[prefix..].trim();
    if argument.is_empty() {
        let text = format!("{verb} must have an address operand");
        return Some(Err(ReplyKind::AddressError { text: text.into() }));
    }
    let mut params = MailParams::default();
    let mut rest = argument;
    while let Some((head, name, value)) = extract_option(rest).filter(|_| esmtp && !recipient) {
        match mail_option(name, value, &mut params) {
            Ok(true) => rest = head.trim_end(),
            Ok(false) => break,
            Err(kind) => return Some(Err(kind)),
        }
    }
    Some(match address_error(rest, recipient) {
        Err(error) => Err(ReplyKind::AddressError {
            text: format!("{rest}: {error}").into(),
        }),
        Ok(address) => Ok((address, params)),
    })
}

/// smtp_in.c's `extract_option`: the last word of `data` as `NAME=value` (or a bare
/// `NAME`, which is its own value), and what comes before it; `None` when the last word
/// is all there is, or its name is not letters after a space.
fn extract_option(data: &str) -> Option<(&str, &str, &str)> {
    let b = data.as_bytes();
    let mut v = b.len().checked_sub(1)?;
    while v > 0 && b[v] != b'=' && !b[v].is_ascii_whitespace() {
        if b[v] == b'"' {
            // A quoted local part may hold a space: go back to its opening quote.
            v -= 1;
            while v > 1 && b[v] != b'"' {
                v -= 1;
            }
        }
        v = v.saturating_sub(1);
    }
    if b[v] == b'=' {
        let n = v - b[..v]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if n == 0 || !b[n - 1].is_ascii_whitespace() {
            return None;
        }
        return Some((&data[..n - 1], &data[n..v], &data[v + 1..]));
    }
    if v == 0 {
        return None;
    }
    Some((&data[..v], &data[v + 1..], &data[v + 1..]))
}

/// One MAIL option as smtp_in.c takes it: `Ok(true)` taken, `Ok(false)` not one Exim
/// knows (it stays for the address parser to refuse), or the refusal.
fn mail_option(name: &str, value: &str, params: &mut MailParams) -> Result<bool, ReplyKind> {
    let name = name.to_ascii_uppercase();
    let needs_value = matches!(name.as_str(), "SIZE" | "BODY" | "AUTH" | "RET" | "ENVID");
    if needs_value && value.is_empty() {
        return Ok(false);
    }
    let refuse = |text: &str| Err(ReplyKind::AddressError { text: text.into() });
    match name.as_str() {
        "SIZE" if value.bytes().all(|b| b.is_ascii_digit()) => {
            let max = i32::MAX as u64;
            params.size = Some(value.parse::<u64>().map_or(max, |n| n.min(max)));
        }
        "SIZE" => return Ok(false),
        "BODY" if value.eq_ignore_ascii_case("8BITMIME") => params.body = Some(Body::EightBitMime),
        "BODY" if value.eq_ignore_ascii_case("7BIT") => params.body = Some(Body::SevenBit),
        "BODY" => return refuse("invalid data for BODY"),
        "AUTH" if value != "<>" && !xtext_decodes(value) => return refuse("invalid data for AUTH"),
        // Not authenticated (and no MAIL AUTH ACL): the value is ignored.
        "AUTH" | "RET" | "ENVID" | "PRDR" => {}
        "SMTPUTF8" => {
            return Err(ReplyKind::NotAdvertised {
                extension: "SMTPUTF8".into(),
            })
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// auth_xtextdecode: a `+` must be followed by two hex digits.
fn xtext_decodes(value: &str) -> bool {
    let b = value.as_bytes();
    b.iter().enumerate().filter(|(_, &c)| c == b'+').all(|(i, _)| {
        b.get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// Exim's `check_helo`: a host name of letters, digits, `-`, `.` and `_`, or an address
/// literal in brackets; anything else (several words, bytes that are not ASCII) is refused.
pub fn helo_ok(name: &str) -> bool {
    let literal = name.starts_with('[') && name.ends_with(']');
    !name.is_empty()
        && (literal
            || name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')))
}

/// Exim's checks of a MAIL, RCPT or VRFY address (`address::extract`, then smtp_in.c's
/// qualification): what is wrong with it (the reply is `501 ARGUMENT: ERROR`), or the
/// address Exim extracted.
pub fn address_error(argument: &str, recipient: bool) -> Result<String, String> {
    let extracted = address::extract(argument, !recipient)?;
    let unqualified = !extracted.has_domain && !extracted.address.is_empty();
    // RFC 5321 §4.5.1: the reserved mailbox needs no domain.
    if unqualified && !(recipient && extracted.address.eq_ignore_ascii_case("postmaster")) {
        let whose = if recipient { "recipient" } else { "sender" };
        return Err(format!("{whose} address must contain a domain"));
    }
    Ok(extracted.address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_off_the_end_one_by_one() {
        assert_eq!(extract_option("<a@b> SIZE=5"), Some(("<a@b>", "SIZE", "5")));
        assert_eq!(
            extract_option("<a@b> SMTPUTF8"),
            Some(("<a@b>", "SMTPUTF8", "SMTPUTF8"))
        );
        assert_eq!(extract_option("<\"x y\"@b>"), None);
        assert_eq!(extract_option("<a@b> X-1=5"), None);
        assert_eq!(extract_option("<a@b>"), None);
    }

    #[test]
    fn any_mail_line_gets_an_answer_without_panic() {
        let alphabet = [
            "MAIL FROM:",
            "RCPT TO:",
            "<",
            ">",
            "\"",
            " ",
            "=",
            "SIZE",
            "BODY",
            "a@b",
            "é",
            "+",
            "\t",
        ];
        let mut state = 11u64;
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..(state >> 60) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            state = state.wrapping_add(1);
            let _ = (
                read_envelope(&line, true),
                read_envelope(&line, false),
                verb_stands_alone(&line),
            );
        }
    }
}
