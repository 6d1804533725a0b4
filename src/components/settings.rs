//! The settings panel: which server answers, and the world it answers in.

use yew::prelude::*;

use super::server_choice::ServerChoice;
use super::world_form::WorldForm;
use super::LabProps;

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
