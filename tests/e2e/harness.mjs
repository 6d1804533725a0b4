// Shared set-up for the end-to-end tests: serve dist/ on loopback, start headless Chromium.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".webmanifest": "application/manifest+json",
};

/** Serves `dir` at http://127.0.0.1:<port>/ and resolves to { url, close }. */
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
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.SMTPLAB_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export const dist = process.env.SMTPLAB_DIST ?? new URL("../../dist", import.meta.url).pathname;
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
export async function openLab(state, viewport = { width: 1280, height: 800 }) {
  const page = await state.browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(state.site.url);
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
