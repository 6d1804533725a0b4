//! A reply's text as it goes on the wire: octets, not `String`s. Most of what a server
//! says is its own words, but some replies echo what the client sent, and a server may
//! echo octets that are not UTF-8 as they came (Exim does: `golden/exim/utf8-bad-vrfy.smtp`).
//! The wire, `smtplab serve` and the `.smtp` transcripts take the octets
//! ([`ReplyText::raw_lines`]); the UI shows text, invalid UTF-8 replaced
//! ([`ReplyText::lines`]).
//!
//! All the lines of a reply live in one buffer, so that a reply costs one allocation, not
//! one per line: the profile writes its words into it, enhanced code and all.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::EnhancedCode;

/// Octets a server may say: UTF-8 text, or the client's octets echoed as they came.
/// Serialised as a string when they are UTF-8, else as an array of octets.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Octets(Vec<u8>);

impl Octets {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// For display: invalid UTF-8 replaced by U+FFFD.
    pub fn to_str_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
}

impl From<Vec<u8>> for Octets {
    fn from(octets: Vec<u8>) -> Octets {
        Octets(octets)
    }
}

impl From<&[u8]> for Octets {
    fn from(octets: &[u8]) -> Octets {
        Octets(octets.to_vec())
    }
}

impl From<String> for Octets {
    fn from(text: String) -> Octets {
        Octets(text.into_bytes())
    }
}

impl From<&str> for Octets {
    fn from(text: &str) -> Octets {
        Octets(text.as_bytes().to_vec())
    }
}

impl AsRef<[u8]> for Octets {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Octets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => fmt::Debug::fmt(text, f),
            Err(_) => write!(f, "b\"{}\"", self.0.escape_ascii()),
        }
    }
}

impl Serialize for Octets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.0) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => serializer.serialize_bytes(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Octets {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Octets, D::Error> {
        struct OctetsVisitor;
        impl<'de> Visitor<'de> for OctetsVisitor {
            type Value = Octets;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of octets")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Octets, E> {
                Ok(Octets::from(text))
            }
            fn visit_bytes<E: de::Error>(self, octets: &[u8]) -> Result<Octets, E> {
                Ok(Octets::from(octets))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Octets, A::Error> {
                let mut octets = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(octet) = seq.next_element()? {
                    octets.push(octet);
                }
                Ok(Octets(octets))
            }
        }
        deserializer.deserialize_any(OctetsVisitor)
    }
}

/// The lines of a reply: for each, the octets after its code and separator (enhanced
/// code included), without CRLF. One buffer holds them, each line ended by LF, which no
/// line can hold (on the wire it would end the line): an LF in what is written starts a
/// new line.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReplyText(Octets);

/// What the first line of a reply usually needs; a longer reply grows the buffer once or
/// twice.
const FIRST_CAPACITY: usize = 64;

impl ReplyText {
    /// Each line's octets, as they go on the wire.
    pub fn raw_lines(&self) -> impl DoubleEndedIterator<Item = &[u8]> + Clone {
        let buffer = self.0.as_bytes();
        // An empty buffer has no lines; otherwise every line ends in LF.
        let lines = buffer.strip_suffix(b"\n");
        lines.into_iter().flat_map(|lines| lines.split(|&b| b == b'\n'))
    }

    /// Each line as text, for display: invalid UTF-8 replaced by U+FFFD.
    pub fn lines(&self) -> impl DoubleEndedIterator<Item = Cow<'_, str>> + Clone {
        self.raw_lines().map(String::from_utf8_lossy)
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        memchr::memchr_iter(b'\n', self.0.as_bytes()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_bytes().is_empty()
    }

    /// Adds a line: the enhanced code and a space (RFC 2034 §4), when given, then `text`.
    pub(crate) fn push_line(&mut self, enhanced: Option<EnhancedCode>, text: &[u8]) {
        self.start_line(enhanced, text.len());
        self.0 .0.extend_from_slice(text);
        self.0 .0.push(b'\n');
    }

    /// [`ReplyText::push_line`] with text to format (`format_args!`), written in place.
    pub(crate) fn push_fmt(&mut self, enhanced: Option<EnhancedCode>, text: fmt::Arguments) {
        match text.as_str() {
            Some(text) => self.push_line(enhanced, text.as_bytes()),
            None => {
                self.start_line(enhanced, 0);
                fmt::Write::write_fmt(&mut Writer(&mut self.0 .0), text).unwrap_or_default();
                self.0 .0.push(b'\n');
            }
        }
    }

    /// Puts `lines` between the first lines and the last, each with `enhanced` before it.
    pub(crate) fn insert_before_last(&mut self, enhanced: Option<EnhancedCode>, lines: &[&str]) {
        let buffer = &mut self.0 .0;
        let last = buffer.len().saturating_sub(1);
        let start = buffer[..last]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let tail = buffer.split_off(start);
        for line in lines {
            self.push_line(enhanced, line.as_bytes());
        }
        self.0 .0.extend_from_slice(&tail);
    }

    /// Makes room for a line and writes its enhanced code.
    fn start_line(&mut self, enhanced: Option<EnhancedCode>, len: usize) {
        let buffer = &mut self.0 .0;
        if buffer.capacity() == 0 {
            buffer.reserve(FIRST_CAPACITY.max(len + 16));
        }
        if let Some(code) = enhanced {
            code.write_to(buffer);
            buffer.push(b' ');
        }
    }
}

impl fmt::Debug for ReplyText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = self.raw_lines().map(|line| Octets(line.to_vec()));
        f.debug_list().entries(lines).finish()
    }
}

/// Formats into octets without going through a `String`.
struct Writer<'a>(&'a mut Vec<u8>);

impl fmt::Write for Writer<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[&[u8]]) -> ReplyText {
        let mut text = ReplyText::default();
        lines.iter().for_each(|line| text.push_line(None, line));
        text
    }

    #[test]
    fn lines_come_back_as_they_were_written() {
        assert_eq!(ReplyText::default().raw_lines().count(), 0);
        assert_eq!(ReplyText::default().len(), 0);
        let written: [&[u8]; 3] = [b"one", b"", b"\xff\xfe: three"];
        let text = text(&written);
        assert_eq!(text.raw_lines().collect::<Vec<_>>(), written);
        assert_eq!(text.raw_lines().next_back(), Some(&b"\xff\xfe: three"[..]));
        assert_eq!(text.len(), 3);
        let shown: Vec<Cow<str>> = text.lines().collect();
        assert_eq!(shown, ["one", "", "\u{fffd}\u{fffd}: three"]);
    }

    #[test]
    fn the_enhanced_code_starts_each_line_it_is_given_to() {
        let mut text = ReplyText::default();
        text.push_line(Some(EnhancedCode(5, 1, 1)), b"first");
        text.push_fmt(Some(EnhancedCode(5, 10, 123)), format_args!("{} {}", "sec", 2));
        text.push_fmt(None, format_args!("third"));
        text.insert_before_last(Some(EnhancedCode(2, 0, 0)), &["middle"]);
        let lines: Vec<Cow<str>> = text.lines().collect();
        assert_eq!(lines, ["5.1.1 first", "5.10.123 sec 2", "2.0.0 middle", "third"]);
    }

    #[test]
    fn an_lf_in_a_line_starts_another() {
        assert_eq!(text(&[b"a\nb"]).len(), 2);
    }

    #[test]
    fn octets_serialise_as_text_when_they_are_utf8() {
        let text = Octets::from("grüße");
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, "\"grüße\"");
        assert_eq!(serde_json::from_str::<Octets>(&json).unwrap(), text);
        let raw = Octets::from(&b"\xff\xfe"[..]);
        let json = serde_json::to_string(&raw).unwrap();
        assert_eq!(json, "[255,254]");
        assert_eq!(serde_json::from_str::<Octets>(&json).unwrap(), raw);
        assert_eq!(format!("{raw:?}"), "b\"\\xff\\xfe\"");
    }
}
