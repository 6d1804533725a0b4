//! The language switcher in the header: each language by its own name. Switching keeps
//! the session; the server's replies stay as the server words them.

use yew::prelude::*;

use crate::i18n::{use_texts, Lang};
use crate::t;

#[derive(Properties, PartialEq)]
pub struct LanguageProps {
    pub onlang: Callback<Lang>,
}

#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageProps) -> Html {
    let texts = use_texts();
    let onchange = {
        let onlang = props.onlang.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                onlang.emit(lang);
            }
        })
    };
    html! {
        <p class="language" title={t!(texts, "language-note")}>
            <label>{ t!(texts, "language-label") }{ " " }
                <select {onchange}>
                    { for Lang::ALL.into_iter().map(|lang| html! {
                        <option value={lang.code()} lang={lang.code()} selected={lang == texts.lang}>{ lang.own_name() }</option>
                    }) }
                </select>
            </label>
        </p>
    }
}
