//! Sharing and keeping a lab: a link that replays the session (`crate::share`), and the
//! whole lab (world, session, steps, mailboxes) saved to and opened from one JSON file.
//! The link and the file are built only while the menu is open.

use yew::prelude::*;

use super::{error_line, menu, use_menu};
use crate::i18n::{use_texts, Note};
use crate::state::Lab;
use crate::storage::{self, Loaded};
use crate::{note, t};

/// Largest lab file opened (a saved lab with big mailboxes is a few MB).
const MAX_LAB_FILE: f64 = 32.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub lab: UseReducerHandle<Lab>,
    /// Takes the lab read from a file (the page puts the current one aside).
    pub open_lab: Callback<Box<Lab>>,
    /// The storage key of the lab put aside (for a link or a file), if there is one.
    pub aside: AttrValue,
    /// Swaps the lab shown with the one put aside.
    pub swap: Callback<MouseEvent>,
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
fn open_file(open_lab: &Callback<Box<Lab>>, error: &UseStateHandle<Option<Note>>) -> Callback<Event> {
    let (open_lab, error) = (open_lab.clone(), error.clone());
    Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_LAB_FILE {
            let tenths = (file.size() * 10.0 / 1048576.0) as u64;
            error.set(Some(note!(
                "share-file-too-big",
                name = file.name(),
                mb = tenths / 10,
                tenth = tenths % 10,
                max = "32"
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
                error.set(Some(note!("share-file-not-lab", name = name, why = why)))
            }
            Ok(Loaded::Nothing) => {}
            // The only way it fails: the browser could not read it as text.
            Err(_) => error.set(Some(note!("share-file-unreadable", name = name))),
        });
    })
}

/// The steps of the lab put aside under `key`, read (and replayed) once per opening of
/// the menu or change of lab. None during a lesson, whose own bookkeeping would put the
/// lesson back over a lab brought back.
#[hook]
fn use_aside_steps(lab: &Lab, open: bool, key: &AttrValue) -> std::rc::Rc<Option<usize>> {
    let deps = (
        open,
        lab.steps.len(),
        lab.origin.2,
        lab.grading.is_some(),
        key.clone(),
    );
    use_memo(deps, |(open, _, _, in_lesson, key)| {
        let raw = storage::read(key).filter(|_| *open && !*in_lesson);
        match storage::decode(raw) {
            Loaded::Restored(aside) => Some(aside.steps.len()),
            _ => None,
        }
    })
}

#[function_component(Share)]
pub fn share(props: &ShareProps) -> Html {
    let texts = use_texts();
    let handle = use_menu();
    let open = handle.open;
    let copied = use_state(|| false);
    let error = use_state(|| None::<Note>);
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
    let aside_steps = use_aside_steps(lab, open, &props.aside);
    let contents = if open {
        let saved = storage::data_url("application/json", &storage::encode(lab));
        html! {
            <div class="share-menu">
                <label for="share-link">{ t!(texts, "share-link") }</label>
                <input id="share-link" readonly=true value={(*link).clone()} onfocus={select_all} />
                <p class="small">
                    { t!(texts, "share-link-length", count = link.len()) }{ " " }
                    { t!(texts, "share-link-note") }
                </p>
                <button onclick={copy}>{ if *copied { t!(texts, "share-copied") } else { t!(texts, "share-copy") } }</button>
                <hr />
                <a download="smtplab-lab.json" href={saved}>{ t!(texts, "share-save") }</a>
                <label for="open-lab">{ t!(texts, "share-open") }</label>
                <input id="open-lab" type="file" accept=".json,application/json" {onchange} />
                { error_line(&error.as_ref().map(|why| why.say(&texts))) }
                if let Some(steps) = *aside_steps {
                    <hr />
                    <button onclick={props.swap.clone()}>{ t!(texts, "share-bring-back", steps = steps) }</button>
                }
            </div>
        }
    } else {
        html! {}
    };
    menu("share", t!(texts, "share-menu"), &handle, contents)
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
