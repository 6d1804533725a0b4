//! The reply code reference, from the engine's reply catalog (each distinct reply
//! once), with a search box. The search looks in the replies (the wire, in English) and
//! in what they mean, in the language the learner reads.

use smtplab_engine::world::Profile;
use smtplab_engine::{reply::reference, Voice};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::explain::rule;
use crate::i18n::use_texts;
use crate::t;

#[function_component(Codes)]
pub fn codes() -> Html {
    let texts = use_texts();
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let host = "mail.example.com";
    let wanted = query.to_lowercase();
    let rows: Vec<Html> = reference(Profile::Postfix, &Voice::of(host))
        .into_iter()
        .filter_map(|r| {
            let why = r.explain();
            let summary = texts.get(why.summary, &[]);
            let hay = format!(
                "{} {} {}",
                r.text().lines().collect::<Vec<_>>().join(" "),
                summary,
                r.code
            )
            .to_lowercase();
            wanted.split_whitespace().all(|w| hay.contains(w)).then(|| {
                html! {
                    <tr class={format!("class-{}xx", r.class().digit())}>
                        <td><code>{ r.code }</code></td>
                        <td><code>{ r.text().lines().next().unwrap_or_default().into_owned() }</code></td>
                        <td>{ summary }{ " " }<span class="small">{ rule(&texts, &why) }</span></td>
                    </tr>
                }
            })
        })
        .collect();
    html! {
        <div>
            <label>{ t!(texts, "codes-search") }{ " " }<input type="search" aria-label={t!(texts, "codes-search.aria-label")} {oninput}
                placeholder={t!(texts, "codes-search.placeholder")} /></label>
            <table class="codes" aria-label={t!(texts, "codes-label")}>
                <thead><tr>
                    <th>{ t!(texts, "codes-code") }</th>
                    <th>{ t!(texts, "codes-text", server = "Postfix 3.7") }</th>
                    <th>{ t!(texts, "codes-meaning") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
