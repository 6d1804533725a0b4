//! The session at a glance, as pills: the server, the phase, TLS, login and errors. The
//! console shows them under the input, the state diagram under its drawing.

use yew::prelude::*;

use crate::i18n::use_texts;
use crate::state::Lab;
use crate::t;

#[derive(Properties, PartialEq)]
pub struct PillsProps {
    pub lab: UseReducerHandle<Lab>,
    /// The class of the row (`status` under the console, `badges` under the diagram).
    pub class: &'static str,
    /// Name the server that answers (the diagram leaves it to the console).
    #[prop_or(true)]
    pub server: bool,
}

#[function_component(Pills)]
pub fn pills(props: &PillsProps) -> Html {
    let texts = use_texts();
    let lab = props.lab.shown();
    let session = &lab.session;
    let user = session.authenticated_as().map_or_else(
        || t!(texts, "pill-login-none"),
        |u| t!(texts, "pill-login-as", user = u),
    );
    html! {
        <p class={props.class}>
            if props.server {
                <span class="pill">{ t!(texts, "pill-server", server = session.world().profile.title()) }</span>
            }
            <span class="pill">{ t!(texts, "pill-phase", phase = texts.get(lab.phase().message(), &[])) }</span>
            <span class="pill">{ if session.tls_active() { t!(texts, "pill-tls-on") } else { t!(texts, "pill-tls-off") } }</span>
            <span class="pill">{ user }</span>
            <span class="pill">{ t!(texts, "pill-errors", count = session.error_count()) }</span>
        </p>
    }
}
