// The course page's side of the smtplab embed API (docs/embedding.md): it sets the labs' URLs,
// checks every message it gets, resizes the frames, and keeps the learner's checklist.
// No inline script, no inline style: the page works under a strict CSP too.

const LAB = new URL("index.html", location.href); // the lab sits next to this page
const MIN_HEIGHT = 320;
const MAX_HEIGHT = 2000;

const frames = {
  guided: document.getElementById("guided"),
  sandbox: document.getElementById("sandbox"),
};
const ready = { guided: false, sandbox: false };

// Each checklist step and the event that completes it. Only structured fields are used
// (phase names, reply codes, the command a reply answers), never the reply text.
const steps = {
  greeted: (type, p) => type === "reply" && p.code === 250 && /^EHLO\s/i.test(p.command ?? ""),
  transaction: (type, p) => type === "phase-changed" && p.to === "Mail",
  delivered: (type) => type === "message-delivered",
  starttls: (type, p) => type === "phase-changed" && p.to === "TlsHandshake",
};

if (location.origin === "null") {
  for (const name of Object.keys(frames)) {
    status(name, "Open this page over http(s), not as a file: the labs need an origin.");
  }
} else {
  for (const [name, frame] of Object.entries(frames)) {
    const params = new URLSearchParams(frame.dataset.params ?? "");
    params.set("embed", "1");
    if (frame.dataset.script) params.set("script", frame.dataset.script);
    params.set("allow-origin", location.origin);
    frame.src = `${LAB.href}?${params}`;
    status(name, "Loading the lab…");
  }
}

addEventListener("message", (event) => {
  if (event.origin !== LAB.origin) return;
  const name = Object.keys(frames).find((n) => frames[n].contentWindow === event.source);
  if (!name) return;
  const data = event.data;
  if (data === null || typeof data !== "object") return;

  if (data.subject === "lti.frameResize") {
    const height = Number(data.height);
    if (Number.isFinite(height) && height > 0) {
      frames[name].style.height = `${Math.round(Math.min(Math.max(height, MIN_HEIGHT), MAX_HEIGHT))}px`;
    }
    return;
  }
  if (data.source !== "smtplab" || data.v !== 1 || typeof data.type !== "string") return;
  const payload = data.payload !== null && typeof data.payload === "object" ? data.payload : {};
  logEvent(name, data.type, payload);

  switch (data.type) {
    case "ready":
      ready[name] = true;
      status(name, `Ready: smtplab ${payload.version ?? "?"}, profile ${payload.profile ?? "?"}.`);
      if (name === "sandbox") {
        for (const id of ["send-ehlo", "reset-sandbox"]) document.getElementById(id).disabled = false;
      }
      break;
    case "reply":
      if (name === "guided" && typeof payload.command === "string" && /^EHLO\s/i.test(payload.command)) {
        status(name, `The server answered ${payload.command} with ${payload.code} and ${payload.lines?.length ?? 0} lines. Select a line to see what it means.`);
      }
      break;
    case "error":
      status(name, `The lab reported a problem: ${payload.message ?? "unknown"}`);
      break;
  }
  if (name === "sandbox") {
    for (const [step, done] of Object.entries(steps)) {
      if (done(data.type, payload)) check(step);
    }
  }
});

document.getElementById("send-ehlo").addEventListener("click", () => {
  post("sandbox", "send-command", { command: "EHLO student.example.org" });
});
document.getElementById("reset-sandbox").addEventListener("click", () => {
  post("sandbox", "reset", {});
});

function post(name, type, payload) {
  if (!ready[name]) return;
  frames[name].contentWindow.postMessage({ source: "smtplab", v: 1, type, payload }, LAB.origin);
}

function check(step) {
  const box = document.getElementById(`step-${step}`);
  if (box.checked) return;
  box.checked = true;
  box.closest("li").classList.add("done");
  const total = Object.keys(steps).length;
  const done = Object.keys(steps).filter((s) => document.getElementById(`step-${s}`).checked).length;
  document.getElementById("progress-summary").textContent =
    done === total ? `All ${total} done. Well done!` : `${done} of ${total} done`;
}

function status(name, text) {
  document.getElementById(`${name}-status`).textContent = text;
}

function logEvent(name, type, payload) {
  const list = document.getElementById("events");
  const item = document.createElement("li");
  item.textContent = `${name}: ${type} ${JSON.stringify(payload)}`; // text only, never HTML
  list.append(item);
  while (list.children.length > 50) list.firstElementChild.remove();
}
