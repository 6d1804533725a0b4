# The lab: the page, the console, the transcript, the diagrams and the explanation.

## The explanation of one reply
explain-label = Explanation
explain-empty = Send a command; then select any reply to see what it means.
explain-wire-note = The reply is the server's own text, exactly as sent, in every language; the explanation is smtplab's.
explain-code = Code
explain-enhanced = Enhanced status code
explain-what-happened = What happened
explain-rule = Rule
explain-rule-noted = { $rule } ({ $note })
explain-source = Where this text comes from
explain-source-recorded = Recorded from the real { $server }.
explain-source-transcript = { $server }: copied from { $from }.
explain-source-none = { $server }: no public transcript shows this reply ({ $why }).
explain-closes = After this reply the server closes the connection.
explain-fix = Try instead
explain-sequence = Out of sequence
explain-sequence-text = The session was in phase { $phase } and got { $got }. It was waiting for { $waiting }. Accepted there:

## The status pills, under the console and the state diagram
pill-server = Server: { $server }
pill-phase = Phase: { $phase }
pill-tls-on = TLS: on
pill-tls-off = TLS: off
pill-login-none = Authenticated: no
pill-login-as = Authenticated: as { $user }
pill-errors = Errors: { $count }

## The diagrams
diagrams-label = Diagrams
diagram-sequence = Sequence diagram
diagram-states = State diagram
diagram-export-svg = Export SVG
diagram-export-png = Export PNG
diagram-drawing = The drawing (scrolls on small screens)
diagram-waiting = Waiting for { $waiting }.
diagram-waiting-valid = Waiting for { $waiting }. Valid from here: { $valid }
states-transaction = mail transaction
states-closed-note = { $closed } (QUIT from any phase)

## Events in the transcript (what happened to the connection)
event-connected = Connected to { $host } (simulated, port { $port }).
event-not-sent = Not sent: { $error }. Press Reconnect to start a new session.
event-ready-for-tls = The server is ready for TLS. Press “Start TLS handshake”, then send EHLO again.
event-delivered = Message { $id } delivered to { $user }'s mailbox.
event-relayed = Message { $id } delivered to a remote server (relayed).
event-server-closed = The server closed the connection.
event-pipelined = Sent { $count ->
    [one] 1 line
   *[other] { $count } lines
} as one pipelined chunk.
event-handshake = TLS handshake done (simulated): from here on the connection is encrypted.
event-client-closed = You closed the connection.
event-settings-applied = Settings applied: a new session with the new world (mailboxes kept).
event-junk-limit = From here on HELO, EHLO, RSET, NOOP, VRFY and ETRN count as errors: more than { $limit } of these junk commands came (Postfix's smtpd_junk_command_limit). Select the reply above for more.
event-waited = The lab's clock moved on by { $duration }, with nothing sent (simulated: no real waiting).
duration-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
notice-branched = Branched from step { $count }: the later steps were dropped.
notice-undo-branch = Undo: bring them back

## The page
tagline = Type SMTP to a simulated mail server. It answers like { $server }, and explains every reply.
panels-help = Help
panels-label = Panels
tab-lessons = Lessons
tab-explain = Explain
tab-commands = Commands
tab-codes = Reply codes
tab-auth = AUTH helpers
tab-mailboxes = Mailboxes
tab-settings = Settings
pane-explanation = Explanation pane
skip-to-command = Skip to the command line
pane-lesson = Lesson pane
embed-open-full = Open in full lab
language-label = Language
language-note = Explanations are translated; the server's replies stay in its own English, as a real server sends them.

## Notices
notice-link-broken = This share link could not be opened: { $why }.
notice-link-opened = Opened a shared session ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
}), replayed to where it was shared.
notice-link-opened-aside = Opened a shared session ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
}), replayed to where it was shared. Your own lab was put aside.
notice-save-unreadable = Your saved lab could not be read ({ $why }), so a fresh one was started.
notice-message-unreadable = The message you were writing could not be read back ({ $why }), so the message box starts empty.
notice-file-opened = Lab file opened ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
}). Your lab before it was put aside.
notice-download-unreadable = Download the unreadable data
notice-bring-back = Bring back my own lab
notice-dismiss = Dismiss
notice-not-saved = Your lab is not being saved: { $problem }. Export the transcript to keep it.
notice-aside-failed = Your lab could not be put aside ({ $problem }), so nothing was replaced.
notice-language-failed = { $lang } could not be loaded ({ $why }); the lab stays in English.
problem-parameter = Parameter '{ $parameter }': { $why }
problem-world-fetch = { $url } could not be loaded: { $why }.
## Why a file or an address could not be read (the end of a sentence)
fetch-failed = the request failed (offline, or blocked)
# $status: the HTTP status, e.g. 404
fetch-status = the server answered { $status }
file-not-text = it is not text
problem-theme = expected light, dark or auto, got '{ $got }'.
problem-lang = the interface is not available in '{ $got }'; available: { $available }.
problem-profile = unknown server profile '{ $got }'; available: { $available }.
problem-seed = expected a whole number from 0 to 18446744073709551615, got '{ $got }'.
problem-origin = expected origins such as https://moodle.example.edu, got '{ $got }'.
problem-unknown = not a parameter smtplab knows; see docs/embedding.md.
problem-panes = expected a list of explain, sequence (or none), got '{ $got }'.
problem-too-long = longer than { $max } characters.
problem-script-lines = { $count } commands; at most { $max } are pre-run.
problem-lesson-id = expected a lesson's id such as first-message, or a .json URL, got '{ $got }'.
problem-flag = expected 1 or 0, got '{ $got }'.
problem-world-encoding = not base64url (the world's JSON, encoded) nor a .json URL.
problem-world-not-text = the decoded world is not text.
problem-world-invalid = the world is not valid: { $why }.
problem-url-backslash = a { $what ->
    [lesson] lesson
   *[world] world
} URL may not contain a backslash: '{ $got }'.
problem-url-other-site = a { $what ->
    [lesson] lesson
   *[world] world
} URL must be on this site ({ $site }); '{ $got }' is not.
problem-world-url = expected a .json URL or the world's JSON in base64url, got '{ $got }'.
problem-lesson-url = expected a .json URL or a lesson's id, got '{ $got }'.

## The transcript
transcript-label = Transcript
transcript-announcements = Replies as they arrive
transcript-client = client:
transcript-explain-reply = Explain this reply

## The console
console-label = Console
console-connection = Connection
console-connect = Connect
console-reconnect = Reconnect
console-disconnect = Disconnect
console-handshake = Start TLS handshake
console-clear = Clear
wait-menu = Let time pass
wait-explained = Move the lab's clock on at once, sending nothing: the server does what it would do meanwhile (a greylisting delay runs out, an idle session times out).

## The command line and its hint
command-input = SMTP command
command-placeholder = e.g. EHLO client.example.org, then Enter
hint-valid-now = Valid now:
hint-closed = The connection is closed. Press Connect to start a new session.
hint-auth = The server waits for the base64 answer to its 334 challenge (* cancels). The AUTH helpers build it.
hint-handshake = Press “Start TLS handshake”; the server reads nothing else until then.
hint-valid-tab = Valid now: { $valid }. Tab completes.
hint-command-valid = { " " }— valid now. { $summary }
hint-command-invalid = { " " }— not valid now. { $summary }
hint-press-tab = Press Tab to complete.
hint-unknown = { $word } is not an SMTP command; the server will answer { $answer }

## The message composer (after 354)
composer-label = Message (headers, a blank line, the body)
composer-message = Message
composer-placeholder-body = The body. A line with a single dot ends the message.
composer-keys = Ctrl+Enter (⌘+Enter on a Mac) sends the message.
composer-wire = What goes on the wire
composer-wire-preview = Wire preview
composer-raw = Raw: send exactly what I typed (bare LF, no dot-stuffing, no final dot)
composer-send-raw = Send raw bytes
composer-send = Send message
composer-warning-no-blank-line = No blank line: everything will be read as headers. Leave an empty line before the body.
composer-warning-dot-stuffing = Lines starting with a dot get a second dot on the wire (dot-stuffing); the server removes it.

## Find in the transcript
find-label = Find in transcript
find-at = { $at } of { $count }
find-found = { $count } found
find-previous = Previous match
find-next = Next match
find-copy-all = Copy all

## The sequence diagram
sequence-client = Client
sequence-server = Server
sequence-skipped = { $count ->
    [one] 1 earlier arrow not drawn
   *[other] { $count } earlier arrows not drawn
}
sequence-body = message: { $lines ->
    [one] 1 line
   *[other] { $lines } lines
}, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } bytes
}
sequence-body-end = end of message ({ $lines ->
    [one] 1 line
   *[other] { $lines } lines
}, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } bytes
}): collapse
# Band names stand in the narrow margin beside the client: at most 14 characters.
band-greeting = greeting
band-tls = TLS, encrypted
band-transaction = transaction
band-quit = QUIT and close

## Why a share link could not be opened
link-empty = the link holds no session
link-too-long = the link is too long ({ $chars } characters; at most { $max } are read)
link-bad-character = the link is damaged: character { $at } is not part of a share link
link-cut-short = the link is cut short (its last characters are missing)
link-truncated = the link is cut short: the compressed session ends too early
link-damaged = the link is damaged: its compressed data is corrupt
link-too-big = the link's data grows past { $kb } KB when unpacked, so it was not opened
link-not-text = the link's data is not text
link-too-deep = the link's data is nested more than { $max } levels deep, so it was not read
link-version = the link was made in share format { $found }; this smtplab reads format { $ours }
link-schema = the link's data is not a smtplab session: { $why }
link-too-many-steps = the session holds { $steps } steps; at most { $max } are replayed
link-time = the session's times are out of range
link-world = the session's world is not valid: { $why }
