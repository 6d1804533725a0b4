//! Exim's address parser (parse.c's `parse_extract_address` and the readers it calls), as
//! Debian's Exim 4.96 runs it for MAIL, RCPT and VRFY: RFC 822 mailboxes with comments, a
//! phrase before `<route-addr>`, source routes (read and dropped), quoted local parts;
//! no domain literals, no trailing dot, no extra angle brackets, ASCII domains. Its error
//! texts are the replies Exim sends.

/// An address as Exim extracted it: without brackets, comments or route.
#[derive(Debug, PartialEq, Eq)]
pub struct Extracted {
    pub address: String,
    pub has_domain: bool,
}

/// RFC 2821's limit that parse.c enforces (`ADDRESS_MAXLENGTH`).
const ADDRESS_MAXLENGTH: usize = 255;

/// `parse_extract_address(mailbox, …, allow_null)`: the address, or what is wrong.
pub fn extract(mailbox: &str, allow_null: bool) -> Result<Extracted, String> {
    Parser {
        s: mailbox.as_bytes(),
        pos: 0,
        last_comment: 0,
    }
    .mailbox(allow_null)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    /// Where the last `skip_comment` began (parse.c's `last_comment_position`).
    last_comment: usize,
}

/// C's `isspace`.
fn space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `mac_iscntrl_or_special`: what ends an atom (a NUL, the end, too).
fn special(c: u8) -> bool {
    c < 32 || b" ()<>@,;:\\\".[]\x7f".contains(&c)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Parser<'_> {
    /// The octet at `i`; 0 past the end, as in the C string.
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    fn here(&self) -> u8 {
        self.at(self.pos)
    }

    fn skip_comment(&mut self) {
        self.last_comment = self.pos;
        while self.here() != 0 {
            while space(self.here()) {
                self.pos += 1;
            }
            if self.here() != b'(' {
                break;
            }
            let mut level = 1;
            loop {
                self.pos += 1;
                match self.here() {
                    0 => break,
                    b'(' => level += 1,
                    b')' => {
                        level -= 1;
                        if level <= 0 {
                            self.pos += 1;
                            break;
                        }
                    }
                    b'\\' if self.at(self.pos + 1) != 0 => self.pos += 1,
                    _ => {}
                }
            }
        }
    }

    /// A dot-separated sequence of quoted strings and atoms, into `t`.
    fn local_part(&mut self, t: &mut Vec<u8>, allow_null: bool) -> Result<(), String> {
        let start = t.len();
        loop {
            let word = t.len();
            self.skip_comment();
            if self.here() == b'"' {
                t.push(b'"');
                loop {
                    self.pos += 1;
                    let c = self.here();
                    if c == 0 || c == b'"' {
                        break;
                    }
                    t.push(c);
                    if c == b'\\' && self.at(self.pos + 1) != 0 {
                        self.pos += 1;
                        t.push(self.here());
                    }
                }
                if self.here() != b'"' {
                    return Err("unmatched doublequote in local part".into());
                }
                self.pos += 1;
                t.push(b'"');
            } else {
                while !special(self.here()) || self.here() == b'\\' {
                    let c = self.here();
                    t.push(c);
                    self.pos += 1;
                    if c == b'\\' && self.here() != 0 {
                        t.push(self.here());
                        self.pos += 1;
                    }
                }
            }
            self.skip_comment();
            if t.len() == word && self.here() != b'.' {
                if t.len() == start && !allow_null {
                    return Err("missing or malformed local part".into());
                }
                return Ok(());
            }
            if self.here() != b'.' {
                return Ok(());
            }
            while self.here() == b'.' {
                t.push(b'.');
                self.pos += 1;
            }
        }
    }

    /// Dot-separated components of letters, digits and hyphens, into `t`.
    fn domain(&mut self, t: &mut Vec<u8>) -> Result<(), String> {
        self.skip_comment();
        if self.here() == b'[' {
            // allow_domain_literals is false: read it, then refuse it.
            self.pos += 1;
            while matches!(self.here(), b'.' | b':') || self.here().is_ascii_hexdigit() {
                self.pos += 1;
            }
            if self.here() == b']' {
                self.pos += 1;
            }
            self.skip_comment();
            return Err("domain literals not allowed".into());
        }
        loop {
            let component = t.len();
            if self.here() != b'-' {
                while self.here().is_ascii_alphanumeric() || self.here() == b'-' {
                    t.push(self.here());
                    self.pos += 1;
                }
            }
            self.skip_comment();
            if t.len() == component {
                return Err("domain missing or malformed".into());
            }
            if self.here() != b'.' {
                return Ok(());
            }
            t.push(b'.');
            self.pos += 1;
            self.skip_comment();
        }
    }

    /// `@domain,@domain:` before a route-addr: read, and thrown away.
    fn route(&mut self) -> Result<(), String> {
        let mut commas = false;
        while self.here() == b'@' {
            self.pos += 1;
            self.domain(&mut Vec::new())?;
            if self.here() != b',' {
                break;
            }
            self.pos += 1;
            commas = true;
            self.skip_comment();
        }
        if self.here() != b':' {
            return Err(match commas {
                true => "colon expected after route list".into(),
                false => "no local part".into(),
            });
        }
        self.pos += 1;
        self.skip_comment();
        Ok(())
    }

    /// `local-part[@domain]` up to `term` (0: the end); whether it had a domain.
    fn addr_spec(&mut self, t: &mut Vec<u8>, term: u8) -> Result<bool, String> {
        self.local_part(t, false)?;
        if self.here() == term {
            return Ok(false);
        }
        if self.here() != b'@' {
            return Err(format!("\"@\" or \".\" expected after \"{}\"", text(t)));
        }
        t.push(b'@');
        self.pos += 1;
        self.domain(t)?;
        Ok(true)
    }

    fn mailbox(&mut self, allow_null: bool) -> Result<Extracted, String> {
        self.skip_comment();
        let mut start = self.pos;
        let mut t = Vec::new();
        self.local_part(&mut t, true)?;
        let end;
        let mut has_domain = false;
        if self.here() != b'@' && self.here() != b'<' {
            if self.here() == 0 || self.here() == b';' {
                if t.is_empty() {
                    return Err("empty address".into());
                }
                return self.succeeded(t, false, start, self.last_comment);
            }
            // A phrase before `<route-addr>`.
            while self.here() != b'<' {
                self.local_part(&mut Vec::new(), false)
                    .map_err(|e| format!("{e} (expected word or \"<\")"))?;
            }
        }
        if self.here() == b'<' {
            self.pos += 1;
            start = self.pos;
            self.skip_comment();
            t.clear();
            let routed = self.here() == b'@';
            if routed {
                self.route()?;
            }
            if !(allow_null && !routed && self.here() == b'>') {
                has_domain = self.addr_spec(&mut t, b'>')?;
                if routed && !has_domain {
                    return Err("domain missing in source-routed address".into());
                }
            }
            end = self.pos;
            let c = self.here();
            self.pos += 1;
            if c != b'>' {
                return Err(match c {
                    0 => "'>' missing at end of address".into(),
                    _ => self.may_not_follow(self.pos - 1),
                });
            }
            self.skip_comment();
        } else if t.is_empty() {
            // `@route:local@domain` without brackets.
            self.route()?;
            has_domain = self.addr_spec(&mut t, 0)?;
            end = self.last_comment;
            if !has_domain {
                return Err("domain missing in source-routed address".into());
            }
        } else {
            t.push(b'@');
            self.pos += 1;
            self.domain(&mut t)?;
            has_domain = true;
            end = self.last_comment;
        }
        self.succeeded(t, has_domain, start, end)
    }

    fn may_not_follow(&self, at: usize) -> String {
        let rest: String = text(&self.s[at.min(self.s.len())..]).chars().take(32).collect();
        let before = text(&self.s[..at.min(self.s.len())]);
        format!("malformed address: {rest} may not follow {before}")
    }

    fn succeeded(&self, t: Vec<u8>, has_domain: bool, start: usize, end: usize) -> Result<Extracted, String> {
        if self.here() != 0 {
            return Err(self.may_not_follow(self.pos));
        }
        let mut end = end.min(self.s.len());
        while end > 0 && space(self.s[end - 1]) {
            end -= 1;
        }
        let address = text(&t);
        if end.saturating_sub(start) > ADDRESS_MAXLENGTH {
            let shown: String = address.chars().take(64).collect();
            return Err(format!("address is ridiculously long: {shown}..."));
        }
        Ok(Extracted { address, has_domain })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_exims_own() {
        let cases = [
            ("<a b@example.org>", "\"@\" or \".\" expected after \"a\""),
            ("<<a@example.org>>", "missing or malformed local part"),
            ("<alice", "\"@\" or \".\" expected after \"alice\""),
            (
                "alice bob",
                "missing or malformed local part (expected word or \"<\")",
            ),
            ("", "empty address"),
            ("<alice@>", "domain missing or malformed"),
            ("<sender@[192.0.2.1]>", "domain literals not allowed"),
            ("<sender@example.org.>", "domain missing or malformed"),
            ("<a@b c>", "malformed address: c> may not follow <a@b "),
            ("<a@b> x", "malformed address: x may not follow <a@b> "),
            ("<@route:>", "missing or malformed local part"),
        ];
        for (mailbox, error) in cases {
            assert_eq!(extract(mailbox, true), Err(error.to_string()), "{mailbox}");
        }
        assert_eq!(
            extract("<>", false),
            Err("missing or malformed local part".into())
        );
    }

    #[test]
    fn addresses_come_out_bare() {
        let ok = |address: &str, has_domain| {
            Ok(Extracted {
                address: address.into(),
                has_domain,
            })
        };
        assert_eq!(
            extract("<alice@example.com>", false),
            ok("alice@example.com", true)
        );
        assert_eq!(
            extract("Alice (x) <alice@example.com>", false),
            ok("alice@example.com", true)
        );
        assert_eq!(
            extract("<@a.example,@b.example:bob@example.com>", false),
            ok("bob@example.com", true)
        );
        assert_eq!(extract("postmaster", false), ok("postmaster", false));
        assert_eq!(
            extract("<\"a b\"@example.com>", false),
            ok("\"a b\"@example.com", true)
        );
        assert_eq!(extract("<>", true), ok("", false));
        let long = format!("<{}@example.org>", "a".repeat(300));
        assert!(extract(&long, true)
            .unwrap_err()
            .starts_with("address is ridiculously long: aaaa"));
    }

    #[test]
    fn any_input_gets_an_answer_without_panic() {
        let alphabet = b"a1-@<>().\\\" ,:;[]\x00\xc3\xa9\t";
        let mut state = 7u64;
        for _ in 0..20_000 {
            let len = (state >> 59) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            let mailbox = String::from_utf8_lossy(&bytes);
            let _ = (extract(&mailbox, true), extract(&mailbox, false));
        }
    }
}
