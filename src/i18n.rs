//! The interface's languages, with Fluent (`locales/<lang>/*.ftl`).
//!
//! Everything the learner reads is a message id here, and [`Texts`] says it in the chosen
//! language. English is compiled in, so the lab draws at once and a missing message never
//! blanks a label; any other language is fetched when it is chosen (the service worker
//! precaches it, so switching works offline). The wire is never translated: replies are
//! the server's own English, exactly as its profile words them.
//!
//! Adding a language is adding a folder `locales/<code>/` with the same files, and a
//! [`Lang`] variant.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use fluent_syntax::ast;
use yew::prelude::*;

/// The languages the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    It,
}

/// The files of each locale, in `locales/<code>/`.
pub const FILES: [&str; 4] = ["engine.ftl", "lab.ftl", "panels.ftl", "lessons.ftl"];

/// English, compiled in: the first paint and the fallback for any missing message.
/// `build.rs` copies the files without their comments.
const ENGLISH: [&str; 4] = [
    include_str!(concat!(env!("OUT_DIR"), "/en/engine.ftl")),
    include_str!(concat!(env!("OUT_DIR"), "/en/lab.ftl")),
    include_str!(concat!(env!("OUT_DIR"), "/en/panels.ftl")),
    include_str!(concat!(env!("OUT_DIR"), "/en/lessons.ftl")),
];

/// Where the choice is remembered.
pub const STORAGE_KEY: &str = "smtplab.lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::It];

    /// The BCP 47 code, for `?lang=`, `<html lang>` and the folder name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
        }
    }

    /// The language's own name, as its speakers look for it in a switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::It => "Italiano",
        }
    }

    /// The language of a tag such as `it`, `it-IT` or `IT-ch`; `None` if not spoken here.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// The first of `preferred` (the browser's `navigator.languages`) spoken here.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        preferred.into_iter().find_map(Lang::from_tag)
    }

    /// A whole number as the language writes it: 52,428,800 or 52.428.800 (from five
    /// digits on; 1234 stays as it is).
    pub fn number(self, n: i64) -> String {
        let separator = match self {
            Lang::En => ',',
            Lang::It => '.',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::from(if n < 0 { "-" } else { "" });
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && digits.len() >= 5 && (digits.len() - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// The CLDR plural category of a whole number: English and Italian say "one" for 1
    /// and "other" for every other integer.
    pub fn plural(self, n: i64) -> &'static str {
        match (self, n) {
            (Lang::En | Lang::It, 1) => "one",
            (Lang::En | Lang::It, _) => "other",
        }
    }
}

/// The messages of one language, with English behind them.
///
/// The files are parsed by `fluent-syntax` (Project Fluent's parser); what the lab uses
/// of the language is resolved here: text, variables, string literals, message
/// references, and selectors on a text or on a whole number's plural category.
/// (`fluent-bundle` resolves everything, but cost the first download 77 KB gzip, most of
/// it floating-point formatting and parsing and every locale's plural rules; the native
/// tests check this resolver against it, message by message.)
pub struct Texts {
    pub lang: Lang,
    messages: HashMap<String, ast::Message<String>>,
    english: Option<Rc<Texts>>,
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Texts({})", self.lang.code())
    }
}

/// An argument of a message: text, or a number (which selects plurals and is written in
/// the language's own way).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(i64),
    /// A note said in the same language (a reason inside a sentence).
    Note(Box<Note>),
}

impl From<Note> for Arg<'_> {
    fn from(note: Note) -> Self {
        Arg::Note(Box::new(note))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as i64)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

impl Texts {
    /// English, from the compiled-in files.
    pub fn english() -> Rc<Texts> {
        thread_local! {
            static ENGLISH_TEXTS: Rc<Texts> = Rc::new(
                Texts::parse(Lang::En, ENGLISH.iter().map(|s| s.to_string()).collect(), None)
                    .unwrap_or_else(|why| panic!("English messages: {why}")),
            );
        }
        ENGLISH_TEXTS.with(Rc::clone)
    }

    /// A language from the text of its files (in [`FILES`] order). Err: the first problem.
    pub fn parse(lang: Lang, files: Vec<String>, english: Option<Rc<Texts>>) -> Result<Texts, String> {
        let mut messages = HashMap::new();
        for (name, text) in FILES.iter().zip(files) {
            let code = lang.code();
            let resource = fluent_syntax::parser::parse_runtime(text)
                .map_err(|(_, errors)| format!("{code}/{name}: {:?}", errors.first()))?;
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    let id = message.id.name.clone();
                    if messages.insert(id.clone(), message).is_some() {
                        return Err(format!("{code}/{name}: {id} is defined twice"));
                    }
                }
            }
        }
        Ok(Texts {
            lang,
            messages,
            english,
        })
    }

    /// The message `id` (or its attribute, `id.attribute`) with `args`. A message that is
    /// missing here comes from English; one missing there too shows its id.
    pub fn get(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut out = String::new();
        self.say(id, args, &mut out, 0);
        out
    }

    fn say(&self, id: &str, args: &[(&str, Arg)], out: &mut String, depth: u8) {
        let (message, attribute) = id.split_once('.').map_or((id, None), |(m, a)| (m, Some(a)));
        let pattern = self.messages.get(message).and_then(|m| match attribute {
            Some(attribute) => m
                .attributes
                .iter()
                .find(|a| a.id.name == attribute)
                .map(|a| &a.value),
            None => m.value.as_ref(),
        });
        match (pattern, &self.english) {
            (Some(pattern), _) => self.pattern(pattern, args, out, depth),
            (None, Some(english)) => english.say(id, args, out, depth),
            (None, None) => out.push_str(id),
        }
    }

    fn pattern(&self, pattern: &ast::Pattern<String>, args: &[(&str, Arg)], out: &mut String, depth: u8) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.push_str(value),
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression, args, out, depth)
                }
            }
        }
    }

    fn expression(
        &self,
        expression: &ast::Expression<String>,
        args: &[(&str, Arg)],
        out: &mut String,
        depth: u8,
    ) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, args, out, depth),
            ast::Expression::Select { selector, variants } => {
                let arg = match selector {
                    ast::InlineExpression::VariableReference { id } => lookup(args, &id.name),
                    _ => None,
                };
                let chosen = variants.iter().find(|v| self.selects(&v.key, arg));
                if let Some(variant) = chosen.or_else(|| variants.iter().find(|v| v.default)) {
                    self.pattern(&variant.value, args, out, depth);
                }
            }
        }
    }

    /// Whether a variant's key matches the selector's value: a text by its name, a number
    /// by its value or its plural category.
    fn selects(&self, key: &ast::VariantKey<String>, arg: Option<&Arg>) -> bool {
        match (key, arg) {
            (ast::VariantKey::Identifier { name }, Some(Arg::Text(text))) => name == text.as_ref(),
            (ast::VariantKey::Identifier { name }, Some(Arg::Number(n))) => name == self.lang.plural(*n),
            (ast::VariantKey::NumberLiteral { value }, Some(Arg::Number(n))) => value.parse() == Ok(*n),
            _ => false,
        }
    }

    fn inline(
        &self,
        inline: &ast::InlineExpression<String>,
        args: &[(&str, Arg)],
        out: &mut String,
        depth: u8,
    ) {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                out.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value))
            }
            ast::InlineExpression::NumberLiteral { value } => out.push_str(value),
            ast::InlineExpression::VariableReference { id } => match lookup(args, &id.name) {
                Some(Arg::Text(text)) => out.push_str(text),
                Some(Arg::Number(n)) => out.push_str(&self.lang.number(*n)),
                Some(Arg::Note(note)) => out.push_str(&note.say(self)),
                None => {
                    out.push_str("{$");
                    out.push_str(&id.name);
                    out.push('}');
                }
            },
            // A reference to another message (`{ other-message }`), not followed forever.
            ast::InlineExpression::MessageReference { id, attribute } if depth < 8 => {
                let name = match attribute {
                    Some(attribute) => format!("{}.{}", id.name, attribute.name),
                    None => id.name.clone(),
                };
                self.say(&name, args, out, depth + 1);
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, args, out, depth),
            // Terms and functions are not used by the lab's files (a test checks).
            _ => out.push('…'),
        }
    }

    /// A language as the app loads it, from this checkout's `locales/` (native tests and
    /// tools; the browser fetches the files instead).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_checkout(lang: Lang) -> Texts {
        let files = FILES.iter().map(|name| {
            let path = format!("{}/locales/{}/{name}", env!("CARGO_MANIFEST_DIR"), lang.code());
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        });
        Texts::parse(lang, files.collect(), Some(Texts::english())).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Whether both hold the same messages, word for word (native tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn same_messages(&self, other: &Texts) -> bool {
        self.messages == other.messages
    }

    /// Whether this language (not English behind it) has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.messages.contains_key(id)
    }
}

/// The value of the argument `name`.
fn lookup<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg<'a>> {
    args.iter().find(|(n, _)| *n == name).map(|(_, arg)| arg)
}

/// Something to tell the learner, kept as a message id and its arguments so that it is
/// said in whatever language is chosen when it is shown (notices, transcript events).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg<'static>)>,
}

impl Note {
    /// The note in `texts`' language.
    pub fn say(&self, texts: &Texts) -> String {
        texts.get(self.id, &self.args)
    }

    /// The note in English: for exports, which stay in the wire's language.
    pub fn english(&self) -> String {
        self.say(&Texts::english())
    }
}

/// A [`Note`]: `note!("id")`, or `note!("id", name = value, …)`.
#[macro_export]
macro_rules! note {
    ($id:literal) => {
        $crate::i18n::Note { id: $id, args: Vec::new() }
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Note {
            id: $id,
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        }
    };
}

/// Says a message in the current language: `t!(texts, "id")`, or with arguments,
/// `t!(texts, "id", count = n, name = "x")`.
#[macro_export]
macro_rules! t {
    ($texts:expr, $id:literal) => {
        $texts.get($id, &[])
    };
    ($texts:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $texts.get($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// The language to start in: `?lang=`, then the saved choice, then the browser's
/// languages, then English.
pub fn choose(asked: Option<Lang>) -> Lang {
    asked
        .or_else(|| crate::storage::read(STORAGE_KEY).and_then(|code| Lang::from_tag(&code)))
        .or_else(|| Lang::negotiate(browser_languages().iter().map(String::as_str)))
        .unwrap_or(Lang::En)
}

/// `navigator.languages`, most preferred first.
fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let navigator = window.navigator();
        let mut all: Vec<String> = navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .collect();
        all.extend(navigator.language());
        return all;
    }
    Vec::new()
}

/// Remembers the learner's choice for the next visit.
pub fn remember(lang: Lang) {
    let _ = crate::storage::write(STORAGE_KEY, lang.code());
}

/// Sets `<html lang>`, for screen readers, hyphenation and the browser's translator.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

thread_local! {
    /// The languages loaded so far: switching back and forth fetches each once.
    static LOADED: std::cell::RefCell<Vec<Rc<Texts>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The texts of `lang`: English at once, any other language fetched from
/// `locales/<code>/` (or taken from those loaded before). Err: why it failed.
pub fn load(lang: Lang, done: impl FnOnce(Result<Rc<Texts>, String>) + 'static) {
    if lang == Lang::En {
        return done(Ok(Texts::english()));
    }
    if let Some(texts) = LOADED.with(|l| l.borrow().iter().find(|t| t.lang == lang).cloned()) {
        return done(Ok(texts));
    }
    fetch_all(lang, Vec::new(), move |files| {
        let texts = files.and_then(|files| Texts::parse(lang, files, Some(Texts::english())));
        let texts = texts.map(Rc::new);
        if let Ok(texts) = &texts {
            LOADED.with(|l| l.borrow_mut().push(texts.clone()));
        }
        done(texts);
    });
}

/// Fetches the files of `lang` one after the other, from the `got` already fetched.
fn fetch_all(lang: Lang, mut got: Vec<String>, done: impl FnOnce(Result<Vec<String>, String>) + 'static) {
    let Some(name) = FILES.get(got.len()) else {
        return done(Ok(got));
    };
    let url = format!("locales/{}/{name}", lang.code());
    crate::storage::fetch_text(url, move |result| match result {
        Ok(text) => {
            got.push(text);
            fetch_all(lang, got, done);
        }
        // Said in English: the language that failed to arrive cannot say it.
        Err(why) => done(Err(why.english())),
    });
}

/// What the server waits for in `phase`, ending a sentence "Waiting for …".
pub fn phase_waiting(texts: &Texts, phase: smtplab_engine::Phase) -> String {
    texts.get(&format!("{}.waiting", phase.message()), &[])
}

/// The texts of the language the learner chose (English outside a provider).
#[hook]
pub fn use_texts() -> Rc<Texts> {
    use_context::<Rc<Texts>>().unwrap_or_else(Texts::english)
}
