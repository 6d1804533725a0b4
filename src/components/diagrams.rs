//! The two live diagrams under the console. Clicking an arrow (or Enter on it) selects
//! its line in the transcript and shows its explanation.

use smtplab_engine::Phase;
use yew::prelude::*;

use crate::diagram::{phase_name, sequence_svg, state_svg};
use crate::state::{Action, Lab, Panel};
use crate::storage;

#[derive(Properties, PartialEq)]
pub struct DiagramsProps {
    pub lab: UseReducerHandle<Lab>,
}

/// The transcript entry an event happened on, from the arrow's `data-entry`.
fn entry_of(e: &Event) -> Option<usize> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        target
            .closest("[data-entry]")
            .ok()??
            .get_attribute("data-entry")?
            .parse()
            .ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = e;
        None
    }
}

#[function_component(Diagrams)]
pub fn diagrams(props: &DiagramsProps) -> Html {
    let handle = &props.lab;
    let lab = handle.shown();
    let viewing = handle.view.as_ref().map(|(count, _)| *count);
    let selected = lab.explained().map(|(i, _)| i);
    // Rebuilt only when the transcript, the selection or the viewed step changes.
    let sequence = use_memo((lab.entries.len(), selected, viewing), |_| {
        sequence_svg(&lab.entries, selected)
    });
    let sequence_url = use_memo(sequence.clone(), |svg| storage::data_url("image/svg+xml", svg));
    let states = use_memo((lab.phase(), lab.last_transition), |(phase, last)| {
        state_svg(*phase, *last)
    });
    let states_url = use_memo(states.clone(), |svg| storage::data_url("image/svg+xml", svg));
    let scroller = use_node_ref();
    {
        let scroller = scroller.clone();
        use_effect_with(lab.entries.len(), move |_| {
            if let Some(div) = scroller.cast::<web_sys::Element>() {
                div.set_scroll_top(div.scroll_height());
            }
        });
    }
    let select = {
        let lab = handle.clone();
        move |e: &Event| {
            if let Some(i) = entry_of(e) {
                lab.dispatch(Action::Select(Some(i)));
                lab.dispatch(Action::Open(Panel::Explain));
            }
        }
    };
    let onclick = {
        let select = select.clone();
        Callback::from(move |e: MouseEvent| select(&e))
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            select(&e);
        }
    });
    let valid: Vec<&str> = lab.accepted().iter().map(|v| v.name()).collect();
    let user = lab
        .session
        .authenticated_as()
        .map_or("not authenticated".to_string(), |u| {
            format!("authenticated as {u}")
        });
    html! {
        <section class="diagrams" aria-label="Diagrams">
            <figure class="diagram" aria-label="Sequence diagram">
                <figcaption>{ "Sequence diagram " }
                    <a download="smtplab-sequence.svg" href={(*sequence_url).clone()}>{ "Export SVG" }</a>
                </figcaption>
                <div class="svg-scroll" ref={scroller} {onclick} {onkeydown}>
                    { Html::from_html_unchecked(AttrValue::from((*sequence).clone())) }
                </div>
            </figure>
            <figure class="diagram" aria-label="State diagram">
                <figcaption>{ "State diagram " }
                    <a download="smtplab-states.svg" href={(*states_url).clone()}>{ "Export SVG" }</a>
                </figcaption>
                <div class="svg-scroll">{ Html::from_html_unchecked(AttrValue::from((*states).clone())) }</div>
                <p class="badges">
                    <span class="pill">{ format!("Now: {}", phase_name(lab.phase())) }</span>
                    <span class="pill">{ if lab.session.tls_active() { "TLS active" } else { "no TLS" } }</span>
                    <span class="pill">{ user }</span>
                    <span class="pill">{ format!("errors: {}", lab.session.error_count()) }</span>
                </p>
                <p class="small">{ if lab.phase() == Phase::Closed { "Closed: press Connect.".to_string() } else { format!("Valid from here: {}", valid.join(", ")) } }</p>
            </figure>
        </section>
    }
}
