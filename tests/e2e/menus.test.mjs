// The popover menus ("Let time pass", "Export / import", "Share / save") close as
// popovers do: on Escape, with the focus back on their summary, and on a click or the
// focus outside them; an open "Let time pass" stays over the console, off the tab bar.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab } from "./harness.mjs";

const state = suite({ before, after });

const MENUS = [["Let time pass", "details.wait"], ["Export / import", "details.export:not(.wait)"], ["Share / save", "details.share"]];
const isOpen = (page, selector) => page.locator(selector).evaluate((d) => d.open);
const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent);

test("each menu closes on Escape, with the focus back on its summary", async () => {
  const { page, errors } = await openLab(state);
  for (const [name, selector] of MENUS) {
    const summary = page.locator(`${selector} > summary`);
    await summary.click();
    assert.equal(await isOpen(page, selector), true, `${name} opens`);
    const first = page.locator(`${selector} :is(button, a, input, textarea)`).first();
    await first.focus();
    await page.keyboard.press("Escape");
    await page.waitForFunction((s) => !document.querySelector(s).open, selector);
    assert.equal(await focusedText(page), name, `the focus is back on ${name}`);
    // The keyboard opens it again from there, and Escape closes it again.
    await page.keyboard.press("Enter");
    assert.equal(await isOpen(page, selector), true);
    await page.keyboard.press("Escape");
    await page.waitForFunction((s) => !document.querySelector(s).open, selector);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("a click or the focus outside closes a menu; a click on another menu opens only that one", async () => {
  const { page, input, errors } = await openLab(state);
  for (const [name, selector] of MENUS) {
    await page.locator(`${selector} > summary`).click();
    await page.getByRole("log", { name: "Transcript" }).click();
    await page.waitForFunction((s) => !document.querySelector(s).open, selector);

    await page.locator(`${selector} > summary`).click();
    await input.focus();
    await page.waitForFunction((s) => !document.querySelector(s).open, selector);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "SMTP command", name);
  }
  await page.locator("details.wait > summary").click();
  await page.locator("details.share > summary").click();
  await page.waitForFunction(() => !document.querySelector("details.wait").open);
  assert.equal(await isOpen(page, "details.share"), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an open 'Let time pass' stays over the console, and a click on a tab selects it and closes the menu", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
    const { page, errors } = await openLab(state, viewport);
    await page.getByText("Let time pass").click();
    const menu = await page.getByRole("group", { name: "Let time pass" }).boundingBox();
    const console_ = await page.getByRole("region", { name: "Console" }).boundingBox();
    assert.ok(menu.x >= console_.x && menu.x + menu.width <= console_.x + console_.width + 0.5,
      `${viewport.width}: the menu ${JSON.stringify(menu)} is within the console ${JSON.stringify(console_)}`);
    const tabs = await page.getByRole("tablist", { name: "Panels" }).boundingBox();
    const overlaps = menu.x < tabs.x + tabs.width && tabs.x < menu.x + menu.width
      && menu.y < tabs.y + tabs.height && tabs.y < menu.y + menu.height;
    assert.ok(!overlaps, `${viewport.width}: the menu does not cover the tabs`);
    const tab = page.getByRole("tab", { name: "Reply codes" });
    await tab.click();
    assert.equal(await tab.getAttribute("aria-selected"), "true");
    await page.waitForFunction(() => !document.querySelector("details.wait").open);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
