//! The lesson being followed: its introduction (re-openable), the current step's goal,
//! hints and "Show me", what each passed step taught, and the summary at the end; or a
//! scenario: what it reproduces and what a real client does.

use std::rc::Rc;

use smtplab_engine::Phase;
use smtplab_lessons::Lesson;
use yew::prelude::*;

use super::Lessons;
use crate::i18n::{use_texts, Texts};
use crate::lessons::{self, said, Shown};
use crate::markdown;
use crate::state::Lab;
use crate::t;

#[derive(Properties, PartialEq)]
pub struct LessonViewProps {
    pub lessons: Lessons,
    pub lab: UseReducerHandle<Lab>,
    pub lesson: Rc<Lesson>,
    pub insert: Callback<String>,
    /// In a course page's frame: the page chose the lesson, so there is no leaving it
    /// and no next lesson to go to.
    #[prop_or_default]
    pub embedded: bool,
}

#[function_component(LessonView)]
pub fn lesson_view(props: &LessonViewProps) -> Html {
    let texts = use_texts();
    let lang = texts.lang;
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
    let actions = HeaderActions {
        toggle_confirm,
        reset,
        confirming,
        embedded: props.embedded,
    };
    let header = lesson_header(&texts, &lessons, &lesson, actions);
    if lesson.is_scenario() {
        return scenario_view(&texts, header, &lesson);
    }
    let intro = intro_and_status(&texts, &lesson, current, progress.commands() == 0);
    let learned = learned_list(&texts, &lesson, current, total);
    let body = match lesson.steps.get(current) {
        Some(step) => step_view(
            &texts,
            props,
            step,
            current,
            total,
            progress.failures(),
            &solution_of,
        ),
        None => summary(&texts, &lessons, &lesson, &props.lab, props.embedded),
    };
    html! {
        <article class="lesson" aria-label={t!(texts, "lesson-label", title = said(&lesson.title, lang))}>
            { header }
            { intro }
            { body }
            if current > 0 {
                <h3>{ t!(texts, "lesson-learned-heading") }</h3>
                { learned }
            }
        </article>
    }
}

/// The introduction (open until the learner starts), and what the step passed last taught
/// (a live status).
fn intro_and_status(texts: &Texts, lesson: &Lesson, current: usize, untouched: bool) -> Html {
    let lang = texts.lang;
    let last_learned = current
        .checked_sub(1)
        .and_then(|i| lesson.steps[i].learned.as_ref())
        .map(|text| {
            t!(
                texts,
                "lesson-step-passed",
                step = current,
                learned = said(text, lang)
            )
        });
    html! {
        <>
            <details class="intro" open={current == 0 && untouched}>
                <summary>{ t!(texts, "lesson-intro") }</summary>
                { markdown::render(said(&lesson.intro, lang)) }
            </details>
            <p class="lesson-status" role="status">{ markdown::render_inline(&last_learned.unwrap_or_default()) }</p>
        </>
    }
}

/// What the lesson's header offers: starting again (with confirmation), and leaving.
struct HeaderActions {
    toggle_confirm: Callback<MouseEvent>,
    reset: Callback<MouseEvent>,
    confirming: UseStateHandle<bool>,
    embedded: bool,
}

/// The lesson's title, and leaving or starting it again (with confirmation).
fn lesson_header(texts: &Texts, lessons: &Lessons, lesson: &Lesson, actions: HeaderActions) -> Html {
    let HeaderActions {
        toggle_confirm,
        reset,
        confirming,
        embedded,
    } = actions;
    let leave = {
        let lessons = lessons.clone();
        Callback::from(move |_: MouseEvent| lessons.leave())
    };
    let (kind, leave_label) = if lesson.is_scenario() {
        (
            t!(texts, "lesson-kind-scenario"),
            t!(texts, "lesson-leave-scenario"),
        )
    } else {
        (t!(texts, "lesson-kind-lesson"), t!(texts, "lesson-leave"))
    };
    html! {
        <header class="lesson-header">
            <p class="lesson-kind">{ kind }</p>
            <h2>{ said(&lesson.title, texts.lang) }</h2>
            <div class="lesson-actions">
                if !embedded {
                    <button onclick={leave}>{ leave_label }</button>
                }
                if !lesson.is_scenario() {
                    <button onclick={toggle_confirm} aria-expanded={confirming.to_string()}>{ t!(texts, "lesson-start-again") }</button>
                }
            </div>
            if *confirming {
                <div class="confirm" role="group" aria-label={t!(texts, "lesson-start-again-label")}>
                    <p>{ t!(texts, "lesson-start-again-question") }</p>
                    <button class="danger" onclick={reset}>{ t!(texts, "lesson-reset") }</button>
                    <button onclick={let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(false))}>{ t!(texts, "lessons-cancel") }</button>
                </div>
            }
        </header>
    }
}

/// A scenario: what it reproduces, and what a real client should do.
fn scenario_view(texts: &Texts, header: Html, lesson: &Lesson) -> Html {
    let lang = texts.lang;
    html! {
            <article class="lesson scenario" aria-label={t!(texts, "lesson-scenario-label", title = said(&lesson.title, lang))}>
                { header }
                <section class="intro" aria-label={t!(texts, "lesson-scenario-intro-label")}>{ markdown::render(said(&lesson.intro, lang)) }</section>
                if let Some(advice) = &lesson.advice {
                    <section class="advice" aria-labelledby="advice-heading">
                        <h3 id="advice-heading">{ t!(texts, "lesson-scenario-advice") }</h3>
                        { markdown::render(said(advice, lang)) }
                    </section>
                }
                <p class="lead">{ t!(texts, "lesson-scenario-try") }</p>
            </article>
    }
}

/// What each passed step taught.
fn learned_list(texts: &Texts, lesson: &Lesson, current: usize, total: usize) -> Html {
    let lang = texts.lang;
    html! {
        <ol class="learned" aria-label={t!(texts, "lesson-learned-label")}>
            { for lesson.steps[..current.min(total)].iter().enumerate().map(|(i, step)| html! {
                <li>
                    <span class="passed-goal">{ "✓ " }{ markdown::render_inline(said(&step.goal, lang)) }</span>
                    if let Some(text) = &step.learned {
                        <span class="learned-text">{ markdown::render_inline(said(text, lang)) }</span>
                    }
                    if i + 1 == current {
                        <span class="visually-hidden">{ " " }{ t!(texts, "lesson-just-passed") }</span>
                    }
                </li>
            }) }
        </ol>
    }
}

/// The current step: its goal, the hints shown so far, and "Show me".
fn step_view(
    texts: &Texts,
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
            <h3 id="step-heading">{ t!(texts, "lesson-step", step = current + 1, count = total) }</h3>
            <progress max={total.to_string()} value={current.to_string()} aria-label={t!(texts, "lesson-progress-label")}>
                { t!(texts, "lesson-progress-text", step = current, count = total) }
            </progress>
            <p class="goal">{ markdown::render_inline(said(&step.goal, texts.lang)) }</p>
            if shown > 0 {
                <ol class="hints" aria-label={t!(texts, "lesson-hints-label")}>
                    { for step.hints[..shown].iter().map(|h| html! { <li>{ markdown::render_inline(said(h, texts.lang)) }</li> }) }
                </ol>
            }
            <div class="step-actions">
                if shown < step.hints.len() {
                    <button onclick={hint}>{ t!(texts, "lesson-hint", number = shown + 1, count = step.hints.len()) }</button>
                }
                if !items.is_empty() {
                    <button onclick={show_me}>{ t!(texts, "lesson-show-me") }</button>
                }
            </div>
            if **solution_of == Some(current) && !items.is_empty() {
                { solution_list(texts, &items, &props.insert, in_data) }
            }
        </section>
    }
}

/// The solution, line by line: each puts itself in the input (never sends).
fn solution_list(texts: &Texts, items: &[Shown], insert: &Callback<String>, in_data: bool) -> Html {
    html! {
        <div class="solution">
            <p>{ t!(texts, "lesson-solution-lead") }</p>
            <ol>
                { for items.iter().map(|item| {
                    let onclick = {
                        let (item, insert) = (item.clone(), insert.clone());
                        Callback::from(move |_: MouseEvent| fill(&item, &insert, in_data))
                    };
                    let (label, text) = match item {
                        Shown::Line(line) => (t!(texts, "lesson-fill-line"), line.clone()),
                        Shown::Message(body) => (t!(texts, "lesson-fill-message"), body.clone()),
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
fn summary(texts: &Texts, lessons: &Lessons, lesson: &Lesson, lab: &Lab, embedded: bool) -> Html {
    let Some(grading) = lessons.grading() else {
        return html! {};
    };
    let progress = &grading.progress;
    let commands = progress.commands();
    let spent = match lesson.budget {
        Some(budget) if commands <= budget => {
            t!(
                texts,
                "lesson-budget-within",
                commands = commands,
                budget = budget
            )
        }
        Some(budget) => t!(texts, "lesson-budget-over", commands = commands, budget = budget),
        None => commands.to_string(),
    };
    let hints = grading.hints_used(&lessons.asked);
    let next = match &*lessons.catalog {
        Some(Ok(catalog)) if !embedded => {
            let at = catalog.lessons.iter().position(|e| e.id == lesson.id);
            at.and_then(|i| catalog.lessons.get(i + 1)).cloned()
        }
        _ => None,
    };
    let time = lessons
        .finished
        .map(|end| lessons::duration(texts, end.saturating_sub(lab.origin.2)))
        .unwrap_or_else(|| "—".into());
    html! {
        <section class="summary" aria-labelledby="summary-heading">
            <h3 id="summary-heading">{ t!(texts, "lesson-complete") }</h3>
            <dl>
                <dt>{ t!(texts, "lesson-summary-commands") }</dt><dd>{ spent }</dd>
                <dt>{ t!(texts, "lesson-summary-errors") }</dt><dd>{ progress.errors() }</dd>
                <dt>{ t!(texts, "lesson-summary-hints") }</dt><dd>{ hints }</dd>
                <dt>{ t!(texts, "lesson-summary-time") }</dt><dd>{ time }</dd>
            </dl>
            if let Some(entry) = next {
                <button class="primary" onclick={
                    let (lessons, entry) = (lessons.clone(), entry.clone());
                    Callback::from(move |_: MouseEvent| lessons.open(&entry))
                }>{ t!(texts, "lesson-next", title = entry.title(texts.lang)) }</button>
            }
        </section>
    }
}
