//! The world panel: host name, users and passwords, limits, policies, seed. Invalid values
//! are refused with the engine's own message; applying starts a new session.

use smtplab_engine::world::{Policy, Rule, User};
use smtplab_engine::World;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::rules::FailureRules;
use super::server_choice::ServerChoice;
use super::{error_line, LabProps};

use crate::state::{Action, Lab};
use crate::time::now_ms;

/// The form's fields as typed; they are checked only when applied.
#[derive(Clone)]
struct Fields {
    host: UseStateHandle<String>,
    users: UseStateHandle<String>,
    size: UseStateHandle<String>,
    rcpts: UseStateHandle<String>,
    seed: UseStateHandle<String>,
    policy: UseStateHandle<Policy>,
    rules: UseStateHandle<Vec<Rule>>,
    greylisting: UseStateHandle<String>,
}

/// The fields, filled from the world and seed in force.
#[hook]
fn use_fields(world: &World, seed: u64) -> Fields {
    Fields {
        host: use_state(|| world.hostname.clone()),
        users: use_state(|| {
            let line = |u: &User| format!("{}:{}", u.name, u.password.clone().unwrap_or_default());
            world.users.iter().map(line).collect::<Vec<_>>().join("\n")
        }),
        size: use_state(|| world.limits.message_size.to_string()),
        rcpts: use_state(|| world.limits.recipients.to_string()),
        seed: use_state(|| seed.to_string()),
        policy: use_state(|| world.policy),
        rules: use_state(|| world.rules.clone()),
        greylisting: use_state(|| world.policy.greylisting.map_or(String::new(), |s| s.to_string())),
    }
}

/// Applying: the world and seed from the fields start a new session, or the form says
/// what is wrong (the engine's own message).
fn on_apply(
    lab: &UseReducerHandle<Lab>,
    world: World,
    fields: &Fields,
    error: &UseStateHandle<Option<String>>,
) -> Callback<SubmitEvent> {
    let (lab, f, error) = (lab.clone(), fields.clone(), error.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let failures = Failures {
            rules: &f.rules,
            greylisting: &f.greylisting,
        };
        match build(&world, &f.host, &f.users, &f.size, &f.rcpts, *f.policy, failures)
            .and_then(|w| Ok((w, parse_number(&f.seed, "seed")?)))
        {
            Ok((world, seed)) => {
                error.set(None);
                let world = Box::new(world);
                lab.dispatch(Action::ApplyWorld {
                    world,
                    seed,
                    now: now_ms(),
                });
            }
            Err(message) => error.set(Some(message)),
        }
    })
}

/// The policy switches.
fn policies(policy: &UseStateHandle<Policy>) -> Html {
    let check = |label: &'static str, get: fn(&Policy) -> bool, set: fn(&mut Policy, bool)| {
        let checked = get(policy);
        let policy = policy.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut p = *policy;
            set(&mut p, e.target_unchecked_into::<HtmlInputElement>().checked());
            policy.set(p);
        });
        html! { <label><input type="checkbox" {checked} {onchange} />{ " " }{ label }</label> }
    };
    html! {
        <fieldset><legend>{ "Policies" }</legend>
            { check("Require HELO/EHLO before MAIL", |p| p.helo_required, |p, v| p.helo_required = v) }
            { check("VRFY enabled", |p| p.vrfy_enabled, |p, v| p.vrfy_enabled = v) }
            { check("Offer STARTTLS", |p| p.starttls, |p, v| p.starttls = v) }
            { check("AUTH only after TLS", |p| p.auth_only_after_tls, |p, v| p.auth_only_after_tls = v) }
            { check("Relay for authenticated clients", |p| p.relay_when_authenticated, |p, v| p.relay_when_authenticated = v) }
        </fieldset>
    }
}

fn text(s: &UseStateHandle<String>) -> Callback<InputEvent> {
    let s = s.clone();
    Callback::from(move |e: InputEvent| s.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

/// The server choice, and the form for the current world: the form starts again from the
/// world whenever another one is applied (a server chosen, a lab opened).
#[function_component(Settings)]
pub fn settings(props: &LabProps) -> Html {
    let world = props.lab.session.world();
    let key = format!("{}|{}|{}", world.profile.name(), world.hostname, props.lab.seed);
    html! {
        <>
            <ServerChoice lab={props.lab.clone()} />
            <WorldForm {key} lab={props.lab.clone()} />
        </>
    }
}

#[function_component(WorldForm)]
fn world_form(props: &LabProps) -> Html {
    let world = props.lab.session.world().clone();
    let fields = use_fields(&world, props.lab.seed);
    let error = use_state(|| None::<String>);
    let apply = on_apply(&props.lab, world, &fields, &error);
    let Fields {
        host,
        users,
        size,
        rcpts,
        seed,
        policy,
        rules,
        greylisting,
    } = fields;
    let users_input = {
        let users = users.clone();
        Callback::from(move |e: InputEvent| {
            users.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    html! {
        <form class="settings" onsubmit={apply} aria-label="World settings">
            <label>{ "Host name " }<input value={(*host).clone()} oninput={text(&host)} aria-label="Host name" /></label>
            <label for="users">{ "Users, one per line as name:password (no password: receives mail only)" }</label>
            <textarea id="users" rows="4" value={(*users).clone()} oninput={users_input} aria-label="Users" />
            <label>{ "Message size limit (bytes) " }<input inputmode="numeric" value={(*size).clone()} oninput={text(&size)} aria-label="Message size limit" /></label>
            <label>{ "Recipients per message " }<input inputmode="numeric" value={(*rcpts).clone()} oninput={text(&rcpts)} aria-label="Recipient limit" /></label>
            { policies(&policy) }
            <fieldset><legend>{ "Greylisting" }</legend>
                <label>{ "Defer each new sender and recipient pair for this many seconds (Postfix with postgrey; empty: off) " }
                    <input inputmode="numeric" placeholder="300" value={(*greylisting).clone()} oninput={text(&greylisting)} aria-label="Greylisting delay" /></label>
            </fieldset>
            <FailureRules rules={rules.clone()} />
            <label>{ "Seed (queue IDs, CRAM-MD5 challenges) " }<input inputmode="numeric" value={(*seed).clone()} oninput={text(&seed)} aria-label="Seed" /></label>
            { error_line(&error) }
            <button class="primary" type="submit">{ "Apply and reconnect" }</button>
        </form>
    }
}

fn parse_number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{what}: {text:?} is not a whole number"))
}

/// The failure-injection part of the form.
struct Failures<'a> {
    rules: &'a [Rule],
    greylisting: &'a str,
}

fn build(
    base: &World,
    host: &str,
    users: &str,
    size: &str,
    rcpts: &str,
    policy: Policy,
    failures: Failures,
) -> Result<World, String> {
    let mut world = base.clone();
    world.rules = failures.rules.to_vec();
    world.hostname = host.trim().to_string();
    world.limits.message_size = parse_number(size, "message size limit")?;
    world.limits.recipients = parse_number(rcpts, "recipients per message")?;
    world.policy = policy;
    world.policy.greylisting = match failures.greylisting.trim() {
        "" => None,
        secs => Some(parse_number(secs, "greylisting delay")?),
    };
    world.users = users
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (name, password) = line.split_once(':').unwrap_or((line, ""));
            User {
                name: name.trim().to_string(),
                password: Some(password.to_string()).filter(|p| !p.is_empty()),
                mailbox: base
                    .user(name.trim())
                    .map(|u| u.mailbox.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    world.validate().map_err(|e| e.to_string())?;
    Ok(world)
}
