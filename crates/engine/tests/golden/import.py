#!/usr/bin/env python3
"""Turns record.py's output into golden `.smtp` transcripts.

usage: import.py SCENARIOS.json RECORDED.json OUT_DIR

A transcript is a header of `#` lines, then one event per line:
  S: text        a line the server sent (`S: <EOF>`: the server had hung up)
  C: text        a line the client sent, CRLF appended
  R: escaped     raw client bytes; \\r \\n \\\\ are escapes
  T: handshake   the TLS handshake after a 220 to STARTTLS
  X: cram U P    a CRAM-MD5 response for user U, password P, to the last challenge
"""
import json, os, sys

def esc(text):
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")

def server(lines, out):
    for line in lines:
        if line.startswith("<ok "):
            continue
        # A reset or broken pipe is the same fact as EOF: the server had hung up.
        out.append("S: " + ("<EOF>" if line.startswith("<error") else line))
    return any(l == "<EOF>" or l.startswith("<error") for l in lines)

def convert(scenario, log, version):
    out = ["# scenario: " + scenario["name"], "# recorded from: " + version, "# world: reference (shared/postfix-lab)"]
    server(log[0]["s"], out)
    i = 1
    for step in scenario["steps"]:
        if i >= len(log):
            break
        entry = log[i]; i += 1
        if isinstance(step, str):
            out.append("C: " + step)
        elif "raw" in step:
            out.append("R: " + esc(step["raw"]))
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
        if server(entry["s"], out):
            break
    return "\n".join(out) + "\n"

def main():
    scenarios, recorded, outdir = sys.argv[1:4]
    version = os.environ.get("RECORDED_FROM", "Postfix 3.7.11 (Debian 12)")
    logs = json.load(open(recorded))
    os.makedirs(outdir, exist_ok=True)
    for scenario in json.load(open(scenarios)):
        with open(os.path.join(outdir, scenario["name"] + ".smtp"), "w") as f:
            f.write(convert(scenario, logs[scenario["name"]], version))

if __name__ == "__main__":
    main()
