//! The session's pseudo-random numbers: seeded, so that a session replays exactly from
//! its world, seed and inputs (queue ids, CRAM-MD5 challenges, failure rules' odds,
//! the session ids some servers print).

use serde::{Deserialize, Serialize};

use crate::world::Profile;

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A Postfix short queue ID: 10 upper-case hex digits.
    pub(crate) fn queue_id(&mut self) -> String {
        format!("{:010X}", self.next() & 0xFF_FFFF_FFFF)
    }
}

/// The id a server prints for the session, drawn from its own stream of the seed so that
/// the session's other draws stay as they are: Gmail's `h88sm5875199wrh.19`, Microsoft's
/// `08DE2A6028D26C22`; Postfix prints none.
pub(crate) fn session_id(profile: Profile, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x5EED_1D5E_5510_0000);
    let mut pick = |n: u64| rng.next() % n;
    let letter = |n: u64| char::from(b'a' + n as u8);
    match profile {
        Profile::Postfix | Profile::Exim => String::new(),
        Profile::Gmail => {
            let mut id = String::new();
            id.push(letter(pick(26)));
            id.push_str(&(1 + pick(99)).to_string());
            id.push_str("sm");
            id.push_str(&format!("{:07}", pick(10_000_000)));
            for _ in 0..3 {
                id.push(letter(pick(26)));
            }
            id.push('.');
            id.push_str(&pick(100).to_string());
            id
        }
        Profile::Microsoft365 => format!("08DE{:012X}", pick(1 << 48)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_have_their_servers_shapes_and_follow_the_seed() {
        let gmail = session_id(Profile::Gmail, 7);
        let (head, tail) = gmail.split_once('.').unwrap();
        assert!(head.contains("sm") && tail.parse::<u8>().is_ok(), "{gmail}");
        assert_eq!(gmail, session_id(Profile::Gmail, 7));
        assert_ne!(gmail, session_id(Profile::Gmail, 8));
        let m365 = session_id(Profile::Microsoft365, 7);
        assert!(m365.len() == 16 && m365.starts_with("08DE") && m365.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(session_id(Profile::Postfix, 7), "");
    }
}
