//! Which real server answers: choosing one reconnects to its preset world (host name,
//! size limit, policies), with the lab's users and their mailboxes.

use smtplab_engine::world::Profile;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::LabProps;
use crate::i18n::use_texts;
use crate::state::Action;
use crate::t;
use crate::time::now_ms;

/// Which real server answers: choosing one reconnects to its preset world (host name,
/// size limit, policies), with the lab's users and their mailboxes.
#[function_component(ServerChoice)]
pub fn server_choice(props: &LabProps) -> Html {
    let texts = use_texts();
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
            <label for="profile">{ t!(texts, "server-label") }</label>
            <select id="profile" {onchange}>
                { for Profile::ALL.iter().map(|p| html! {
                    <option value={p.name()} selected={*p == current}>{ p.title() }</option>
                }) }
            </select>
            <p class="small">{ texts.get(current.provenance(), &[]) }{ " " }{ t!(texts, "server-note") }</p>
        </div>
    }
}
