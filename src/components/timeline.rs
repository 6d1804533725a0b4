//! Step back through the session, branch from any point, or replay it as an animation.
//! Each step shown is rebuilt by replaying the recorded steps (the engine is deterministic).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::LabProps;

use crate::state::{Action, Lab};

#[function_component(Timeline)]
pub fn timeline(props: &LabProps) -> Html {
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
        <section class="timeline" aria-label="Timeline">
            <button onclick={go(at.saturating_sub(1))} disabled={at == 0}>{ "◀ Step back" }</button>
            <input type="range" min="0" max={total.to_string()} value={at.to_string()} aria-label="Step" oninput={onslide} />
            <button onclick={go(at + 1)} disabled={at >= total}>{ "Step forward ▶" }</button>
            <button onclick={go(total)} disabled={at >= total}>{ "Back to live" }</button>
            <button onclick={replay} disabled={total == 0}>{ "Replay" }</button>
            <label>{ "Speed " }<select aria-label="Replay speed" onchange={onspeed}>
                <option value="1">{ "1 step/s" }</option>
                <option value="2" selected=true>{ "2 steps/s" }</option>
                <option value="5">{ "5 steps/s" }</option>
            </select></label>
            <span class="step-count" aria-live="polite">
                { if at < total { format!("Viewing step {at} of {total}: type to branch from here") } else { format!("Live: {total} steps") } }
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
