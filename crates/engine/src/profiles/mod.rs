//! How each server profile words the replies: code, enhanced code, text, whether the
//! connection closes, and the EHLO keywords in their order. A reply's meaning (its
//! teaching text) lives in [`crate::reply`]; here is only what a server says. Every
//! profile words every reply kind in an exhaustive `match`, so that a new kind does not
//! compile until each profile words it.

mod postfix;

use crate::reply::{EnhancedCode, ReplyKind};
use crate::world::{Policy, Profile};

/// What a server says for a reply kind.
pub struct Wording {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    pub text: String,
}

impl Profile {
    /// The reply's code and text as this server says them; `host` is its name.
    pub fn word(self, kind: &ReplyKind, host: &str) -> Wording {
        match self {
            Profile::Postfix => postfix::word(kind, host),
        }
    }

    /// Does this server close the connection after the reply?
    pub fn closes(self, kind: &ReplyKind) -> bool {
        match self {
            Profile::Postfix => postfix::closes(kind),
        }
    }

    /// The EHLO keywords after the first line, in this server's order.
    pub fn ehlo_keywords(self, policy: &Policy, tls: bool, message_size: u64) -> Vec<String> {
        match self {
            Profile::Postfix => postfix::ehlo_keywords(policy, tls, message_size),
        }
    }
}
