//! The command parser: one line in, a typed [`Command`] (or a typed error) out.
//!
//! It is stateless. Postfix's tokenizer rules apply (`smtpd_token.c`): words split on
//! spaces; quotes and angle brackets group; a colon ends a word, so `MAIL FROM:<a>`,
//! `MAIL FROM: <a>` and `MAIL FROM:a` are the same command. Verbs are case-insensitive.
//! Each syntax error carries the reply kind Postfix gives for it, and the verb, because
//! Postfix checks the session state before the syntax (RFC 5321 §4.1.4).

use serde::{Deserialize, Serialize};

use crate::reply::ReplyKind;
use crate::table::Verb;

/// A well-formed command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Command {
    Helo(String),
    Ehlo(String),
    Mail(ReversePath, MailParams),
    Rcpt(Address, RcptParams),
    Data,
    Bdat {
        size: u64,
        last: bool,
    },
    Rset,
    Noop,
    Quit,
    /// The argument as typed, and the address it names.
    Vrfy {
        argument: String,
        address: String,
    },
    Etrn(String),
    StartTls,
    Auth {
        mechanism: String,
        initial: Option<String>,
    },
    /// A verb this profile knows of but does not implement (EXPN, HELP in Postfix 3.7;
    /// BDAT where CHUNKING is not offered).
    Unimplemented(Verb),
}

/// What a line turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Command(Command),
    /// A known verb with bad arguments; the kind is the reply.
    Invalid(Verb, ReplyKind),
    /// An empty line.
    Empty,
    /// Not an SMTP verb.
    Unknown,
    /// A line Postfix refuses to read as SMTP (`smtpd_forbidden_commands`), and what it
    /// looked like.
    Forbidden(NotSmtp),
}

/// What a line that is no SMTP command looked like to Postfix (smtpd.c checks its first
/// word with `is_header()`, then against `smtpd_forbidden_commands`, whose default is
/// `CONNECT GET POST regexp:{{/^[^A-Z]/ Bogus}}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum NotSmtp {
    /// `Subject:`, `From:`: a header line, which belongs inside the message.
    Header,
    /// `GET`, `POST`, `CONNECT`: a web browser or proxy speaking HTTP.
    Http,
    /// A first word that does not start with a letter (`1abc`, an emoji): every SMTP
    /// command does (RFC 5321 §4.1.1).
    NoLetter,
}

/// `MAIL FROM`'s address: `None` is the null sender `<>`.
pub type ReversePath = Option<Address>;

/// A mailbox as the client wrote it, with its parts for lookups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// The address without angle brackets or source route, as typed.
    pub text: String,
    /// The local part without quotes.
    pub local: String,
    /// The domain, if the address has one.
    pub domain: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailParams {
    pub size: Option<u64>,
    pub body: Option<Body>,
    pub smtputf8: bool,
    pub ret: Option<Ret>,
    pub envid: Option<String>,
    pub auth: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    SevenBit,
    EightBitMime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ret {
    Full,
    Headers,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RcptParams {
    /// `NOTIFY=`: empty for NEVER.
    pub notify: Option<Vec<Notify>>,
    pub orcpt: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notify {
    Success,
    Failure,
    Delay,
}

/// The extensions a server offers that change how a line parses. A server that does not
/// offer CHUNKING reads no BDAT arguments (Postfix and Exim refuse the verb first); one
/// that does not offer SMTPUTF8 takes the word as an unknown parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offered {
    pub chunking: bool,
    pub smtputf8: bool,
}

impl Offered {
    pub const ALL: Offered = Offered {
        chunking: true,
        smtputf8: true,
    };
}

/// Parses one command line (without its line ending), every extension offered.
pub fn parse(line: &str) -> Parsed {
    parse_offered(line, Offered::ALL)
}

/// Parses one command line for a server that offers `offered`.
pub fn parse_offered(line: &str, offered: Offered) -> Parsed {
    let words = tokenize(line);
    let Some(first) = words.first() else {
        return Parsed::Empty;
    };
    let Some(verb) = Verb::parse(first) else {
        return match not_smtp(first) {
            Some(why) => Parsed::Forbidden(why),
            None => Parsed::Unknown,
        };
    };
    let args = &words[1..];
    match parse_args(verb, args, offered) {
        Ok(command) => Parsed::Command(command),
        Err(kind) => Parsed::Invalid(verb, kind),
    }
}

fn parse_args(verb: Verb, args: &[&str], offered: Offered) -> Result<Command, ReplyKind> {
    let no_args = |command: Command| {
        if args.is_empty() {
            Ok(command)
        } else {
            Err(ReplyKind::NoArguments { verb })
        }
    };
    match verb {
        Verb::Helo | Verb::Ehlo => parse_helo(verb, args),
        Verb::Mail => parse_mail(args, offered),
        Verb::Rcpt => parse_rcpt(args),
        Verb::Data => no_args(Command::Data),
        Verb::Bdat if !offered.chunking => Ok(Command::Unimplemented(verb)),
        Verb::Bdat => parse_bdat(args),
        Verb::Rset => no_args(Command::Rset),
        Verb::StartTls => no_args(Command::StartTls),
        Verb::Noop => Ok(Command::Noop),
        Verb::Quit => Ok(Command::Quit),
        Verb::Vrfy => parse_vrfy(args, offered),
        Verb::Etrn => parse_etrn(args),
        Verb::Auth => parse_auth(args),
        Verb::Expn | Verb::Help => Ok(Command::Unimplemented(verb)),
    }
}

fn parse_helo(verb: Verb, args: &[&str]) -> Result<Command, ReplyKind> {
    if args.is_empty() {
        return Err(ReplyKind::HeloSyntax {
            ehlo: verb == Verb::Ehlo,
        });
    }
    let name = args.join(" ");
    Ok(if verb == Verb::Ehlo {
        Command::Ehlo(name)
    } else {
        Command::Helo(name)
    })
}

/// RFC 5321 §4.1.1.2; parameters from RFC 1870, 6152, 6531, 3461, 4954.
fn parse_mail(args: &[&str], offered: Offered) -> Result<Command, ReplyKind> {
    if args.len() < 2 || !args[0].eq_ignore_ascii_case("FROM:") {
        return Err(ReplyKind::MailSyntax);
    }
    let path = parse_path(args[1]).ok_or(ReplyKind::BadSender)?;
    let mut params = MailParams::default();
    for arg in &args[2..] {
        mail_param(arg, &mut params, offered)?;
    }
    Ok(Command::Mail(path, params))
}

fn mail_param(arg: &str, params: &mut MailParams, offered: Offered) -> Result<(), ReplyKind> {
    let (key, value) = split_param(arg);
    let unsupported = || ReplyKind::UnsupportedOption {
        option: arg.to_string(),
    };
    match (key.to_ascii_uppercase().as_str(), value) {
        ("SIZE", Some(v)) => params.size = Some(parse_size(v)?),
        ("BODY", Some(v)) if v.eq_ignore_ascii_case("7BIT") => params.body = Some(Body::SevenBit),
        ("BODY", Some(v)) if v.eq_ignore_ascii_case("8BITMIME") => params.body = Some(Body::EightBitMime),
        ("SMTPUTF8", None) if offered.smtputf8 => params.smtputf8 = true,
        ("RET", Some(v)) => {
            let ret = match v.to_ascii_uppercase().as_str() {
                "FULL" => Ret::Full,
                "HDRS" => Ret::Headers,
                _ => return Err(ReplyKind::BadRet),
            };
            if params.ret.replace(ret).is_some() {
                return Err(ReplyKind::BadRet);
            }
        }
        ("ENVID", Some(v)) => {
            if !is_xtext(v) || params.envid.replace(v.to_string()).is_some() {
                return Err(ReplyKind::BadEnvid);
            }
        }
        ("AUTH", Some(v)) => params.auth = Some(v.to_string()),
        _ => return Err(unsupported()),
    }
    Ok(())
}

fn parse_size(value: &str) -> Result<u64, ReplyKind> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ReplyKind::BadSizeSyntax);
    }
    match value.parse::<u64>() {
        Ok(n) if n <= i64::MAX as u64 => Ok(n),
        _ => Err(ReplyKind::SizeOverflow),
    }
}

/// RFC 5321 §4.1.1.3; NOTIFY and ORCPT from RFC 3461.
fn parse_rcpt(args: &[&str]) -> Result<Command, ReplyKind> {
    if args.len() < 2 || !args[0].eq_ignore_ascii_case("TO:") {
        return Err(ReplyKind::RcptSyntax);
    }
    let address = parse_path(args[1]).flatten().ok_or(ReplyKind::BadRecipient)?;
    let mut params = RcptParams::default();
    for arg in &args[2..] {
        rcpt_param(arg, &mut params)?;
    }
    Ok(Command::Rcpt(address, params))
}

fn rcpt_param(arg: &str, params: &mut RcptParams) -> Result<(), ReplyKind> {
    let (key, value) = split_param(arg);
    match (key.to_ascii_uppercase().as_str(), value) {
        ("NOTIFY", Some(v)) => {
            let notify = parse_notify(v).ok_or(ReplyKind::BadNotify)?;
            if params.notify.replace(notify).is_some() {
                return Err(ReplyKind::BadNotify);
            }
        }
        ("ORCPT", Some(v)) => {
            let valid = v
                .split_once(';')
                .is_some_and(|(kind, addr)| is_xtext(kind) && is_xtext(addr));
            if !valid || params.orcpt.replace(v.to_string()).is_some() {
                return Err(ReplyKind::BadOrcpt);
            }
        }
        _ => {
            return Err(ReplyKind::UnsupportedOption {
                option: arg.to_string(),
            })
        }
    }
    Ok(())
}

fn parse_notify(value: &str) -> Option<Vec<Notify>> {
    if value.eq_ignore_ascii_case("NEVER") {
        return Some(Vec::new());
    }
    value
        .split(',')
        .map(|word| match word.to_ascii_uppercase().as_str() {
            "SUCCESS" => Some(Notify::Success),
            "FAILURE" => Some(Notify::Failure),
            "DELAY" => Some(Notify::Delay),
            _ => None,
        })
        .collect()
}

/// RFC 3030 §2: `BDAT size [LAST]`.
fn parse_bdat(args: &[&str]) -> Result<Command, ReplyKind> {
    let size = args
        .first()
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    let size = size
        .and_then(|s| s.parse::<u64>().ok())
        .ok_or(ReplyKind::BdatSyntax)?;
    match &args[1..] {
        [] => Ok(Command::Bdat { size, last: false }),
        [last] if last.eq_ignore_ascii_case("LAST") => Ok(Command::Bdat { size, last: true }),
        _ => Err(ReplyKind::BdatSyntax),
    }
}

/// RFC 5321 §4.1.1.6. Postfix looks the argument up as a recipient.
fn parse_vrfy(args: &[&str], offered: Offered) -> Result<Command, ReplyKind> {
    let args = match args {
        [a, utf8] if offered.smtputf8 && utf8.eq_ignore_ascii_case("SMTPUTF8") => std::slice::from_ref(a),
        _ => args,
    };
    match args {
        [] => Err(ReplyKind::VrfySyntax),
        [argument] => {
            let address = strip_brackets(argument).unwrap_or(argument);
            if address.is_empty() {
                return Err(ReplyKind::BadRecipient);
            }
            Ok(Command::Vrfy {
                argument: argument.to_string(),
                address: address.to_string(),
            })
        }
        _ => Err(ReplyKind::BadRecipient),
    }
}

/// RFC 1985: `ETRN [@]domain`.
fn parse_etrn(args: &[&str]) -> Result<Command, ReplyKind> {
    let domain = args.first().ok_or(ReplyKind::EtrnSyntax)?;
    Ok(Command::Etrn(domain.trim_start_matches('@').to_string()))
}

/// RFC 4954 §4: `AUTH mechanism [initial-response]`.
fn parse_auth(args: &[&str]) -> Result<Command, ReplyKind> {
    match args {
        [mechanism] => Ok(Command::Auth {
            mechanism: mechanism.to_string(),
            initial: None,
        }),
        [mechanism, initial] => Ok(Command::Auth {
            mechanism: mechanism.to_string(),
            initial: Some(initial.to_string()),
        }),
        _ => Err(ReplyKind::AuthSyntax),
    }
}

/// Splits a line into words: spaces separate, except inside quotes and angle brackets;
/// a colon ends a word (Postfix `smtpd_token`). Words borrow from the line.
pub fn tokenize(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let (mut quoted, mut depth) = (false, 0usize);
    // Every delimiter is ASCII, and no octet of a UTF-8 sequence is: octets will do. (An
    // index loop: the size-optimised build calls an iterator's `next` for every octet.)
    let bytes = line.as_bytes();
    for i in 0..bytes.len() {
        let c = bytes[i];
        match c {
            b'"' => quoted = !quoted,
            b'<' if !quoted => depth += 1,
            b'>' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        let outside = !quoted && depth == 0;
        if c.is_ascii_whitespace() && outside {
            if let Some(s) = start.take() {
                words.push(&line[s..i]);
            }
            continue;
        }
        let s = *start.get_or_insert(i);
        if c == b':' && outside {
            words.push(&line[s..=i]);
            start = None;
        }
    }
    if let Some(s) = start {
        words.push(&line[s..]);
    }
    words
}

/// Parses a path token: `<addr>`, `addr`, `<>`, `<@route:addr>`. `Some(None)` is `<>`.
fn parse_path(token: &str) -> Option<ReversePath> {
    // Octets, not char patterns: the size-optimised build calls memcmp for those.
    let mut inner = token;
    if token.as_bytes().first() == Some(&b'<') {
        inner = strip_brackets(token)?;
        while let Some(deeper) = strip_brackets(inner) {
            inner = deeper;
        }
    }
    if inner.bytes().any(|b| b == b'<' || b == b'>') {
        return None;
    }
    if inner.as_bytes().first() == Some(&b'@') {
        inner = &inner[inner.find(':')? + 1..];
    }
    if inner.is_empty() {
        return Some(None);
    }
    parse_address(inner).map(Some)
}

fn strip_brackets(token: &str) -> Option<&str> {
    match token.as_bytes() {
        [b'<', .., b'>'] => Some(&token[1..token.len() - 1]),
        _ => None,
    }
}

/// A mailbox: `local@domain` or a bare `local`. The local part may be quoted.
pub fn parse_address(text: &str) -> Option<Address> {
    let (local_raw, domain) = split_at_domain(text)?;
    let local = if local_raw.as_bytes().first() == Some(&b'"') {
        local_raw[1..].strip_suffix('"')?.to_string()
    } else {
        let bad = |b: u8| b.is_ascii_whitespace() || b.is_ascii_control() || b"\"()[]\\,;:".contains(&b);
        if local_raw.is_empty() || local_raw.bytes().any(bad) || has_space(local_raw) {
            return None;
        }
        local_raw.to_string()
    };
    if let Some(domain) = domain {
        let literal = matches!(domain.as_bytes(), [b'[', .., b']']);
        if domain.is_empty()
            || has_space(domain)
            || (!literal && domain.bytes().any(|b| matches!(b, b'[' | b']' | b'"' | b'\\')))
        {
            return None;
        }
    }
    Some(Address {
        text: text.to_string(),
        local,
        domain: domain.map(str::to_string),
    })
}

/// `text.contains(char::is_whitespace)`, octet by octet when the text is ASCII.
fn has_space(text: &str) -> bool {
    match text.is_ascii() {
        true => text
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')),
        false => text.contains(char::is_whitespace),
    }
}

/// Splits at the last `@` outside quotes.
fn split_at_domain(text: &str) -> Option<(&str, Option<&str>)> {
    let at = match memchr::memchr(b'"', text.as_bytes()) {
        None => memchr::memrchr(b'@', text.as_bytes()), // the usual case: no quotes
        Some(_) => {
            let mut quoted = false;
            let mut at = None;
            for (i, b) in text.bytes().enumerate() {
                match b {
                    b'"' => quoted = !quoted,
                    b'@' if !quoted => at = Some(i),
                    _ => {}
                }
            }
            if quoted {
                return None;
            }
            at
        }
    };
    Some(match at {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    })
}

fn split_param(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((key, value)) => (key, Some(value)),
        None => (arg, None),
    }
}

/// RFC 3461 §4: printable ASCII except `+` and `=`, with `+XX` hex escapes.
fn is_xtext(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                let hex = |b: u8| b.is_ascii_digit() || (b'A'..=b'F').contains(&b);
                if !(bytes.get(i + 1).is_some_and(|&b| hex(b)) && bytes.get(i + 2).is_some_and(|&b| hex(b))) {
                    return false;
                }
                i += 3;
            }
            b'=' => return false,
            33..=126 => i += 1,
            _ => return false,
        }
    }
    !value.is_empty()
}

/// Why Postfix takes a line's first word for no SMTP at all, in the order it checks: a
/// word that looks like a header label (`Subject:`); then its default
/// `smtpd_forbidden_commands`, `CONNECT GET POST` and anything that does not start with a
/// letter.
fn not_smtp(word: &str) -> Option<NotSmtp> {
    let header_like = word.len() > 1
        && word.ends_with(':')
        && word[..word.len() - 1]
            .bytes()
            .all(|b| (33..=126).contains(&b) && b != b':');
    if header_like {
        return Some(NotSmtp::Header);
    }
    if ["CONNECT", "GET", "POST"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
    {
        return Some(NotSmtp::Http);
    }
    (!word.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(NotSmtp::NoLetter)
}
