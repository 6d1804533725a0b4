//! AUTH helpers: a PLAIN builder with the NULs visible, base64 both ways for LOGIN, and a
//! step-by-step CRAM-MD5 calculator fed by the live challenge. Each can insert its result.

use smtplab_engine::sasl::{cram_digest, decode, encode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::InsertProps;

fn field(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

fn insert_button(insert: &Callback<String>, text: String, label: &str) -> Html {
    let insert = insert.clone();
    let shown = text.clone();
    html! {
        <button onclick={Callback::from(move |_: MouseEvent| insert.emit(text.clone()))}>
            { format!("{label} ") }<code>{ shown }</code>
        </button>
    }
}

#[function_component(AuthHelpers)]
pub fn auth_helpers(props: &InsertProps) -> Html {
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
                <legend>{ "Credentials" }</legend>
                <label>{ "User " }<input value={(*user).clone()} oninput={field(&user)} aria-label="User" /></label>
                <label>{ "Password " }<input value={(*password).clone()} oninput={field(&password)} aria-label="Password" /></label>
            </fieldset>
            { plain_section(&props.insert, &authzid, &plain, &plain_b64) }
            { base64_section(&props.insert, &plain_text, &b64_text) }
            { cram_section(props, &manual_challenge, &challenge, &digest, &user) }
        </div>
    }
}

/// AUTH PLAIN: the message with its NULs shown, and its base64.
fn plain_section(
    insert: &Callback<String>,
    authzid: &UseStateHandle<String>,
    plain: &str,
    plain_b64: &str,
) -> Html {
    html! {
        <section aria-label="AUTH PLAIN builder">
            <h2>{ "AUTH PLAIN" }</h2>
            <label>{ "Authorise as (optional) " }<input value={(**authzid).clone()} oninput={field(authzid)} aria-label="Authorization identity" /></label>
            <p>{ "Message: " }<code>{ for plain.split('\0').enumerate().map(|(i, part)| html! {
                <>if i > 0 { <mark class="nul" title="NUL byte">{ "\\0" }</mark> }{ part }</>
            }) }</code>{ " (each \\0 is one NUL byte; note the leading one)" }</p>
            <p>{ "Base64: " }<code>{ plain_b64 }</code></p>
            { insert_button(insert, format!("AUTH PLAIN {plain_b64}"), "Insert") }
        </section>
    }
}

/// Base64 both ways, for AUTH LOGIN.
fn base64_section(
    insert: &Callback<String>,
    plain_text: &UseStateHandle<String>,
    b64_text: &UseStateHandle<String>,
) -> Html {
    let decoded = decode(b64_text.trim()).map(|d| String::from_utf8_lossy(&d).into_owned());
    html! {
        <section aria-label="Base64">
            <h2>{ "Base64 (for AUTH LOGIN)" }</h2>
            <label>{ "Text " }<input value={(**plain_text).clone()} oninput={field(plain_text)} aria-label="Text to encode" /></label>
            <p>{ "Encoded: " }<code>{ encode(plain_text.as_bytes()) }</code></p>
            { insert_button(insert, encode(plain_text.as_bytes()), "Insert") }
            <label>{ "Base64 " }<input value={(**b64_text).clone()} oninput={field(b64_text)} aria-label="Base64 to decode" /></label>
            <p>{ "Decoded: " }<code>{ decoded.unwrap_or_else(|| "(not valid base64)".into()) }</code></p>
        </section>
    }
}

/// CRAM-MD5 step by step, from the live challenge (or one typed in).
fn cram_section(
    props: &InsertProps,
    manual_challenge: &UseStateHandle<String>,
    challenge: &str,
    digest: &str,
    user: &UseStateHandle<String>,
) -> Html {
    let cram_answer = encode(format!("{} {digest}", **user).as_bytes());
    html! {
        <section aria-label="CRAM-MD5 calculator">
            <h2>{ "CRAM-MD5, step by step" }</h2>
            if props.lab.shown().cram_challenge().is_none() {
                <label>{ "Challenge (send AUTH CRAM-MD5 to get one) " }
                    <input value={(**manual_challenge).clone()} oninput={field(manual_challenge)} aria-label="Challenge" /></label>
            }
            <ol>
                <li>{ "Decode the 334 challenge: " }<code>{ challenge }</code></li>
                <li>{ "HMAC-MD5, keyed with the password: " }<code>{ digest }</code></li>
                <li>{ "User, space, hex digest: " }<code>{ format!("{} {digest}", **user) }</code></li>
                <li>{ "Base64 of that: " }<code>{ &cram_answer }</code></li>
            </ol>
            { insert_button(&props.insert, cram_answer.clone(), "Insert") }
        </section>
    }
}
