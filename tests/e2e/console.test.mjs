// The console: greeting, EHLO by hand, replies grouped and marked by origin, in a named log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab } from "./harness.mjs";

const state = suite({ before, after });

const EHLO_REPLY = [
  "250-mail.example.com", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY", "250-ETRN", "250-STARTTLS",
  "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-DSN", "250-SMTPUTF8", "250 CHUNKING",
];

test("greeting and EHLO in the transcript", async () => {
  const page = await state.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  const server = log.locator('[data-from="server"] .text');
  await server.first().waitFor();
  assert.equal(await server.first().textContent(), "220 mail.example.com ESMTP Postfix");

  const input = page.getByRole("textbox", { name: "SMTP command" });
  await input.fill("EHLO client.example.org");
  await input.press("Enter");
  await server.nth(EHLO_REPLY.length).waitFor();
  assert.equal(await log.locator('[data-from="client"] .text').first().textContent(), "EHLO client.example.org");
  assert.deepEqual((await server.allTextContents()).slice(1), EHLO_REPLY);
  assert.equal(await log.locator('[data-from="server"]').count(), 2, "the multi-line reply is one group");
  assert.equal(await input.inputValue(), "", "the input is cleared after Enter");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a NUL ends the line as in Postfix: bad syntax, and the session goes on", async () => {
  const page = await state.browser.newPage();
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  const input = page.getByRole("textbox", { name: "SMTP command" });
  await log.locator('[data-from="server"]').first().waitFor();
  for (const line of ["RCPT TO:<alice@example.com>", "\u0000\u00ff garbage", "NOOP", "QUIT", "NOOP"]) {
    await input.fill(line);
    await input.press("Enter");
  }
  await log.getByText(/^Not sent: the connection is closed/).first().waitFor();
  const texts = await log.locator("li .text").allTextContents();
  // Recorded from Postfix 3.7.11 (nul-leading.smtp): the line ends at its first NUL.
  const replies = ["503 5.5.1 Error: need MAIL command", "500 5.5.2 Error: bad syntax", "250 2.0.0 Ok", "221 2.0.0 Bye"];
  assert.deepEqual(texts.filter((t) => /^\d{3} /.test(t)).slice(1), replies, texts.join("\n"));
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await log.getByText("Connected to mail.example.com", { exact: false }).last().waitFor();
  assert.equal(await log.locator('[data-from="server"] .text').last().textContent(), "220 mail.example.com ESMTP Postfix");
  await page.close();
});

test("after the 20th error the 421 comes on its own, a second later, and the server hangs up", async () => {
  const page = await state.browser.newPage();
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  // Twenty unknown commands pasted at once: Postfix tarpits replies 11 to 20 a second each.
  await page.evaluate(() => {
    const input = document.querySelector('input[aria-label="SMTP command"]');
    const data = new DataTransfer();
    data.setData("text", Array.from({ length: 20 }, (_, i) => `FOO${i + 1}`).join("\n"));
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await log.locator('[data-from="server"]').nth(20).waitFor();
  const hangUp = log.getByText("421 4.7.0 mail.example.com Error: too many errors");
  assert.equal(await hangUp.count(), 0, "nothing is due yet: the client sent nothing more");
  await hangUp.waitFor({ timeout: 20_000 });
  await log.getByText("The server closed the connection.").waitFor();
  await page.close();
});

test("the transcript keeps following the end while chunks are pasted faster than it scrolls", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  await page.getByRole("textbox", { name: "SMTP command" }).fill("EHLO client.example.org");
  await page.getByRole("textbox", { name: "SMTP command" }).press("Enter");
  // Each paste is a whole mail transaction; the page gets no frame between two of them.
  for (let n = 1; n <= 40; n++) {
    await page.evaluate((n) => {
      const input = document.querySelector('input[aria-label="SMTP command"]');
      const data = new DataTransfer();
      data.setData("text", [`MAIL FROM:<s${n}@example.org>`, "RCPT TO:<alice@example.com>", "DATA", "", `message ${n}`, "."].join("\n"));
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, n);
  }
  await log.locator('[data-from="client"] .text', { hasText: "message 40" }).waitFor({ timeout: 10_000 });
  const { top, height, scrollHeight } = await log.evaluate((e) => ({ top: e.scrollTop, height: e.clientHeight, scrollHeight: e.scrollHeight }));
  assert.ok(top + height + 20 >= scrollHeight, `at the end: ${top} + ${height} of ${scrollHeight}`);
  // Scrolling up stops following: a new reply does not pull the view back down.
  await log.evaluate((e) => { e.scrollTop = 0; });
  await page.waitForTimeout(100);
  await page.getByRole("textbox", { name: "SMTP command" }).fill("NOOP");
  await page.getByRole("textbox", { name: "SMTP command" }).press("Enter");
  await page.waitForTimeout(200);
  assert.equal(await log.evaluate((e) => e.scrollTop), 0, "the view stays where the learner put it");
  await page.close();
});

test("long lines wrap at the column the transcript measures: nothing scrolls sideways, every row sits at the line the transcript counted, and the text stays whole", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  const input = page.getByRole("textbox", { name: "SMTP command" });
  const send = async (line) => {
    const before = await log.locator('[data-from="server"]').count();
    await input.fill(line);
    await input.press("Enter");
    await log.locator('[data-from="server"]').nth(before).waitFor();
  };
  const long = "RCPT TO:<a-learner-with-a-really-quite-remarkably-long-name@nowhere-at-all.example.invalid>";
  const wide = `MAIL FROM:<${"😀".repeat(30)}@example.com>`;
  for (const line of ["EHLO client.example.org", "MAIL FROM:<alice@example.com>", long, "RSET", wide]) await send(line);
  /** Every drawn row: where it is against where the transcript counted it, and its text. */
  const layout = () => page.locator(".transcript").evaluate((t) => {
    const list = t.querySelector("ol.rows").getBoundingClientRect();
    const rows = [...t.querySelectorAll("li[data-line]")].map((li) => ({
      line: Number(li.dataset.line), top: li.getBoundingClientRect().top - list.top,
      text: [...li.querySelectorAll(".text")].map((e) => e.textContent),
    }));
    const box = t.getBoundingClientRect();
    const overflowing = [...t.querySelectorAll(".text")].filter((e) => e.getBoundingClientRect().right > box.right - 2).length;
    return { cols: Number(t.dataset.columns), scrollWidth: t.scrollWidth, clientWidth: t.clientWidth, rows, overflowing };
  });
  const check = async (name) => {
    const { cols, scrollWidth, clientWidth, rows, overflowing } = await layout();
    assert.ok(scrollWidth <= clientWidth, `${name}: no sideways scrolling (${scrollWidth} > ${clientWidth})`);
    assert.equal(overflowing, 0, `${name}: no text runs past the transcript's edge`);
    for (const row of rows) assert.equal(row.top, 20 * row.line, `${name}: ${JSON.stringify(row.text)} sits at line ${row.line}`);
    assert.ok(rows.some((r) => r.text.includes(long)), `${name}: the long command reads whole`);
    assert.ok(rows.some((r) => r.text.includes(wide)), `${name}: the wide command reads whole`);
    // The reply's accessible name is its text, not cut inside words.
    await page.locator(".transcript").getByRole("button", { name: /<a-learner-with-a-really-quite-remarkably-long-name@nowhere-at-all\.example\.invalid>: \S/ }).waitFor();
    return { cols, rows };
  };
  const desktop = await check("desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction((cols) => Number(document.querySelector('[role="log"]').dataset.columns) < cols, desktop.cols);
  const phone = await check("phone");
  assert.ok(phone.cols >= 30 && phone.cols < desktop.cols, `phone ${phone.cols} columns, desktop ${desktop.cols}`);
  assert.ok(phone.rows.some((r, i) => phone.rows[i + 1] && phone.rows[i + 1].line - r.line > 1), "at phone width long lines take more than one line");
  // Copying a wrapped row copies its text whole: the breaks are drawn, not text.
  const copied = await log.evaluate((t, long) => {
    const li = [...t.querySelectorAll("li")].find((l) => l.textContent.includes(long));
    const range = document.createRange();
    range.selectNodeContents(li.querySelector(".text"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  }, long);
  assert.equal(copied, long);
  // In Italian, event notes say other words: rows still sit where they were counted.
  await page.getByRole("combobox", { name: "Language" }).selectOption("it");
  await page.getByRole("log", { name: "Trascrizione" }).waitFor();
  await check("phone, Italian");
  await page.close();
});

test("a change of width keeps the view where it was: on the same entry when scrolled up, at the end when following", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(state.site.url);
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  const input = page.getByRole("textbox", { name: "SMTP command" });
  await input.fill("EHLO client.example.org");
  await input.press("Enter");
  for (let n = 1; n <= 30; n++) {
    await page.evaluate((n) => {
      const input = document.querySelector('input[aria-label="SMTP command"]');
      const data = new DataTransfer();
      const to = `RCPT TO:<recipient-number-${n}-with-a-rather-long-local-part@nowhere-at-all.example.invalid>`;
      data.setData("text", [`MAIL FROM:<s${n}@example.org>`, to, "RSET"].join("\n"));
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, n);
  }
  await log.locator('[data-from="client"] .text', { hasText: "recipient-number-30-" }).waitFor();
  const atEnd = () => log.evaluate((e) => e.scrollTop + e.clientHeight + 20 >= e.scrollHeight);
  assert.ok(await atEnd());
  await page.setViewportSize({ width: 600, height: 800 });
  await page.waitForTimeout(300);
  assert.ok(await atEnd(), "following: still at the end after the lines above wrapped");
  // Scrolled up to an entry in the middle: the same entry stays at the top.
  const topEntry = () => log.evaluate((t) => {
    const box = t.getBoundingClientRect();
    const row = [...t.querySelectorAll("li[data-line]")].find((li) => li.getBoundingClientRect().bottom > box.top + 1);
    return row.textContent;
  });
  await log.evaluate((e) => { e.scrollTop = e.scrollHeight / 2; });
  await page.waitForTimeout(300);
  const before = await topEntry();
  for (const width of [1280, 390, 900]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(300);
    assert.equal(await topEntry(), before, `at ${width}px the view is on the same entry`);
  }
  await page.close();
});

test("a multi-line reply's class badge sits beside its first line", async () => {
  const { page, log, type, errors } = await openLab(state);
  await type("EHLO client.example.org");
  const reply = log.locator('li[data-from="server"]').last();
  const first = await reply.locator(".line").first().boundingBox();
  const badge = await reply.locator(".badge").boundingBox();
  assert.ok(badge.y >= first.y && badge.y + badge.height <= first.y + first.height, `badge ${badge.y}..${badge.y + badge.height}, first line ${first.y}..${first.y + first.height}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the live region reads each new reply with its code", async () => {
  const { page, type, errors } = await openLab(state);
  await type("EHLO client.example.org");
  await type("MAIL FROM:<a@example.org>");
  await type("RCPT TO:<x@gmail.com>");
  const said = await page.getByRole("log", { name: "Replies as they arrive" }).locator("p").allTextContents();
  assert.equal(said.at(-1), "454 4.7.1 <x@gmail.com>: Relay access denied");
  assert.ok(said.some((s) => s.startsWith("250 mail.example.com PIPELINING")), JSON.stringify(said));
  assert.deepEqual(errors, []);
  await page.close();
});
