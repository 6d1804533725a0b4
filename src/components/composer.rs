//! After 354: the message composer, which shows the CRLFs and the dot-stuffing of what
//! will be sent. What is typed is the lab page's message draft (kept across reloads and
//! whatever replaces the composer, see `crate::drafts`); sending clears it. Ctrl+Enter
//! (Cmd+Enter) sends as the button does.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::use_take_focus;
use crate::i18n::use_texts;
use crate::state::{dot_stuff, Action, Lab, Step};
use crate::storage::MessageDraft;
use crate::t;
use crate::time::now_ms;

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub lab: UseReducerHandle<Lab>,
    pub draft: UseStateHandle<MessageDraft>,
    /// Take the keyboard focus on appearing (the session has just entered DATA).
    #[prop_or_default]
    pub take_focus: bool,
}

/// After 354: a multi-line composer that shows CRLFs and dot-stuffing before sending.
#[function_component(Composer)]
pub fn composer(props: &ComposerProps) -> Html {
    let texts = use_texts();
    let draft = props.draft.clone();
    let area = use_node_ref();
    use_take_focus(&area, props.take_focus);
    let oninput = change(&draft, |draft, e: InputEvent| {
        draft.text = e.target_unchecked_into::<HtmlTextAreaElement>().value()
    });
    let toggle = change(&draft, |draft, _: Event| draft.raw = !draft.raw);
    let send = send(&props.lab, &draft);
    let onkeydown = send_on_ctrl_enter(&send);
    let (text, raw) = (&draft.text, draft.raw);
    let wire = if raw { text.clone() } else { dot_stuff(text) };
    let placeholder = format!(
        "Subject: Hello\nFrom: you@example.org\n\n{}",
        t!(texts, "composer-placeholder-body")
    );
    html! {
        <div class="composer">
            <label for="message">{ t!(texts, "composer-label") }</label>
            <textarea id="message" ref={area} aria-label={t!(texts, "composer-message")} aria-describedby="composer-keys"
                rows="8" spellcheck="false" value={text.clone()} {oninput} {onkeydown} {placeholder} />
            <p id="composer-keys" class="hint">{ t!(texts, "composer-keys") }</p>
            // One node however many warnings: the textarea keeps its place (and the focus).
            <>{ for warnings(text).into_iter().map(|w| html! { <p class="warning" role="note">{ texts.get(w, &[]) }</p> }) }</>
            <details open=true>
                <summary>{ t!(texts, "composer-wire") }</summary>
                <pre class="wire" aria-label={t!(texts, "composer-wire-preview")}>{ show_wire(&wire) }</pre>
            </details>
            <div class="composer-actions">
                <label><input type="checkbox" checked={raw} onchange={toggle} />
                    { " " }{ t!(texts, "composer-raw") }</label>
                <button class="primary" onclick={send.reform(|_: MouseEvent| ())}>
                    { if raw { t!(texts, "composer-send-raw") } else { t!(texts, "composer-send") } }</button>
            </div>
        </div>
    }
}

/// A handler that changes the draft with `edit`.
fn change<E: 'static>(
    draft: &UseStateHandle<MessageDraft>,
    edit: impl Fn(&mut MessageDraft, E) + 'static,
) -> Callback<E> {
    let draft = draft.clone();
    Callback::from(move |e: E| {
        let mut changed = (*draft).clone();
        edit(&mut changed, e);
        draft.set(changed);
    })
}

/// Ctrl+Enter, or Cmd+Enter on a Mac, sends (Enter alone is a new line of the message).
fn send_on_ctrl_enter(send: &Callback<()>) -> Callback<KeyboardEvent> {
    let send = send.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            send.emit(());
        }
    })
}

/// Sends the draft as the message, and clears it.
fn send(lab: &UseReducerHandle<Lab>, draft: &UseStateHandle<MessageDraft>) -> Callback<()> {
    let (lab, draft) = (lab.clone(), draft.clone());
    Callback::from(move |()| {
        lab.dispatch(Action::Do(Step::Message {
            text: draft.text.clone(),
            raw: draft.raw,
            now: now_ms(),
        }));
        draft.set(MessageDraft::default());
    })
}

/// The bytes with CR and LF written out as `\r\n`.
fn show_wire(wire: &str) -> String {
    wire.replace('\r', "\\r").replace('\n', "\\n\n")
}

fn warnings(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let header_like = |l: &str| {
        l.split_once(':')
            .is_some_and(|(n, _)| !n.is_empty() && !n.contains(' '))
    };
    if lines.first().is_some_and(|l| header_like(l)) && !lines.iter().any(|l| l.trim().is_empty()) {
        out.push("composer-warning-no-blank-line");
    }
    if lines.iter().any(|l| l.starts_with('.')) {
        out.push("composer-warning-dot-stuffing");
    }
    out
}
