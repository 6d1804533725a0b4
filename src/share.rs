//! Share links: a lab session packed into a URL fragment, and unpacked defensively.
//!
//! A link holds what replaying needs and nothing else: the world and seed of the first
//! session, when it started, and every step the learner took (the engine is
//! deterministic, so replaying the steps rebuilds the lab exactly). The JSON is
//! compressed with raw deflate and written as base64url: `#s=<payload>`.
//!
//! A link is data from a stranger. Decoding checks, in order: the length of the text,
//! base64url, the size of the data after inflating (capped while inflating, so a small
//! bomb cannot grow), UTF-8, the nesting depth (before any parsing), the format version,
//! a strict schema (unknown fields are errors), and then what the schema cannot say: the
//! number of steps, times that stay in range, a valid world. Every failure is a
//! [`LinkError`] that says what is wrong in words; nothing from a link is rendered as HTML.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;
use smtplab_engine::json::{self, at, Writer};
use smtplab_engine::World;

use crate::i18n::Note;
use crate::note;
use crate::state::{Lab, Step};

/// The fragment key: `#s=...`.
pub const FRAGMENT_KEY: &str = "s=";
/// The format written today.
const VERSION: u32 = 1;
/// Longest link text accepted (characters after `#s=`).
pub const MAX_LINK_CHARS: usize = 65_536;
/// Largest JSON a link may inflate to.
pub const MAX_JSON_BYTES: usize = 1 << 20;
/// Deepest nesting of arrays and objects (a world with mailboxes needs about 8).
const MAX_DEPTH: usize = 16;
/// Most steps a link may hold.
pub const MAX_STEPS: usize = 5_000;
/// Times stay where JavaScript represents them exactly (2^53 ms is year 287,396).
const MAX_TIME: u64 = 1 << 53;
/// The longest time one step may let pass: a day.
pub const MAX_WAIT_MS: u64 = 24 * 3600 * 1000;

/// The JSON inside a link, and in the lab's save (see `crate::storage`). Short names: a
/// link should fit in a chat message. Written and read by hand ([`Packed::write_json`],
/// [`Packed::from_value`]) in the layout serde gave it: `{"v":1,"w":{…},"s":…,"t":…,"p":[…]}`,
/// `w` left out for the reference world, unknown fields refused.
pub(crate) struct Packed {
    /// Format version.
    v: u32,
    /// The world of the first session; absent for the reference world.
    w: Option<World>,
    /// Seed of the first session.
    s: u64,
    /// When the first session started (ms since the epoch).
    t: u64,
    /// The steps; each time is relative to the step before.
    p: Vec<PackedStep>,
}

/// One step, as an externally tagged variant: `{"c":[d,"line"]}`, `{"h":d}`, `"k"`; `d` is
/// the time since the step before.
enum PackedStep {
    /// `c`
    Send(i64, String),
    /// `p`
    Pipelined(i64, Vec<String>),
    /// `m`
    Message(i64, String, bool),
    /// `h`
    Handshake(i64),
    /// `o`
    Connect(i64),
    /// `x`
    Disconnect(i64),
    /// `k`
    Clear,
    /// `w`
    World(i64, Box<World>, u64),
    /// `t`: time let pass on the lab's clock, in ms.
    Wait(i64, u64),
}

const PACKED_FIELDS: &[&str] = &["v", "w", "s", "t", "p"];
const STEP_NAMES: &[&str] = &["c", "p", "m", "h", "o", "x", "k", "w", "t"];

impl Packed {
    pub(crate) fn write_json(&self, out: &mut Writer) {
        out.open_object().u64_field("v", self.v.into());
        if let Some(world) = &self.w {
            out.key("w");
            world.write_json(out);
        }
        out.u64_field("s", self.s).u64_field("t", self.t);
        out.key("p").open_array();
        for step in &self.p {
            step.write_json(out);
        }
        out.close_array().close_object();
    }

    pub(crate) fn from_value(value: &Value, path: &str) -> json::Result<Packed> {
        let map = json::object(value, path, PACKED_FIELDS, true)?;
        let field = |key: &str| json::required(map, path, key).map(|v| (v, at(path, key)));
        let (v, v_path) = field("v")?;
        let (s, s_path) = field("s")?;
        let (t, t_path) = field("t")?;
        let (p, p_path) = field("p")?;
        Ok(Packed {
            v: json::unsigned(v, &v_path, "u32")?,
            w: json::optional(map, path, "w", World::from_value)?,
            s: json::u64(s, &s_path)?,
            t: json::u64(t, &t_path)?,
            p: json::list(p, &p_path, PackedStep::from_value)?,
        })
    }
}

impl PackedStep {
    fn write_json(&self, out: &mut Writer) {
        fn tagged<'a>(out: &'a mut Writer, name: &str) -> &'a mut Writer {
            out.open_object().key(name)
        }
        match self {
            PackedStep::Clear => {
                out.string("k");
                return;
            }
            PackedStep::Handshake(d) => tagged(out, "h").i64(*d),
            PackedStep::Connect(d) => tagged(out, "o").i64(*d),
            PackedStep::Disconnect(d) => tagged(out, "x").i64(*d),
            PackedStep::Send(d, line) => tagged(out, "c").open_array().i64(*d).string(line).close_array(),
            PackedStep::Pipelined(d, lines) => {
                tagged(out, "p").open_array().i64(*d).strings(lines).close_array()
            }
            PackedStep::Message(d, text, raw) => tagged(out, "m")
                .open_array()
                .i64(*d)
                .string(text)
                .bool(*raw)
                .close_array(),
            PackedStep::World(d, world, seed) => {
                world.write_json(tagged(out, "w").open_array().i64(*d));
                out.u64(*seed).close_array()
            }
            PackedStep::Wait(d, ms) => tagged(out, "t").open_array().i64(*d).u64(*ms).close_array(),
        };
        out.close_object();
    }

    fn from_value(value: &Value, path: &str) -> json::Result<PackedStep> {
        let (name, content) = json::variant(value, path)?;
        if !STEP_NAMES.contains(&name) {
            return json::unknown_variant(path, name, STEP_NAMES);
        }
        let path = &at(path, name);
        if name == "k" {
            return json::unit(content, path).map(|()| PackedStep::Clear);
        }
        let content = json::content(content, path, name)?;
        let len = match name {
            "h" | "o" | "x" => {
                let d = json::i64(content, path)?;
                return Ok(match name {
                    "h" => PackedStep::Handshake(d),
                    "o" => PackedStep::Connect(d),
                    _ => PackedStep::Disconnect(d),
                });
            }
            "m" | "w" => 3,
            _ => 2,
        };
        let items = json::tuple(content, path, len)?;
        let item = |i: usize| (&items[i], json::index(path, i));
        let (d, d_path) = item(0);
        let d = json::i64(d, &d_path)?;
        let (second, second_path) = item(1);
        Ok(match name {
            "c" => PackedStep::Send(d, json::string(second, &second_path)?),
            "p" => PackedStep::Pipelined(d, json::strings(second, &second_path)?),
            "t" => PackedStep::Wait(d, json::u64(second, &second_path)?),
            "m" => {
                let (raw, raw_path) = item(2);
                let text = json::string(second, &second_path)?;
                PackedStep::Message(d, text, json::boolean(raw, &raw_path)?)
            }
            _ => {
                let (seed, seed_path) = item(2);
                let world = World::from_value(second, &second_path)?;
                PackedStep::World(d, Box::new(world), json::u64(seed, &seed_path)?)
            }
        })
    }
}

/// Why a link could not be opened, for the learner.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    TooLong { chars: usize },
    BadBase64 { position: Option<usize> },
    Truncated,
    Damaged,
    TooBig,
    NotText,
    TooDeep,
    Version { found: u64 },
    Schema(String),
    TooManySteps { steps: usize, max: usize },
    TimeOutOfRange,
    World(smtplab_engine::WorldProblem),
}

impl LinkError {
    /// What went wrong, for the learner in any language (technical details, such as a
    /// JSON parser's, stay as they are).
    pub fn note(&self) -> Note {
        match self {
            LinkError::Empty => note!("link-empty"),
            LinkError::TooLong { chars } => note!("link-too-long", chars = *chars, max = MAX_LINK_CHARS),
            LinkError::BadBase64 { position: Some(at) } => note!("link-bad-character", at = at + 1),
            LinkError::BadBase64 { position: None } => note!("link-cut-short"),
            LinkError::Truncated => note!("link-truncated"),
            LinkError::Damaged => note!("link-damaged"),
            LinkError::TooBig => note!("link-too-big", kb = MAX_JSON_BYTES / 1024),
            LinkError::NotText => note!("link-not-text"),
            LinkError::TooDeep => note!("link-too-deep", max = MAX_DEPTH),
            LinkError::Version { found } => note!("link-version", found = *found, ours = VERSION),
            LinkError::Schema(why) => note!("link-schema", why = why.clone()),
            LinkError::TooManySteps { steps, max } => {
                note!("link-too-many-steps", steps = *steps, max = *max)
            }
            LinkError::TimeOutOfRange => note!("link-time"),
            LinkError::World(problem) => note!("link-world", why = crate::problems::world(problem)),
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.note().english())
    }
}

/// The fragment payload (without `#s=`) that replays `lab`.
pub fn encode(lab: &Lab) -> String {
    let mut json = Writer::new();
    pack(lab).write_json(&mut json);
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.finish().as_bytes(), 9))
}

/// What replaying `lab` needs: where it started and every step.
pub(crate) fn pack(lab: &Lab) -> Packed {
    let (world, seed, start) = &lab.origin;
    let mut last = *start;
    let mut delta = |now: u64| {
        let d = now as i64 - last as i64;
        last = now;
        d
    };
    let steps = lab.steps.iter().map(|step| match step {
        Step::Send { line, now } => PackedStep::Send(delta(*now), line.clone()),
        Step::Pipelined { lines, now } => PackedStep::Pipelined(delta(*now), lines.to_vec()),
        Step::Message { text, raw, now } => PackedStep::Message(delta(*now), text.clone(), *raw),
        Step::Handshake { now } => PackedStep::Handshake(delta(*now)),
        Step::Connect { now } => PackedStep::Connect(delta(*now)),
        Step::Disconnect { now } => PackedStep::Disconnect(delta(*now)),
        Step::Clear => PackedStep::Clear,
        Step::World { world, seed, now } => PackedStep::World(delta(*now), world.clone(), *seed),
        Step::Wait { ms, now } => PackedStep::Wait(delta(*now), *ms),
    });
    Packed {
        v: VERSION,
        w: (*world != World::reference()).then(|| world.clone()),
        s: *seed,
        t: *start,
        p: steps.collect(),
    }
}

/// The lab a link's payload (without `#s=`) replays to, or why it cannot be opened.
pub fn decode(text: &str) -> Result<Lab, LinkError> {
    let json = unpack(text)?;
    let packed = parse(&json)?;
    replay(packed, MAX_STEPS)
}

/// The payload of a URL fragment (`#s=...` or `s=...`), if it holds a share link.
pub fn payload(fragment: &str) -> Option<&str> {
    fragment.trim_start_matches('#').strip_prefix(FRAGMENT_KEY)
}

fn unpack(text: &str) -> Result<Vec<u8>, LinkError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(LinkError::TooLong { chars });
    }
    if let Some(position) = text
        .chars()
        .position(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(LinkError::BadBase64 {
            position: Some(position),
        });
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| LinkError::BadBase64 { position: None })?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_JSON_BYTES).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooBig,
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => LinkError::Truncated,
            _ => LinkError::Damaged,
        }
    })
}

/// The checked JSON of a link (or a saved lab's session), not yet replayed.
pub(crate) fn parse(json: &[u8]) -> Result<Packed, LinkError> {
    let json = std::str::from_utf8(json).map_err(|_| LinkError::NotText)?;
    if depth(json) > MAX_DEPTH {
        return Err(LinkError::TooDeep);
    }
    let value: Value = json::parse(json).map_err(LinkError::Schema)?;
    // The version first, so that a newer format gets its own message, not a schema error.
    match value.as_object().map(|map| map.get("v")) {
        None => return json::invalid(&value, "", "an object").map_err(LinkError::Schema),
        Some(None | Some(Value::Null)) => return Err(LinkError::Schema("missing field `v`".into())),
        Some(Some(Value::Number(v))) if v.as_u64() == Some(u64::from(VERSION)) => {}
        Some(Some(Value::Number(v))) => {
            return Err(LinkError::Version {
                found: v.as_u64().unwrap_or(0),
            })
        }
        Some(Some(other)) => return json::invalid(other, "v", "a number").map_err(LinkError::Schema),
    }
    Packed::from_value(&value, "").map_err(LinkError::Schema)
}

/// The deepest nesting of `[` and `{` outside strings: checked before the parser recurses.
fn depth(json: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for byte in json.bytes() {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The lab `packed` replays to, with at most `max_steps` steps.
pub(crate) fn replay(packed: Packed, max_steps: usize) -> Result<Lab, LinkError> {
    if packed.p.len() > max_steps {
        return Err(LinkError::TooManySteps {
            steps: packed.p.len(),
            max: max_steps,
        });
    }
    let mut now = packed.t;
    let mut at = |d: i64| -> Result<u64, LinkError> {
        now = now
            .checked_add_signed(d)
            .filter(|&t| t <= MAX_TIME)
            .ok_or(LinkError::TimeOutOfRange)?;
        Ok(now)
    };
    let mut steps = Vec::with_capacity(packed.p.len());
    for step in packed.p {
        steps.push(match step {
            PackedStep::Send(d, line) => Step::Send { line, now: at(d)? },
            PackedStep::Pipelined(d, lines) => Step::Pipelined {
                lines: lines.into(),
                now: at(d)?,
            },
            PackedStep::Message(d, text, raw) => Step::Message {
                text,
                raw,
                now: at(d)?,
            },
            PackedStep::Handshake(d) => Step::Handshake { now: at(d)? },
            PackedStep::Connect(d) => Step::Connect { now: at(d)? },
            PackedStep::Disconnect(d) => Step::Disconnect { now: at(d)? },
            PackedStep::Clear => Step::Clear,
            PackedStep::World(d, world, seed) => Step::World {
                world,
                seed,
                now: at(d)?,
            },
            PackedStep::Wait(d, ms) => Step::Wait { ms, now: at(d)? },
        });
    }
    let world = packed.w.unwrap_or_else(World::reference);
    rebuild(world, packed.s, packed.t, steps, max_steps)
}

/// A lab rebuilt from where it started and what was done, checked as a link is: valid
/// worlds, at most `max_steps` steps, times in range. Saved labs and lab files open this
/// way too, so that what they claim about the session is recomputed, not trusted.
pub fn rebuild(
    world: World,
    seed: u64,
    start: u64,
    steps: Vec<Step>,
    max_steps: usize,
) -> Result<Lab, LinkError> {
    if steps.len() > max_steps {
        return Err(LinkError::TooManySteps {
            steps: steps.len(),
            max: max_steps,
        });
    }
    world.validate().map_err(LinkError::World)?;
    if start > MAX_TIME {
        return Err(LinkError::TimeOutOfRange);
    }
    for step in &steps {
        let until = match step {
            Step::Wait { ms, now } if *ms <= MAX_WAIT_MS => now.checked_add(*ms),
            Step::Wait { .. } => None,
            other => other.time().or(Some(0)),
        };
        if until.is_none_or(|t| t > MAX_TIME) {
            return Err(LinkError::TimeOutOfRange);
        }
        if let Step::World { world, .. } = step {
            world.validate().map_err(LinkError::World)?;
        }
    }
    let mut lab = Lab::with_world(world, seed, start);
    lab.steps = steps;
    Ok(lab.replayed(lab.steps.len()))
}
