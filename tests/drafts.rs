//! The composer's message draft in storage: it comes back as it was written, and what
//! cannot be read (corrupt, or of another format) is refused with a reason and the raw
//! text, never a panic, as a saved lab is.

use smtplab_web::storage::{self, MessageDraft, Unreadable};

#[test]
fn a_message_draft_comes_back_as_it_was() {
    for draft in [
        MessageDraft::default(),
        MessageDraft {
            text: "Subject: caf\u{e9} \"quoted\"\n\n.dot\r\nbye\\\n".into(),
            raw: true,
        },
    ] {
        let stored = storage::encode_message(&draft);
        assert_eq!(storage::decode_message(Some(stored)), Ok(draft));
    }
    assert_eq!(
        storage::encode_message(&MessageDraft {
            text: "Hi".into(),
            raw: false
        }),
        r#"{"version":1,"text":"Hi","raw":false}"#
    );
    assert_eq!(storage::decode_message(None), Ok(MessageDraft::default()));
}

#[test]
fn an_unreadable_message_draft_is_refused_with_its_text() {
    let why = |raw: &str| match storage::decode_message(Some(raw.into())) {
        Err(Unreadable { raw: kept, why }) => {
            assert_eq!(kept, raw, "the text is kept for download");
            why
        }
        Ok(draft) => panic!("{raw} read as {draft:?}"),
    };
    assert_eq!(why(r#"{"version":2,"text":"x"}"#), "it is in format version 2");
    assert_eq!(why(r#"{"text":"x"}"#), "it has no format version");
    assert!(why(r#"{"version":1}"#).contains("text"));
    assert!(why(r#"{"version":1,"text":5}"#).contains("text"));
    assert!(why(r#"{"version":1,"text":"x","raw":"yes"}"#).contains("raw"));
    let stored = storage::encode_message(&MessageDraft {
        text: "Subject: x\n\nbody".into(),
        raw: true,
    });
    for cut in (0..stored.len()).filter(|&i| stored.is_char_boundary(i)) {
        assert!(storage::decode_message(Some(stored[..cut].into())).is_err());
    }
}
