//! The two live diagrams under the console. Clicking an arrow (or Enter on it) selects
//! its line in the transcript and shows its explanation.

use yew::prelude::*;

use super::pills::Pills;
use crate::diagram::{
    for_export, rows_in_view, sequence_height, sequence_html, sequence_svg, state_svg, Sequence, ROW,
};
use crate::i18n::{phase_waiting, use_texts, Texts};
use crate::state::{Action, Lab, Panel};
use crate::storage;
use crate::t;

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

/// A diagram's caption: its name and its exports, as `files` (SVG, PNG).
fn caption(texts: &Texts, name: String, files: (&'static str, &'static str), drawing: Drawing) -> Html {
    let png = {
        let drawing = drawing.clone();
        Callback::from(move |_: MouseEvent| download_png(&drawing(), files.1))
    };
    html! {
        <figcaption>{ name }{ " " }
            <a download={files.0} href="#" onclick={svg_link(drawing)}>{ t!(texts, "diagram-export-svg") }</a>
            <button class="link" onclick={png}>{ t!(texts, "diagram-export-png") }</button>
        </figcaption>
    }
}

/// What the session waits for now, and the commands valid from here.
fn waiting(texts: &Texts, lab: &Lab) -> String {
    let waiting = phase_waiting(texts, lab.phase());
    match lab.accepted().iter().map(|v| v.name()).collect::<Vec<_>>() {
        valid if valid.is_empty() => t!(texts, "diagram-waiting", waiting = waiting),
        valid => t!(
            texts,
            "diagram-waiting-valid",
            waiting = waiting,
            valid = valid.join(", ")
        ),
    }
}

/// A click (or Enter) on an arrow: a message body opens or closes, any other arrow
/// selects its entry and shows its explanation.
fn on_select(lab: &UseReducerHandle<Lab>, expanded: &UseStateHandle<Vec<usize>>) -> impl Fn(&Event) + Clone {
    let (lab, expanded) = (lab.clone(), expanded.clone());
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
}

/// Where the sequence diagram is scrolled to, in SVG units, and at which transcript length:
/// when the transcript grows, the view goes back to the bottom ([`super::use_scroll_to_end`]).
#[derive(Clone, Copy, PartialEq)]
struct View {
    top: usize,
    height: usize,
    entries: usize,
}

/// The scroll handler that keeps the sequence diagram's [`View`]; `full` is the drawing's
/// height in SVG units.
fn on_scroll(view: &UseStateHandle<View>, full: usize, entries: usize) -> Callback<Event> {
    let view = view.clone();
    Callback::from(move |e: Event| {
        let div = e.target_unchecked_into::<web_sys::Element>();
        let scroll_height = div.scroll_height().max(1);
        let units = full as f64 / f64::from(scroll_height);
        let next = View {
            top: (f64::from(div.scroll_top().max(0)) * units) as usize,
            height: (f64::from(div.client_height().max(0)) * units) as usize,
            entries,
        };
        // Our own scroll to the end after the transcript grew: the view is drawn at the
        // bottom already (a height a row off changes only the margin drawn).
        let at_bottom = div.scroll_top() + div.client_height() + 1 >= scroll_height;
        let following = view.entries != entries && view.height.abs_diff(next.height) < ROW;
        if *view != next && !(at_bottom && following) {
            view.set(next);
        }
    })
}

/// The sequence rows to draw and the scroll handler that follows the view: until the
/// learner scrolls, and whenever the transcript grows, the view is the bottom.
#[hook]
fn use_rows_in_view(arrows: usize, entries: usize) -> (std::ops::Range<usize>, Callback<Event>) {
    let view = use_state(|| View {
        top: 0,
        height: 900,
        entries: usize::MAX,
    });
    let full = sequence_height(arrows);
    let top = if view.entries == entries {
        view.top
    } else {
        full.saturating_sub(view.height)
    };
    (
        rows_in_view(arrows, top, view.height),
        on_scroll(&view, full, entries),
    )
}

/// A drawing wider than its box (a phone) starts scrolled to its middle, where the
/// labels are: both lifelines at the edges, rather than the server's out of view.
#[hook]
fn use_centre_sideways(scroller: &NodeRef) {
    let scroller = scroller.clone();
    use_effect_with((), move |_| {
        if let Some(div) = scroller.cast::<web_sys::Element>() {
            div.set_scroll_left((div.scroll_width() - div.client_width()).max(0) / 2);
        }
    });
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
    let texts = use_texts();
    let handle = &props.lab;
    let lab = handle.shown();
    let selected = lab.explained().map(|(i, _)| i);
    let expanded = use_state(Vec::<usize>::new);
    // Kept between renders: a new reply reads only the new entries.
    let model = use_mut_ref(Sequence::default);
    model.borrow_mut().update(&texts, &lab.entries, &expanded);
    let model = model.borrow();
    // The drawing as text, for the exports: made when one is asked for.
    let sequence = {
        let (lab, expanded, texts) = (handle.clone(), expanded.clone(), texts.clone());
        std::rc::Rc::new(move || sequence_svg(&texts, &lab.shown().entries, selected, &expanded))
    };
    let states = use_memo(
        (lab.phase(), lab.last_transition, texts.clone()),
        |(phase, last, texts)| state_svg(texts, *phase, *last),
    );
    let scroller = use_node_ref();
    super::use_scroll_to_end(&scroller, lab.entries.len(), true); // the newest arrow in view
    use_centre_sideways(&scroller);
    let (drawn, onscroll) = use_rows_in_view(model.arrows().len(), lab.entries.len());
    let select = on_select(handle, &expanded);
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
    html! {
        <section class="diagrams" aria-label={t!(texts, "diagrams-label")}>
            <figure class="diagram" aria-label={t!(texts, "diagram-sequence")}>
                { caption(&texts, t!(texts, "diagram-sequence"), ("smtplab-sequence.svg", "smtplab-sequence.png"), sequence) }
                <div class="svg-scroll" ref={scroller} {onclick} {onkeydown} {onscroll}>
                    { sequence_html(&texts, model.arrows(), model.bands(), selected, drawn) }
                </div>
            </figure>
            if props.states {
            <figure class="diagram" aria-label={t!(texts, "diagram-states")}>
                { caption(&texts, t!(texts, "diagram-states"), ("smtplab-states.svg", "smtplab-states.png"), states_text) }
                <div class="svg-scroll" tabindex="0" role="group" aria-label={t!(texts, "diagram-drawing")}>{ Html::from_html_unchecked(AttrValue::from((*states).clone())) }</div>
                <Pills lab={handle.clone()} class="badges" server={false} />
                <p class="small">{ waiting(&texts, lab) }</p>
            </figure>
            }
        </section>
    }
}
