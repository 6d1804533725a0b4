//! How the lab starts: the URL's query parameters, read once, and checked.
//!
//! A course page embeds the lab in an `<iframe>` and sets it up with parameters
//! (`docs/embedding.md` lists them). Reading them is pure: [`Start::from_query`] turns
//! the query string into a [`Start`] and a list of [`Problem`]s, each naming its
//! parameter, which the page shows inside the frame. A wrong parameter never blanks the
//! frame: it is reported and ignored.

use crate::i18n::{Lang, Note, Texts};
use crate::{note, t};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use smtplab_engine::world::Profile;
use smtplab_engine::{Command, Parsed, World};

/// Longest `world=` value read (base64url), and longest `script=`.
const MAX_PARAM: usize = 65_536;
/// Most commands a `script=` may pre-run.
const MAX_SCRIPT_LINES: usize = 200;

/// The colour scheme: the system's, or forced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// Where the world comes from, when a parameter names one.
#[derive(Clone, Debug, PartialEq)]
pub enum WorldSource {
    Inline(Box<World>),
    /// A same-origin URL (already checked), fetched at start.
    Url(String),
}

/// A lesson or scenario the URL asks to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonSource {
    /// `lesson=<id>`: a built-in lesson.
    Lesson(String),
    /// `scenario=<id>`: a built-in scenario.
    Scenario(String),
    /// `lesson=<same-origin .json URL>`: a teacher's lesson, fetched and validated.
    Url(String),
}

/// Everything the URL asked for. The defaults are the full lab.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Start {
    /// The compact layout for iframes.
    pub embed: bool,
    pub explain_pane: bool,
    pub sequence_pane: bool,
    pub theme: Theme,
    /// The language `?lang=` asks for, if it is one the interface speaks.
    pub lang: Option<Lang>,
    pub profile: Option<Profile>,
    pub seed: Option<u64>,
    pub world: Option<WorldSource>,
    /// Commands to send when the lab starts, in order.
    pub script: Vec<String>,
    /// Type the script out one command at a time instead of sending it at once.
    pub animate: bool,
    /// The lesson or scenario to open (`lesson=`, `scenario=`).
    pub lesson: Option<LessonSource>,
    /// Parent origins whose messages are accepted and to which events go.
    pub allow_origins: Vec<String>,
    /// What was wrong with the parameters, for the learner.
    pub problems: Vec<Problem>,
}

/// A parameter that was not understood, and why (said in the learner's language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub parameter: String,
    pub why: Note,
}

impl Problem {
    /// The message in `texts`' language.
    pub fn say(&self, texts: &Texts) -> String {
        t!(
            texts,
            "problem-parameter",
            parameter = &self.parameter,
            why = self.why.say(texts)
        )
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.say(&Texts::english()))
    }
}

impl Start {
    /// Reads a query string (`?a=b&c=d` or `a=b&c=d`) of a page at `own_origin`.
    pub fn from_query(query: &str, own_origin: &str) -> Start {
        let mut start = Start {
            explain_pane: true,
            ..Start::default()
        };
        let query = query.trim_start_matches('?');
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if let Err(why) = start.set(&name, &value, own_origin) {
                start.problems.push(Problem {
                    parameter: name.chars().take(40).collect(),
                    why,
                });
            }
        }
        start
    }

    /// The storage key of this start: embedded labs keep their own session per setup,
    /// so that two labs on one course page do not share (or overwrite) one save.
    pub fn storage_key(&self, query: &str) -> Option<String> {
        self.embed.then(|| {
            // FNV-1a: stable, short, and not a security boundary.
            let hash = query.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!("smtplab.embed.{hash:016x}")
        })
    }

    fn set(&mut self, name: &str, value: &str, own_origin: &str) -> Result<(), Note> {
        match name {
            "embed" => self.embed = flag(value)?,
            "panes" => self.panes(value)?,
            "theme" => {
                self.theme = match value {
                    "auto" => Theme::Auto,
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => return Err(note!("problem-theme", got = shorten(value))),
                }
            }
            "lang" => {
                self.lang = Some(Lang::from_tag(value).ok_or_else(|| {
                    let available = Lang::ALL.map(Lang::code).join(", ");
                    note!("problem-lang", got = shorten(value), available = available)
                })?);
            }
            "profile" => {
                let profile = Profile::from_name(value).ok_or_else(|| {
                    note!(
                        "problem-profile",
                        got = shorten(value),
                        available = Profile::names()
                    )
                })?;
                self.profile = Some(profile);
            }
            "seed" => {
                self.seed = Some(
                    value
                        .parse()
                        .map_err(|_| note!("problem-seed", got = shorten(value)))?,
                )
            }
            "world" => self.world = Some(world(value, own_origin)?),
            "script" => self.script(value)?,
            "animate" => self.animate = flag(value)?,
            "allow-origin" => {
                for origin in value.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                    if !is_origin(origin) {
                        return Err(note!("problem-origin", got = shorten(origin)));
                    }
                    self.allow_origins.push(origin.to_string());
                }
            }
            "lesson" if value.contains(['/', '.', ':']) => {
                let url = same_origin_url(value, own_origin, Asset::Lesson)?;
                self.lesson = Some(LessonSource::Url(url));
            }
            "lesson" => self.lesson = Some(LessonSource::Lesson(lesson_id(value)?)),
            "scenario" => self.lesson = Some(LessonSource::Scenario(lesson_id(value)?)),
            _ => return Err(note!("problem-unknown")),
        }
        Ok(())
    }

    fn panes(&mut self, value: &str) -> Result<(), Note> {
        let (mut explain, mut sequence) = (false, false);
        for pane in value.split(',').map(str::trim) {
            match pane {
                "explain" => explain = true,
                "sequence" => sequence = true,
                "none" | "" => {}
                other => return Err(note!("problem-panes", got = shorten(other))),
            }
        }
        (self.explain_pane, self.sequence_pane) = (explain, sequence);
        Ok(())
    }

    fn script(&mut self, value: &str) -> Result<(), Note> {
        if value.len() > MAX_PARAM {
            return Err(note!("problem-too-long", max = MAX_PARAM));
        }
        let lines = script_lines(value);
        if lines.len() > MAX_SCRIPT_LINES {
            return Err(note!(
                "problem-script-lines",
                count = lines.len(),
                max = MAX_SCRIPT_LINES
            ));
        }
        self.script = lines;
        Ok(())
    }
}

/// A script's lines, without their CRs. An empty line is skipped as a command, but kept
/// in a message: after a `DATA` command up to the lone `.`, it is the blank line between
/// the headers and the body, or one in the body. Empty lines at the end are dropped (the
/// learner may be left to write the message).
fn script_lines(value: &str) -> Vec<String> {
    let mut in_message = false;
    let mut lines = Vec::new();
    for line in value.trim_end_matches(['\r', '\n']).split('\n') {
        let line = line.trim_end_matches('\r');
        if in_message {
            in_message = line != ".";
        } else if line.is_empty() {
            continue;
        } else {
            in_message = matches!(smtplab_engine::parse(line), Parsed::Command(Command::Data));
        }
        lines.push(line.to_string());
    }
    lines
}

/// A lesson's id: 1 to 64 lower-case letters, digits and dashes.
fn lesson_id(value: &str) -> Result<String, Note> {
    let valid = (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Err(note!("problem-lesson-id", got = shorten(value)));
    }
    Ok(value.to_string())
}

fn flag(value: &str) -> Result<bool, Note> {
    match value {
        "1" | "true" | "" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(note!("problem-flag", got = shorten(value))),
    }
}

/// A world given inline (base64url of its JSON) or as a same-origin URL.
fn world(value: &str, own_origin: &str) -> Result<WorldSource, Note> {
    if value.len() > MAX_PARAM {
        return Err(note!("problem-too-long", max = MAX_PARAM));
    }
    if value.contains(['/', '.', ':']) {
        return same_origin_url(value, own_origin, Asset::World).map(WorldSource::Url);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|_| note!("problem-world-encoding"))?;
    let text = String::from_utf8(bytes).map_err(|_| note!("problem-world-not-text"))?;
    World::from_json(&text)
        .map(|w| WorldSource::Inline(Box::new(w)))
        .map_err(|e| note!("problem-world-invalid", why = crate::problems::world_error(&e)))
}

/// What a URL parameter names: a world or a lesson.
#[derive(Clone, Copy)]
enum Asset {
    World,
    Lesson,
}

/// Accepts relative URLs and absolute ones on `own_origin`; refuses any other host.
fn same_origin_url(value: &str, own_origin: &str, asset: Asset) -> Result<String, Note> {
    let what = match asset {
        Asset::World => "world",
        Asset::Lesson => "lesson",
    };
    if value.contains('\\') {
        // Browsers read a backslash as `/`: `/\evil.example/w.json` is another host.
        return Err(note!("problem-url-backslash", what = what, got = shorten(value)));
    }
    let lower = value.to_ascii_lowercase();
    // Absolute: a scheme before any slash (http:, javascript:, …), or protocol-relative.
    let scheme = lower.split_once(':').filter(|(s, _)| !s.contains('/'));
    if scheme.is_some() || lower.get(..2) == Some("//") {
        let on_own = value
            .strip_prefix(own_origin)
            .is_some_and(|rest| rest.starts_with('/'));
        if !on_own {
            return Err(note!(
                "problem-url-other-site",
                what = what,
                site = own_origin.to_string(),
                got = shorten(value)
            ));
        }
    }
    let path = lower.split(['?', '#']).next().unwrap_or("");
    if path
        .rsplit_once('.')
        .is_none_or(|(_, extension)| extension != "json")
    {
        return Err(match asset {
            Asset::World => note!("problem-world-url", got = shorten(value)),
            Asset::Lesson => note!("problem-lesson-url", got = shorten(value)),
        });
    }
    Ok(value.to_string())
}

/// `scheme://host[:port]` with nothing after it.
fn is_origin(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(['/', '?', '#', '@', ' '])
}

/// A value as shown in a message: at most 60 characters.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(60).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}
