// Accessibility: axe-core (npm) over the lab with a session in progress (a 503 explained),
// in light and dark, every help panel, and the embed layout, under WCAG 2.0/2.1/2.2 A and
// AA and axe's best practices: no violation at all. Also the WAI-ARIA tabs pattern of
// the panel tabs (roving tabindex, arrows, Home/End).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { suite, openLab, shots } from "./harness.mjs";

const state = suite({ before, after });
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe's violations on the page now, one line per rule with its impact and targets. */
async function violations(page) {
  // The page's CSP forbids inline scripts, so axe goes in through the DevTools protocol.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Runtime.evaluate", { expression: await axeSource });
  const { result } = await cdp.send("Runtime.evaluate", {
    expression: `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(TAGS)} } })
      .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary.split("\\n").slice(1).join(" ")) }))))`,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  return JSON.parse(result.value);
}

const report = (found) => found.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}):\n  ${v.nodes.slice(0, 5).join("\n  ")}`).join("\n");

/** A session in progress: a delivered message, then a 503 whose explanation is open. */
async function session(lab) {
  const { page, type } = lab;
  await type("EHLO client.example.org");
  await type("MAIL FROM:<alice@example.com>");
  // Long replies: their arrows' labels are cut short in the sequence diagram.
  await type("RCPT TO:<x@gmail.com>");
  await type("RCPT TO:<nobody@example.com>");
  await type("RCPT TO:<bob@example.com>");
  await type("DATA");
  await page.getByRole("textbox", { name: "Message" }).fill("Subject: hi\n\nHello.");
  await page.getByRole("button", { name: "Send message" }).click();
  await lab.log.getByText(/queued as/).waitFor();
  await type("RCPT TO:<alice@example.com>");
  await lab.log.getByRole("button", { name: /^503 / }).click();
}

for (const scheme of ["light", "dark"]) {
  test(`axe: the lab in ${scheme}, a session in progress with a 503 explained, every panel`, async () => {
    const lab = await openLab(state);
    await lab.page.emulateMedia({ colorScheme: scheme });
    await session(lab);
    const panel = lab.page.getByRole("article", { name: "Explanation" });
    await panel.waitFor();
    await lab.page.screenshot({ path: `${shots}a11y-${scheme}.png`, fullPage: true });
    const found = { Explain: await violations(lab.page) };
    for (const name of ["Commands", "Reply codes", "AUTH helpers", "Mailboxes", "Settings", "Lessons"]) {
      await lab.page.getByRole("tab", { name }).click();
      found[name] = await violations(lab.page);
    }
    const text = Object.entries(found).filter(([, v]) => v.length).map(([name, v]) => `panel ${name}:\n${report(v)}`).join("\n");
    assert.equal(text, "", `axe violations in ${scheme}`);
    assert.deepEqual(lab.errors, []);
    await lab.page.close();
  });
}

test("axe: the phone layout and the embed layout (light and dark)", async () => {
  const phone = await openLab(state, { width: 390, height: 844 });
  await session(phone);
  const found = { phone: await violations(phone.page) };
  await phone.page.close();
  for (const scheme of ["light", "dark"]) {
    const url = `${state.site.url}index.html?embed=1&theme=${scheme}&script=EHLO%20hand.example%0ARCPT%20TO%3A%3Cbob%40example.com%3E`;
    const embed = await openLab(state, { width: 480, height: 520 }, url);
    await embed.log.getByRole("button", { name: /^503 / }).waitFor();
    await embed.page.screenshot({ path: `${shots}a11y-embed-${scheme}.png` });
    found[`embed ${scheme}`] = await violations(embed.page);
    await embed.page.close();
  }
  const text = Object.entries(found).filter(([, v]) => v.length).map(([name, v]) => `${name}:\n${report(v)}`).join("\n");
  assert.equal(text, "", "axe violations");
});

test("the panel tabs follow the WAI-ARIA tabs pattern: one tab stop, arrows, Home/End", async () => {
  const { page, errors } = await openLab(state);
  const tabs = page.getByRole("tablist", { name: "Panels" }).getByRole("tab");
  const names = await tabs.allTextContents();
  assert.ok(names.length >= 6, names.join());
  const stops = async () => (await tabs.evaluateAll((all) => all.map((t) => t.tabIndex)));
  const selected = () => page.getByRole("tab", { selected: true }).textContent();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  const only = (k) => names.map((_, i) => (i === k ? 0 : -1));
  const start = names.indexOf(await selected());
  assert.ok(start >= 0);
  assert.deepEqual(await stops(), only(start), "only the selected tab is in the tab order");
  const at = (k) => names[(k + names.length) % names.length];
  await tabs.nth(start).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(), at(start + 1));
  assert.equal(await focused(), at(start + 1));
  await page.keyboard.press("Home");
  assert.equal(await selected(), names[0]);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await selected(), names.at(-1), "ArrowLeft wraps to the last tab");
  assert.equal(await focused(), names.at(-1));
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(), names[0], "ArrowRight wraps to the first tab");
  await page.keyboard.press("End");
  assert.equal(await selected(), names.at(-1));
  await page.keyboard.press("Home");
  assert.equal(await selected(), names[0]);
  assert.deepEqual(await stops(), only(0));
  const panel = page.getByRole("tabpanel");
  assert.equal(await panel.getAttribute("aria-labelledby"), await tabs.first().getAttribute("id"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "tabpanel",
    "Tab leaves the tab list for the panel");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the first Tab stop is a link straight to the command line", async () => {
  const { page, input, errors } = await openLab(state);
  await page.keyboard.press("Tab");
  const link = page.getByRole("link", { name: "Skip to the command line" });
  assert.ok(await link.evaluate((a) => a === document.activeElement), "the skip link has the focus");
  assert.ok(await link.isVisible(), "and is seen when focused");
  await page.keyboard.press("Enter");
  assert.ok(await input.evaluate((i) => i === document.activeElement), "Enter puts the focus on the command input");
  await page.keyboard.type("EHLO keyboard.example");
  assert.equal(await input.inputValue(), "EHLO keyboard.example");
  assert.deepEqual(errors, []);
  await page.close();
});
