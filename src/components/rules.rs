//! Failure injection in the world panel: the world's rules as sentences, each removable,
//! and a small form that adds one. The engine checks each rule (`Rule::validate`) and its
//! message, which names the field, is shown as it is.

use smtplab_engine::rules::{Effect, Rule};
use smtplab_engine::{EnhancedCode, Verb, COMMANDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::error_line;
use crate::i18n::{use_texts, Note, Texts};
use crate::{note, t};

#[derive(Properties, PartialEq)]
pub struct RulesProps {
    pub rules: UseStateHandle<Vec<Rule>>,
}

/// A rule in words, e.g. "RCPT for bob@* (only match number 2, 50% of the time): answer
/// 451 4.3.0 Error: …". The reply it answers is the wire, never translated.
pub fn describe(texts: &Texts, rule: &Rule) -> String {
    let mut what = rule
        .verb
        .map_or_else(|| t!(texts, "rules-any-command"), |v| v.name().to_string());
    if let Some(pattern) = &rule.address {
        what = t!(texts, "rules-for-address", what = what, pattern = pattern);
    }
    let mut when = Vec::new();
    if let Some(n) = rule.nth {
        when.push(t!(texts, "rules-when-nth", n = n));
    }
    if let Some(percent) = rule.percent {
        when.push(t!(texts, "rules-when-percent", percent = percent));
    }
    let then = match &rule.then {
        Effect::Reply { code, enhanced, text } => {
            let reply = match enhanced {
                Some(EnhancedCode(a, b, c)) => format!("{code} {a}.{b}.{c} {text}"),
                None => format!("{code} {text}"),
            };
            t!(texts, "rules-then-reply", reply = reply)
        }
        Effect::Delay { ms } => t!(texts, "rules-then-delay", ms = *ms),
        Effect::Disconnect => t!(texts, "rules-then-disconnect"),
    };
    if when.is_empty() {
        t!(texts, "rules-rule", what = what, then = then)
    } else {
        t!(
            texts,
            "rules-rule-when",
            what = what,
            when = when.join(", "),
            then = then
        )
    }
}

#[function_component(FailureRules)]
pub fn failure_rules(props: &RulesProps) -> Html {
    let texts = use_texts();
    let verb = use_state(String::new);
    let address = use_state(String::new);
    let nth = use_state(String::new);
    let percent = use_state(String::new);
    let effect = use_state(|| "reply".to_string());
    let code = use_state(|| "451".to_string());
    let enhanced = use_state(|| "4.3.0".to_string());
    let text = use_state(|| "Error: queue file write error".to_string());
    let ms = use_state(|| "5000".to_string());
    let error = use_state(|| None::<Note>);
    let input = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| s.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let select = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: Event| s.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let fields = [
        &verb, &address, &nth, &percent, &effect, &code, &enhanced, &text, &ms,
    ]
    .map(|s| (*s).clone());
    let add = on_add(&props.rules, fields, &error);
    html! {
        <fieldset class="rules"><legend>{ t!(texts, "rules-legend") }</legend>
            { rule_list(&texts, &props.rules) }
            <div class="rule-form">
                <label>{ t!(texts, "rules-command") }{ " " }<select aria-label={t!(texts, "rules-command.aria-label")} onchange={select(&verb)}>
                    <option value="" selected={verb.is_empty()}>{ t!(texts, "rules-command-any") }</option>
                    { for COMMANDS.iter().map(|c| html! { <option value={c.name} selected={*verb == c.name}>{ c.name }</option> }) }
                </select></label>
                <label>{ t!(texts, "rules-address") }{ " " }<input placeholder="*@example.org" value={(*address).clone()} oninput={input(&address)} aria-label={t!(texts, "rules-address.aria-label")} /></label>
                <label>{ t!(texts, "rules-nth") }{ " " }<input inputmode="numeric" size="3" value={(*nth).clone()} oninput={input(&nth)} aria-label={t!(texts, "rules-nth.aria-label")} /></label>
                <label>{ t!(texts, "rules-percent") }{ " " }<input inputmode="numeric" size="3" value={(*percent).clone()} oninput={input(&percent)} aria-label={t!(texts, "rules-percent.aria-label")} /></label>
                <label>{ t!(texts, "rules-effect") }{ " " }<select aria-label={t!(texts, "rules-effect.aria-label")} onchange={select(&effect)}>
                    <option value="reply" selected={*effect == "reply"}>{ t!(texts, "rules-effect-reply") }</option>
                    <option value="delay" selected={*effect == "delay"}>{ t!(texts, "rules-effect-delay") }</option>
                    <option value="disconnect" selected={*effect == "disconnect"}>{ t!(texts, "rules-effect-disconnect") }</option>
                </select></label>
                if *effect == "reply" {
                    <label>{ t!(texts, "rules-code") }{ " " }<input inputmode="numeric" size="3" value={(*code).clone()} oninput={input(&code)} aria-label={t!(texts, "rules-code.aria-label")} /></label>
                    <label>{ t!(texts, "rules-enhanced") }{ " " }<input size="7" value={(*enhanced).clone()} oninput={input(&enhanced)} aria-label={t!(texts, "rules-enhanced.aria-label")} /></label>
                    <label>{ t!(texts, "rules-text") }{ " " }<input value={(*text).clone()} oninput={input(&text)} aria-label={t!(texts, "rules-text.aria-label")} /></label>
                }
                if *effect == "delay" {
                    <label>{ t!(texts, "rules-ms") }{ " " }<input inputmode="numeric" value={(*ms).clone()} oninput={input(&ms)} aria-label={t!(texts, "rules-ms.aria-label")} /></label>
                }
                <button type="button" onclick={add}>{ t!(texts, "rules-add") }</button>
            </div>
            { error_line(&error.as_ref().map(|why| why.say(&texts))) }
        </fieldset>
    }
}

/// The "Add rule" button: the form's fields (in [`rule_from`]'s order) as a new rule, or
/// the message that says which field is wrong.
fn on_add(
    rules: &UseStateHandle<Vec<Rule>>,
    fields: [UseStateHandle<String>; 9],
    error: &UseStateHandle<Option<Note>>,
) -> Callback<MouseEvent> {
    let (rules, error) = (rules.clone(), error.clone());
    Callback::from(move |_: MouseEvent| {
        let [verb, address, nth, percent, effect, code, enhanced, text, ms] =
            fields.clone().map(|s| (*s).clone());
        match rule_from(
            &verb, &address, &nth, &percent, &effect, &code, &enhanced, &text, &ms,
        ) {
            Ok(rule) => {
                let mut list = (*rules).clone();
                list.push(rule);
                rules.set(list);
                error.set(None);
            }
            Err(why) => error.set(Some(why)),
        }
    })
}

/// The world's rules in words, each with its Remove button.
fn rule_list(texts: &Texts, rules: &UseStateHandle<Vec<Rule>>) -> Html {
    let remove = |index: usize| {
        let rules = rules.clone();
        Callback::from(move |_: MouseEvent| {
            let mut list = (*rules).clone();
            list.remove(index);
            rules.set(list);
        })
    };
    html! {
        <>
            if rules.is_empty() {
                <p class="small">{ t!(texts, "rules-none") }</p>
            }
            <ul>
                { for rules.iter().enumerate().map(|(i, rule)| html! {
                    <li>{ describe(texts, rule) }{ " " }
                        <button type="button" onclick={remove(i)} aria-label={t!(texts, "rules-remove.aria-label", number = i + 1)}>{ t!(texts, "rules-remove") }</button>
                    </li>
                }) }
            </ul>
        </>
    }
}

/// A rule from the form's fields; Err: what to tell, naming the field that is wrong (as the
/// engine's own messages do: `then.code`, `nth`).
#[allow(clippy::too_many_arguments)]
pub fn rule_from(
    verb: &str,
    address: &str,
    nth: &str,
    percent: &str,
    effect: &str,
    code: &str,
    enhanced: &str,
    text: &str,
    ms: &str,
) -> Result<Rule, Note> {
    let small = |value: Option<u64>, field: &'static str| -> Result<Option<u32>, Note> {
        value
            .map(|v| u32::try_from(v).map_err(|_| note!("rules-too-large", field = field)))
            .transpose()
    };
    let then = effect_from(effect, code, enhanced, text, ms)?;
    let rule = Rule {
        verb: Verb::parse(verb),
        address: Some(address.trim().to_string()).filter(|a| !a.is_empty()),
        nth: small(number(nth, "nth")?, "nth")?,
        percent: number(percent, "percent")?
            .map(|p| u8::try_from(p).map_err(|_| note!("rules-percent-max", field = "percent", max = "100")))
            .transpose()?,
        then,
    };
    rule.validate()
        .map_err(|problem| note!("rules-invalid", why = crate::problems::rule(&problem)))?;
    Ok(rule)
}

/// A whole number typed in the form's `field`, if any.
fn number(value: &str, field: &'static str) -> Result<Option<u64>, Note> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| note!("rules-not-number", field = field, value = format!("{value:?}")))
}

/// What the rule does, from the form's `then` fields.
fn effect_from(effect: &str, code: &str, enhanced: &str, text: &str, ms: &str) -> Result<Effect, Note> {
    Ok(match effect {
        "delay" => Effect::Delay {
            ms: number(ms, "then.ms")?.unwrap_or(0),
        },
        "disconnect" => Effect::Disconnect,
        _ => Effect::Reply {
            code: number(code, "then.code")?
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| note!("rules-code-needed", field = "then.code", example = "451"))?,
            enhanced: match enhanced.trim() {
                "" => None,
                dotted => Some(enhanced_code(dotted).ok_or_else(|| {
                    note!(
                        "rules-enhanced-invalid",
                        field = "then.enhanced",
                        value = format!("{dotted:?}"),
                        example = "4.7.1"
                    )
                })?),
            },
            text: text.trim().to_string(),
        },
    })
}

/// `4.7.1` as an enhanced status code.
fn enhanced_code(dotted: &str) -> Option<EnhancedCode> {
    let mut parts = dotted.split('.').map(str::parse::<u16>);
    let (Some(Ok(class)), Some(Ok(subject)), Some(Ok(detail)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some(EnhancedCode(u8::try_from(class).ok()?, subject, detail))
}
