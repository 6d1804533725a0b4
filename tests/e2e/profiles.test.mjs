// Choosing the server that answers: Settings → "Server that answers" reconnects to the
// profile's preset world, the status names the server, and the explanation of a reply says
// where its text comes from. Screenshots at two sizes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab, shots } from "./harness.mjs";

const state = suite({ before, after });

test("the learner switches to Gmail, meets its 530, reads where the text comes from, then Exim", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, log, type, lastReply, errors } = await openLab(state, viewport);
    await page.getByRole("tab", { name: "Settings" }).click();
    const choice = page.getByRole("combobox", { name: "Server that answers" });
    assert.equal(await choice.inputValue(), "postfix");
    await choice.selectOption("gmail");
    await log.getByText(/^220 smtp\.gmail\.com ESMTP \S+ - gsmtp$/).waitFor();
    await log.getByText("Connected to smtp.gmail.com (simulated, port 587).").waitFor();
    // The world form shows the new world, not what it showed before.
    assert.equal(await page.getByRole("textbox", { name: "Host name" }).inputValue(), "smtp.gmail.com");
    await page.getByText("Server: Gmail (smtp.gmail.com:587)").waitFor();

    await type("EHLO client.example.org");
    assert.ok((await log.locator("li .text").allTextContents()).includes("250-STARTTLS"));
    await type("MAIL FROM:<alice@gmail.com>");
    assert.match(await lastReply(), /^530 5\.7\.0 Must issue a STARTTLS command first\. \S+ - gsmtp$/);
    await log.getByRole("button", { name: /^530 5\.7\.0 Must issue/ }).last().click();
    await page.getByRole("tab", { name: "Explain" }).click();
    const explanation = page.getByRole("article", { name: "Explanation" });
    await explanation.getByText(/Gmail \(smtp\.gmail\.com:587\): copied from deanproxy\/eMail #53/).waitFor();
    await page.screenshot({ path: `${shots}profiles-gmail-${name}.png`, fullPage: true });

    // A reply no public transcript shows says so.
    await type("STARTTLS");
    await page.getByRole("button", { name: "Start TLS handshake" }).click();
    await log.getByText(/TLS handshake done/).waitFor();
    await type("EHLO client.example.org");
    await type("AUTH PLAIN AGFsaWNlAHMzY3JldA==");
    assert.equal(await lastReply(), "235 2.7.0 Accepted");
    await type("MAIL FROM:<alice@gmail.com>");
    await type("MAIL FROM:<alice@gmail.com>");
    await log.getByRole("button", { name: /^503 5\.5\.1 Bad sequence of commands/ }).last().click();
    await page.getByRole("tab", { name: "Explain" }).click();
    await explanation.getByText("Gmail (smtp.gmail.com:587): no public transcript shows this reply (no transcript of a second MAIL).").waitFor();
    // The reason is said in the learner's language too.
    await page.getByRole("combobox", { name: "Language" }).selectOption("it");
    await page.getByRole("article", { name: "Spiegazione" }).getByText(
      "Gmail (smtp.gmail.com:587): nessuna trascrizione pubblica mostra questa risposta (nessuna trascrizione di un secondo MAIL).").waitFor();
    await page.getByRole("combobox", { name: "Lingua" }).selectOption("en");
    await page.getByRole("tab", { name: "Settings" }).waitFor();

    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Server that answers" }).selectOption("exim");
    assert.equal(await page.getByRole("textbox", { name: "Host name" }).inputValue(), "mail.example.com");
    await page.getByText("It answers like Exim 4.96 (Debian 12), and explains every reply.").waitFor();
    await log.getByText(/^220 mail\.example\.com ESMTP Exim 4\.96 \w{3}, \d{2} \w{3} \d{4} [\d:]{8} \+0000$/).waitFor();
    await type("MAIL FROM:<alice@example.com>");
    assert.equal(await lastReply(), "503 HELO or EHLO required");
    await page.screenshot({ path: `${shots}profiles-exim-${name}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});
