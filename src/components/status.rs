//! The session's status pills: phase, TLS, login, errors.

use yew::prelude::*;

use super::LabProps;

#[function_component(Status)]
pub fn status(props: &LabProps) -> Html {
    let lab = props.lab.shown();
    let user = lab
        .session
        .authenticated_as()
        .map_or("no".to_string(), |u| format!("as {u}"));
    html! {
        <p class="status">
            <span class="pill">{ format!("Server: {}", lab.session.world().profile.title()) }</span>
            <span class="pill">{ format!("Phase: {:?}", lab.phase()) }</span>
            <span class="pill">{ if lab.session.tls_active() { "TLS: on" } else { "TLS: off" } }</span>
            <span class="pill">{ format!("Authenticated: {user}") }</span>
            <span class="pill">{ format!("Errors: {}", lab.session.error_count()) }</span>
        </p>
    }
}
