//! The console: connection controls, the transcript, and the input (a command line, or
//! the message composer after 354), with the session's status pills below.
//!
//! When the session enters or leaves the DATA phase, one input gives way to the other,
//! and the one that appears takes the keyboard focus ([`super::use_take_focus`]); not
//! when the page opens, so that an embedded lab never takes it from its course page.

use smtplab_engine::Phase;
use yew::prelude::*;

use super::command_line::CommandLine;
use super::composer::Composer;
use super::export::Export;
use super::pills::Pills;
use super::transcript::Transcript;
use super::wait::Wait;
use crate::i18n::use_texts;
use crate::state::{Action, Lab, Step};
use crate::storage::MessageDraft;
use crate::t;
use crate::time::now_ms;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lab: UseReducerHandle<Lab>,
    pub draft: UseStateHandle<String>,
    /// The message being written in the composer.
    pub message: UseStateHandle<MessageDraft>,
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let texts = use_texts();
    let lab = &props.lab;
    let act = |make: fn(u64) -> Action| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(make(now_ms())))
    };
    let clear = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(Action::Do(Step::Clear)))
    };
    let shown = lab.shown();
    let closed = shown.phase() == Phase::Closed;
    let in_data = shown.phase() == Phase::Data;
    let switched = use_switched(in_data);
    html! {
        <section class="console" aria-label={t!(texts, "console-label")}>
            <div class="controls" role="toolbar" aria-label={t!(texts, "console-connection")}>
                <button onclick={act(|now| Action::Do(Step::Connect { now }))}>{ if closed { t!(texts, "console-connect") } else { t!(texts, "console-reconnect") } }</button>
                <button onclick={act(|now| Action::Do(Step::Disconnect { now }))} disabled={closed}>{ t!(texts, "console-disconnect") }</button>
                <button class="tls" onclick={act(|now| Action::Do(Step::Handshake { now }))} disabled={!lab.tls_pending()}>
                    { t!(texts, "console-handshake") }
                </button>
                <button onclick={clear}>{ t!(texts, "console-clear") }</button>
                <Wait lab={lab.clone()} />
                <Export lab={lab.clone()} />
            </div>
            <Transcript lab={lab.clone()} />
            if in_data {
                <Composer lab={lab.clone()} draft={props.message.clone()} take_focus={switched} />
            } else {
                <CommandLine lab={lab.clone()} draft={props.draft.clone()} take_focus={switched} />
            }
            <Pills lab={lab.clone()} class="status" />
        </section>
    }
}

/// Whether `in_data` has changed since the console appeared: from then on, the input that
/// appears is one the learner is moved to.
#[hook]
fn use_switched(in_data: bool) -> bool {
    let started = use_memo((), |_| in_data);
    let switched = use_mut_ref(|| false);
    let mut switched = switched.borrow_mut();
    *switched |= in_data != *started;
    *switched
}
