//! The world a session runs in: plain data, serialised as JSON.
//!
//! A world names the server (host name, local domains), its users with their passwords
//! and mailboxes, aliases, limits and policies, and the profile whose replies it speaks.
//! [`World::reference`] is the reference world of `shared/postfix-lab`: the Postfix 3.7
//! installation every golden transcript was recorded from.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::command::Offered;
use crate::delivery::Message;

mod json;

/// Everything a session needs to know about its server. Plain data; see the module docs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct World {
    /// Which real server the replies imitate.
    pub profile: Profile,
    /// `myhostname`: the greeting, EHLO and Received headers use it.
    pub hostname: String,
    /// `myorigin`: the domain appended to bare user names.
    pub origin: String,
    /// `mydestination`: mail for these domains is delivered here.
    pub local_domains: Vec<String>,
    /// The server's own address; `user@[address]` is local too.
    pub address: String,
    pub users: Vec<User>,
    pub aliases: Vec<Alias>,
    pub limits: Limits,
    pub policy: Policy,
    /// Failure rules: commands they match get another answer ([`crate::rules`]).
    pub rules: Vec<Rule>,
    /// The greylisting database: who tried to send to whom, and when first.
    pub greylist: Vec<Triplet>,
    /// Lines the greeting carries after the server's own first line, making it a
    /// multi-line `220-` reply: an administrator's notice, as Exim's `smtp_banner` with
    /// `\n` gives it (cPanel's "We do not authorize the use of this system…"). Only
    /// profiles whose server can say it take one: Postfix 3.7 sends a `\n` in
    /// `smtpd_banner` as the two characters (recorded), and Gmail's and Microsoft's
    /// greetings are not configurable.
    pub greeting_notice: Vec<String>,
}

pub use crate::rules::{Effect, Rule, RuleProblem, Triplet};

/// A local account: it receives mail and, with a password, may log in with AUTH.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: String,
    /// No password: the user receives mail but cannot authenticate.
    #[serde(default)]
    pub password: Option<String>,
    /// Shared with the [`crate::Output::Delivered`] that brought each message.
    #[serde(default)]
    pub mailbox: Vec<Arc<Message>>,
}

/// `/etc/aliases`: mail for `name` goes to each of `members` (a mailing list when several).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// `message_size_limit`, advertised as `SIZE`.
    pub message_size: u64,
    /// `smtpd_recipient_limit`.
    pub recipients: usize,
    /// `smtpd_soft_error_limit`: from this many errors on, every reply is delayed.
    pub soft_errors: u32,
    /// `smtpd_hard_error_limit`: at this many errors the server hangs up.
    pub hard_errors: u32,
    /// `smtpd_error_sleep_time`, in milliseconds.
    pub error_delay_ms: u64,
    /// `smtpd_timeout`, in seconds.
    pub idle_timeout_secs: u64,
    /// `line_length_limit`: longer command lines are cut here.
    pub line_length: usize,
    /// `smtpd_junk_command_limit`: past this many HELO/EHLO/RSET/NOOP/VRFY/ETRN, each
    /// one counts as an error too.
    pub junk_commands: u32,
    /// `smtpd_client_connection_count_limit`: connections one client address may have
    /// open at once (anvil); past it the server answers 421 instead of its greeting. The
    /// lab's `mynetworks` is empty, so loopback is not exempt. 0: no limit.
    pub client_connections: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// `smtpd_helo_required`.
    pub helo_required: bool,
    /// The inverse of `disable_vrfy_command`.
    pub vrfy_enabled: bool,
    /// Offer STARTTLS (`smtpd_tls_security_level = may`).
    pub starttls: bool,
    /// `smtpd_tls_auth_only`: AUTH only inside TLS.
    pub auth_only_after_tls: bool,
    /// `smtpd_sasl_auth_enable`.
    pub auth_enabled: bool,
    /// Relay for authenticated clients (`permit_sasl_authenticated`).
    pub relay_when_authenticated: bool,
    /// Greylist recipients (Debian's postgrey as a policy service) for this many seconds;
    /// `None`: no greylisting.
    #[serde(default)]
    pub greylisting: Option<u64>,
    /// `smtpd_tls_security_level = encrypt`: MAIL, RCPT, DATA, BDAT, AUTH, VRFY and ETRN
    /// are refused until STARTTLS (Gmail's submission port does the same).
    #[serde(default)]
    pub tls_required: bool,
    /// A submission server: only an authenticated client may send (`smtpd_sender_restrictions
    /// = permit_sasl_authenticated, reject` in Postfix; Gmail and Microsoft 365 on 587).
    #[serde(default)]
    pub auth_required: bool,
    /// Advertise PIPELINING. `false` is Postfix's `smtpd_discard_ehlo_keywords =
    /// pipelining`: the keyword is gone from EHLO, and Postfix still answers pipelined
    /// commands in order (recorded: `golden/no-extensions-pipelined.smtp`).
    pub pipelining: bool,
    /// Advertise CHUNKING and take BDAT. `false` (`smtpd_discard_ehlo_keywords =
    /// chunking`): BDAT is refused before its arguments are read, and Postfix hangs up
    /// (`521 5.5.1`, recorded).
    pub chunking: bool,
    /// Advertise SMTPUTF8 and take it as a MAIL and VRFY parameter. `false`
    /// (`smtpd_discard_ehlo_keywords = smtputf8`): the parameter is an unknown option;
    /// UTF-8 addresses without it are taken all the same (recorded).
    pub smtputf8: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Profile {
    /// Postfix 3.7.11 as Debian 12 ships it.
    #[default]
    Postfix,
    /// Exim 4.96 as Debian 12 ships it (`exim4-daemon-light`).
    Exim,
    /// smtp.gmail.com, port 587: texts from public transcripts (`docs/profiles.md`).
    Gmail,
    /// smtp.office365.com (Exchange Online), port 587: texts from public transcripts.
    Microsoft365,
}

/// The most lines a greeting notice may have.
pub const MAX_NOTICE_LINES: usize = 10;

impl Profile {
    /// Can an administrator add lines to this server's greeting ([`World::greeting_notice`])?
    pub fn has_greeting_notice(self) -> bool {
        self == Profile::Exim
    }

    /// Every profile, in the order they are offered.
    pub const ALL: &'static [Profile] = &[
        Profile::Postfix,
        Profile::Exim,
        Profile::Gmail,
        Profile::Microsoft365,
    ];

    /// The name in worlds, URLs and messages (`postfix`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Postfix => "postfix",
            Profile::Exim => "exim",
            Profile::Gmail => "gmail",
            Profile::Microsoft365 => "microsoft365",
        }
    }

    /// What the learner sees: the server and the installation it imitates.
    pub fn title(self) -> &'static str {
        match self {
            Profile::Postfix => "Postfix 3.7 (Debian 12)",
            Profile::Exim => "Exim 4.96 (Debian 12)",
            Profile::Gmail => "Gmail (smtp.gmail.com:587)",
            Profile::Microsoft365 => "Microsoft 365 (smtp.office365.com:587)",
        }
    }

    /// The port a client reaches this server on: a mail exchanger's 25, or the
    /// submission port 587 (RFC 6409) of Gmail and Microsoft 365.
    pub fn port(self) -> u16 {
        match self {
            Profile::Postfix | Profile::Exim => 25,
            Profile::Gmail | Profile::Microsoft365 => 587,
        }
    }

    /// Where the profile's texts come from: the message id of a sentence for the learner.
    pub fn provenance(self) -> &'static str {
        match self {
            Profile::Postfix | Profile::Exim => "provenance-recorded",
            Profile::Gmail | Profile::Microsoft365 => "provenance-transcripts",
        }
    }

    /// The profile of this name, as [`Profile::name`] gives it.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// The names of every profile, for messages: `postfix`.
    pub fn names() -> String {
        Profile::ALL
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Default for World {
    fn default() -> Self {
        World::reference()
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            message_size: 10_240_000,
            recipients: 100,
            soft_errors: 10,
            hard_errors: 20,
            error_delay_ms: 1000,
            idle_timeout_secs: 300,
            line_length: 2048,
            junk_commands: 100,
            client_connections: 50,
        }
    }
}

impl Limits {
    /// Postfix's stress mode (`-o stress=yes`, which master(8) gives the smtpd processes
    /// it starts while a service is at its process limit): the parameters whose defaults
    /// depend on `${stress}` in `mail_params.h` drop to their stress values. A world
    /// that is already stricter keeps its own value.
    pub fn under_stress(self) -> Limits {
        Limits {
            // smtpd_timeout = ${stress?{10}:{300}}s
            idle_timeout_secs: self.idle_timeout_secs.min(10),
            // smtpd_hard_error_limit = ${stress?{1}:{20}}
            hard_errors: self.hard_errors.min(1),
            // smtpd_junk_command_limit = ${stress?{1}:{100}}
            junk_commands: self.junk_commands.min(1),
            ..self
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            helo_required: false,
            vrfy_enabled: true,
            starttls: true,
            auth_only_after_tls: true,
            auth_enabled: true,
            relay_when_authenticated: true,
            greylisting: None,
            tls_required: false,
            auth_required: false,
            pipelining: true,
            chunking: true,
            smtputf8: true,
        }
    }
}

impl Policy {
    /// The offered extensions that change how a command line parses.
    pub fn offered(&self) -> Offered {
        Offered {
            chunking: self.chunking,
            smtputf8: self.smtputf8,
        }
    }

    /// Is this EHLO keyword (its first word: `SIZE 10240000` is `SIZE`) switched off?
    pub fn discards(&self, keyword: &str) -> bool {
        let name = keyword.split(' ').next().unwrap_or(keyword);
        let off = |on: bool, ext: &str| !on && name.eq_ignore_ascii_case(ext);
        off(self.pipelining, "PIPELINING") || off(self.chunking, "CHUNKING") || off(self.smtputf8, "SMTPUTF8")
    }
}

impl World {
    /// The reference world of `shared/postfix-lab/README.md`.
    pub fn reference() -> World {
        let user = |name: &str, password: Option<&str>| User {
            name: name.into(),
            password: password.map(Into::into),
            mailbox: Vec::new(),
        };
        World {
            profile: Profile::Postfix,
            hostname: "mail.example.com".into(),
            origin: "example.com".into(),
            local_domains: vec![
                "mail.example.com".into(),
                "example.com".into(),
                "localhost".into(),
            ],
            address: "127.0.0.1".into(),
            users: vec![
                user("alice", Some("s3cret")),
                user("bob", Some("hunter2")),
                user("root", None),
            ],
            aliases: vec![Alias {
                name: "postmaster".into(),
                members: vec!["root".into()],
            }],
            limits: Limits::default(),
            policy: Policy::default(),
            rules: Vec::new(),
            greylist: Vec::new(),
            greeting_notice: Vec::new(),
        }
    }

    /// The world a profile is met in: the reference world for Postfix; for a submission
    /// service its host name, size limit and policy (STARTTLS and AUTH before mail), with
    /// the reference users under the service's own domain.
    pub fn preset(profile: Profile) -> World {
        let mut world = World::reference();
        world.profile = profile;
        let (host, domain, size) = match profile {
            Profile::Postfix => return world,
            Profile::Exim => {
                // Debian's defaults (xtask/exim-lab): HELO first, 50 MB, no tarpit (its own limits).
                world.limits.message_size = 52_428_800;
                world.limits.recipients = 50_000;
                world.limits.soft_errors = u32::MAX;
                world.limits.hard_errors = u32::MAX;
                // smtp_in.c's SMTP_CMD_BUFFER_SIZE: no command line was cut in the recordings.
                world.limits.line_length = 16_384;
                world.policy.helo_required = true;
                return world;
            }
            // The EHLO lists of the public transcripts (docs/profiles.md).
            Profile::Gmail => ("smtp.gmail.com", "gmail.com", 35_882_577),
            Profile::Microsoft365 => ("SY5P282CA0097.outlook.office365.com", "outlook.com", 157_286_400),
        };
        world.hostname = host.into();
        world.origin = domain.into();
        world.local_domains = vec![domain.into()];
        world.limits.message_size = size;
        world.policy = Policy {
            // Gmail answers `503 5.5.1 EHLO/HELO first.`; Exchange "Send hello first".
            helo_required: true,
            vrfy_enabled: profile == Profile::Gmail,
            starttls: true,
            auth_only_after_tls: true,
            auth_enabled: true,
            relay_when_authenticated: true,
            greylisting: None,
            tls_required: profile == Profile::Gmail,
            auth_required: true,
            ..Policy::default()
        };
        world
    }

    /// This world spoken by another server: the profile's preset world, keeping this
    /// world's users (with their passwords and mailboxes), aliases and failure rules.
    pub fn switch_profile(&self, profile: Profile) -> World {
        World {
            users: self.users.clone(),
            aliases: self.aliases.clone(),
            rules: self.rules.clone(),
            ..World::preset(profile)
        }
    }

    /// Reads a world from JSON. Errors name the field and the position.
    pub fn from_json(text: &str) -> Result<World, WorldError> {
        let value = crate::json::parse(text).map_err(WorldError::Format)?;
        let world = World::from_value(&value, "").map_err(WorldError::Format)?;
        world.validate()?;
        Ok(world)
    }

    pub fn to_json(&self) -> String {
        crate::pretty_json(&self.to_compact_json())
    }

    /// Checks what the reader cannot: names that must be non-empty and unique, and limits.
    pub fn validate(&self) -> Result<(), WorldProblem> {
        if self.hostname.trim().is_empty() || self.hostname.contains(char::is_whitespace) {
            return Err(WorldProblem::HostName {
                name: self.hostname.clone(),
            });
        }
        for (index, user) in self.users.iter().enumerate() {
            let name = || user.name.clone();
            if user.name.is_empty() || user.name.contains(|c: char| c.is_whitespace() || c == '@') {
                return Err(WorldProblem::UserName { index, name: name() });
            }
            if self.users[..index]
                .iter()
                .any(|u| u.name.eq_ignore_ascii_case(&user.name))
            {
                return Err(WorldProblem::UserTwice { index, name: name() });
            }
        }
        if let Some((index, alias)) = self
            .aliases
            .iter()
            .enumerate()
            .find(|(_, a)| a.members.is_empty())
        {
            return Err(WorldProblem::AliasEmpty {
                index,
                name: alias.name.clone(),
            });
        }
        if self.limits.recipients == 0 {
            return Err(WorldProblem::NoRecipients);
        }
        if !LINE_LENGTH.contains(&self.limits.line_length) {
            return Err(WorldProblem::LineLength);
        }
        if self.rules.len() > crate::rules::MAX_RULES {
            return Err(WorldProblem::TooManyRules);
        }
        if self.policy.greylisting.is_some_and(|secs| secs > MAX_GREYLISTING) {
            return Err(WorldProblem::GreylistingTooLong);
        }
        if !self.greeting_notice.is_empty() && !self.profile.has_greeting_notice() {
            return Err(WorldProblem::NoticeUnsupported {
                profile: self.profile,
            });
        }
        if self.greeting_notice.len() > MAX_NOTICE_LINES {
            return Err(WorldProblem::NoticeTooManyLines);
        }
        for (index, line) in self.greeting_notice.iter().enumerate() {
            if line.len() > MAX_NOTICE_LINE || line.contains(|c: char| c.is_control()) {
                return Err(WorldProblem::NoticeLine { index });
            }
        }
        for (index, rule) in self.rules.iter().enumerate() {
            rule.validate()
                .map_err(|problem| WorldProblem::Rule { index, problem })?;
        }
        Ok(())
    }

    /// Is `domain` one of ours (`mydestination`, or our address literal)?
    pub fn is_local_domain(&self, domain: &str) -> bool {
        let domain = domain.trim_end_matches('.');
        if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
            return literal == self.address
                || literal.eq_ignore_ascii_case(&format!("IPv4:{}", self.address));
        }
        self.local_domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
    }

    /// The mailboxes a local name delivers to: a user, or an alias expanded once.
    pub fn resolve_local(&self, name: &str) -> Option<Vec<String>> {
        if let Some(user) = self.user(name) {
            return Some(vec![user.name.clone()]);
        }
        let alias = self.aliases.iter().find(|a| a.name.eq_ignore_ascii_case(name))?;
        let members = alias
            .members
            .iter()
            .filter_map(|m| self.user(m))
            .map(|u| u.name.clone())
            .collect();
        Some(members)
    }

    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name.eq_ignore_ascii_case(name))
    }

    pub(crate) fn user_mut(&mut self, name: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.name.eq_ignore_ascii_case(name))
    }

    /// The password of a user who may authenticate.
    pub fn password(&self, name: &str) -> Option<&str> {
        self.users.iter().find(|u| u.name == name)?.password.as_deref()
    }
}

/// A world file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    /// Not a world: the reader's message, which names the field (in English).
    Format(String),
    /// A world, but not one the engine runs.
    Invalid(WorldProblem),
}

impl From<WorldProblem> for WorldError {
    fn from(problem: WorldProblem) -> Self {
        WorldError::Invalid(problem)
    }
}

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorldError::Format(why) => write!(f, "bad world: {why}"),
            WorldError::Invalid(problem) => write!(f, "bad world: {problem}"),
        }
    }
}

/// The line lengths a world may set (`limits.line_length`).
pub const LINE_LENGTH: std::ops::RangeInclusive<usize> = 64..=16_384;
/// The longest greylisting delay, in seconds (35 days).
pub const MAX_GREYLISTING: u64 = 86_400 * 35;
/// The longest line of a greeting notice.
pub const MAX_NOTICE_LINE: usize = 500;

/// Why a world cannot be run: a fact the UI says in the learner's language. Each names
/// its field ([`WorldProblem::field`]); `Display` says it in English, as the CLI and
/// lesson files do (`hostname: "a b" is not a host name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldProblem {
    HostName {
        name: String,
    },
    /// Empty, or with a space or an `@`.
    UserName {
        index: usize,
        name: String,
    },
    /// The same name (in any case) as an earlier user.
    UserTwice {
        index: usize,
        name: String,
    },
    AliasEmpty {
        index: usize,
        name: String,
    },
    /// `limits.recipients` is 0.
    NoRecipients,
    /// `limits.line_length` is outside [`LINE_LENGTH`].
    LineLength,
    /// More than [`crate::rules::MAX_RULES`] rules.
    TooManyRules,
    /// More than [`MAX_GREYLISTING`] seconds.
    GreylistingTooLong,
    /// A greeting notice for a profile whose server sends a one-line greeting.
    NoticeUnsupported {
        profile: Profile,
    },
    /// More than [`MAX_NOTICE_LINES`] lines.
    NoticeTooManyLines,
    /// A line longer than [`MAX_NOTICE_LINE`], or with a control character.
    NoticeLine {
        index: usize,
    },
    Rule {
        index: usize,
        problem: crate::rules::RuleProblem,
    },
}

impl WorldProblem {
    /// The field at fault, as the world's JSON names it (`users[2].name`).
    pub fn field(&self) -> String {
        match self {
            WorldProblem::HostName { .. } => "hostname".into(),
            WorldProblem::UserName { index, .. } | WorldProblem::UserTwice { index, .. } => {
                format!("users[{index}].name")
            }
            WorldProblem::AliasEmpty { index, .. } => format!("aliases[{index}].members"),
            WorldProblem::NoRecipients => "limits.recipients".into(),
            WorldProblem::LineLength => "limits.line_length".into(),
            WorldProblem::TooManyRules => "rules".into(),
            WorldProblem::GreylistingTooLong => "policy.greylisting".into(),
            WorldProblem::NoticeUnsupported { .. } | WorldProblem::NoticeTooManyLines => {
                "greeting_notice".into()
            }
            WorldProblem::NoticeLine { index } => format!("greeting_notice[{index}]"),
            WorldProblem::Rule { index, problem } => format!("rules[{index}].{}", problem.field()),
        }
    }
}

impl std::fmt::Display for WorldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let WorldProblem::Rule { index, problem } = self {
            return write!(f, "rules[{index}].{problem}");
        }
        write!(f, "{}: ", self.field())?;
        match self {
            WorldProblem::HostName { name } => write!(f, "{name:?} is not a host name"),
            WorldProblem::UserName { name, .. } => write!(f, "{name:?} is not a user name"),
            WorldProblem::UserTwice { name, .. } => write!(f, "{name:?} appears twice"),
            WorldProblem::AliasEmpty { name, .. } => write!(f, "{name:?} has no members"),
            WorldProblem::NoRecipients => write!(f, "must be at least 1"),
            WorldProblem::LineLength => {
                write!(f, "from {} to {}", LINE_LENGTH.start(), LINE_LENGTH.end())
            }
            WorldProblem::TooManyRules => write!(f, "at most {} rules", crate::rules::MAX_RULES),
            WorldProblem::GreylistingTooLong => {
                write!(f, "at most {MAX_GREYLISTING} seconds (35 days)")
            }
            WorldProblem::NoticeUnsupported { profile } => write!(
                f,
                "{} cannot send a multi-line greeting; only exim can",
                profile.title()
            ),
            WorldProblem::NoticeTooManyLines => write!(f, "at most {MAX_NOTICE_LINES} lines"),
            WorldProblem::NoticeLine { .. } => write!(
                f,
                "at most {MAX_NOTICE_LINE} characters, no line breaks or controls"
            ),
            WorldProblem::Rule { .. } => Ok(()),
        }
    }
}

impl std::error::Error for WorldProblem {}

impl std::error::Error for WorldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exim_takes_a_greeting_notice() {
        let notice = vec!["We do not authorize the use of this system to transport unsolicited,".to_string()];
        for profile in Profile::ALL {
            let world = World {
                greeting_notice: notice.clone(),
                ..World::preset(*profile)
            };
            let result = world.validate();
            assert_eq!(
                result.is_ok(),
                *profile == Profile::Exim,
                "{profile:?}: {result:?}"
            );
        }
        let mut exim = World::preset(Profile::Exim);
        exim.greeting_notice = vec!["two\r\nlines".into()];
        let problem = exim.validate().unwrap_err();
        assert_eq!(problem, WorldProblem::NoticeLine { index: 0 });
        assert!(problem.to_string().starts_with("greeting_notice[0]:"));
        exim.greeting_notice = vec!["x".into(); MAX_NOTICE_LINES + 1];
        assert!(exim.validate().is_err());
    }

    #[test]
    fn profile_names_are_their_serde_names() {
        for profile in Profile::ALL {
            let json = serde_json::to_string(profile).unwrap();
            assert_eq!(json, format!("\"{}\"", profile.name()));
            assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), *profile);
        }
        assert_eq!(Profile::names(), "postfix, exim, gmail, microsoft365");
        for profile in Profile::ALL {
            assert_eq!(Profile::from_name(profile.name()), Some(*profile));
            let world = World::preset(*profile);
            assert_eq!(world.profile, *profile);
            world.validate().unwrap();
            let mut mine = World::reference();
            mine.users[0].mailbox.push(Arc::new(crate::delivery::Message {
                queue_id: "4F3A2B1C0D".into(),
                mail_from: String::new(),
                rcpt_to: vec!["alice@example.com".into()],
                received_at: 0,
                source: "Subject: kept\r\n\r\n".into(),
            }));
            let switched = mine.switch_profile(*profile);
            assert_eq!((switched.profile, &switched.users), (*profile, &mine.users));
            assert_eq!(switched.hostname, world.hostname);
        }
    }
}
