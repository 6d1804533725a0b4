//! The bundle-size report: raw and gzipped bytes of the wasm, js and css in `dist/`.

use std::io::Write;
use std::path::Path;

use flate2::{write::GzEncoder, Compression};

use crate::Result;

/// Prints a table and writes the same numbers as JSON.
pub fn report(dist: &Path, json_out: &Path) -> Result<()> {
    let mut rows = Vec::new();
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_string();
        if !["wasm", "js", "css"].contains(&kind.as_str()) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        rows.push((name, kind, bytes.len(), gzipped_len(&bytes)));
    }
    rows.sort();
    println!("\n=== xtask: bundle size (dist/)");
    println!("{:<48} {:>5} {:>10} {:>10}", "file", "kind", "raw", "gzip");
    for (name, kind, raw, gz) in &rows {
        println!("{name:<48} {kind:>5} {raw:>10} {gz:>10}");
    }
    let (raw, gz) = rows.iter().fold((0, 0), |(r, g), row| (r + row.2, g + row.3));
    println!("{:<48} {:>5} {raw:>10} {gz:>10}", "total", "");
    let files: Vec<_> = rows
        .iter()
        .map(|(name, kind, raw, gz)| serde_json::json!({"file": name, "kind": kind, "raw": raw, "gzip": gz}))
        .collect();
    let json = serde_json::json!({"files": files, "total": {"raw": raw, "gzip": gz}});
    if let Some(dir) = json_out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(json_out, serde_json::to_string_pretty(&json).expect("json"))
        .map_err(|e| e.to_string())?;
    println!("written to {}", json_out.display());
    Ok(())
}

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}
