// Lessons as a learner and a teacher use them: lesson 1 typed by hand to its summary, a
// reload mid-lesson, hints and "Show me", a teacher's lesson file (and a broken one), a
// scenario in one click, the own lab kept aside; screenshots at two sizes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { deflateRawSync } from "node:zlib";
import { suite, openLab, shots, dist, serve } from "./harness.mjs";

const state = suite({ before, after });

/** Opens the lab, then the Lessons tab, and waits for the list. */
async function lessonsTab(viewport, url) {
  const lab = await openLab(state, viewport, url);
  await lab.page.getByRole("tab", { name: "Lessons" }).click();
  await lab.page.getByRole("button", { name: "Your first message" }).waitFor();
  return lab;
}

/** Opens a lesson from the list and waits for its fresh greeting. */
async function enter(lab, title) {
  await lab.page.getByRole("button", { name: title, exact: true }).click();
  await lab.page.getByRole("article", { name: new RegExp(`^(Lesson|Scenario): ${title}$`) }).waitFor();
  await lab.log.locator('[data-from="server"]').first().waitFor();
}

const stepHeading = (page) => page.getByRole("heading", { name: /^Step \d of \d$/ });

test("the lessons are in the build and precached, and cost the first visit nothing", async () => {
  const sw = await readFile(`${dist}/sw.js`, "utf8");
  for (const file of ["lessons/index.json", "lessons/first-message.json", "lessons/scenario-greylisting.json"]) {
    assert.ok(sw.includes(`"${file}"`), `${file} is precached`);
  }
  const page = await state.browser.newPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(state.site.url);
  await page.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(fetched.filter((p) => p.includes("/lessons/")), [], "nothing from lessons/ before the panel opens");
  await page.getByRole("tab", { name: "Lessons" }).click();
  await page.getByRole("button", { name: "Your first message" }).waitFor();
  assert.ok(fetched.includes("/lessons/index.json"));
  await page.close();
});

test("lesson 1 typed as a learner would, to its summary; the own lab comes back", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const lab = await openLab(state, viewport);
    const { page, log, type, errors } = lab;
    await type("EHLO my-own-lab.example"); // the learner's own lab, before the lesson
    await page.getByRole("tab", { name: "Lessons" }).click();
    await page.getByRole("button", { name: "Your first message" }).waitFor();
    await page.screenshot({ path: `${shots}lessons-list-${name}.png`, fullPage: true });
    await enter(lab, "Your first message");
    assert.equal(await log.getByText("EHLO my-own-lab.example").count(), 0, "the lesson has its own session");
    assert.equal(await stepHeading(page).textContent(), "Step 1 of 5");
    assert.match(await page.locator("details.intro").textContent(), /conversation/);

    await type("EHLO client.example.org");
    await page.getByRole("status").filter({ hasText: "Step 1 passed" }).waitFor();
    if (name === "phone") {
      // On a phone the panel is below the console: the bar above it says where the learner is.
      const bar = page.getByRole("region", { name: "Lesson in progress" });
      assert.match(await bar.textContent(), /Step 2 of 5: Start a message from any sender\./);
    }
    assert.equal(await stepHeading(page).textContent(), "Step 2 of 5");
    await type("MAIL FROM:<alice@example.com>");
    await type("RCPT TO:<bob@example.com>");
    await page.screenshot({ path: `${shots}lesson-progress-${name}.png`, fullPage: true });
    await type("DATA");
    await page.getByRole("textbox", { name: "Message" }).fill("Subject: Hello\n\nHi Bob.");
    await page.getByRole("button", { name: "Send message" }).click();
    await stepHeading(page).filter({ hasText: "Step 5 of 5" }).waitFor();
    await type("QUIT");
    const summary = page.getByRole("region", { name: "Lesson complete" });
    await summary.waitFor();
    const text = await summary.textContent();
    assert.match(text, /Commands5 of a budget of 8: within budget/);
    assert.match(text, /Errors met0/);
    assert.match(text, /Hints used0/);
    assert.match(text, /Time\d+ s/);
    assert.match(await page.getByRole("list", { name: "Steps passed" }).textContent(), /Each RCPT TO adds one recipient/);
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}lesson-summary-${name}.png`, fullPage: true });

    await page.getByRole("button", { name: "Next lesson: HELO versus EHLO: reading the capabilities" }).click();
    await page.getByRole("article", { name: "Lesson: HELO versus EHLO: reading the capabilities" }).waitFor();
    await page.getByRole("button", { name: "Leave the lesson" }).click();
    await log.getByText("EHLO my-own-lab.example").waitFor();
    assert.match(await page.getByRole("button", { name: "Your first message" }).locator("..").textContent(), /Done/);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a reload mid-lesson continues where the learner was", async () => {
  const lab = await lessonsTab();
  const { page, type, errors } = lab;
  await enter(lab, "Your first message");
  await type("EHLO client.example.org");
  await type("MAIL FROM:<alice@example.com>");
  await stepHeading(page).filter({ hasText: "Step 3 of 5" }).waitFor();
  await page.waitForTimeout(600); // the lab saves once typing pauses
  await page.reload();
  await stepHeading(page).filter({ hasText: "Step 3 of 5" }).waitFor();
  const log = page.getByRole("log", { name: "Transcript" });
  assert.ok(await log.getByText("MAIL FROM:<alice@example.com>").count() > 0, "the session was replayed");
  const input = page.getByRole("textbox", { name: "SMTP command" });
  await input.fill("RCPT TO:<bob@example.com>");
  await input.press("Enter");
  await stepHeading(page).filter({ hasText: "Step 4 of 5" }).waitFor();
  // A record that does not decode: said, and the lesson starts again.
  await page.getByRole("button", { name: "Leave the lesson" }).click();
  await page.evaluate(() => localStorage.setItem("smtplab.lab.lesson.first-message", "{not json"));
  await page.getByRole("button", { name: "Your first message" }).click();
  await page.getByRole("alert").filter({ hasText: "Your progress in this lesson could not be read" }).waitFor();
  assert.equal(await stepHeading(page).textContent(), "Step 1 of 5");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a share link opened during a lesson leaves it: the link is not graded, the lab from before the lesson is put aside, the lesson goes on from the list", async () => {
  const link = `${state.site.url}#s=${deflateRawSync(JSON.stringify({ v: 1, s: 1, t: 1_000, p: [{ c: [5, "EHLO theirs.example"] }] })).toString("base64url")}`;
  // Opened by loading the page with the link, and by the address bar of the open page.
  for (const how of ["load", "hashchange"]) {
    const lab = await openLab(state);
    const { page, log, type, errors } = lab;
    await type("EHLO my-own-lab.example");
    await page.getByRole("tab", { name: "Lessons" }).click();
    await enter(lab, "Your first message");
    await type("EHLO client.example.org");
    await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
    await page.evaluate(() => dispatchEvent(new Event("pagehide")));
    if (how === "load") await page.goto("about:blank");
    await page.goto(link);
    await page.getByText("Your own lab was put aside.").waitFor();
    // The lesson used to come back over the link once it was fetched.
    await page.waitForTimeout(700);
    const rows = await log.locator(".text").allTextContents();
    assert.ok(rows.includes("EHLO theirs.example"), `${how}: the link's session is shown`);
    assert.ok(!rows.includes("EHLO client.example.org"), `${how}: not the lesson's`);
    assert.equal(await page.getByRole("article", { name: /^Lesson: / }).count(), 0, `${how}: no lesson is followed`);
    await page.getByRole("button", { name: "Bring back my own lab" }).click();
    await log.getByText("EHLO my-own-lab.example").waitFor();
    await page.getByRole("tab", { name: "Lessons" }).click();
    await enter(lab, "Your first message");
    assert.equal(await stepHeading(page).textContent(), "Step 2 of 5", `${how}: the lesson goes on where it was`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("around a lesson, what the page opens with is said: a broken link keeps the lesson and says why; a link beats a lesson the address asks for", async () => {
  const lab = await openLab(state);
  const { page, log, type, errors } = lab;
  await page.getByRole("tab", { name: "Lessons" }).click();
  await enter(lab, "Your first message");
  await type("EHLO client.example.org");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  await page.goto("about:blank");
  await page.goto(`${state.site.url}#s=AAAA`);
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  await page.getByText(/This share link could not be opened/).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
  // A link and ?lesson= together: the link is shown, the lesson is not entered over it.
  const link = deflateRawSync(JSON.stringify({ v: 1, s: 1, t: 1_000, p: [{ c: [5, "EHLO theirs.example"] }] })).toString("base64url");
  const other = await openLab(state, undefined, `${state.site.url}?lesson=first-message#s=${link}`);
  await other.page.getByText(/Opened a shared session/).waitFor();
  await other.page.waitForTimeout(700);
  assert.ok((await other.log.locator(".text").allTextContents()).includes("EHLO theirs.example"));
  assert.equal(await other.page.getByRole("article", { name: /^Lesson: / }).count(), 0);
  await other.page.close();
});

test("hints on request and after failed attempts; Show me fills the input and the composer, never sends", async () => {
  const lab = await lessonsTab();
  const { page, log, input, type, errors } = lab;
  await enter(lab, "Your first message");
  await page.getByRole("button", { name: "Hint (1 of 1)" }).click();
  assert.equal(await page.getByRole("list", { name: "Hints" }).textContent(), "Type EHLO followed by a name for your computer.");
  const replies = await log.locator('[data-from="server"]').count();
  await page.getByRole("button", { name: "Show me" }).click();
  assert.equal(await input.inputValue(), "EHLO client.example.org");
  assert.equal(await log.locator('[data-from="server"]').count(), replies, "nothing was sent");
  await input.press("Enter");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  // Step 2 reveals a hint by itself after 2 failed attempts.
  assert.equal(await page.getByRole("list", { name: "Hints" }).count(), 0);
  await type("MAIL");
  await type("MAIL TO:<alice@example.com>");
  assert.equal(await stepHeading(page).textContent(), "Step 2 of 5", "both were refused");
  await page.getByRole("list", { name: "Hints" }).waitFor();
  assert.match(await page.getByRole("list", { name: "Hints" }).textContent(), /angle brackets/);
  await type("MAIL FROM:<alice@example.com>");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  await page.getByRole("button", { name: "Show me" }).click();
  assert.equal(await page.getByRole("textbox", { name: "Message" }).inputValue(), "Subject: Hello\n\nHi Bob.");
  await page.getByRole("button", { name: "Send message" }).click();
  await stepHeading(page).filter({ hasText: "Step 5 of 5" }).waitFor();
  await type("QUIT");
  const summary = await page.getByRole("region", { name: "Lesson complete" }).textContent();
  assert.match(summary, /Errors met2/);
  assert.match(summary, /Hints used2/, "one asked for at step 1, one shown by itself at step 2");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a teacher's lesson file opens; a broken one says which field and why", async () => {
  const lab = await lessonsTab();
  const { page, type, errors } = lab;
  const file = page.getByLabel("Open a lesson file…");
  const broken = { id: "x", title: { en: "X" }, intro: { en: "X" }, steps: [{ goal: { en: "?" }, check: { all: [{ event: "Authed" }] } }] };
  await file.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  const alert = page.getByRole("alert").filter({ hasText: "broken.json" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /^broken\.json is not a valid lesson: steps\[0\]\.check\.all\[0\]: unknown event 'Authed'/);
  const lesson = {
    id: "teacher-noop", title: { en: "Say NOOP" }, intro: { en: "Say **NOOP** to the server. <b>not bold</b>" },
    world: { hostname: "mx.school.example" },
    steps: [{ goal: { en: "Send NOOP." }, learned: { en: "NOOP does nothing, politely." }, check: { reply: "NOOP", class: 2 } }],
  };
  await file.setInputFiles({ name: "noop.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(lesson)) });
  await page.getByRole("article", { name: "Lesson: Say NOOP" }).waitFor();
  const intro = page.locator("details.intro");
  assert.equal(await intro.locator("strong").textContent(), "NOOP");
  assert.match(await intro.textContent(), /<b>not bold<\/b>/, "raw HTML is shown as text");
  assert.match(await page.getByRole("log", { name: "Transcript" }).textContent(), /220 mx\.school\.example/);
  await type("NOOP");
  await page.getByRole("region", { name: "Lesson complete" }).waitFor();
  // Start again (after confirming), then forget every lesson.
  await page.getByRole("button", { name: "Start again…" }).click();
  await page.getByRole("button", { name: "Reset this lesson" }).click();
  await stepHeading(page).filter({ hasText: "Step 1 of 1" }).waitFor();
  await page.getByRole("button", { name: "Leave the lesson" }).click();
  await page.getByRole("button", { name: "Reset all progress…" }).click();
  await page.getByRole("button", { name: "Reset all lessons" }).click();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(".lesson"))), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a scenario in one click, and by the address", async () => {
  const lab = await lessonsTab();
  const { page, type, lastReply, errors } = lab;
  await page.getByRole("button", { name: "Greylisted by postgrey" }).click();
  const article = page.getByRole("article", { name: "Scenario: Greylisted by postgrey" });
  await article.waitFor();
  assert.match(await article.textContent(), /What a real client should do.*Treat 4xx as temporary/s);
  await type("EHLO client.example.org");
  await type("MAIL FROM:<alice@example.org>");
  await type("RCPT TO:<bob@example.com>");
  assert.match(await lastReply(), /^450 4\.2\.0 .*Greylisted/);
  await page.screenshot({ path: `${shots}scenario-desktop.png`, fullPage: true });
  await page.getByRole("button", { name: "Leave the scenario" }).click();
  await page.getByRole("button", { name: "Your first message" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();

  const byUrl = await openLab(state, undefined, `${state.site.url}?scenario=scenario-relay-denied`);
  await byUrl.page.getByRole("article", { name: "Scenario: Relay access denied" }).waitFor();
  assert.deepEqual(byUrl.errors, []);
  await byUrl.page.close();

  const lesson = await openLab(state, undefined, `${state.site.url}?lesson=first-message`);
  await lesson.page.getByRole("article", { name: "Lesson: Your first message" }).waitFor();
  await lesson.page.close();
});

test("offline, the lessons come from the service worker", async () => {
  const site = await serve(dist);
  const lab = await openLab({ browser: state.browser, site });
  const { page, type, errors } = lab;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  site.close();
  await page.context().setOffline(true);
  await page.getByRole("tab", { name: "Lessons" }).click();
  await enter(lab, "Your first message");
  await type("EHLO client.example.org");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("an embedded lesson has its hints, Show me and summary below the console, but no way out of the lesson", async () => {
  const lab = await openLab(state, { width: 700, height: 600 }, `${state.site.url}?embed=1&lesson=first-message`);
  const { page, input, type, errors } = lab;
  const pane = page.getByRole("region", { name: "Lesson pane" });
  await pane.getByRole("button", { name: "Hint (1 of 1)" }).click();
  assert.equal(await pane.getByRole("list", { name: "Hints" }).textContent(), "Type EHLO followed by a name for your computer.");
  await pane.getByRole("button", { name: "Show me" }).click();
  assert.equal(await input.inputValue(), "EHLO client.example.org");
  await input.press("Enter");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  for (const line of ["MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"]) await type(line);
  await page.getByRole("textbox", { name: "Message" }).fill("Subject: Hello\n\nHi Bob.");
  await page.getByRole("button", { name: "Send message" }).click();
  await stepHeading(page).filter({ hasText: "Step 5 of 5" }).waitFor();
  await type("QUIT");
  await pane.getByRole("region", { name: "Lesson complete" }).waitFor();
  assert.match(await pane.textContent(), /Hints used1/);
  assert.equal(await pane.getByRole("button", { name: /^Next lesson/ }).count(), 0, "the course page chose the lesson");
  assert.equal(await pane.getByRole("button", { name: "Leave the lesson" }).count(), 0);
  await page.screenshot({ path: `${shots}embed-lesson-done.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the browser's Back button leaves a lesson, keeping its progress; leaving by the button leaves no extra history", async () => {
  const lab = await lessonsTab();
  const { page, log, type, errors } = lab;
  await page.goto(`${state.site.url}#start`); // an entry of the page's own before the lesson
  await page.getByRole("tab", { name: "Lessons" }).click();
  await type("EHLO my-own-lab.example");
  const depth = await page.evaluate(() => history.length);
  await enter(lab, "Your first message");
  await type("EHLO client.example.org");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  await page.goBack();
  await log.getByText("EHLO my-own-lab.example").waitFor();
  assert.equal(await page.getByRole("article", { name: /^Lesson: / }).count(), 0, "the lesson was left");
  assert.ok(page.url().startsWith(state.site.url), `still in the lab: ${page.url()}`);
  // Its progress is kept: entering again goes on at step 2.
  await enter(lab, "Your first message");
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  await page.getByRole("button", { name: "Leave the lesson" }).click();
  await log.getByText("EHLO my-own-lab.example").waitFor();
  await page.waitForFunction((depth) => history.state !== "smtplab-lesson" && history.length === depth + 1, depth);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the skip link and a reload keep the lesson and its history entry; an embedded lesson adds no history", async () => {
  const lab = await lessonsTab();
  const { page, input, type, errors } = lab;
  await enter(lab, "Your first message");
  await type("EHLO client.example.org");
  const depth = await page.evaluate(() => history.length);
  await page.keyboard.press("Shift+Tab"); // away from the input first
  await page.getByRole("link", { name: "Skip to the command line" }).focus();
  await page.keyboard.press("Enter");
  assert.ok(await input.evaluate((i) => i === document.activeElement), "the command line has the focus");
  await page.reload();
  await stepHeading(page).filter({ hasText: "Step 2 of 5" }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole("article", { name: "Lesson: Your first message" }).count(), 1, "still in the lesson");
  assert.equal(await page.evaluate(() => history.length), depth, "no entry added or taken by the link or the reload");
  // In DATA the skip link goes to the composer.
  for (const line of ["MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"]) await type(line);
  await page.getByRole("link", { name: "Skip to the command line" }).focus();
  await page.keyboard.press("Enter");
  assert.ok(await page.getByRole("textbox", { name: "Message" }).evaluate((m) => m === document.activeElement));
  await page.goBack();
  await page.getByRole("button", { name: "Your first message", exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();

  const embedded = await openLab(state, { width: 700, height: 600 }, `${state.site.url}?embed=1&lesson=first-message`);
  const loaded = await embedded.page.evaluate(() => history.length); // about:blank, then the lab
  await embedded.page.getByRole("region", { name: "Lesson pane" }).waitFor();
  await embedded.type("EHLO client.example.org");
  assert.equal(await embedded.page.evaluate(() => JSON.stringify([history.length, history.state])), JSON.stringify([loaded, null]));
  await embedded.page.close();
});
