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

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::transcript_row::Row;
use super::LabProps;
use crate::entries::Entries;
use crate::i18n::{use_texts, Texts};
use crate::rows::{window, Offsets, Place, LINE_PX};
use crate::state::{Action, Entry, Lab};
use crate::t;

/// How many of the latest replies the live log holds.
const ANNOUNCED: usize = 3;

/// The view: where it is scrolled to (a place, so that it stays on its entry when the
/// lines above change), and whether it follows new entries.
#[derive(Clone, Copy, PartialEq)]
struct View {
    place: Place,
    follow: bool,
}

/// The conversation, swaks style: `->`/`<-`, and `~>`/`<~` once TLS is active.
#[function_component(Transcript)]
pub fn transcript(props: &LabProps) -> Html {
    let texts = use_texts();
    let handle = &props.lab;
    let lab = handle.shown();
    let view = use_state(|| View {
        place: Place::default(),
        follow: true,
    });
    let found = use_state(|| None::<usize>);
    let scroller = use_node_ref();
    let (ruler, size) = use_size(&scroller);
    // Kept between renders: a new reply sums only the new entries' lines.
    let kept = use_mut_ref(Offsets::default);
    kept.borrow_mut().update(&lab.entries, size.cols, &texts);
    let offsets = kept.borrow();
    let total = offsets.total();
    let top = match view.follow {
        true => (total * LINE_PX).saturating_sub(size.height),
        false => offsets.top_of(view.place),
    };
    let (first, end) = window(&offsets.at, top, size.height);
    let (pad_top, pad_bottom) = (offsets.at[first] * LINE_PX, (total - offsets.at[end]) * LINE_PX);
    // While the view follows, at the end; else on its place, when the lines above change.
    super::use_scroll_to_end(&scroller, (lab.entries.len(), size), view.follow);
    use_keep_place(&scroller, (size.cols, texts.lang), (!view.follow).then_some(top));
    use_reveal(&scroller, &found, &offsets.at);
    let onscroll = on_scroll(&view, &kept, &use_mut_ref(|| 0u32));
    let rows = rows(
        lab,
        &offsets.at[first..=end],
        first,
        size.cols,
        *found,
        &use_select(handle),
    );
    html! {
        <>
            <super::find::Find lab={handle.clone()} found={found.clone()} />
            <div class="transcript" role="log" aria-label={t!(texts, "transcript-label")} aria-live="off" tabindex="0"
                data-entries={lab.entries.len().to_string()} data-columns={size.cols.to_string()} ref={scroller} {onscroll}>
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

/// The rows of the entries from `first` on that start at `lines` (the last: where the
/// rows end), each with its line (`data-line`).
fn rows(
    lab: &Lab,
    lines: &[u32],
    first: usize,
    cols: usize,
    found: Option<usize>,
    select: &Callback<usize>,
) -> Vec<Html> {
    let selected = lab.explained().map(|(i, _)| i);
    let rows = lab.entries.shared_from(first).zip(lines.iter().copied());
    let rows = rows
        .take(lines.len().saturating_sub(1))
        .filter(|((_, entry), _)| !matches!(&**entry, Entry::Session { .. }))
        .map(|((index, entry), line)| {
            let (selected, found) = (selected == Some(index), found == Some(index));
            html! { <Row key={index} {index} {entry} {line} {cols} {selected} {found} select={select.clone()} /> }
        });
    // Spliced among the spacers (`for`), not nested: one keyed list, so that a row that
    // moves up one place is moved, not drawn again.
    rows.collect()
}

/// The transcript's size: its text column in characters, and its height in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Size {
    cols: usize,
    height: u32,
}

/// The transcript's [`Size`], measured whenever it changes (and so at first). The columns
/// are read off the ruler, a hidden row of the rows' own layout that is no taller than
/// nothing. Returns the ruler to draw, and the size.
#[hook]
fn use_size(scroller: &NodeRef) -> (Html, Size) {
    let size = use_state_eq(|| Size {
        cols: DEFAULT_COLUMNS,
        height: 600,
    });
    let (text, digits) = (use_node_ref(), use_node_ref());
    {
        let (scroller, text_ref, digits_ref) = (scroller.clone(), text.clone(), digits.clone());
        let size = size.clone();
        use_effect_with((), move |_| {
            let observed = scroller.clone();
            let measure = Closure::<dyn FnMut()>::new(move || {
                let width = |r: &NodeRef| r.cast::<web_sys::Element>().map_or(0, |e| e.client_width());
                let (text, digits) = (width(&text_ref), width(&digits_ref));
                let height = observed
                    .cast::<web_sys::Element>()
                    .map_or(0, |e| e.client_height());
                // Hidden (a closed tab, a print): keep the last measure.
                if text > 0 && digits > 0 {
                    let fit = text as f64 * RULER_DIGITS as f64 / digits as f64;
                    let cols = (fit.floor() as usize).max(MIN_COLUMNS);
                    size.set(Size {
                        cols,
                        height: height.max(0) as u32,
                    });
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
    (ruler(&text, &digits), *size)
}

fn ruler(text: &NodeRef, digits: &NodeRef) -> Html {
    let zeros = "0".repeat(RULER_DIGITS);
    html! {
        <div class="ruler" aria-hidden="true">
            <span class="time">{ "00:00:00" }</span>
            <span class="arrow">{ "->" }</span>
            <span class="text" ref={text}><span class="digits" ref={digits}>{ zeros }</span></span>
        </div>
    }
}

/// Columns before the first measure, and the fewest ever used.
const DEFAULT_COLUMNS: usize = 80;
const MIN_COLUMNS: usize = 12;
/// Characters measured on the ruler: many, so that rounding to whole pixels does not matter.
const RULER_DIGITS: usize = 100;

/// Keeps a view that does not follow the end on its place: when the lines above it change
/// (`layout`: another width, another language), scrolls to where its place now is.
#[hook]
fn use_keep_place<D: PartialEq + 'static>(scroller: &NodeRef, layout: D, top: Option<u32>) {
    let scroller = scroller.clone();
    use_effect_with(layout, move |_| {
        if let (Some(top), Some(div)) = (top, scroller.cast::<web_sys::Element>()) {
            div.set_scroll_top(top as i32);
        }
    });
}

/// Scrolling: where the view is, and whether it still follows the end. While it follows,
/// where it is scrolled to draws nothing new, so our own scroll to the end after each
/// reply does not render the transcript again.
/// `last_top` keeps where it was scrolled to, to tell scrolling up.
fn on_scroll(
    view: &UseStateHandle<View>,
    kept: &Rc<RefCell<Offsets>>,
    last_top: &Rc<RefCell<u32>>,
) -> Callback<Event> {
    let (view, kept, last_top) = (view.clone(), kept.clone(), last_top.clone());
    Callback::from(move |e: Event| {
        let div = e.target_unchecked_into::<web_sys::Element>();
        let (top, height) = (div.scroll_top().max(0) as u32, div.client_height().max(0) as u32);
        let at_bottom = top + height + LINE_PX >= div.scroll_height().max(0) as u32;
        // Entries can arrive between our own scroll to the end and its event (a fast
        // paste): only scrolling up stops following.
        let previous = last_top.replace(top);
        let follow = at_bottom || (view.follow && top >= previous);
        if follow && view.follow {
            return;
        }
        let next = View {
            place: kept.borrow().place_at(top),
            follow,
        };
        if *view != next {
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

/// A reply as it is read aloud: its code once, then its lines (`250 mail.example.com
/// PIPELINING SIZE 10240000`): the code is what the learner most needs to hear.
fn announced(reply: &smtplab_engine::Reply) -> String {
    let mut said = reply.code.to_string();
    for line in reply.text().lines() {
        said.push(' ');
        said.push_str(&line);
    }
    said
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
                Entry::Server { reply, .. } => html! { <p key={i}>{ announced(reply) }</p> },
                _ => html! {},
            }) }
        </div>
    }
}
