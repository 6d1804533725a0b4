//! A world as JSON, written and read by hand ([`crate::json`]): the same text as the serde
//! derives on these types, field for field and in their order, with the same defaults
//! and the same refusals (unknown fields, wrong types, numbers out of range).

use std::sync::Arc;

use serde_json::Value;

use super::{Alias, Limits, Policy, Profile, User, World};
use crate::delivery::Message;
use crate::json::{self, at, Result, Writer};
use crate::reply::EnhancedCode;
use crate::rules::{Effect, Rule, Triplet};
use crate::table::Verb;

/// Every verb with its serde name (the variant's).
pub(crate) const VERBS: &[(Verb, &str)] = &[
    (Verb::Helo, "Helo"),
    (Verb::Ehlo, "Ehlo"),
    (Verb::Mail, "Mail"),
    (Verb::Rcpt, "Rcpt"),
    (Verb::Data, "Data"),
    (Verb::Bdat, "Bdat"),
    (Verb::Rset, "Rset"),
    (Verb::Noop, "Noop"),
    (Verb::Quit, "Quit"),
    (Verb::Vrfy, "Vrfy"),
    (Verb::Expn, "Expn"),
    (Verb::Help, "Help"),
    (Verb::Etrn, "Etrn"),
    (Verb::StartTls, "StartTls"),
    (Verb::Auth, "Auth"),
];

const WORLD_FIELDS: &[&str] = &[
    "profile",
    "hostname",
    "origin",
    "local_domains",
    "address",
    "users",
    "aliases",
    "limits",
    "policy",
    "rules",
    "greylist",
    "greeting_notice",
];

impl World {
    /// The world as compact JSON, as serde_json writes it.
    pub fn to_compact_json(&self) -> String {
        let mut out = Writer::new();
        self.write_json(&mut out);
        out.finish()
    }

    pub fn write_json(&self, out: &mut Writer) {
        out.open_object();
        out.string_field("profile", self.profile.name());
        out.string_field("hostname", &self.hostname);
        out.string_field("origin", &self.origin);
        out.key("local_domains").strings(&self.local_domains);
        out.string_field("address", &self.address);
        out.key("users").open_array();
        for user in &self.users {
            write_user(user, out);
        }
        out.close_array().key("aliases").open_array();
        for alias in &self.aliases {
            out.open_object().string_field("name", &alias.name);
            out.key("members").strings(&alias.members).close_object();
        }
        out.close_array().key("limits");
        write_limits(&self.limits, out);
        out.key("policy");
        write_policy(&self.policy, out);
        out.key("rules").open_array();
        for rule in &self.rules {
            rule.write_json(out);
        }
        out.close_array().key("greylist").open_array();
        for triplet in &self.greylist {
            out.open_object().string_field("sender", &triplet.sender);
            out.string_field("recipient", &triplet.recipient);
            out.u64_field("first_seen", triplet.first_seen);
            out.bool_field("passed", triplet.passed).close_object();
        }
        out.close_array()
            .key("greeting_notice")
            .strings(&self.greeting_notice);
        out.close_object();
    }

    /// A world from parsed JSON, not yet validated ([`World::validate`]): missing fields
    /// are the reference world's, unknown ones are errors.
    pub fn from_value(value: &Value, path: &str) -> Result<World> {
        let map = json::object(value, path, WORLD_FIELDS, true)?;
        let mut world = World::default();
        for (key, value) in map {
            let path = &at(path, key);
            match key.as_str() {
                "profile" => world.profile = read_profile(value, path)?,
                "hostname" => world.hostname = json::string(value, path)?,
                "origin" => world.origin = json::string(value, path)?,
                "local_domains" => world.local_domains = json::strings(value, path)?,
                "address" => world.address = json::string(value, path)?,
                "users" => world.users = json::list(value, path, read_user)?,
                "aliases" => world.aliases = json::list(value, path, read_alias)?,
                "limits" => world.limits = read_limits(value, path)?,
                "policy" => world.policy = read_policy(value, path)?,
                "rules" => world.rules = json::list(value, path, Rule::from_value)?,
                "greylist" => world.greylist = json::list(value, path, read_triplet)?,
                _ => world.greeting_notice = json::strings(value, path)?,
            }
        }
        Ok(world)
    }
}

fn write_user(user: &User, out: &mut Writer) {
    out.open_object().string_field("name", &user.name);
    out.optional_string_field("password", user.password.as_deref());
    out.key("mailbox").open_array();
    for message in &user.mailbox {
        out.open_object().string_field("queue_id", &message.queue_id);
        out.string_field("mail_from", &message.mail_from);
        out.key("rcpt_to").strings(&message.rcpt_to);
        out.u64_field("received_at", message.received_at);
        out.string_field("source", &message.source).close_object();
    }
    out.close_array().close_object();
}

fn read_user(value: &Value, path: &str) -> Result<User> {
    let map = json::object(value, path, &["name", "password", "mailbox"], true)?;
    Ok(User {
        name: json::string(json::required(map, path, "name")?, &at(path, "name"))?,
        password: json::optional(map, path, "password", json::string)?,
        mailbox: match map.get("mailbox") {
            Some(value) => json::list(value, &at(path, "mailbox"), read_message)?,
            None => Vec::new(),
        },
    })
}

/// A delivered message (its type takes unknown fields, as its derive did).
fn read_message(value: &Value, path: &str) -> Result<Arc<Message>> {
    let map = json::object(value, path, &[], false)?;
    let field = |key: &str| json::required(map, path, key).map(|v| (v, at(path, key)));
    let text = |key: &str| field(key).and_then(|(v, p)| json::string(v, &p));
    let (rcpt_to, rcpt_path) = field("rcpt_to")?;
    let (received_at, received_path) = field("received_at")?;
    Ok(Arc::new(Message {
        queue_id: text("queue_id")?,
        mail_from: text("mail_from")?,
        rcpt_to: json::strings(rcpt_to, &rcpt_path)?,
        received_at: json::u64(received_at, &received_path)?,
        source: text("source")?,
    }))
}

fn read_alias(value: &Value, path: &str) -> Result<Alias> {
    let map = json::object(value, path, &["name", "members"], true)?;
    Ok(Alias {
        name: json::string(json::required(map, path, "name")?, &at(path, "name"))?,
        members: json::strings(json::required(map, path, "members")?, &at(path, "members"))?,
    })
}

fn write_limits(limits: &Limits, out: &mut Writer) {
    out.open_object();
    out.u64_field("message_size", limits.message_size);
    out.u64_field("recipients", limits.recipients as u64);
    out.u64_field("soft_errors", limits.soft_errors.into());
    out.u64_field("hard_errors", limits.hard_errors.into());
    out.u64_field("error_delay_ms", limits.error_delay_ms);
    out.u64_field("idle_timeout_secs", limits.idle_timeout_secs);
    out.u64_field("line_length", limits.line_length as u64);
    out.u64_field("junk_commands", limits.junk_commands.into());
    out.u64_field("client_connections", limits.client_connections.into());
    out.close_object();
}

fn read_limits(value: &Value, path: &str) -> Result<Limits> {
    const FIELDS: &[&str] = &[
        "message_size",
        "recipients",
        "soft_errors",
        "hard_errors",
        "error_delay_ms",
        "idle_timeout_secs",
        "line_length",
        "junk_commands",
        "client_connections",
    ];
    let map = json::object(value, path, FIELDS, true)?;
    let mut limits = Limits::default();
    for (key, value) in map {
        let path = &at(path, key);
        match key.as_str() {
            "message_size" => limits.message_size = json::u64(value, path)?,
            "recipients" => limits.recipients = json::unsigned(value, path, "usize")?,
            "soft_errors" => limits.soft_errors = json::unsigned(value, path, "u32")?,
            "hard_errors" => limits.hard_errors = json::unsigned(value, path, "u32")?,
            "error_delay_ms" => limits.error_delay_ms = json::u64(value, path)?,
            "idle_timeout_secs" => limits.idle_timeout_secs = json::u64(value, path)?,
            "line_length" => limits.line_length = json::unsigned(value, path, "usize")?,
            "junk_commands" => limits.junk_commands = json::unsigned(value, path, "u32")?,
            _ => limits.client_connections = json::unsigned(value, path, "u32")?,
        }
    }
    Ok(limits)
}

fn write_policy(policy: &Policy, out: &mut Writer) {
    out.open_object();
    out.bool_field("helo_required", policy.helo_required);
    out.bool_field("vrfy_enabled", policy.vrfy_enabled);
    out.bool_field("starttls", policy.starttls);
    out.bool_field("auth_only_after_tls", policy.auth_only_after_tls);
    out.bool_field("auth_enabled", policy.auth_enabled);
    out.bool_field("relay_when_authenticated", policy.relay_when_authenticated);
    out.key("greylisting");
    match policy.greylisting {
        Some(seconds) => out.u64(seconds),
        None => out.null(),
    };
    out.bool_field("tls_required", policy.tls_required);
    out.bool_field("auth_required", policy.auth_required);
    out.bool_field("pipelining", policy.pipelining);
    out.bool_field("chunking", policy.chunking);
    out.bool_field("smtputf8", policy.smtputf8);
    out.close_object();
}

fn read_policy(value: &Value, path: &str) -> Result<Policy> {
    const FIELDS: &[&str] = &[
        "helo_required",
        "vrfy_enabled",
        "starttls",
        "auth_only_after_tls",
        "auth_enabled",
        "relay_when_authenticated",
        "greylisting",
        "tls_required",
        "auth_required",
        "pipelining",
        "chunking",
        "smtputf8",
    ];
    let map = json::object(value, path, FIELDS, true)?;
    let mut policy = Policy {
        greylisting: json::optional(map, path, "greylisting", json::u64)?,
        ..Policy::default()
    };
    for (key, value) in map {
        let path = &at(path, key);
        let flag = match key.as_str() {
            "helo_required" => &mut policy.helo_required,
            "vrfy_enabled" => &mut policy.vrfy_enabled,
            "starttls" => &mut policy.starttls,
            "auth_only_after_tls" => &mut policy.auth_only_after_tls,
            "auth_enabled" => &mut policy.auth_enabled,
            "relay_when_authenticated" => &mut policy.relay_when_authenticated,
            "tls_required" => &mut policy.tls_required,
            "auth_required" => &mut policy.auth_required,
            "pipelining" => &mut policy.pipelining,
            "chunking" => &mut policy.chunking,
            "smtputf8" => &mut policy.smtputf8,
            _ => continue,
        };
        *flag = json::boolean(value, path)?;
    }
    Ok(policy)
}

fn read_profile(value: &Value, path: &str) -> Result<Profile> {
    let names: Vec<(Profile, &str)> = Profile::ALL.iter().map(|p| (*p, p.name())).collect();
    json::named(value, path, &names)
}

fn read_triplet(value: &Value, path: &str) -> Result<Triplet> {
    let map = json::object(
        value,
        path,
        &["sender", "recipient", "first_seen", "passed"],
        true,
    )?;
    let field = |key: &str| json::required(map, path, key).map(|v| (v, at(path, key)));
    let (sender, sender_path) = field("sender")?;
    let (recipient, recipient_path) = field("recipient")?;
    let (first_seen, first_seen_path) = field("first_seen")?;
    Ok(Triplet {
        sender: json::string(sender, &sender_path)?,
        recipient: json::string(recipient, &recipient_path)?,
        first_seen: json::u64(first_seen, &first_seen_path)?,
        passed: match map.get("passed") {
            Some(value) => json::boolean(value, &at(path, "passed"))?,
            None => false,
        },
    })
}

impl Rule {
    pub fn write_json(&self, out: &mut Writer) {
        out.open_object().key("verb");
        match self.verb {
            Some(verb) => out.string(json::name_of(&verb, VERBS)),
            None => out.null(),
        };
        out.optional_string_field("address", self.address.as_deref());
        out.key("nth");
        match self.nth {
            Some(nth) => out.u64(nth.into()),
            None => out.null(),
        };
        out.key("percent");
        match self.percent {
            Some(percent) => out.u64(percent.into()),
            None => out.null(),
        };
        out.key("then");
        match &self.then {
            Effect::Reply { code, enhanced, text } => {
                out.open_object().key("reply").open_object();
                out.u64_field("code", (*code).into()).key("enhanced");
                match enhanced {
                    Some(code) => write_enhanced(*code, out),
                    None => out.null(),
                };
                out.string_field("text", text).close_object().close_object();
            }
            Effect::Delay { ms } => {
                out.open_object().key("delay").open_object();
                out.u64_field("ms", *ms).close_object().close_object();
            }
            Effect::Disconnect => {
                out.string("disconnect");
            }
        }
        out.close_object();
    }

    /// A rule from parsed JSON, not yet validated ([`Rule::validate`]).
    pub fn from_value(value: &Value, path: &str) -> Result<Rule> {
        let map = json::object(value, path, &["verb", "address", "nth", "percent", "then"], true)?;
        Ok(Rule {
            verb: json::optional(map, path, "verb", |v, p| json::named(v, p, VERBS))?,
            address: json::optional(map, path, "address", json::string)?,
            nth: json::optional(map, path, "nth", |v, p| json::unsigned(v, p, "u32"))?,
            percent: json::optional(map, path, "percent", |v, p| json::unsigned(v, p, "u8"))?,
            then: read_effect(json::required(map, path, "then")?, &at(path, "then"))?,
        })
    }
}

fn read_effect(value: &Value, path: &str) -> Result<Effect> {
    let (name, content) = json::variant(value, path)?;
    match name {
        "reply" => {
            let content = json::content(content, path, name)?;
            let map = json::object(content, path, &["code", "enhanced", "text"], true)?;
            let code = json::required(map, path, "code")?;
            let text = json::required(map, path, "text")?;
            Ok(Effect::Reply {
                code: json::unsigned(code, &at(path, "code"), "u16")?,
                enhanced: json::optional(map, path, "enhanced", read_enhanced)?,
                text: json::string(text, &at(path, "text"))?,
            })
        }
        "delay" => {
            let content = json::content(content, path, name)?;
            let map = json::object(content, path, &["ms"], true)?;
            let ms = json::required(map, path, "ms")?;
            Ok(Effect::Delay {
                ms: json::u64(ms, &at(path, "ms"))?,
            })
        }
        "disconnect" => json::unit(content, path).map(|()| Effect::Disconnect),
        other => json::unknown_variant(path, other, &["reply", "delay", "disconnect"]),
    }
}

/// `[class, subject, detail]`, as serde writes a tuple struct.
pub(crate) fn write_enhanced(code: EnhancedCode, out: &mut Writer) -> &mut Writer {
    let EnhancedCode(class, subject, detail) = code;
    out.open_array()
        .u64(class.into())
        .u64(subject.into())
        .u64(detail.into());
    out.close_array()
}

fn read_enhanced(value: &Value, path: &str) -> Result<EnhancedCode> {
    let items = json::tuple(value, path, 3)?;
    Ok(EnhancedCode(
        json::unsigned(&items[0], &json::index(path, 0), "u8")?,
        json::unsigned(&items[1], &json::index(path, 1), "u16")?,
        json::unsigned(&items[2], &json::index(path, 2), "u16")?,
    ))
}
