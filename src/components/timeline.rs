//! Step back through the session, branch from any point, or replay it as an animation.
//! Each step shown is rebuilt by replaying the recorded steps (the engine is deterministic).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::LabProps;

use crate::i18n::use_texts;
use crate::state::{Action, Lab};
use crate::t;

#[function_component(Timeline)]
pub fn timeline(props: &LabProps) -> Html {
    let texts = use_texts();
    let lab = props.lab.clone();
    let total = lab.steps.len();
    let at = lab.view.as_ref().map_or(total, |(count, _)| *count);
    let speed = use_state(|| 2u32);
    let player: Rc<RefCell<Option<Interval>>> = use_mut_ref(|| None);
    let go = |count: usize| {
        let lab = lab.clone();
        let player = player.clone();
        Callback::from(move |_: MouseEvent| {
            player.borrow_mut().take();
            lab.dispatch(Action::View((count < total).then_some(count)));
        })
    };
    let onslide = {
        let lab = lab.clone();
        Callback::from(move |e: InputEvent| {
            let count: usize = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(total);
            lab.dispatch(Action::View((count < total).then_some(count)));
        })
    };
    let replay = replay(&lab, &player, &speed, total);
    let onspeed = {
        let speed = speed.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            speed.set(value.parse().unwrap_or(2))
        })
    };
    html! {
        <section class="timeline" aria-label={t!(texts, "timeline-label")}>
            <button onclick={go(at.saturating_sub(1))} disabled={at == 0}>{ "◀ " }{ t!(texts, "timeline-back") }</button>
            <input type="range" min="0" max={total.to_string()} value={at.to_string()} aria-label={t!(texts, "timeline-step")} oninput={onslide} />
            <button onclick={go(at + 1)} disabled={at >= total}>{ t!(texts, "timeline-forward") }{ " ▶" }</button>
            <button onclick={go(total)} disabled={at >= total}>{ t!(texts, "timeline-live") }</button>
            <button onclick={replay} disabled={total == 0}>{ t!(texts, "timeline-replay") }</button>
            <label>{ t!(texts, "timeline-speed") }{ " " }<select aria-label={t!(texts, "timeline-speed.aria-label")} onchange={onspeed}>
                { for [1u32, 2, 5].into_iter().map(|n| html! {
                    <option value={n.to_string()} selected={n == *speed}>{ t!(texts, "timeline-speed-option", count = n) }</option>
                }) }
            </select></label>
            <span class="step-count" aria-live="polite">
                { if at < total { t!(texts, "timeline-viewing", step = at, count = total) } else { t!(texts, "timeline-live-steps", count = total) } }
            </span>
        </section>
    }
}

/// The Replay button: from step 0 to the live lab, `speed` steps a second.
fn replay(
    lab: &UseReducerHandle<Lab>,
    player: &Rc<RefCell<Option<Interval>>>,
    speed: &UseStateHandle<u32>,
    total: usize,
) -> Callback<MouseEvent> {
    let (lab, player, speed) = (lab.clone(), player.clone(), speed.clone());
    Callback::from(move |_: MouseEvent| {
        let next = Rc::new(RefCell::new(0usize));
        let (lab, stop) = (lab.clone(), player.clone());
        lab.dispatch(Action::View(Some(0)));
        let interval = Interval::new(1000 / (*speed).max(1), move || {
            let mut count = next.borrow_mut();
            *count += 1;
            if *count >= total {
                lab.dispatch(Action::View(None));
                stop.borrow_mut().take();
            } else {
                lab.dispatch(Action::View(Some(*count)));
            }
        });
        *player.borrow_mut() = Some(interval);
    })
}
