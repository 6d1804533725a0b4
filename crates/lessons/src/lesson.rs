//! The lesson format: what a teacher writes, read and validated in one pass.
//!
//! A lesson is one JSON object (see `docs/lessons.md` and `docs/lesson.schema.json`):
//! an id, a title and an introduction; the world, profile, seed and failure rules the
//! lab starts from; ordered steps, each with a goal, hints, a "show me" solution and a
//! check; optionally a command budget. A lesson without steps is a *scenario*: a world
//! that reproduces a real failure, with advice on what a real client does there.
//!
//! Every text is a map from language to text (`{"en": "…", "it": "…"}`), English
//! required. Reading never panics: a lesson comes from a teacher's file or a URL.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use smtplab_engine::world::{Profile, Rule};
use smtplab_engine::{Session, World};

use crate::check::Check;
use crate::json::{self, fail, index, join, LessonError, Result};

/// The largest lesson file read (a lesson is text; this is far above any real one).
pub const MAX_BYTES: usize = 1 << 20;
const MAX_STEPS: usize = 100;
const MAX_HINTS: usize = 20;
const MAX_TEXT: usize = 20_000;
const MAX_LANGUAGES: usize = 20;

/// A lesson, or a scenario when it has no steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Lower-case letters, digits and dashes: the lesson's name in URLs and storage.
    pub id: String,
    pub title: Text,
    /// Markdown subset: paragraphs, `#` headings, `-` lists, `code`, *emphasis*, **strong**.
    pub intro: Text,
    /// What a real client does in this situation (required for a scenario).
    pub advice: Option<Text>,
    /// The world the lab starts in, with the lesson's profile and rules applied.
    pub world: World,
    pub seed: u64,
    /// "SMTP golf": the commands a learner may spend.
    pub budget: Option<u32>,
    pub steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What to do, in plain words.
    pub goal: Text,
    /// Revealed one at a time, in order.
    pub hints: Vec<Text>,
    /// Reveal the next hint by itself after this many failed attempts (error replies).
    pub reveal_after: Option<u32>,
    /// The solution, to fill the input without sending it.
    pub show_me: Option<Text>,
    /// What the learner learned, said when the step passes.
    pub learned: Option<Text>,
    pub check: Check,
}

/// A text in several languages; English is always there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// The text in `language`, or in English when it has none.
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get("en"))
            .map_or("", String::as_str)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    fn read(value: &Value, path: &str) -> Result<Text> {
        if let Value::String(_) = value {
            return fail(path, "expected a map from language to text, e.g. {\"en\": \"…\"}");
        }
        let Value::Object(map) = value else {
            return fail(path, format!("expected an object, found {}", json::kind(value)));
        };
        if map.len() > MAX_LANGUAGES {
            return fail(path, format!("at most {MAX_LANGUAGES} languages"));
        }
        let mut texts = BTreeMap::new();
        for (language, text) in map {
            let at = join(path, language);
            if !is_language_tag(language) {
                return fail(
                    &at,
                    format!("'{language}' is not a language tag such as en or it"),
                );
            }
            let text = json::string(text, &at)?;
            if text.trim().is_empty() {
                return fail(&at, "empty text");
            }
            if text.chars().count() > MAX_TEXT {
                return fail(&at, format!("at most {MAX_TEXT} characters"));
            }
            texts.insert(language.clone(), text.to_string());
        }
        if !texts.contains_key("en") {
            return fail(path, "missing 'en': every text needs English");
        }
        Ok(Text(texts))
    }
}

/// `en`, `it`, `pt-BR`: two or three letters, then optional subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

const FIELDS: &[&str] = &[
    "$schema", "id", "title", "intro", "advice", "world", "profile", "seed", "rules", "budget", "steps",
];
const STEP_FIELDS: &[&str] = &["goal", "hints", "reveal_after", "show_me", "learned", "check"];

impl Lesson {
    /// Reads and validates a lesson; the error names the field path and the problem.
    pub fn from_json(text: &str) -> std::result::Result<Lesson, LessonError> {
        if text.len() > MAX_BYTES {
            return fail("", format!("the file is larger than {MAX_BYTES} bytes"));
        }
        let value: Value = serde_json::from_str(text).or_else(|e| fail("", format!("not JSON: {e}")))?;
        Lesson::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Lesson> {
        let map = json::object(value, "", FIELDS)?;
        let id = json::string(json::required(map, "", "id")?, "id")?;
        if id.is_empty()
            || id.len() > 64
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return fail(
                "id",
                format!("'{id}' is not an id: 1 to 64 lower-case letters, digits and dashes"),
            );
        }
        let title = Text::read(json::required(map, "", "title")?, "title")?;
        let intro = Text::read(json::required(map, "", "intro")?, "intro")?;
        let advice = optional(map, "advice", Text::read)?;
        let world = read_world(map)?;
        let seed = optional(map, "seed", |v, p| json::number(v, p, 0, u64::MAX))?.unwrap_or(1);
        let budget = optional(map, "budget", |v, p| json::number(v, p, 1, 10_000))?.map(|n| n as u32);
        let steps = match map.get("steps") {
            Some(value) => json::array(value, "steps", MAX_STEPS)?
                .iter()
                .enumerate()
                .map(|(i, step)| Step::read(step, &index("steps", i)))
                .collect::<Result<Vec<_>>>()?,
            None => Vec::new(),
        };
        if steps.is_empty() && advice.is_none() {
            return fail(
                "advice",
                "a scenario (a lesson without steps) needs advice: what a real client does",
            );
        }
        if budget.is_some() && steps.is_empty() {
            return fail("budget", "a budget needs steps to spend it on");
        }
        Ok(Lesson {
            id: id.to_string(),
            title,
            intro,
            advice,
            world,
            seed,
            budget,
            steps,
        })
    }

    /// Is this a scenario (no steps)?
    pub fn is_scenario(&self) -> bool {
        self.steps.is_empty()
    }

    /// A new session in the lesson's world, not yet connected.
    pub fn session(&self) -> Session {
        Session::new(self.world.clone(), self.seed)
    }
}

impl Step {
    fn read(value: &Value, path: &str) -> Result<Step> {
        let map = json::object(value, path, STEP_FIELDS)?;
        let goal = Text::read(json::required(map, path, "goal")?, &join(path, "goal"))?;
        let hints = match map.get("hints") {
            Some(value) => {
                let at = join(path, "hints");
                json::array(value, &at, MAX_HINTS)?
                    .iter()
                    .enumerate()
                    .map(|(i, hint)| Text::read(hint, &index(&at, i)))
                    .collect::<Result<Vec<_>>>()?
            }
            None => Vec::new(),
        };
        let reveal_after = match map.get("reveal_after") {
            Some(value) => Some(json::number(value, &join(path, "reveal_after"), 1, 1000)? as u32),
            None => None,
        };
        if reveal_after.is_some() && hints.is_empty() {
            return fail(&join(path, "reveal_after"), "there are no hints to reveal");
        }
        let text = |key: &str| map.get(key).map(|v| Text::read(v, &join(path, key))).transpose();
        let check = Check::read(json::required(map, path, "check")?, &join(path, "check"))?;
        Ok(Step {
            goal,
            hints,
            reveal_after,
            show_me: text("show_me")?,
            learned: text("learned")?,
            check,
        })
    }

    /// How many hints are showing after `failures` failed attempts, `asked` of them on request.
    pub fn hints_shown(&self, failures: u32, asked: usize) -> usize {
        let automatic = self.reveal_after.map_or(0, |n| (failures / n) as usize);
        automatic.max(asked).min(self.hints.len())
    }
}

fn optional<T>(
    map: &Map<String, Value>,
    key: &str,
    read: impl Fn(&Value, &str) -> Result<T>,
) -> Result<Option<T>> {
    map.get(key).map(|value| read(value, key)).transpose()
}

/// The world, then the lesson's rules on top of it. A lesson that names a profile starts
/// from that profile's preset world ([`World::preset`], as `smtplab serve --profile`
/// does), otherwise from the reference world; the fields `world` gives replace the
/// base's, object by object.
fn read_world(map: &Map<String, Value>) -> Result<World> {
    let profile = match map.get("profile") {
        Some(value) => Some(read_profile(json::string(value, "profile")?)?),
        None => None,
    };
    let base = World::preset(profile.unwrap_or(Profile::Postfix));
    let mut world = match map.get("world") {
        Some(value) if !value.is_object() => {
            return fail(
                "world",
                format!("expected an object, found {}", json::kind(value)),
            )
        }
        Some(value) => {
            let mut merged: Value =
                serde_json::from_str(&base.to_compact_json()).or_else(|e| fail("world", e.to_string()))?;
            overlay(&mut merged, value);
            World::from_value(&merged, "").or_else(|e| fail_within("world", &e))?
        }
        None => base,
    };
    if let Some(profile) = profile {
        world.profile = profile;
    }
    if let Some(value) = map.get("rules") {
        for (i, rule) in json::array(value, "rules", smtplab_engine::rules::MAX_RULES)?
            .iter()
            .enumerate()
        {
            let at = index("rules", i);
            let rule = Rule::from_value(rule, "").or_else(|e| fail_within(&at, &e))?;
            rule.validate()
                .or_else(|why| fail_within(&at, &why.to_string()))?;
            world.rules.push(rule);
        }
    }
    world
        .validate()
        .or_else(|e| fail_within("world", &e.to_string()))?;
    Ok(world)
}

fn read_profile(name: &str) -> Result<Profile> {
    Profile::from_name(name).map_or_else(
        || {
            fail(
                "profile",
                format!("unknown profile '{name}' (expected one of: {})", Profile::names()),
            )
        },
        Ok,
    )
}

/// Puts `top`'s fields over `base`'s: objects field by field, anything else whole.
fn overlay(base: &mut Value, top: &Value) {
    match (base, top) {
        (Value::Object(base), Value::Object(top)) => {
            for (key, value) in top {
                match base.get_mut(key) {
                    Some(slot) => overlay(slot, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}

/// An engine message `field: problem` about a part of the lesson at `path`.
fn fail_within<T>(path: &str, message: &str) -> Result<T> {
    match message.split_once(": ") {
        Some((field, problem)) if !field.contains(' ') => fail(&join(path, field), problem),
        _ => fail(path, message),
    }
}
