#!/usr/bin/env python3
# Grew from the workplace's shared/postfix-lab/record.py (waits, delays, EOF, half-closes, raw bytes and
# parallel recording are new here); the one recorder for both servers.
"""Record SMTP transcripts: run scripted client sessions against a server.

usage: record.py HOST:PORT SCENARIOS.json OUT.json [--service NAME=HOST:PORT ...]

A scenario is {"name": ..., "steps": [step, ...]} and may name a "service": another
listener of the same server with a recording-only configuration (`--service`). A step is
  "LINE"                       send LINE+CRLF, read one reply
  {"raw": "A\r\nB\r\n", "replies": N}   send text as-is, read N replies
  {"raw_hex": "00ff0d0a", "replies": N} send these bytes (NUL, invalid UTF-8…), read N replies
                               ("replies": 0: take only what arrives within NO_WAIT seconds)
  {"tls": true}                wrap the socket in TLS (after a 220 to STARTTLS)
  {"data": ["line", ...]}      send message lines, dot-stuffed, then ".", read one reply
  {"bdat": "text", "last": bool}  send BDAT chunk, read one reply
  {"cram": [user, password]}   AUTH CRAM-MD5, answering the server's challenge
  {"filler": N}                DATA body of N octets (lines of "x", CRLF), then ".", read one reply
  {"filler": N, "via": "bdat"} "BDAT N LAST" and N octets of the same lines, read one reply
  {"filler": N, "via": "raw"}  only the N octets (after a raw BDAT command), read one reply
  {"wait": N}                  send nothing for N seconds; record whatever arrives
  {"close": true}              close our sending side; record whatever arrives until EOF
The server's banner is recorded first. Replies are lists of lines; three markers join them:
"<delay N>" before a reply that came N seconds (rounded) after the client's last send or the
previous reply, "<EOF>" when the server closed the connection, "<error X>" when a send or
read failed (a reset). After every step the recorder looks briefly for a close, and after
the last step it waits FINAL_WAIT seconds for whatever the server still does on its own.
Bytes that are not printable text are written as \\xNN, a backslash as \\\\.
"""
import json, select, socket, ssl, sys, time
from concurrent.futures import ThreadPoolExecutor

REPLY_TIMEOUT = 30.0   # the tarpit can hold a pipelined batch for many seconds
EOF_PEEK = 0.05        # after each step: did the server hang up?
CLOSE_WAIT = 3.0       # ... and after a 221, 421 or 521, which close (RFC 5321 §3.8, §4.2.2)
FINAL_WAIT = 2.0       # after the last step: what does the server do unprompted?
NO_WAIT = 0.3          # a raw step with "replies": 0 still takes what comes at once


def escape(raw):
    """Printable text as is; a backslash, controls and invalid UTF-8 escaped."""
    out, i = [], 0
    while i < len(raw):
        for n in (4, 3, 2, 1):
            try:
                ch = raw[i:i + n].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                break
        else:
            ch, n = None, 1
        if ch is None or ch < " " or ch == "\x7f":
            out.append("\\x%02x" % raw[i]); i += 1
        else:
            out.append("\\\\" if ch == "\\" else ch); i += n
    return "".join(out)


class Conn:
    """A socket with its own buffer, so that we know when each line arrived."""

    def __init__(self, sock):
        self.sock, self.buf, self.eof, self.arrived = sock, b"", False, 0.0

    def fill(self, timeout):
        if self.eof:
            return False
        pending = isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()
        if not pending and not select.select([self.sock], [], [], max(timeout, 0))[0]:
            return False
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, ssl.SSLWantReadError):
            return False  # TLS records that carried no data (session tickets)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return False
        if not self.buf:
            self.arrived = time.monotonic()
        self.buf += data
        return True

    def line(self, deadline):
        """(line, arrival) or (None, None) at EOF or the deadline."""
        while b"\n" not in self.buf:
            if not self.fill(deadline - time.monotonic()) and (self.eof or time.monotonic() >= deadline):
                return None, None
        raw, self.buf = self.buf.split(b"\n", 1)
        arrived = self.arrived
        if self.buf:
            self.arrived = time.monotonic() if arrived == 0 else arrived
        return escape(raw.rstrip(b"\r")), arrived

    def reply(self, since, deadline):
        """One reply's lines, led by "<delay N>" when it took N >= 1 seconds."""
        lines = []
        while True:
            line, arrived = self.line(deadline)
            if line is None:
                return lines + (["<EOF>"] if self.eof else [])
            if not lines:
                delay = round(arrived - since)
                if delay >= 1:
                    lines.append("<delay %d>" % delay)
                self.last = arrived
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                return lines

    def replies(self, n, since, deadline=None):
        out = []
        for _ in range(n):
            self.last = since
            got = self.reply(since, deadline or time.monotonic() + REPLY_TIMEOUT)
            out += got
            if not got or got[-1] == "<EOF>":
                break
            since = self.last
        return out

    def unprompted(self, seconds, since):
        """Everything that arrives within `seconds`, reply by reply, until EOF."""
        out, deadline = [], time.monotonic() + seconds
        while not self.eof and time.monotonic() < deadline:
            self.last = since
            got = self.reply(since, deadline)
            out += got
            if not got or got[-1] == "<EOF>":
                break
            since = self.last
        return out

    def hung_up(self, closing=False):
        if not self.buf:
            deadline = time.monotonic() + (CLOSE_WAIT if closing else EOF_PEEK)
            while not self.eof and not self.buf and time.monotonic() < deadline:
                self.fill(deadline - time.monotonic())
        return self.eof and not self.buf

    def send(self, data):
        self.sock.sendall(data)
        return time.monotonic()


def filler(n):
    """N octets of message lines: 998 "x" and CRLF each, the last one shorter."""
    full, rest = divmod(n, 1000)
    if rest == 1 and full:  # no one-octet line: the last full line takes it
        return (b"x" * 998 + b"\r\n") * (full - 1) + b"x" * 999 + b"\r\n"
    return (b"x" * 998 + b"\r\n") * full + (b"x" * (rest - 2) + b"\r\n" if rest >= 2 else b"x" * rest)


def step(conn, st, host, log):
    if isinstance(st, str):
        t = conn.send(st.encode("utf-8") + b"\r\n")
        log.append({"c": st, "s": conn.replies(1, t)})
    elif "raw" in st or "raw_hex" in st:
        data = bytes.fromhex(st["raw_hex"]) if "raw_hex" in st else st["raw"].encode("utf-8")
        t = conn.send(data)
        n = st.get("replies", 1)
        # "replies": 0 sends without waiting for a reply, but whatever answer comes at once
        # (within NO_WAIT seconds) still belongs to this step.
        got = conn.replies(n, t) if n else conn.unprompted(NO_WAIT, t)
        log.append({"c": escape(data), "s": got})
    elif "tls" in st:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        conn.sock = ctx.wrap_socket(conn.sock, server_hostname=host)
        log.append({"c": "<TLS handshake>", "s": ["<ok " + conn.sock.version() + ">"]})
    elif "data" in st:
        body = b"".join((("." + l) if l.startswith(".") else l).encode("utf-8") + b"\r\n" for l in st["data"])
        t = conn.send(body + b".\r\n")
        log.append({"c": "<message>", "s": conn.replies(1, t)})
    elif "cram" in st:  # AUTH CRAM-MD5 with a computed response
        import base64, hashlib, hmac
        user, password = st["cram"]
        first = conn.replies(1, conn.send(b"AUTH CRAM-MD5\r\n"))
        log.append({"c": "AUTH CRAM-MD5", "s": first})
        if first and first[-1].startswith("334 "):
            challenge = base64.b64decode(first[-1][4:])
            digest = hmac.new(password.encode(), challenge, hashlib.md5).hexdigest()
            t = conn.send(base64.b64encode(("%s %s" % (user, digest)).encode()) + b"\r\n")
            log.append({"c": "<cram response for %s>" % user, "s": conn.replies(1, t)})
    elif "bdat" in st:
        chunk = st["bdat"].encode("utf-8")
        cmd = b"BDAT %d%s\r\n" % (len(chunk), b" LAST" if st.get("last") else b"")
        t = conn.send(cmd + chunk)
        log.append({"c": cmd.decode().strip(), "s": conn.replies(1, t)})
    elif "filler" in st:
        n = st["filler"]
        via = st.get("via", "data")
        data = {"bdat": b"BDAT %d LAST\r\n" % n, "data": b"", "raw": b""}[via] + filler(n) + (b".\r\n" if via == "data" else b"")
        t = conn.send(data)
        log.append({"c": "<filler %d>" % n, "s": conn.replies(1, t)})
    elif "wait" in st:
        log.append({"c": "<wait %s>" % st["wait"], "s": conn.unprompted(st["wait"], time.monotonic())})
    elif "close" in st:
        conn.sock.shutdown(socket.SHUT_WR)
        log.append({"c": "<close>", "s": conn.unprompted(REPLY_TIMEOUT, time.monotonic())})


def run(host, port, steps):
    conn = Conn(socket.create_connection((host, port), timeout=REPLY_TIMEOUT))
    log = [{"c": None, "s": conn.replies(1, time.monotonic())}]
    for st in steps:
        try:
            step(conn, st, host, log)
            if log[-1]["s"][-1:] == ["<EOF>"]:
                break
            last = next((l for l in reversed(log[-1]["s"]) if l[:1].isdigit()), "")
            if conn.hung_up(closing=last[:3] in ("221", "421", "521")):
                log[-1]["s"].append("<EOF>")
                break
        except Exception as e:  # a closed connection is part of the transcript
            log.append({"c": str(st), "s": ["<error %s>" % type(e).__name__]})
            break
    else:
        log.append({"c": "<end>", "s": conn.unprompted(FINAL_WAIT, time.monotonic())})
    try:
        conn.sock.close()
    except Exception:
        pass
    return log


def main():
    hostport, scen, out = sys.argv[1:4]
    services = {}
    args = sys.argv[4:]
    while args:
        flag, value, args = args[0], args[1], args[2:]
        assert flag == "--service", "unknown option %s" % flag
        name, address = value.split("=", 1)
        services[name] = address
    scenarios = json.load(open(scen))

    def one(sc):
        started = time.monotonic()
        try:
            return record_one(sc)
        finally:
            if time.monotonic() - started > 30:
                print("record.py: %s took %.0f s" % (sc["name"], time.monotonic() - started), file=sys.stderr)

    def record_one(sc):
        address = services.get(sc["service"]) if "service" in sc else hostport
        if address is None:
            return sc["name"], None
        host, port = address.rsplit(":", 1)
        return sc["name"], run(host, int(port), sc["steps"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        result = {name: log for name, log in pool.map(one, scenarios) if log is not None}
    json.dump(result, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
