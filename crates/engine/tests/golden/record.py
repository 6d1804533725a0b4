#!/usr/bin/env python3
# Copied from the workplace's shared/postfix-lab/record.py: the one recorder for both servers.
"""Record SMTP transcripts: run scripted client sessions against a server.

usage: smtp_record.py HOST:PORT SCENARIOS.json OUT.json

A scenario is {"name": ..., "steps": [step, ...]}; a step is one of
  "LINE"                       send LINE+CRLF, read one reply
  {"raw": "A\r\nB\r\n", "replies": N}   send bytes as-is, read N replies
  {"tls": true}                wrap the socket in TLS (after a 220 to STARTTLS)
  {"data": ["line", ...]}      send message lines, dot-stuffed, then ".", read one reply
  {"bdat": "text", "last": bool}  send BDAT chunk, read one reply
  {"cram": [user, password]}   AUTH CRAM-MD5, answering the server's challenge
Replies are recorded as lists of lines. The server's banner is recorded first.
"""
import json, socket, ssl, sys

def read_reply(f):
    lines = []
    while True:
        raw = f.readline()
        if not raw:
            lines.append("<EOF>")
            return lines
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        lines.append(line)
        if len(line) < 4 or line[3] != "-":
            return lines

def run(host, port, steps):
    s = socket.create_connection((host, port), timeout=8)
    f = s.makefile("rb")
    log = [{"c": None, "s": read_reply(f)}]
    for st in steps:
        try:
            if isinstance(st, str):
                s.sendall(st.encode("utf-8") + b"\r\n")
                log.append({"c": st, "s": read_reply(f)})
            elif "raw" in st:
                s.sendall(st["raw"].encode("utf-8"))
                log.append({"c": st["raw"], "s": [l for _ in range(st.get("replies", 1)) for l in read_reply(f)]})
            elif "tls" in st:
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                s = ctx.wrap_socket(s, server_hostname=host)
                f = s.makefile("rb")
                log.append({"c": "<TLS handshake>", "s": ["<ok " + s.version() + ">"]})
            elif "data" in st:
                body = b"".join((("." + l) if l.startswith(".") else l).encode("utf-8") + b"\r\n" for l in st["data"])
                s.sendall(body + b".\r\n")
                log.append({"c": "<message>", "s": read_reply(f)})
            elif "cram" in st:  # AUTH CRAM-MD5 with a computed response
                import base64, hashlib, hmac
                user, password = st["cram"]
                s.sendall(b"AUTH CRAM-MD5\r\n")
                first = read_reply(f)
                log.append({"c": "AUTH CRAM-MD5", "s": first})
                if first[-1].startswith("334 "):
                    challenge = base64.b64decode(first[-1][4:])
                    digest = hmac.new(password.encode(), challenge, hashlib.md5).hexdigest()
                    s.sendall(base64.b64encode(("%s %s" % (user, digest)).encode()) + b"\r\n")
                    log.append({"c": "<cram response for %s>" % user, "s": read_reply(f)})
            elif "bdat" in st:
                chunk = st["bdat"].encode("utf-8")
                cmd = b"BDAT %d%s\r\n" % (len(chunk), b" LAST" if st.get("last") else b"")
                s.sendall(cmd + chunk)
                log.append({"c": cmd.decode().strip(), "s": read_reply(f)})
        except Exception as e:  # a closed connection is part of the transcript
            log.append({"c": str(st), "s": ["<error %s>" % type(e).__name__]})
            break
    try:
        s.close()
    except Exception:
        pass
    return log

def main():
    hostport, scen, out = sys.argv[1:4]
    host, port = hostport.rsplit(":", 1)
    scenarios = json.load(open(scen))
    result = {sc["name"]: run(host, int(port), sc["steps"]) for sc in scenarios}
    json.dump(result, open(out, "w"), indent=1)

if __name__ == "__main__":
    main()
