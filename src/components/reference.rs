//! The command reference (from the engine's command table) and the reply code reference
//! (from the engine's reply catalog).

use smtplab_engine::world::Profile;
use smtplab_engine::{reply::catalog, Voice, COMMANDS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::InsertProps;

#[function_component(Commands)]
pub fn commands(props: &InsertProps) -> Html {
    let accepted = props.lab.shown().accepted();
    html! {
        <ul class="commands" aria-label="Command reference">
            { for COMMANDS.iter().map(|c| {
                let valid = accepted.contains(&c.verb);
                let insert = props.insert.clone();
                let example = c.example.to_string();
                html! {
                    <li class={if valid { "command-ref" } else { "command-ref invalid" }}>
                        <h3>{ c.name }
                            <span class="badge">{ if valid { "valid now" } else { "not valid now" } }</span></h3>
                        <p><code>{ c.syntax }</code></p>
                        <p>{ c.summary }</p>
                        <p class="small">{ c.rfc }</p>
                        <button onclick={Callback::from(move |_: MouseEvent| insert.emit(example.clone()))}
                            aria-label={format!("Insert example: {}", c.example)}>
                            { "Insert " }<code>{ c.example }</code>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

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
