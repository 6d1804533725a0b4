//! "Let time pass": the lab's clock moves on at once, with nothing sent, so that a
//! learner can see greylisting's retry succeed or the idle timeout close the session
//! without waiting for real.

use yew::prelude::*;

use super::{menu, use_menu_open, LabProps};
use crate::i18n::use_texts;
use crate::state::{duration, Action, Step};
use crate::t;
use crate::time::now_ms;

/// The spans offered: a short pause, a greylisting delay, Postfix's idle timeout, an hour.
const SPANS_MS: [u64; 4] = [10_000, 60_000, 5 * 60_000, 3_600_000];

#[function_component(Wait)]
pub fn wait(props: &LabProps) -> Html {
    let texts = use_texts();
    let (open, ontoggle) = use_menu_open();
    let closed = props.lab.shown().phase() == smtplab_engine::Phase::Closed;
    let contents = if open {
        html! {
            <div class="export-menu" role="group" aria-label={t!(texts, "wait-menu")}>
                <p class="hint">{ t!(texts, "wait-explained") }</p>
                { for SPANS_MS.iter().map(|&ms| {
                    let lab = props.lab.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        lab.dispatch(Action::Do(Step::Wait { ms, now: now_ms() }));
                        close_menu(&e);
                    });
                    html! { <button {onclick} disabled={closed}>{ duration(ms).say(&texts) }</button> }
                }) }
            </div>
        }
    } else {
        html! {}
    };
    menu("export wait", t!(texts, "wait-menu"), ontoggle, contents)
}

/// Closes the menu a click came from, so that the transcript shows what happened.
fn close_menu(e: &MouseEvent) {
    let menu = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|button| button.closest("details").ok().flatten())
        .and_then(|details| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDetailsElement>(details).ok());
    if let Some(menu) = menu {
        menu.set_open(false);
    }
}
