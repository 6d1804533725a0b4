//! Where the transcript's rows sit, without measuring them: every line is [`LINE_PX`]
//! tall, and an entry takes as many lines as its drawn lines cut at the column
//! ([`crate::wrap`]). The view's place is kept as an entry and a distance into it, so that
//! it stays on the same entry when the lines above change (another width, another
//! language).

use std::borrow::Cow;

use crate::entries::Entries;
use crate::i18n::{Lang, Texts};
use crate::state::Entry;
use crate::wrap;

/// Height of one line, in CSS pixels (`line-height` of `.transcript` in app.css).
pub const LINE_PX: u32 = 20;
/// Lines drawn beyond the view, above and below.
const MARGIN_LINES: u32 = 30;

/// The lines a row draws for an entry, before they are cut at the column: what
/// [`Offsets`] counts and the row shows. Event notes are said in the page's language.
pub fn drawn_lines<'a>(entry: &'a Entry, texts: &Texts) -> Vec<Cow<'a, str>> {
    match entry {
        Entry::Session { .. } => Vec::new(),
        Entry::Client { text, .. } => vec![visible_controls(text)],
        Entry::Event { note, .. } => vec![note.say(texts).into()],
        Entry::Server { reply, .. } => reply.text_lines().into_iter().map(Cow::Owned).collect(),
    }
}

/// Control characters a learner typed, made visible as escapes (`\0`, `\t`, `\x1b`).
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control()) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\0' => "\\0".to_string(),
            '\t' => "\\t".to_string(),
            c if (c as u32) < 32 || c == '\u{7f}' => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// The lines an entry takes at `cols` columns (0: not drawn), and its widest drawn line
/// in columns.
fn measure(entry: &Entry, cols: usize, texts: &Texts) -> (u32, u32) {
    drawn_lines(entry, texts)
        .iter()
        .fold((0, 0), |(lines, widest), line| {
            let width = wrap::width(line) as u32;
            (lines + wrap::count(line, cols), widest.max(width))
        })
}

/// Where each entry of a transcript starts, in lines, kept between renders: when the
/// transcript grew, only its new entries are read; at another width only the entries
/// wider than the narrower of the two columns are cut again; another transcript (cleared,
/// a past step) or another language is read from the start.
#[derive(Default)]
pub struct Offsets {
    /// The entries read.
    read: Entries,
    /// What they were read for: the column and the language.
    layout: Option<(usize, Lang)>,
    /// Where each entry read starts, and (last) the total.
    pub at: Vec<u32>,
    /// Each entry's widest drawn line, in columns.
    widest: Vec<u32>,
}

impl Offsets {
    pub fn update(&mut self, entries: &Entries, cols: usize, texts: &Texts) {
        let same_text = matches!(self.layout, Some((_, lang)) if lang == texts.lang);
        if self.at.is_empty() || !same_text || !entries.extends(&self.read) {
            self.read = Entries::default();
            self.at = vec![0];
            self.widest.clear();
        } else if let Some((old, _)) = self.layout.filter(|(old, _)| *old != cols) {
            self.relayout(old, cols, texts);
        }
        self.layout = Some((cols, texts.lang));
        let mut total = self.at.last().copied().unwrap_or(0);
        for (_, entry) in entries.from(self.read.len()) {
            let (lines, widest) = measure(entry, cols, texts);
            total += lines;
            self.at.push(total);
            self.widest.push(widest);
        }
        self.read = entries.clone();
    }

    /// The entries read, at `cols` columns instead of `old`.
    fn relayout(&mut self, old: usize, cols: usize, texts: &Texts) {
        let narrower = old.min(cols) as u32;
        let (mut old_start, mut total) = (0, 0);
        for (i, entry) in self.read.iter().enumerate() {
            let old_end = self.at[i + 1];
            let lines = if self.widest[i] <= narrower {
                old_end - old_start
            } else {
                measure(entry, cols, texts).0
            };
            self.at[i] = total;
            total += lines;
            old_start = old_end;
        }
        if let Some(last) = self.at.last_mut() {
            *last = total;
        }
    }

    /// The total height, in lines.
    pub fn total(&self) -> u32 {
        self.at.last().copied().unwrap_or(0)
    }

    /// Where a place in the transcript is, in pixels from the top.
    pub fn top_of(&self, place: Place) -> u32 {
        let count = self.at.len().saturating_sub(1);
        match self.at.get(place.entry.min(count)) {
            Some(&at) if place.entry < count => at * LINE_PX + place.into,
            _ => self.total() * LINE_PX,
        }
    }

    /// The place `top` pixels from the top is in.
    pub fn place_at(&self, top: u32) -> Place {
        let line = top / LINE_PX;
        let entry = self.at.partition_point(|&at| at <= line).saturating_sub(1);
        let start = self.at.get(entry).copied().unwrap_or(0) * LINE_PX;
        Place {
            entry,
            into: top.saturating_sub(start),
        }
    }
}

/// A place in the transcript: an entry, and how many pixels into it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Place {
    pub entry: usize,
    pub into: u32,
}

/// The entries to draw for a view `top..top + height` (pixels): `first..end`.
pub fn window(offsets: &[u32], top: u32, height: u32) -> (usize, usize) {
    let from = (top / LINE_PX).saturating_sub(MARGIN_LINES);
    let to = (top + height) / LINE_PX + MARGIN_LINES;
    let count = offsets.len() - 1;
    let first = offsets
        .partition_point(|&at| at <= from)
        .saturating_sub(1)
        .min(count);
    let end = offsets.partition_point(|&at| at < to).min(count);
    (first, end.max(first))
}
