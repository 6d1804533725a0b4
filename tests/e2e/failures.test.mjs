// Failure injection from the world panel: a rule added in the form makes RCPT fail on
// purpose, greylisting answers as Postfix with postgrey, and a wrong field is named.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab, shots } from "./harness.mjs";

const state = suite({ before, after });

test("a failure rule and greylisting, set in the world panel, answer in the console", async () => {
  const { page, type, lastReply, errors } = await openLab(state);
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("combobox", { name: "Rule command" }).selectOption("RCPT");
  await page.getByRole("textbox", { name: "Rule address pattern" }).fill("bob@*");
  await page.getByRole("textbox", { name: "Rule reply code" }).fill("700");
  await page.getByRole("button", { name: "Add rule" }).click();
  assert.match(await page.getByRole("alert").textContent(), /then\.code: 700 is not an SMTP reply code/);
  await page.getByRole("textbox", { name: "Rule reply code" }).fill("451");
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByText("RCPT for bob@*: answer 451 4.3.0 Error: queue file write error").waitFor();
  await page.getByRole("textbox", { name: "Greylisting delay" }).fill("300");
  await page.screenshot({ path: `${shots}failure-rules.png`, fullPage: true });
  await page.getByRole("button", { name: "Apply and reconnect" }).click();

  await type("EHLO client.example.org");
  await type("MAIL FROM:<carol@example.org>");
  await type("RCPT TO:<bob@example.com>");
  assert.equal(await lastReply(), "451 4.3.0 Error: queue file write error");
  await type("RCPT TO:<alice@example.com>");
  assert.equal(await lastReply(), "450 4.2.0 <alice@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html");
  await page.getByRole("tab", { name: "Explain" }).click();
  await page.getByText(/Greylisting: the first attempt/).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("a wrong rule is said in Italian, with the field named and no English", async () => {
  const { page, errors } = await openLab(state);
  await page.getByRole("combobox", { name: "Language" }).selectOption("it");
  await page.getByRole("tab", { name: "Impostazioni" }).click();
  await page.getByRole("textbox", { name: "Codice di risposta della regola" }).fill("354");
  await page.getByRole("button", { name: "Aggiungi regola" }).click();
  assert.equal(await page.getByRole("alert").textContent(),
    "Regola non valida: then.code: 354 chiede altri dati al client; una regola può rispondere 2xx, 4xx o 5xx");
  assert.deepEqual(errors, []);
  await page.close();
});
