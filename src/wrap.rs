//! Wrapping the transcript's lines at a column, by characters.
//!
//! The transcript is virtual: where each row sits must be known without measuring it. Its
//! font is monospaced, so a row's height follows from how many characters fit in the text
//! column. The rows are cut here, and the same cut both draws them and counts their lines,
//! so the two cannot disagree.

/// The pieces of `text` for a column `cols` characters wide: each piece ends after the
/// last space that fits (a space just past the column stays too: it draws nothing), or,
/// in a word longer than the column, at the column itself. Nothing is dropped: the pieces joined are `text`. An empty text is one empty piece.
pub fn wrap(text: &str, cols: usize) -> Wrapped<'_> {
    Wrapped {
        rest: Some(text),
        cols: cols.max(1),
    }
}

/// How many lines `text` takes at `cols` characters (at least one).
pub fn count(text: &str, cols: usize) -> u32 {
    // Most lines fit: bytes bound characters, so no need to cut them.
    if text.len() <= cols {
        return 1;
    }
    wrap(text, cols).count() as u32
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
        // The byte where the column ends, if the rest is longer than it.
        let Some((end, _)) = rest.char_indices().nth(self.cols) else {
            self.rest = None;
            return Some(rest);
        };
        let fits = &rest[..end];
        let cut = match fits.rfind(' ') {
            Some(space) if space > 0 => space + 1,
            _ if rest[end..].starts_with(' ') => end + 1,
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
            assert!(
                all.iter().all(|p| p.chars().count() <= cols.max(1) + 1),
                "cols {cols}"
            );
        }
    }
}
