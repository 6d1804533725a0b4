// The message composer as a learner uses it: the draft outlives a reload, stepping back,
// and a lesson; the keyboard focus follows the session into DATA and back; Ctrl+Enter
// sends; an embedded lab takes no focus from its course page; a script keeps a message's
// blank lines.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab } from "./harness.mjs";

const state = suite({ before, after });

/** Opens the lab and brings the session to DATA: the composer is shown. */
async function inData(viewport) {
  const lab = await openLab(state, viewport);
  for (const line of ["EHLO client.example.org", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"]) {
    await lab.type(line);
  }
  lab.message = lab.page.getByRole("textbox", { name: "Message" });
  await lab.message.waitFor();
  return lab;
}

/** What has the keyboard focus: its accessible name (aria-label), or its tag. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName);

test("the message draft survives a reload, stepping back, and a lesson; sending clears it", async () => {
  const { page, log, message, type, errors } = await inData();
  const draft = "Subject: half written\n\nDear Bob,\n";
  await message.fill(draft);
  await page.getByRole("checkbox", { name: /^Raw/ }).check();

  await page.reload();
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await message.inputValue(), draft, "after a reload");
  assert.ok(await page.getByRole("checkbox", { name: /^Raw/ }).isChecked(), "raw too");
  await page.getByRole("checkbox", { name: /^Raw/ }).uncheck();

  await page.getByRole("button", { name: /Step back/ }).click();
  await page.getByRole("textbox", { name: "SMTP command" }).waitFor();
  assert.equal(await message.count(), 0, "the step before DATA shows the command line");
  await page.getByRole("button", { name: "Back to live" }).click();
  assert.equal(await message.inputValue(), draft, "after stepping back and back to live");

  await page.getByRole("tab", { name: "Lessons" }).click();
  await page.getByRole("button", { name: "Your first message", exact: true }).click();
  await page.getByRole("article", { name: "Lesson: Your first message" }).waitFor();
  await page.getByRole("textbox", { name: "SMTP command" }).waitFor();
  await page.getByRole("button", { name: "Leave the lesson" }).click();
  await message.waitFor();
  assert.equal(await message.inputValue(), draft, "after a lesson opened and left");

  await message.fill("Subject: sent\n\nBye.");
  await page.getByRole("button", { name: "Send message" }).click();
  await log.getByText(/queued as/).waitFor();
  await page.reload();
  await log.getByText(/queued as/).waitFor();
  await type("MAIL FROM:<alice@example.com>");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  assert.equal(await message.inputValue(), "", "a sent message is not a draft any more");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an unreadable message draft: an empty composer, a clear message, and the text to download", async () => {
  const page = await state.browser.newPage();
  // Stored before the app starts (by another tab, an old version, a full disk).
  await page.addInitScript(() => localStorage.setItem("smtplab.message", '{"version":1,"text":"Subject: x\\n\\nbro'));
  await page.goto(state.site.url);
  const alert = page.getByRole("alert").filter({ hasText: "The message you were writing could not be read back" });
  await alert.waitFor();
  assert.match(await alert.getByRole("link", { name: "Download the unreadable data" }).getAttribute("href"),
    /^data:application\/json;charset=utf-8,%7B%22version%22%3A1/);
  // Left as it was in storage (not written over with an empty draft), to download later.
  await page.waitForTimeout(700);
  assert.equal(await page.evaluate(() => localStorage.getItem("smtplab.message")), '{"version":1,"text":"Subject: x\\n\\nbro');
  await alert.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await alert.count(), 0);
  await page.close();
});

test("the focus follows the session: into the composer at 354, back to the command line after sending; Ctrl+Enter and Cmd+Enter send", async () => {
  const { page, log, input, type, errors } = await inData();
  assert.equal(await focused(page), "Message", "the composer has the focus after 354");
  await page.keyboard.type("Subject: typed\n\nStraight in.");
  await page.keyboard.press("Control+Enter");
  await log.getByText(/queued as/).waitFor();
  assert.equal(await focused(page), "SMTP command", "back on the command line after sending");
  assert.equal(await log.getByText("Straight in.").count(), 1, "what was typed went into the message");

  await page.keyboard.type("MAIL FROM:<alice@example.com>");
  await page.keyboard.press("Enter");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  assert.equal(await focused(page), "Message");
  await page.keyboard.type("Subject: two\n\nWith the Mac's key.");
  await page.keyboard.press("Meta+Enter");
  await log.getByText(/queued as/).nth(1).waitFor();
  assert.equal(await focused(page), "SMTP command");

  // The button sends too, and the focus still comes back.
  await type("MAIL FROM:<alice@example.com>");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  await page.getByRole("textbox", { name: "Message" }).fill("Subject: three\n\nBy the button.");
  await page.getByRole("button", { name: "Send message" }).click();
  await log.getByText(/queued as/).nth(2).waitFor();
  assert.equal(await focused(page), "SMTP command");
  assert.equal(await input.inputValue(), "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an embedded lab takes no focus from its course page, not even when its script reaches DATA", async () => {
  const page = await state.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const script = encodeURIComponent(["EHLO x", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA"].join("\n"));
  await page.setContent(`<label>Notes <input id="notes"></label>
    <iframe id="at-once" width="600" height="500" src="${state.site.url}index.html?embed=1&script=${script}"></iframe>
    <iframe id="typed" width="600" height="500" src="${state.site.url}index.html?embed=1&animate=1&script=${script}"></iframe>`);
  await page.locator("#notes").focus();
  for (const id of ["at-once", "typed"]) {
    await page.frameLocator(`#${id}`).getByRole("textbox", { name: "Message" }).waitFor({ timeout: 20_000 });
  }
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement.id), "notes");
  await page.keyboard.type("kept");
  assert.equal(await page.locator("#notes").inputValue(), "kept", "typing still goes to the course page");
  // Opened on its own, at DATA from the start, it takes no focus either.
  await page.goto(`${state.site.url}index.html?embed=1&script=${script}`);
  await page.getByRole("textbox", { name: "Message" }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "BODY");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a script keeps the blank line between a message's headers and its body", async () => {
  const script = ["EHLO x", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA",
    "Subject: scripted", "", "First paragraph.", "", "Second.", ".", "", "QUIT"].join("\n");
  const { page, log, errors } = await openLab(state, undefined, `${state.site.url}index.html?script=${encodeURIComponent(script)}`);
  await log.getByText(/queued as/).waitFor();
  await page.getByRole("tab", { name: "Mailboxes" }).click();
  await page.getByRole("region", { name: "Mailbox of bob" }).getByRole("button", { name: /scripted/ }).click();
  assert.equal(await page.getByLabel("Message body").textContent(), "First paragraph.\r\n\r\nSecond.\r\n", "as stored, with CRLF");
  assert.deepEqual(errors, []);
  await page.close();
});
