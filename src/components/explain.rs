//! The anatomy of one reply: its digits, its enhanced code, the rule that fired, what to
//! type instead, and for a 503 where the session was and what would have worked.

use smtplab_engine::reply::Fact;
use smtplab_engine::{Explanation, Source};
use yew::prelude::*;

use super::LabProps;
use crate::i18n::{phase_waiting, use_texts, Arg, Texts};
use crate::t;

#[function_component(Explain)]
pub fn explain(props: &LabProps) -> Html {
    let texts = use_texts();
    let lab = props.lab.shown();
    let Some((_, reply)) = lab.explained() else {
        return html! { <p>{ t!(texts, "explain-empty") }</p> };
    };
    let why = reply.explain();
    let profile = lab.session.world().profile;
    let server = profile.title();
    let source = match profile.source(&reply.kind) {
        Source::Recorded => t!(texts, "explain-source-recorded", server = server),
        Source::Transcript(from) => t!(texts, "explain-source-transcript", server = server, from = from),
        Source::Unsourced(why) => t!(
            texts,
            "explain-source-none",
            server = server,
            why = texts.get(why, &[])
        ),
    };
    let digit = reply.code / 10 % 10;
    html! {
        <article class="explanation" aria-label={t!(texts, "explain-label")}>
            <h2><code>{ reply.text_lines().last().cloned().unwrap_or_default() }</code></h2>
            <p class="small wire-note">{ t!(texts, "explain-wire-note") }</p>
            <dl>
                <dt>{ t!(texts, "explain-code") }{ " " }<code>{ reply.code }</code></dt>
                <dd>{ texts.get(why.class, &[]) }</dd>
                <dd>{ texts.get(why.area, &[("digit", digit.into())]) }</dd>
                if why.closes {
                    <dd>{ t!(texts, "explain-closes") }</dd>
                }
                if let Some(enhanced) = &why.enhanced {
                    <dt>{ t!(texts, "explain-enhanced") }</dt>
                    <dd><code>{ t!(texts, "enhanced-meaning", code = enhanced.code.to_string(),
                        class = texts.get(enhanced.class, &[]), subject = texts.get(enhanced.subject, &[]),
                        detail = texts.get(enhanced.detail, &[])) }</code></dd>
                }
                <dt>{ t!(texts, "explain-what-happened") }</dt>
                <dd>{ texts.get(why.summary, &[]) }</dd>
                { for why.facts.iter().map(|fact| html! { <dd class="fact">{ said(&texts, fact) }</dd> }) }
                <dt>{ t!(texts, "explain-rule") }</dt>
                <dd>{ rule(&texts, &why) }</dd>
                <dt>{ t!(texts, "explain-source") }</dt>
                <dd class="small">{ source }</dd>
                if let Some(fix) = why.fix {
                    <dt>{ t!(texts, "explain-fix") }</dt>
                    <dd class="fix"><code>{ texts.get(fix, &[]) }</code></dd>
                }
                if let Some(sequence) = &why.sequence {
                    <dt>{ t!(texts, "explain-sequence") }</dt>
                    <dd>{ t!(texts, "explain-sequence-text", phase = texts.get(sequence.phase.message(), &[]),
                            got = sequence.got.name(), waiting = phase_waiting(&texts, sequence.phase)) }{ " " }
                        <strong>{ sequence.accepted.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ") }</strong>
                    </dd>
                }
            </dl>
        </article>
    }
}

/// Where the rule is written down, and a word on it in the learner's language.
pub fn rule(texts: &Texts, why: &Explanation) -> String {
    match why.rule_note {
        Some(note) => t!(
            texts,
            "explain-rule-noted",
            rule = why.rfc,
            note = texts.get(note, &[])
        ),
        None => why.rfc.to_string(),
    }
}

/// What the engine knows about the reply besides its kind, in the learner's language.
fn said(texts: &Texts, fact: &Fact) -> String {
    let args: Vec<(&str, Arg)> = fact
        .args()
        .into_iter()
        .map(|(name, n)| (name, n.into()))
        .collect();
    texts.get(fact.message(), &args)
}
