//! The console: connection controls, the transcript, and the input (a command line, or
//! the message composer after 354).

use smtplab_engine::{Phase, Verb, COMMANDS};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{clock, LabProps};
use crate::state::{dot_stuff, Action, Entry, Lab};
use crate::{now_ms, storage};

/// How many entries are drawn before "Show earlier" (keeps a long session fast).
const VISIBLE: usize = 300;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lab: UseReducerHandle<Lab>,
    pub draft: UseStateHandle<String>,
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let lab = &props.lab;
    let act = |make: fn(u64) -> Action| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(make(now_ms())))
    };
    let clear = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(Action::Clear))
    };
    let shown = lab.shown();
    let closed = shown.phase() == Phase::Closed;
    html! {
        <section class="console" aria-label="Console">
            <div class="controls" role="toolbar" aria-label="Connection">
                <button onclick={act(|now| Action::Connect { now })}>{ if closed { "Connect" } else { "Reconnect" } }</button>
                <button onclick={act(|now| Action::Disconnect { now })} disabled={closed}>{ "Disconnect" }</button>
                <button class="tls" onclick={act(|now| Action::Handshake { now })} disabled={!lab.tls_pending()}>
                    { "Start TLS handshake" }
                </button>
                <button onclick={clear}>{ "Clear" }</button>
                <Export lab={lab.clone()} />
            </div>
            <Transcript lab={lab.clone()} />
            if shown.phase() == Phase::Data {
                <Composer lab={lab.clone()} />
            } else {
                <CommandLine lab={lab.clone()} draft={props.draft.clone()} />
            }
            <Status lab={lab.clone()} />
        </section>
    }
}

/// The conversation, swaks style: `->`/`<-`, and `~>`/`<~` once TLS is active.
#[function_component(Transcript)]
pub fn transcript(props: &LabProps) -> Html {
    let handle = &props.lab;
    let lab = handle.shown();
    let show_all = use_state(|| false);
    let list = use_node_ref();
    {
        // Keep the newest line in view.
        let list = list.clone();
        use_effect_with(lab.entries.len(), move |_| {
            if let Some(list) = list.cast::<web_sys::Element>() {
                list.set_scroll_top(list.scroll_height());
            }
        });
    }
    let total = lab.entries.len();
    let first = if *show_all {
        0
    } else {
        total.saturating_sub(VISIBLE)
    };
    let earlier = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    html! {
        <>
            if first > 0 {
                <button class="earlier" onclick={earlier}>{ format!("Show {first} earlier entries") }</button>
            }
            <ol class="transcript" role="log" aria-label="Transcript" aria-live="polite" ref={list}>
                { for lab.entries[first..].iter().enumerate().map(|(i, entry)| row(handle, first + i, entry)) }
            </ol>
        </>
    }
}

fn row(lab: &UseReducerHandle<Lab>, index: usize, entry: &Entry) -> Html {
    match entry {
        Entry::Session { .. } => html! {},
        Entry::Client { text, at, tls } => html! {
            <li class="row client" data-from="client" key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ if *tls { "~>" } else { "->" } }</span>
                <span class="visually-hidden">{ "client: " }</span>
                <span class="text">{ visible_controls(text) }</span>
            </li>
        },
        Entry::Event { text, at } => html! {
            <li class="row event" data-from="event" key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ "==" }</span>
                <span class="text">{ text }</span>
            </li>
        },
        Entry::Server { reply, at, tls } => {
            let selected = lab.shown().explained().is_some_and(|(i, _)| i == index);
            let onclick = {
                let lab = lab.clone();
                Callback::from(move |_: MouseEvent| lab.dispatch(Action::Select(Some(index))))
            };
            let class = format!(
                "reply class-{}xx{}",
                reply.class().digit(),
                if selected { " selected" } else { "" }
            );
            let label = format!("Explain reply {} ({})", reply.code, reply.class().label());
            html! {
                <li class={class} data-from="server" key={index}>
                    <span class="time">{ clock(*at) }</span>
                    <button class="reply-lines" {onclick} aria-pressed={selected.to_string()} aria-label={label}>
                        { for reply.text_lines().into_iter().map(|line| html! {
                            <span class="line">
                                <span class="arrow" aria-hidden="true">{ if *tls { "<~" } else { "<-" } }</span>
                                <span class="text">{ line }</span>
                            </span>
                        }) }
                    </button>
                    <span class="badge">{ reply.class().label() }</span>
                </li>
            }
        }
    }
}

/// Control characters a learner typed, made visible as escapes (`\0`, `\t`, `\x1b`).
fn visible_controls(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\0' => "\\0".to_string(),
            '\t' => "\\t".to_string(),
            c if (c as u32) < 32 || c == '\u{7f}' => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct CommandLineProps {
    pub lab: UseReducerHandle<Lab>,
    pub draft: UseStateHandle<String>,
}

/// The command input: Enter sends, Up/Down walk the history, Tab completes valid verbs.
#[function_component(CommandLine)]
pub fn command_line(props: &CommandLineProps) -> Html {
    let (lab, draft) = (props.lab.clone(), props.draft.clone());
    let history_at = use_state(|| None::<usize>);
    let completions = use_state(Vec::<&'static str>::new);
    let oninput = {
        let (draft, completions) = (draft.clone(), completions.clone());
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
            completions.set(Vec::new());
        })
    };
    let onkeydown = {
        let (lab, draft, history_at, completions) = (
            lab.clone(),
            draft.clone(),
            history_at.clone(),
            completions.clone(),
        );
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                lab.dispatch(Action::Send {
                    line: (*draft).clone(),
                    now: now_ms(),
                });
                draft.set(String::new());
                history_at.set(None);
                completions.set(Vec::new());
            }
            "ArrowUp" | "ArrowDown" => {
                e.prevent_default();
                let history = &lab.shown().history;
                let len = history.len();
                let at = match (e.key().as_str(), *history_at) {
                    ("ArrowUp", None) if len > 0 => Some(len - 1),
                    ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                    ("ArrowDown", Some(i)) if i + 1 < len => Some(i + 1),
                    _ => None,
                };
                history_at.set(at);
                draft.set(at.and_then(|i| history.get(i)).cloned().unwrap_or_default());
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
    };
    let onpaste = {
        let (lab, draft) = (lab.clone(), draft.clone());
        Callback::from(move |e: Event| {
            let Some(text) = pasted_text(&e) else { return };
            let lines: Vec<String> = format!("{}{text}", *draft).lines().map(str::to_string).collect();
            if lines.len() > 1 {
                e.prevent_default();
                lab.dispatch(Action::SendPipelined { lines, now: now_ms() });
                draft.set(String::new());
            }
        })
    };
    html! {
        <div class="command">
            <label class="prompt">
                <span class="prompt-sign" aria-hidden="true">{ if lab.shown().session.tls_active() { "~>" } else { "->" } }</span>
                <input type="text" aria-label="SMTP command" aria-describedby="hint" autocomplete="off"
                    spellcheck="false" autocapitalize="off" placeholder="e.g. EHLO client.example.org, then Enter"
                    value={(*draft).clone()} {oninput} {onkeydown} {onpaste} />
            </label>
            <p id="hint" class="hint" aria-live="polite">{ hint(&draft, lab.shown(), &completions) }</p>
        </div>
    }
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

fn hint(draft: &str, lab: &Lab, completions: &[&str]) -> Html {
    if !completions.is_empty() {
        return html! { <>{ "Valid now: " }<strong>{ completions.join(", ") }</strong></> };
    }
    let word = draft.split([' ', ':']).next().unwrap_or_default();
    match lab.phase() {
        Phase::Closed => {
            return html! { { "The connection is closed. Press Connect to start a new session." } }
        }
        Phase::Auth => {
            return html! { { "The server waits for the base64 answer to its 334 challenge (* cancels). The AUTH helpers build it." } }
        }
        Phase::TlsHandshake => {
            return html! { { "Press “Start TLS handshake”; the server reads nothing else until then." } }
        }
        _ => {}
    }
    if word.is_empty() {
        let valid: Vec<&str> = lab.accepted().iter().map(|v| v.name()).collect();
        return html! { <>{ "Valid now: " }{ valid.join(", ") }{ ". Tab completes." }</> };
    }
    match Verb::parse(word) {
        Some(verb) => {
            let spec = verb.spec();
            let now = if lab.accepted().contains(&verb) {
                "valid now"
            } else {
                "not valid now"
            };
            html! { <><code>{ spec.syntax }</code>{ format!(" — {now}. {}", spec.summary) }</> }
        }
        None if COMMANDS
            .iter()
            .any(|c| c.name.starts_with(&word.to_ascii_uppercase())) =>
        {
            html! { { "Press Tab to complete." } }
        }
        None => html! { { format!("{word} is not an SMTP command; the server will answer 500.") } },
    }
}

/// After 354: a multi-line composer that shows CRLFs and dot-stuffing before sending.
#[function_component(Composer)]
pub fn composer(props: &LabProps) -> Html {
    let lab = props.lab.clone();
    let text = use_state(String::new);
    let raw = use_state(|| false);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let toggle = {
        let raw = raw.clone();
        Callback::from(move |_: Event| raw.set(!*raw))
    };
    let send = {
        let (lab, text, raw) = (lab.clone(), text.clone(), raw.clone());
        Callback::from(move |_: MouseEvent| {
            lab.dispatch(Action::SendMessage {
                text: (*text).clone(),
                raw: *raw,
                now: now_ms(),
            });
            text.set(String::new());
        })
    };
    let wire = if *raw { (*text).clone() } else { dot_stuff(&text) };
    html! {
        <div class="composer">
            <label for="message">{ "Message (headers, a blank line, the body)" }</label>
            <textarea id="message" aria-label="Message" rows="8" spellcheck="false" value={(*text).clone()} {oninput}
                placeholder={"Subject: Hello\nFrom: you@example.org\n\nThe body. A line with a single dot ends the message."} />
            { for warnings(&text).into_iter().map(|w| html! { <p class="warning" role="note">{ w }</p> }) }
            <details open=true>
                <summary>{ "What goes on the wire" }</summary>
                <pre class="wire" aria-label="Wire preview">{ show_wire(&wire) }</pre>
            </details>
            <div class="composer-actions">
                <label><input type="checkbox" checked={*raw} onchange={toggle} />
                    { " Raw: send exactly what I typed (bare LF, no dot-stuffing, no final dot)" }</label>
                <button class="primary" onclick={send}>{ if *raw { "Send raw bytes" } else { "Send message" } }</button>
            </div>
        </div>
    }
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
        out.push("No blank line: everything will be read as headers. Leave an empty line before the body.");
    }
    if lines.iter().any(|l| l.starts_with('.')) {
        out.push(
            "Lines starting with a dot get a second dot on the wire (dot-stuffing); the server removes it.",
        );
    }
    out
}

#[function_component(Status)]
fn status(props: &LabProps) -> Html {
    let lab = props.lab.shown();
    let user = lab
        .session
        .authenticated_as()
        .map_or("no".to_string(), |u| format!("as {u}"));
    html! {
        <p class="status">
            <span class="pill">{ format!("Phase: {:?}", lab.phase()) }</span>
            <span class="pill">{ if lab.session.tls_active() { "TLS: on" } else { "TLS: off" } }</span>
            <span class="pill">{ format!("Authenticated: {user}") }</span>
            <span class="pill">{ format!("Errors: {}", lab.session.error_count()) }</span>
        </p>
    }
}

/// Downloads of the transcript: swaks style, C:/S:, and JSON; and importing JSON. The
/// downloads are built only while the menu is open (they are as big as the transcript).
#[function_component(Export)]
fn export(props: &LabProps) -> Html {
    let open = use_state(|| false);
    let import = use_state(String::new);
    let error = use_state(|| None::<String>);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open())
        })
    };
    let oninput = {
        let import = import.clone();
        Callback::from(move |e: InputEvent| {
            import.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let load = {
        let (lab, import, error) = (props.lab.clone(), import.clone(), error.clone());
        Callback::from(
            move |_: MouseEvent| match serde_json::from_str::<Vec<Entry>>(&import) {
                Ok(entries) => {
                    error.set(None);
                    import.set(String::new());
                    lab.dispatch(Action::Import {
                        entries,
                        now: now_ms(),
                    });
                }
                Err(e) => error.set(Some(format!("Not a smtplab JSON transcript: {e}"))),
            },
        )
    };
    let links = if *open {
        let entries = &props.lab.shown().entries;
        let swaks = storage::data_url("text/plain", &transcript_text(entries, true));
        let cs = storage::data_url("text/plain", &transcript_text(entries, false));
        let json = storage::data_url(
            "application/json",
            &serde_json::to_string_pretty(entries).unwrap_or_default(),
        );
        html! {
            <div class="export-menu">
                <a download="smtplab-transcript.txt" href={swaks}>{ "Text (swaks style)" }</a>
                <a download="smtplab-transcript.smtp" href={cs}>{ "Text (C:/S:)" }</a>
                <a download="smtplab-transcript.json" href={json}>{ "JSON" }</a>
                <label for="import">{ "Import a JSON transcript" }</label>
                <textarea id="import" rows="3" value={(*import).clone()} {oninput} placeholder="Paste an exported JSON transcript" />
                <button onclick={load}>{ "Import" }</button>
                if let Some(message) = &*error {
                    <p class="error" role="alert">{ message }</p>
                }
            </div>
        }
    } else {
        html! {}
    };
    html! {
        <details class="export" {ontoggle}>
            <summary>{ "Export / import" }</summary>
            { links }
        </details>
    }
}

/// The transcript as text: swaks arrows, or `C:`/`S:` as in RFC examples.
pub fn transcript_text(entries: &[Entry], swaks: bool) -> String {
    let mut out = String::new();
    for entry in entries {
        match entry {
            Entry::Client { text, tls, .. } => {
                let mark = if !swaks {
                    "C:"
                } else if *tls {
                    " ~>"
                } else {
                    " ->"
                };
                out.push_str(&format!("{mark} {text}\n"));
            }
            Entry::Server { reply, tls, .. } => {
                for line in reply.text_lines() {
                    let mark = if !swaks {
                        "S:"
                    } else if *tls {
                        "<~ "
                    } else {
                        "<- "
                    };
                    out.push_str(&format!("{mark} {line}\n"));
                }
            }
            Entry::Event { text, .. } => {
                out.push_str(&format!("{} {text}\n", if swaks { "===" } else { "#" }))
            }
            Entry::Session { .. } => {}
        }
    }
    out
}
