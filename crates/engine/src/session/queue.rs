//! Taking a message: the queue file's size check, the composed message and its delivery
//! to each local mailbox, and the reply that says it was queued.

use std::borrow::Cow;

use super::*;

/// A queue file's envelope records beyond the addresses (measured against Postfix 3.7.11:
/// the longest message it takes with a given sender and recipients).
const QUEUE_ENVELOPE: usize = 591;
/// The records each recipient adds beyond twice its address. (The sender's envelope record
/// is counted as its length: the composed message holds it once more.)
const QUEUE_RECIPIENT: usize = 43;

impl Session {
    /// Queues a complete message and delivers it to each local mailbox.
    pub(super) fn finish_message(
        &mut self,
        ready: Ready,
        body: Body,
        ok: impl FnOnce(u64, String) -> ReplyKind,
    ) {
        if body.size > self.world.limits.message_size {
            return self.reply(ReplyKind::MessageTooBig); // RFC 1870 §6.2
        }
        self.rcpt_refused = None; // a message ends the transaction
        self.rcpts_tried = 0;
        if let Some(max) = self.world.profile.behaviour().max_line_length {
            let longest = longest_line(&body.content);
            if longest > max {
                return self.reply(ReplyKind::LineTooLong { got: longest });
            }
        }
        self.nonmail_used &= 8; // Exim: a new message frees HELO/EHLO, RSET, STARTTLS (not AUTH)
        let queue_id = self.rng.queue_id();
        if !self.deliver(&ready.0, body.content, body.records, &queue_id) {
            return self.reply(ReplyKind::MessageTooBig); // cleanup's queue file limit
        }
        self.reply(ok(body.size, queue_id))
    }

    /// Postfix's cleanup writes the message into a queue file of records, which may not grow
    /// past `message_size_limit` (`set_file_limit`): each line costs a type octet, its length
    /// as a base-128 number and itself, lines longer than `line_length` are cut into several
    /// records, and the envelope comes on top. So a message right at the limit is refused.
    pub(super) fn queue_file_size(&self, sender: &str, recipients: &[String], message: &str) -> u64 {
        let records = text_records(message, self.world.limits.line_length.max(1));
        queue_envelope(sender, recipients) + records as u64
    }

    /// [`Session::queue_file_size`] of a composed DATA message whose body lines were
    /// counted as they came (`records`): only the lines compose added are read again.
    fn counted_queue_file_size(
        &self,
        sender: &str,
        recipients: &[String],
        source: &str,
        layout: &delivery::Layout,
        records: Records,
    ) -> Option<u64> {
        if !layout.exact || records.piece != self.world.limits.line_length.max(1) {
            return None; // the text changed (not UTF-8), or the limit did
        }
        let added = [
            &source[layout.lead..layout.headers.start],
            &source[layout.headers.end..layout.body],
        ];
        let added: usize = added.iter().map(|text| text_records(text, records.piece)).sum();
        Some(queue_envelope(sender, recipients) + added as u64 + records.octets)
    }

    /// Delivers to every recipient; false (and nothing delivered) when cleanup refuses.
    /// The last mailbox's message is built in `content`'s buffer; the others copy it.
    pub(super) fn deliver(
        &mut self,
        envelope: &Envelope,
        content: Vec<u8>,
        records: Option<Records>,
        queue_id: &str,
    ) -> bool {
        let mail_from = envelope.sender.as_ref().map_or("", |a| a.text.as_str());
        let rcpt_to: Vec<String> = envelope
            .recipients
            .iter()
            .map(|r| self.full_address(&r.address))
            .collect();
        let env = delivery::Envelope {
            queue_id,
            mail_from,
            rcpt_to: &rcpt_to,
            helo: self.helo.as_ref().map(|h| h.name.as_str()),
            peer_name: &self.peer.name,
            peer_address: &self.peer.address,
            protocol: self.protocol(),
            hostname: &self.world.hostname,
            now_ms: self.now,
            prepend: &envelope.prepend,
        };
        let mailboxes = self.mailboxes(envelope, &rcpt_to);
        let Some(((_, original, delivered_to), others)) = mailboxes.split_last() else {
            return true;
        };
        let (source, layout) = delivery::compose(&env, (original, delivered_to), content);
        let shared = &source[layout.lead..];
        let counted =
            records.and_then(|r| self.counted_queue_file_size(mail_from, &rcpt_to, &source, &layout, r));
        debug_assert!(counted.is_none_or(|size| size == self.queue_file_size(mail_from, &rcpt_to, shared)));
        let size = counted.unwrap_or_else(|| self.queue_file_size(mail_from, &rcpt_to, shared));
        if size > self.world.limits.message_size {
            return false;
        }
        let mut messages: Vec<Message> = others
            .iter()
            .map(|(_, original, delivered_to)| Message::deliver(&env, shared, original, delivered_to))
            .collect();
        messages.push(Message::with_source(&env, source));
        let users: Vec<Option<String>> = mailboxes
            .into_iter()
            .map(|(user, ..)| user.map(str::to_string))
            .collect();
        for (user, message) in users.into_iter().zip(messages) {
            let message = Arc::new(message);
            if let Some(account) = user.as_deref().and_then(|u| self.world.user_mut(u)) {
                account.mailbox.push(Arc::clone(&message));
            }
            self.outputs.push_back(Output::Delivered { user, message });
        }
        true
    }

    /// Where the message goes, in order: each local user once (cleanup removes duplicate
    /// recipients), `None` for a relayed recipient; with the address the client gave and
    /// the one delivered to.
    fn mailboxes<'a>(
        &'a self,
        envelope: &'a Envelope,
        rcpt_to: &'a [String],
    ) -> Vec<(Option<&'a str>, &'a str, Cow<'a, str>)> {
        let mut mailboxes: Vec<(Option<&str>, &str, Cow<str>)> = Vec::new();
        for (recipient, original) in envelope.recipients.iter().zip(rcpt_to) {
            if recipient.mailboxes.is_empty() {
                mailboxes.push((None, original, Cow::Borrowed(original)));
            }
            for user in &recipient.mailboxes {
                if mailboxes.iter().any(|(done, ..)| *done == Some(user.as_str())) {
                    continue;
                }
                let delivered_to = if recipient.address.local.eq_ignore_ascii_case(user) {
                    Cow::Borrowed(original.as_str())
                } else {
                    Cow::Owned(format!("{user}@{}", self.world.origin))
                };
                mailboxes.push((Some(user), original, delivered_to));
            }
        }
        mailboxes
    }

    /// A recipient as Postfix records it: bare names get `@myorigin`.
    pub(super) fn full_address(&self, address: &Address) -> String {
        match &address.domain {
            Some(_) => address.text.clone(),
            None => format!("{}@{}", address.text, self.world.origin),
        }
    }

    /// The `with` of the Received header (RFC 3848).
    pub(super) fn protocol(&self) -> &'static str {
        let extended = self.helo.as_ref().is_some_and(|h| h.extended);
        match (extended, self.tls, self.user.is_some()) {
            (true, false, false) => "ESMTP",
            (true, true, false) => "ESMTPS",
            (true, false, true) => "ESMTPA",
            (true, true, true) => "ESMTPSA",
            (false, false, false) => "SMTP",
            (false, true, false) => "SMTPS",
            (false, false, true) => "SMTPA",
            (false, true, true) => "SMTPSA",
        }
    }
}

/// The longest line of a message, without its line ending.
fn longest_line(content: &[u8]) -> usize {
    let mut start = 0;
    let mut longest = 0;
    for end in memchr::memchr_iter(b'\n', content) {
        let cr = usize::from(end > start && content[end - 1] == b'\r');
        longest = longest.max(end - start - cr);
        start = end + 1;
    }
    longest
}

/// The queue-file envelope records: the sender and each recipient, and the fixed ones.
fn queue_envelope(sender: &str, recipients: &[String]) -> u64 {
    let addresses: usize = recipients.iter().map(|r| QUEUE_RECIPIENT + 2 * r.len()).sum();
    (QUEUE_ENVELOPE + sender.len() + addresses) as u64
}

/// The records of a text whose lines end in CRLF (compose writes them so; a last line
/// may lack it); empty text has none.
fn text_records(message: &str, piece: usize) -> usize {
    if message.is_empty() {
        return 0;
    }
    let text = message.strip_suffix("\r\n").unwrap_or(message).as_bytes();
    let mut start = 0;
    let mut size = 0;
    // Find each LF, drop its CR.
    for end in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len() + 1)) {
        size += line_records(end.saturating_sub(1).saturating_sub(start), piece);
        start = end + 1;
    }
    size
}

/// One line of `len` octets in the queue file: cut into records of `piece` octets, each
/// a type octet, its length as a base-128 number, and the octets.
pub(super) fn line_records(len: usize, piece: usize) -> usize {
    let record = |len: usize| 1 + (usize::BITS - len.leading_zeros()).div_ceil(7).max(1) as usize + len;
    (len / piece) * record(piece) + record(len % piece)
}
