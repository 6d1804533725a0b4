#!/usr/bin/env python3
"""Turns record.py's output into golden `.smtp` transcripts.

usage: import.py SCENARIOS.json RECORDED.json OUT_DIR [--server postfix|exim]

A transcript is a header of `#` lines, then one event per line:
  S: text        a line the server sent (`S: <EOF>`: the server closed the connection)
  D: N           the next server line came N seconds (rounded) after the client's last
                 event or the previous reply: Postfix's tarpit, error sleep or timeout
  C: text        a line the client sent, CRLF appended
  R: escaped     raw client bytes; \\r \\n \\\\ and \\xNN are escapes
  N: K           after the `R:` before it, the recorder read K replies, not one (0: only
                 what came at once); the rest stayed in the socket for the next step
  T: handshake   the TLS handshake after a 220 to STARTTLS
  X: cram U P    a CRAM-MD5 response for user U, password P, to the last challenge
  F: N           N octets of message lines: 998 "x" and CRLF each, the last shorter
  W: N           the client sent nothing for N seconds
  H: close       the client closed its sending side
Server lines escape a backslash, controls and invalid UTF-8 the same way.
The header says `# recorded from:` the server; the golden runner never rewrites such a file.
A scenario recorded on a recording-only listener carries that listener's settings
(`# smtpd_timeout: 5s`), which the runner applies to the engine's world.
"""
import datetime, json, os, sys

SERVICES = {
    "short-timeout": ["# smtpd_timeout: 5s"],
    "submission-like": ["# smtpd_tls_security_level: encrypt",
                        "# smtpd_sender_restrictions: permit_sasl_authenticated, reject",
                        "# smtpd_delay_reject: no"],
    "no-extensions": ["# smtpd_discard_ehlo_keywords: pipelining, chunking, smtputf8"],
    "exim-greeting-notice": ["# smtp_banner: $smtp_active_hostname ESMTP Exim $version_number $tod_full"
                             "\\nWe do not authorize the use of this system to transport unsolicited,"
                             "\\nand/or bulk e-mail."],
}
# The server recorded (--server): its `# recorded from:` label and the headers of its world.
# Exim is recorded into golden/exim/ (xtask/exim-lab/); its idle timeout on the recording-only
# listener is smtp_receive_timeout, written as the world's smtpd_timeout all the same.
SERVERS = {
    "postfix": ("Postfix 3.7.11 (Debian 12)", ["# world: reference (shared/postfix-lab)"]),
    "exim": ("Exim 4.96 (Debian 12)", ["# world: reference (xtask/exim-lab)", "# profile: exim"]),
}


def esc(text):
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def esc_bytes(data):
    out = []
    for i, b in enumerate(data):
        if b == 0x5C:
            out.append("\\\\")
        elif b == 0x0D:
            out.append("\\r")
        elif b == 0x0A:
            out.append("\\n")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\x%02x" % b)
    return "".join(out)


def server(lines, out):
    """Appends the server's lines; true when the server had hung up."""
    for line in lines:
        if line.startswith("<ok "):
            continue
        if line.startswith("<delay "):
            out.append("D: " + line[7:-1])
            continue
        # A reset or broken pipe is the same fact as EOF: the server had hung up.
        out.append("S: " + ("<EOF>" if line.startswith("<error") else line))
    return any(l == "<EOF>" or l.startswith("<error") for l in lines)


def convert(scenario, log, version, world):
    out = ["# scenario: " + scenario["name"], "# recorded from: " + version] + world
    out += SERVICES.get(scenario.get("service"), [])
    server(log[0]["s"], out)
    i = 1
    for step in scenario["steps"]:
        if i >= len(log):
            break
        entry = log[i]; i += 1
        if isinstance(step, str):
            out.append("C: " + step)
        elif "raw" in step or "raw_hex" in step:
            raw = esc(step["raw"]) if "raw" in step else esc_bytes(bytes.fromhex(step["raw_hex"]))
            out.append("R: " + raw)
            if step.get("replies", 1) != 1:
                out.append("N: %d" % step["replies"])
        elif "tls" in step:
            out.append("T: handshake")
        elif "data" in step:
            out.extend("C: " + ("." + l if l.startswith(".") else l) for l in step["data"])
            out.append("C: .")
        elif "bdat" in step:
            chunk = step["bdat"]
            cmd = "BDAT %d%s\r\n" % (len(chunk.encode()), " LAST" if step.get("last") else "")
            out.append("R: " + esc(cmd + chunk))
        elif "cram" in step:
            out.append("C: AUTH CRAM-MD5")
            done = server(entry["s"], out)
            if done or i >= len(log):
                break
            entry = log[i]; i += 1
            out.append("X: cram %s %s" % tuple(step["cram"]))
        elif "filler" in step:
            n = step["filler"]
            via = step.get("via", "data")
            out.extend({"bdat": ["C: BDAT %d LAST" % n, "F: %d" % n], "raw": ["F: %d" % n], "data": ["F: %d" % n, "C: ."]}[via])
        elif "wait" in step:
            out.append("W: %s" % step["wait"])
        elif "close" in step:
            out.append("H: close")
        if server(entry["s"], out):
            break
    else:
        if i < len(log):  # what came on its own after the last step
            server(log[i]["s"], out)
    return "\n".join(out) + "\n"


def main():
    scenarios, recorded, outdir = sys.argv[1:4]
    rest = sys.argv[4:]
    server = rest[1] if rest[:1] == ["--server"] and len(rest) == 2 else "postfix"
    assert not rest or rest[:1] == ["--server"] and server in SERVERS, "usage: --server " + "|".join(SERVERS)
    label, world = SERVERS[server]
    version = os.environ.get("RECORDED_FROM", "%s, %s" % (label, datetime.date.today()))
    logs = json.load(open(recorded))
    os.makedirs(outdir, exist_ok=True)
    for scenario in json.load(open(scenarios)):
        if scenario["name"] not in logs:
            continue
        with open(os.path.join(outdir, scenario["name"] + ".smtp"), "w") as f:
            f.write(convert(scenario, logs[scenario["name"]], version, world))


if __name__ == "__main__":
    main()
