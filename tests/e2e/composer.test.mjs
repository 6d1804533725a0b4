// The message composer as a learner uses it: the draft outlives a reload, stepping back,
// and a lesson; a script keeps a message's blank lines.
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
  await alert.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await alert.count(), 0);
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
