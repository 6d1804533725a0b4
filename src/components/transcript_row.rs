//! One row of the transcript: a line the learner sent, a whole reply (a button that
//! selects it for the explanation), or a note of what happened to the connection.

use std::borrow::Cow;

use yew::prelude::*;

use super::clock;
use crate::entries::SharedEntry;
use crate::i18n::{use_texts, Texts};
use crate::state::Entry;
use crate::t;
use crate::wrap;

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub index: usize,
    pub entry: SharedEntry,
    /// Characters a line holds before it wraps.
    pub cols: usize,
    pub selected: bool,
    pub found: bool,
    /// Selects the reply at an index (the same callback for every row).
    pub select: Callback<usize>,
}

/// One row: a component of its own, so that a new reply renders only the rows that
/// changed (their props compare in constant time, see [`SharedEntry`]).
#[function_component(Row)]
pub fn row_component(props: &RowProps) -> Html {
    let texts = use_texts();
    let index = props.index;
    let (selected, found) = (props.selected.then_some(index), props.found.then_some(index));
    let view = View {
        texts: &texts,
        cols: props.cols,
        select: &props.select,
    };
    view.row(index, &props.entry, selected, found)
}

/// What every row is drawn with.
struct View<'a> {
    texts: &'a Texts,
    cols: usize,
    select: &'a Callback<usize>,
}

impl View<'_> {
    fn row(&self, index: usize, entry: &Entry, selected: Option<usize>, found: Option<usize>) -> Html {
        let (texts, cols) = (self.texts, self.cols);
        let found = if found == Some(index) { " found" } else { "" };
        match entry {
            Entry::Session { .. } => html! {},
            Entry::Client { text, at, tls } => html! {
                <li class={format!("row client{found}")} data-from="client" key={index}>
                    <span class="time">{ clock(*at) }</span>
                    <span class="arrow" aria-hidden="true">{ if *tls { "~>" } else { "->" } }</span>
                    <span class="visually-hidden">{ t!(texts, "transcript-client") }{ " " }</span>
                    { line(&visible_controls(text), cols) }
                </li>
            },
            Entry::Event { note, at } => html! {
                <li class={format!("row event{found}")} data-from="event" key={index}>
                    <span class="time">{ clock(*at) }</span>
                    <span class="arrow" aria-hidden="true">{ "==" }</span>
                    { line(&note.say(texts), cols) }
                </li>
            },
            Entry::Server { reply, at, tls } => {
                let selected = selected == Some(index);
                let onclick = {
                    let select = self.select.clone();
                    Callback::from(move |_: MouseEvent| select.emit(index))
                };
                let class = format!(
                    "reply class-{}xx{}{found}",
                    reply.class().digit(),
                    if selected { " selected" } else { "" }
                );
                let arrow = if *tls { "<~" } else { "<-" };
                html! {
                    <li {class} data-from="server" key={index}>
                        <span class="time">{ clock(*at) }</span>
                        <button class="reply-lines" {onclick} aria-pressed={selected.to_string()}
                            title={t!(texts, "transcript-explain-reply")}>
                            { for reply.text_lines().iter().map(|text| html! {
                                <span class="line">
                                    <span class="arrow" aria-hidden="true">{ arrow }</span>
                                    { line(text, cols) }
                                </span>
                            }) }
                        </button>
                        <span class="badge">{ texts.get(&format!("{}.label", reply.class().message()), &[]) }</span>
                    </li>
                }
            }
        }
    }
}

/// One line of text, wrapped at `cols` characters: each piece a block of its own, so that
/// the text itself is unchanged (copying, finding, screen readers).
fn line(text: &str, cols: usize) -> Html {
    if wrap::count(text, cols) == 1 {
        return html! { <span class="text">{ text }</span> };
    }
    html! {
        <span class="text">
            { for wrap::wrap(text, cols).map(|piece| html! { <span class="wrap">{ piece }</span> }) }
        </span>
    }
}

/// Control characters a learner typed, made visible as escapes (`\0`, `\t`, `\x1b`).
pub(crate) fn visible_controls(text: &str) -> Cow<'_, str> {
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
