//! The session at a glance, as pills: the server, the phase, TLS, login and errors. The
//! console shows them under the input, the state diagram under its drawing.

use yew::prelude::*;

use crate::state::Lab;

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
    let lab = props.lab.shown();
    let session = &lab.session;
    let user = session
        .authenticated_as()
        .map_or("Authenticated: no".to_string(), |u| {
            format!("Authenticated: as {u}")
        });
    html! {
        <p class={props.class}>
            if props.server {
                <span class="pill">{ "Server: " }{ session.world().profile.title() }</span>
            }
            <span class="pill">{ "Phase: " }{ lab.phase().label() }</span>
            <span class="pill">{ if session.tls_active() { "TLS: on" } else { "TLS: off" } }</span>
            <span class="pill">{ user }</span>
            <span class="pill">{ "Errors: " }{ session.error_count() }</span>
        </p>
    }
}
