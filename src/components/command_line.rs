//! The command line: history, Tab completion of the verbs valid now, a hint for what is
//! being typed, and paste as one pipelined chunk.

use smtplab_engine::{Phase, ReplyKind, Verb, COMMANDS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_take_focus;
use crate::i18n::{use_texts, Texts};
use crate::state::{Action, Lab, Step};
use crate::t;
use crate::time::now_ms;

#[derive(Properties, PartialEq)]
pub struct CommandLineProps {
    pub lab: UseReducerHandle<Lab>,
    pub draft: UseStateHandle<String>,
    /// Take the keyboard focus on appearing (a message was just sent).
    #[prop_or_default]
    pub take_focus: bool,
}

/// The command input: Enter sends, Up/Down walk the history, Tab completes valid verbs.
#[function_component(CommandLine)]
pub fn command_line(props: &CommandLineProps) -> Html {
    let texts = use_texts();
    let (lab, draft) = (props.lab.clone(), props.draft.clone());
    let history_at = use_state(|| None::<usize>);
    let completions = use_state(Vec::<&'static str>::new);
    let input = use_node_ref();
    use_take_focus(&input, props.take_focus);
    let oninput = {
        let (draft, completions) = (draft.clone(), completions.clone());
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
            completions.set(Vec::new());
        })
    };
    let onkeydown = keys(&lab, &draft, &history_at, &completions);
    let onpaste = paste(&lab, &draft);
    html! {
        <div class="command">
            <label class="prompt">
                <span class="prompt-sign" aria-hidden="true">{ if lab.shown().session.tls_active() { "~>" } else { "->" } }</span>
                <input type="text" id="command" ref={input} aria-label={t!(texts, "command-input")} aria-describedby="hint" autocomplete="off"
                    spellcheck="false" autocapitalize="off" placeholder={t!(texts, "command-placeholder")}
                    value={(*draft).clone()} {oninput} {onkeydown} {onpaste} />
            </label>
            <p id="hint" class="hint" aria-live="polite">{ hint(&texts, &draft, lab.shown(), &completions) }</p>
        </div>
    }
}

/// Enter sends, Up/Down walk the history, Tab completes the verbs valid now.
fn keys(
    lab: &UseReducerHandle<Lab>,
    draft: &UseStateHandle<String>,
    history_at: &UseStateHandle<Option<usize>>,
    completions: &UseStateHandle<Vec<&'static str>>,
) -> Callback<KeyboardEvent> {
    let (lab, draft, history_at, completions) = (
        lab.clone(),
        draft.clone(),
        history_at.clone(),
        completions.clone(),
    );
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Enter" => {
            e.prevent_default();
            lab.dispatch(Action::Do(Step::Send {
                line: (*draft).clone(),
                now: now_ms(),
            }));
            draft.set(String::new());
            history_at.set(None);
            completions.set(Vec::new());
        }
        "ArrowUp" | "ArrowDown" => {
            e.prevent_default();
            let history = &lab.shown().history;
            let len = history.len();
            let at = history_step(&e.key(), *history_at, len);
            history_at.set(at);
            draft.set(
                at.and_then(|i| history.get(i))
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
            );
        }
        "Tab" if !draft.contains(' ') && !draft.is_empty() => {
            e.prevent_default();
            let options = complete(&draft, &lab.shown().accepted());
            if let [only] = options[..] {
                draft.set(completion_text(only));
            }
            completions.set(options);
        }
        _ => {}
    })
}

/// Where Up or Down moves in the history of `len` lines from `at` (`None`: the draft).
fn history_step(key: &str, at: Option<usize>, len: usize) -> Option<usize> {
    match (key, at) {
        ("ArrowUp", None) if len > 0 => Some(len - 1),
        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
        ("ArrowDown", Some(i)) if i + 1 < len => Some(i + 1),
        _ => None,
    }
}

/// Pasting several lines sends them as one pipelined chunk (after what was typed).
fn paste(lab: &UseReducerHandle<Lab>, draft: &UseStateHandle<String>) -> Callback<Event> {
    let (lab, draft) = (lab.clone(), draft.clone());
    Callback::from(move |e: Event| {
        let Some(text) = pasted_text(&e) else { return };
        let lines: Vec<String> = format!("{}{text}", *draft).lines().map(str::to_string).collect();
        if lines.len() > 1 {
            e.prevent_default();
            lab.dispatch(Action::Do(Step::Pipelined {
                lines: lines.into(),
                now: now_ms(),
            }));
            draft.set(String::new());
        }
    })
}

#[cfg(target_arch = "wasm32")]
fn pasted_text(e: &Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text")
        .ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn pasted_text(_: &Event) -> Option<String> {
    None
}

/// Verbs valid now whose name starts with what was typed.
pub fn complete(typed: &str, accepted: &[Verb]) -> Vec<&'static str> {
    let typed = typed.trim().to_ascii_uppercase();
    accepted
        .iter()
        .map(|v| v.name())
        .filter(|name| name.starts_with(&typed))
        .collect()
}

/// What Tab fills in: the verb and, where the syntax has one, its fixed part.
fn completion_text(name: &str) -> String {
    match name {
        "MAIL" => "MAIL FROM:<".into(),
        "RCPT" => "RCPT TO:<".into(),
        "DATA" | "RSET" | "QUIT" | "NOOP" | "STARTTLS" => name.into(),
        _ => format!("{name} "),
    }
}

fn hint(texts: &Texts, draft: &str, lab: &Lab, completions: &[&str]) -> Html {
    if !completions.is_empty() {
        return html! { <>{ t!(texts, "hint-valid-now") }{ " " }<strong>{ completions.join(", ") }</strong></> };
    }
    let word = draft.split([' ', ':']).next().unwrap_or_default();
    match lab.phase() {
        Phase::Closed => return html! { { t!(texts, "hint-closed") } },
        Phase::Auth => return html! { { t!(texts, "hint-auth") } },
        Phase::TlsHandshake => return html! { { t!(texts, "hint-handshake") } },
        _ => {}
    }
    if word.is_empty() {
        let valid: Vec<&str> = lab.accepted().iter().map(|v| v.name()).collect();
        return html! { { t!(texts, "hint-valid-tab", valid = valid.join(", ")) } };
    }
    match Verb::parse(word) {
        Some(verb) => {
            let spec = verb.spec();
            let summary = texts.get(spec.summary, &[]);
            let said = if lab.accepted().contains(&verb) {
                t!(texts, "hint-command-valid", summary = summary)
            } else {
                t!(texts, "hint-command-invalid", summary = summary)
            };
            html! { <><code>{ texts.get(spec.syntax, &[]) }</code>{ said }</> }
        }
        None if COMMANDS
            .iter()
            .any(|c| c.name.starts_with(&word.to_ascii_uppercase())) =>
        {
            html! { { t!(texts, "hint-press-tab") } }
        }
        None => {
            let refusal = lab.session.word(ReplyKind::Unrecognized {
                command: word.to_string(),
            });
            let answer = refusal.text_lines().join(" ");
            html! { { t!(texts, "hint-unknown", word = word, answer = answer) } }
        }
    }
}
