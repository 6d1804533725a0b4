// Shared set-up for the end-to-end tests: serve dist/ on loopback, start headless Chromium.
// The site runs under its own Content-Security-Policy (the meta tag in index.html; this
// server sends no CSP header): every browser from launch() records `securitypolicyviolation`
// events in every page and frame, openLab() puts them into its `errors`, and closing the
// browser fails if there were any.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".webmanifest": "application/manifest+json",
  ".ico": "image/x-icon", ".mjs": "text/javascript",
};

/**
 * Serves `dir` at http://127.0.0.1:<port>/ and resolves to { url, close, switchTo }.
 * `switchTo(other)` serves another directory on the same origin from the next request on (a
 * new deployment); `close()` also drops open connections (the server is gone at once).
 */
export async function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path.endsWith("/") ? path + "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    switchTo: (other) => { dir = other; },
    close: () => { server.close(); server.closeAllConnections(); },
  };
}

/** CSP violations per page, for openLab's `errors`. */
const pageErrors = new WeakMap();

/** Records every CSP violation in `context`'s pages and frames into `sink`. */
export async function watchCsp(context, sink) {
  await context.exposeBinding("__smtplabCspViolation", ({ page }, report) => {
    sink.push({ ...report, page: page?.url() });
    pageErrors.get(page)?.push(`CSP violation: ${describe(report)}`);
  });
  await context.addInitScript(() => {
    addEventListener("securitypolicyviolation", (e) => {
      const report = { directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample };
      window.__smtplabCspViolation?.(report);
    }, true);
  });
}

const describe = (v) => `${v.directive} blocked ${v.blocked || "(inline)"} at ${v.source}:${v.line} ${v.sample ?? ""}`.trim();

/** Throws if `browser` (from launch()) saw any CSP violation. */
export function assertNoCspViolations(browser) {
  const seen = browser?.cspViolations ?? [];
  if (seen.length) throw new Error(`${seen.length} CSP violation(s):\n${seen.map((v) => `${describe(v)} (page ${v.page})`).join("\n")}`);
}

export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
export const executablePath = process.env.SMTPLAB_CHROMIUM ?? "/usr/bin/chromium";

/** Headless Chromium whose contexts and pages record CSP violations (`browser.cspViolations`);
 *  `close()` rejects, after closing, if there were any. */
export async function launch() {
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  browser.cspViolations = [];
  const newContext = browser.newContext.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context, browser.cspViolations);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once("close", () => context.close().catch(() => {}));
    return page;
  };
  browser.close = async (options) => {
    await close(options);
    assertNoCspViolations(browser);
  };
  return browser;
}

export const dist = process.env.SMTPLAB_DIST ?? new URL("../../dist", import.meta.url).pathname;
/** Marks, in every page of `context`, the frame after the first reply (the greeting)
 *  appears; `greetedAt(page)` waits for it and gives its time since navigation. */
export async function markGreeting(context) {
  await context.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[role="log"] [data-from="server"]')) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__greetedAt = performance.now(); });
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

export async function greetedAt(page) {
  await page.waitForFunction(() => window.__greetedAt !== undefined);
  return page.evaluate(() => window.__greetedAt);
}

export const shots = new URL("../../target/screenshots/", import.meta.url).pathname;

/** Registers the suite's set-up: a loopback server for dist/ and a browser, closed after. */
export function suite(hooks) {
  const state = {};
  hooks.before(async () => {
    state.site = await serve(dist);
    state.browser = await launch();
    const { mkdir } = await import("node:fs/promises");
    await mkdir(shots, { recursive: true });
  });
  hooks.after(async () => {
    await state.browser?.close();
    state.site?.close();
  });
  return state;
}

/** Opens the lab, waits for the greeting, and returns helpers to drive it by role. */
export async function openLab(state, viewport = { width: 1280, height: 800 }, url = state.site.url) {
  const page = await state.browser.newPage({ viewport });
  const errors = [];
  pageErrors.set(page, errors);
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  const log = page.getByRole("log", { name: "Transcript" });
  await log.locator('[data-from="server"]').first().waitFor();
  const input = page.getByRole("textbox", { name: "SMTP command" });
  /** Sends a line and waits for the reply group it causes. */
  const type = async (line) => {
    const before = await log.locator('[data-from="server"]').count();
    await input.fill(line);
    await input.press("Enter");
    await log.locator('[data-from="server"]').nth(before).waitFor();
  };
  const lastReply = async () => (await log.locator('[data-from="server"]').last().locator(".text").allTextContents()).at(-1);
  return { page, log, input, type, lastReply, errors };
}
