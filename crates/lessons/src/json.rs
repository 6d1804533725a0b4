//! Reading a lesson's JSON by hand, so that every error names the field path
//! (`steps[2].check.all[0]`) and the problem in words. serde's derived errors give a line
//! and column instead, and `serde_path_to_error` doubles the deserialising code in wasm.

use serde_json::{Map, Value};

/// What is wrong with a lesson, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The field path, e.g. `steps[2].check.all[0]`; empty for the whole file.
    pub path: String,
    pub problem: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for LessonError {}

pub type Result<T> = std::result::Result<T, LessonError>;

pub fn fail<T>(path: &str, problem: impl Into<String>) -> Result<T> {
    Err(LessonError {
        path: path.to_string(),
        problem: problem.into(),
    })
}

/// Field paths are written as the engine's JSON readers write them.
pub use smtplab_engine::json::{at as join, index};

/// What a JSON value is, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An object whose keys must all be among `allowed`.
pub fn object<'a>(value: &'a Value, path: &str, allowed: &[&str]) -> Result<&'a Map<String, Value>> {
    let Value::Object(map) = value else {
        return fail(path, format!("expected an object, found {}", kind(value)));
    };
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return fail(
            path,
            format!("unknown field '{key}' (expected one of: {})", allowed.join(", ")),
        );
    }
    Ok(map)
}

pub fn array<'a>(value: &'a Value, path: &str, max: usize) -> Result<&'a [Value]> {
    let Value::Array(items) = value else {
        return fail(path, format!("expected an array, found {}", kind(value)));
    };
    if items.len() > max {
        return fail(path, format!("at most {max} items, found {}", items.len()));
    }
    Ok(items)
}

pub fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str> {
    match value {
        Value::String(s) => Ok(s),
        other => fail(path, format!("expected a string, found {}", kind(other))),
    }
}

pub fn boolean(value: &Value, path: &str) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => fail(path, format!("expected true or false, found {}", kind(other))),
    }
}

/// A whole number from `min` to `max`.
pub fn number(value: &Value, path: &str, min: u64, max: u64) -> Result<u64> {
    match value.as_u64() {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        Some(n) => fail(path, format!("{n} is out of range ({min} to {max})")),
        None => fail(
            path,
            format!("expected a whole number from {min} to {max}, found {value}"),
        ),
    }
}

/// A field that must be present.
pub fn required<'a>(map: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Value> {
    map.get(key)
        .map_or_else(|| fail(path, format!("missing field '{key}'")), Ok)
}
