//! JSON by hand, for the formats the browser app reads and writes (worlds, share links,
//! saved labs): a [`Writer`] that lays out text exactly as `serde_json::to_string` does,
//! and readers over a parsed [`serde_json::Value`] whose errors name the field path
//! (`rules[0].then.code`) and use serde's wording (``unknown field `x` ``).
//!
//! Why not derived (de)serialisers: each derived type is compiled once per serde_json
//! reader and writer it meets, and in the wasm they came to about 60 KB. Parsing into a
//! `Value` is one piece of code for every format, and these readers are plain functions.
//! The serde derives stay on the types for native code; tests hold the two to the same
//! output (`tests/json_codec.rs`).

use serde_json::{Map, Value};

/// A reader's error: `path: problem`, or the problem alone at the top.
pub type Result<T> = std::result::Result<T, String>;

/// Compact JSON text, byte for byte as `serde_json::to_string` writes it.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// A comma before a value or key, unless it opens its container or follows a key.
    fn separate(&mut self) {
        if !matches!(self.out.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.out.push(',');
        }
    }

    pub fn open_object(&mut self) -> &mut Writer {
        self.separate();
        self.out.push('{');
        self
    }

    pub fn close_object(&mut self) -> &mut Writer {
        self.out.push('}');
        self
    }

    pub fn open_array(&mut self) -> &mut Writer {
        self.separate();
        self.out.push('[');
        self
    }

    pub fn close_array(&mut self) -> &mut Writer {
        self.out.push(']');
        self
    }

    /// An object's key; the value comes next.
    pub fn key(&mut self, name: &str) -> &mut Writer {
        self.string(name);
        self.out.push(':');
        self
    }

    /// A string, escaped as serde_json escapes it: `\"`, `\\`, the short forms of
    /// backspace, form feed, LF, CR and tab, `\u00XX` for the other controls.
    pub fn string(&mut self, text: &str) -> &mut Writer {
        self.separate();
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        let mut start = 0;
        for (i, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\x08' => "\\b",
                b'\x0c' => "\\f",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&text[start..i]);
            start = i + 1;
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[usize::from(byte >> 4)] as char);
                self.out.push(HEX[usize::from(byte & 15)] as char);
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(&text[start..]);
        self.out.push('"');
        self
    }

    pub fn u64(&mut self, number: u64) -> &mut Writer {
        self.separate();
        self.out.push_str(&number.to_string());
        self
    }

    pub fn i64(&mut self, number: i64) -> &mut Writer {
        self.separate();
        self.out.push_str(&number.to_string());
        self
    }

    pub fn bool(&mut self, value: bool) -> &mut Writer {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Writer {
        self.separate();
        self.out.push_str("null");
        self
    }

    /// JSON text written elsewhere, as one value.
    pub fn raw(&mut self, json: &str) -> &mut Writer {
        self.separate();
        self.out.push_str(json);
        self
    }

    /// `"key":value` for a string.
    pub fn string_field(&mut self, key: &str, text: &str) -> &mut Writer {
        self.key(key).string(text)
    }

    pub fn u64_field(&mut self, key: &str, number: u64) -> &mut Writer {
        self.key(key).u64(number)
    }

    pub fn bool_field(&mut self, key: &str, value: bool) -> &mut Writer {
        self.key(key).bool(value)
    }

    /// `"key":"text"`, or `"key":null` for `None` (as serde writes an `Option`).
    pub fn optional_string_field(&mut self, key: &str, text: Option<&str>) -> &mut Writer {
        self.key(key);
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub fn strings(&mut self, items: &[String]) -> &mut Writer {
        self.open_array();
        for item in items {
            self.string(item);
        }
        self.close_array()
    }
}

/// `path.key`, or `key` at the top.
pub fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `path[i]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

pub fn fail<T>(path: &str, problem: impl Into<String>) -> Result<T> {
    let problem = problem.into();
    Err(if path.is_empty() {
        problem
    } else {
        format!("{path}: {problem}")
    })
}

/// What a value is, in serde's words (`string "x"`, ``integer `5` ``, `map`).
pub fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// serde's "invalid type" error.
pub fn invalid<T>(value: &Value, path: &str, expected: &str) -> Result<T> {
    fail(
        path,
        format!("invalid type: {}, expected {expected}", unexpected(value)),
    )
}

/// `` `a`, `b` or `c` ``: serde's list of what was expected.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".into(),
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!("one of `{}`", names.join("`, `")),
    }
}

/// An object, whose keys must all be among `fields` when `strict`.
pub fn object<'a>(
    value: &'a Value,
    path: &str,
    fields: &[&str],
    strict: bool,
) -> Result<&'a Map<String, Value>> {
    let Value::Object(map) = value else {
        return invalid(value, path, "an object");
    };
    if strict {
        if let Some(key) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            return fail(
                path,
                format!("unknown field `{key}`, expected {}", one_of(fields)),
            );
        }
    }
    Ok(map)
}

/// A field that must be present.
pub fn required<'a>(map: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Value> {
    match map.get(key) {
        Some(value) => Ok(value),
        None => fail(path, format!("missing field `{key}`")),
    }
}

/// A field read with `read` when present (and not null), else `None`.
pub fn optional<T>(
    map: &Map<String, Value>,
    path: &str,
    key: &str,
    read: impl FnOnce(&Value, &str) -> Result<T>,
) -> Result<Option<T>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value, &at(path, key)).map(Some),
    }
}

pub fn string(value: &Value, path: &str) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => invalid(other, path, "a string"),
    }
}

pub fn boolean(value: &Value, path: &str) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => invalid(other, path, "a boolean"),
    }
}

pub fn u64(value: &Value, path: &str) -> Result<u64> {
    match value.as_u64() {
        Some(n) => Ok(n),
        None => invalid(value, path, "u64"),
    }
}

pub fn i64(value: &Value, path: &str) -> Result<i64> {
    match value.as_i64() {
        Some(n) => Ok(n),
        None => invalid(value, path, "i64"),
    }
}

/// A whole number that fits `T` (`u8`, `u16`, `u32`, `usize`), named for the error.
pub fn unsigned<T: TryFrom<u64>>(value: &Value, path: &str, name: &str) -> Result<T> {
    match value.as_u64().map(T::try_from) {
        Some(Ok(n)) => Ok(n),
        Some(Err(_)) => fail(
            path,
            format!("invalid value: {}, expected {name}", unexpected(value)),
        ),
        None => invalid(value, path, name),
    }
}

pub fn array<'a>(value: &'a Value, path: &str) -> Result<&'a [Value]> {
    match value {
        Value::Array(items) => Ok(items),
        other => invalid(other, path, "a sequence"),
    }
}

/// An array of exactly `len` items (a tuple).
pub fn tuple<'a>(value: &'a Value, path: &str, len: usize) -> Result<&'a [Value]> {
    let items = array(value, path)?;
    if items.len() != len {
        return fail(
            path,
            format!(
                "invalid length {}, expected a tuple of {len} elements",
                items.len()
            ),
        );
    }
    Ok(items)
}

/// Each item of an array, read with `read`.
pub fn list<T>(value: &Value, path: &str, read: impl Fn(&Value, &str) -> Result<T>) -> Result<Vec<T>> {
    let items = array(value, path)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &index(path, i))?);
    }
    Ok(out)
}

pub fn strings(value: &Value, path: &str) -> Result<Vec<String>> {
    list(value, path, string)
}

/// An externally tagged enum's variant: `"name"`, or `{"name": content}`.
pub fn variant<'a>(value: &'a Value, path: &str) -> Result<(&'a str, Option<&'a Value>)> {
    match value {
        Value::String(name) => Ok((name, None)),
        Value::Object(map) if map.len() == 1 => {
            let (name, content) = map.iter().next().expect("one entry");
            Ok((name, Some(content)))
        }
        other => invalid(other, path, "an enum variant"),
    }
}

/// A unit variant's content: none, or `null` (`{"name": null}` is read as serde read it).
pub fn unit(content: Option<&Value>, path: &str) -> Result<()> {
    match content {
        None | Some(Value::Null) => Ok(()),
        Some(other) => invalid(other, path, "a unit variant"),
    }
}

/// The content a variant with data must have.
pub fn content<'a>(content: Option<&'a Value>, path: &str, name: &str) -> Result<&'a Value> {
    match content {
        Some(value) => Ok(value),
        None => fail(
            path,
            format!("invalid type: unit variant, expected variant `{name}` with data"),
        ),
    }
}

pub fn unknown_variant<T>(path: &str, name: &str, expected: &[&str]) -> Result<T> {
    fail(
        path,
        format!("unknown variant `{name}`, expected {}", one_of(expected)),
    )
}

/// A unit-only enum from its name, among `(value, name)` pairs.
pub fn named<T: Copy>(value: &Value, path: &str, names: &[(T, &str)]) -> Result<T> {
    let (name, content) = variant(value, path)?;
    match names.iter().find(|(_, n)| *n == name) {
        Some((found, _)) => {
            unit(content, path)?;
            Ok(*found)
        }
        None => {
            let expected: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
            unknown_variant(path, name, &expected)
        }
    }
}

/// The name of `value` among `(value, name)` pairs.
pub fn name_of<T: PartialEq>(value: &T, names: &[(T, &'static str)]) -> &'static str {
    names
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, name)| name)
}

/// JSON text parsed, with serde_json's error (and position) on failure.
pub fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}
