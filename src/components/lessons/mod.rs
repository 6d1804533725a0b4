//! The Lessons panel: the list of lessons and scenarios with their progress, and the
//! lesson or scenario being followed ([`lesson::LessonView`]). [`use_lessons`] holds what
//! outlives the panel (the catalog, the hints asked for, where the learner is) and does
//! the loading, entering and leaving described in `crate::lessons`.

pub mod bar;
pub mod history;
pub mod lesson;
pub mod list;

pub use bar::LessonBar;

use std::cell::RefCell;
use std::rc::Rc;

use smtplab_lessons::Lesson;
use yew::prelude::*;

use crate::i18n::{use_texts, Arg, Lang, Note};
use crate::note;

use crate::embed::LessonSource;
use crate::lessons::{self, Catalog, Entry, Grading, Keys, Record};
use crate::state::{Action, Lab, Panel};
use crate::storage::{self, Loaded};
use crate::time::now_ms;

/// Everything about lessons that outlives the panel, and what can be done with it.
#[derive(Clone, PartialEq)]
pub struct Lessons {
    lab: UseReducerHandle<Lab>,
    keys: Rc<Keys>,
    /// The learner's language, for the titles said in notes.
    lang: Lang,
    /// `index.json`, once fetched (`Err`: why it could not be).
    pub catalog: UseStateHandle<Option<Result<Rc<Catalog>, Note>>>,
    /// Hints asked for at each step of the lesson being followed.
    pub asked: UseStateHandle<Vec<u32>>,
    /// When the lesson being followed was finished.
    pub finished: UseStateHandle<Option<u64>>,
    /// The JSON of a teacher's lesson being followed.
    source: UseStateHandle<Option<String>>,
    /// Why a lesson could not be opened (shown as an alert in the panel).
    pub problem: UseStateHandle<Option<Note>>,
    /// Bumped when saved records change, so that the list reads them again.
    pub saved: UseStateHandle<u32>,
    /// What the lab said when the page opened (a broken link, say), kept for the lesson
    /// that the page opens with, which replaces the lab.
    greeting_notice: Rc<RefCell<Option<Note>>>,
}

impl Lessons {
    /// Fetches the catalog if it is not there yet, then runs `then` with it.
    pub fn with_catalog(&self, then: impl FnOnce(&Lessons, Rc<Catalog>) + 'static) {
        if let Some(Ok(catalog)) = &*self.catalog {
            return then(self, catalog.clone());
        }
        let this = self.clone();
        storage::fetch_text(
            format!("{}index.json", lessons::DIRECTORY),
            move |result| match result
                .map_err(Arg::from)
                .and_then(|text| Catalog::parse(&text).map_err(Arg::from))
            {
                Ok(catalog) => {
                    let catalog = Rc::new(catalog);
                    this.catalog.set(Some(Ok(catalog.clone())));
                    then(&this, catalog);
                }
                Err(why) => this
                    .catalog
                    .set(Some(Err(note!("lessons-load-failed", why = why)))),
            },
        );
    }

    /// Opens a built-in lesson or scenario by its entry.
    pub fn open(&self, entry: &Entry) {
        let (this, url, title) = (self.clone(), entry.url(), entry.title(self.lang).to_string());
        storage::fetch_text(url, move |result| {
            match result
                .map_err(Arg::from)
                .and_then(|text| Lesson::from_json(&text).map_err(|e| Arg::from(e.to_string())))
            {
                Ok(lesson) => this.enter(Rc::new(lesson), None),
                Err(why) => this
                    .problem
                    .set(Some(note!("lesson-open-failed", title = title, why = why))),
            }
        });
    }

    /// Opens what the URL asks for (`lesson=`, `scenario=`); what went wrong is shown in
    /// the lab.
    pub fn open_source(&self, source: LessonSource) {
        let (lab, kept) = (self.lab.clone(), self.greeting_notice.clone());
        self.open_reporting(source, move |note: Note| {
            kept.take();
            lab.dispatch(Action::Notify(note))
        });
    }

    /// Opens a lesson, telling `report` what went wrong (parameter by parameter).
    fn open_reporting(&self, source: LessonSource, notify: impl Fn(Note) + 'static) {
        match source {
            LessonSource::Url(url) => {
                let this = self.clone();
                storage::fetch_text(url.clone(), move |result| match result {
                    Ok(text) => match Lesson::from_json(&text) {
                        Ok(lesson) => this.enter(Rc::new(lesson), Some(text)),
                        Err(why) => notify(note!("lesson-url-invalid", url = url, why = why.to_string())),
                    },
                    Err(why) => notify(note!("lesson-url-failed", url = url, why = why)),
                });
            }
            LessonSource::Lesson(id) => {
                self.with_catalog(
                    move |this, catalog| match catalog.lessons.iter().find(|e| e.id == id) {
                        Some(entry) => this.open(entry),
                        None => notify(note!("lesson-unknown", id = id)),
                    },
                )
            }
            LessonSource::Scenario(id) => {
                self.with_catalog(
                    move |this, catalog| match catalog.scenarios.iter().find(|e| e.id == id) {
                        Some(entry) => this.open(entry),
                        None => notify(note!("scenario-unknown", id = id)),
                    },
                )
            }
        }
    }

    /// Opens the built-in lesson or scenario a course page's `load-lesson` names; an
    /// unknown id goes to the callback that comes with it (the bridge's `error`).
    pub fn loader(&self) -> Callback<(String, Callback<String>)> {
        let this = self.clone();
        Callback::from(move |(id, report): (String, Callback<String>)| {
            this.with_catalog(move |this, catalog| match catalog.find(&id) {
                Some(entry) => this.open(entry),
                None => report.emit(format!("load-lesson: unknown lesson '{id}'")),
            })
        })
    }

    /// Reads a teacher's lesson file called `name`; its problem, with the field path, if
    /// it is not valid.
    pub fn open_text(&self, name: &str, text: String) {
        let name = name.to_string();
        self.open_json(text, move |why| {
            note!("lesson-file-invalid", name = name, why = why)
        });
    }

    /// Reads a lesson's JSON; `invalid` says why it is not a lesson (the crate's message,
    /// with the field path, stays English: it is for teachers).
    fn open_json(&self, text: String, invalid: impl FnOnce(String) -> Note) {
        match Lesson::from_json(&text) {
            Ok(lesson) => {
                self.problem.set(None);
                self.enter(Rc::new(lesson), Some(text));
            }
            Err(why) => {
                self.greeting_notice.take();
                self.problem.set(Some(invalid(why.to_string())));
            }
        }
    }

    /// Starts following `lesson`: where the learner left it, or from the start. The own
    /// lab is put aside first (unless a lesson is already being followed).
    pub fn enter(&self, lesson: Rc<Lesson>, source: Option<String>) {
        let lab = &*self.lab;
        let active = storage::read(&self.keys.active());
        if lab.grading.is_none() && active.is_none() {
            let _ = storage::write(&self.keys.sandbox(), &storage::encode(lab));
        }
        let (mut next, asked, finished, notice) =
            match storage::read(&self.keys.record(&lesson.id)).map(|raw| Record::decode(&raw)) {
                Some(Ok(record)) => match lessons::restore(lesson.clone(), &record) {
                    Ok(restored) => (restored, record.asked, record.finished, None),
                    Err(why) => (lessons::fresh(lesson.clone(), now_ms()), vec![], None, Some(why)),
                },
                Some(Err(why)) => (lessons::fresh(lesson.clone(), now_ms()), vec![], None, Some(why)),
                None => (lessons::fresh(lesson.clone(), now_ms()), vec![], None, None),
            };
        next.notice = notice
            .map(|why| note!("lesson-progress-unreadable", why = why))
            .or_else(|| self.greeting_notice.take());
        let _ = storage::write(&self.keys.active(), &lesson.id);
        self.asked.set(asked);
        self.finished.set(finished);
        self.source.set(source);
        self.problem.set(None);
        self.lab.dispatch(Action::Replace(Box::new(next)));
    }

    /// Stops following the lesson and brings the own lab back as it was.
    pub fn leave(&self) {
        self.save();
        lessons::remove(&self.keys.active());
        let own = match storage::decode(storage::read(&self.keys.sandbox())) {
            Loaded::Restored(lab) => *lab,
            _ => Lab::connected(now_ms(), now_ms()),
        };
        lessons::remove(&self.keys.sandbox());
        let mut own = own;
        own.panel = Panel::Lessons;
        self.source.set(None);
        self.lab.dispatch(Action::Replace(Box::new(own)));
    }

    /// Saves the progress of the lesson being followed.
    fn save(&self) {
        if let Some(record) = Record::of(&self.lab, &self.asked, *self.finished, (*self.source).clone()) {
            if let Some(grading) = &self.lab.grading {
                let _ = storage::write(&self.keys.record(&grading.lesson.id), &record.encode());
            }
        }
    }

    /// Shows one more hint at the current step.
    pub fn ask_hint(&self) {
        let Some(grading) = &self.lab.grading else { return };
        let mut asked = (*self.asked).clone();
        let step = grading.progress.current();
        if asked.len() <= step {
            asked.resize(step + 1, 0);
        }
        let shown = grading.lesson.steps.get(step).map_or(0, |s| {
            s.hints_shown(grading.progress.failures(), asked[step] as usize)
        });
        asked[step] = shown as u32 + 1;
        self.asked.set(asked);
    }

    /// Forgets a lesson's progress; the lesson being followed starts again.
    pub fn reset(&self, id: &str) {
        lessons::remove(&self.keys.record(id));
        if let Some(grading) = self.lab.grading.as_ref().filter(|g| g.lesson.id == id) {
            self.asked.set(Vec::new());
            self.finished.set(None);
            self.lab.dispatch(Action::Replace(Box::new(lessons::fresh(
                grading.lesson.clone(),
                now_ms(),
            ))));
        }
        self.saved.set(*self.saved + 1);
    }

    /// Forgets the progress of every lesson (the own lab is kept).
    pub fn reset_all(&self) {
        if self.lab.grading.is_some() {
            self.leave();
        }
        for key in lessons::stored_keys() {
            if self.keys.record_id(&key).is_some() {
                lessons::remove(&key);
            }
        }
        self.saved.set(*self.saved + 1);
    }

    /// A lesson's saved progress.
    pub fn record(&self, id: &str) -> Option<Record> {
        storage::read(&self.keys.record(id)).and_then(|raw| Record::decode(&raw).ok())
    }

    pub fn grading(&self) -> Option<&Grading> {
        self.lab.grading.as_deref()
    }
}

/// The lessons' state, and its effects: saving progress as the lab changes, and opening
/// the lesson the URL names or the one followed before a reload.
#[hook]
pub fn use_lessons(lab: &UseReducerHandle<Lab>, lab_key: &str, asked_for: Option<LessonSource>) -> Lessons {
    let lessons = Lessons {
        lab: lab.clone(),
        keys: use_memo(lab_key.to_string(), |key| Keys::new(key)),
        lang: use_texts().lang,
        catalog: use_state(|| None),
        asked: use_state(Vec::new),
        finished: use_state(|| None),
        source: use_state(|| None),
        problem: use_state(|| None),
        saved: use_state(|| 0),
        greeting_notice: use_mut_ref(|| None),
    };
    {
        let this = lessons.clone();
        use_effect_with(
            (lab.clone(), (*lessons.asked).clone(), *lessons.finished),
            move |(lab, _, finished)| {
                if let Some(grading) = &lab.grading {
                    if finished.is_none() && grading.is_complete() && !grading.lesson.is_scenario() {
                        this.finished.set(Some(now_ms()));
                    }
                    this.save();
                }
            },
        );
    }
    {
        let this = lessons.clone();
        use_effect_with((), move |_| {
            let keep_notice = || *this.greeting_notice.borrow_mut() = this.lab.notice.clone();
            if let Some(source) = asked_for {
                keep_notice();
                return this.open_source(source);
            }
            let Some(id) = storage::read(&this.keys.active()) else {
                return;
            };
            keep_notice();
            match this.record(&id).and_then(|r| r.source) {
                Some(text) => this.open_json(text, |why| note!("lesson-saved-invalid", why = why)),
                None => this.open_source(LessonSource::Lesson(id)),
            }
        });
    }
    lessons
}

#[derive(Properties, PartialEq)]
pub struct LessonsPanelProps {
    pub lessons: Lessons,
    pub lab: UseReducerHandle<Lab>,
    /// Puts text into the command input.
    pub insert: Callback<String>,
    /// In a course page's frame (see [`lesson::LessonViewProps::embedded`]).
    #[prop_or_default]
    pub embedded: bool,
}

/// The panel: the lesson being followed, or the list.
#[function_component(LessonsPanel)]
pub fn lessons_panel(props: &LessonsPanelProps) -> Html {
    let lessons = &props.lessons;
    match &props.lab.grading {
        Some(grading) => html! {
            <lesson::LessonView lessons={lessons.clone()} lab={props.lab.clone()}
                lesson={grading.lesson.clone()} insert={props.insert.clone()} embedded={props.embedded} />
        },
        None => html! { <list::LessonList lessons={lessons.clone()} /> },
    }
}
