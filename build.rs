//! Compiles the English interface texts in without their comments: `locales/en/*.ftl`
//! less every line that starts with `#` (a Fluent comment: text lines of a message are
//! indented), into `OUT_DIR/en/`. Comments are for translators; the runtime parser drops
//! them anyway. `i18n::tests` checks that the messages are the same.

use std::path::Path;

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("en");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=locales/en");
    for name in ["engine.ftl", "lab.ftl", "panels.ftl", "lessons.ftl"] {
        let source = Path::new("locales/en").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).expect("the English texts are readable");
        let kept: String = text
            .split_inclusive('\n')
            .filter(|line| !line.starts_with('#'))
            .collect();
        std::fs::write(out.join(name), kept).expect("OUT_DIR is writable");
    }
}
