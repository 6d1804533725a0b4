#!/usr/bin/env python3
"""The golden scenarios: client sides of SMTP sessions, in ../shared/postfix-lab/record.py's format.

`python3 scenarios.py > scenarios.json`, then record them against the real Postfix with
`record.py 127.0.0.1:25 scenarios.json recorded.json` and turn them into `.smtp` files with
`import.py` (xtask does all three: `cargo xtask record-golden`).
"""
import json

E = "EHLO client.example.org"
M = "MAIL FROM:<sender@example.org>"
R = "RCPT TO:<alice@example.com>"
TLS = [E, "STARTTLS", {"tls": True}, E]
PLAIN_ALICE = "AUTH PLAIN AGFsaWNlAHMzY3JldA=="  # \0alice\0s3cret

S = []
def sc(name, *steps):
    S.append({"name": name, "steps": list(steps)})

# --- greeting, HELO/EHLO, basics
sc("quit-at-once", "QUIT")
sc("ehlo", E, "QUIT")
sc("helo", "HELO client.example.org", "QUIT")
sc("helo-ehlo-without-argument", "HELO", "EHLO", "HELO   ", "QUIT")
sc("ehlo-several-words", "EHLO my client host", "HELO [192.0.2.1]", "QUIT")
sc("lowercase-verbs", "ehlo client.example.org", "mail from:<sender@example.org>", "rcpt to:<alice@example.com>", "rset", "quit")
sc("mixed-case-verbs", "EhLo client.example.org", "MaIl FrOm:<sender@example.org>", "RcPt To:<bob@example.com>", "QuIt")
sc("first-message", E, M, R, "DATA", {"data": ["Subject: hello", "", "Hi Alice."]}, "QUIT")
sc("two-transactions", E, M, R, "DATA", {"data": ["Subject: one", "", "First."]},
   "MAIL FROM:<other@example.org>", "RCPT TO:<bob@example.com>", "DATA", {"data": ["Subject: two", "", "Second."]}, "QUIT")
sc("mail-without-helo", M, R, "DATA", {"data": ["Subject: no helo", "", "Still fine."]}, "QUIT")
sc("helo-then-message", "HELO client.example.org", M, R, "DATA", {"data": ["Subject: helo", "", "x"]}, "QUIT")
# --- MAIL FROM forms and errors
sc("mail-space-after-colon", E, "MAIL FROM: <sender@example.org>", "RCPT TO: <alice@example.com>", "QUIT")
sc("mail-without-brackets", E, "MAIL FROM:sender@example.org", "RCPT TO:alice@example.com", "QUIT")
sc("null-sender", E, "MAIL FROM:<>", R, "DATA", {"data": ["Subject: bounce", "", "x"]}, "QUIT")
sc("mail-syntax-errors", E, "MAIL", "MAIL FROM", "MAIL TO:<a@example.org>", "MAIL FROM:", "MAIL FROM:<sender@example.org", "QUIT")
sc("mail-bad-addresses", E, "MAIL FROM:<a b@example.org>", "MAIL FROM:<<a@example.org>>", "MAIL FROM:<sender@example.org> <x>", "QUIT")
sc("nested-mail", E, M, "MAIL FROM:<other@example.org>", "QUIT")
sc("mail-quoted-local-part", E, 'MAIL FROM:<"john doe"@example.org>', 'RCPT TO:<"alice"@example.com>', "QUIT")
sc("mail-source-route", E, "MAIL FROM:<@relay.example.org:sender@example.org>", "RCPT TO:<@relay.example.org:alice@example.com>", "QUIT")
sc("mail-address-literal", E, "MAIL FROM:<sender@[192.0.2.1]>", "RCPT TO:<alice@[127.0.0.1]>", "RCPT TO:<postmaster@[127.0.0.1]>", "QUIT")
# --- RCPT TO
sc("rcpt-without-mail", E, R, "QUIT")
sc("rcpt-syntax-errors", E, M, "RCPT", "RCPT TO", "RCPT FROM:<alice@example.com>", "RCPT TO:<>", "RCPT TO:<alice@example.com", "QUIT")
sc("rcpt-unknown-user", E, M, "RCPT TO:<nosuchuser@example.com>", "RCPT TO:<bob@example.com>", "RCPT TO:<nosuchuser@mail.example.com>", "QUIT")
sc("rcpt-relay-denied", E, M, "RCPT TO:<someone@other.example>", "RCPT TO:<someone@sub.example.com>", "QUIT")
sc("rcpt-postmaster", E, M, "RCPT TO:<Postmaster>", "RCPT TO:<postmaster@example.com>", "RCPT TO:<POSTMASTER@EXAMPLE.COM>", "QUIT")
sc("rcpt-local-domains", E, M, "RCPT TO:<alice@mail.example.com>", "RCPT TO:<bob@localhost>", "RCPT TO:<Alice@Example.COM>", "RCPT TO:<root@example.com>", "QUIT")
sc("rcpt-bare-user", E, M, "RCPT TO:<alice>", "RCPT TO:<nosuchuser>", "QUIT")
sc("rcpt-duplicate", E, M, R, R, "DATA", {"data": ["Subject: dup", "", "x"]}, "QUIT")
sc("rcpt-some-rejected-then-data", E, M, "RCPT TO:<nosuchuser@example.com>", R, "DATA", {"data": ["Subject: partial", "", "x"]}, "QUIT")
# --- DATA
sc("data-without-mail", E, "DATA", "QUIT")
sc("data-without-rcpt", E, M, "DATA", "QUIT")
sc("data-all-rcpts-rejected", E, M, "RCPT TO:<nosuchuser@example.com>", "DATA", "QUIT")
sc("data-with-argument", E, M, R, "DATA now", "QUIT")
sc("data-dot-stuffing", E, M, R, "DATA", {"data": ["Subject: dots", "", ".hidden", "..two", ".", "x"]}, "QUIT")
sc("data-quit-inside-body", E, M, R, "DATA", {"data": ["Subject: quit", "", "QUIT", "RSET", "MAIL FROM:<x@y>"]}, "NOOP", "QUIT")
sc("data-empty-message", E, M, R, "DATA", {"data": []}, "QUIT")
sc("data-crlf-lone-dot", E, M, R, "DATA", {"raw": "Subject: raw\r\n\r\nbody\r\n.\r\n", "replies": 1}, "QUIT")
sc("data-bare-lf-lines", E, M, R, "DATA", {"raw": "Subject: lf\n\nline one\nline two\r\n.\r\n", "replies": 1}, "QUIT")
sc("data-bare-lf-end", E, M, R, "DATA", {"raw": "Subject: lf\n\nbody\n.\n", "replies": 1}, "QUIT")
sc("data-long-line", E, M, R, "DATA", {"data": ["Subject: long", "", "x" * 1500, "y" * 998]}, "QUIT")
sc("data-then-rset", E, M, R, "DATA", {"data": ["Subject: a", "", "a"]}, "RSET", "DATA", "QUIT")
sc("data-with-headers", E, M, R, "DATA", {"data": ["From: Sender <sender@example.org>", "To: Alice <alice@example.com>", "Subject: full headers", "Date: Mon, 1 Jan 2024 10:00:00 +0000", "Message-ID: <m1@example.org>", "", "Body."]}, "QUIT")
# --- RSET NOOP QUIT VRFY EXPN HELP ETRN
sc("rset", E, M, R, "RSET", R, "RSET now", "QUIT")
sc("noop", "NOOP", "NOOP with words", E, "NOOP", "QUIT")
sc("quit-with-argument", E, "QUIT now")
sc("vrfy", E, "VRFY alice", "VRFY nosuchuser", "VRFY <alice@example.com>", "VRFY bob@example.com", "VRFY someone@other.example", "QUIT")
sc("vrfy-syntax", "VRFY", "VRFY alice bob", "VRFY <alice", "QUIT")
sc("expn", E, "EXPN alice", "EXPN", "QUIT")
sc("help", "HELP", "HELP MAIL", "QUIT")
sc("etrn", "ETRN example.com", E, "ETRN", "ETRN example.com", "ETRN @example.com", M, "ETRN example.com", "QUIT")
sc("unknown-commands", E, "FOO", "XYZZY bar", "MAILFROM:<a@b>", "QUIT")
sc("empty-lines", "", E, "   ", "QUIT")
sc("header-line-as-command", E, "Subject: hello", "NOOP")
# --- MAIL/RCPT parameters
sc("size-parameter", E, "MAIL FROM:<sender@example.org> SIZE=1000", R, "RSET", "MAIL FROM:<sender@example.org> SIZE=10240000", "RSET",
   "MAIL FROM:<sender@example.org> SIZE=10240001", "MAIL FROM:<sender@example.org> SIZE=abc", "MAIL FROM:<sender@example.org> SIZE=",
   "MAIL FROM:<sender@example.org> SIZE=99999999999999999999999", "QUIT")
sc("body-parameter", E, "MAIL FROM:<sender@example.org> BODY=7BIT", "RSET", "MAIL FROM:<sender@example.org> BODY=8BITMIME", "RSET",
   "MAIL FROM:<sender@example.org> BODY=BINARYMIME", "MAIL FROM:<sender@example.org> BODY=foo", "MAIL FROM:<sender@example.org> body=8bitmime", "QUIT")
sc("smtputf8", E, "MAIL FROM:<jörg@example.org> SMTPUTF8", "RCPT TO:<alice@example.com>", "RCPT TO:<ülrich@example.com>", "RSET",
   "MAIL FROM:<jörg@example.org>", "RCPT TO:<alice@example.com>", "QUIT")
sc("smtputf8-message", E, "MAIL FROM:<jörg@example.org> SMTPUTF8", R, "DATA", {"data": ["Subject: grüße", "", "Schöne Grüße."]}, "QUIT")
sc("dsn-mail", E, "MAIL FROM:<sender@example.org> RET=FULL ENVID=abc123", "RSET", "MAIL FROM:<sender@example.org> RET=HDRS", "RSET",
   "MAIL FROM:<sender@example.org> RET=foo", "MAIL FROM:<sender@example.org> RET=FULL RET=HDRS", "MAIL FROM:<sender@example.org> ENVID=a ENVID=b",
   "MAIL FROM:<sender@example.org> ENVID=bad+zz", "QUIT")
sc("dsn-rcpt", E, M, "RCPT TO:<alice@example.com> NOTIFY=SUCCESS,FAILURE", "RCPT TO:<bob@example.com> NOTIFY=NEVER",
   "RCPT TO:<alice@example.com> NOTIFY=NEVER,SUCCESS", "RCPT TO:<alice@example.com> NOTIFY=foo",
   "RCPT TO:<alice@example.com> ORCPT=rfc822;alice@example.com", "RCPT TO:<alice@example.com> ORCPT=bad", "RCPT TO:<alice@example.com> NOTIFY=DELAY NOTIFY=DELAY", "QUIT")
sc("unknown-parameters", E, "MAIL FROM:<sender@example.org> FOO=bar", "MAIL FROM:<sender@example.org> XYZ", M, "RCPT TO:<alice@example.com> FOO=bar", "QUIT")
sc("mail-auth-parameter", E, "MAIL FROM:<sender@example.org> AUTH=<>", R, "RSET", "MAIL FROM:<sender@example.org> AUTH=<> AUTH=<>", "QUIT")
# --- STARTTLS and AUTH
sc("starttls", *TLS, "QUIT")
sc("starttls-with-argument", E, "STARTTLS now", "QUIT")
sc("starttls-twice", *TLS, "STARTTLS", "QUIT")
sc("starttls-before-ehlo", "STARTTLS", {"tls": True}, E, "QUIT")
sc("starttls-resets-transaction", E, M, "STARTTLS", {"tls": True}, R, M, R, "QUIT")
sc("starttls-no-ehlo-after", E, "STARTTLS", {"tls": True}, M, R, "QUIT")
sc("auth-before-tls", E, "AUTH PLAIN", "AUTH LOGIN", "QUIT")
sc("auth-before-ehlo-in-tls", "STARTTLS", {"tls": True}, "AUTH PLAIN AGFsaWNlAHMzY3JldA==", "QUIT")
sc("auth-plain-initial-response", *TLS, PLAIN_ALICE, "QUIT")
sc("auth-plain-two-steps", *TLS, "AUTH PLAIN", "AGFsaWNlAHMzY3JldA==", "QUIT")
sc("auth-plain-authzid", *TLS, "AUTH PLAIN YWxpY2UAYWxpY2UAczNjcmV0", "QUIT")
sc("auth-plain-wrong-password", *TLS, "AUTH PLAIN AGFsaWNlAHdyb25n", "AUTH PLAIN AGJvYgBodW50ZXIy", "QUIT")
sc("auth-plain-empty-response", *TLS, "AUTH PLAIN", "=", "QUIT")
sc("auth-login", *TLS, "AUTH LOGIN", "YWxpY2U=", "czNjcmV0", "QUIT")
sc("auth-login-initial-response", *TLS, "AUTH LOGIN Ym9i", "aHVudGVyMg==", "QUIT")
sc("auth-login-wrong", *TLS, "AUTH LOGIN", "YWxpY2U=", "d3Jvbmc=", "QUIT")
sc("auth-cram-md5", *TLS, {"cram": ["alice", "s3cret"]}, "QUIT")
sc("auth-cram-md5-wrong", *TLS, {"cram": ["alice", "wrong"]}, {"cram": ["bob", "hunter2"]}, "QUIT")
sc("auth-cram-md5-initial-response", *TLS, "AUTH CRAM-MD5 abc", "QUIT")
sc("auth-cancel", *TLS, "AUTH LOGIN", "*", "AUTH PLAIN", "*", "AUTH LOGIN", "YWxpY2U=", "*", "QUIT")
sc("auth-bad-base64", *TLS, "AUTH PLAIN !!!", "AUTH LOGIN", "not base64!", "QUIT")
sc("auth-unknown-mechanism", *TLS, "AUTH FOO", "AUTH", "AUTH DIGEST-MD5", "AUTH login", "YWxpY2U=", "czNjcmV0", "QUIT")
sc("auth-twice", *TLS, PLAIN_ALICE, PLAIN_ALICE, "QUIT")
sc("auth-during-transaction", *TLS, M, PLAIN_ALICE, "QUIT")
sc("auth-then-message", *TLS, PLAIN_ALICE, "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA",
   {"data": ["Subject: from alice", "", "Hi Bob."]}, "QUIT")
sc("relay-without-auth-in-tls", *TLS, "MAIL FROM:<alice@example.com>", "RCPT TO:<friend@other.example>", "QUIT")
sc("ehlo-after-auth", *TLS, PLAIN_ALICE, E, PLAIN_ALICE, "QUIT")
sc("starttls-injection", E, {"raw": "STARTTLS\r\nRSET\r\n", "replies": 1}, {"tls": True}, "NOOP", "QUIT")
# --- BDAT
sc("bdat-single", E, M, R, {"bdat": "Subject: bdat\r\n\r\nHello.\r\n", "last": True}, "QUIT")
sc("bdat-chunks", E, M, R, {"bdat": "Subject: bdat\r\n\r\n"}, {"bdat": "part one\r\n"}, {"bdat": "part two\r\n", "last": True}, "QUIT")
sc("bdat-zero-last", E, M, R, {"bdat": "Subject: zero\r\n\r\nx\r\n"}, {"bdat": "", "last": True}, "QUIT")
sc("bdat-without-mail", E, {"bdat": "x", "last": True}, "NOOP", "QUIT")
sc("bdat-without-rcpt", E, M, {"bdat": "x\r\n", "last": True}, "NOOP", "QUIT")
sc("bdat-then-data", E, M, R, {"bdat": "Subject: x\r\n\r\n"}, "DATA", "QUIT")
sc("bdat-then-mail-rcpt", E, M, R, {"bdat": "Subject: x\r\n\r\n"}, "MAIL FROM:<a@example.org>", "RCPT TO:<bob@example.com>", "RSET", "QUIT")
sc("bdat-no-size", E, M, R, "BDAT", "NOOP")
sc("bdat-bad-size", E, M, R, "BDAT abc", "NOOP")
sc("bdat-bad-last", E, M, R, "BDAT 10 FOO", "NOOP")
sc("bdat-dots-not-stuffed", E, M, R, {"bdat": "Subject: dots\r\n\r\n.\r\n..x\r\n", "last": True}, "QUIT")
sc("bdat-bare-lf", E, M, R, {"bdat": "Subject: lf\n\nbody\n", "last": True}, "QUIT")
# --- pipelining
sc("pipelining-transaction", E, {"raw": "MAIL FROM:<sender@example.org>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n", "replies": 4},
   {"data": ["Subject: piped", "", "x"]}, "QUIT")
sc("pipelining-with-errors", E, {"raw": "MAIL FROM:<sender@example.org>\r\nRCPT TO:<nosuchuser@example.com>\r\nRCPT TO:<bob@example.com>\r\nRSET\r\nNOOP\r\n", "replies": 5}, "QUIT")
sc("pipelining-whole-session", {"raw": "EHLO client.example.org\r\nMAIL FROM:<sender@example.org>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\nSubject: all\r\n\r\nin one\r\n.\r\nQUIT\r\n", "replies": 6})
sc("pipelining-before-greeting-ok", {"raw": "NOOP\r\nNOOP\r\n", "replies": 2}, "QUIT")
sc("bare-lf-commands", {"raw": "EHLO client.example.org\n", "replies": 1}, {"raw": "MAIL FROM:<sender@example.org>\n", "replies": 1}, {"raw": "QUIT\n", "replies": 1})
# --- limits
sc("too-many-errors", E, *["FOO%d" % i for i in range(1, 22)])
sc("junk-command-limit", {"raw": "NOOP\r\n" * 130, "replies": 122})
sc("recipient-limit", E, M, {"raw": "".join("RCPT TO:<alice@example.com>\r\n" for _ in range(102)), "replies": 102}, "DATA", {"data": ["Subject: many", "", "x"]}, "QUIT")
sc("long-command-line", E, "NOOP " + "x" * 3000, "MAIL FROM:<" + "a" * 2100 + "@example.org>", "QUIT")
sc("long-address", E, "MAIL FROM:<" + "a" * 300 + "@example.org>", "RCPT TO:<" + "b" * 70 + "@example.com>", "QUIT")
sc("ehlo-resets-transaction", E, M, E, R, "QUIT")
sc("helo-twice", "HELO a.example.org", "HELO b.example.org", M, "HELO c.example.org", R, "QUIT")

sc("forbidden-commands", E, "GET / HTTP/1.0", "NOOP")
sc("forbidden-connect", "CONNECT example.org:25 HTTP/1.0", "NOOP")
sc("forbidden-post", "POST /cgi HTTP/1.1", "NOOP")
sc("digit-command", E, "123 abc", "NOOP", "QUIT")
sc("vrfy-more", "VRFY postmaster", "VRFY root", "VRFY alice@mail.example.com", "VRFY alice SMTPUTF8", "VRFY <>", "QUIT")
sc("auth-login-empty-username", *TLS, "AUTH LOGIN", "=", "QUIT")
sc("auth-plain-no-nul", *TLS, "AUTH PLAIN YWxpY2U=", "AUTH PLAIN AGFsaWNl", "QUIT")
sc("auth-plain-unknown-user", *TLS, "AUTH PLAIN AG1hbGxvcnkAczNjcmV0", "QUIT")
sc("auth-mechanism-lowercase-ir", *TLS, "auth plain AGFsaWNlAHMzY3JldA==", "QUIT")
sc("auth-mechanism-too-many-args", *TLS, "AUTH PLAIN a b", "QUIT")
sc("auth-then-starttls", *TLS, PLAIN_ALICE, "STARTTLS", "QUIT")
sc("auth-bdat", *TLS, PLAIN_ALICE, "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", {"bdat": "Subject: chunk\r\n\r\nHi Bob.\r\n", "last": True}, "QUIT")
sc("rcpt-params-before-tls", E, M, "RCPT TO:<alice@example.com> NOTIFY=SUCCESS ORCPT=rfc822;alice@example.com", "QUIT")
sc("mail-size-and-body-together", E, "MAIL FROM:<sender@example.org> SIZE=500 BODY=8BITMIME SMTPUTF8", R, "DATA", {"data": ["Subject: params", "", "x"]}, "QUIT")
sc("rset-after-helo-keeps-greeting", "HELO client.example.org", M, "RSET", M, R, "QUIT")
sc("data-bare-cr", E, M, R, "DATA", {"raw": "Subject: cr\r\n\r\nbare\rcr\r\n.\r\n", "replies": 1}, "QUIT")
sc("noop-in-transaction", E, M, "NOOP", R, "NOOP", "DATA", {"data": ["Subject: n", "", "x"]}, "QUIT")
sc("pipelining-rejected-rcpt-then-data", E, {"raw": "MAIL FROM:<sender@example.org>\r\nRCPT TO:<nosuchuser@example.com>\r\nDATA\r\n", "replies": 3}, "QUIT")
sc("mail-address-with-trailing-dot", E, "MAIL FROM:<sender@example.org.>", "RCPT TO:<alice@example.com.>", "QUIT")
sc("rcpt-address-without-domain-part", E, M, "RCPT TO:<alice@>", "QUIT")

sc("auth-plain-continuation-bad-base64", *TLS, "AUTH PLAIN", "!!!", "QUIT")
sc("auth-login-password-bad-base64", *TLS, "AUTH LOGIN", "YWxpY2U=", "***", "QUIT")
sc("auth-login-empty-password", *TLS, "AUTH LOGIN", "YWxpY2U=", "=", "QUIT")
sc("auth-cram-md5-garbage", *TLS, "AUTH CRAM-MD5", "bm90IGEgcmVzcG9uc2U=", "AUTH CRAM-MD5", "%%%", "QUIT")
sc("auth-cram-md5-cancel", *TLS, "AUTH CRAM-MD5", "*", "QUIT")
sc("auth-login-user-at-realm", *TLS, "AUTH LOGIN", "YWxpY2VAbWFpbC5leGFtcGxlLmNvbQ==", "czNjcmV0", "QUIT")
sc("auth-errors-count", *TLS, "AUTH PLAIN AGFsaWNlAHdyb25n", "AUTH PLAIN AGFsaWNlAHdyb25n", "AUTH PLAIN AGFsaWNlAHdyb25n", "NOOP", "QUIT")
sc("data-line-starting-with-dots", E, M, R, "DATA", {"raw": "Subject: d\r\n\r\n..\r\n...x\r\n.\r\n", "replies": 1}, "QUIT")
sc("vrfy-alias-and-remote-after-auth", *TLS, PLAIN_ALICE, "VRFY postmaster@example.com", "QUIT")
sc("rcpt-plus-extension", E, M, "RCPT TO:<alice+news@example.com>", "RCPT TO:<nosuchuser+x@example.com>", "QUIT")

# --- what the server does on its own, and bytes that are not text (issue 11)
def B(data, replies=1):
    """Raw bytes, NUL and invalid UTF-8 included."""
    return {"raw_hex": data.hex(), "replies": replies}
def W(seconds):
    return {"wait": seconds}
CLOSE = {"close": True}
BAD = b"\xff\xfe"  # never valid in UTF-8
# NUL bytes: Postfix's parser reads the line as a C string, so it ends at the first NUL.
sc("nul-leading", B(b"\x00NOOP\r\n"), "NOOP", "QUIT")
sc("nul-inside-command", E, B(b"NOOP\x00junk\r\n"), B(b"MAIL FROM:<sender@example.org>\x00 SIZE=x\r\n"), B(b"RCPT TO:<alice@example.com\x00>\r\n"), "QUIT")
sc("nul-alone", B(b"\x00\r\n"), B(b"\x00\x00\x00\r\n"), "NOOP", "QUIT")
sc("nul-then-bad-utf8", B(b"\x00" + BAD + b"\r\n"), B(b"NOOP\x00" + BAD + b"\r\n"), "NOOP", "QUIT")
sc("nul-in-message-body", E, M, R, "DATA", B(b"Subject: nul\r\n\r\nbefore\x00after\r\n.\r\n"), "QUIT")
sc("nul-in-auth-response", *TLS, "AUTH PLAIN", B(b"AGFsaWNl\x00AHMzY3JldA==\r\n"), "NOOP", "QUIT")
sc("nul-in-verb", B(b"NO\x00OP\r\n"), B(b"QUIT\x00\r\n"))
# Invalid UTF-8 in each command: "500 5.5.2 Error: bad UTF-8 syntax", before any parsing.
for verb, line, setup in [
        ("helo", b"HELO " + BAD, []), ("ehlo", b"EHLO cli" + BAD + b"nt", []),
        ("mail", b"MAIL FROM:<s" + BAD + b"@example.org>", [E]), ("rcpt", b"RCPT TO:<alice" + BAD + b"@example.com>", [E, M]),
        ("data", b"DATA " + BAD, [E, M, R]), ("rset", b"RSET " + BAD, [E]), ("noop", b"NOOP " + BAD, []),
        ("quit", b"QUIT " + BAD, []), ("vrfy", b"VRFY " + BAD, [E]), ("expn", b"EXPN " + BAD, [E]),
        ("etrn", b"ETRN " + BAD, [E]), ("help", b"HELP " + BAD, []), ("starttls", b"STARTTLS " + BAD, [E]),
        ("auth", b"AUTH PLAIN " + BAD, TLS), ("bdat", b"BDAT 3 " + BAD, [E, M, R]), ("verb", BAD + b"NOOP", []),
        ("mail-smtputf8", b"MAIL FROM:<j\xc3\xb6rg" + BAD + b"@example.org> SMTPUTF8", [E])]:
    sc("utf8-bad-" + verb, *setup, B(line + b"\r\n"), "NOOP", "QUIT")
sc("utf8-bad-sequences", B(b"NOOP \x80\r\n"), B(b"NOOP \xc0\xaf\r\n"), B(b"NOOP \xed\xa0\x80\r\n"), B(b"NOOP \xe2\x82\r\n"),
   B(b"NOOP \xf4\x90\x80\x80\r\n"), B(b"NOOP \xf8\x88\x80\x80\x80\r\n"), B("NOOP gr\u00fc\u00dfe \u20ac \U0001F600".encode() + b"\r\n"), "QUIT")
sc("utf8-bad-in-message-body", E, M, R, "DATA", B(b"Subject: latin-1\r\n\r\nGr\xfc\xdfe\r\n.\r\n"), "QUIT")
sc("utf8-bad-in-auth-response", *TLS, "AUTH LOGIN", B(b"YWxp" + BAD + b"Y2U=\r\n"), "NOOP", "QUIT")
sc("utf8-bad-pipelined", E, B(b"MAIL FROM:<sender@example.org>\r\nRCPT TO:<" + BAD + b"@example.com>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n", 4),
   {"data": ["Subject: x", "", "x"]}, "QUIT")
sc("utf8-bad-counts-as-error", *[B(b"X" + BAD + b"\r\n") for _ in range(11)], "NOOP", "QUIT")
# Over-long lines: line_length_limit is 2048; the rest of the line is skipped.
sc("long-line-at-limit", "NOOP " + "x" * 2043, "NOOP " + "x" * 2044, "HELO " + "h" * 2043, "HELO " + "h" * 2044, "QUIT")
sc("long-line-then-pipelined", B(b"FOO " + b"x" * 5000 + b"\r\nNOOP\r\n", 2), "QUIT")
sc("long-line-verb-cut", B(b"X" * 2047 + b"NOOP\r\n"), B(b"x" * 2048 + b"NOOP\r\n"), B(b"NOOP" + b" " * 3000 + b"\r\n"), "QUIT")
sc("long-line-cr-at-limit", B(b"NOOP " + b"x" * 2042 + b"\r\n"), B(b"NOOP " + b"x" * 2043 + b"\r\n"), "QUIT")
sc("long-line-bad-utf8-after-limit", B(b"NOOP " + b"x" * 2100 + BAD + b"\r\n"), B(b"NOOP " + b"x" * 2042 + BAD + b"\r\n"), "QUIT")
sc("long-auth-response", *TLS, "AUTH LOGIN", "A" * 3000, "NOOP", "QUIT")
sc("long-mail-address", E, "MAIL FROM:<" + "a" * 2040 + ">", "QUIT")
# An overlong line is logged through printable(), which turns non-printable octets into "?".
sc("long-line-printable", B(b"NOOP " + b"x" * 2040 + BAD + b"y" * 10 + b"\r\n"), B(b"NOOP " + b"x" * 2041 + BAD + b"\r\n"),
   B(b"NOOP " + b"x" * 2040 + BAD + b"\r\n"), B(b"X\x01Y " + b"z" * 2100 + b"\r\n"), B(BAD + b"x" * 2100 + b"\r\n"), "QUIT")
sc("long-line-edges", B(b"NOOP " + b"x" * 2043 + b"\n"), B(b"NOOP " + b"x" * 2042 + b"\r\n"), B(b"NOOP " + b"x" * 2042 + b"\r\r\n"),
   B(b"\x00" + b"x" * 2100 + b"\r\n"), "QUIT")
sc("long-auth-response-over-limit", *TLS, "AUTH LOGIN", "YWFh" * 3100, "NOOP", "QUIT")
sc("auth-login-long-user", *TLS, "AUTH LOGIN", __import__("base64").b64encode(b"a" * 1024).decode(), "*",
   "AUTH LOGIN", __import__("base64").b64encode(b"a" * 1025).decode(), "QUIT")
# Bare CR and bare LF in commands.
sc("bare-cr-inside-command", B(b"NOOP\rQUIT\r\n"), B(b"\rNOOP\r\n"), B(b"NO\rOP\r\n"), "QUIT")
sc("bare-cr-before-crlf", B(b"NOOP\r\r\n"), B(b"NOOP\r\r\r\r\n"), B(b"EHLO client.example.org\r\r\n"), "QUIT")
sc("bare-cr-only", B(b"NOOP\r", 0), W(2), B(b"\n"), "QUIT")
sc("bare-cr-in-address", E, B(b"MAIL FROM:<sender@example.org>\r SIZE=1\r\n"), B(b"MAIL FROM:<send\rer@example.org>\r\n"), "QUIT")
sc("bare-lf-pipelined", B(b"EHLO client.example.org\nMAIL FROM:<sender@example.org>\nRCPT TO:<alice@example.com>\nDATA\n", 4),
   B(b"Subject: lf\n\nbody\n.\n"), B(b"QUIT\n"))
sc("bare-lf-mixed", B(b"NOOP\r\nNOOP\nNOOP\r\n", 3), B(b"\n"), "QUIT")
sc("bare-lf-in-auth", *TLS, "AUTH LOGIN", B(b"YWxpY2U=\n"), B(b"czNjcmV0\n"), "QUIT")
# The error limits: 10 errors start the 1 s sleep before every reply, 20 end the session.
sc("soft-error-limit-sleep", *["FOO%d" % i for i in range(1, 11)], "NOOP", E, "QUIT")
sc("hard-error-limit-then-silence", *["FOO%d" % i for i in range(1, 21)], W(5))
sc("hard-error-limit-pipelined", B(b"".join(b"FOO%d\r\n" % i for i in range(1, 26)), 25), W(3))
sc("hard-error-limit-in-transaction", E, M, R, *["RCPT TO:<nosuchuser%d@example.com>" % i for i in range(1, 20)], W(3))
sc("hard-error-limit-then-quit", *["FOO%d" % i for i in range(1, 21)], "QUIT")
sc("junk-command-limit-then-silence", *["NOOP"] * 2, B(b"NOOP\r\n" * 99, 99), B(b"RSET\r\n" * 20, 20), W(5))
sc("junk-command-limit-mixed", B(b"EHLO a\r\nRSET\r\nNOOP\r\nHELO b\r\n" * 27, 108), "QUIT")
# The idle timeout (smtpd_timeout=5s on a recording-only listener).
T5 = {"service": "short-timeout"}
def scT(name, *steps):
    S.append({"name": name, "steps": list(steps), **T5})
scT("timeout-after-greeting", W(8))
scT("timeout-after-ehlo", E, W(8))
scT("timeout-reset-by-commands", E, W(3), "NOOP", W(3), "NOOP", W(8))
scT("timeout-in-transaction", E, M, R, W(8))
scT("timeout-in-data", E, M, R, "DATA", B(b"Subject: slow\r\n\r\n", 0), W(8))
scT("timeout-mid-line", E, B(b"NOO", 0), W(3), B(b"P", 0), W(3), B(b"\r\n"), W(8))
scT("timeout-in-bdat", E, M, R, B(b"BDAT 100\r\nabc", 0), W(8))
scT("timeout-in-auth", *TLS, "AUTH LOGIN", W(8))
scT("timeout-after-errors", *["FOO%d" % i for i in range(1, 11)], W(9))
# The client goes away: QUIT then the close, or a close of its own.
sc("quit-then-close", E, "QUIT", W(2))
sc("quit-pipelined-with-more", B(b"QUIT\r\nNOOP\r\nNOOP\r\n", 3))
sc("close-at-once", CLOSE)
sc("close-mid-reply", B(b"EHLO client.example.org\r\n", 0), CLOSE)
sc("close-after-pipelined", B(b"NOOP\r\nFOO\r\nRSET\r\n", 0), CLOSE)
sc("close-after-partial-line", E, B(b"NOOP", 0), CLOSE)
sc("close-in-data", E, M, R, "DATA", B(b"Subject: cut\r\n\r\nunfinished\r\n", 0), CLOSE)
sc("close-in-bdat", E, M, R, B(b"BDAT 10\r\nabc", 0), CLOSE)
sc("close-in-auth", *TLS, "AUTH LOGIN", CLOSE)
sc("close-after-errors", *["FOO%d" % i for i in range(1, 12)], CLOSE)
# message_size_limit (10240000): the whole body is read, then refused.
sc("data-too-big", E, M, R, "DATA", {"filler": 10240001}, "NOOP", "QUIT")
sc("data-at-size-limit", E, M, R, "DATA", {"filler": 10240000}, "QUIT")
sc("bdat-too-big", E, M, R, {"filler": 10240001, "via": "bdat"}, "NOOP", "QUIT")
sc("bdat-at-size-limit", E, M, R, {"filler": 10240000, "via": "bdat"}, "QUIT")
sc("bdat-error-then-rset", E, M, {"raw": "BDAT 3\r\nabc", "replies": 1}, "RSET", M, R, {"bdat": "x\r\n", "last": True}, "QUIT")
sc("bdat-second-chunk-too-big", E, M, R, {"bdat": "Subject: x\r\n\r\n"}, {"raw": "BDAT 10239990 LAST\r\n", "replies": 0},
   {"filler": 10239990, "via": "raw"}, "NOOP", "QUIT")
# Pipelined input after a hang-up is never read.
sc("forbidden-pipelined", B(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n"), W(1))
sc("header-line-pipelined", E, B(b"From: a@example.org\r\nNOOP\r\n", 2))
# A submission-like listener (recording only): TLS required, and only logged-in senders.
SUB = {"service": "submission-like"}
def scS(name, *steps):
    S.append({"name": name, "steps": list(steps), **SUB})
scS("submission-before-tls", E, "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA",
    "AUTH PLAIN AGFsaWNlAHMzY3JldA==", "VRFY bob", "ETRN example.com", "EXPN bob", "HELP", "NOOP", "RSET", "QUIT")
scS("submission-before-ehlo", "MAIL FROM:<alice@example.com>", "NOOP", "QUIT")
scS("submission-not-logged-in", *TLS, "MAIL FROM:<alice@example.com>", "MAIL FROM:<>", "RCPT TO:<bob@example.com>",
    "VRFY bob", "QUIT")
scS("submission-logged-in", *TLS, "AUTH PLAIN AGFsaWNlAHMzY3JldA==", "MAIL FROM:<alice@example.com>",
    "RCPT TO:<bob@example.com>", "DATA", {"data": ["Subject: submitted", "", "hello"]}, "QUIT")

# A listener that discards three EHLO keywords (recording only): smtpd_discard_ehlo_keywords =
# pipelining, chunking, smtputf8. Hiding a keyword is not always refusing the command.
NOEXT = {"service": "no-extensions"}
def scN(name, *steps):
    S.append({"name": name, "steps": list(steps), **NOEXT})
scN("no-extensions-ehlo", E, "HELO client.example.org", "QUIT")
scN("no-extensions-after-tls", *TLS, "QUIT")
scN("no-extensions-pipelined", E, {"raw": "MAIL FROM:<sender@example.org>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n", "replies": 3},
    {"data": ["Subject: pipelined", "", "all the same"]}, "QUIT")
scN("no-extensions-bdat", E, M, R, {"bdat": "Subject: bdat\r\n\r\nHello.\r\n", "last": True}, "NOOP")
scN("no-extensions-bdat-without-mail", E, "BDAT 0 LAST", "NOOP")
scN("no-extensions-bdat-before-ehlo", "BDAT 3 LAST", "NOOP")
scN("no-extensions-bdat-bad-syntax", E, M, R, "BDAT abc", "NOOP")
scN("no-extensions-smtputf8", E, "MAIL FROM:<sender@example.org> SMTPUTF8", "MAIL FROM:<jörg@example.org>",
    "RCPT TO:<ülrich@example.com>", "RCPT TO:<alice@example.com>", "VRFY alice SMTPUTF8", "VRFY jörg", "RSET",
    "MAIL FROM:<sender@example.org> BODY=8BITMIME SMTPUTF8", "MAIL FROM:<sender@example.org> BODY=8BITMIME", "QUIT")
scN("no-extensions-utf8-message", E, "MAIL FROM:<jörg@example.org>", R, "DATA", {"data": ["Subject: grüße", "", "Schöne Grüße."]}, "QUIT")
scN("no-extensions-data", E, M, R, "DATA", {"data": ["Subject: plain", "", "DATA still works."]}, "QUIT")

# Exim only (xtask/exim-lab, a second daemon on :2627): a multi-line greeting from smtp_banner with
# \n, cPanel's notice. Postfix cannot send one (smtpd_banner's \n goes out as the two characters).
NOTICE = {"service": "exim-greeting-notice"}
def scG(name, *steps):
    S.append({"name": name, "steps": list(steps), **NOTICE})
scG("greeting-notice-ehlo", E, "QUIT")
scG("greeting-notice-message", E, M, R, "DATA", {"data": ["Subject: notice", "", "Read every 220- line."]}, "QUIT")

json.dump(S, __import__("sys").stdout, indent=1, ensure_ascii=False)
