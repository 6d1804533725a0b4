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
        match (self, initial) {
            (Mechanism::Plain, None) => Step::Challenge(String::new(), Exchange::PlainResponse),
            (Mechanism::Plain, Some(ir)) => match decode_like_cyrus(ir) {
                Some(data) => check_plain(&data, world),
                None => Step::Failure(AuthFailure::BadBase64),
            },
            (Mechanism::Login, None) => Step::Challenge(encode(b"Username:"), Exchange::LoginUser),
            (Mechanism::Login, Some(ir)) => Exchange::LoginUser.respond(ir, world),
            (Mechanism::CramMd5, None) => {
                Step::Challenge(encode(challenge.as_bytes()), Exchange::CramResponse { challenge })
            }
            // The server speaks first in CRAM-MD5; an initial response is a protocol error.
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
        let Some(data) = decode_like_cyrus(line) else {
            return Step::Failure(AuthFailure::BadBase64);
        };
        if data.is_empty() {
            return Step::Failure(AuthFailure::AnotherStep);
        }
        match self {
            Exchange::PlainResponse => check_plain(&data, world),
            // Cyrus's LOGIN takes user names of up to 1024 octets.
            Exchange::LoginUser if data.len() > 1024 => Step::Failure(AuthFailure::BadProtocol),
            Exchange::LoginUser => {
                let user = String::from_utf8_lossy(&data).into_owned();
                Step::Challenge(encode(b"Password:"), Exchange::LoginPassword { user })
            }
            Exchange::LoginPassword { user } => check_password(user, &String::from_utf8_lossy(&data), world),
            Exchange::CramResponse { challenge } => check_cram(challenge, &data, world),
        }
    }
}

/// RFC 4616: `[authzid] NUL authcid NUL passwd`.
fn check_plain(data: &[u8], world: &World) -> Step {
    if data.is_empty() {
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
fn login_name<'a>(user: &'a str, world: &World) -> &'a str {
    match user.rsplit_once('@') {
        Some((name, realm)) if realm.eq_ignore_ascii_case(&world.hostname) => name,
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
}
