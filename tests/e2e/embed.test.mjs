// Embedding (docs/embedding.md): a course page on a second loopback origin drives the lab by
// postMessage; a third origin is ignored and counted; lti.frameResize; every bad parameter shows
// its own message over a working lab; the example course page; the frame at 390x844 and 320x400.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtemp, mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, dist, shots } from "./harness.mjs";

const EHLO_REPLY = [
  "250-mail.example.com", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY", "250-ETRN", "250-STARTTLS",
  "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-DSN", "250-SMTPUTF8", "250 CHUNKING",
];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
  + "object-src 'none'; base-uri 'none'";
const SCHOOL_WORLD = { hostname: "mx.school.test", local_domains: ["school.test"] };
const b64url = (text) => Buffer.from(text).toString("base64url");

const state = {};

before(async () => {
  // The lab's origin: dist/ plus a world file for world=<relative URL>.
  state.dir = await mkdtemp(join(tmpdir(), "smtplab-embed-"));
  for (const name of await readdir(dist)) await symlink(join(dist, name), join(state.dir, name));
  await mkdir(join(state.dir, "test-worlds"));
  await writeFile(join(state.dir, "test-worlds", "school.json"), JSON.stringify(SCHOOL_WORLD));
  state.lab = await serve(state.dir);
  state.labOrigin = new URL(state.lab.url).origin;
  // Two more origins (other ports of 127.0.0.1): the course page, and a stranger.
  state.parent = await pages();
  state.stranger = await pages();
  state.browser = await launch();
  await mkdir(shots, { recursive: true });
});

after(async () => {
  await state.browser?.close();
  state.lab?.close();
  state.parent?.close();
  state.stranger?.close();
  if (state.dir) await rm(state.dir, { recursive: true, force: true });
});

/** A server of generated pages: /parent?src=&width=&height=&stranger= and /blank. */
async function pages() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/parent") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(parentPage(url.searchParams));
    } else if (url.pathname === "/blank") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>stranger</title><p>Not the course page.</p>");
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => server.close() };
}

const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** A course page: records every message from the lab's frame, in order, before the frame loads. */
function parentPage(q) {
  const stranger = q.get("stranger") ? `<iframe id="stranger" title="stranger" src="${attr(q.get("stranger"))}"></iframe>` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title>
<style>body{margin:0}iframe{border:0;display:block}</style></head><body>
<script>
window.messages = [];
addEventListener("message", (e) => {
  const lab = document.getElementById("lab");
  if (lab && e.source === lab.contentWindow) messages.push({ origin: e.origin, data: e.data });
});
</script>
<iframe id="lab" title="SMTP lab" width="${attr(q.get("width") ?? "800")}" height="${attr(q.get("height") ?? "600")}"
  src="${attr(q.get("src"))}"></iframe>
${stranger}
</body></html>`;
}

/** The lab's URL with these parameters (values encoded as URLSearchParams does). */
function labUrl(params) {
  return `${state.lab.url}index.html?${new URLSearchParams(params)}`;
}

/** Opens a course page on the parent origin that embeds the lab with `params`. */
async function embed(params, { width = 800, height = 600, stranger = false, viewport } = {}) {
  const page = await state.browser.newPage(viewport ? { viewport } : {});
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const q = new URLSearchParams({ src: labUrl(params), width: String(width), height: String(height) });
  if (stranger) q.set("stranger", `${state.stranger.origin}/blank`);
  await page.goto(`${state.parent.origin}/parent?${q}`);
  const lab = page.frameLocator("#lab");
  const messages = () => page.evaluate(() => window.messages);
  /** Waits for the first message (after `from` of them) that `match` accepts, and returns it. */
  const waitFor = async (match, what, from = 0, ms = 20_000) => {
    const until = Date.now() + ms;
    for (;;) {
      const found = (await messages()).slice(from).find((m) => match(m.data));
      if (found) return found;
      if (Date.now() > until) {
        throw new Error(`no ${what} within ${ms} ms; got: ${JSON.stringify(await messages(), null, 1).slice(0, 3000)}`);
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };
  const event = (type, match = () => true, from = 0) =>
    waitFor((d) => d?.source === "smtplab" && d.v === 1 && d.type === type && match(d.payload), `'${type}' event`, from);
  const post = (type, payload) => page.evaluate(({ message, origin }) => {
    document.getElementById("lab").contentWindow.postMessage(message, origin);
  }, { message: { source: "smtplab", v: 1, type, payload }, origin: state.labOrigin });
  const ignored = () => lab.locator("main").getAttribute("data-ignored-messages");
  return { page, lab, messages, waitFor, event, post, ignored, errors };
}

const enveloped = (list) => list.map((m) => m.data).filter((d) => d?.source === "smtplab");

test("a course page on another origin gets ready, then replies with the wire lines, and drives the lab", async () => {
  const { page, lab, messages, event, waitFor, post, errors } = await embed({ embed: "1", "allow-origin": state.parent.origin });
  const ready = await event("ready");
  assert.equal(ready.origin, state.labOrigin);
  assert.equal(typeof ready.data.payload.version, "string");
  assert.ok(ready.data.payload.version.length > 0);
  assert.equal(ready.data.payload.profile, "postfix");
  assert.equal(ready.data.payload.lang, "en");
  assert.equal(enveloped(await messages())[0].type, "ready", "ready comes before any other event");

  const greeting = await event("reply", (p) => p.code === 220);
  assert.deepEqual(greeting.data.payload, { code: 220, lines: ["220 mail.example.com ESMTP Postfix"], command: null });

  let seen = (await messages()).length;
  await post("send-command", { command: "EHLO x" });
  const reply = await event("reply", (p) => p.command === "EHLO x", seen);
  assert.equal(reply.data.payload.code, 250);
  assert.equal(reply.data.payload.lines[0], "250-mail.example.com");
  assert.deepEqual(reply.data.payload.lines, EHLO_REPLY);
  const phase = await event("phase-changed", (p) => p.to === "Greeted", seen);
  assert.deepEqual(phase.data.payload, { from: "Connected", to: "Greeted" });
  await lab.getByRole("log", { name: "Transcript" }).getByText("EHLO x", { exact: true }).waitFor();

  const resize = await waitFor((d) => d?.subject === "lti.frameResize", "lti.frameResize");
  assert.equal(typeof resize.data.height, "number");
  assert.ok(Number.isFinite(resize.data.height) && resize.data.height > 0, JSON.stringify(resize.data));
  assert.deepEqual(Object.keys(resize.data).sort(), ["height", "subject"]);

  // A whole transaction by send-command: the phases, then message-delivered.
  seen = (await messages()).length;
  for (const command of ["MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA",
    "Subject: sent by the course page", "", "Hello Bob.", "."]) {
    await post("send-command", { command });
  }
  const delivered = await event("message-delivered", () => true, seen);
  const d = delivered.data.payload;
  assert.match(d.queue_id, /^[0-9A-F]{10}$/);
  assert.equal(d.mailbox, "bob");
  assert.equal(d.from, "alice@example.com");
  assert.deepEqual(d.recipients, ["bob@example.com"]);
  assert.ok(Number.isInteger(d.bytes) && d.bytes > 0, JSON.stringify(d));
  const phases = enveloped((await messages()).slice(seen)).filter((e) => e.type === "phase-changed").map((e) => e.payload.to);
  for (const p of ["Mail", "Rcpt", "Data", "Greeted"]) assert.ok(phases.includes(p), `phase ${p} in ${phases}`);
  const queued = await event("reply", (p) => p.command === ".", seen);
  assert.match(queued.data.payload.lines[0], new RegExp(`^250 2\\.0\\.0 Ok: queued as ${d.queue_id}$`));

  // reset: a new session, the transcript cleared, a new greeting.
  seen = (await messages()).length;
  await post("reset", {});
  await event("reply", (p) => p.code === 220 && p.command === null, seen);
  const log = lab.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await log.locator('[data-from="client"]').count(), 0, "reset clears the transcript");
  assert.equal(await log.locator('[data-from="server"]').count(), 1, "only the new greeting");

  // Requests that cannot be carried out answer with an error event; the lab keeps working.
  seen = (await messages()).length;
  await post("load-lesson", { id: "x" });
  const lesson = await event("error", () => true, seen);
  assert.match(lesson.data.payload.message, /unknown lesson 'x'/i);
  seen = (await messages()).length;
  await post("send-command", {});
  assert.match((await event("error", () => true, seen)).data.payload.message, /command/);
  seen = (await messages()).length;
  await post("frobnicate", {});
  assert.match((await event("error", () => true, seen)).data.payload.message, /frobnicate/);
  seen = (await messages()).length;
  await post("set-profile", { profile: "exchange" });
  assert.match((await event("error", () => true, seen)).data.payload.message, /exchange/);
  seen = (await messages()).length;
  await post("set-profile", { profile: "postfix" });
  await post("send-command", { command: "NOOP" });
  await event("reply", (p) => p.command === "NOOP" && p.code === 250, seen);

  // load-lesson opens a lesson in its own session; its steps are heard as they pass.
  seen = (await messages()).length;
  await post("load-lesson", { id: "first-message" });
  await lab.getByRole("region", { name: "Lesson in progress" }).filter({ hasText: "Step 1 of 5" }).waitFor();
  await post("send-command", { command: "EHLO course.example" });
  const step = await event("lesson-step", () => true, seen);
  assert.deepEqual(step.data.payload, { lesson: "first-message", step: 1, steps: 5 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("messages from an origin that allow-origin does not list are ignored and counted", async () => {
  const { page, lab, messages, event, post, ignored, errors } = await embed(
    { embed: "1", "allow-origin": state.parent.origin }, { stranger: true });
  await event("ready");
  await event("reply", (p) => p.code === 220);
  assert.equal(await ignored(), "0");

  // A frame on a third origin posts a well-formed command into the lab.
  const stranger = page.frame({ url: `${state.stranger.origin}/blank` });
  await stranger.waitForLoadState();
  await stranger.evaluate(() => {
    window.parent.frames[0].postMessage({ source: "smtplab", v: 1, type: "send-command", payload: { command: "QUIT" } }, "*");
  });
  await lab.locator('main[data-ignored-messages="1"]').waitFor();
  await stranger.evaluate(() => {
    window.parent.frames[0].postMessage({ source: "smtplab", v: 1, type: "reset", payload: {} }, "*");
  });
  await lab.locator('main[data-ignored-messages="2"]').waitFor();

  // The allowed parent still drives it, and the stranger's QUIT never reached the server.
  const seen = (await messages()).length;
  await post("send-command", { command: "EHLO x" });
  await event("reply", (p) => p.command === "EHLO x" && p.code === 250, seen);
  const all = enveloped(await messages());
  assert.ok(!all.some((e) => e.type === "reply" && e.payload.command === "QUIT"), "the stranger's QUIT was not run");
  assert.ok(!all.some((e) => e.type === "phase-changed" && e.payload.to === "Closed"));
  const texts = await lab.getByRole("log", { name: "Transcript" }).locator('[data-from="client"] .text').allTextContents();
  assert.deepEqual(texts, ["EHLO x"]);
  assert.equal(await ignored(), "2");
  assert.deepEqual(errors, []);
  await page.close();
});

test("without allow-origin, events go to the embedding page's origin, and its commands are ignored", async () => {
  const { page, lab, event, post, ignored, messages } = await embed({ embed: "1" });
  const ready = await event("ready");
  assert.equal(ready.origin, state.labOrigin);
  await event("reply", (p) => p.code === 220);
  await post("send-command", { command: "EHLO x" });
  await lab.locator('main[data-ignored-messages="1"]').waitFor();
  assert.equal(await ignored(), "1");
  assert.ok(!enveloped(await messages()).some((e) => e.type === "reply" && e.payload.command === "EHLO x"));
  await page.close();
});

test("events are never posted to '*' when the origin is known: a parent that is not listed gets nothing", async () => {
  const { page, lab, messages } = await embed({ embed: "1", "allow-origin": state.stranger.origin });
  await lab.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').first().waitFor();
  await lab.getByRole("textbox", { name: "SMTP command" }).fill("EHLO x");
  await lab.getByRole("textbox", { name: "SMTP command" }).press("Enter");
  await lab.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').nth(1).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(await messages(), [], "the lab posted only to the listed origin");
  await page.close();
});

test("each bad parameter shows its own message, and the lab still works under it", async () => {
  const cases = [
    [{ theme: "blue" }, /Parameter 'theme': expected light, dark or auto, got 'blue'\./],
    [{ panes: "foo" }, /Parameter 'panes'.*'foo'/],
    [{ panes: "explain,foo" }, /Parameter 'panes'.*'foo'/],
    [{ world: "!!!" }, /Parameter 'world'.*base64/i],
    [{ world: b64url('{"nope":1}') }, /Parameter 'world'.*nope/],
    [{ world: b64url("not json") }, /Parameter 'world'/],
    [{ world: b64url('{"limits":{"recipients":0}}') }, /Parameter 'world'.*limits\.recipients: must be at least 1/],
    [{ lang: "it", world: b64url('{"limits":{"recipients":0}}') }, /Parametro 'world'.*limits\.recipients: deve essere almeno 1/],
    [{ world: "http://evil.example/w.json" }, /Parameter 'world'.*evil\.example/],
    [{ world: "//evil.example/w.json" }, /Parameter 'world'.*evil\.example/],
    [{ world: "test-worlds/missing.json" }, /Parameter 'world'.*the server answered 404/],
    [{ lang: "it", world: "test-worlds/missing.json" }, /Parametro 'world'.*il server ha risposto 404/],
    [{ world: "test-worlds/school.txt" }, /Parameter 'world'/],
    [{ profile: "exchange" }, /Parameter 'profile'.*'exchange'/],
    [{ lesson: "x" }, /Parameter 'lesson'.*unknown lesson 'x'/i],
    [{ scenario: "x" }, /Parameter 'scenario'.*unknown scenario 'x'/i],
    [{ lang: "fr" }, /Parameter 'lang'.*'fr'.*available: en, it/],
    [{ seed: "abc" }, /Parameter 'seed'.*'abc'/],
    [{ seed: "-1" }, /Parameter 'seed'/],
    [{ animate: "yes" }, /Parameter 'animate'.*'yes'/],
    [{ "allow-origin": "moodle.example.edu" }, /Parameter 'allow-origin'.*moodle\.example\.edu/],
    [{ colour: "red" }, /Parameter 'colour'/],
  ];
  const page = await state.browser.newPage({ viewport: { width: 390, height: 600 } });
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  for (const [params, message] of cases) {
    const what = JSON.stringify(params);
    await page.goto(labUrl({ embed: "1", ...params }));
    const alert = page.getByRole("alert").filter({ hasText: message });
    await alert.first().waitFor({ timeout: 15_000 }).catch(async () => {
      const shown = await page.getByRole("alert").allTextContents();
      assert.fail(`${what}: no alert matching ${message}; alerts: ${JSON.stringify(shown)}`);
    });
    assert.ok(await alert.first().isVisible(), `${what}: the message is visible`);
    // Never a blank frame: the console is there and the server has greeted.
    const input = page.getByRole("textbox", { name: /^(SMTP command|Comando SMTP)$/ });
    assert.ok(await input.isVisible(), `${what}: the console input is there`);
    await page.getByRole("log", { name: /^(Transcript|Trascrizione)$/ }).locator('[data-from="server"]').first().waitFor();
  }
  // The lab under a message still answers.
  await page.goto(labUrl({ embed: "1", theme: "blue" }));
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  await page.getByRole("textbox", { name: "SMTP command" }).fill("EHLO x");
  await page.getByRole("textbox", { name: "SMTP command" }).press("Enter");
  await log.getByText("250 CHUNKING", { exact: true }).waitFor();
  assert.deepEqual(requests.filter((u) => new URL(u).hostname !== "127.0.0.1"), [], "nothing fetched from another host");
  assert.deepEqual(errors, []);
  await page.close();
});

test("good parameters: worlds inline and by URL, seed, script typed out, panes, theme", async () => {
  const page = await state.browser.newPage({ viewport: { width: 800, height: 600 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const log = page.getByRole("log", { name: "Transcript" });
  const greeting = () => log.locator('[data-from="server"] .text').first().textContent();
  const noAlert = async (what) => assert.deepEqual(await page.getByRole("alert").allTextContents(), [], what);

  for (const world of [b64url(JSON.stringify(SCHOOL_WORLD)), "test-worlds/school.json", `${state.labOrigin}/test-worlds/school.json`]) {
    await page.goto(labUrl({ embed: "1", world }));
    await log.locator('[data-from="server"] .text').getByText("220 mx.school.test ESMTP Postfix").waitFor();
    await noAlert(world);
  }

  // The same seed and script give the same queue ID; the script runs DATA lines too.
  const script = ["EHLO x", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA", "Subject: seeded", "", "Hi.", "."].join("\n");
  const queueIds = [];
  for (let i = 0; i < 2; i++) {
    const fresh = await state.browser.newPage(); // a new context: nothing saved from the first run
    await fresh.goto(labUrl({ embed: "1", seed: "42", script }));
    const queued = fresh.getByRole("log", { name: "Transcript" }).locator('[data-from="server"] .text')
      .getByText(/^250 2\.0\.0 Ok: queued as [0-9A-F]{10}$/);
    await queued.waitFor();
    queueIds.push(await queued.textContent());
    assert.deepEqual(await fresh.getByRole("alert").allTextContents(), [], "seed and script");
    await fresh.close();
  }
  assert.equal(queueIds[0], queueIds[1]);

  // script with %20 (as in the docs) and with + (as URLSearchParams writes it).
  await page.goto(`${state.lab.url}index.html?embed=1&script=EHLO%20hand.example%0ANOOP`);
  await log.locator('[data-from="client"] .text').getByText("NOOP", { exact: true }).waitFor();
  assert.deepEqual(await log.locator('[data-from="client"] .text').allTextContents(), ["EHLO hand.example", "NOOP"]);

  // animate=1 types the commands out one by one (about 400 ms each).
  await page.goto(labUrl({ embed: "1", animate: "1", script: "EHLO x\nNOOP\nNOOP\nRSET" }));
  const client = log.locator('[data-from="client"] .text');
  await client.first().waitFor();
  const start = Date.now();
  assert.ok(await client.count() < 4, "not all at once");
  await client.nth(3).waitFor();
  assert.ok(Date.now() - start >= 700, `typed out over time (${Date.now() - start} ms for the last 3)`);
  await log.locator('[data-from="server"]').nth(4).waitFor();

  // panes.
  const explainPane = () => page.getByText("Send a command; then select any reply to see what it means.")
    .or(page.getByRole("article", { name: "Explanation" }));
  await page.goto(labUrl({ embed: "1", panes: "none" }));
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await page.getByRole("figure", { name: "Sequence diagram" }).count(), 0);
  assert.equal(await explainPane().count(), 0);
  assert.equal(await page.getByRole("tablist", { name: "Panels" }).count(), 0, "no side panels");
  assert.equal(await page.getByText(/Type SMTP to a simulated mail server/).count(), 0, "no page header");
  const heading = await page.getByRole("heading", { name: "smtplab", level: 1 }).boundingBox();
  assert.ok(heading.width <= 1 && heading.height <= 1, "the page's heading is for screen readers only");
  const full = page.getByRole("link", { name: "Open in full lab" });
  assert.equal(await full.getAttribute("target"), "_blank");
  assert.match(await full.getAttribute("href"), /#s=./);

  await page.goto(labUrl({ embed: "1", panes: "explain,sequence", script: "EHLO x" }));
  await page.getByRole("figure", { name: "Sequence diagram" }).waitFor();
  await explainPane().first().waitFor();
  await page.goto(labUrl({ embed: "1" }));
  await explainPane().first().waitFor();
  assert.equal(await page.getByRole("figure", { name: "Sequence diagram" }).count(), 0, "default panes: explain only");

  // theme: light and dark differ, and auto follows the system.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(labUrl({ embed: "1", theme: "light" }));
  await log.locator('[data-from="server"]').first().waitFor();
  const light = await background();
  await page.goto(labUrl({ embed: "1", theme: "dark" }));
  await log.locator('[data-from="server"]').first().waitFor();
  const dark = await background();
  assert.notEqual(light, dark);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(labUrl({ embed: "1", theme: "auto" }));
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await background(), dark);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(labUrl({ embed: "1" }));
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await background(), light);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the frame at phone size (390x844) and at 320x400: screenshots, and nothing wider than the frame", async () => {
  for (const [name, width, height, panes] of [["embed-390x844", 390, 844, "explain,sequence"], ["embed-320x400", 320, 400, "explain"]]) {
    const { page, lab, event, errors } = await embed(
      { embed: "1", panes, script: "EHLO student.example.org", "allow-origin": state.parent.origin },
      { width, height, viewport: { width: width + 20, height: height + 20 } });
    await event("reply", (p) => p.command === "EHLO student.example.org");
    await lab.getByRole("log", { name: "Transcript" }).getByText("250 CHUNKING", { exact: true }).waitFor();
    await lab.getByRole("textbox", { name: "SMTP command" }).waitFor();
    const frame = await (await page.locator("#lab").elementHandle()).contentFrame();
    const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `${name}: no horizontal scrolling (${scrollWidth} > ${clientWidth})`);
    // The learner can type without scrolling the frame first.
    const box = await frame.evaluate(() => {
      const r = document.querySelector('input[aria-label="SMTP command"]').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: innerHeight };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.height, `${name}: the command input is inside the frame (${JSON.stringify(box)})`);
    await page.locator("#lab").screenshot({ path: `${shots}${name}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the example course page: two labs, events checked, progress from events, send-command, resizing", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${state.lab.url}course-example.html`);
  await page.locator("#guided-status").getByText(/answered EHLO student\.example\.org with 250/).waitFor();
  await page.locator("#sandbox-status").getByText(/^Ready: smtplab .*, profile postfix\.$/).waitFor();
  const guided = page.frameLocator("#guided");
  const sandbox = page.frameLocator("#sandbox");
  await guided.getByRole("log", { name: "Transcript" }).getByText("250 CHUNKING", { exact: true }).waitFor();
  await guided.getByRole("figure", { name: "Sequence diagram" }).waitFor();
  assert.equal(await sandbox.getByRole("figure", { name: "Sequence diagram" }).count(), 0, "the sandbox has no panes");

  const step = (name) => page.getByRole("checkbox", { name });
  for (const name of ["Greeted the server with EHLO", "Started a transaction", "Delivered a message", "Used STARTTLS"]) {
    assert.equal(await step(name).isChecked(), false, `${name}: not yet (the guided lab's EHLO does not count)`);
  }
  await page.getByRole("button", { name: "Send EHLO to the sandbox" }).click();
  await sandbox.getByRole("log", { name: "Transcript" }).getByText("EHLO student.example.org", { exact: true }).waitFor();
  await page.locator('#step-greeted:checked').waitFor();
  assert.equal(await page.locator("#progress-summary").textContent(), "1 of 4 done");

  // The learner types in the sandbox.
  const input = sandbox.getByRole("textbox", { name: "SMTP command" });
  for (const line of ["MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"]) {
    await input.fill(line);
    await input.press("Enter");
  }
  await page.locator('#step-transaction:checked').waitFor();
  await sandbox.getByRole("textbox", { name: "Message" }).fill("Subject: my first mail\n\nHello Bob.");
  await sandbox.getByRole("button", { name: "Send message" }).click();
  await page.locator('#step-delivered:checked').waitFor();
  await input.fill("STARTTLS");
  await input.press("Enter");
  await page.locator('#step-starttls:checked').waitFor();
  assert.equal(await page.locator("#progress-summary").textContent(), "All 4 done. Well done!");

  // lti.frameResize sized the frames; the events list shows what came in, as text.
  for (const id of ["#guided", "#sandbox"]) {
    const height = await page.locator(id).evaluate((f) => f.style.height);
    assert.match(height, /^\d+px$/);
    assert.ok(parseInt(height, 10) < 2000, `${id}: the frame settles below the page's cap (${height})`);
  }
  const events = await page.locator("#events li").allTextContents(); // inside a closed <details>
  assert.ok(events.some((e) => e.startsWith("sandbox: message-delivered ")), events.join("\n"));

  // Start over: the sandbox's transcript is cleared; the progress stays.
  await page.getByRole("button", { name: "Start the sandbox over" }).click();
  await sandbox.getByRole("log", { name: "Transcript" }).locator('[data-from="client"]').first().waitFor({ state: "detached" });
  assert.equal(await step("Delivered a message").isChecked(), true);
  await page.screenshot({ path: `${shots}course-example.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the example course page works under the strict CSP (header, with frame-ancestors)", async () => {
  // The same files, served with the CSP as a header, as docs/embedding.md tells hosts to.
  const server = createServer(async (req, res) => {
    const { readFile } = await import("node:fs/promises");
    const { extname, normalize } = await import("node:path");
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json" };
    try {
      const body = await readFile(join(state.dir, path.endsWith("/") ? `${path}index.html` : path));
      res.writeHead(200, {
        "content-type": types[extname(path)] ?? "application/octet-stream",
        "content-security-policy": `${CSP}; frame-ancestors 'self'`,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const page = await state.browser.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/course-example.html`);
    await page.locator("#sandbox-status").getByText(/^Ready/).waitFor();
    await page.getByRole("button", { name: "Send EHLO to the sandbox" }).click();
    await page.locator('#step-greeted:checked').waitFor();
    const violations = [];
    for (const frame of page.frames()) violations.push(...await frame.evaluate(() => window.__violations ?? []));
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    server.close();
  }
});
