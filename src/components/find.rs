//! Finding text in the transcript, and copying all of it. The transcript draws only the
//! rows in view, so the browser's own find and select-all see only those: these see all.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{use_texts, Texts};
use crate::t;

use super::export::transcript_text;
use crate::entries::Entries;
use crate::state::{Entry, Lab};

#[derive(Properties, PartialEq)]
pub struct FindProps {
    pub lab: UseReducerHandle<Lab>,
    /// The entry found last (the transcript scrolls to it and marks it).
    pub found: UseStateHandle<Option<usize>>,
}

/// The entries whose text holds `query` (any case), in order.
pub fn matches(texts: &Texts, entries: &Entries, query: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    let query = query.to_lowercase();
    let holds = |text: &str| text.to_lowercase().contains(&query);
    let hit = |entry: &Entry| match entry {
        Entry::Client { text, .. } => holds(text),
        Entry::Event { note, .. } => holds(&note.say(texts)),
        Entry::Server { reply, .. } => reply.text_lines().iter().any(|l| holds(l)),
        Entry::Session { .. } => false,
    };
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| hit(e))
        .map(|(i, _)| i)
        .collect()
}

/// The match after (or before) match `at` of `count`, going round; the first (or last)
/// when none is current.
fn step(count: usize, at: Option<usize>, forward: bool) -> Option<usize> {
    match (at, forward) {
        (None, _) if count == 0 => None,
        (None, true) => Some(0),
        (None, false) => Some(count - 1),
        (Some(i), true) => Some((i + 1) % count),
        (Some(i), false) => Some((i + count - 1) % count),
    }
}

/// "2 of 5" while on a match, "5 found" before, nothing without a query.
fn count(texts: &Texts, empty: bool, at: Option<usize>, hits: usize) -> String {
    match (empty, at) {
        (true, _) => String::new(),
        (false, Some(i)) => t!(texts, "find-at", at = i + 1, count = hits),
        (false, None) => t!(texts, "find-found", count = hits),
    }
}

/// A search box with the count of matches, previous/next, and "Copy all".
#[function_component(Find)]
pub fn find(props: &FindProps) -> Html {
    let texts = use_texts();
    let lab = props.lab.shown();
    let query = use_state(String::new);
    let key = (
        (*query).clone(),
        lab.entries.len(),
        props.lab.view.is_some(),
        texts.clone(),
    );
    let hits = use_memo(key, |(q, _, _, texts)| matches(texts, &lab.entries, q));
    let found = props.found.clone();
    let at = found.and_then(|f| hits.iter().position(|&h| h == f));
    let go = |forward: bool| {
        let (hits, found) = (hits.clone(), found.clone());
        move || {
            if let Some(next) = step(hits.len(), at, forward) {
                found.set(Some(hits[next]));
            }
        }
    };
    let (next, previous) = (go(true), go(false));
    let oninput = {
        let (query, found) = (query.clone(), found.clone());
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            found.set(None);
        })
    };
    let onkeydown = {
        let (next, previous) = (next.clone(), previous.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                (if e.shift_key() { &previous } else { &next })();
            }
        })
    };
    let count = count(&texts, query.is_empty(), at, hits.len());
    let copy = {
        let lab = props.lab.clone();
        Callback::from(move |_: MouseEvent| {
            super::share::copy_text(&transcript_text(&lab.shown().entries, true))
        })
    };
    html! {
        <div class="find" role="search" aria-label={t!(texts, "transcript-label")}>
            <input type="search" aria-label={t!(texts, "find-label")} placeholder={t!(texts, "find-label")}
                value={(*query).clone()} {oninput} {onkeydown} />
            <span class="find-count" aria-live="polite">{ count }</span>
            <button onclick={Callback::from(move |_: MouseEvent| previous())} disabled={hits.is_empty()} aria-label={t!(texts, "find-previous")}>{ "↑" }</button>
            <button onclick={Callback::from(move |_: MouseEvent| next())} disabled={hits.is_empty()} aria-label={t!(texts, "find-next")}>{ "↓" }</button>
            <button onclick={copy}>{ t!(texts, "find-copy-all") }</button>
        </div>
    }
}
