//! The lesson being followed: its introduction (re-openable), the current step's goal,
//! hints and "Show me", what each passed step taught, and the summary at the end; or a
//! scenario: what it reproduces and what a real client does.

use std::rc::Rc;

use smtplab_engine::Phase;
use smtplab_lessons::Lesson;
use yew::prelude::*;

use super::Lessons;
use crate::lessons::{self, Shown};
use crate::markdown;
use crate::state::Lab;

#[derive(Properties, PartialEq)]
pub struct LessonViewProps {
    pub lessons: Lessons,
    pub lab: UseReducerHandle<Lab>,
    pub lesson: Rc<Lesson>,
    pub insert: Callback<String>,
}

#[function_component(LessonView)]
pub fn lesson_view(props: &LessonViewProps) -> Html {
    let (lessons, lesson) = (props.lessons.clone(), props.lesson.clone());
    let confirming = use_state(|| false);
    // The step whose solution is showing.
    let solution_of = use_state(|| None::<usize>);
    let reset = {
        let (lessons, id, confirming) = (lessons.clone(), lesson.id.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            lessons.reset(&id);
            confirming.set(false);
        })
    };
    let toggle_confirm = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let Some(grading) = lessons.grading() else {
        return html! {};
    };
    let progress = &grading.progress;
    let current = progress.current();
    let total = lesson.steps.len();
    let kind = if lesson.is_scenario() {
        "Scenario"
    } else {
        "Lesson"
    };
    let header = lesson_header(&lessons, &lesson, kind, toggle_confirm, reset, &confirming);
    if lesson.is_scenario() {
        return scenario_view(header, &lesson);
    }
    let intro = html! {
        <details class="intro" open={current == 0 && progress.commands() == 0}>
            <summary>{ "Introduction" }</summary>
            { markdown::render(lesson.intro.get("en")) }
        </details>
    };
    let learned = learned_list(&lesson, current, total);
    let last_learned = current
        .checked_sub(1)
        .and_then(|i| lesson.steps[i].learned.as_ref())
        .map(|t| format!("Step {current} passed: {}", t.get("en")));
    let body = match lesson.steps.get(current) {
        Some(step) => step_view(props, step, current, total, progress.failures(), &solution_of),
        None => summary(&lessons, &lesson, &props.lab),
    };
    html! {
        <article class="lesson" aria-label={format!("Lesson: {}", lesson.title.get("en"))}>
            { header }
            { intro }
            <p class="lesson-status" role="status">{ last_learned.unwrap_or_default() }</p>
            { body }
            if current > 0 {
                <h4>{ "What you learned" }</h4>
                { learned }
            }
        </article>
    }
}

/// The lesson's title, and leaving or starting it again (with confirmation).
fn lesson_header(
    lessons: &Lessons,
    lesson: &Lesson,
    kind: &str,
    toggle_confirm: Callback<MouseEvent>,
    reset: Callback<MouseEvent>,
    confirming: &UseStateHandle<bool>,
) -> Html {
    let leave = {
        let lessons = lessons.clone();
        Callback::from(move |_: MouseEvent| lessons.leave())
    };
    html! {
        <header class="lesson-header">
            <p class="lesson-kind">{ kind }</p>
            <h3>{ lesson.title.get("en") }</h3>
            <div class="lesson-actions">
                <button onclick={leave}>{ format!("Leave the {}", kind.to_lowercase()) }</button>
                if !lesson.is_scenario() {
                    <button onclick={toggle_confirm} aria-expanded={confirming.to_string()}>{ "Start again…" }</button>
                }
            </div>
            if **confirming {
                <div class="confirm" role="group" aria-label="Start again">
                    <p>{ "Forget your progress in this lesson and start it again?" }</p>
                    <button class="danger" onclick={reset}>{ "Reset this lesson" }</button>
                    <button onclick={let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(false))}>{ "Cancel" }</button>
                </div>
            }
        </header>
    }
}

/// A scenario: what it reproduces, and what a real client should do.
fn scenario_view(header: Html, lesson: &Lesson) -> Html {
    html! {
            <article class="lesson scenario" aria-label={format!("Scenario: {}", lesson.title.get("en"))}>
                { header }
                <section class="intro" aria-label="What it reproduces">{ markdown::render(lesson.intro.get("en")) }</section>
                if let Some(advice) = &lesson.advice {
                    <section class="advice" aria-labelledby="advice-heading">
                        <h4 id="advice-heading">{ "What a real client should do" }</h4>
                        { markdown::render(advice.get("en")) }
                    </section>
                }
                <p class="lead">{ "The console is connected to this server now: try it." }</p>
            </article>
    }
}

/// What each passed step taught.
fn learned_list(lesson: &Lesson, current: usize, total: usize) -> Html {
    html! {
        <ol class="learned" aria-label="Steps passed">
            { for lesson.steps[..current.min(total)].iter().enumerate().map(|(i, step)| html! {
                <li>
                    <span class="passed-goal">{ format!("✓ {}", step.goal.get("en")) }</span>
                    if let Some(text) = &step.learned {
                        <span class="learned-text">{ text.get("en") }</span>
                    }
                    if i + 1 == current {
                        <span class="visually-hidden">{ " (just passed)" }</span>
                    }
                </li>
            }) }
        </ol>
    }
}

/// The current step: its goal, the hints shown so far, and "Show me".
fn step_view(
    props: &LessonViewProps,
    step: &smtplab_lessons::Step,
    current: usize,
    total: usize,
    failures: u32,
    solution_of: &UseStateHandle<Option<usize>>,
) -> Html {
    let lessons = &props.lessons;
    let asked = lessons.asked.get(current).copied().unwrap_or(0) as usize;
    let shown = step.hints_shown(failures, asked);
    let hint = {
        let lessons = lessons.clone();
        Callback::from(move |_: MouseEvent| lessons.ask_hint())
    };
    let items = step
        .show_me
        .as_ref()
        .map(|s| lessons::solution(s.get("en")))
        .unwrap_or_default();
    let in_data = props.lab.shown().phase() == Phase::Data;
    let show_me = {
        let (insert, items, solution_of) = (props.insert.clone(), items.clone(), solution_of.clone());
        Callback::from(move |_: MouseEvent| {
            solution_of.set(Some(current));
            let first = items
                .iter()
                .find(|item| matches!(item, Shown::Message(_)) == in_data);
            if let Some(item) = first.or(items.first()) {
                fill(item, &insert, in_data);
            }
        })
    };
    html! {
        <section class="step" aria-labelledby="step-heading">
            <h4 id="step-heading">{ format!("Step {} of {total}", current + 1) }</h4>
            <progress max={total.to_string()} value={current.to_string()} aria-label="Lesson progress">
                { format!("{current} of {total}") }
            </progress>
            <p class="goal">{ step.goal.get("en") }</p>
            if shown > 0 {
                <ol class="hints" aria-label="Hints">
                    { for step.hints[..shown].iter().map(|h| html! { <li>{ h.get("en") }</li> }) }
                </ol>
            }
            <div class="step-actions">
                if shown < step.hints.len() {
                    <button onclick={hint}>{ format!("Hint ({} of {})", shown + 1, step.hints.len()) }</button>
                }
                if !items.is_empty() {
                    <button onclick={show_me}>{ "Show me" }</button>
                }
            </div>
            if **solution_of == Some(current) && !items.is_empty() {
                { solution_list(&items, &props.insert, in_data) }
            }
        </section>
    }
}

/// The solution, line by line: each puts itself in the input (never sends).
fn solution_list(items: &[Shown], insert: &Callback<String>, in_data: bool) -> Html {
    html! {
        <div class="solution">
            <p>{ "The solution, a line at a time (each button fills the input; Enter sends):" }</p>
            <ol>
                { for items.iter().map(|item| {
                    let onclick = {
                        let (item, insert) = (item.clone(), insert.clone());
                        Callback::from(move |_: MouseEvent| fill(&item, &insert, in_data))
                    };
                    let (label, text) = match item {
                        Shown::Line(line) => ("Fill in", line.clone()),
                        Shown::Message(body) => ("Fill the message", body.clone()),
                    };
                    html! { <li><pre>{ text }</pre><button class="small" {onclick}>{ label }</button></li> }
                }) }
            </ol>
        </div>
    }
}

/// Puts a solution item in the command input, or a message in the composer.
fn fill(item: &Shown, insert: &Callback<String>, in_data: bool) {
    match item {
        Shown::Line(line) if !in_data => {
            insert.emit(line.clone());
            focus("input[aria-label='SMTP command']");
        }
        Shown::Message(body) if in_data => fill_composer(body),
        _ => {}
    }
}

/// The composer keeps its own text: set the textarea as typing would.
fn fill_composer(text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(area) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("message"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        area.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = area.dispatch_event(&event);
        }
        let _ = area.focus();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

fn focus(selector: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = selector;
}

/// The end of a lesson: commands against the budget, errors, hints, time.
fn summary(lessons: &Lessons, lesson: &Lesson, lab: &Lab) -> Html {
    let Some(grading) = lessons.grading() else {
        return html! {};
    };
    let progress = &grading.progress;
    let commands = progress.commands();
    let spent = match lesson.budget {
        Some(budget) if commands <= budget => format!("{commands} of a budget of {budget}: within budget"),
        Some(budget) => format!("{commands}, over the budget of {budget}"),
        None => commands.to_string(),
    };
    let hints = grading.hints_used(&lessons.asked);
    let next = match &*lessons.catalog {
        Some(Ok(catalog)) => {
            let at = catalog.lessons.iter().position(|e| e.id == lesson.id);
            at.and_then(|i| catalog.lessons.get(i + 1)).cloned()
        }
        _ => None,
    };
    let time = lessons
        .finished
        .map(|end| lessons::duration(end.saturating_sub(lab.origin.2)))
        .unwrap_or_else(|| "—".into());
    html! {
        <section class="summary" aria-labelledby="summary-heading">
            <h4 id="summary-heading">{ "Lesson complete" }</h4>
            <dl>
                <dt>{ "Commands" }</dt><dd>{ spent }</dd>
                <dt>{ "Errors met" }</dt><dd>{ progress.errors() }</dd>
                <dt>{ "Hints used" }</dt><dd>{ hints }</dd>
                <dt>{ "Time" }</dt><dd>{ time }</dd>
            </dl>
            if let Some(entry) = next {
                <button class="primary" onclick={
                    let (lessons, entry) = (lessons.clone(), entry.clone());
                    Callback::from(move |_: MouseEvent| lessons.open(&entry))
                }>{ format!("Next lesson: {}", entry.title()) }</button>
            }
        </section>
    }
}
