//! The command reference, from the engine's command table: each command's syntax, its
//! RFC, whether it is valid now, and a button that puts its example into the input.

use smtplab_engine::COMMANDS;
use yew::prelude::*;

use super::InsertProps;
use crate::i18n::use_texts;
use crate::t;

#[function_component(Commands)]
pub fn commands(props: &InsertProps) -> Html {
    let texts = use_texts();
    let accepted = props.lab.shown().accepted();
    html! {
        <ul class="commands" aria-label={t!(texts, "commands-label")}>
            { for COMMANDS.iter().map(|c| {
                let valid = accepted.contains(&c.verb);
                let insert = props.insert.clone();
                let example = c.example.to_string();
                html! {
                    <li class={if valid { "command-ref" } else { "command-ref invalid" }}>
                        <h2>{ c.name }
                            <span class="badge">{ if valid { t!(texts, "commands-valid") } else { t!(texts, "commands-invalid") } }</span></h2>
                        <p><code>{ texts.get(c.syntax, &[]) }</code></p>
                        <p>{ texts.get(c.summary, &[]) }</p>
                        <p class="small">{ c.rfc }</p>
                        <button onclick={Callback::from(move |_: MouseEvent| insert.emit(example.clone()))}>
                            { t!(texts, "commands-insert") }{ " " }<code>{ c.example }</code>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}
