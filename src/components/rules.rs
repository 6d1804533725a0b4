//! Failure injection in the world panel: the world's rules as sentences, each removable,
//! and a small form that adds one. The engine checks each rule (`Rule::validate`) and its
//! message, which names the field, is shown as it is.

use smtplab_engine::rules::{Effect, Rule};
use smtplab_engine::{EnhancedCode, Verb, COMMANDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::error_line;

#[derive(Properties, PartialEq)]
pub struct RulesProps {
    pub rules: UseStateHandle<Vec<Rule>>,
}

/// A rule in words, e.g. "RCPT to bob@* (the 2nd, 50%): 451 4.3.0 Error: …".
pub fn describe(rule: &Rule) -> String {
    let what = rule.verb.map_or("any command", |v| v.name());
    let mut out = what.to_string();
    if let Some(pattern) = &rule.address {
        out.push_str(&format!(" for {pattern}"));
    }
    let mut when = Vec::new();
    if let Some(n) = rule.nth {
        when.push(format!("only match number {n}"));
    }
    if let Some(p) = rule.percent {
        when.push(format!("{p}% of the time"));
    }
    if !when.is_empty() {
        out.push_str(&format!(" ({})", when.join(", ")));
    }
    let then = match &rule.then {
        Effect::Reply { code, enhanced, text } => match enhanced {
            Some(EnhancedCode(a, b, c)) => format!("answer {code} {a}.{b}.{c} {text}"),
            None => format!("answer {code} {text}"),
        },
        Effect::Delay { ms } => format!("answer normally, {ms} ms later"),
        Effect::Disconnect => "drop the connection without a word".into(),
    };
    format!("{out}: {then}")
}

#[function_component(FailureRules)]
pub fn failure_rules(props: &RulesProps) -> Html {
    let verb = use_state(String::new);
    let address = use_state(String::new);
    let nth = use_state(String::new);
    let percent = use_state(String::new);
    let effect = use_state(|| "reply".to_string());
    let code = use_state(|| "451".to_string());
    let enhanced = use_state(|| "4.3.0".to_string());
    let text = use_state(|| "Error: queue file write error".to_string());
    let ms = use_state(|| "5000".to_string());
    let error = use_state(|| None::<String>);
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
        <fieldset class="rules"><legend>{ "Failure rules" }</legend>
            { rule_list(&props.rules) }
            <div class="rule-form">
                <label>{ "Command " }<select aria-label="Rule command" onchange={select(&verb)}>
                    <option value="" selected={verb.is_empty()}>{ "any" }</option>
                    { for COMMANDS.iter().map(|c| html! { <option value={c.name} selected={*verb == c.name}>{ c.name }</option> }) }
                </select></label>
                <label>{ "Address pattern " }<input placeholder="*@example.org" value={(*address).clone()} oninput={input(&address)} aria-label="Rule address pattern" /></label>
                <label>{ "Only match number " }<input inputmode="numeric" size="3" value={(*nth).clone()} oninput={input(&nth)} aria-label="Rule nth match" /></label>
                <label>{ "Chance % " }<input inputmode="numeric" size="3" value={(*percent).clone()} oninput={input(&percent)} aria-label="Rule chance" /></label>
                <label>{ "Then " }<select aria-label="Rule effect" onchange={select(&effect)}>
                    <option value="reply" selected={*effect == "reply"}>{ "answer with" }</option>
                    <option value="delay" selected={*effect == "delay"}>{ "delay the answer" }</option>
                    <option value="disconnect" selected={*effect == "disconnect"}>{ "drop the connection" }</option>
                </select></label>
                if *effect == "reply" {
                    <label>{ "Code " }<input inputmode="numeric" size="3" value={(*code).clone()} oninput={input(&code)} aria-label="Rule reply code" /></label>
                    <label>{ "Enhanced " }<input size="7" value={(*enhanced).clone()} oninput={input(&enhanced)} aria-label="Rule enhanced code" /></label>
                    <label>{ "Text " }<input value={(*text).clone()} oninput={input(&text)} aria-label="Rule reply text" /></label>
                }
                if *effect == "delay" {
                    <label>{ "Milliseconds " }<input inputmode="numeric" value={(*ms).clone()} oninput={input(&ms)} aria-label="Rule delay" /></label>
                }
                <button type="button" onclick={add}>{ "Add rule" }</button>
            </div>
            { error_line(&error) }
        </fieldset>
    }
}

/// The "Add rule" button: the form's fields (in [`rule_from`]'s order) as a new rule, or
/// the message that says which field is wrong.
fn on_add(
    rules: &UseStateHandle<Vec<Rule>>,
    fields: [UseStateHandle<String>; 9],
    error: &UseStateHandle<Option<String>>,
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
fn rule_list(rules: &UseStateHandle<Vec<Rule>>) -> Html {
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
                <p class="small">{ "None: the server answers as Postfix does. Add a rule to make it fail on purpose." }</p>
            }
            <ul>
                { for rules.iter().enumerate().map(|(i, rule)| html! {
                    <li>{ describe(rule) }{ " " }
                        <button type="button" onclick={remove(i)} aria-label={format!("Remove rule {}", i + 1)}>{ "Remove" }</button>
                    </li>
                }) }
            </ul>
        </>
    }
}

/// A rule from the form's fields; the message names the field that is wrong.
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
) -> Result<Rule, String> {
    let number = |value: &str, field: &str| -> Result<Option<u64>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse()
            .map(Some)
            .map_err(|_| format!("{field}: {value:?} is not a whole number"))
    };
    let small = |value: Option<u64>, field: &str| -> Result<Option<u32>, String> {
        value
            .map(|v| u32::try_from(v).map_err(|_| format!("{field}: too large")))
            .transpose()
    };
    let then = match effect {
        "delay" => Effect::Delay {
            ms: number(ms, "then.ms")?.unwrap_or(0),
        },
        "disconnect" => Effect::Disconnect,
        _ => Effect::Reply {
            code: number(code, "then.code")?
                .and_then(|c| u16::try_from(c).ok())
                .ok_or("then.code: a reply code such as 451 is needed")?,
            enhanced: match enhanced.trim() {
                "" => None,
                dotted => Some(enhanced_code(dotted).ok_or_else(|| {
                    format!("then.enhanced: {dotted:?} is not class.subject.detail, e.g. 4.7.1")
                })?),
            },
            text: text.trim().to_string(),
        },
    };
    let rule = Rule {
        verb: Verb::parse(verb),
        address: Some(address.trim().to_string()).filter(|a| !a.is_empty()),
        nth: small(number(nth, "nth")?, "nth")?,
        percent: number(percent, "percent")?
            .map(|p| u8::try_from(p).map_err(|_| "percent: at most 100".to_string()))
            .transpose()?,
        then,
    };
    rule.validate()?;
    Ok(rule)
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
