// Writing a message in the lab: a `?script=` keeps the blank lines of a message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab } from "./harness.mjs";

const state = suite({ before, after });

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
