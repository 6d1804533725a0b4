//! The lesson being followed, in one line above the console.

use yew::prelude::*;

use crate::i18n::use_texts;
use crate::lessons;
use crate::markdown;
use crate::state::{Action, Lab, Panel};
use crate::t;

#[derive(Properties, PartialEq)]
pub struct LessonBarProps {
    pub lab: UseReducerHandle<Lab>,
    /// In a course page's frame: no panel to open.
    #[prop_or_default]
    pub embedded: bool,
}

/// The lesson being followed, in one line above the console: its step and goal, and a
/// way back to the Lessons panel (on small screens the panel is far below the console).
#[function_component(LessonBar)]
pub fn lesson_bar(props: &LessonBarProps) -> Html {
    let texts = use_texts();
    let lab = &props.lab;
    let Some(grading) = &lab.grading else {
        return html! {};
    };
    let lesson = &grading.lesson;
    let what = lessons::where_in(&texts, lesson, grading.progress.current());
    let open = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(Action::Open(Panel::Lessons)))
    };
    // With the panel open, the bar is only for narrow screens (CSS), where the panel is below.
    let narrow_only = lab.panel == Panel::Lessons && !props.embedded;
    let class = classes!("lesson-bar", narrow_only.then_some("narrow-only"));
    html! {
        <div {class} role="region" aria-label={t!(texts, "lesson-bar-label")}>
            <span class="lesson-bar-title">{ lessons::said(&lesson.title, texts.lang) }</span>
            <span class="lesson-bar-step">{ markdown::render_inline(&what) }</span>
            if lab.panel != Panel::Lessons && !props.embedded {
                <button class="small" onclick={open}>{ t!(texts, "lesson-bar-open") }</button>
            }
        </div>
    }
}
