//! The world form: host name, users and passwords, limits, policies, seed. Invalid values
//! are refused with the engine's own message; applying starts a new session.

use smtplab_engine::world::{Policy, Rule, User};
use smtplab_engine::World;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::rules::FailureRules;
use super::{error_line, LabProps};

use crate::i18n::{use_texts, Note, Texts};
use crate::state::{Action, Lab, Step};
use crate::time::now_ms;
use crate::{note, t};

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
    error: &UseStateHandle<Option<Note>>,
) -> Callback<SubmitEvent> {
    let (lab, f, error) = (lab.clone(), fields.clone(), error.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let failures = Failures {
            rules: &f.rules,
            greylisting: &f.greylisting,
        };
        match build(&world, &f.host, &f.users, &f.size, &f.rcpts, *f.policy, failures)
            .and_then(|w| Ok((w, parse_number(&f.seed, Field::Seed)?)))
        {
            Ok((world, seed)) => {
                error.set(None);
                let world = Box::new(world);
                lab.dispatch(Action::Do(Step::World {
                    world,
                    seed,
                    now: now_ms(),
                }));
            }
            Err(message) => error.set(Some(message)),
        }
    })
}

/// The policy switches.
fn policies(texts: &Texts, policy: &UseStateHandle<Policy>) -> Html {
    let check = |label: String, get: fn(&Policy) -> bool, set: fn(&mut Policy, bool)| {
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
        <fieldset><legend>{ t!(texts, "settings-policies") }</legend>
            { check(t!(texts, "settings-helo-required"), |p| p.helo_required, |p, v| p.helo_required = v) }
            { check(t!(texts, "settings-vrfy"), |p| p.vrfy_enabled, |p, v| p.vrfy_enabled = v) }
            { check(t!(texts, "settings-starttls"), |p| p.starttls, |p, v| p.starttls = v) }
            { check(t!(texts, "settings-auth-after-tls"), |p| p.auth_only_after_tls, |p, v| p.auth_only_after_tls = v) }
            { check(t!(texts, "settings-relay"), |p| p.relay_when_authenticated, |p, v| p.relay_when_authenticated = v) }
        </fieldset>
    }
}

fn text(s: &UseStateHandle<String>) -> Callback<InputEvent> {
    let s = s.clone();
    Callback::from(move |e: InputEvent| s.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

#[function_component(WorldForm)]
pub fn world_form(props: &LabProps) -> Html {
    let texts = use_texts();
    let world = props.lab.session.world().clone();
    let fields = use_fields(&world, props.lab.seed);
    let error = use_state(|| None::<Note>);
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
        <form class="settings" onsubmit={apply} aria-label={t!(texts, "settings-label")}>
            <label>{ t!(texts, "settings-host") }{ " " }<input value={(*host).clone()} oninput={text(&host)} aria-label={t!(texts, "settings-host.aria-label")} /></label>
            <label for="users">{ t!(texts, "settings-users") }</label>
            <textarea id="users" rows="4" value={(*users).clone()} oninput={users_input} aria-label={t!(texts, "settings-users.aria-label")} />
            <label>{ t!(texts, "settings-size") }{ " " }<input inputmode="numeric" value={(*size).clone()} oninput={text(&size)} aria-label={t!(texts, "settings-size.aria-label")} /></label>
            <label>{ t!(texts, "settings-recipients") }{ " " }<input inputmode="numeric" value={(*rcpts).clone()} oninput={text(&rcpts)} aria-label={t!(texts, "settings-recipients.aria-label")} /></label>
            { policies(&texts, &policy) }
            <fieldset><legend>{ t!(texts, "settings-greylisting") }</legend>
                <label>{ t!(texts, "settings-greylisting-delay") }{ " " }
                    <input inputmode="numeric" placeholder="300" value={(*greylisting).clone()} oninput={text(&greylisting)} aria-label={t!(texts, "settings-greylisting-delay.aria-label")} /></label>
            </fieldset>
            <FailureRules rules={rules.clone()} />
            <label>{ t!(texts, "settings-seed") }{ " " }<input inputmode="numeric" value={(*seed).clone()} oninput={text(&seed)} aria-label={t!(texts, "settings-seed.aria-label")} /></label>
            { error_line(&error.as_ref().map(|why| why.say(&texts))) }
            <button class="primary" type="submit">{ t!(texts, "settings-apply") }</button>
        </form>
    }
}

/// The numeric fields of the form, for what to tell when one is not a number.
#[derive(Clone, Copy)]
enum Field {
    Size,
    Recipients,
    Greylisting,
    Seed,
}

fn parse_number<T: std::str::FromStr>(text: &str, field: Field) -> Result<T, Note> {
    text.trim().parse().map_err(|_| {
        let value = format!("{text:?}");
        match field {
            Field::Size => note!("settings-error-size", value = value),
            Field::Recipients => note!("settings-error-recipients", value = value),
            Field::Greylisting => note!("settings-error-greylisting", value = value),
            Field::Seed => note!("settings-error-seed", value = value),
        }
    })
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
) -> Result<World, Note> {
    let mut world = base.clone();
    world.rules = failures.rules.to_vec();
    world.hostname = host.trim().to_string();
    world.limits.message_size = parse_number(size, Field::Size)?;
    world.limits.recipients = parse_number(rcpts, Field::Recipients)?;
    world.policy = policy;
    world.policy.greylisting = match failures.greylisting.trim() {
        "" => None,
        secs => Some(parse_number(secs, Field::Greylisting)?),
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
    world
        .validate()
        .map_err(|problem| note!("settings-invalid", why = crate::problems::world(&problem)))?;
    Ok(world)
}
