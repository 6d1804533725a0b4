//! Delivered mail per user: the envelope beside the parsed headers, the body and the raw
//! source. Message text is shown as text only; nothing is rendered as HTML.

use yew::prelude::*;

use super::LabProps;
use crate::i18n::use_texts;
use crate::t;

#[function_component(Mailboxes)]
pub fn mailboxes(props: &LabProps) -> Html {
    let texts = use_texts();
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
                    { subject.unwrap_or_else(|| t!(texts, "mailboxes-no-subject")) }
                    <span class="small">{ " " }{ t!(texts, "mailboxes-from", sender = format!("<{}>", message.mail_from),
                        id = message.queue_id.to_string()) }</span>
                </button></li>
            }
        });
        html! {
            <section aria-label={t!(texts, "mailboxes-of", user = user.name.as_str())}>
                <h2>{ t!(texts, "mailboxes-heading", user = user.name.as_str(), count = user.mailbox.len()) }</h2>
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
                <article class="message" aria-label={t!(texts, "mailboxes-message")}>
                    <h2>{ t!(texts, "mailboxes-envelope") }</h2>
                    <dl>
                        <dt>{ "MAIL FROM" }</dt><dd><code>{ format!("<{}>", message.mail_from) }</code></dd>
                        <dt>{ "RCPT TO" }</dt><dd><code>{ message.rcpt_to.join(", ") }</code></dd>
                    </dl>
                    <h2>{ t!(texts, "mailboxes-headers") }</h2>
                    <table class="headers">
                        { for message.headers().into_iter().map(|(n, v)| html! { <tr><th>{ n }</th><td>{ v }</td></tr> }) }
                    </table>
                    <h2>{ t!(texts, "mailboxes-body") }</h2>
                    <pre class="body" aria-label={t!(texts, "mailboxes-body.aria-label")}>{ message.body() }</pre>
                    <details><summary>{ t!(texts, "mailboxes-source") }</summary><pre>{ &message.source }</pre></details>
                </article>
            }
        </div>
    }
}
