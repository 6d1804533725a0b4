//! The panels' texts (locales/*/panels.ftl) in use: counts and numbers read right in each
//! language, and rules are described in the language with the reply untouched. That every
//! message exists in every language is `tests/i18n.rs`'s part.

use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::t;

#[test]
fn counts_and_sizes_read_in_each_language() {
    let (en, it) = (Texts::english(), Texts::from_checkout(Lang::It));
    assert_eq!(t!(en, "timeline-live-steps", count = 1), "Live: 1 step");
    assert_eq!(t!(en, "timeline-live-steps", count = 12), "Live: 12 steps");
    assert_eq!(
        t!(it, "timeline-live-steps", count = 1),
        "Sessione attuale: 1 passo"
    );
    assert_eq!(
        t!(it, "timeline-live-steps", count = 12),
        "Sessione attuale: 12 passi"
    );
    assert_eq!(t!(en, "share-link-length", count = 52_431), "52,431 characters.");
    assert_eq!(t!(it, "share-link-length", count = 52_431), "52.431 caratteri.");
    let big = |texts: &Texts| {
        t!(
            texts,
            "share-file-too-big",
            name = "lab.json",
            mb = 40,
            tenth = 5,
            max = "32"
        )
    };
    assert_eq!(
        big(&en),
        "lab.json is too big for a lab file (40.5 MB; at most 32 MB)."
    );
    assert_eq!(
        big(&it),
        "lab.json è troppo grande per un file di laboratorio (40,5 MB; al massimo 32 MB)."
    );
}

mod rendered {
    use std::rc::Rc;

    use smtplab_web::components::{
        auth::AuthHelpers, codes::Codes, commands::Commands, export::Export, mailboxes::Mailboxes,
        settings::Settings, share::Share, timeline::Timeline,
    };
    use smtplab_web::i18n::{Lang, Texts};
    use smtplab_web::state::Lab;
    use yew::prelude::*;

    #[derive(Properties, PartialEq)]
    struct Shown {
        texts: Rc<Texts>,
    }

    #[function_component(Panels)]
    fn panels(props: &Shown) -> Html {
        let lab = use_reducer(|| Lab::connected(0, 1));
        let insert = Callback::from(|_: String| ());
        let open_lab = Callback::from(|_: Box<Lab>| ());
        html! {
            <ContextProvider<Rc<Texts>> context={props.texts.clone()}>
                <Commands lab={lab.clone()} insert={insert.clone()} />
                <Codes />
                <AuthHelpers lab={lab.clone()} {insert} />
                <Mailboxes lab={lab.clone()} />
                <Settings lab={lab.clone()} />
                <Timeline lab={lab.clone()} />
                <Share lab={lab.clone()} {open_lab} aside="smtplab.test.previous" swap={Callback::from(|_: MouseEvent| ())} />
                <Export {lab} />
            </ContextProvider<Rc<Texts>>>
        }
    }

    async fn render(texts: Rc<Texts>) -> String {
        yew::LocalServerRenderer::<Panels>::with_props(Shown { texts })
            .render()
            .await
    }

    /// The panels in Italian: labels, options and aria-labels translated, the wire not.
    #[tokio::test]
    async fn the_panels_speak_the_chosen_language_and_keep_the_wire() {
        let english = render(Texts::english()).await;
        let italian = render(Rc::new(Texts::from_checkout(Lang::It))).await;
        let pairs = [
            ("Apply and reconnect", "Applica e riconnetti"),
            ("Server that answers", "Server che risponde"),
            ("not valid now", "non valido ora"),
            ("Failure rules", "Regole di guasto"),
            (r#"aria-label="Timeline""#, r#"aria-label="Cronologia""#),
            ("Share / save", "Condividi / salva"),
            ("Export / import", "Esporta / importa"),
            ("CRAM-MD5, step by step", "CRAM-MD5, passo per passo"),
            ("Live: 0 steps", "Sessione attuale: 0 passi"),
            ("2 steps/s", "2 passi/s"),
            ("Mailbox of bob", "Casella di posta di bob"),
            (
                "Say hello and ask which extensions",
                "Identifica il client al server e chiedi quali estensioni",
            ),
            // The placeholders of a command's syntax are teaching text; the words around
            // them are the wire.
            ("EHLO &lt;your-host-name&gt;", "EHLO &lt;nome-del-tuo-host&gt;"),
            // (Postfix's own `501 5.5.4 Syntax: MAIL FROM:<address>` is the wire, and stays.)
            (
                "MAIL FROM:&lt;address&gt; [SIZE=n]",
                "MAIL FROM:&lt;indirizzo&gt; [SIZE=n]",
            ),
            ("AUTH &lt;mechanism&gt;", "AUTH &lt;meccanismo&gt;"),
            ("BDAT &lt;size&gt; [LAST]", "BDAT &lt;dimensione&gt; [LAST]"),
            ("EXPN &lt;list&gt;", "EXPN &lt;lista&gt;"),
            ("ETRN &lt;domain&gt;", "ETRN &lt;dominio&gt;"),
        ];
        for (en, it) in pairs {
            assert!(english.contains(en), "English lacks {en:?}");
            assert!(italian.contains(it), "Italian lacks {it:?}");
            if en != it {
                assert!(!italian.contains(en), "Italian still says {en:?}");
            }
        }
        for wire in [
            "EHLO client.example.org",
            "[SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8]",
            "AUTH PLAIN",
            "RFC 5321",
        ] {
            assert!(italian.contains(wire), "the wire {wire:?} is kept");
        }
    }
}
