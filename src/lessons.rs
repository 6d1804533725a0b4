//! Lessons in the lab: the catalog and lesson files (fetched from `lessons/` when the
//! Lessons panel opens, never compiled in), the grading of a lesson's session, and each
//! lesson's saved progress.
//!
//! Entering a lesson puts the learner's own lab aside (`<key>.sandbox`) and starts the
//! lesson's session (its world, profile, seed and rules) in a lab that carries a
//! [`Grading`]: the reducer hands it every engine output, and `smtplab_lessons::Progress`
//! decides which steps passed. It never reads reply text. Leaving brings the own lab back
//! exactly as it was.
//!
//! Each lesson's progress is saved as a [`Record`] under `<key>.lesson.<id>`: the lab's
//! save (its start and steps; replaying them rebuilds the grading exactly), the hints asked
//! for, and when it was finished. `<key>.lesson-active` names the lesson to continue after
//! a reload. A record that does not decode is reported and the lesson starts again.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;
use smtplab_engine::json::{self, at, Writer};
use smtplab_engine::{Output, Verb};
use smtplab_lessons::{Lesson, Progress, Text};

use crate::i18n::{Lang, Texts};

use crate::state::{Lab, Panel};
use crate::storage::{self, Loaded};

/// Where the built-in lessons are, relative to the page.
pub const DIRECTORY: &str = "lessons/";
const RECORD_VERSION: u32 = 1;

/// A lesson being followed, and how far the learner got.
#[derive(Clone, Debug)]
pub struct Grading {
    pub lesson: Rc<Lesson>,
    pub progress: Progress,
}

/// Gradings of one lesson are told apart by what was observed (cheap to compare).
impl PartialEq for Grading {
    fn eq(&self, other: &Grading) -> bool {
        (Rc::ptr_eq(&self.lesson, &other.lesson) || self.lesson.id == other.lesson.id)
            && self.progress.seen().len() == other.progress.seen().len()
            && self.progress.passed() == other.progress.passed()
    }
}

impl Grading {
    pub fn new(lesson: Rc<Lesson>) -> Grading {
        Grading {
            lesson,
            progress: Progress::new(),
        }
    }

    /// The same lesson, not begun (for a replay).
    pub fn restarted(&self) -> Grading {
        Grading::new(self.lesson.clone())
    }

    pub fn observe(&mut self, output: &Output) {
        self.progress.observe_output(&self.lesson, output);
    }

    pub fn is_complete(&self) -> bool {
        self.progress.is_complete(&self.lesson)
    }

    /// Hints used over the whole lesson: those shown at each step (asked for, or shown
    /// after failed attempts).
    pub fn hints_used(&self, asked: &[u32]) -> usize {
        let reached = (self.progress.current() + 1).min(self.lesson.steps.len());
        (0..reached)
            .map(|i| {
                let asked = asked.get(i).copied().unwrap_or(0) as usize;
                self.lesson.steps[i].hints_shown(self.progress.failures_in(i), asked)
            })
            .sum()
    }
}

/// `index.json`: the built-in lessons and scenarios.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    pub lessons: Vec<Entry>,
    pub scenarios: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub file: String,
    pub title: BTreeMap<String, String>,
    /// 0 when the catalog does not say.
    pub steps: usize,
}

impl Entry {
    fn from_value(value: &Value, path: &str) -> json::Result<Entry> {
        let map = json::object(value, path, &[], false)?;
        let field = |key: &str| json::required(map, path, key).map(|v| (v, at(path, key)));
        let ((id, id_path), (file, file_path)) = (field("id")?, field("file")?);
        let (title, title_path) = field("title")?;
        let titles = json::object(title, &title_path, &[], false)?;
        Ok(Entry {
            id: json::string(id, &id_path)?,
            file: json::string(file, &file_path)?,
            title: titles
                .iter()
                .map(|(lang, text)| Ok((lang.clone(), json::string(text, &at(&title_path, lang))?)))
                .collect::<json::Result<_>>()?,
            steps: json::optional(map, path, "steps", |v, p| json::unsigned(v, p, "usize"))?.unwrap_or(0),
        })
    }

    /// The title in `lang`, or in English when the catalog has none (then the id).
    pub fn title(&self, lang: Lang) -> &str {
        self.title
            .get(lang.code())
            .or_else(|| self.title.get("en"))
            .map_or(self.id.as_str(), String::as_str)
    }

    /// The file's URL, relative to the page.
    pub fn url(&self) -> String {
        format!("{DIRECTORY}{}", self.file)
    }
}

impl Catalog {
    /// Reads `index.json`; a file name that is not a plain `name.json` is refused.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let value = json::parse(text)?;
        let map = json::object(&value, "", &[], false)?;
        let entries = |key: &str| json::list(json::required(map, "", key)?, key, Entry::from_value);
        let catalog = Catalog {
            lessons: entries("lessons")?,
            scenarios: entries("scenarios")?,
        };
        let plain = |entry: &Entry| {
            let stem = entry.file.strip_suffix(".json").unwrap_or("");
            !stem.is_empty()
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match catalog
            .lessons
            .iter()
            .chain(&catalog.scenarios)
            .find(|e| !plain(e))
        {
            Some(entry) => Err(format!("'{}' is not a lesson file name", entry.file)),
            None => Ok(catalog),
        }
    }

    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.lessons.iter().chain(&self.scenarios).find(|e| e.id == id)
    }
}

/// A lesson's saved progress: `{"v":1,"lab":…,"asked":[…],"passed":…,"steps":…,
/// "finished":…,"source":…}`, the last two `null` when absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub v: u32,
    /// The lesson's lab, saved as the lab is (`crate::storage`).
    pub lab: String,
    /// Hints asked for, per step.
    pub asked: Vec<u32>,
    /// Steps passed, and of how many (for the list, without fetching the lesson).
    pub passed: usize,
    pub steps: usize,
    /// When the lesson was finished (ms since the epoch).
    pub finished: Option<u64>,
    /// A teacher's lesson: its JSON, to open it again after a reload.
    pub source: Option<String>,
}

impl Record {
    pub fn decode(raw: &str) -> Result<Record, String> {
        let value = json::parse(raw)?;
        let map = json::object(&value, "", &[], false)?;
        let field = |key: &str| json::required(map, "", key);
        let (v, lab) = (field("v")?, field("lab")?);
        let (passed, steps) = (field("passed")?, field("steps")?);
        let record = Record {
            v: json::unsigned(v, "v", "u32")?,
            lab: json::string(lab, "lab")?,
            asked: match map.get("asked") {
                Some(asked) => json::list(asked, "asked", |v, p| json::unsigned(v, p, "u32"))?,
                None => Vec::new(),
            },
            passed: json::unsigned(passed, "passed", "usize")?,
            steps: json::unsigned(steps, "steps", "usize")?,
            finished: json::optional(map, "", "finished", json::u64)?,
            source: json::optional(map, "", "source", json::string)?,
        };
        if record.v != RECORD_VERSION {
            return Err(format!("it is in format version {}", record.v));
        }
        Ok(record)
    }

    pub fn encode(&self) -> String {
        let mut out = Writer::new();
        out.open_object()
            .u64_field("v", self.v.into())
            .string_field("lab", &self.lab);
        out.key("asked").open_array();
        for asked in &self.asked {
            out.u64((*asked).into());
        }
        out.close_array().u64_field("passed", self.passed as u64);
        out.u64_field("steps", self.steps as u64).key("finished");
        match self.finished {
            Some(at) => out.u64(at),
            None => out.null(),
        };
        out.optional_string_field("source", self.source.as_deref());
        out.close_object();
        out.finish()
    }

    /// The record of a graded lab.
    pub fn of(lab: &Lab, asked: &[u32], finished: Option<u64>, source: Option<String>) -> Option<Record> {
        let grading = lab.grading.as_ref()?;
        Some(Record {
            v: RECORD_VERSION,
            lab: storage::encode(lab),
            asked: asked.to_vec(),
            passed: grading.progress.current(),
            steps: grading.lesson.steps.len(),
            finished,
            source,
        })
    }
}

/// A new session of `lesson`, graded from its greeting on.
pub fn fresh(lesson: Rc<Lesson>, now: u64) -> Lab {
    let mut lab = Lab::with_world(lesson.world.clone(), lesson.seed, now);
    lab.grading = Some(Box::new(Grading::new(lesson)));
    lab.panel = Panel::Lessons;
    lab.replayed(0)
}

/// The lesson's lab from its record, regraded by replaying it. Err: why it could not be.
pub fn restore(lesson: Rc<Lesson>, record: &Record) -> Result<Lab, String> {
    let mut lab = match storage::decode(Some(record.lab.clone())) {
        Loaded::Restored(lab) => *lab,
        Loaded::Broken { why, .. } => return Err(why),
        Loaded::Nothing => return Err("it is empty".into()),
    };
    lab.grading = Some(Box::new(Grading::new(lesson)));
    let mut lab = lab.replayed(lab.steps.len());
    lab.panel = Panel::Lessons;
    Ok(lab)
}

/// The storage keys of lessons, under the lab's own key.
#[derive(Clone, Debug, PartialEq)]
pub struct Keys {
    base: String,
}

impl Keys {
    pub fn new(lab_key: &str) -> Keys {
        Keys { base: lab_key.into() }
    }

    pub fn record(&self, id: &str) -> String {
        format!("{}.lesson.{id}", self.base)
    }

    pub fn active(&self) -> String {
        format!("{}.lesson-active", self.base)
    }

    pub fn sandbox(&self) -> String {
        format!("{}.sandbox", self.base)
    }

    /// The lesson id a storage key holds the record of, if it is one.
    pub fn record_id<'a>(&self, key: &'a str) -> Option<&'a str> {
        key.strip_prefix(self.base.as_str())?.strip_prefix(".lesson.")
    }
}

/// One thing "Show me" can put in the input: a command line, or a message for the
/// composer (the lines after DATA, un-stuffed, without the final dot).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Line(String),
    Message(String),
}

/// A step's solution as what to type: lines, and the message after a DATA.
pub fn solution(text: &str) -> Vec<Shown> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut out = Vec::new();
    let mut message: Option<Vec<&str>> = None;
    // A solution that ends with the lone dot and names no DATA is a message alone.
    let is_data = |line: &str| {
        let verb = line.split_whitespace().next().and_then(Verb::parse);
        verb == Some(Verb::Data) && line.split_whitespace().count() == 1
    };
    if lines.last() == Some(&".") && !lines.iter().any(|l| is_data(l)) {
        message = Some(Vec::new());
    }
    for line in lines {
        match &mut message {
            Some(body) if line == "." => {
                out.push(Shown::Message(body.join("\n")));
                message = None;
            }
            // The solution is what goes on the wire; the composer dot-stuffs again.
            Some(body) => body.push(line.strip_prefix('.').unwrap_or(line)),
            None => {
                if !line.is_empty() {
                    out.push(Shown::Line(line.to_string()));
                }
                if is_data(line) {
                    message = Some(Vec::new());
                }
            }
        }
    }
    if let Some(body) = message.filter(|b| !b.is_empty()) {
        out.push(Shown::Message(body.join("\n")));
    }
    out
}

/// A lesson's text (title, intro, goal, hint, learned…) in `lang`, or in English when the
/// lesson has none in that language. `show_me` is read in English: it is the wire.
pub fn said(text: &Text, lang: Lang) -> &str {
    text.get(lang.code())
}

/// Where the learner is, in one line (the bar above the console): "Step 2 of 5: <goal>",
/// in `texts`' language. The goal may hold inline Markdown.
pub fn where_in(texts: &Texts, lesson: &Lesson, current: usize) -> String {
    match lesson.steps.get(current) {
        Some(step) => crate::t!(
            texts,
            "lesson-bar-step",
            step = current + 1,
            count = lesson.steps.len(),
            goal = said(&step.goal, texts.lang)
        ),
        None if lesson.is_scenario() => crate::t!(texts, "lesson-kind-scenario"),
        None => crate::t!(texts, "lesson-complete"),
    }
}

/// A time span in words: `2 min 5 s`.
pub fn duration(texts: &Texts, ms: u64) -> String {
    let secs = ms / 1000;
    match secs {
        0..=59 => crate::t!(texts, "lesson-duration-seconds", seconds = secs),
        60..=3599 => crate::t!(
            texts,
            "lesson-duration-minutes",
            minutes = secs / 60,
            seconds = secs % 60
        ),
        _ => crate::t!(
            texts,
            "lesson-duration-hours",
            hours = secs / 3600,
            minutes = secs / 60 % 60
        ),
    }
}

/// Every key in localStorage (for reset-all); empty outside a browser.
pub fn stored_keys() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    Vec::new()
}

/// Puts the learner's own lab aside under `previous` as a share link opens over the lab;
/// whether it did. During a lesson the own lab is the one from before the lesson, and the
/// lesson is left, once that lab is safe: the lesson's progress is in its record, to go on
/// from the list, and the link must be neither graded nor covered by the lesson at the
/// next start. Otherwise the own lab is the one saved under `lab_key`. An own lab that is
/// itself one opened before and left unchanged (`opened`) is not put aside: the lab
/// already aside stays, and counts as put aside.
pub fn put_aside_for_link(lab_key: &str, previous: &str, opened: impl Fn(&str) -> bool) -> bool {
    let keys = Keys::new(lab_key);
    let in_lesson = storage::read(&keys.active()).is_some();
    let own = storage::read(&if in_lesson {
        keys.sandbox()
    } else {
        lab_key.to_string()
    });
    let had_own = own.is_some();
    let aside = match own {
        Some(own) if opened(&own) => storage::read(previous).is_some(),
        Some(own) => storage::write(previous, &own).is_ok(),
        None => false,
    };
    if in_lesson && (aside || !had_own) {
        remove(&keys.active());
        remove(&keys.sandbox());
    }
    aside
}

pub fn remove(key: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key;
}
