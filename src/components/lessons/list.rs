//! The list of lessons (with each one's progress) and scenarios, opening a teacher's
//! lesson file, and forgetting all progress.

use yew::prelude::*;

use super::Lessons;
use crate::i18n::{use_texts, Texts};
use crate::lessons::Entry;
use crate::{note, t};

/// The largest lesson file read (as `smtplab_lessons::lesson::MAX_BYTES`).
const MAX_LESSON_FILE: f64 = 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct LessonListProps {
    pub lessons: Lessons,
}

#[function_component(LessonList)]
pub fn lesson_list(props: &LessonListProps) -> Html {
    let texts = use_texts();
    let lessons = props.lessons.clone();
    let confirming = use_state(|| false);
    {
        // Fetched when the panel first opens: lessons cost the first visit nothing.
        let lessons = lessons.clone();
        use_effect_with((), move |_| lessons.with_catalog(|_, _| {}));
    }
    let onchange = open_file(&lessons);
    let reset_all = {
        let (lessons, confirming) = (lessons.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            lessons.reset_all();
            confirming.set(false);
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let catalog = catalog_view(&texts, &lessons);
    html! {
        <section class="lessons" aria-label={t!(texts, "lessons-label")}>
            <p class="lead">{ t!(texts, "lessons-lead") }</p>
            if let Some(problem) = &*lessons.problem {
                <p class="error" role="alert">{ problem.say(&texts) }</p>
            }
            { catalog }
            <div class="lesson-tools">
                <label class="file-button">{ t!(texts, "lessons-open-file") }
                    <input type="file" accept=".json,application/json" {onchange} />
                </label>
                <button onclick={ask} aria-expanded={confirming.to_string()}>{ t!(texts, "lessons-reset-all") }</button>
            </div>
            if *confirming {
                <div class="confirm" role="group" aria-label={t!(texts, "lessons-reset-all-label")}>
                    <p>{ t!(texts, "lessons-reset-all-question") }</p>
                    <button class="danger" onclick={reset_all}>{ t!(texts, "lessons-reset-all-confirm") }</button>
                    <button onclick={let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(false))}>{ t!(texts, "lessons-cancel") }</button>
                </div>
            }
        </section>
    }
}

/// A teacher's lesson file, read and opened (at most 1 MB).
fn open_file(lessons: &Lessons) -> Callback<Event> {
    let lessons = lessons.clone();
    Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        if file.size() > MAX_LESSON_FILE {
            lessons
                .problem
                .set(Some(note!("lesson-file-too-big", name = name)));
            return;
        }
        let lessons = lessons.clone();
        crate::storage::read_file(file, move |result| match result {
            Ok(text) => lessons.open_text(&name, text),
            Err(why) => lessons
                .problem
                .set(Some(note!("lesson-file-unreadable", name = name, why = why))),
        });
    })
}

/// The list of lessons and scenarios, once the catalog is here.
fn catalog_view(texts: &Texts, lessons: &Lessons) -> Html {
    match &*lessons.catalog {
        None => html! { <p class="loading" role="status">{ t!(texts, "lessons-loading") }</p> },
        Some(Err(why)) => html! { <p class="error" role="alert">{ why.say(texts) }</p> },
        Some(Ok(catalog)) => html! {
            <>
                <h2 id="lessons-heading">{ t!(texts, "lessons-heading") }</h2>
                <ol class="lesson-list" aria-labelledby="lessons-heading">
                    { for catalog.lessons.iter().map(|entry| item(texts, lessons, entry, false)) }
                </ol>
                <h2 id="scenarios-heading">{ t!(texts, "lessons-scenarios-heading") }</h2>
                <ul class="lesson-list scenarios" aria-labelledby="scenarios-heading">
                    { for catalog.scenarios.iter().map(|entry| item(texts, lessons, entry, true)) }
                </ul>
            </>
        },
    }
}

/// One lesson or scenario: a button that opens it, and how far the learner got.
fn item(texts: &Texts, lessons: &Lessons, entry: &Entry, scenario: bool) -> Html {
    let open = {
        let (lessons, entry) = (lessons.clone(), entry.clone());
        Callback::from(move |_: MouseEvent| lessons.open(&entry))
    };
    let record = (!scenario).then(|| lessons.record(&entry.id));
    let done = matches!(&record, Some(Some(r)) if r.finished.is_some());
    let state = match record {
        None => String::new(),
        Some(Some(_)) if done => t!(texts, "lessons-done"),
        Some(Some(record)) => t!(
            texts,
            "lessons-passed",
            passed = record.passed,
            count = record.steps
        ),
        Some(None) => t!(texts, "lessons-steps", count = entry.steps),
    };
    html! {
        <li class={classes!("lesson-item", done.then_some("done"))}>
            <button class="lesson-open" onclick={open}>{ entry.title(texts.lang) }</button>
            if !state.is_empty() {
                <span class="lesson-state">{ state }</span>
            }
        </li>
    }
}
