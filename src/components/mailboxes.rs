//! Delivered mail per user: the envelope beside the parsed headers, the body and the raw
//! source. Message text is shown as text only; nothing is rendered as HTML.

use yew::prelude::*;

use super::LabProps;

#[function_component(Mailboxes)]
pub fn mailboxes(props: &LabProps) -> Html {
    let world = props.lab.shown().session.world();
    let open = use_state(|| None::<(String, usize)>);
    let users = world.users.iter().map(|user| {
        let items = user.mailbox.iter().enumerate().rev().map(|(i, message)| {
            let subject = message.headers().into_iter().find(|(n, _)| n.eq_ignore_ascii_case("Subject")).map(|(_, v)| v);
            let onclick = {
                let (open, name) = (open.clone(), user.name.clone());
                Callback::from(move |_: MouseEvent| open.set(Some((name.clone(), i))))
            };
            html! {
                <li><button {onclick}>
                    { subject.unwrap_or_else(|| "(no subject)".into()) }
                    <span class="small">{ format!(" from <{}> · {}", message.mail_from, message.queue_id) }</span>
                </button></li>
            }
        });
        html! {
            <section aria-label={format!("Mailbox of {}", user.name)}>
                <h2>{ format!("{} ({})", user.name, user.mailbox.len()) }</h2>
                <ul>{ for items }</ul>
            </section>
        }
    });
    let shown = open
        .as_ref()
        .and_then(|(name, i)| world.user(name).and_then(|u| u.mailbox.get(*i)));
    html! {
        <div class="mailboxes">
            { for users }
            if let Some(message) = shown {
                <article class="message" aria-label="Message">
                    <h2>{ "Envelope" }</h2>
                    <dl>
                        <dt>{ "MAIL FROM" }</dt><dd><code>{ format!("<{}>", message.mail_from) }</code></dd>
                        <dt>{ "RCPT TO" }</dt><dd><code>{ message.rcpt_to.join(", ") }</code></dd>
                    </dl>
                    <h2>{ "Headers" }</h2>
                    <table class="headers">
                        { for message.headers().into_iter().map(|(n, v)| html! { <tr><th>{ n }</th><td>{ v }</td></tr> }) }
                    </table>
                    <h2>{ "Body" }</h2>
                    <pre class="body" aria-label="Message body">{ message.body() }</pre>
                    <details><summary>{ "Raw source" }</summary><pre>{ &message.source }</pre></details>
                </article>
            }
        </div>
    }
}
