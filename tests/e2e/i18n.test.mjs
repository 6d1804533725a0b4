// Two languages: a browser that prefers Italian opens the lab in Italian; the switcher
// changes to English and back without losing the session; an explanation is Italian while
// the reply itself stays the server's English; `?lang=it` works in the embed layout.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, shots } from "./harness.mjs";

const state = suite({ before, after });

/** A page in a fresh context with the browser's language set to `locale`. */
async function open(locale, viewport, path = "") {
  const context = await state.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(state.site.url + path);
  return { context, page, errors };
}

test("an Italian browser gets the lab in Italian; the switcher keeps the session", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { context, page, errors } = await open("it-IT", viewport);
    const log = page.getByRole("log", { name: "Trascrizione" });
    await log.locator('[data-from="server"]').first().waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "it");
    await page.getByRole("tab", { name: "Lezioni" }).waitFor();
    const input = page.getByRole("textbox", { name: "Comando SMTP" });
    for (const line of ["EHLO client.example.org", "MAIL FROM:<bob@example.org>", "RCPT TO:<nobody@example.com>"]) {
      const before = await log.locator('[data-from="server"]').count();
      await input.fill(line);
      await input.press("Enter");
      await log.locator('[data-from="server"]').nth(before).waitFor();
    }
    // The reply is the server's own English; its explanation is Italian.
    const reply = log.getByRole("button", { name: /^550 5\.1\.1 <nobody@example\.com>: Recipient address rejected: User unknown in local recipient table$/ });
    await reply.click();
    await page.getByRole("tab", { name: "Spiegazione" }).click();
    const explanation = page.getByRole("article", { name: "Spiegazione" });
    await explanation.getByText("Cosa è successo").waitFor();
    await explanation.getByText("Prova invece").waitFor();
    await explanation.getByText("5xx: errore permanente", { exact: false }).waitFor();
    assert.match(await explanation.locator("h2").textContent(), /User unknown in local recipient table$/);
    await page.getByText("Fase: Mail (mittente)", { exact: false }).first().waitFor();
    await page.screenshot({ path: `${shots}i18n-it-${name}.png`, fullPage: true });

    // Switch to English and back: the transcript is the same.
    const before = await log.locator("li .text").allTextContents();
    const language = page.getByRole("combobox", { name: "Lingua" });
    await language.selectOption("en");
    await page.getByRole("tab", { name: "Lessons" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    const english = page.getByRole("log", { name: "Transcript" });
    assert.deepEqual(await english.locator("li .text").allTextContents(), before.map((t) => t
      .replace("Connesso a mail.example.com (simulato, porta 25).", "Connected to mail.example.com (simulated, port 25).")));
    await page.getByRole("article", { name: "Explanation" }).getByText("What happened").waitFor();
    await page.getByRole("combobox", { name: "Language" }).selectOption("it");
    await page.getByRole("tab", { name: "Lezioni" }).waitFor();
    assert.deepEqual(await log.locator("li .text").allTextContents(), before);

    // The choice is remembered over the browser's language.
    await page.getByRole("combobox", { name: "Lingua" }).selectOption("en");
    await page.getByRole("tab", { name: "Lessons" }).waitFor();
    await page.reload();
    await page.getByRole("tab", { name: "Lessons" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("?lang=it works in the embed layout, and a language it does not speak is said", async () => {
  const { context, page, errors } = await open("en-US", { width: 700, height: 600 }, "?embed=1&lang=it&script=EHLO%20x");
  const log = page.getByRole("log", { name: "Trascrizione" });
  await log.getByText(/^250-mail\.example\.com$/).waitFor();
  await page.getByRole("link", { name: "Apri nel laboratorio completo" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "it");
  await page.screenshot({ path: `${shots}i18n-embed-it.png`, fullPage: true });
  await page.goto(state.site.url + "?embed=1&lang=fr");
  await page.getByRole("alert").getByText("Parameter 'lang': the interface is not available in 'fr'; available: en, it.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
