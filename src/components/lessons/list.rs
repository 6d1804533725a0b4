//! The list of lessons (with each one's progress) and scenarios, opening a teacher's
//! lesson file, and forgetting all progress.

use yew::prelude::*;

use super::Lessons;
use crate::lessons::Entry;

/// The largest lesson file read (as `smtplab_lessons::lesson::MAX_BYTES`).
const MAX_LESSON_FILE: f64 = 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct LessonListProps {
    pub lessons: Lessons,
}

#[function_component(LessonList)]
pub fn lesson_list(props: &LessonListProps) -> Html {
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
    let catalog = catalog_view(&lessons);
    html! {
        <section class="lessons" aria-label="Lessons">
            <p class="lead">{ "Guided lessons grade themselves as you type. A lesson starts its own session; leaving it brings your lab back as it was." }</p>
            if let Some(problem) = &*lessons.problem {
                <p class="error" role="alert">{ problem }</p>
            }
            { catalog }
            <div class="lesson-tools">
                <label class="file-button">{ "Open a lesson file…" }
                    <input type="file" accept=".json,application/json" {onchange} />
                </label>
                <button onclick={ask} aria-expanded={confirming.to_string()}>{ "Reset all progress…" }</button>
            </div>
            if *confirming {
                <div class="confirm" role="group" aria-label="Reset all progress">
                    <p>{ "Forget your progress in every lesson? Your own lab is kept." }</p>
                    <button class="danger" onclick={reset_all}>{ "Reset all lessons" }</button>
                    <button onclick={let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(false))}>{ "Cancel" }</button>
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
                .set(Some(format!("{name} is too big for a lesson (at most 1 MB).")));
            return;
        }
        let lessons = lessons.clone();
        crate::storage::read_file(file, move |result| match result {
            Ok(text) => lessons.open_text(&name, text),
            Err(why) => lessons
                .problem
                .set(Some(format!("{name} could not be read: {why}."))),
        });
    })
}

/// The list of lessons and scenarios, once the catalog is here.
fn catalog_view(lessons: &Lessons) -> Html {
    match &*lessons.catalog {
        None => html! { <p class="loading" role="status">{ "Loading the lessons…" }</p> },
        Some(Err(why)) => html! { <p class="error" role="alert">{ why }</p> },
        Some(Ok(catalog)) => html! {
            <>
                <h3 id="lessons-heading">{ "Lessons" }</h3>
                <ol class="lesson-list" aria-labelledby="lessons-heading">
                    { for catalog.lessons.iter().map(|entry| item(lessons, entry, false)) }
                </ol>
                <h3 id="scenarios-heading">{ "Scenarios: real failures in one click" }</h3>
                <ul class="lesson-list scenarios" aria-labelledby="scenarios-heading">
                    { for catalog.scenarios.iter().map(|entry| item(lessons, entry, true)) }
                </ul>
            </>
        },
    }
}

/// One lesson or scenario: a button that opens it, and how far the learner got.
fn item(lessons: &Lessons, entry: &Entry, scenario: bool) -> Html {
    let open = {
        let (lessons, entry) = (lessons.clone(), entry.clone());
        Callback::from(move |_: MouseEvent| lessons.open(&entry))
    };
    let state = match (scenario, lessons.record(&entry.id)) {
        (true, _) => String::new(),
        (false, Some(record)) if record.finished.is_some() => "Done".into(),
        (false, Some(record)) => format!("{} of {} steps", record.passed, record.steps),
        (false, None) => format!("{} steps", entry.steps),
    };
    let done = !scenario && state == "Done";
    html! {
        <li class={classes!("lesson-item", done.then_some("done"))}>
            <button class="lesson-open" onclick={open}>{ entry.title() }</button>
            if !state.is_empty() {
                <span class="lesson-state">{ state }</span>
            }
        </li>
    }
}
