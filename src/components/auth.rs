//! AUTH helpers: a PLAIN builder with the NULs visible, base64 both ways for LOGIN, and a
//! step-by-step CRAM-MD5 calculator fed by the live challenge. Each can insert its result.

use smtplab_engine::sasl::{cram_digest, decode, encode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::InsertProps;
use crate::i18n::{use_texts, Texts};
use crate::t;

fn field(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

fn insert_button(insert: &Callback<String>, text: String, label: String) -> Html {
    let insert = insert.clone();
    let shown = text.clone();
    html! {
        <button onclick={Callback::from(move |_: MouseEvent| insert.emit(text.clone()))}>
            { label }{ " " }<code>{ shown }</code>
        </button>
    }
}

#[function_component(AuthHelpers)]
pub fn auth_helpers(props: &InsertProps) -> Html {
    let texts = use_texts();
    let (authzid, user, password) = (
        use_state(String::new),
        use_state(|| "alice".to_string()),
        use_state(|| "s3cret".to_string()),
    );
    let (plain_text, b64_text) = (
        use_state(|| "alice".to_string()),
        use_state(|| "VXNlcm5hbWU6".to_string()),
    );
    let manual_challenge = use_state(String::new);
    let plain = format!("{}\0{}\0{}", *authzid, *user, *password);
    let plain_b64 = encode(plain.as_bytes());
    let challenge = props
        .lab
        .shown()
        .cram_challenge()
        .map_or_else(|| (*manual_challenge).clone(), str::to_string);
    let digest = cram_digest(&password, &challenge);
    html! {
        <div class="helpers">
            <fieldset>
                <legend>{ t!(texts, "auth-credentials") }</legend>
                <label>{ t!(texts, "auth-user") }{ " " }<input value={(*user).clone()} oninput={field(&user)} aria-label={t!(texts, "auth-user")} /></label>
                <label>{ t!(texts, "auth-password") }{ " " }<input value={(*password).clone()} oninput={field(&password)} aria-label={t!(texts, "auth-password")} /></label>
            </fieldset>
            { plain_section(&texts, &props.insert, &authzid, &plain, &plain_b64) }
            { base64_section(&texts, &props.insert, &plain_text, &b64_text) }
            { cram_section(&texts, props, &manual_challenge, &challenge, &digest, &user) }
        </div>
    }
}

/// AUTH PLAIN: the message with its NULs shown, and its base64.
fn plain_section(
    texts: &Texts,
    insert: &Callback<String>,
    authzid: &UseStateHandle<String>,
    plain: &str,
    plain_b64: &str,
) -> Html {
    html! {
        <section aria-label={t!(texts, "auth-plain-label")}>
            <h2>{ "AUTH PLAIN" }</h2>
            <label>{ t!(texts, "auth-authzid") }{ " " }<input value={(**authzid).clone()} oninput={field(authzid)} aria-label={t!(texts, "auth-authzid.aria-label")} /></label>
            <p>{ t!(texts, "auth-plain-message") }{ " " }<code>{ for plain.split('\0').enumerate().map(|(i, part)| html! {
                <>if i > 0 { <mark class="nul" title={t!(texts, "auth-nul")}>{ "\\0" }</mark> }{ part }</>
            }) }</code>{ " " }{ t!(texts, "auth-plain-nul-note") }</p>
            <p>{ t!(texts, "auth-base64") }{ " " }<code>{ plain_b64 }</code></p>
            { insert_button(insert, format!("AUTH PLAIN {plain_b64}"), t!(texts, "auth-insert")) }
        </section>
    }
}

/// Base64 both ways, for AUTH LOGIN.
fn base64_section(
    texts: &Texts,
    insert: &Callback<String>,
    plain_text: &UseStateHandle<String>,
    b64_text: &UseStateHandle<String>,
) -> Html {
    let decoded = decode(b64_text.trim()).map(|d| String::from_utf8_lossy(&d).into_owned());
    html! {
        <section aria-label={t!(texts, "auth-base64-label")}>
            <h2>{ t!(texts, "auth-base64-title") }</h2>
            <label>{ t!(texts, "auth-text") }{ " " }<input value={(**plain_text).clone()} oninput={field(plain_text)} aria-label={t!(texts, "auth-text.aria-label")} /></label>
            <p>{ t!(texts, "auth-encoded") }{ " " }<code>{ encode(plain_text.as_bytes()) }</code></p>
            { insert_button(insert, encode(plain_text.as_bytes()), t!(texts, "auth-insert")) }
            <label>{ t!(texts, "auth-base64-input") }{ " " }<input value={(**b64_text).clone()} oninput={field(b64_text)} aria-label={t!(texts, "auth-base64-input.aria-label")} /></label>
            <p>{ t!(texts, "auth-decoded") }{ " " }<code>{ decoded.unwrap_or_else(|| t!(texts, "auth-not-base64")) }</code></p>
        </section>
    }
}

/// CRAM-MD5 step by step, from the live challenge (or one typed in).
fn cram_section(
    texts: &Texts,
    props: &InsertProps,
    manual_challenge: &UseStateHandle<String>,
    challenge: &str,
    digest: &str,
    user: &UseStateHandle<String>,
) -> Html {
    let cram_answer = encode(format!("{} {digest}", **user).as_bytes());
    html! {
        <section aria-label={t!(texts, "auth-cram-label")}>
            <h2>{ t!(texts, "auth-cram-title") }</h2>
            if props.lab.shown().cram_challenge().is_none() {
                <label>{ t!(texts, "auth-challenge") }{ " " }
                    <input value={(**manual_challenge).clone()} oninput={field(manual_challenge)} aria-label={t!(texts, "auth-challenge.aria-label")} /></label>
            }
            <ol>
                <li>{ t!(texts, "auth-cram-decode") }{ " " }<code>{ challenge }</code></li>
                <li>{ t!(texts, "auth-cram-hmac") }{ " " }<code>{ digest }</code></li>
                <li>{ t!(texts, "auth-cram-join") }{ " " }<code>{ format!("{} {digest}", **user) }</code></li>
                <li>{ t!(texts, "auth-cram-base64") }{ " " }<code>{ &cram_answer }</code></li>
            </ol>
            { insert_button(&props.insert, cram_answer.clone(), t!(texts, "auth-insert")) }
        </section>
    }
}
