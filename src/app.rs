//! The lab page: the console on one side, the panels (explanation, references, AUTH helpers,
//! mailboxes, settings) on the other; or, embedded in a course page (`?embed=1`), the
//! console alone with optional panes. How the lab starts (stored, from a share link, or
//! as the URL's parameters ask), and loading and saving it, happen here.

use std::rc::Rc;

use yew::prelude::*;

use crate::bridge::use_bridge;
use crate::components::auth::AuthHelpers;
use crate::components::codes::Codes;
use crate::components::commands::Commands;
use crate::components::console::Console;
use crate::components::diagrams::Diagrams;
use crate::components::explain::Explain;
use crate::components::language::LanguageSwitch;
use crate::components::lessons::history::use_back_leaves_lesson;
use crate::components::lessons::{use_lessons, LessonBar, LessonsPanel};
use crate::components::mailboxes::Mailboxes;
use crate::components::settings::Settings;
use crate::components::share::{full_lab_url, Share};
use crate::components::tabs::Tabs;
use crate::components::timeline::Timeline;
use crate::components::update::UpdateBanner;
use crate::drafts::{use_command_draft, use_message_draft};
use crate::embed::{Problem, Start, Theme, WorldSource};
use crate::i18n::{self, Arg, Lang, Note, Texts};
use crate::lessons;
use crate::share;
use crate::state::{Action, Lab, Panel, Step};
use crate::storage::{self, Loaded};
use crate::time::now_ms;
use crate::{note, t};

/// How the page was opened: its parameters, read once.
#[derive(PartialEq)]
pub struct Opened {
    pub start: Rc<Start>,
    /// Where this lab is saved: embedded labs keep one save per setup.
    pub key: String,
    /// The share-link payload in the fragment, if any.
    pub shared: Option<String>,
}

impl Opened {
    pub fn read() -> Opened {
        let (query, fragment, origin) = location();
        let start = Start::from_query(&query, &origin);
        let key = start.storage_key(&query).unwrap_or_else(|| storage::KEY.into());
        let shared = share::payload(&fragment).map(str::to_string);
        Opened {
            start: Rc::new(start),
            key,
            shared,
        }
    }
}

/// The query, the fragment and the origin of the page.
fn location() -> (String, String, String) {
    #[cfg(target_arch = "wasm32")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        return (
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default(),
            location.origin().unwrap_or_default(),
        );
    }
    Default::default()
}

/// Drops the fragment from the address, so that a reload shows the saved lab.
fn forget_fragment() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let url = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// What starting found: the lab, the unreadable save (for download), and whether the
/// learner's own lab was put aside for a shared one.
struct Started {
    lab: Lab,
    broken: Option<String>,
    put_aside: bool,
    /// Whether a share link opened: a lesson the URL asks for does not cover it.
    linked: bool,
    /// The commands the URL asks for that still have to run (after a world is fetched,
    /// or typed out one by one); `None` when the lab was not started fresh.
    script: Option<Vec<String>>,
}

fn start_lab(opened: &Opened) -> Started {
    let stored = storage::read(&opened.key);
    let Some(payload) = &opened.shared else {
        return from_storage(opened, stored);
    };
    forget_fragment();
    match open_link(payload, &opened.key) {
        Ok((lab, put_aside)) => Started {
            lab,
            broken: None,
            put_aside,
            linked: true,
            script: None,
        },
        Err(message) => {
            let mut started = from_storage(opened, stored);
            started.lab.notice = Some(message);
            started
        }
    }
}

/// Opens a share link's payload: the replayed lab, saying so, with the learner's own lab
/// (see [`lessons::put_aside_for_link`]) put aside first; whether it was. Err: what to tell.
fn open_link(payload: &str, key: &str) -> Result<(Lab, bool), Note> {
    let mut lab = share::decode(payload).map_err(|why| note!("notice-link-broken", why = why.note()))?;
    let opened = |own: &str| match storage::decode(Some(own.to_string())) {
        Loaded::Restored(own) => unchanged_since_opened(key, &own),
        _ => false,
    };
    let put_aside = lessons::put_aside_for_link(key, &previous_key(key), opened);
    mark_opened(key, &lab);
    let steps = lab.steps.len();
    lab.notice = Some(if put_aside {
        note!("notice-link-opened-aside", steps = steps)
    } else {
        note!("notice-link-opened", steps = steps)
    });
    Ok((lab, put_aside))
}

/// The skip link's click: the focus goes to the input shown (the command line, or the
/// composer during DATA), with no fragment navigation (which would add a history entry).
fn skip_to_input() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        let document = web_sys::window().and_then(|w| w.document());
        let input = document.and_then(|d| d.query_selector("#message, #command").ok().flatten());
        if let Some(input) =
            input.and_then(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(i).ok())
        {
            let _ = input.focus();
        }
    })
}

fn previous_key(key: &str) -> String {
    format!("{key}.previous")
}

/// Where the lab last opened from a link or a file is kept, as its link payload.
fn opened_key(key: &str) -> String {
    format!("{key}.opened")
}

/// Remembers `lab` as opened over the learner's own.
fn mark_opened(key: &str, lab: &Lab) {
    let _ = storage::write(&opened_key(key), &share::encode(lab));
}

/// Whether `lab` is the one last opened from a link or a file, unchanged (the same world,
/// seed and steps). Such a lab is not put aside when another opens: it would cover the
/// learner's own lab, already aside, with a copy of what they can open again.
fn unchanged_since_opened(key: &str, lab: &Lab) -> bool {
    storage::read(&opened_key(key)).is_some_and(|opened| opened == share::encode(lab))
}

/// Swaps the lab shown with the one put aside: bringing a lab back loses neither. The
/// lab last opened stays marked as such, on whichever side it now is.
fn swap_with_aside(lab: &UseReducerHandle<Lab>, key: &str) {
    if let Loaded::Restored(aside) = storage::decode(storage::read(&previous_key(key))) {
        match storage::write(&previous_key(key), &storage::encode(lab)) {
            Ok(()) => lab.dispatch(Action::Replace(aside)),
            Err(problem) => lab.dispatch(Action::Notify(note!("notice-aside-failed", problem = problem))),
        }
    }
}

fn from_storage(opened: &Opened, stored: Option<String>) -> Started {
    let start = &opened.start;
    let mut started = Started {
        lab: fresh(start),
        broken: None,
        put_aside: false,
        linked: false,
        script: None,
    };
    match storage::decode(stored) {
        Loaded::Restored(lab) => started.lab = *lab,
        Loaded::Nothing => {
            if start.animate || matches!(start.world, Some(WorldSource::Url(_))) {
                started.script = Some(start.script.clone());
            } else {
                let mut lab = Rc::new(started.lab);
                for line in &start.script {
                    lab = lab.reduce(Action::Do(Step::Send {
                        line: line.clone(),
                        now: now_ms(),
                    }));
                }
                started.lab = Rc::try_unwrap(lab).unwrap_or_else(|lab| (*lab).clone());
            }
        }
        Loaded::Broken { raw, why } => {
            started.lab.notice = Some(note!("notice-save-unreadable", why = why));
            started.broken = Some(raw);
        }
    }
    started
}

/// A new lab as the parameters ask: their world, profile and seed.
fn fresh(start: &Start) -> Lab {
    let mut world = match &start.world {
        Some(WorldSource::Inline(world)) => (**world).clone(),
        _ => smtplab_engine::World::preset(start.profile.unwrap_or_default()),
    };
    if let Some(profile) = start.profile {
        world.profile = profile; // a world of the course's own, spoken by this server
    }
    Lab::with_world(world, start.seed.unwrap_or_else(now_ms), now_ms())
}

/// Writes the lab if it changed since the last write.
fn save(
    key: &str,
    unsaved: &std::rc::Rc<std::cell::RefCell<Option<UseReducerHandle<Lab>>>>,
) -> Option<Result<(), String>> {
    let lab = unsaved.borrow_mut().take()?;
    Some(storage::write(key, &storage::encode(&lab)))
}

/// Where a draft is kept: under `own` in the full lab; an embedded lab keeps its drafts
/// beside its save, one per setup.
fn draft_key(start: &Start, key: &str, own: &str, name: &str) -> String {
    if start.embed {
        format!("{key}.{name}")
    } else {
        own.into()
    }
}

#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    pub opened: Rc<Opened>,
    /// Switches the interface's language.
    pub onlang: Callback<Lang>,
    /// A language that could not be loaded, and why.
    pub failed: Option<Note>,
}

/// The lab page: the console, the panels and the diagrams (or the embed layout).
#[function_component(LabPage)]
pub fn lab_page(props: &LabPageProps) -> Html {
    let texts = i18n::use_texts();
    let started = use_started(&props.opened);
    let lab = started.lab.clone();
    let (start, key) = (props.opened.start.clone(), props.opened.key.clone());
    let draft = use_command_draft(draft_key(&start, &key, storage::DRAFT_KEY, "draft"));
    let (message, unreadable_message) =
        use_message_draft(draft_key(&start, &key, storage::MESSAGE_KEY, "message"));
    let problems = use_state(|| start.problems.clone());
    let (save_error, unsaved) = use_saving(&lab, &key);
    use_link_opener(&lab, &key, &unsaved, &started.put_aside);
    use_ticking(&lab);
    use_theme(start.theme);
    use_script(&lab, &draft, &start, &started.script, &problems);
    let asked_lesson = start.lesson.clone().filter(|_| !*started.linked.borrow());
    let lessons = use_lessons(&lab, &key, asked_lesson);
    use_back_leaves_lesson(&lessons, start.embed);
    let ignored = use_bridge(&lab, start.clone(), lessons.loader());
    let insert = {
        let draft = draft.clone();
        Callback::from(move |text: String| draft.set(text))
    };
    let (restore, open_lab) = aside_callbacks(&lab, &key, &started.put_aside);
    let said = Said {
        problems: (*problems).clone(),
        broken: (*started.broken).clone(),
        put_aside: *started.put_aside,
        restore: restore.clone(),
        failed: props.failed.clone(),
        save_error: (*save_error).clone(),
    };
    let notices = html! {
        <>
            { notices(&texts, &lab, said) }
            { unreadable_notice(&texts, &unreadable_message) }
        </>
    };
    let full_lab = use_full_lab_url(&lab, start.embed);
    let page = Page {
        texts,
        lab,
        draft,
        message,
        lessons,
        insert,
        notices,
        ignored,
    };
    if start.embed {
        return embed_layout(page, &start, &full_lab);
    }
    let aside = AttrValue::from(previous_key(&key));
    let header = lab_header(&page, props.onlang.clone(), open_lab, aside, restore);
    full_layout(page, header)
}

/// The full lab's header: its name, the server, the language and Share / save.
fn lab_header(
    page: &Page,
    onlang: Callback<Lang>,
    open_lab: Callback<Box<Lab>>,
    aside: AttrValue,
    swap: Callback<MouseEvent>,
) -> Html {
    let (texts, lab) = (&page.texts, &page.lab);
    html! {
        <header class="lab-header">
            <a class="skip-link" href="#command" onclick={skip_to_input()}>{ t!(texts, "skip-to-command") }</a>
            <h1>{ "smtplab" }</h1>
            <p class="tagline">{ t!(texts, "tagline", server = lab.session.world().profile.title()) }</p>
            <LanguageSwitch {onlang} />
            <Share lab={lab.clone()} {open_lab} {aside} {swap} />
        </header>
    }
}

/// What the lab page hands its layouts.
struct Page {
    texts: Rc<Texts>,
    lab: UseReducerHandle<Lab>,
    draft: UseStateHandle<String>,
    message: UseStateHandle<crate::storage::MessageDraft>,
    lessons: crate::components::lessons::Lessons,
    insert: Callback<String>,
    notices: Html,
    ignored: u32,
}

impl Page {
    /// The console, the same in both layouts.
    fn console(&self) -> Html {
        html! { <Console lab={self.lab.clone()} draft={self.draft.clone()} message={self.message.clone()} /> }
    }
}

/// How the lab started (stored, from a link, with a script), kept for the page's life.
struct StartedState {
    lab: UseReducerHandle<Lab>,
    /// The saved lab's text, when it could not be read (to download).
    broken: UseStateHandle<Option<String>>,
    /// The learner's own lab was put aside for a link or a file.
    put_aside: UseStateHandle<bool>,
    script: Rc<std::cell::RefCell<Option<Vec<String>>>>,
    linked: Rc<std::cell::RefCell<bool>>,
}

#[hook]
fn use_started(opened: &Rc<Opened>) -> StartedState {
    let broken = use_state(|| None::<String>);
    let put_aside = use_state(|| false);
    let script = use_mut_ref(|| None::<Vec<String>>);
    let linked = use_mut_ref(|| false);
    let lab = {
        let (opened, broken, put_aside) = (opened.clone(), broken.clone(), put_aside.clone());
        let (script, linked) = (script.clone(), linked.clone());
        use_reducer(move || {
            let started = start_lab(&opened);
            if started.broken.is_some() {
                broken.set(started.broken);
            }
            if started.put_aside {
                put_aside.set(true);
            }
            *script.borrow_mut() = started.script;
            *linked.borrow_mut() = started.linked;
            started.lab
        })
    };
    StartedState {
        lab,
        broken,
        put_aside,
        script,
        linked,
    }
}

/// The lab not yet saved, for the savers.
type Unsaved = Rc<std::cell::RefCell<Option<UseReducerHandle<Lab>>>>;

/// Saves the lab: it serialises the whole lab, so once typing pauses, not on every reply,
/// and at once when the page is hidden or closed. Gives why saving fails, if it does.
#[hook]
fn use_saving(lab: &UseReducerHandle<Lab>, key: &str) -> (UseStateHandle<Option<String>>, Unsaved) {
    let save_error = use_state(|| None::<String>);
    let pending_save = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let unsaved: Unsaved = use_mut_ref(|| None::<UseReducerHandle<Lab>>);
    {
        let (save_error, unsaved, key) = (save_error.clone(), unsaved.clone(), key.to_string());
        use_effect_with(lab.clone(), move |lab| {
            *unsaved.borrow_mut() = Some(lab.clone());
            let timer = gloo::timers::callback::Timeout::new(400, move || {
                if let Some(result) = save(&key, &unsaved) {
                    if result.as_ref().err() != save_error.as_ref() {
                        save_error.set(result.err());
                    }
                }
            });
            *pending_save.borrow_mut() = Some(timer);
        });
    }
    {
        let (unsaved, key) = (unsaved.clone(), key.to_string());
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                ["pagehide", "visibilitychange"].map(|name| {
                    let (unsaved, key) = (unsaved.clone(), key.clone());
                    gloo::events::EventListener::new(&window, name, move |_| {
                        save(&key, &unsaved);
                    })
                })
            });
            move || drop(listeners)
        });
    }
    (save_error, unsaved)
}

/// A share link pasted into the address bar of an open lab changes only the fragment: no
/// reload, so it is opened here.
#[hook]
fn use_link_opener(
    lab: &UseReducerHandle<Lab>,
    key: &str,
    unsaved: &Unsaved,
    put_aside: &UseStateHandle<bool>,
) {
    let (lab, key, unsaved, put_aside) = (lab.clone(), key.to_string(), unsaved.clone(), put_aside.clone());
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            gloo::events::EventListener::new(&window, "hashchange", move |_| {
                let (_, fragment, _) = location();
                let Some(payload) = share::payload(&fragment).map(str::to_string) else {
                    return;
                };
                forget_fragment();
                save(&key, &unsaved);
                match open_link(&payload, &key) {
                    Ok((opened, aside)) => {
                        put_aside.set(aside);
                        lab.dispatch(Action::Replace(Box::new(opened)));
                    }
                    Err(message) => lab.dispatch(Action::Notify(message)),
                }
            })
        });
        move || drop(listener)
    });
}

/// The server acts on its own too (a hang-up, a timeout): simulated time passes.
#[hook]
fn use_ticking(lab: &UseReducerHandle<Lab>) {
    let lab = lab.clone();
    use_effect_with((), move |_| {
        let timer = gloo::timers::callback::Interval::new(250, move || {
            lab.dispatch(Action::Tick { now: now_ms() });
        });
        move || drop(timer)
    });
}

/// Bringing the lab put aside back (a swap), and opening a lab file over the lab shown.
fn aside_callbacks(
    lab: &UseReducerHandle<Lab>,
    key: &str,
    put_aside: &UseStateHandle<bool>,
) -> (Callback<MouseEvent>, Callback<Box<Lab>>) {
    let restore = {
        let (lab, key, put_aside) = (lab.clone(), key.to_string(), put_aside.clone());
        Callback::from(move |_: MouseEvent| {
            swap_with_aside(&lab, &key);
            put_aside.set(false);
        })
    };
    let open_lab = {
        let (lab, key, put_aside) = (lab.clone(), key.to_string(), put_aside.clone());
        Callback::from(move |mut opened: Box<Lab>| {
            // An opened lab left as it was is not put aside over the learner's own; a lab
            // that cannot be put aside is not replaced.
            if !unchanged_since_opened(&key, &lab) {
                if let Err(problem) = storage::write(&previous_key(&key), &storage::encode(&lab)) {
                    return lab.dispatch(Action::Notify(note!("notice-aside-failed", problem = problem)));
                }
            }
            put_aside.set(storage::read(&previous_key(&key)).is_some());
            mark_opened(&key, &opened);
            opened.notice = Some(note!("notice-file-opened", steps = opened.steps.len()));
            lab.dispatch(Action::Replace(opened));
        })
    };
    (restore, open_lab)
}

/// What the page has to say besides the session.
struct Said {
    /// The URL's parameters that could not be used (embedded labs).
    problems: Vec<Problem>,
    broken: Option<String>,
    put_aside: bool,
    restore: Callback<MouseEvent>,
    /// A language that could not be loaded.
    failed: Option<Note>,
    save_error: Option<String>,
}

/// The notices above the console, each with what can be done about it.
fn notices(texts: &Texts, lab: &UseReducerHandle<Lab>, said: Said) -> Html {
    let dispatch = |action: fn() -> Action| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(action()))
    };
    html! {
        <>
            if !said.problems.is_empty() {
                <div class="notice problems" role="alert">
                    <ul>{ for said.problems.iter().map(|p| html! { <li>{ p.say(texts) }</li> }) }</ul>
                </div>
            }
            if let Some(notice) = &lab.notice {
                <div class="notice" role="alert">
                    { notice.say(texts) }
                    if let Some(raw) = &said.broken {
                        { " " }<a download="smtplab-unreadable-save.json" href={storage::data_url("application/json", raw)}>
                            { t!(texts, "notice-download-unreadable") }</a>
                    }
                    if said.put_aside {
                        { " " }<button onclick={said.restore}>{ t!(texts, "notice-bring-back") }</button>
                    }
                    if lab.undo.is_some() {
                        { " " }<button onclick={dispatch(|| Action::Undo)}>{ t!(texts, "notice-undo-branch") }</button>
                    }
                    { " " }<button onclick={dispatch(|| Action::DismissNotice)}>{ t!(texts, "notice-dismiss") }</button>
                </div>
            }
            if let Some(failed) = &said.failed {
                <div class="notice" role="alert">{ failed.say(texts) }</div>
            }
            if let Some(problem) = &said.save_error {
                <div class="notice" role="alert">{ t!(texts, "notice-not-saved", problem = problem) }</div>
            }
        </>
    }
}

/// The address of the full lab that replays this session, for the embed layout's link:
/// built when the session changes, not on every keystroke in the draft.
#[hook]
fn use_full_lab_url(lab: &UseReducerHandle<Lab>, embed: bool) -> Rc<String> {
    let lab = lab.clone();
    use_memo((lab.steps.len(), lab.origin.2, lab.seed), move |_| {
        if embed {
            full_lab_url(&lab)
        } else {
            String::new()
        }
    })
}

/// In a course page's frame: the console, and the panes the page asked for.
fn embed_layout(page: Page, start: &Start, full_lab: &str) -> Html {
    let (texts, lab) = (&page.texts, &page.lab);
    html! {
        <main class="lab embed" data-ignored-messages={page.ignored.to_string()}>
            <h1 class="visually-hidden">{ "smtplab" }</h1>
            <UpdateBanner />
            { page.notices.clone() }
            <LessonBar lab={lab.clone()} embedded=true />
            { page.console() }
            // The lesson's hints, "Show me" and summary (the page chose the lesson).
            if lab.grading.is_some() {
                <section class="pane" aria-label={t!(texts, "pane-lesson")}>
                    <LessonsPanel lessons={page.lessons.clone()} lab={lab.clone()} insert={page.insert.clone()} embedded=true />
                </section>
            }
            if start.explain_pane {
                <section class="pane" aria-label={t!(texts, "pane-explanation")}><Explain lab={lab.clone()} /></section>
            }
            if start.sequence_pane {
                <Diagrams lab={lab.clone()} states={false} />
            }
            <p class="open-full">
                <a href={full_lab.to_string()} target="_blank" rel="noopener">{ t!(texts, "embed-open-full") }</a>
            </p>
        </main>
    }
}

/// The full lab: the console and the help panels side by side, then the timeline and the
/// diagrams.
fn full_layout(page: Page, header: Html) -> Html {
    let (texts, lab, insert) = (&page.texts, &page.lab, &page.insert);
    let select = {
        let lab = lab.clone();
        Callback::from(move |index: usize| lab.dispatch(Action::Open(PANELS[index].0)))
    };
    let panel = match lab.panel {
        Panel::Explain => html! { <Explain lab={lab.clone()} /> },
        Panel::Commands => html! { <Commands lab={lab.clone()} insert={insert.clone()} /> },
        Panel::Codes => html! { <Codes /> },
        Panel::Auth => html! { <AuthHelpers lab={lab.clone()} insert={insert.clone()} /> },
        Panel::Mailboxes => html! { <Mailboxes lab={lab.clone()} /> },
        Panel::Settings => html! { <Settings lab={lab.clone()} /> },
        Panel::Lessons => {
            html! { <LessonsPanel lessons={page.lessons.clone()} lab={lab.clone()} insert={insert.clone()} /> }
        }
    };
    let names = PANELS
        .iter()
        .map(|(_, name)| texts.get(name, &[]))
        .collect::<Vec<_>>();
    let selected = PANELS.iter().position(|(p, _)| *p == lab.panel).unwrap_or(0);
    html! {
        <main class="lab" data-ignored-messages={page.ignored.to_string()}>
            { header }
            <UpdateBanner />
            { page.notices.clone() }
            <LessonBar lab={lab.clone()} />
            <div class="columns">
                { page.console() }
                <aside class="panels" aria-label={t!(texts, "panels-help")}>
                    <Tabs label={t!(texts, "panels-label")} id="panels" {names} {selected} onselect={select}>
                        { panel }
                    </Tabs>
                </aside>
            </div>
            <Timeline lab={lab.clone()} />
            <Diagrams lab={lab.clone()} />
        </main>
    }
}

/// Says that the stored message draft could not be read (the composer started empty),
/// with the text to download.
fn unreadable_notice(texts: &Texts, unreadable: &UseStateHandle<Option<storage::Unreadable>>) -> Html {
    let Some(broken) = &**unreadable else {
        return html! {};
    };
    let dismiss = {
        let unreadable = unreadable.clone();
        Callback::from(move |_: MouseEvent| unreadable.set(None))
    };
    html! {
        <div class="notice" role="alert">
            { t!(texts, "notice-message-unreadable", why = &broken.why) }{ " " }
            <a download="smtplab-unreadable-message.json" href={storage::data_url("application/json", &broken.raw)}>
                { t!(texts, "notice-download-unreadable") }</a>
            { " " }<button onclick={dismiss}>{ t!(texts, "notice-dismiss") }</button>
        </div>
    }
}

/// The help panels, in the order of their tabs.
const PANELS: [(Panel, &str); 7] = [
    (Panel::Lessons, "tab-lessons"),
    (Panel::Explain, "tab-explain"),
    (Panel::Commands, "tab-commands"),
    (Panel::Codes, "tab-codes"),
    (Panel::Auth, "tab-auth"),
    (Panel::Mailboxes, "tab-mailboxes"),
    (Panel::Settings, "tab-settings"),
];

/// Forces the colour scheme when the URL asks for one.
#[hook]
fn use_theme(theme: Theme) {
    use_effect_with(theme, |theme| {
        let name = match theme {
            Theme::Auto => return,
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", name);
        }
    });
}

/// Runs the URL's script when it could not run at start: after fetching the world it
/// names, and typed out one character at a time with `animate=1`.
#[hook]
fn use_script(
    lab: &UseReducerHandle<Lab>,
    draft: &UseStateHandle<String>,
    start: &Rc<Start>,
    script: &Rc<std::cell::RefCell<Option<Vec<String>>>>,
    problems: &UseStateHandle<Vec<Problem>>,
) {
    let (lab, draft, start, script, problems) = (
        lab.clone(),
        draft.clone(),
        start.clone(),
        script.clone(),
        problems.clone(),
    );
    use_effect_with((), move |_| {
        // `None`: the lab was restored or replayed, and the URL's start is not for it.
        let Some(lines) = script.borrow_mut().take() else {
            return;
        };
        let animate = start.animate;
        let run = move |lab: UseReducerHandle<Lab>| {
            if animate {
                type_out(lab, draft, lines.into(), 0);
            } else {
                for line in lines {
                    lab.dispatch(Action::Do(Step::Send { line, now: now_ms() }));
                }
            }
        };
        match start.world.clone() {
            Some(WorldSource::Url(url)) => {
                storage::fetch_text(url.clone(), move |result| {
                    let world = result.map_err(Arg::from).and_then(|text| {
                        smtplab_engine::World::from_json(&text).map_err(|e| crate::problems::world_error(&e))
                    });
                    match world {
                        Ok(mut world) => {
                            if let Some(profile) = start.profile {
                                world.profile = profile;
                            }
                            let seed = start.seed.unwrap_or(lab.seed);
                            lab.dispatch(Action::Do(Step::World {
                                world: Box::new(world),
                                seed,
                                now: now_ms(),
                            }));
                        }
                        Err(why) => {
                            let why = note!("problem-world-fetch", url = url.to_string(), why = why);
                            let parameter = "world".into();
                            problems.set([&problems[..], &[Problem { parameter, why }]].concat());
                        }
                    }
                    run(lab);
                });
            }
            _ => run(lab),
        }
    });
}

/// Types each line into the input, then sends it: a script shown as a learner would type it.
fn type_out(
    lab: UseReducerHandle<Lab>,
    draft: UseStateHandle<String>,
    mut lines: std::collections::VecDeque<String>,
    typed: usize,
) {
    let Some(line) = lines.front() else {
        return;
    };
    let count = line.chars().count();
    gloo::timers::callback::Timeout::new(if typed == 0 { 300 } else { 35 }, move || {
        if typed < count {
            let shown = lines.front().map(|l| l.chars().take(typed + 1).collect());
            draft.set(shown.unwrap_or_default());
            return type_out(lab, draft, lines, typed + 1);
        }
        let line = lines.pop_front().unwrap_or_default();
        draft.set(String::new());
        lab.dispatch(Action::Do(Step::Send { line, now: now_ms() }));
        type_out(lab, draft, lines, 0);
    })
    .forget();
}
