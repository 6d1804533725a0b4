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

/// The 20 largest items of the shipped wasm, by name, written to `out`: the bindgen
/// output (which keeps its names) optimised as Trunk does (`-Oz`) but with `-g`, so that
/// the sizes are those of the shipped code. `target_dir` is the release build's.
pub fn twiggy_top(twiggy: &Path, wasm_opt_dir: &Path, target_dir: &Path, out: &Path) -> Result<()> {
    let built = target_dir.join("wasm-bindgen/release/smtplab-web_bg.wasm");
    let named = crate::root().join("target/twiggy-input.wasm");
    let mut opt = std::process::Command::new(wasm_opt_dir.join("wasm-opt"));
    opt.arg("-Oz")
        .arg("-g")
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
        ])
        .args([
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(&built)
        .arg("-o")
        .arg(&named);
    crate::run(&mut opt).map_err(|e| format!("wasm-opt for the size report: {e}"))?;
    let report = std::process::Command::new(twiggy)
        .args(["top", "-n", "20"])
        .arg(&named)
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !report.status.success() {
        return Err(format!(
            "twiggy failed: {}",
            String::from_utf8_lossy(&report.stderr)
        ));
    }
    std::fs::write(out, &report.stdout).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\n=== xtask: the 20 largest items of the wasm (twiggy)");
    print!("{}", String::from_utf8_lossy(&report.stdout));
    println!("written to {}", out.display());
    Ok(())
}

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}
