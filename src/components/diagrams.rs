//! The two live diagrams under the console. Clicking an arrow (or Enter on it) selects
//! its line in the transcript and shows its explanation.

use smtplab_engine::Phase;
use yew::prelude::*;

use crate::diagram::{for_export, phase_name, sequence, sequence_html, sequence_svg, state_svg};
use crate::state::{Action, Lab, Panel};
use crate::storage;

/// What an event on the diagram hit: the arrow's `data-expand` (a DATA body), else its
/// `data-entry` (a transcript entry).
fn hit(e: &Event) -> Option<(bool, usize)> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let arrow = target.closest("[data-entry]").ok()??;
        if let Some(body) = arrow.get_attribute("data-expand") {
            return Some((true, body.parse().ok()?));
        }
        Some((false, arrow.get_attribute("data-entry")?.parse().ok()?))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = e;
        None
    }
}

/// Draws an SVG onto a canvas and downloads it as PNG (for slides and handouts).
#[cfg(target_arch = "wasm32")]
fn download_png(svg: &str, name: &'static str) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let onload = Closure::once_into_js(move || {
        let Ok(canvas) = document.create_element("canvas") else {
            return;
        };
        let Ok(canvas) = canvas.dyn_into::<web_sys::HtmlCanvasElement>() else {
            return;
        };
        let scale = 2; // sharp on slides
        canvas.set_width(loaded.natural_width() * scale);
        canvas.set_height(loaded.natural_height() * scale);
        let Some(context) = canvas.get_context("2d").ok().flatten() else {
            return;
        };
        let Ok(context) = context.dyn_into::<web_sys::CanvasRenderingContext2d>() else {
            return;
        };
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, canvas.width().into(), canvas.height().into());
        let (w, h) = (canvas.width().into(), canvas.height().into());
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, w, h);
        let Ok(url) = canvas.to_data_url_with_type("image/png") else {
            return;
        };
        let Ok(link) = document.create_element("a") else {
            return;
        };
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&storage::data_url("image/svg+xml", &for_export(svg)));
}

#[cfg(not(target_arch = "wasm32"))]
fn download_png(_: &str, _: &'static str) {}

/// A diagram's SVG text, made when an export asks for it.
type Drawing = std::rc::Rc<dyn Fn() -> String>;

/// An "Export SVG" link's click: the download's address is made then, not on every
/// change of the diagram (it is as big as the diagram).
fn svg_link(svg: Drawing) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let link = e.target_unchecked_into::<web_sys::Element>();
        let _ = link.set_attribute("href", &storage::data_url("image/svg+xml", &for_export(&svg())));
    })
}

#[derive(Properties, PartialEq)]
pub struct DiagramsProps {
    pub lab: UseReducerHandle<Lab>,
    /// Draw the state diagram too (an embedded lab may show the sequence alone).
    #[prop_or(true)]
    pub states: bool,
}

#[function_component(Diagrams)]
pub fn diagrams(props: &DiagramsProps) -> Html {
    let handle = &props.lab;
    let lab = handle.shown();
    let viewing = handle.view.as_ref().map(|(count, _)| *count);
    let selected = lab.explained().map(|(i, _)| i);
    // Rebuilt only when the transcript, the selection or the viewed step changes.
    let expanded = use_state(Vec::<usize>::new);
    let model = use_memo(
        (lab.entries.len(), viewing, (*expanded).clone()),
        |(_, _, open)| sequence(&lab.entries, open),
    );
    // The drawing as text, for the exports: made when one is asked for.
    let sequence = {
        let (lab, expanded) = (handle.clone(), expanded.clone());
        std::rc::Rc::new(move || sequence_svg(&lab.shown().entries, selected, &expanded))
    };
    let states = use_memo((lab.phase(), lab.last_transition), |(phase, last)| {
        state_svg(*phase, *last)
    });
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
        let (lab, expanded) = (handle.clone(), expanded.clone());
        move |e: &Event| match hit(e) {
            Some((true, body)) => {
                let mut open = (*expanded).clone();
                match open.iter().position(|&b| b == body) {
                    Some(at) => drop(open.remove(at)),
                    None => open.push(body),
                }
                expanded.set(open);
            }
            Some((false, entry)) => {
                lab.dispatch(Action::Select(Some(entry)));
                lab.dispatch(Action::Open(Panel::Explain));
            }
            None => {}
        }
    };
    let png =
        |svg: Drawing, name: &'static str| Callback::from(move |_: MouseEvent| download_png(&svg(), name));
    let states_text: Drawing = {
        let states = states.clone();
        std::rc::Rc::new(move || (*states).clone())
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
                    <a download="smtplab-sequence.svg" href="#" onclick={svg_link(sequence.clone())}>{ "Export SVG" }</a>
                    <button class="link" onclick={png(sequence.clone(), "smtplab-sequence.png")}>{ "Export PNG" }</button>
                </figcaption>
                <div class="svg-scroll" ref={scroller} {onclick} {onkeydown}>
                    { sequence_html(&model.0, &model.1, selected) }
                </div>
            </figure>
            if props.states {
            <figure class="diagram" aria-label="State diagram">
                <figcaption>{ "State diagram " }
                    <a download="smtplab-states.svg" href="#" onclick={svg_link(states_text.clone())}>{ "Export SVG" }</a>
                    <button class="link" onclick={png(states_text, "smtplab-states.png")}>{ "Export PNG" }</button>
                </figcaption>
                <div class="svg-scroll">{ Html::from_html_unchecked(AttrValue::from((*states).clone())) }</div>
                <p class="badges">
                    <span class="pill">{ format!("Now: {}", phase_name(lab.phase())) }</span>
                    <span class="pill">{ if lab.session.tls_active() { "TLS active" } else { "no TLS" } }</span>
                    <span class="pill">{ user }</span>
                    <span class="pill">{ format!("errors: {}", lab.session.error_count()) }</span>
                </p>
                <p class="small">{ match lab.phase() {
                    Phase::Closed => "Closed: press Connect.".to_string(),
                    Phase::Data => "Receiving the message: a line with a single dot ends it.".to_string(),
                    Phase::Auth => "In the AUTH exchange: answer the 334 in base64, or * to cancel.".to_string(),
                    Phase::TlsHandshake => "Waiting for the TLS handshake.".to_string(),
                    _ => format!("Valid from here: {}", valid.join(", ")),
                } }</p>
            </figure>
            }
        </section>
    }
}
