# The engine's teaching texts: what a reply means, what to type instead, the phases,
# the command reference. The engine names these ids (crates/engine); the app says them.
# Replies themselves (the wire) are never here: servers answer in their own English.

## What each reply kind means, and what to type instead (-fix)
reply-greeting = The server is ready. It names itself; it sends no enhanced code on the greeting.
reply-helo = HELO accepted: a plain single-line reply, no extensions.
reply-ehlo = EHLO accepted. The first line names the server; each further line is an extension it offers.
reply-ehlo-syntax = EHLO needs your host name as its argument.
reply-ehlo-syntax-fix = EHLO client.example.org
reply-helo-syntax = HELO needs your host name as its argument.
reply-helo-syntax-fix = HELO client.example.org
reply-ok = Done. NOOP does nothing at all: a way to check that the server still listens.
reply-reset = Done. RSET throws away the transaction (sender, recipients, data) but keeps the greeting and any login.
reply-bye = The server says goodbye and closes the connection.
reply-mail-ok = Sender accepted: a mail transaction has begun.
reply-rcpt-ok = Recipient accepted. Add more with RCPT TO, or send DATA.
reply-start-data = Go ahead: send the message, then a line holding only a dot.
reply-queued = The server took responsibility for the message and queued it under this ID.
reply-bdat-chunk-ok = Chunk received. Send the next BDAT, or BDAT n LAST to finish.
reply-bdat-queued = Last chunk received; the whole message is queued.
reply-send-helo-first = This server requires a greeting before a mail transaction.
reply-send-helo-first-fix = EHLO client.example.org
reply-nested-mail = A transaction is already open; MAIL may not be sent again until it ends.
reply-nested-mail-fix = RSET (to start over), or continue with RCPT TO:<address>
reply-need-mail = RCPT names a recipient of a transaction, and none is open.
reply-need-mail-fix = MAIL FROM:<you@example.org> first
reply-need-rcpt = The message has nobody to go to yet.
reply-need-rcpt-fix = MAIL FROM:<address>, then RCPT TO:<address> first
reply-no-valid-recipients = Every recipient of this transaction was rejected, so there is nobody to send to.
reply-no-valid-recipients-fix = RCPT TO:<alice@example.com> (a recipient the server accepts)
reply-rcpt-after-bdat = Recipients come before the message; BDAT has already started it.
reply-rcpt-after-bdat-fix = finish with BDAT 0 LAST, or RSET
reply-data-after-bdat = One transaction uses DATA or BDAT, never both.
reply-data-after-bdat-fix = BDAT n LAST to finish the message
reply-mail-syntax = MAIL needs FROM: followed by the sender's address.
reply-mail-syntax-fix = MAIL FROM:<you@example.org>
reply-rcpt-syntax = RCPT needs TO: followed by the recipient's address.
reply-rcpt-syntax-fix = RCPT TO:<alice@example.com>
reply-bad-sender = The sender address could not be parsed.
reply-bad-sender-fix = MAIL FROM:<you@example.org> (one address in angle brackets)
reply-bad-recipient = The recipient address could not be parsed; <> is only a sender.
reply-bad-recipient-fix = RCPT TO:<alice@example.com>
reply-no-arguments = This command takes no arguments.
reply-no-arguments-fix = the command word alone
reply-bad-size-syntax = SIZE= must be followed by a number of bytes.
reply-bad-size-syntax-fix = MAIL FROM:<you@example.org> SIZE=12345
reply-size-overflow = That SIZE is larger than any file the server can hold.
reply-size-overflow-fix = a realistic SIZE=, at most the number after SIZE in EHLO
reply-size-exceeded = The declared SIZE is over the limit the server advertised in EHLO.
reply-size-exceeded-fix = a smaller message, at most the number after SIZE in EHLO
reply-message-too-big = The message turned out larger than the size limit; it was discarded.
reply-message-too-big-fix = send a smaller message
reply-bad-ret = RET= takes FULL or HDRS, once.
reply-bad-ret-fix = MAIL FROM:<you@example.org> RET=HDRS
reply-bad-envid = ENVID= takes one xtext value (printable ASCII; + only as +XX hex).
reply-bad-envid-fix = MAIL FROM:<you@example.org> ENVID=abc123
reply-bad-notify = NOTIFY= takes NEVER alone, or a list of SUCCESS, FAILURE and DELAY, once.
reply-bad-notify-fix = RCPT TO:<alice@example.com> NOTIFY=SUCCESS,FAILURE
reply-bad-orcpt = ORCPT= takes an address type, a semicolon and an address.
reply-bad-orcpt-fix = RCPT TO:<alice@example.com> ORCPT=rfc822;alice@example.com
reply-unsupported-option = The server does not know this MAIL/RCPT parameter.
reply-unsupported-option-fix = leave the parameter out; EHLO lists what is supported
reply-too-many-recipients = This message has reached the recipient limit. Send it, then the rest in a new transaction.
reply-too-many-recipients-fix = DATA now, then a new MAIL FROM for the remaining recipients
reply-user-unknown = The domain is this server's, but it has no such user.
reply-user-unknown-fix = a user that exists here, e.g. RCPT TO:<alice@example.com>
reply-relay-denied = The domain is not this server's, and only authenticated clients may relay.
reply-relay-denied-fix = STARTTLS, EHLO, AUTH first; or a local recipient
reply-vrfy-syntax = VRFY needs an address to look up.
reply-vrfy-syntax-fix = VRFY alice
reply-cannot-verify = 252: the server does not say that it verified a mailbox (that would be 250), but it would accept mail for this address and try to deliver it. What a 252 tells depends on the server: Postfix gives it only to addresses that pass its recipient checks (an unknown local user gets 550), so a 252 for a local name does tell that it exists; others, Exim among them, give it to any well-formed address.
reply-vrfy-disabled = This server has VRFY switched off.
reply-etrn-syntax = ETRN needs the domain whose queued mail should be flushed.
reply-etrn-syntax-fix = ETRN example.org
reply-etrn-in-transaction = ETRN may not be used inside a mail transaction.
reply-etrn-in-transaction-fix = RSET first
reply-etrn-unavailable = This server keeps no queue for that domain to flush.
reply-unrecognized = The server does not know this command, or does not implement it (Postfix 3.7 has no EXPN and no HELP).
reply-unrecognized-fix = a command from the reference, e.g. NOOP
reply-bad-syntax = An empty line is not a command.
reply-bad-syntax-fix = a command, e.g. NOOP
reply-bad-utf8 = The line is not valid UTF-8 (RFC 3629): Postfix checks every command line before it reads the command.
reply-bad-utf8-fix = send text: ASCII, or UTF-8 after MAIL FROM:<…> SMTPUTF8
reply-break-rules-header = A line shaped like a mail header (Name: value) came as a command. Headers belong inside the message, after DATA and its 354; Postfix takes a header in their place for a client that has lost track of the dialogue, and hangs up. Nothing was accepted.
reply-break-rules-header-fix = DATA, wait for 354, then the headers, a blank line and the body
reply-break-rules-http = GET, POST and CONNECT are how web browsers and proxies speak (HTTP), not mail clients. Postfix's smtpd_forbidden_commands lists them so that a web page cannot make a browser talk to a mail server: it hangs up at once. Nothing was accepted.
reply-break-rules-http-fix = an SMTP command, e.g. EHLO client.example.org
reply-break-rules-no-letter = The line does not start with a letter, and every SMTP command is a word of letters. With smtpd_forbidden_commands (by default CONNECT, GET, POST and any first word that does not start with a letter) Postfix concludes that no mail client is talking, and hangs up. Nothing was accepted.
reply-break-rules-no-letter-fix = a command word first, e.g. NOOP; message text only after DATA and 354
reply-too-many-errors = Too many errors in one session: the server hangs up.
reply-too-many-errors-fix = reconnect, and check each reply before the next command
reply-timeout = The client was silent for too long; the server hangs up.
reply-timeout-fix = reconnect
reply-ready-for-tls = Start the TLS handshake now; afterwards the session starts over.
reply-tls-active = The connection is already encrypted.
reply-tls-active-fix = EHLO, then AUTH
reply-not-implemented = The server knows this command but does not offer it here.
reply-auth-not-enabled = AUTH is offered only inside TLS here, so passwords never cross the wire in clear.
reply-auth-not-enabled-fix = STARTTLS, then EHLO, then AUTH
reply-auth-in-transaction = AUTH is not allowed during a mail transaction.
reply-auth-in-transaction-fix = RSET, then AUTH
reply-already-authenticated = You are logged in already; a second AUTH is refused.
reply-already-authenticated-fix = MAIL FROM:<address>
reply-auth-syntax = AUTH takes a mechanism and, optionally, an initial response.
reply-auth-syntax-fix = AUTH PLAIN AGFsaWNlAHMzY3JldA==
reply-auth-challenge = The server asks for the next piece of the login, in base64.
reply-auth-ok = Logged in. The server will now relay for you.
reply-auth-aborted = You sent * and so cancelled the login.
reply-sasl-response-too-long = The SASL response line was longer than the server reads (12288 octets): the login is over.
reply-sasl-response-too-long-fix = AUTH again with a shorter response
reply-bdat-syntax = Without a valid size the server cannot find the end of the chunk, so it hangs up.
reply-bdat-syntax-fix = BDAT 42 LAST, with exactly 42 bytes after it
reply-chunking-not-offered = This server does not offer CHUNKING (EHLO did not list it), so BDAT is refused before its size is read. Postfix then hangs up: the chunk's octets would otherwise be read as commands.
reply-chunking-not-offered-fix = check the EHLO list; without CHUNKING send the message with DATA
reply-chunk-too-big = This chunk would take the message past the size limit: the server read it and threw it away.
reply-chunk-too-big-fix = a smaller message, at most the number after SIZE in EHLO
reply-injected = A failure rule of this world answered, not the server's own logic: see the world's settings.
reply-injected-fix = what a real client does with this code: 4xx retry later, 5xx give up
reply-greylisted = Greylisting: the first attempt from a sender to a recipient is deferred on purpose. A real client keeps the message and tries again minutes later; then it passes.
reply-greylisted-fix = wait the greylisting delay, then send the same MAIL and RCPT again
reply-must-start-tls = This server takes mail only over an encrypted connection: everything but EHLO, NOOP, RSET, QUIT and STARTTLS waits for TLS.
reply-must-start-tls-fix = STARTTLS, then EHLO again
reply-auth-required = A submission server sends mail only for users who logged in: say who you are with AUTH before MAIL.
reply-auth-required-fix = AUTH PLAIN or AUTH LOGIN (after STARTTLS and EHLO), then MAIL FROM
reply-basic-auth-disabled = The password was never checked: this server accepts no password logins at all. Microsoft 365 wants OAuth 2.0 (AUTH XOAUTH2) with a token from Microsoft's identity platform.
reply-basic-auth-disabled-fix = in a real client, sign in with OAuth 2.0; the lab's other profiles accept passwords
reply-not-advertised = The server did not list this extension in its EHLO reply, so the client may not use it.
reply-not-advertised-fix = EHLO first, and use only the extensions it lists
reply-too-many-nonmail = Too many commands that send no mail (NOOP, RSET, VRFY, HELO…) in one session: the server suspects a probe and hangs up.
reply-too-many-nonmail-fix = reconnect, and send mail or QUIT
reply-address-error = The server could not read this address: it says what it expected and where.
reply-address-error-fix = one address in angle brackets, with a domain: RCPT TO:<alice@example.com>
reply-line-too-long = A line of the message is longer than 998 characters, the most RFC 5322 allows; the server refused the whole message.
reply-line-too-long-fix = wrap long lines, or send the content base64 or quoted-printable encoded
reply-help = HELP lists the commands this server knows.
reply-expn-refused = EXPN would list a mailing list's members; this server does not tell.
reply-nul-in-command = A command line may not contain a NUL octet.
reply-nul-in-command-fix = type the command again
reply-connection-lost = The client closed the connection without QUIT; the server says so before it closes too.
reply-connection-lost-fix = end with QUIT and wait for its 221
reply-too-many-syntax-errors = One syntax or protocol error too many: the server answers it, says goodbye and closes.
reply-too-many-syntax-errors-fix = reconnect, and check each reply before the next command
reply-too-many-connections = Your address already has as many connections open as the server allows one client (Postfix smtpd_client_connection_count_limit), so it says 421 instead of its greeting and hangs up.
reply-too-many-connections-fix = close some of your other connections, then reconnect
reply-auth-failed-fix = check user name and password; the base64 helpers build the response
reply-unknown-mechanism-fix = a mechanism from the AUTH line of EHLO, e.g. AUTH PLAIN
reply-initial-data-not-expected = In CRAM-MD5 the server speaks first: it sends a challenge, and the answer depends on it. Data on the AUTH line cannot be an answer.
reply-initial-data-not-expected-fix = AUTH CRAM-MD5 alone, then answer the 334 challenge
reply-too-many-bad-recipients = Most of the recipients tried in this message were refused, which looks like guessing addresses: the server now refuses every further RCPT in this message.
reply-too-many-bad-recipients-fix = RSET or a new MAIL, and send to addresses you know
reply-sync-error = More input came before the server had answered a command that must be the last of a pipelined group (or one it did not know): the client did not wait, so the server hangs up.
reply-sync-error-fix = send the next command only after this one's reply; pipeline only MAIL, RCPT and RSET
reply-header-not-crlf = A line of the message ended in a bare LF. In a BDAT chunk nothing is converted: lines must end in CR LF, and this server refuses the message when its header does not.
reply-header-not-crlf-fix = end every line with CR LF, and count both octets in the chunk size
reply-rule-421-closes = a 421 closes the connection
reply-rule-closing-after-errors = closing after errors
reply-rule-retry = when to retry
reply-rule-failure-rule = a failure rule of this world
reply-rule-basic-auth-retired = Microsoft retired Basic auth for SMTP AUTH
auth-failure-credentials = The user name or password is wrong.
auth-failure-another-step = The response was empty or not base64, so the login could not go on.
auth-failure-bad-protocol = The response decoded, but not to what the mechanism expects.
auth-failure-bad-base64 = The response is not base64, so it could not be decoded.
auth-failure-no-mechanism = The server does not offer that mechanism; EHLO lists those it does.

## What the engine knows about a reply besides its kind (Reply::facts)
fact-junk-command-first = This reply looks like any other, but from this command on Postfix counts every junk command (HELO, EHLO, RSET, NOOP, VRFY, ETRN) as an error: the session has sent more than smtpd_junk_command_limit of them ({ $limit ->
        [100] 100, the default
       *[other] { $limit } here; the default is 100
    }), and a client that only idles or probes is treated like one that makes mistakes. When the errors reach smtpd_soft_error_limit (default 10), every reply comes smtpd_error_sleep_time (default 1 s) late; at smtpd_hard_error_limit (default 20) the server says 421 and hangs up.
fact-junk-command = This junk command counted as an error too, though its reply looks like any other: the session is past smtpd_junk_command_limit ({ $limit }).
fact-tarpit = This reply came { $ms } ms late: the session had made { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, and once the errors reach smtpd_soft_error_limit ({ $soft ->
        [10] 10, the default
       *[other] { $soft } here; the default is 10
    }), Postfix waits smtpd_error_sleep_time (default 1 s) before every reply. This tarpit slows down clients that keep making errors.
fact-hard-error-limit = The session made { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    } and so reached smtpd_hard_error_limit ({ $limit ->
        [20] 20, the default
       *[other] { $limit } here; the default is 20
    }): Postfix says 421 and hangs up. Refused commands count, and so do junk commands past smtpd_junk_command_limit.
fact-unknown-command-limit = More unknown commands than Exim's smtp_max_unknown_commands allows ({ $limit }): Exim says so and hangs up.
fact-after-chunk-empty = The BDAT chunk before took exactly { $octets } octets and ended there. The line end typed after them (CR LF) was not part of the chunk: it arrived as the next command line, an empty one. A chunk's size counts every octet sent, line ends included: to send the line end too, give a size 2 larger.
fact-after-chunk = The BDAT chunk before took exactly { $octets } octets and ended there. What was sent after them was not part of the chunk: the server read it as the next command line. A chunk's size counts every octet sent, line ends (CR LF) included.

## The digits of a reply code (RFC 5321 §4.2.1)
reply-class-success = 2xx: success. The command was accepted.
    .label = success
reply-class-hang-up = 2xx by its first digit, yet nothing was accepted: the server hangs up. It says goodbye with 221, the code that ends a session, instead of an error code.
    .label = hangs up
reply-class-intermediate = 3xx: intermediate. The server waits for more input.
    .label = go on
reply-class-transient = 4xx: temporary failure. The same command may work later.
    .label = temporary failure
reply-class-permanent = 5xx: permanent failure. Repeating the command will not help.
    .label = permanent failure
reply-area-syntax = Second digit { $digit }: syntax.
reply-area-information = Second digit { $digit }: information.
reply-area-connection = Second digit { $digit }: the connection.
reply-area-intermediate = Second digit { $digit }: authentication / intermediate.
reply-area-mail-system = Second digit { $digit }: the mail system.
reply-area-unspecified = Second digit { $digit }: unspecified.

## Enhanced status codes (RFC 3463): class; subject; detail
enhanced-meaning = { $code }: { $class }; { $subject }; { $detail }
enhanced-class-success = success
enhanced-class-transient = persistent transient failure
enhanced-class-permanent = permanent failure
enhanced-subject-other = other or undefined status
enhanced-subject-addressing = addressing status
enhanced-subject-mailbox = mailbox status
enhanced-subject-mail-system = mail system status
enhanced-subject-network = network and routing status
enhanced-subject-protocol = mail delivery protocol status
enhanced-subject-content = message content or media status
enhanced-subject-security = security or policy status
enhanced-detail-other = other undefined status
enhanced-detail-other-address = other address status
enhanced-detail-bad-mailbox = bad destination mailbox address
enhanced-detail-bad-mailbox-syntax = bad destination mailbox address syntax
enhanced-detail-address-valid = destination address valid
enhanced-detail-bad-sender-syntax = bad sender's mailbox address syntax
enhanced-detail-too-big = message too big for system
enhanced-detail-bad-connection = bad connection
enhanced-detail-invalid-command = invalid command
enhanced-detail-syntax-error = syntax error
enhanced-detail-too-many-recipients = too many recipients
enhanced-detail-invalid-arguments = invalid command arguments
enhanced-detail-security-other = other or undefined security status
enhanced-detail-not-authorized = delivery not authorized, message refused
enhanced-detail-bad-credentials = authentication credentials invalid
enhanced-detail-see-rfc = see RFC 3463

## The command reference: what each command does (.syntax: how it is written; its <placeholders> are translated)
command-ehlo = Say hello and ask which extensions the server offers. Like RSET, it ends any mail transaction in progress; a login and TLS stay.
    .syntax = EHLO <your-host-name>
command-helo = Say hello the old way, without extensions. Like RSET, it ends any mail transaction in progress.
    .syntax = HELO <your-host-name>
command-starttls = Switch the connection to TLS. The session starts over afterwards.
    .syntax = STARTTLS
command-auth = Log in with PLAIN, LOGIN or CRAM-MD5; responses are base64.
    .syntax = AUTH <mechanism> [<initial-response>]
command-mail = Start a mail transaction and name the sender (the bounce address).
    .syntax = MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8] [RET=FULL|HDRS] [ENVID=id]
command-rcpt = Add a recipient. Repeat for each one.
    .syntax = RCPT TO:<address> [NOTIFY=...] [ORCPT=rfc822;<address>]
command-data = Send the message: headers, a blank line, the body, then a line with a single dot.
    .syntax = DATA
command-bdat = Send the message in chunks of exact size, without dot-stuffing.
    .syntax = BDAT <size> [LAST]
command-rset = Abandon the current transaction; keep the connection.
    .syntax = RSET
command-vrfy = Ask whether an address exists. Postfix runs its recipient checks: 252 for an address it would accept (never 250, "verified"), 550 User unknown for a local user it does not know. So VRFY does tell who does not exist, which is why many servers switch it off. Exim, as Debian ships it, answers 252 to any well-formed address.
    .syntax = VRFY <address>
command-expn = Ask for the members of a mailing list. Postfix does not implement it.
    .syntax = EXPN <list>
command-help = Ask for help. Postfix has it only from 3.9 on.
    .syntax = HELP [<command>]
command-noop = Do nothing; the server answers 250. Keeps a connection alive.
    .syntax = NOOP
command-etrn = Ask the server to flush its queue for a domain.
    .syntax = ETRN <domain>
command-quit = Say goodbye; the server closes the connection.
    .syntax = QUIT

## The phases of a session: the name, and what the server waits for ("Waiting for …")
phase-disconnected = Disconnected
    .waiting = a connection
phase-connected = Connected
    .waiting = HELO or EHLO, which a client says first
phase-greeted = Greeted
    .waiting = a command: MAIL FROM starts a message
phase-mail = Mail (sender)
    .waiting = RCPT TO: the first recipient
phase-rcpt = Rcpt (recipients)
    .waiting = more recipients, or DATA or BDAT
phase-data = Data
    .waiting = the message: a line with a single dot ends it
phase-bdat = BDAT
    .waiting = the next BDAT chunk, until BDAT … LAST
phase-auth = AUTH exchange
    .waiting = the answer to the 334 challenge, in base64 (* cancels)
phase-tls-handshake = TLS handshake
    .waiting = the client's TLS handshake
phase-closed = Closed
    .waiting = a connection

## What moves a session between phases, besides commands
trigger-end-of-message = end of message
trigger-handshake = TLS handshake
trigger-sasl-answer = answer to 334
trigger-connect = connect
trigger-client-closed = client hangs up
trigger-server-closed = server hangs up

## Where a profile's texts come from
provenance-recorded = Every reply recorded from the real server in this configuration.
provenance-transcripts = Replies copied from public transcripts of this service; docs/profiles.md gives each source, and the explanation says when none exists.

## Where a profile's text comes from, when no transcript shows it (the explanation's
## "Where this text comes from"): why the lab chose the text it did.
unsourced-exim-address-problem = Exim names the address and what is wrong with it; the lab does not keep which
unsourced-exim-malformed = Exim echoes the address and parameter (`malformed address: … may not follow …`)
unsourced-exim-size = Exim's source (smtp_in.c); not recorded: the lab's scenarios stay under Exim's 52428800
unsourced-exim-recipients = Exim's source (smtp_in.c); 102 recipients were accepted
unsourced-exim-auth-mechanism = Exim puts the mechanism's name first, which the lab does not keep
unsourced-exim-sasl-too-long = get_data.c: a response line longer than its buffer of 16384 octets is BAD64; not recorded
unsourced-failure-rule = a failure rule of the world
unsourced-exim-greylisting = greylisting was recorded with Postfix only
unsourced-exim-not-recorded = not recorded from Exim
unsourced-gmail-bdat-chunk = only BDAT … LAST is in a transcript; the same text
unsourced-second-mail = no transcript of a second MAIL
unsourced-bdat-mixed = no transcript mixes BDAT with RCPT or DATA
unsourced-gmail-unknown-parameter = no transcript of an unknown MAIL or RCPT parameter
unsourced-arguments = no transcript of arguments after DATA, RSET or QUIT
unsourced-recipient-limit = no transcript of the recipient limit
unsourced-gmail-relay = Gmail relays for every logged-in user; no transcript refuses a relay on 587
unsourced-vrfy-syntax = no transcript of VRFY without an argument
unsourced-gmail-bad-line = an empty or undecodable line is not in a transcript; the unknown-command text
unsourced-auth-in-transaction = no transcript of AUTH inside a transaction
unsourced-auth-cancelled = no transcript of a cancelled AUTH
unsourced-sasl-too-long = no transcript of an overlong SASL response
unsourced-bdat-syntax = no transcript of a bad BDAT
unsourced-gmail-greylisting = Gmail's submission port does not greylist
unsourced-gmail-not-done = Gmail does not do this; its unknown-command text
unsourced-m365-helo = no transcript of HELO; the EHLO first line
unsourced-helo-syntax = no transcript of EHLO without a name
unsourced-noop = no transcript of NOOP
unsourced-bdat-chunk = no transcript of a BDAT chunk that is not the last
unsourced-syntax-error = no transcript of this syntax error
unsourced-unknown-parameter = no transcript of an unknown parameter
unsourced-size-limit = no transcript of the size limit
unsourced-m365-vrfy = Exchange's text, not captured from Microsoft 365
unsourced-m365-header = a header sent as a command: the unknown-command text
unsourced-m365-bad-line = an empty or undecodable line: the unknown-command text
unsourced-m365-error-limit = no transcript of Microsoft's error limit
unsourced-m365-chunking = Microsoft 365 always offers CHUNKING; its text for an unimplemented command
unsourced-second-starttls = no transcript of a second STARTTLS
unsourced-auth-sequence = no transcript of this AUTH sequence error
unsourced-auth-undecodable = no transcript of an undecodable AUTH response
unsourced-m365-greylisting = the submission port of Microsoft 365 does not greylist
unsourced-m365-connection-limit = no transcript of Microsoft's connection limit
unsourced-m365-tls = Microsoft 365 refuses MAIL before AUTH, not before TLS
unsourced-m365-not-done = Microsoft 365 does not do this; its unknown-command text
unsourced-postfix-login = Postfix cannot switch password logins off; this is its failed-login text
unsourced-postfix-not-done = Postfix 3.7 does not do this; its unknown-command text
unsourced-gmail-bad-parameter = a bad parameter is not in a transcript; Gmail's address syntax error
unsourced-gmail-size = Google's size text, seen for a declared SIZE
unsourced-gmail-unimplemented = Google's text for an unimplemented command
unsourced-gmail-etrn = Gmail does not offer ETRN
unsourced-auth-syntax = no transcript of AUTH without a mechanism
unsourced-gmail-chunking = Gmail always offers CHUNKING; Google's text for an unimplemented command
