//! Export and import of the transcript: swaks style, C:/S:, and JSON.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{error_line, menu, use_menu_open, LabProps};
use crate::state::{Action, Entry};
use crate::{now_ms, storage};

/// Downloads of the transcript: swaks style, C:/S:, and JSON; and importing JSON. The
/// downloads are built only while the menu is open (they are as big as the transcript).
#[function_component(Export)]
pub fn export(props: &LabProps) -> Html {
    let (open, ontoggle) = use_menu_open();
    let import = use_state(String::new);
    let error = use_state(|| None::<String>);
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
    let links = if open {
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
                { error_line(&error) }
            </div>
        }
    } else {
        html! {}
    };
    menu("export", "Export / import", ontoggle, links)
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
