// Share links and lab files in the browser: a link replays the session exactly, the
// learner's own lab is put aside and can be brought back, hostile links each get their
// own message (never a blank page, never HTML), and a saved lab file opens again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import { suite, openLab } from "./harness.mjs";

const state = suite({ before, after });

/** What the transcript shows, minus the event rows (notices differ by design). */
const wireRows = (log) => log.locator('li[data-from="client"] .text, li[data-from="server"] .text').allTextContents();

async function shareLink(page) {
  await page.getByText("Share / save").click();
  const link = await page.getByRole("textbox", { name: "Link that replays this session" }).inputValue();
  const said = await page.getByText(/\d+ characters\./).textContent();
  assert.equal(said.match(/(\d+) characters/)[1], String(link.length), "the length shown is the link's");
  await page.getByText("Share / save").click();
  return link;
}

test("a shared session replays to the same transcript and mailbox", async () => {
  const { page, log, type, errors } = await openLab(state);
  for (const line of ["EHLO client.example.org", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"]) {
    await type(line);
  }
  await page.getByRole("textbox", { name: "Message" }).fill("Subject: shared\n\n.dot\nbye");
  await page.getByRole("button", { name: "Send message" }).click();
  await log.getByText(/queued as/).waitFor();
  await type("NOOP");
  const rows = await wireRows(log);
  const link = await shareLink(page);
  assert.ok(link.includes("#s="), link);

  const other = await openLab(state, undefined, link);
  await other.page.getByText(/Opened a shared session \(\d+ steps?\)/).waitFor();
  assert.deepEqual(await wireRows(other.log), rows, "the same lines, in order");
  assert.equal(new URL(other.page.url()).hash, "", "the fragment is dropped so a reload shows the saved lab");
  await other.page.getByRole("tab", { name: "Mailboxes" }).click();
  await other.page.getByText("Subject: shared").first().waitFor();
  assert.deepEqual([...errors, ...other.errors], []);
});

test("opening a link puts the learner's own lab aside, and it can be brought back", async () => {
  const { page, log, type } = await openLab(state);
  await type("HELO mine.example");
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  const payload = deflateRawSync(JSON.stringify({ v: 1, s: 1, t: 1_000, p: [{ c: [5, "EHLO theirs.example"] }] }));
  await page.goto(`${state.site.url}#s=${payload.toString("base64url")}`);
  await page.getByText("Your own lab was put aside.").waitFor();
  assert.ok((await wireRows(log)).includes("EHLO theirs.example"));
  await page.getByRole("button", { name: "Bring back my own lab" }).click();
  await log.getByText("HELO mine.example").waitFor();
  assert.ok(!(await wireRows(log)).includes("EHLO theirs.example"));
});

const link = (json) => deflateRawSync(typeof json === "string" ? json : JSON.stringify(json)).toString("base64url");
const HOSTILE = [
  ["empty", "", /holds no session/],
  ["not base64", "abc$def", /character 4 is not part of a share link/],
  ["script as the link", "<script>alert(1)</script>", /character 1 is not part of a share link/],
  ["cut mid-character", "A", /cut short/],
  ["truncated", link({ v: 1, s: 1, t: 1, p: [{ c: [0, "EHLO x".repeat(40)] }] }).slice(0, 30), /cut short|damaged/],
  ["random bytes", Buffer.alloc(48, 0xff).toString("base64url"), /compressed data is corrupt/],
  ["a zip bomb", link(`{"v":1,"s":1,"t":1,"p":[],"x":"${" ".repeat(3 << 20)}"}`), /grows past 1024 KB/],
  ["not text", deflateRawSync(Buffer.from([0xff, 0xfe, 0x80])).toString("base64url"), /not text/],
  ["deep nesting", link("[".repeat(3000) + "]".repeat(3000)), /nested more than 16 levels/],
  ["not JSON", link("hello"), /not a smtplab session/],
  ["no version", link({ s: 1, t: 1, p: [] }), /missing field `v`/],
  ["a newer version", link({ v: 9, s: 1, t: 1, p: [] }), /share format 9; this smtplab reads format 1/],
  ["unknown field", link({ v: 1, s: 1, t: 1, p: [], admin: true }), /unknown field `admin`/],
  ["unknown step", link({ v: 1, s: 1, t: 1, p: [{ rm: [0, "-rf"] }] }), /unknown variant `rm`/],
  ["huge number", link('{"v":1,"s":1e999,"t":1,"p":[]}'), /not a smtplab session/],
  ["time out of range", link({ v: 1, s: 1, t: 5, p: [{ c: [-10, "NOOP"] }] }), /times are out of range/],
  ["too many steps", link({ v: 1, s: 1, t: 1, p: Array(5001).fill("k") }), /5001 steps; at most 5000/],
  ["bad world", link({ v: 1, w: { hostname: "" }, s: 1, t: 1, p: [] }), /world is not valid: hostname/],
  ["too long", "A".repeat(70_000), /too long \(70,000 characters; at most 65,536 are read\)/],
];

test(`${HOSTILE.length} hostile links: each its own message, the lab still works`, async () => {
  assert.ok(HOSTILE.length >= 15);
  const { page, log, type, errors } = await openLab(state);
  for (const [name, payload, message] of HOSTILE) {
    await page.goto(`${state.site.url}#s=${payload}`);
    const alert = page.getByRole("alert").filter({ hasText: "This share link could not be opened" });
    await alert.waitFor();
    assert.match(await alert.textContent(), message, name);
    assert.equal(await page.locator("main script, main img, main iframe").count(), 0, name);
  }
  await type("NOOP");
  assert.equal(await log.locator('[data-from="server"] .text').last().textContent(), "250 2.0.0 Ok");
  assert.deepEqual(errors, []);
});

test("strings in a link stay text", async () => {
  const evil = link({ v: 1, s: 1, t: 1, p: [{ c: [1, "<img src=x onerror=window.__owned=1>"] }, { p: [1, ["<script>window.__owned=2</script>", "NOOP"]] }] });
  const { page, log, errors } = await openLab(state, undefined, `${state.site.url}#s=${evil}`);
  await log.getByText("<img src=x onerror=window.__owned=1>").waitFor();
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  assert.equal(await log.locator("img, script").count(), 0);
  assert.deepEqual(errors, []);
});

test("the whole lab saves to a file and opens again elsewhere", async () => {
  const { page, log, type } = await openLab(state);
  await type("EHLO saved.example");
  await type("MAIL FROM:<alice@example.com>");
  await page.getByText("Share / save").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Save the whole lab as a file" }).click(),
  ]);
  const file = await download.path();
  const saved = JSON.parse(await readFile(file, "utf8"));
  assert.equal(saved.version, 2);
  assert.ok(saved.session.p.length >= 2, "the file holds the steps that replay the lab");

  const other = await openLab(state);
  await other.page.getByText("Share / save").click();
  await other.page.getByLabel("Open a lab file").setInputFiles(file);
  await other.log.getByText("MAIL FROM:<alice@example.com>").waitFor();
  await other.page.getByText(/Lab file opened \(\d+ steps\)/).waitFor();
  await other.page.getByRole("button", { name: "Bring back my own lab" }).waitFor();

  await other.page.getByLabel("Open a lab file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"version":1,"lab":{"oops":true}}') });
  await other.page.getByText(/notes\.json is not a smtplab lab file:/).waitFor();
  assert.ok((await wireRows(other.log)).includes("EHLO saved.example"), "a bad file changes nothing");
  void log;
});

test("the Share / save menu opens inside the window at every width, in both languages", async () => {
  const { page, errors } = await openLab(state);
  for (const lang of ["en", "it"]) {
    if (lang === "it") await page.getByRole("combobox", { name: "Language" }).selectOption("it");
    const menu = lang === "en" ? "Share / save" : "Condividi / salva";
    for (const width of [390, 900, 1100, 1150, 1200, 1280, 1325, 1400, 1600]) {
      await page.setViewportSize({ width, height: 800 });
      await page.getByText(menu, { exact: true }).click();
      const box = await page.locator(".share-menu").boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${lang} at ${width}px: the menu lies at ${box.x}..${box.x + box.width}`);
      await page.getByText(menu, { exact: true }).click();
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Links to two sessions (EHLO a.example, EHLO b.example) made in other pages, and a lab
 * of the learner's own (EHLO own.example); `shows(host)` waits for that session's EHLO
 * and resolves to the EHLO lines shown.
 */
async function ownLabAndTwoLinks() {
  const links = [];
  for (const host of ["a.example", "b.example"]) {
    const other = await openLab(state);
    await other.type(`EHLO ${host}`);
    links.push(await shareLink(other.page));
    await other.page.close();
  }
  const { page, log, type, errors } = await openLab(state);
  await type("EHLO own.example");
  const shows = async (host) => {
    await log.getByText(`EHLO ${host}`, { exact: true }).waitFor();
    return (await wireRows(log)).filter((t) => t.startsWith("EHLO "));
  };
  return { links, page, shows, errors };
}

test("the lab put aside stays within reach: after a reload, after a second link, and swapped back and forth", async () => {
  const { links, page, shows, errors } = await ownLabAndTwoLinks();
  await page.goto(links[0]);
  assert.deepEqual(await shows("a.example"), ["EHLO a.example"]);
  // A second link over the first, unchanged: the learner's own lab stays the one aside.
  await page.goto(links[1]);
  assert.deepEqual(await shows("b.example"), ["EHLO b.example"]);
  await page.reload();
  await shows("b.example");
  assert.equal(await page.getByRole("button", { name: "Bring back my own lab" }).count(), 0, "the notice is gone after a reload");
  await page.getByText("Share / save").click();
  await page.getByRole("button", { name: /^Bring back the lab put aside \(\d+ steps?\)/ }).click();
  assert.deepEqual(await shows("own.example"), ["EHLO own.example"]);
  // Bringing it back put the shared lab aside in its place: nothing was dropped.
  await page.getByRole("button", { name: /^Bring back the lab put aside/ }).click();
  assert.deepEqual(await shows("b.example"), ["EHLO b.example"]);
  await page.getByRole("button", { name: /^Bring back the lab put aside/ }).click();
  assert.deepEqual(await shows("own.example"), ["EHLO own.example"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("swapping back and forth, then opening another link, still keeps the learner's own lab aside; a lesson offers no swap", async () => {
  const { links, page, shows, errors } = await ownLabAndTwoLinks();
  const swap = async () => {
    await page.getByText("Share / save").click();
    await page.getByRole("button", { name: /^Bring back the lab put aside/ }).click();
    await page.getByText("Share / save").click();
  };
  await page.goto(links[0]);
  await shows("a.example");
  await swap();
  assert.deepEqual(await shows("own.example"), ["EHLO own.example"]);
  await swap();
  assert.deepEqual(await shows("a.example"), ["EHLO a.example"]);
  // The shared lab is shown again, unchanged: a second link does not cover the own lab.
  await page.goto(links[1]);
  await shows("b.example");
  await swap();
  assert.deepEqual(await shows("own.example"), ["EHLO own.example"]);
  // During a lesson the menu does not offer the swap (the lesson would come back over it).
  await page.getByRole("tab", { name: "Lessons" }).click();
  await page.getByRole("button", { name: "Your first message", exact: true }).click();
  await page.getByRole("article", { name: "Lesson: Your first message" }).waitFor();
  await page.getByText("Share / save").click();
  await page.getByRole("button", { name: "Copy link" }).waitFor();
  assert.equal(await page.getByRole("button", { name: /^Bring back the lab put aside/ }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
