//! The root: the language the lab speaks, loaded before the lab is drawn ([`App`]), over
//! the lab page (`crate::app::LabPage`).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::{LabPage, Opened};
use crate::i18n::{self, Lang, Note, Texts};
use crate::note;

/// The root: chooses the language (`?lang=`, then the saved choice, then the browser's
/// languages, then English), fetches it if it is not English, and gives the lab its texts.
/// Switching re-renders in place: the lab below keeps its session.
#[function_component(App)]
pub fn app() -> Html {
    let opened = use_memo((), |_| Opened::read());
    let chosen = use_memo((), |_| i18n::choose(opened.start.lang));
    let texts = use_state(|| (*chosen == Lang::En).then(Texts::english));
    let failed = use_state(|| None::<Note>);
    // `remember`: the learner chose it in the switcher (a `?lang=` or the browser's
    // preference is not saved as a choice).
    let apply = {
        let (texts, failed) = (texts.clone(), failed.clone());
        move |lang: Lang, remember: bool| {
            let (texts, failed) = (texts.clone(), failed.clone());
            i18n::load(lang, move |result| match result {
                Ok(loaded) => {
                    if remember {
                        i18n::remember(lang);
                    }
                    texts.set(Some(loaded));
                }
                Err(why) => {
                    failed.set(Some(note!(
                        "notice-language-failed",
                        lang = lang.own_name(),
                        why = why
                    )));
                    if texts.is_none() {
                        texts.set(Some(Texts::english()));
                    }
                }
            });
        }
    };
    {
        let (apply, chosen) = (apply.clone(), *chosen);
        use_effect_with((), move |_| {
            if chosen != Lang::En {
                apply(chosen, false);
            }
        });
    }
    let switch = Callback::from(move |lang: Lang| apply(lang, true));
    let lang = texts.as_ref().map(|t| t.lang);
    use_effect_with(lang, |lang| {
        if let Some(lang) = lang {
            i18n::set_document_lang(*lang);
        }
    });
    // Until the chosen language has arrived (from the service worker's cache, or the
    // network), nothing is drawn rather than a flash of English.
    let Some(texts) = (*texts).clone() else {
        return html! {};
    };
    html! {
        <ContextProvider<Rc<Texts>> context={texts}>
            <LabPage {opened} onlang={switch} failed={(*failed).clone()} />
        </ContextProvider<Rc<Texts>>>
    }
}
