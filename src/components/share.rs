//! Sharing and keeping a lab: a link that replays the session (`crate::share`), and the
//! whole lab (world, session, steps, mailboxes) saved to and opened from one JSON file.
//! The link and the file are built only while the menu is open.

use yew::prelude::*;

use super::{error_line, menu, use_menu_open};
use crate::state::Lab;
use crate::storage::{self, Loaded};

/// Largest lab file opened (a saved lab with big mailboxes is a few MB).
const MAX_LAB_FILE: f64 = 32.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub lab: UseReducerHandle<Lab>,
    /// Takes the lab read from a file (the page puts the current one aside).
    pub open_lab: Callback<Box<Lab>>,
}

/// The address of the full lab that replays this session.
pub fn full_lab_url(lab: &Lab) -> String {
    let base = page_address();
    format!(
        "{base}#{}{}",
        crate::share::FRAGMENT_KEY,
        crate::share::encode(lab)
    )
}

/// This page's address without query or fragment.
fn page_address() -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        return format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
    }
    "index.html".into()
}

/// The file input's change: reads the picked lab file and opens it, or says why not.
fn open_file(open_lab: &Callback<Box<Lab>>, error: &UseStateHandle<Option<String>>) -> Callback<Event> {
    let (open_lab, error) = (open_lab.clone(), error.clone());
    Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_LAB_FILE {
            let tenths = (file.size() * 10.0 / 1048576.0) as u64;
            error.set(Some(format!(
                "{} is too big for a lab file ({}.{} MB; at most 32 MB).",
                file.name(),
                tenths / 10,
                tenths % 10
            )));
            return;
        }
        let (open_lab, error, name) = (open_lab.clone(), error.clone(), file.name());
        storage::read_file(file, move |text| match text.map(|t| storage::decode(Some(t))) {
            Ok(Loaded::Restored(lab)) => {
                error.set(None);
                open_lab.emit(lab);
            }
            Ok(Loaded::Broken { why, .. }) => {
                error.set(Some(format!("{name} is not a smtplab lab file: {why}.")))
            }
            Ok(Loaded::Nothing) => {}
            Err(why) => error.set(Some(format!("{name} could not be read: {why}."))),
        });
    })
}

#[function_component(Share)]
pub fn share(props: &ShareProps) -> Html {
    let (open, ontoggle) = use_menu_open();
    let copied = use_state(|| false);
    let error = use_state(|| None::<String>);
    let lab = &props.lab;
    let link = use_memo((open, lab.steps.len(), lab.origin.2), |(open, ..)| {
        if *open {
            full_lab_url(lab)
        } else {
            String::new()
        }
    });
    let copy = {
        let (link, copied) = (link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            copy_text(&link);
            copied.set(true);
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>().select();
    });
    let onchange = open_file(&props.open_lab, &error);
    let contents = if open {
        let saved = storage::data_url("application/json", &storage::encode(lab));
        html! {
            <div class="share-menu">
                <label for="share-link">{ "Link that replays this session" }</label>
                <input id="share-link" readonly=true value={(*link).clone()} onfocus={select_all} />
                <p class="small">
                    { format!("{} characters. ", link.len()) }
                    { "It holds the world, the seed and every step; opening it replays the session, offline too." }
                </p>
                <button onclick={copy}>{ if *copied { "Copied" } else { "Copy link" } }</button>
                <hr />
                <a download="smtplab-lab.json" href={saved}>{ "Save the whole lab as a file" }</a>
                <label for="open-lab">{ "Open a lab file" }</label>
                <input id="open-lab" type="file" accept=".json,application/json" {onchange} />
                { error_line(&error) }
            </div>
        }
    } else {
        html! {}
    };
    menu("share", "Share / save", ontoggle, contents)
}

/// Puts text on the clipboard (the link field stays selectable where this is refused).
pub fn copy_text(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}
