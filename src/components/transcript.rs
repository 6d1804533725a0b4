//! The transcript: what the client sent and the server answered, grouped by reply, with
//! the events between them.
//!
//! It is virtual: only the rows in view (and a margin) are in the page, so a session of
//! 50,000 entries draws as fast as one of 50. Every line is one fixed height, and long
//! lines wrap at a column measured once per size of the transcript (the font is
//! monospaced; see [`crate::wrap`]), so where each entry sits is known without measuring
//! the rows. While the view is at the bottom it follows new entries. Finding text is our
//! own (the browser's find sees only the rows drawn), and so is copying the whole
//! transcript. Screen readers hear each new reply once, from a separate live log: the
//! rows that scrolling adds and removes are never announced.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use wasm_bindgen::prelude::*;

use crate::i18n::{use_texts, Lang, Texts};
use crate::t;
use crate::wrap;

use super::transcript_row::{visible_controls, Row};
use super::LabProps;
use crate::entries::Entries;
use crate::state::{Action, Entry, Lab};

/// Height of one line, in CSS pixels (`--line` in app.css).
pub const LINE_PX: u32 = 20;
/// Lines drawn beyond the view, above and below.
const MARGIN_LINES: u32 = 30;
/// How many of the latest replies the live log holds.
const ANNOUNCED: usize = 3;

/// Lines an entry takes at `cols` characters a line (0: not drawn). Event notes are said
/// in the page's language, as the row draws them.
pub fn lines_of(entry: &Entry, cols: usize, texts: &Texts) -> u32 {
    match entry {
        Entry::Session { .. } => 0,
        Entry::Client { text, .. } => wrap::count(&visible_controls(text), cols),
        Entry::Event { note, .. } => wrap::count(&note.say(texts), cols),
        Entry::Server { reply, .. } => {
            let lines = reply.text_lines();
            lines
                .iter()
                .map(|line| wrap::count(line, cols))
                .sum::<u32>()
                .max(1)
        }
    }
}

/// Where each entry starts, in lines, and (last) the total.
pub fn offsets(entries: &Entries, cols: usize, texts: &Texts) -> Vec<u32> {
    let mut kept = Offsets::default();
    kept.update(entries, cols, texts);
    kept.at
}

/// [`offsets`] of a transcript, kept between renders: when the transcript grew, only its
/// new entries are read; another transcript (cleared, a past step), another width or
/// another language is read from the start.
#[derive(Default)]
struct Offsets {
    /// The entries read.
    read: Entries,
    /// What they were read for: the column and the language.
    layout: Option<(usize, Lang)>,
    /// Where each entry read starts, and (last) the total.
    at: Vec<u32>,
}

impl Offsets {
    fn update(&mut self, entries: &Entries, cols: usize, texts: &Texts) {
        let layout = Some((cols, texts.lang));
        if self.at.is_empty() || self.layout != layout || !entries.extends(&self.read) {
            self.read = Entries::default();
            self.layout = layout;
            self.at = vec![0];
        }
        let mut total = self.at.last().copied().unwrap_or(0);
        for (_, entry) in entries.from(self.read.len()) {
            total += lines_of(entry, cols, texts);
            self.at.push(total);
        }
        self.read = entries.clone();
    }
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

/// The view: where it is scrolled to, how tall it is, and whether it follows new entries.
#[derive(Clone, Copy, PartialEq)]
struct View {
    top: u32,
    height: u32,
    follow: bool,
}

/// The conversation, swaks style: `->`/`<-`, and `~>`/`<~` once TLS is active.
#[function_component(Transcript)]
pub fn transcript(props: &LabProps) -> Html {
    let texts = use_texts();
    let handle = &props.lab;
    let lab = handle.shown();
    let view = use_state(|| View {
        top: 0,
        height: 600,
        follow: true,
    });
    let found = use_state(|| None::<usize>);
    let scroller = use_node_ref();
    // Kept between renders: a new reply sums only the new entries' lines.
    let (ruler, cols) = use_columns(&scroller);
    let kept = use_mut_ref(Offsets::default);
    kept.borrow_mut().update(&lab.entries, cols, &texts);
    let kept = kept.borrow();
    let offsets = &kept.at;
    let total = *offsets.last().unwrap_or(&0);
    let top = if view.follow {
        (total * LINE_PX).saturating_sub(view.height)
    } else {
        view.top
    };
    let (first, end) = window(offsets, top, view.height);
    let (pad_top, pad_bottom) = (offsets[first] * LINE_PX, (total - offsets[end]) * LINE_PX);
    super::use_scroll_to_end(&scroller, lab.entries.len(), view.follow); // while the view follows
    use_reveal(&scroller, &found, offsets);
    let last_top = use_mut_ref(|| 0u32);
    let onscroll = on_scroll(&view, &last_top);
    let selected = lab.explained().map(|(i, _)| i);
    let select = use_select(handle);
    let rows = lab.entries.shared_from(first).take(end - first);
    let rows = rows
        .filter(|(_, entry)| !matches!(&**entry, Entry::Session { .. }))
        .map(|(index, entry)| {
            let (selected, found) = (selected == Some(index), *found == Some(index));
            html! { <Row key={index} {index} {entry} {cols} {selected} {found} select={(*select).clone()} /> }
        });
    html! {
        <>
            <super::find::Find lab={handle.clone()} found={found.clone()} />
            <div class="transcript" role="log" aria-label={t!(texts, "transcript-label")} aria-live="off" tabindex="0"
                data-entries={lab.entries.len().to_string()} data-columns={cols.to_string()} ref={scroller} {onscroll}>
                { ruler }
                <ol class="rows">
                    { spacer("above", pad_top) }
                    { for rows }
                    { spacer("below", pad_bottom) }
                </ol>
            </div>
            { announcements(&texts, &lab.entries) }
        </>
    }
}

/// How many characters fit in a row's text column: measured on the ruler, a hidden row
/// of the rows' own layout that is no taller than nothing, whenever the transcript changes
/// size (and so at first). Returns the ruler to draw, and the columns.
#[hook]
fn use_columns(scroller: &NodeRef) -> (Html, usize) {
    let cols = use_state_eq(|| DEFAULT_COLUMNS);
    let (text, digits) = (use_node_ref(), use_node_ref());
    {
        let (scroller, text_ref, digits_ref) = (scroller.clone(), text.clone(), digits.clone());
        let cols = cols.clone();
        use_effect_with((), move |_| {
            let measure = Closure::<dyn FnMut()>::new(move || {
                let width = |r: &NodeRef| r.cast::<web_sys::Element>().map_or(0, |e| e.client_width());
                let (text, digits) = (width(&text_ref), width(&digits_ref));
                // Hidden (a closed tab, a print): keep the last measure.
                if text > 0 && digits > 0 {
                    let fit = text as f64 * RULER_DIGITS as f64 / digits as f64;
                    cols.set((fit.floor() as usize).max(MIN_COLUMNS));
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(div)) = (&observer, scroller.cast::<web_sys::Element>()) {
                observer.observe(&div);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(measure);
            }
        });
    }
    let zeros = "0".repeat(RULER_DIGITS);
    let ruler = html! {
        <div class="ruler" aria-hidden="true">
            <span class="time">{ "00:00:00" }</span>
            <span class="arrow">{ "->" }</span>
            <span class="text" ref={text}><span class="digits" ref={digits}>{ zeros }</span></span>
        </div>
    };
    (ruler, *cols)
}

/// Columns before the first measure, and the fewest ever used.
const DEFAULT_COLUMNS: usize = 80;
const MIN_COLUMNS: usize = 12;
/// Characters measured on the ruler: many, so that rounding to whole pixels does not matter.
const RULER_DIGITS: usize = 100;

/// Scrolling: where the view is, and whether it still follows the end. While it follows,
/// where it is scrolled to draws nothing new, so our own scroll to the end after each
/// reply does not render the transcript again; `last_top` keeps it to tell scrolling up.
fn on_scroll(view: &UseStateHandle<View>, last_top: &Rc<RefCell<u32>>) -> Callback<Event> {
    let (view, last_top) = (view.clone(), last_top.clone());
    Callback::from(move |e: Event| {
        let div = e.target_unchecked_into::<web_sys::Element>();
        let (top, height) = (div.scroll_top().max(0) as u32, div.client_height().max(0) as u32);
        let at_bottom = top + height + LINE_PX >= div.scroll_height().max(0) as u32;
        // Entries can arrive between our own scroll to the end and its event (a fast
        // paste): only scrolling up stops following.
        let previous = last_top.replace(top);
        let follow = at_bottom || (view.follow && top >= previous);
        let next = View { top, height, follow };
        let drawn_alike = follow && view.follow && height == view.height;
        if *view != next && !drawn_alike {
            view.set(next);
        }
    })
}

/// The space of the rows not drawn, above or below: an empty SVG of that height (the
/// Content-Security-Policy forbids `style` attributes, and SVG's `height` is not one).
fn spacer(key: &'static str, height: u32) -> Html {
    html! {
        <li key={key} class="spacer" aria-hidden="true">
            <svg width="1" height={height.to_string()} focusable="false" />
        </li>
    }
}

/// Selecting a reply by its index: one callback for every row and every render, so that
/// rows whose entry did not change are not rendered again.
#[hook]
fn use_select(lab: &UseReducerHandle<Lab>) -> Rc<Callback<usize>> {
    let dispatcher = lab.dispatcher();
    use_memo((), move |_| {
        Callback::from(move |i: usize| dispatcher.dispatch(Action::Select(Some(i))))
    })
}

/// Scrolls a found entry into the middle of the view.
#[hook]
fn use_reveal(scroller: &NodeRef, found: &UseStateHandle<Option<usize>>, offsets: &[u32]) {
    let scroller = scroller.clone();
    let at = found.and_then(|i| offsets.get(i).copied());
    use_effect_with(**found, move |_| {
        if let (Some(at), Some(div)) = (at, scroller.cast::<web_sys::Element>()) {
            let middle = (at * LINE_PX) as i32 - div.client_height() / 2;
            div.set_scroll_top(middle.max(0));
        }
    });
}

/// The live log: the latest replies, each announced once when it arrives.
fn announcements(texts: &Texts, entries: &Entries) -> Html {
    let mut latest: Vec<(usize, &Entry)> = (0..entries.len())
        .rev()
        .filter_map(|i| Some((i, entries.get(i)?)))
        .filter(|(_, e)| matches!(e, Entry::Server { .. }))
        .take(ANNOUNCED)
        .collect();
    latest.reverse();
    html! {
        <div class="visually-hidden" role="log" aria-label={t!(texts, "transcript-announcements")}>
            { for latest.into_iter().map(|(i, entry)| match entry {
                Entry::Server { reply, .. } => html! { <p key={i}>{ reply.text().lines().collect::<Vec<_>>().join(" ") }</p> },
                _ => html! {},
            }) }
        </div>
    }
}
