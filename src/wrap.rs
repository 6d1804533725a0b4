//! Wrapping the transcript's lines at a column.
//!
//! The transcript is virtual: where each row sits must be known without measuring it. Its
//! font is monospaced, so a row's height follows from how many columns fit in the text
//! column. The rows are cut here, and the same cut both draws them and counts their lines,
//! so the two cannot disagree.

/// The pieces of `text` for a column `cols` columns wide: each piece ends after the last
/// space that fits (a space just past the column stays too: it hangs, drawing nothing),
/// or, in a word wider than the column, at the column itself. Nothing is dropped: the
/// pieces joined are `text`. An empty text is one empty piece.
pub fn wrap(text: &str, cols: usize) -> Wrapped<'_> {
    Wrapped {
        rest: Some(text),
        cols: cols.max(NARROWEST),
    }
}

/// The narrowest column: one wide character.
const NARROWEST: usize = 2;

/// How many lines `text` takes at `cols` columns (at least one).
pub fn count(text: &str, cols: usize) -> u32 {
    let cols = cols.max(NARROWEST);
    if fits(text, cols) {
        return 1;
    }
    wrap(text, cols).count() as u32
}

/// Whether `text` takes one line at `cols` columns.
pub fn fits(text: &str, cols: usize) -> bool {
    let cols = cols.max(NARROWEST);
    // Bytes bound columns (no character is wider than its UTF-8 bytes): most lines need
    // no more.
    text.len() <= cols || width(text) <= cols
}

/// The columns `text` takes in a monospaced font.
pub fn width(text: &str) -> usize {
    text.chars().map(columns).sum()
}

/// The columns one character takes: two for East Asian wide and fullwidth characters and
/// emoji, none for combining marks and zero-width characters, one for all else. A close
/// reading of Unicode's East Asian Width, kept small: a character it misjudges makes its
/// row one line taller (the pieces may wrap), never wider than the transcript.
fn columns(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x2060
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xE0100..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The iterator of [`wrap`].
pub struct Wrapped<'a> {
    rest: Option<&'a str>,
    cols: usize,
}

impl<'a> Iterator for Wrapped<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        // The byte where the column ends, if the rest is wider than it.
        let mut used = 0;
        let end = rest.char_indices().find_map(|(at, c)| {
            used += columns(c);
            (used > self.cols).then_some(at)
        });
        let Some(end) = end else {
            self.rest = None;
            return Some(rest);
        };
        let cut = match rest[..end].rfind(' ') {
            Some(space) if space > 0 => space + 1,
            _ if rest[end..].starts_with(' ') => end + 1,
            // At least one character, however wide.
            _ if end == 0 => rest.chars().next().map_or(1, char::len_utf8),
            _ => end,
        };
        self.rest = Some(&rest[cut..]).filter(|r| !r.is_empty());
        Some(&rest[..cut])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, cols: usize) -> Vec<&str> {
        wrap(text, cols).collect()
    }

    #[test]
    fn a_line_that_fits_is_one_piece() {
        assert_eq!(pieces("250 2.1.0 Ok", 12), ["250 2.1.0 Ok"]);
        assert_eq!(pieces("", 5), [""]);
        assert_eq!(count("250 2.1.0 Ok", 12), 1);
        assert_eq!(count("", 5), 1);
    }

    #[test]
    fn lines_break_after_the_last_space_that_fits() {
        let text = "554 5.7.1 <bob@example.org>: Relay access denied";
        assert_eq!(
            pieces(text, 20),
            ["554 5.7.1 ", "<bob@example.org>: ", "Relay access denied"]
        );
        assert_eq!(count(text, 20), 3);
        assert_eq!(pieces(text, 20).concat(), text);
    }

    #[test]
    fn a_space_just_past_the_column_stays_on_the_line() {
        // Ten characters fit exactly; the space after them must not start the next line.
        assert_eq!(pieces("abcdefghij klm", 10), ["abcdefghij ", "klm"]);
    }

    #[test]
    fn a_word_longer_than_the_column_is_cut_at_the_column() {
        assert_eq!(
            pieces("MAIL FROM:<averyveryverylongname@example.com>", 12),
            ["MAIL ", "FROM:<averyv", "eryverylongn", "ame@example.", "com>"]
        );
    }

    #[test]
    fn wide_characters_take_two_columns_and_marks_none() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("😀@example.com"), 14);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(pieces("日本語のメール", 6), ["日本語", "のメー", "ル"]);
        assert_eq!(count("日本語のメール", 6), 3);
        // A character wider than the column is a piece of its own.
        assert_eq!(pieces("日本", 1), ["日", "本"]);
        assert!(fits("日本語", 6));
        assert!(!fits("日本語の", 7));
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        // "è" is two bytes: ten of them fit in ten columns.
        let text = "èèèèèèèèèèèè";
        assert_eq!(pieces(text, 10), ["èèèèèèèèèè", "èè"]);
        assert_eq!(count(text, 10), 2);
        assert_eq!(count("èèèèè", 5), 1);
    }

    #[test]
    fn counts_agree_with_the_pieces_for_every_column() {
        let text = "250-mail.example.com Hello client.example.org [127.0.0.1], pleased to meet you";
        for cols in 0..90 {
            let all = pieces(text, cols);
            assert_eq!(count(text, cols) as usize, all.len(), "cols {cols}");
            assert_eq!(all.concat(), text, "cols {cols}");
            // Only a hanging space may go past the column.
            assert!(
                all.iter()
                    .all(|p| width(p.strip_suffix(' ').unwrap_or(p)) <= cols.max(NARROWEST)),
                "cols {cols}"
            );
        }
    }
}
