//! "A new version of smtplab is ready": registers the service worker (`sw.js`, written by
//! `xtask/post-build.mjs`) in release builds, and offers a waiting update without forcing it.
//!
//! A new version installs in the background and then waits. When one is waiting while an
//! older one controls this page, a banner offers "Reload to update". Only that click posts
//! `SKIP_WAITING`, and only to the *waiting* worker; when it takes control
//! (`controllerchange`) the page reloads, once. Nothing is ever half old, half new: the old
//! worker keeps serving its own files until then. Updates are looked for when the page
//! becomes visible again and every 30 minutes. Debug builds (`cargo xtask serve`) register
//! nothing.

use yew::prelude::*;

use crate::i18n::use_texts;
use crate::t;

#[function_component(UpdateBanner)]
pub fn update_banner() -> Html {
    let texts = use_texts();
    let ready = use_state(|| false);
    let updating = use_state(|| false);
    let registration = use_mut_ref(|| None::<web_sys::ServiceWorkerRegistration>);
    {
        let (ready, registration) = (ready.setter(), registration.clone());
        use_effect_with((), move |_| {
            let watch = worker::start(ready, registration);
            move || {
                let _stop = watch;
            }
        });
    }
    if !*ready {
        return html! {};
    }
    let onclick = {
        let updating = updating.clone();
        Callback::from(move |_: MouseEvent| {
            updating.set(true);
            worker::apply(&registration);
        })
    };
    html! {
        <div class="update-banner" role="status">
            <span>{ t!(texts, "update-ready") }</span>
            <button class="primary" {onclick} disabled={*updating}>
                { if *updating { t!(texts, "update-updating") } else { t!(texts, "update-reload") } }
            </button>
        </div>
    }
}

type Slot = std::rc::Rc<std::cell::RefCell<Option<web_sys::ServiceWorkerRegistration>>>;

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use gloo::events::EventListener;
    use gloo::timers::callback::Interval;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::{spawn_local, JsFuture};
    use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState, VisibilityState};
    use yew::UseStateSetter;

    use super::Slot;

    const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

    /// What keeps watching for updates while the banner is mounted.
    pub struct Watch {
        _listeners: Rc<RefCell<Vec<EventListener>>>,
        _interval: Interval,
    }

    thread_local! {
        /// Set once the update was accepted: one `controllerchange` listener, one reload.
        static ACCEPTED: Cell<bool> = const { Cell::new(false) };
    }

    /// `navigator.serviceWorker`, which is missing outside secure contexts.
    fn container() -> Option<ServiceWorkerContainer> {
        let navigator = web_sys::window()?.navigator();
        let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
        value.is_object().then(|| navigator.service_worker())
    }

    /// Asks the server for a newer sw.js; a failure (offline) is not an error.
    fn check(registration: &ServiceWorkerRegistration) {
        if let Ok(promise) = registration.update() {
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }

    pub fn start(ready: UseStateSetter<bool>, slot: Slot) -> Option<Watch> {
        if cfg!(debug_assertions) {
            return None;
        }
        let container = container()?;
        let listeners = Rc::new(RefCell::new(Vec::new()));
        let held = Rc::downgrade(&listeners);
        let registered = slot.clone();
        spawn_local(async move {
            let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else {
                return;
            };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            *registered.borrow_mut() = Some(registration.clone());
            // A worker that waits is news only to a page an older one controls: the very
            // first install also passes through "installed", with no controller.
            let offer = move || {
                if container.controller().is_some() {
                    ready.set(true);
                }
            };
            if registration.waiting().is_some() {
                offer();
            }
            let Some(all) = held.upgrade() else {
                return;
            };
            let found = on_update_found(&registration, held.clone(), offer);
            all.borrow_mut().push(found);
            if let Some(shown) = on_shown(registration) {
                all.borrow_mut().push(shown);
            }
        });
        let interval = Interval::new(CHECK_EVERY_MS, move || {
            if let Some(registration) = slot.borrow().as_ref() {
                check(registration);
            }
        });
        Some(Watch {
            _listeners: listeners,
            _interval: interval,
        })
    }

    /// A new worker found: offer the update once it is installed.
    fn on_update_found(
        registration: &ServiceWorkerRegistration,
        held: std::rc::Weak<RefCell<Vec<EventListener>>>,
        offer: impl Fn() + Clone + 'static,
    ) -> EventListener {
        let watched = registration.clone();
        EventListener::new(registration, "updatefound", move |_| {
            let (Some(worker), Some(all)) = (watched.installing(), held.upgrade()) else {
                return;
            };
            let (offer, installing) = (offer.clone(), worker.clone());
            let changed = EventListener::new(&worker, "statechange", move |_| {
                if installing.state() == ServiceWorkerState::Installed {
                    offer();
                }
            });
            all.borrow_mut().push(changed);
        })
    }

    /// Coming back to the tab checks for a new version.
    fn on_shown(registration: ServiceWorkerRegistration) -> Option<EventListener> {
        let document = web_sys::window()?.document()?;
        let visible = document.clone();
        Some(EventListener::new(&document, "visibilitychange", move |_| {
            if visible.visibility_state() == VisibilityState::Visible {
                check(&registration);
            }
        }))
    }

    fn reload() {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }

    /// The click on "Reload to update".
    pub fn apply(slot: &Slot) {
        let waiting = slot.borrow().as_ref().and_then(|r| r.waiting());
        let (Some(waiting), Some(container)) = (waiting, container()) else {
            // No longer waiting: another tab already let it take over (or it failed).
            reload();
            return;
        };
        if !ACCEPTED.with(|accepted| accepted.replace(true)) {
            EventListener::once(&container, "controllerchange", |_| reload()).forget();
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
        let _ = waiting.post_message(&message);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod worker {
    use super::Slot;

    /// Outside the browser (SSR tests) there is no service worker to watch.
    pub fn start(_: yew::UseStateSetter<bool>, _: Slot) -> Option<()> {
        None
    }

    pub fn apply(_: &Slot) {}
}
