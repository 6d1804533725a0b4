//! Build, serve and test automation for smtplab: `cargo xtask serve | test | dist | setup | peers`.
//!
//! Every command first runs [`setup`], which finds or installs what the build needs and
//! never asks the developer to do it by hand:
//! - a wasm32 toolchain: rustup's `wasm32-unknown-unknown` target where rustup has it or
//!   can download it, otherwise Debian's `rustc-web` + `rust-web-src` with `-Zbuild-std`;
//! - pinned tools (Trunk, the wasm-bindgen-cli that matches Cargo.lock, binaryen's
//!   wasm-opt) built or downloaded once into a per-user cache, `~/.cache/smtplab/tools`;
//! - Chromium and npm's `playwright-core` and `axe-core` for the end-to-end tests, and
//!   npm's `terser`, which minifies the release JS (`xtask/post-build.mjs`).
//!
//! When something cannot be installed, it prints one line that says what to install and
//! how, and exits non-zero. Nothing waits without a timeout.

mod bundle;
mod load;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use setup::Toolchain;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("dist") => dist(),
        Some("setup") => setup::run().map(|_| ()),
        Some("peers") => setup::run().and_then(|tools| build_peers(&tools)),
        Some("load") => load::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask serve | test | dist | setup | peers | load ADDR [--pipeline]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A failed step, already explained in one line.
pub type Result<T> = std::result::Result<T, String>;

/// Builds the app and serves it at http://127.0.0.1:8080 with live reload.
fn serve() -> Result<()> {
    let tools = setup::run()?;
    prebuild(&tools, false)?;
    let mut trunk = tools.trunk_command();
    trunk.args(["serve", "--address", "127.0.0.1", "--port", "8080"]);
    println!("xtask: serving smtplab at http://127.0.0.1:8080 (Ctrl-C stops)");
    run(&mut trunk)
}

/// Builds the release site into `dist/`.
fn dist() -> Result<()> {
    let tools = setup::run()?;
    build_site(&tools)?;
    bundle::report(&root().join("dist"), &root().join("target/bundle-size.json"))?;
    bundle::twiggy_top(
        &setup::twiggy()?,
        &setup::wasm_opt_dir(),
        &tools.release_target_dir(),
        &root().join("target/twiggy-top.txt"),
    )
}

/// Runs every test and check, in the order that fails fastest.
fn test() -> Result<()> {
    let tools = setup::run()?;
    step("cargo fmt --check", cargo().args(["fmt", "--all", "--check"]))?;
    step(
        "cargo clippy",
        cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    )?;
    // The browser-only code (postMessage, service worker, files) compiles only for wasm32.
    let mut web_clippy = tools.wasm_cargo();
    web_clippy.args([
        "clippy",
        "-p",
        "smtplab-web",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]);
    if tools.rustup_wasm() {
        step("cargo clippy of the app for wasm32", &mut web_clippy)?;
    } else {
        println!("xtask: wasm32 clippy skipped (it needs rustup's wasm32 target)");
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        setup::postfix()?;
    }
    step("cargo test --workspace", cargo().args(["test", "--workspace"]))?;
    // Smoke mode: criterion runs each benchmark once, untimed, when not given `--bench`.
    step(
        "benchmarks, each run once (cargo test --benches)",
        cargo().args(["test", "--benches", "-p", "smtplab-engine", "-p", "smtplab-web"]),
    )?;
    let mut engine = tools.wasm_cargo();
    engine.args([
        "build",
        "-p",
        "smtplab-engine",
        "-p",
        "smtplab-lessons",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ]);
    step("wasm32 build of the engine and the lessons alone", &mut engine)?;
    build_site(&tools)?;
    build_peers(&tools)?;
    e2e(&tools)?;
    bundle::report(&root().join("dist"), &root().join("target/bundle-size.json"))
}

/// The release site, with the small std when there is one; if that build fails, once
/// more with the prebuilt std, so that a std that cannot be rebuilt never stops a build.
fn build_site(tools: &Toolchain) -> Result<()> {
    match build_site_once(tools) {
        Err(why) if tools.small_std() => {
            println!(
                "xtask: WARNING: the build with the small std failed ({why}); building with the prebuilt std"
            );
            tools.drop_small_std();
            build_site_once(tools)
        }
        built => built,
    }
}

fn build_site_once(tools: &Toolchain) -> Result<()> {
    // Trunk runs cargo offline; a first online build fetches what build-std needs.
    let mut fetch = tools.release_cargo();
    fetch.args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--bin",
        "smtplab-web",
    ]);
    step("cargo build of the app for wasm32", &mut fetch)?;
    let mut trunk = tools.release_trunk();
    trunk.args(["build", "--release"]);
    step("trunk build --release", &mut trunk)
}

/// The pages `tests/e2e/peers.mjs` measures smtplab against (`tests/peers/*`, each its
/// own workspace): built with the app's Trunk, wasm-bindgen and wasm-opt into
/// `target/peers/NAME/dist`, with a cargo target directory of their own.
fn build_peers(tools: &Toolchain) -> Result<()> {
    for name in PEERS {
        let dir = root().join("tests/peers").join(name);
        let out = root().join("target/peers").join(name);
        let mut fetch = tools.release_cargo();
        fetch
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--manifest-path",
            ])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", out.join("cargo"));
        step(&format!("cargo build of the {name} peer for wasm32"), &mut fetch)?;
        let mut trunk = tools.release_trunk();
        trunk
            .args(["build", "--release", "--dist"])
            .arg(out.join("dist"))
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", out.join("cargo"));
        step(&format!("trunk build of the {name} peer"), &mut trunk)?;
    }
    Ok(())
}

/// The peers' directories under `tests/peers`.
const PEERS: [&str; 2] = ["yew-minimal", "yew-engine"];

/// Trunk runs cargo offline; a first online build fetches what build-std needs.
fn prebuild(tools: &Toolchain, release: bool) -> Result<()> {
    let mut cargo = tools.wasm_cargo();
    cargo.args([
        "build",
        "--target",
        "wasm32-unknown-unknown",
        "--bin",
        "smtplab-web",
    ]);
    if release {
        cargo.arg("--release");
    }
    step("cargo build of the app for wasm32", &mut cargo)
}

fn e2e(tools: &Toolchain) -> Result<()> {
    let Some(chromium) = &tools.chromium else {
        println!("xtask: SKIPPED end-to-end tests: no Chromium (CI=true makes this an error)");
        return Ok(());
    };
    // Named one by one: `node --test DIR` would also run harness.mjs and perf.mjs as tests.
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("tests/e2e/{name}"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs in {}", dir.display()));
    }
    let mut node = Command::new("node");
    node.arg("--test")
        .arg("--test-concurrency=1")
        .args(&files)
        .env("SMTPLAB_DIST", root().join("dist"))
        .env("SMTPLAB_CHROMIUM", chromium)
        .env("SMTPLAB_PEERS", root().join("target/peers"))
        .env("NODE_PATH", root().join("node_modules"));
    step("end-to-end tests in headless Chromium", &mut node)
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

/// The workspace root: xtask lives one level below it.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

fn step(name: &str, command: &mut Command) -> Result<()> {
    println!("\n=== xtask: {name}");
    run(command).map_err(|e| format!("{name} failed: {e}"))
}

/// Runs a command to completion, in the workspace root unless it has a directory.
pub fn run(command: &mut Command) -> Result<()> {
    if command.get_current_dir().is_none() {
        command.current_dir(root());
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} exited with {status}", command.get_program()))
    }
}
