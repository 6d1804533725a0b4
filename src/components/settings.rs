//! The world panel: host name, users and passwords, limits, policies, seed. Invalid values
//! are refused with the engine's own message; applying starts a new session.

use smtplab_engine::world::Profile;
use smtplab_engine::world::{Rule, User};
use smtplab_engine::World;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::rules::FailureRules;
use super::{error_line, LabProps};

use crate::now_ms;
use crate::state::Action;

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
    let lab = props.lab.clone();
    let world = lab.session.world().clone();
    let host = use_state(|| world.hostname.clone());
    let users = use_state(|| {
        world
            .users
            .iter()
            .map(|u| format!("{}:{}", u.name, u.password.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let size = use_state(|| world.limits.message_size.to_string());
    let rcpts = use_state(|| world.limits.recipients.to_string());
    let seed = use_state(|| lab.seed.to_string());
    let policy = use_state(|| world.policy);
    let rules = use_state(|| world.rules.clone());
    let greylisting = use_state(|| world.policy.greylisting.map_or(String::new(), |s| s.to_string()));
    let error = use_state(|| None::<String>);
    let text = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| s.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let users_input = {
        let users = users.clone();
        Callback::from(move |e: InputEvent| {
            users.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let check = |label: &'static str,
                 get: fn(&smtplab_engine::world::Policy) -> bool,
                 set: fn(&mut smtplab_engine::world::Policy, bool)| {
        let checked = get(&policy);
        let policy = policy.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut p = *policy;
            set(&mut p, e.target_unchecked_into::<HtmlInputElement>().checked());
            policy.set(p);
        });
        html! { <label><input type="checkbox" {checked} {onchange} />{ format!(" {label}") }</label> }
    };
    let apply = {
        let (host, users, size, rcpts, seed, policy, error) = (
            host.clone(),
            users.clone(),
            size.clone(),
            rcpts.clone(),
            seed.clone(),
            policy.clone(),
            error.clone(),
        );
        let (rules, greylisting) = (rules.clone(), greylisting.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let failures = Failures {
                rules: &rules,
                greylisting: &greylisting,
            };
            match build(&world, &host, &users, &size, &rcpts, *policy, failures)
                .and_then(|w| Ok((w, parse_number(&seed, "seed")?)))
            {
                Ok((world, seed)) => {
                    error.set(None);
                    lab.dispatch(Action::ApplyWorld {
                        world: Box::new(world),
                        seed,
                        now: now_ms(),
                    });
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    html! {
        <form class="settings" onsubmit={apply} aria-label="World settings">
            <label>{ "Host name " }<input value={(*host).clone()} oninput={text(&host)} aria-label="Host name" /></label>
            <label for="users">{ "Users, one per line as name:password (no password: receives mail only)" }</label>
            <textarea id="users" rows="4" value={(*users).clone()} oninput={users_input} aria-label="Users" />
            <label>{ "Message size limit (bytes) " }<input inputmode="numeric" value={(*size).clone()} oninput={text(&size)} aria-label="Message size limit" /></label>
            <label>{ "Recipients per message " }<input inputmode="numeric" value={(*rcpts).clone()} oninput={text(&rcpts)} aria-label="Recipient limit" /></label>
            <fieldset><legend>{ "Policies" }</legend>
                { check("Require HELO/EHLO before MAIL", |p| p.helo_required, |p, v| p.helo_required = v) }
                { check("VRFY enabled", |p| p.vrfy_enabled, |p, v| p.vrfy_enabled = v) }
                { check("Offer STARTTLS", |p| p.starttls, |p, v| p.starttls = v) }
                { check("AUTH only after TLS", |p| p.auth_only_after_tls, |p, v| p.auth_only_after_tls = v) }
                { check("Relay for authenticated clients", |p| p.relay_when_authenticated, |p, v| p.relay_when_authenticated = v) }
            </fieldset>
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

/// Which real server answers: choosing one reconnects to its preset world (host name,
/// size limit, policies), with the lab's users and their mailboxes.
#[function_component(ServerChoice)]
fn server_choice(props: &LabProps) -> Html {
    let lab = props.lab.clone();
    let current = lab.session.world().profile;
    let onchange = Callback::from(move |e: Event| {
        let name = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Some(profile) = Profile::from_name(&name) {
            lab.dispatch(Action::SetProfile {
                profile,
                now: now_ms(),
            });
        }
    });
    html! {
        <div class="settings server-choice">
            <label for="profile">{ "Server that answers" }</label>
            <select id="profile" {onchange}>
                { for Profile::ALL.iter().map(|p| html! {
                    <option value={p.name()} selected={*p == current}>{ p.title() }</option>
                }) }
            </select>
            <p class="small">{ current.provenance() }{ " Choosing a server reconnects; your users and their mail stay." }</p>
        </div>
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
    policy: smtplab_engine::world::Policy,
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
