//! The anatomy of one reply: its digits, its enhanced code, the rule that fired, what to
//! type instead, and for a 503 where the session was and what would have worked.

use smtplab_engine::Source;
use yew::prelude::*;

use super::LabProps;

#[function_component(Explain)]
pub fn explain(props: &LabProps) -> Html {
    let lab = props.lab.shown();
    let Some((_, reply)) = lab.explained() else {
        return html! { <p>{ "Send a command; then select any reply to see what it means." }</p> };
    };
    let why = reply.explain();
    let profile = lab.session.world().profile;
    let source = match profile.source(&reply.kind) {
        Source::Recorded => format!("Recorded from the real {}.", profile.title()),
        Source::Transcript(from) => format!("{}: copied from {from}.", profile.title()),
        Source::Unsourced(why) => format!(
            "{}: no public transcript shows this reply ({why}).",
            profile.title()
        ),
    };
    html! {
        <article class="explanation" aria-label="Explanation">
            <h2><code>{ reply.text_lines().last().cloned().unwrap_or_default() }</code></h2>
            <dl>
                <dt>{ "Code " }<code>{ reply.code }</code></dt>
                <dd>{ why.class }</dd>
                <dd>{ &why.area }</dd>
                if let Some(enhanced) = &why.enhanced {
                    <dt>{ "Enhanced status code" }</dt>
                    <dd><code>{ enhanced }</code></dd>
                }
                <dt>{ "What happened" }</dt>
                <dd>{ why.summary }</dd>
                <dt>{ "Rule" }</dt>
                <dd>{ why.rfc }</dd>
                <dt>{ "Where this text comes from" }</dt>
                <dd class="small">{ source }</dd>
                if let Some(fix) = why.fix {
                    <dt>{ "Try instead" }</dt>
                    <dd class="fix"><code>{ fix }</code></dd>
                }
                if let Some(sequence) = &why.sequence {
                    <dt>{ "Out of sequence" }</dt>
                    <dd>{ format!("The session was in phase {} and got {}. ", sequence.phase.label(), sequence.got.name()) }
                        { format!("It was waiting for {}. ", sequence.phase.waiting_for()) }
                        { "Accepted there: " }
                        <strong>{ sequence.accepted.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ") }</strong>
                    </dd>
                }
            </dl>
        </article>
    }
}
