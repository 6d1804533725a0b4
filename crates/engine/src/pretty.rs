//! serde_json's pretty layout (two-space indents, `"key": value`, `[]` and `{}` for empty
//! containers) laid over its compact output. Pretty-printing this way needs no second
//! serializer: in the wasm, every type serialised both ways would otherwise be compiled
//! twice, once per formatter (about 9 KB of the app).

/// The pretty form of `compact`, which must be serde_json's compact output (no whitespace
/// outside strings); the result equals `serde_json::to_string_pretty` of the same value.
pub fn pretty_json(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        i += 1;
        if in_string {
            out.push(byte);
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => {
                in_string = true;
                out.push(byte);
            }
            b'[' | b'{' if matches!(bytes.get(i), Some(b']' | b'}')) => {
                out.extend_from_slice(&[byte, bytes[i]]);
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                out.push(byte);
                new_line(&mut out, depth);
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(byte);
            }
            b',' => {
                out.push(byte);
                new_line(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(byte),
        }
    }
    // Only ASCII was added, and only between whole characters of the input.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn new_line(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + 2 * depth, b' ');
}

#[cfg(test)]
mod tests {
    use super::pretty_json;
    use serde_json::json;

    fn same_as_serde(value: &serde_json::Value) {
        let compact = serde_json::to_string(value).unwrap();
        assert_eq!(
            pretty_json(&compact),
            serde_json::to_string_pretty(value).unwrap()
        );
    }

    #[test]
    fn lays_out_values_as_serde_json_does() {
        same_as_serde(&json!(null));
        same_as_serde(&json!("plain"));
        same_as_serde(&json!([]));
        same_as_serde(&json!({}));
        same_as_serde(&json!([1, [], {}, [[]], {"a": {}}]));
        same_as_serde(&json!({"a": 1, "b": [true, false, null], "c": {"d": -1.5e300, "e": "x"}}));
    }

    #[test]
    fn leaves_strings_alone() {
        same_as_serde(&json!({"q\"uote": "a \" ] } , : \\", "back\\": "\\\"[{", "nul": "\u{0}\n\t"}));
        same_as_serde(&json!(["é ✉ 😀", "[1,2]", "{\"a\":1}", "\\", ""]));
    }

    #[test]
    fn a_world_is_what_serde_json_writes() {
        let world = crate::World::reference();
        let compact = serde_json::to_string(&world).unwrap();
        assert_eq!(
            pretty_json(&compact),
            serde_json::to_string_pretty(&world).unwrap()
        );
    }
}
