//! Finds or installs everything the build needs. See the crate docs for the policy.
//!
//! Detection comes before any download: a wasm target that rustup already has wins, then
//! Debian's `rustc-web` if it is installed, and only then are downloads tried, each with a
//! timeout. Tools are cached per user and per version, so a fresh clone reuses them.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{root, Result};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132";
const TWIGGY_VERSION: &str = "0.8.0";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The cargo target directory of release builds with the small std.
const SMALL_STD_TARGET_DIR: &str = "target/wasm-small";

/// What the build found: how to compile for wasm32, and where the pinned tools are.
pub struct Toolchain {
    wasm: WasmPath,
    trunk: PathBuf,
    /// Directories that hold wasm-bindgen and wasm-opt; put first on Trunk's PATH.
    tool_dirs: Vec<PathBuf>,
    pub chromium: Option<PathBuf>,
    /// Release builds of the shipped wasm use [`small_std`]; cleared when such a build fails.
    small_std: Cell<Option<SmallStd>>,
}

/// How a release build recompiles rustup's std for size (`-Zbuild-std`), when rustup
/// has (or can download) the `rust-src` component and rustc knows the panic strategy.
#[derive(Clone, Copy)]
struct SmallStd {
    /// std's `optimize_for_size` feature exists (smaller, slower algorithms in core).
    optimize_for_size: bool,
}

/// The two ways to get a wasm32 standard library.
enum WasmPath {
    /// rustup's prebuilt `wasm32-unknown-unknown` std.
    Rustup,
    /// Debian's rustc-web with its std sources, built with `-Zbuild-std`.
    DebianWeb { rustc: PathBuf, linker: PathBuf },
}

impl Toolchain {
    /// `cargo` set up to build for wasm32 on whichever path applies.
    pub fn wasm_cargo(&self) -> Command {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        self.apply_wasm_env(&mut command);
        command
    }

    /// Trunk, offline, with the pinned tools first on PATH.
    pub fn trunk_command(&self) -> Command {
        let mut command = Command::new(&self.trunk);
        self.apply_wasm_env(&mut command);
        let mut path = self.tool_dirs.clone();
        path.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        command
            .env("PATH", std::env::join_paths(path).expect("tool paths are plain"))
            .env("TRUNK_OFFLINE", "true")
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }

    /// Is the wasm32 std rustup's (so clippy can check wasm32 code without build-std)?
    pub fn rustup_wasm(&self) -> bool {
        matches!(self.wasm, WasmPath::Rustup)
    }

    /// `cargo` for a release build of the shipped wasm: [`Self::wasm_cargo`] with the
    /// small std when there is one.
    pub fn release_cargo(&self) -> Command {
        let mut command = self.wasm_cargo();
        self.apply_small_std(&mut command);
        command
    }

    /// Trunk for a release build: [`Self::trunk_command`] with the small std when there is one.
    pub fn release_trunk(&self) -> Command {
        let mut command = self.trunk_command();
        self.apply_small_std(&mut command);
        command
    }

    /// The cargo target directory of a release build of the app.
    pub fn release_target_dir(&self) -> PathBuf {
        match (&self.wasm, self.small_std.get()) {
            (WasmPath::DebianWeb { .. }, _) => root().join("target/web"),
            (WasmPath::Rustup, Some(_)) => root().join(SMALL_STD_TARGET_DIR),
            (WasmPath::Rustup, None) => root().join("target"),
        }
    }

    /// Is the next release build one with the small std?
    pub fn small_std(&self) -> bool {
        self.small_std.get().is_some()
    }

    /// After a failed build with the small std: build with rustup's prebuilt std from now on.
    pub fn drop_small_std(&self) {
        self.small_std.set(None);
    }

    /// Recompiles std with the immediate-abort panic strategy and `optimize_for_size`: no
    /// panic formatting is shipped, and a panic is a bare trap, as it already was in effect
    /// (the app sets no panic hook and wasm32 has no stderr). About 7% less wasm, gzipped;
    /// the first build takes a minute longer. Its own target directory keeps the two caches
    /// apart.
    fn apply_small_std(&self, command: &mut Command) {
        let Some(small) = self.small_std.get() else {
            return;
        };
        command
            .env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort",
            )
            .env("CARGO_TARGET_DIR", root().join(SMALL_STD_TARGET_DIR));
        if small.optimize_for_size {
            command.env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size");
        }
    }

    fn apply_wasm_env(&self, command: &mut Command) {
        // The release profile is for speed (`smtplab serve`, the benchmarks); the wasm is
        // built for size.
        command.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z");
        if let WasmPath::DebianWeb { rustc, linker } = &self.wasm {
            command
                .env("RUSTC", rustc)
                .env("RUSTC_BOOTSTRAP", "1")
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", linker)
                // Host and wasm builds use different compilers; keep their caches apart.
                .env("CARGO_TARGET_DIR", root().join("target/web"));
        }
    }
}

/// Finds or installs everything; the result says how to build.
pub fn run() -> Result<Toolchain> {
    let started = Instant::now();
    let wasm = wasm_path()?;
    let cache = cache_dir();
    let trunk = trunk(&cache)?;
    let tool_dirs = vec![wasm_bindgen(&cache)?, wasm_opt(&cache)?];
    let chromium = browser()?;
    let small_std = match wasm {
        WasmPath::Rustup => small_std(),
        WasmPath::DebianWeb { .. } => None,
    };
    test_peers();
    println!(
        "xtask: setup ok in {:.1}s ({}{}; tools in {})",
        started.elapsed().as_secs_f64(),
        match wasm {
            WasmPath::Rustup => "wasm32 from rustup",
            WasmPath::DebianWeb { .. } => "wasm32 from Debian rustc-web + build-std",
        },
        if small_std.is_some() {
            "; release builds recompile std for size"
        } else {
            ""
        },
        cache.display()
    );
    Ok(Toolchain {
        wasm,
        trunk,
        tool_dirs,
        chromium,
        small_std: Cell::new(small_std),
    })
}

fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SMTPLAB_TOOLS") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("smtplab/tools")
}

// ---- the wasm32 standard library ----

fn wasm_path() -> Result<WasmPath> {
    if rustup_has_target() {
        return Ok(WasmPath::Rustup);
    }
    if let Some(debian) = debian_web() {
        return Ok(debian);
    }
    if has("rustup") {
        println!("xtask: trying `rustup target add {WASM_TARGET}` (up to 90 s)");
        let mut add = Command::new("rustup");
        add.args(["target", "add", WASM_TARGET]);
        if run_for(&mut add, Duration::from_secs(90)) && rustup_has_target() {
            return Ok(WasmPath::Rustup);
        }
        println!("xtask: rustup could not download the wasm target; trying Debian's rustc-web");
    }
    if apt_install(&["rustc-web", "cargo-web", "rust-web-src", "lld"]) {
        if let Some(debian) = debian_web() {
            return Ok(debian);
        }
    }
    Err(format!(
        "no wasm32 toolchain: run `rustup target add {WASM_TARGET}`, or on Debian 12 \
         `sudo apt-get install rustc-web cargo-web rust-web-src lld`"
    ))
}

/// The small std of release builds, if rustup has `rust-src` (or can download it) and
/// rustc accepts `-Cpanic=immediate-abort`; otherwise release builds use the prebuilt std.
fn small_std() -> Option<SmallStd> {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let std_manifest = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/std/Cargo.toml");
    if !std_manifest.exists() {
        println!("xtask: trying `rustup component add rust-src` (up to 120 s), to build a smaller wasm");
        let mut add = Command::new("rustup");
        add.args(["component", "add", "rust-src"]);
        if !run_for(&mut add, Duration::from_secs(120)) || !std_manifest.exists() {
            println!("xtask: no rust-src; release builds use the prebuilt std (a larger wasm)");
            return None;
        }
    }
    let mut probe = Command::new("rustc");
    probe
        .args([
            "-Zunstable-options",
            "-Cpanic=immediate-abort",
            "--print",
            "cfg",
            "--target",
        ])
        .arg(WASM_TARGET)
        .env("RUSTC_BOOTSTRAP", "1");
    if output(&mut probe).is_none() {
        println!("xtask: this rustc has no -Cpanic=immediate-abort; release builds use the prebuilt std");
        return None;
    }
    let manifest = std::fs::read_to_string(&std_manifest).unwrap_or_default();
    Some(SmallStd {
        optimize_for_size: manifest.lines().any(|l| l.starts_with("optimize_for_size")),
    })
}

fn rustup_has_target() -> bool {
    output(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|list| list.lines().any(|l| l.trim() == WASM_TARGET))
}

fn debian_web() -> Option<WasmPath> {
    let rustc = PathBuf::from("/usr/bin/rustc");
    let sources = Path::new("/usr/lib/rustlib/src/rust/library");
    if !rustc.exists() || !sources.exists() {
        return None;
    }
    Some(WasmPath::DebianWeb {
        rustc,
        linker: wasm_linker()?,
    })
}

/// rustup's bundled rust-lld, else the system's wasm-ld.
fn wasm_linker() -> Option<PathBuf> {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let host = output(Command::new("rustc").args(["--print", "host-tuple"]))
        .unwrap_or_else(|| "x86_64-unknown-linux-gnu".into());
    let bundled = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host.trim())
        .join("bin/rust-lld");
    [
        bundled,
        PathBuf::from("/usr/bin/wasm-ld"),
        PathBuf::from("/usr/bin/rust-lld"),
    ]
    .into_iter()
    .find(|p| p.exists())
}

// ---- pinned tools in the per-user cache ----

fn trunk(cache: &Path) -> Result<PathBuf> {
    let root = cache.join(format!("trunk-{TRUNK_VERSION}"));
    let binary = root.join("bin/trunk");
    if !binary.exists() {
        println!(
            "xtask: building Trunk {TRUNK_VERSION} into {} (once; about 8 minutes)",
            root.display()
        );
        cargo_install(&root, &["--locked", "trunk", "--version", TRUNK_VERSION])?;
    }
    Ok(binary)
}

/// wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
fn wasm_bindgen(cache: &Path) -> Result<PathBuf> {
    let version = locked_version("wasm-bindgen")?;
    let root = cache.join(format!("wasm-bindgen-{version}"));
    if !root.join("bin/wasm-bindgen").exists() {
        println!(
            "xtask: building wasm-bindgen-cli {version} into {} (once; about 4 minutes)",
            root.display()
        );
        cargo_install(&root, &["wasm-bindgen-cli", "--version", &version])?;
    }
    Ok(root.join("bin"))
}

/// twiggy, the wasm size profiler, for `cargo xtask dist`'s report (built once).
pub fn twiggy() -> Result<PathBuf> {
    let root = cache_dir().join(format!("twiggy-{TWIGGY_VERSION}"));
    let binary = root.join("bin/twiggy");
    if !binary.exists() {
        println!(
            "xtask: building twiggy {TWIGGY_VERSION} into {} (once; about 3 minutes)",
            root.display()
        );
        cargo_install(&root, &["--locked", "twiggy", "--version", TWIGGY_VERSION])?;
    }
    Ok(binary)
}

/// The directory of the pinned wasm-opt.
pub fn wasm_opt_dir() -> PathBuf {
    cache_dir().join(format!("binaryen-{BINARYEN_VERSION}/node_modules/.bin"))
}

/// Debian's binaryen is too old for current Rust output; npm's `binaryen` ships a working one.
fn wasm_opt(cache: &Path) -> Result<PathBuf> {
    let root = cache.join(format!("binaryen-{BINARYEN_VERSION}"));
    let bin = root.join("node_modules/.bin");
    if !bin.join("wasm-opt").exists() {
        println!(
            "xtask: installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into {}",
            root.display()
        );
        let mut npm = Command::new("npm");
        npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&root)
            .arg(format!("binaryen@{BINARYEN_VERSION}"));
        if !run_for(&mut npm, Duration::from_secs(600)) {
            return Err(format!(
                "cannot install wasm-opt: install Node.js and npm, then run `npm install --prefix {} binaryen@{BINARYEN_VERSION}`",
                root.display()
            ));
        }
    }
    Ok(bin)
}

fn cargo_install(root: &Path, args: &[&str]) -> Result<()> {
    let mut install = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    install.arg("install").args(args).arg("--root").arg(root);
    // A build for the host: never with the wasm path's compiler.
    install.env_remove("RUSTC").env_remove("CARGO_TARGET_DIR");
    if run_for(&mut install, Duration::from_secs(45 * 60)) {
        return Ok(());
    }
    Err(format!(
        "cannot build {}: run `cargo install {} --root {}` and read its error",
        args.join(" "),
        args.join(" "),
        root.display()
    ))
}

fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or(format!("{package} is not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..].split('"').next().unwrap_or_default().to_string())
}

// ---- the browser for end-to-end tests ----

fn browser() -> Result<Option<PathBuf>> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let mut chromium = find_chromium();
    if chromium.is_none() && apt_install(&["chromium"]) {
        chromium = find_chromium();
    }
    let Some(chromium) = chromium else {
        if ci {
            return Err(
                "no Chromium for the e2e tests: install it with `sudo apt-get install chromium`".into(),
            );
        }
        println!("xtask: no Chromium found; e2e tests will be skipped (`sudo apt-get install chromium`)");
        // Release builds still minify their JS with terser; without it they are only larger.
        if let Err(why) = node_packages() {
            println!("xtask: {why}; the release JS will not be minified");
        }
        return Ok(None);
    };
    node_packages()?;
    Ok(Some(chromium))
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SMTPLAB_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// The npm packages of `package.json`: the browser driver and the accessibility checker
/// of the e2e tests, and the JS minifier of release builds (`xtask/post-build.mjs`).
const NODE_PACKAGES: &[&str] = &["playwright-core", "axe-core", "terser"];

/// The npm packages from the project's lockfile, into the project's node_modules (again
/// whenever the lockfile is newer than one of them).
fn node_packages() -> Result<()> {
    let lock = root().join("package-lock.json");
    let modified = |path: PathBuf| path.metadata().and_then(|m| m.modified());
    let fresh = NODE_PACKAGES.iter().all(|name| {
        let installed = root().join("node_modules").join(name).join("package.json");
        match (modified(lock.clone()), modified(installed)) {
            (Ok(lock), Ok(installed)) => installed >= lock,
            _ => false,
        }
    });
    if fresh {
        return Ok(());
    }
    println!("xtask: npm ci (playwright-core, axe-core and terser; no browser download)");
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if run_for(&mut npm, Duration::from_secs(600)) {
        return Ok(());
    }
    Err(
        "cannot install playwright-core, axe-core and terser: install Node.js 20+ and npm, then run `npm ci`"
            .into(),
    )
}

// ---- real SMTP clients for the server's tests ----

/// swaks with TLS support and Python; best effort, the tests say what is missing.
fn test_peers() {
    let swaks_tls = || {
        has("swaks")
            && output(Command::new("perl").args(["-MNet::SSLeay", "-MIO::Socket::SSL", "-e", "print 1"]))
                .is_some()
    };
    if !swaks_tls() {
        apt_install(&["swaks", "libnet-ssleay-perl", "libio-socket-ssl-perl"]);
    }
    if !has("python3") {
        apt_install(&["python3"]);
    }
}

/// Starts the reference Postfix on 127.0.0.1:25 (and its 5 s-timeout listener on :2527),
/// as root or through password-less `sudo -n`, so that the server's tests compare with it
/// live. Without it they compare with the committed recordings only, which is an error
/// under `CI=true`: the live comparison must not vanish silently.
pub fn postfix() -> Result<()> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let script = root().join("xtask/postfix-lab/setup.sh");
    let root_user = output(Command::new("id").arg("-u")).is_some_and(|id| id.trim() == "0");
    let mut command = if root_user {
        Command::new("bash")
    } else if run_for(Command::new("sudo").args(["-n", "true"]), Duration::from_secs(5)) {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", "bash"]);
        sudo
    } else {
        let why = "not root and no password-less sudo";
        return fail_or_warn(ci, why);
    };
    if !has("apt-get") && !has("postconf") {
        return fail_or_warn(ci, "neither Postfix nor apt-get is installed");
    }
    println!("xtask: starting the reference Postfix on 127.0.0.1:25 (xtask/postfix-lab/setup.sh)");
    command.arg(script);
    if run_for(&mut command, Duration::from_secs(900)) {
        Ok(())
    } else {
        fail_or_warn(ci, "xtask/postfix-lab/setup.sh failed (see /var/log/mail.log)")
    }
}

fn fail_or_warn(ci: bool, why: &str) -> Result<()> {
    if ci {
        return Err(format!(
            "the reference Postfix could not be started ({why}); CI=true needs it for the live comparison: \
             run `sudo bash xtask/postfix-lab/setup.sh`"
        ));
    }
    println!("xtask: WARNING: Postfix is not started ({why}); tests compare with the recorded transcripts");
    Ok(())
}

// ---- small process helpers ----

/// Installs Debian packages when we are root (or have password-less sudo) and apt exists.
fn apt_install(packages: &[&str]) -> bool {
    if !has("apt-get") {
        return false;
    }
    let root_user = output(Command::new("id").arg("-u")).is_some_and(|id| id.trim() == "0");
    let sudo_ok = !root_user && run_for(Command::new("sudo").args(["-n", "true"]), Duration::from_secs(5));
    if !root_user && !sudo_ok {
        return false;
    }
    let apt = |args: &[&str]| {
        let mut command = if root_user {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !root_user {
            command.args(["-n", "apt-get"]);
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    println!("xtask: apt-get install {}", packages.join(" "));
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(packages);
    if run_for(&mut install, Duration::from_secs(900)) {
        return true;
    }
    run_for(&mut apt(&["update", "-qq"]), Duration::from_secs(600))
        && run_for(
            apt(&["install", "-y", "-qq", "--no-install-recommends"]).args(packages),
            Duration::from_secs(900),
        )
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs a command to completion, killing it after `limit`. True when it succeeded.
fn run_for(command: &mut Command, limit: Duration) -> bool {
    let Ok(mut child) = command.stdin(Stdio::null()).spawn() else {
        return false;
    };
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                println!(
                    "xtask: {:?} did not finish within {}s; stopped it",
                    command.get_program(),
                    limit.as_secs()
                );
                return false;
            }
        }
    }
}
