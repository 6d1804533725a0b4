//! A tab bar and its panel in the WAI-ARIA tabs pattern (automatic activation): one tab
//! stop (the selected tab; the others have `tabindex="-1"`), Left/Right move to the
//! previous/next tab and wrap, Home/End to the first/last, and selecting follows focus.
//! Tab leaves the list for the panel, which is labelled by its tab.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The tab list's accessible name.
    pub label: AttrValue,
    /// Prefix of the tabs' and the panel's ids (unique on the page).
    pub id: AttrValue,
    pub names: Vec<String>,
    pub selected: usize,
    pub onselect: Callback<usize>,
    /// The selected tab's panel.
    pub children: Html,
}

/// The tab a key moves to from `at` among `count`, if it is one of the pattern's keys.
pub fn moved(key: &str, at: usize, count: usize) -> Option<usize> {
    match key {
        "ArrowRight" => Some((at + 1) % count),
        "ArrowLeft" => Some((at + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    let count = props.names.len();
    let onkeydown = {
        let (onselect, selected, id) = (props.onselect.clone(), props.selected, props.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(next) = moved(&e.key(), selected, count) else {
                return;
            };
            e.prevent_default();
            onselect.emit(next);
            focus(&format!("{id}-tab-{next}"));
        })
    };
    let tab = |(index, name): (usize, &String)| {
        let selected = index == props.selected;
        let onclick = props.onselect.reform(move |_: MouseEvent| index);
        html! {
            <button role="tab" id={format!("{}-tab-{index}", props.id)} aria-selected={selected.to_string()}
                aria-controls={format!("{}-panel", props.id)} tabindex={if selected { "0" } else { "-1" }}
                class={if selected { "tab selected" } else { "tab" }} {onclick}>{ name }</button>
        }
    };
    html! {
        <>
            <div role="tablist" aria-label={props.label.clone()} class="tabs" {onkeydown}>
                { for props.names.iter().enumerate().map(tab) }
            </div>
            <div id={format!("{}-panel", props.id)} role="tabpanel" class="panel" tabindex="0"
                aria-labelledby={format!("{}-tab-{}", props.id, props.selected)}>
                { props.children.clone() }
            </div>
        </>
    }
}

/// Moves the keyboard focus to the element with `id` (the newly selected tab).
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
