//! The page: the console on one side, the panels (explanation, references, AUTH helpers,
//! mailboxes, settings) on the other. Loading and saving the lab happen here.

use yew::prelude::*;

use crate::components::auth::AuthHelpers;
use crate::components::console::Console;
use crate::components::diagrams::Diagrams;
use crate::components::explain::Explain;
use crate::components::mailboxes::Mailboxes;
use crate::components::reference::{Codes, Commands};
use crate::components::settings::Settings;
use crate::components::timeline::Timeline;
use crate::now_ms;
use crate::state::{Action, Lab, Panel};
use crate::storage::{self, Loaded};

/// The lab from storage, or a fresh one with a notice saying why.
fn initial_lab() -> (Lab, Option<String>) {
    match storage::decode(storage::read(storage::KEY)) {
        Loaded::Restored(lab) => (*lab, None),
        Loaded::Nothing => (Lab::connected(now_ms(), now_ms()), None),
        Loaded::Broken { raw, why } => {
            let mut lab = Lab::connected(now_ms(), now_ms());
            lab.notice = Some(format!(
                "Your saved lab could not be read ({why}), so a fresh one was started."
            ));
            (lab, Some(raw))
        }
    }
}

/// Writes the lab if it changed since the last write.
fn save(
    unsaved: &std::rc::Rc<std::cell::RefCell<Option<UseReducerHandle<Lab>>>>,
) -> Option<Result<(), String>> {
    let lab = unsaved.borrow_mut().take()?;
    Some(storage::write(storage::KEY, &storage::encode(&lab)))
}

#[function_component(App)]
pub fn app() -> Html {
    let broken = use_state(|| None::<String>);
    let lab = {
        let broken = broken.clone();
        use_reducer(move || {
            let (lab, raw) = initial_lab();
            if raw.is_some() {
                broken.set(raw);
            }
            lab
        })
    };
    let draft = use_state(|| storage::read(storage::DRAFT_KEY).unwrap_or_default());
    let save_error = use_state(|| None::<String>);
    let pending_save = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let unsaved = use_mut_ref(|| None::<UseReducerHandle<Lab>>);
    {
        // Saving serialises the whole lab: do it once typing pauses, not on every reply,
        // and at once when the page is hidden or closed.
        let (save_error, unsaved) = (save_error.clone(), unsaved.clone());
        use_effect_with(lab.clone(), move |lab| {
            *unsaved.borrow_mut() = Some(lab.clone());
            let timer = gloo::timers::callback::Timeout::new(400, move || {
                if let Some(result) = save(&unsaved) {
                    if result.as_ref().err() != save_error.as_ref() {
                        save_error.set(result.err());
                    }
                }
            });
            *pending_save.borrow_mut() = Some(timer);
        });
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                ["pagehide", "visibilitychange"].map(|name| {
                    let unsaved = unsaved.clone();
                    gloo::events::EventListener::new(&window, name, move |_| {
                        save(&unsaved);
                    })
                })
            });
            move || drop(listeners)
        });
    }
    use_effect_with((*draft).clone(), |draft| {
        let _ = storage::write(storage::DRAFT_KEY, draft);
    });
    let insert = {
        let draft = draft.clone();
        Callback::from(move |text: String| draft.set(text))
    };
    let tab = |panel: Panel, label: &'static str| {
        let lab = lab.clone();
        let selected = lab.panel == panel;
        html! {
            <button role="tab" aria-selected={selected.to_string()} aria-controls="panel"
                class={if selected { "tab selected" } else { "tab" }}
                onclick={Callback::from(move |_: MouseEvent| lab.dispatch(Action::Open(panel)))}>{ label }</button>
        }
    };
    let panel = match lab.panel {
        Panel::Explain => html! { <Explain lab={lab.clone()} /> },
        Panel::Commands => html! { <Commands lab={lab.clone()} insert={insert.clone()} /> },
        Panel::Codes => html! { <Codes /> },
        Panel::Auth => html! { <AuthHelpers lab={lab.clone()} insert={insert.clone()} /> },
        Panel::Mailboxes => html! { <Mailboxes lab={lab.clone()} /> },
        Panel::Settings => html! { <Settings lab={lab.clone()} /> },
    };
    let dismiss = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(Action::DismissNotice))
    };
    html! {
        <main class="lab">
            <header class="lab-header">
                <h1>{ "smtplab" }</h1>
                <p class="tagline">{ "Type SMTP to a simulated mail server. It answers like Postfix 3.7, and explains every reply." }</p>
            </header>
            if let Some(notice) = &lab.notice {
                <div class="notice" role="alert">
                    { notice }
                    if let Some(raw) = &*broken {
                        { " " }<a download="smtplab-unreadable-save.json" href={storage::data_url("application/json", raw)}>
                            { "Download the unreadable data" }</a>
                    }
                    { " " }<button onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if let Some(problem) = &*save_error {
                <div class="notice" role="alert">{ format!("Your lab is not being saved: {problem}. Export the transcript to keep it.") }</div>
            }
            <div class="columns">
                <Console lab={lab.clone()} draft={draft.clone()} />
                <aside class="panels" aria-label="Help">
                    <div role="tablist" aria-label="Panels" class="tabs">
                        { tab(Panel::Explain, "Explain") }
                        { tab(Panel::Commands, "Commands") }
                        { tab(Panel::Codes, "Reply codes") }
                        { tab(Panel::Auth, "AUTH helpers") }
                        { tab(Panel::Mailboxes, "Mailboxes") }
                        { tab(Panel::Settings, "Settings") }
                    </div>
                    <div id="panel" role="tabpanel" class="panel">{ panel }</div>
                </aside>
            </div>
            <Timeline lab={lab.clone()} />
            <Diagrams lab={lab.clone()} />
        </main>
    }
}
