//! SASL for AUTH (RFC 4954): PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195), with the
//! base64 and HMAC-MD5 they need. Failures carry the reasons Cyrus SASL gives Postfix.
//!
//! An exchange is a small state machine: [`Mechanism::start`] takes the optional initial
//! response and yields the first [`Step`]; [`Exchange::respond`] takes each client line.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, Engine as _, GeneralPurpose, GeneralPurposeConfig};
use hmac::{Hmac, Mac};
use md5::Md5;
use serde::{Deserialize, Serialize};

use crate::reply::AuthFailure;
use crate::world::World;

/// Whose SASL code answers AUTH: where servers differ beyond their words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaslServer {
    /// Cyrus SASL, as Postfix uses it: base64 by whole quads, an empty response ends the
    /// exchange, LOGIN user names up to 1024 octets, `user@host` in the host's realm, and
    /// response lines up to `smtpd_sasl_response_limit` (12288 octets).
    Cyrus,
    /// Exim's own authenticators (plaintext.c, cram_md5.c, get_data.c): `b64decode`
    /// (white space skipped, an empty response is empty data), no user name limit or
    /// realm, `553 Initial data not expected` for CRAM-MD5, lines up to its 16384-octet
    /// buffer; a timeout while it waits for a response reads as an empty line.
    Exim,
}

impl SaslServer {
    /// The longest response line it reads.
    pub fn line_limit(self) -> usize {
        match self {
            SaslServer::Cyrus => 12288,
            SaslServer::Exim => 16384,
        }
    }

    fn decode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            SaslServer::Cyrus => decode_like_cyrus(text),
            SaslServer::Exim => decode_like_exim(text),
        }
    }
}

/// Where a SASL exchange stands: which response the server waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exchange {
    PlainResponse,
    LoginUser,
    LoginPassword { user: String },
    CramResponse { challenge: String },
}

/// What the server does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Send `334 challenge` (base64) and wait in this exchange.
    Challenge(String, Exchange),
    Success(String),
    Failure(AuthFailure),
    Aborted,
    /// Data with AUTH for a mechanism where the server speaks first (Exim's UNEXPECTED).
    Unexpected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mechanism {
    #[serde(rename = "PLAIN")]
    Plain,
    #[serde(rename = "LOGIN")]
    Login,
    #[serde(rename = "CRAM-MD5")]
    CramMd5,
}

impl Mechanism {
    /// The name in AUTH and in EHLO's list.
    pub fn name(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
            Mechanism::CramMd5 => "CRAM-MD5",
        }
    }

    pub fn parse(name: &str) -> Option<Mechanism> {
        match name.to_ascii_uppercase().as_str() {
            "PLAIN" => Some(Mechanism::Plain),
            "LOGIN" => Some(Mechanism::Login),
            "CRAM-MD5" => Some(Mechanism::CramMd5),
            _ => None,
        }
    }

    /// Starts an exchange. `challenge` is the CRAM-MD5 challenge text, unencoded.
    pub fn start(self, initial: Option<&str>, world: &World, challenge: String) -> Step {
        let server = world.profile.behaviour().sasl;
        match (self, initial) {
            (Mechanism::Plain, None) => Step::Challenge(String::new(), Exchange::PlainResponse),
            // plaintext.c: `=` is one empty string.
            (Mechanism::Plain, Some("=")) if server == SaslServer::Exim => check_plain(b"", world),
            (Mechanism::Plain, Some(ir)) => match server.decode(ir) {
                Some(data) => check_plain(&data, world),
                None => Step::Failure(AuthFailure::BadBase64),
            },
            (Mechanism::Login, None) => Step::Challenge(encode(b"Username:"), Exchange::LoginUser),
            (Mechanism::Login, Some(ir)) => Exchange::LoginUser.respond(ir, world),
            (Mechanism::CramMd5, None) => {
                Step::Challenge(encode(challenge.as_bytes()), Exchange::CramResponse { challenge })
            }
            // The server speaks first in CRAM-MD5; an initial response is a protocol error.
            (Mechanism::CramMd5, Some(_)) if server == SaslServer::Exim => Step::Unexpected,
            (Mechanism::CramMd5, Some(_)) => Step::Failure(AuthFailure::AnotherStep),
        }
    }
}

impl Exchange {
    /// Takes one response line from the client.
    pub fn respond(&self, line: &str, world: &World) -> Step {
        if line == "*" {
            return Step::Aborted;
        }
        let cyrus = world.profile.behaviour().sasl == SaslServer::Cyrus;
        let Some(data) = world.profile.behaviour().sasl.decode(line) else {
            return Step::Failure(AuthFailure::BadBase64);
        };
        if data.is_empty() && cyrus {
            return Step::Failure(AuthFailure::AnotherStep);
        }
        match self {
            Exchange::PlainResponse => check_plain(&data, world),
            // Cyrus's LOGIN takes user names of up to 1024 octets.
            Exchange::LoginUser if data.len() > 1024 && cyrus => Step::Failure(AuthFailure::BadProtocol),
            // plaintext.c splits every response at NULs into its items; a user name with a
            // NUL is the password too, and the Password prompt is skipped.
            Exchange::LoginUser if !cyrus && data.contains(&0) => {
                let items = nul_separated(&data);
                let text = |i: usize| {
                    String::from_utf8_lossy(items.get(i).copied().unwrap_or_default()).into_owned()
                };
                check_password(&text(0), &text(1), world)
            }
            Exchange::LoginUser => {
                let user = String::from_utf8_lossy(&data).into_owned();
                Step::Challenge(encode(b"Password:"), Exchange::LoginPassword { user })
            }
            Exchange::LoginPassword { user } => check_password(user, &String::from_utf8_lossy(&data), world),
            Exchange::CramResponse { challenge } => check_cram(challenge, &data, world),
        }
    }
}

/// plaintext.c's items: the data up to each NUL, and what follows the last one if any.
fn nul_separated(data: &[u8]) -> Vec<&[u8]> {
    let mut items: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    if items.len() > 1 && items.last().is_some_and(|last| last.is_empty()) {
        items.pop(); // a trailing NUL ends the last item
    }
    items
}

/// RFC 4616: `[authzid] NUL authcid NUL passwd`.
fn check_plain(data: &[u8], world: &World) -> Step {
    if data.is_empty() && world.profile.behaviour().sasl == SaslServer::Cyrus {
        return Step::Failure(AuthFailure::AnotherStep);
    }
    let parts: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    let [authzid, user, password] = parts[..] else {
        return Step::Failure(AuthFailure::BadProtocol);
    };
    let (user, password) = (String::from_utf8_lossy(user), String::from_utf8_lossy(password));
    if user.is_empty() || (!authzid.is_empty() && authzid != user.as_bytes()) {
        return Step::Failure(AuthFailure::Credentials);
    }
    check_password(&user, &password, world)
}

fn check_password(user: &str, password: &str, world: &World) -> Step {
    let name = login_name(user, world);
    match world.password(name) {
        Some(expected) if expected == password => Step::Success(name.to_string()),
        _ => Step::Failure(AuthFailure::Credentials),
    }
}

/// RFC 2195: the response is `user SP hex(HMAC-MD5(password, challenge))`.
fn check_cram(challenge: &str, data: &[u8], world: &World) -> Step {
    let text = String::from_utf8_lossy(data);
    let Some((user, digest)) = text.rsplit_once(' ') else {
        return Step::Failure(AuthFailure::BadProtocol);
    };
    let name = login_name(user, world);
    match world.password(name) {
        Some(password) if cram_digest(password, challenge) == digest.to_ascii_lowercase() => {
            Step::Success(name.to_string())
        }
        _ => Step::Failure(AuthFailure::Credentials),
    }
}

/// Cyrus logins live in the realm of the host name: `alice` and `alice@mail.example.com`.
/// Exim looks the name up as it is.
fn login_name<'a>(user: &'a str, world: &World) -> &'a str {
    let cyrus = world.profile.behaviour().sasl == SaslServer::Cyrus;
    match user.rsplit_once('@') {
        Some((name, realm)) if cyrus && realm.eq_ignore_ascii_case(&world.hostname) => name,
        _ => user,
    }
}

/// The hex HMAC-MD5 digest a CRAM-MD5 client sends (RFC 2195).
pub fn cram_digest(password: &str, challenge: &str) -> String {
    hmac_md5(password.as_bytes(), challenge.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Base64 as SASL speaks it (RFC 4648 §4): padded, canonical padding; like Cyrus, the
/// unused bits of the last character are not checked.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
        .with_decode_allow_trailing_bits(true),
);

pub fn encode(data: &[u8]) -> String {
    BASE64.encode(data)
}

/// Strict base64: full quads, padding only at the end. `=` alone is the empty string
/// (RFC 4954 §4). `None` when it is not base64.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    match text {
        "=" => Some(Vec::new()),
        "" => None,
        _ => BASE64.decode(text).ok(),
    }
}

/// Cyrus SASL's `sasl_decode64`: only whole quads count, and a short tail is silently
/// dropped, so `!!!` decodes to nothing while `not base64!` is an error.
fn decode_like_cyrus(text: &str) -> Option<Vec<u8>> {
    let whole = text.len() / 4 * 4;
    if whole == 0 || text == "=" {
        return Some(Vec::new());
    }
    decode(text.get(..whole)?)
}

/// Exim's `b64decode`: white space is skipped anywhere; the input must end on a whole
/// quad, `=` only as its padding; an empty string is empty data, `=` alone is an error.
fn decode_like_exim(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut chars = text.bytes().filter(|b| !b.is_ascii_whitespace());
    let mut out = Vec::new();
    while let Some(first) = chars.next() {
        let x = value(first)?;
        let y = value(chars.next()?)?;
        out.push(x << 2 | y >> 4);
        let third = chars.next()?;
        if third == b'=' {
            return (chars.next() == Some(b'=') && chars.next().is_none()).then_some(out);
        }
        let z = value(third)?;
        out.push(y << 4 | z >> 2);
        let fourth = chars.next()?;
        if fourth == b'=' {
            return chars.next().is_none().then_some(out);
        }
        out.push(z << 6 | value(fourth)?);
    }
    Some(out)
}

/// RFC 2104 HMAC with MD5 (RustCrypto).
pub fn hmac_md5(key: &[u8], message: &[u8]) -> [u8; 16] {
    let mut mac = Hmac::<Md5>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cram_md5_matches_rfc_2195_example() {
        let digest = cram_digest("tanstaaftanstaaf", "<1896.697170952@postoffice.reston.mci.net>");
        assert_eq!(digest, "b913a602c7eda7a495b4e6e7334d3890");
        assert_eq!(
            encode(format!("tim {digest}").as_bytes()),
            "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"
        );
    }

    #[test]
    fn base64_round_trips_and_rejects_garbage() {
        for text in [&b""[..], b"a", b"ab", b"abc", b"\0alice\0s3cret"] {
            assert_eq!(decode(&encode(text)).unwrap_or_default(), text);
        }
        assert_eq!(decode("AGFsaWNlAHMzY3JldA==").unwrap(), b"\0alice\0s3cret");
        for bad in ["!!!", "not base64!", "YWxpY2U", "YW=xpY2U", "===="] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(decode_like_cyrus("!!!"), Some(Vec::new()));
        assert_eq!(decode_like_cyrus("not base64!"), None);
        assert_eq!(decode_like_cyrus("YWxpY2U"), Some(b"ali".to_vec()));
    }

    #[test]
    fn exim_decodes_as_its_b64decode() {
        assert_eq!(decode_like_exim(""), Some(Vec::new()));
        assert_eq!(
            decode_like_exim("AGFs aWNl\tAHMzY3JldA=="),
            Some(b"\0alice\0s3cret".to_vec())
        );
        assert_eq!(decode_like_exim("YWI="), Some(b"ab".to_vec()));
        for bad in ["=", "!!!", "a b", "YWxpY2U", "YW=xpY2U", "YQ==YQ==", "YQ=x"] {
            assert_eq!(decode_like_exim(bad), None, "{bad}");
        }
    }
}
