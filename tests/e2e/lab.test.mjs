// The lab as a learner uses it: the seed's smtplib flow typed by hand with the helpers,
// a 503 explained, Tab completion, reload, corrupt storage; screenshots at two sizes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab, shots } from "./harness.mjs";

const state = suite({ before, after });
const open = (viewport) => openLab(state, viewport);

test("the smtplib flow by hand: STARTTLS, AUTH LOGIN with the helper, DATA with a dot line, bob's mailbox", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, log, input, type, lastReply, errors } = await open(viewport);
    await type("EHLO client.example.org");
    await type("STARTTLS");
    assert.equal(await lastReply(), "220 2.0.0 Ready to start TLS");
    await page.getByRole("button", { name: "Start TLS handshake" }).click();
    await log.getByText(/TLS handshake done/).waitFor();
    await type("EHLO client.example.org");
    assert.ok((await log.locator("li .text").allTextContents()).includes("250-AUTH PLAIN LOGIN CRAM-MD5"));
    await type("AUTH LOGIN");
    assert.equal(await lastReply(), "334 VXNlcm5hbWU6");

    await page.getByRole("tab", { name: "AUTH helpers" }).click();
    const text = page.getByRole("textbox", { name: "Text to encode" });
    await text.fill("alice");
    await page.getByRole("button", { name: "Insert YWxpY2U=" }).click();
    assert.equal(await input.inputValue(), "YWxpY2U=");
    await input.press("Enter");
    await log.getByText("334 UGFzc3dvcmQ6").waitFor();
    await text.fill("s3cret");
    await page.getByRole("button", { name: "Insert czNjcmV0" }).click();
    await input.press("Enter");
    await log.getByText("235 2.7.0 Authentication successful").waitFor();

    await type("MAIL FROM:<alice@example.com>");
    await type("RCPT TO:<bob@example.com>");
    await type("DATA");
    const message = page.getByRole("textbox", { name: "Message" });
    await message.fill("Subject: hello from the lab\n\n.a line that starts with a dot\nBye.");
    assert.match(await page.getByLabel("Wire preview").textContent(), /\.\.a line that starts with a dot\\r\\n/);
    await page.getByRole("button", { name: "Send message" }).click();
    await log.getByText(/^250 2\.0\.0 Ok: queued as [0-9A-F]{10}$/).waitFor();
    await type("QUIT");
    assert.equal(await lastReply(), "221 2.0.0 Bye");

    await page.getByRole("tab", { name: "Mailboxes" }).click();
    await page.getByRole("region", { name: "Mailbox of bob" }).getByRole("button", { name: /hello from the lab/ }).click();
    const body = await page.getByLabel("Message body").textContent();
    assert.ok(body.startsWith(".a line that starts with a dot"), JSON.stringify(body));
    assert.ok(!body.includes(".."), "the dot was un-stuffed");
    await page.screenshot({ path: `${shots}lab-${name}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a 503 is explained with the state and what would have worked", async () => {
  const { page, type, errors } = await open();
  await type("EHLO client.example.org");
  await type("RCPT TO:<alice@example.com>");
  await page.getByRole("log", { name: "Transcript" }).getByRole("button", { name: /^503 / }).click();
  const panel = page.getByRole("article", { name: "Explanation" });
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /503 5\.5\.1 Error: need MAIL command/);
  assert.match(text, /5xx: permanent failure/);
  assert.match(text, /5\.5\.1: permanent failure; mail delivery protocol status; invalid command/);
  assert.match(text, /MAIL FROM:<you@example\.org> first/);
  assert.match(text, /phase Greeted and got RCPT\. It was waiting for a command: MAIL FROM starts a message\. Accepted there: .*MAIL/);
  await page.screenshot({ path: `${shots}explain-503.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test("Tab completes only the verbs valid now", async () => {
  const { page, input, type } = await open();
  await type("EHLO client.example.org");
  await input.fill("R");
  await input.press("Tab");
  assert.equal(await input.inputValue(), "RSET", "RCPT is not valid before MAIL, so RSET is the only choice");
  await input.fill("M");
  await input.press("Tab");
  assert.equal(await input.inputValue(), "MAIL FROM:<");
  await input.fill("MAIL FROM:<a@example.org>");
  await input.press("Enter");
  await input.fill("R");
  await input.press("Tab");
  assert.match(await page.locator("#hint").textContent(), /Valid now: RCPT, RSET/);
  await page.close();
});

test("a reload keeps the transcript, the mailboxes, the history and the draft", async () => {
  const { page, log, input, type } = await open();
  await type("EHLO client.example.org");
  await type("MAIL FROM:<a@example.org>");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  await page.getByRole("textbox", { name: "Message" }).fill("Subject: kept\n\nstill here");
  await page.getByRole("button", { name: "Send message" }).click();
  await log.getByText(/queued as/).waitFor();
  await input.fill("NOOP half-typed");
  await page.getByRole("tab", { name: "Mailboxes" }).click();
  await page.reload();
  await log.getByText("250 2.1.5 Ok").waitFor();
  assert.equal(await input.inputValue(), "NOOP half-typed");
  assert.equal(await page.getByRole("tab", { name: "Mailboxes" }).getAttribute("aria-selected"), "true");
  await page.getByRole("region", { name: "Mailbox of bob" }).getByRole("button", { name: /kept/ }).waitFor();
  await input.fill("");
  await input.press("ArrowUp");
  assert.equal(await input.inputValue(), "DATA", "the history survived too");
  await page.close();
});

test("corrupt storage: a fresh lab, a clear message, and the broken data to download", async () => {
  const page = await state.browser.newPage();
  // Storage corrupted before the app starts (by another tab, an old version, a full disk).
  await page.addInitScript(() => localStorage.setItem("smtplab.lab", '{"version":1,"lab":{"broken'));
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not be read/);
  const link = alert.getByRole("link", { name: "Download the unreadable data" });
  assert.match(await link.getAttribute("href"), /^data:application\/json/);
  assert.equal(await log.locator('[data-from="server"] .text').first().textContent(), "220 mail.example.com ESMTP Postfix");
  await page.close();
});

test("settings refuse invalid values with a clear message, and apply valid ones", async () => {
  const { page, log, errors } = await open();
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Recipient limit" }).fill("many");
  await page.getByRole("button", { name: "Apply and reconnect" }).click();
  assert.match(await page.getByRole("alert").textContent(), /recipients per message: "many" is not a whole number/);
  await page.getByRole("textbox", { name: "Recipient limit" }).fill("2");
  await page.getByRole("textbox", { name: "Host name" }).fill("mx.school.example");
  await page.getByRole("button", { name: "Apply and reconnect" }).click();
  await log.getByText("220 mx.school.example ESMTP Postfix").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("letting time pass: five minutes on the lab's clock, and the idle timeout closes the session", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, log, type, lastReply, errors } = await open(viewport);
    await type("EHLO client.example.org");
    await page.getByText("Let time pass").click();
    await page.getByRole("button", { name: "5 minutes" }).click();
    await log.getByText("421 4.4.2 mail.example.com Error: timeout exceeded").waitFor();
    await log.getByText(/The lab's clock moved on by 5 minutes/).waitFor();
    assert.equal(await page.locator("details.wait").getAttribute("open"), null, "the menu closes after a choice");
    assert.equal(await lastReply(), "421 4.4.2 mail.example.com Error: timeout exceeded");
    await page.screenshot({ path: `${shots}wait-${viewport.width}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("typing while stepped back branches from there, and the notice's Undo brings the later steps back", async () => {
  const { page, log, type, errors } = await openLab(state);
  for (const line of ["EHLO client.example.org", "MAIL FROM:<a@example.org>", "RCPT TO:<bob@example.com>"]) await type(line);
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (let i = 0; i < 2; i++) await timeline.getByRole("button", { name: "◀ Step back" }).click();
  await type("NOOP");
  await page.getByText(/^Branched from step 1: the later steps were dropped\./).waitFor();
  assert.equal(await log.getByText("RCPT TO:<bob@example.com>", { exact: true }).count(), 0);
  await page.getByRole("button", { name: "Undo: bring them back" }).click();
  await log.getByText("RCPT TO:<bob@example.com>", { exact: true }).waitFor();
  assert.equal(await log.getByText("NOOP", { exact: true }).count(), 0, "the branch's step is gone");
  assert.equal(await page.getByRole("button", { name: "Undo: bring them back" }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
