//! `smtplab lesson check` and `smtplab lesson run`: a teacher's lessons tested on the
//! command line, and in CI. Reading and grading are the lessons crate's; this only reads
//! files and prints.
//!
//! Exit status: 0 when every file is valid (check) or every step passes (run), 1 when
//! not, 2 for a usage error.

use std::path::Path;

use smtplab_lessons::{run_script, Lesson};

/// Runs a `lesson` subcommand; `Ok(false)` when a lesson is broken or a step fails.
pub fn main(args: &[String]) -> Result<bool, String> {
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => Ok(args[1..]
            .iter()
            .map(|f| check(Path::new(f)))
            .fold(true, |a, b| a & b)),
        Some("run") => run(&args[1..]),
        _ => Err("lesson needs `check FILE.json...` or `run FILE.json --script FILE.smtp`".into()),
    }
}

fn load(path: &Path) -> Result<Lesson, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Lesson::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn check(path: &Path) -> bool {
    match load(path) {
        Ok(lesson) if lesson.is_scenario() => {
            println!("{}: ok, scenario '{}'", path.display(), lesson.id);
            true
        }
        Ok(lesson) => {
            println!(
                "{}: ok, lesson '{}' with {} steps",
                path.display(),
                lesson.id,
                lesson.steps.len()
            );
            true
        }
        Err(message) => {
            println!("{message}");
            false
        }
    }
}

fn run(args: &[String]) -> Result<bool, String> {
    let (mut file, mut script, mut show) = (None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--script" => script = Some(it.next().ok_or("--script needs a file")?),
            "--transcript" => show = true,
            other if !other.starts_with('-') && file.is_none() => file = Some(other),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let (Some(file), Some(script)) = (file, script) else {
        return Err("lesson run needs FILE.json and --script FILE.smtp".into());
    };
    let lesson = match load(Path::new(file)) {
        Ok(lesson) => lesson,
        Err(message) => {
            println!("{message}");
            return Ok(false);
        }
    };
    let text = std::fs::read_to_string(script).map_err(|e| format!("{script}: {e}"))?;
    let run = run_script(&lesson, &text);
    if show {
        print!("{}", run.transcript);
    }
    let progress = &run.progress;
    if lesson.is_scenario() {
        println!(
            "{}: scenario, {} commands, {} errors",
            lesson.id,
            progress.commands(),
            progress.errors()
        );
        return Ok(true);
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let verdict = if i < progress.current() { "pass" } else { "FAIL" };
        println!("step {}: {verdict}  {}", i + 1, step.goal.get("en"));
    }
    let budget = lesson.budget.map_or(String::new(), |b| format!(" of {b}"));
    println!(
        "{}: {} of {} steps passed; {} commands{budget}, {} errors",
        lesson.id,
        progress.current(),
        lesson.steps.len(),
        progress.commands(),
        progress.errors()
    );
    let within = lesson.budget.is_none_or(|b| progress.commands() <= b);
    if !within {
        println!("{}: over the budget", lesson.id);
    }
    Ok(progress.is_complete(&lesson) && within)
}
