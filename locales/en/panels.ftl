# The panels: references, helpers, mailboxes, settings, sharing, lessons.

## The command reference (Commands tab)
commands-label = Command reference
commands-valid = valid now
commands-invalid = not valid now
# Followed by the example command, e.g. "Insert EHLO client.example.org"
commands-insert = Insert

## The reply code reference (Reply codes tab)
codes-search = Search replies
    .aria-label = Search reply codes
    .placeholder = e.g. 503, relay, 5.1.1
codes-label = Reply codes
codes-code = Code
# $server: the server whose texts are listed ("Postfix 3.7")
codes-text = Text ({ $server })
codes-meaning = Meaning

## The AUTH helpers (PLAIN, base64 for LOGIN, CRAM-MD5)
auth-credentials = Credentials
auth-user = User
auth-password = Password
auth-insert = Insert
auth-plain-label = AUTH PLAIN builder
auth-authzid = Authorise as (optional)
    .aria-label = Authorization identity
auth-plain-message = Message:
auth-nul = NUL byte
auth-plain-nul-note = (each \0 is one NUL byte; note the leading one)
auth-base64 = Base64:
auth-base64-label = Base64
auth-base64-title = Base64 (for AUTH LOGIN)
auth-text = Text
    .aria-label = Text to encode
auth-encoded = Encoded:
auth-base64-input = Base64
    .aria-label = Base64 to decode
auth-decoded = Decoded:
auth-not-base64 = (not valid base64)
auth-cram-label = CRAM-MD5 calculator
auth-cram-title = CRAM-MD5, step by step
auth-challenge = Challenge (send AUTH CRAM-MD5 to get one)
    .aria-label = Challenge
auth-cram-decode = Decode the 334 challenge:
auth-cram-hmac = HMAC-MD5, keyed with the password:
auth-cram-join = User, space, hex digest:
auth-cram-base64 = Base64 of that:

## The mailboxes: delivered mail per user
mailboxes-no-subject = (no subject)
# $sender: the envelope sender in angle brackets; $id: the queue ID
mailboxes-from = from { $sender } · { $id }
mailboxes-of = Mailbox of { $user }
# The heading of a mailbox: the user and how many messages it holds
mailboxes-heading = { $user } ({ $count })
mailboxes-message = Message
mailboxes-envelope = Envelope
mailboxes-headers = Headers
mailboxes-body = Body
    .aria-label = Message body
mailboxes-source = Raw source

## Settings: the server that answers
server-label = Server that answers
# After the profile's provenance sentence
server-note = Choosing a server reconnects; your users and their mail stay.

## Settings: the world
settings-label = World settings
settings-host = Host name
    .aria-label = Host name
settings-users = Users, one per line as name:password (no password: receives mail only)
    .aria-label = Users
settings-size = Message size limit (bytes)
    .aria-label = Message size limit
settings-recipients = Recipients per message
    .aria-label = Recipient limit
settings-policies = Policies
settings-helo-required = Require HELO/EHLO before MAIL
settings-vrfy = VRFY enabled
settings-starttls = Offer STARTTLS
settings-auth-after-tls = AUTH only after TLS
settings-relay = Relay for authenticated clients
settings-greylisting = Greylisting
settings-greylisting-delay = Defer each new sender and recipient pair for this many seconds (Postfix with postgrey; empty: off)
    .aria-label = Greylisting delay
settings-seed = Seed (queue IDs, CRAM-MD5 challenges)
    .aria-label = Seed
settings-apply = Apply and reconnect
# $value: what was typed, in quotes
settings-error-size = message size limit: { $value } is not a whole number
settings-error-recipients = recipients per message: { $value } is not a whole number
settings-error-greylisting = greylisting delay: { $value } is not a whole number
settings-error-seed = seed: { $value } is not a whole number
# $why: what is wrong (a sentence that starts with the field)
settings-invalid = { $why }

## Settings: failure rules
rules-legend = Failure rules
rules-none = None: the server answers as Postfix does. Add a rule to make it fail on purpose.
rules-command = Command
    .aria-label = Rule command
rules-command-any = any
rules-address = Address pattern
    .aria-label = Rule address pattern
rules-nth = Only match number
    .aria-label = Rule nth match
rules-percent = Chance %
    .aria-label = Rule chance
rules-effect = Then
    .aria-label = Rule effect
rules-effect-reply = answer with
rules-effect-delay = delay the answer
rules-effect-disconnect = drop the connection
rules-code = Code
    .aria-label = Rule reply code
rules-enhanced = Enhanced
    .aria-label = Rule enhanced code
rules-text = Text
    .aria-label = Rule reply text
rules-ms = Milliseconds
    .aria-label = Rule delay
rules-add = Add rule
rules-remove = Remove
    .aria-label = Remove rule { $number }
# A rule in words: "RCPT for bob@* (only match number 2, 50% of the time): answer 451 4.3.0 Error: …"
rules-rule = { $what }: { $then }
rules-rule-when = { $what } ({ $when }): { $then }
rules-any-command = any command
rules-for-address = { $what } for { $pattern }
rules-when-nth = only match number { $n }
rules-when-percent = { $percent }% of the time
# $reply: the reply line, never translated
rules-then-reply = answer { $reply }
rules-then-delay = answer normally, { $ms } ms later
rules-then-disconnect = drop the connection without a word
# What is wrong with the form; $field is the rule's field as the engine names it (then.code, nth)
rules-not-number = { $field }: { $value } is not a whole number
rules-too-large = { $field }: too large
rules-code-needed = { $field }: a reply code such as { $example } is needed
rules-enhanced-invalid = { $field }: { $value } is not class.subject.detail, e.g. { $example }
rules-percent-max = { $field }: at most { $max }
# $why: what is wrong (a sentence that starts with the field)
rules-invalid = { $why }

## What is wrong with a world or a rule, as the engine finds it. $field: the field at
## fault, as the world's JSON names it (users[2].name), kept as it is in every language.
world-host-name = { $field }: “{ $name }” is not a host name
world-user-name = { $field }: “{ $name }” is not a user name (no spaces, no @)
world-user-twice = { $field }: “{ $name }” appears twice
world-alias-empty = { $field }: the alias “{ $name }” has no members
world-no-recipients = { $field }: must be at least 1
world-line-length = { $field }: from { $min } to { $max }
world-too-many-rules = { $field }: at most { $max } rules
world-greylisting-too-long = { $field }: at most { $max } seconds (35 days)
# $server: the server's name, e.g. Postfix 3.7
world-notice-unsupported = { $field }: { $server } sends a one-line greeting; only Exim sends a notice before it
world-notice-lines = { $field }: at most { $max } lines
world-notice-line = { $field }: at most { $max } characters, with no line breaks or control characters
rule-nth-zero = { $field }: counts from 1
rule-percent = { $field }: at most { $max }
rule-empty-pattern = { $field }: an empty pattern matches nothing; leave it out to match any address
rule-pattern-too-long = { $field }: at most { $max } characters
rule-not-a-code = { $field }: { $code } is not an SMTP reply code (200 to 599)
rule-asks-for-input = { $field }: { $code } asks the client for more input; a rule may answer 2xx, 4xx or 5xx
rule-enhanced-class = { $field }: the enhanced code's class { $class } does not fit code { $code }
rule-text = { $field }: one line of 1 to { $max } characters
rule-delay = { $field }: at most { $max } ms (an hour)

## Share / save: a link that replays the session, and the lab as a file
share-menu = Share / save
share-link = Link that replays this session
share-link-length = { $count ->
    [one] 1 character.
   *[other] { $count } characters.
}
share-link-note = It holds the world, the seed and every step; opening it replays the session, offline too.
share-copy = Copy link
share-copied = Copied
share-save = Save the whole lab as a file
share-open = Open a lab file
share-bring-back = Bring back the lab put aside ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
}); this one goes aside in its place
# $mb.$tenth: the file's size in MB, one decimal
share-file-too-big = { $name } is too big for a lab file ({ $mb }.{ $tenth } MB; at most { $max } MB).
share-file-not-lab = { $name } is not a smtplab lab file: { $why }.
share-file-unreadable = { $name } could not be read: the browser could not read it as text.

## Export / import of the transcript (the files themselves stay in English)
export-menu = Export / import
export-swaks = Text (swaks style)
export-cs = Text (C:/S:)
export-json = JSON
export-import = Replay a C:/S: transcript
    .placeholder = Paste a transcript: its C: lines are sent to this server again
export-replay = Replay
# $example: a client line of a transcript, never translated
export-no-client-lines = No client lines found: a transcript has lines like `{ $example }`.

## The update banner
update-ready = A new version of smtplab is ready.
update-reload = Reload to update
update-updating = Updating…

## The timeline: stepping back through the session
timeline-label = Timeline
timeline-back = Step back
timeline-forward = Step forward
timeline-step = Step
timeline-live = Back to live
timeline-replay = Replay
timeline-speed = Speed
    .aria-label = Replay speed
timeline-speed-option = { $count ->
    [one] 1 step/s
   *[other] { $count } steps/s
}
timeline-viewing = Viewing step { $step } of { $count }: type to branch from here
timeline-live-steps = Live: { $count ->
    [one] 1 step
   *[other] { $count } steps
}
