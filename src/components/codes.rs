//! The reply code reference, from the engine's reply catalog, with a search box.

use smtplab_engine::world::Profile;
use smtplab_engine::{reply::catalog, Voice};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(Codes)]
pub fn codes() -> Html {
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let host = "mail.example.com";
    let wanted = query.to_lowercase();
    let rows: Vec<Html> = catalog(Profile::Postfix, &Voice::of(host))
        .into_iter()
        .filter(|r| {
            let why = r.explain();
            let hay = format!("{} {} {}", r.lines.join(" "), why.summary, r.code).to_lowercase();
            wanted.split_whitespace().all(|w| hay.contains(w))
        })
        .map(|r| {
            let why = r.explain();
            html! {
                <tr class={format!("class-{}xx", r.class().digit())}>
                    <td><code>{ r.code }</code></td>
                    <td><code>{ r.lines.first().cloned().unwrap_or_default() }</code></td>
                    <td>{ why.summary }{ " " }<span class="small">{ why.rfc }</span></td>
                </tr>
            }
        })
        .collect();
    html! {
        <div>
            <label>{ "Search replies " }<input type="search" aria-label="Search reply codes" {oninput}
                placeholder="e.g. 503, relay, 5.1.1" /></label>
            <table class="codes" aria-label="Reply codes">
                <thead><tr><th>{ "Code" }</th><th>{ "Text (Postfix 3.7)" }</th><th>{ "Meaning" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
