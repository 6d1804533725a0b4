//! "Let time pass": the lab's clock moves on at once, with nothing sent, so that a
//! learner can see greylisting's retry succeed or the idle timeout close the session
//! without waiting for real.

use yew::prelude::*;

use super::{menu, use_menu, LabProps};
use crate::i18n::use_texts;
use crate::state::{duration, Action, Step};
use crate::t;
use crate::time::now_ms;

/// The spans offered: a short pause, a greylisting delay, Postfix's idle timeout, an hour.
const SPANS_MS: [u64; 4] = [10_000, 60_000, 5 * 60_000, 3_600_000];

#[function_component(Wait)]
pub fn wait(props: &LabProps) -> Html {
    let texts = use_texts();
    let handle = use_menu();
    let closed = props.lab.shown().phase() == smtplab_engine::Phase::Closed;
    let contents = if handle.open {
        html! {
            <div class="export-menu" role="group" aria-label={t!(texts, "wait-menu")}>
                <p class="hint">{ t!(texts, "wait-explained") }</p>
                { for SPANS_MS.iter().map(|&ms| {
                    let (lab, handle) = (props.lab.clone(), handle.clone());
                    let onclick = Callback::from(move |_: MouseEvent| {
                        lab.dispatch(Action::Do(Step::Wait { ms, now: now_ms() }));
                        handle.close(); // so that the transcript shows what happened
                    });
                    html! { <button {onclick} disabled={closed}>{ duration(ms).say(&texts) }</button> }
                }) }
            </div>
        }
    } else {
        html! {}
    };
    menu("export wait", t!(texts, "wait-menu"), &handle, contents)
}
