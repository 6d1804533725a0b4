// The offline, installable PWA (issue 9): the built files, the post-build hook, Chromium's
// installability check, offline use from the service worker, a safe update from one build to
// the next with no mixed versions, the CSP, and the start-up measurement in smoke mode.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { serve, launch, openLab, dist, shots, watchCsp, chromiumArgs, executablePath, assertNoCspViolations } from "./harness.mjs";
import { measure, precacheSize } from "./pwa-perf.mjs";

const root = new URL("../../", import.meta.url).pathname;
const hook = join(root, "xtask/post-build.mjs");
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";
const state = { temps: [] };

before(async () => {
  state.browser = await launch();
  await mkdir(shots, { recursive: true });
});

after(async () => {
  await state.browser?.close();
  for (const dir of state.temps) await rm(dir, { recursive: true, force: true });
});

const temp = async (name) => {
  const dir = await mkdtemp(join(tmpdir(), `smtplab-${name}-`));
  state.temps.push(dir);
  return dir;
};

/** Runs the real post-build hook on `dir`; resolves to { code, stderr }. */
async function runHook(dir, profile) {
  try {
    await promisify(execFile)("node", [hook], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: profile, TRUNK_PUBLIC_URL: "./", TRUNK_SOURCE_DIR: root },
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    return { code: error.code, stderr: error.stderr };
  }
}

/** Every file under `dir`, as sorted "a/b" paths. */
async function files(dir, top = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path, top)));
    else out.push(relative(top, path).split(sep).join("/"));
  }
  return out.sort();
}

const sha = (algorithm, bytes) => createHash(algorithm).update(bytes).digest("base64");

/** The start tags `<name ...>` of `html`, each its attributes by name, where it is (`index`)
 *  and its text: a release build's index.html is minified, so attributes come in any order
 *  and may be unquoted. */
function tags(html, name) {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "gi"))].map((m) => {
    const attrs = new Map();
    for (const [, key, dq, sq, bare] of m[1].matchAll(/([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs.set(key.toLowerCase(), dq ?? sq ?? bare ?? "");
    }
    return { attrs, index: m.index, text: m[0] };
  });
}

/** Resolves when the service worker controls `page`. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test("the build: manifest, icons, favicon, no inline script, sw.js precaching every file by its hash", async () => {
  const html = await readFile(join(dist, "index.html"), "utf8");
  assert.ok(!/<script\b(?![^>]*\bsrc=)[^>]*>/i.test(html), "no inline <script>");
  assert.ok(!/<style\b|\sstyle=/i.test(html), "no inline style");
  const csp = tags(html, "meta").find((t) => /^content-security-policy$/i.test(t.attrs.get("http-equiv") ?? ""));
  assert.equal(csp?.attrs.get("content"), CSP);
  assert.ok(csp.index < html.search(/<script\b/i), "the CSP comes before any script");
  const boot = tags(html, "script").find((t) => /^\.\/boot-[0-9a-f]{16}\.js$/.test(t.attrs.get("src") ?? ""));
  assert.equal(boot?.attrs.get("type"), "module", "the bootstrap is a hashed module file");
  const bootFile = boot.attrs.get("src").slice(2);
  assert.equal(boot.attrs.get("integrity"), `sha384-${sha("sha384", await readFile(join(dist, bootFile)))}`);

  const manifest = JSON.parse(await readFile(join(dist, "manifest.webmanifest"), "utf8"));
  assert.equal(manifest.name, "smtplab: SMTP server simulator");
  assert.equal(manifest.short_name, "smtplab");
  for (const key of ["start_url", "scope", "id"]) assert.equal(manifest[key], "./");
  assert.equal(manifest.display, "standalone");
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes, ["any any", "192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of manifest.icons) await readFile(join(dist, icon.src)); // present
  for (const size of [192, 512]) {
    const png = await readFile(join(dist, `icons/icon-${size}.png`));
    assert.equal(png.readUInt32BE(16), size, `icon-${size}.png is ${size} px wide`);
  }
  assert.equal((await readFile(join(dist, "favicon.ico"))).readUInt16LE(2), 1, "favicon.ico is an icon file");

  const sw = await readFile(join(dist, "sw.js"), "utf8");
  const install = sw.slice(sw.indexOf('addEventListener("install"'), sw.indexOf('addEventListener("activate"'));
  assert.ok(install.length > 100 && !install.includes("skipWaiting"), "install never calls skipWaiting");
  const list = JSON.parse(sw.match(/^const PRECACHE = (\[.*\]);$/m)[1]);
  const expected = (await files(dist)).filter((f) => f !== "sw.js");
  assert.deepEqual(list.map(([name]) => decodeURIComponent(name)), expected, "every file of dist/ but sw.js");
  for (const [name, hash] of list) assert.equal(hash, sha("sha256", await readFile(join(dist, decodeURIComponent(name)))), name);
  assert.match(sw, /^const VERSION = "[0-9a-f]{20}";$/m);
  const size = await precacheSize(dist);
  console.log(`precache: ${size.files} files, ${size.bytes} bytes, ${size.gzip} bytes gzipped`);
});

test("the post-build hook: idempotent, dev-safe, and it fails on what it does not expect", async () => {
  // Run again on the finished site: nothing changes.
  const again = await temp("again");
  await cp(dist, again, { recursive: true });
  assert.deepEqual(await runHook(again, "release"), { code: 0, stderr: "" });
  for (const name of await files(dist)) {
    assert.ok((await readFile(join(again, name))).equals(await readFile(join(dist, name))), `${name} is unchanged`);
  }

  // A debug build as `trunk serve` writes it: the bootstrap and the autoreload script move out
  // (the placeholders that serve fills in only inside HTML get the values of its fallback),
  // and sw.js caches nothing.
  const dev = await temp("dev");
  const page = (scripts) => `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"></head><body>${scripts}</body></html>`;
  await writeFile(join(dev, "index.html"), page(`<script type="module">import init from '/app.js';await init();</script>`
    + `<script>"use strict";const address = '{{__TRUNK_ADDRESS__}}';const base = '{{__TRUNK_WS_BASE__}}';</script>`));
  await writeFile(join(dev, "app.js"), "export default async function init() {}");
  assert.equal((await runHook(dev, "debug")).code, 0);
  const html = await readFile(join(dev, "index.html"), "utf8");
  const srcs = [...html.matchAll(/<script[^>]*src="\.\/(boot-[0-9a-f]{16}\.js)" integrity="sha384-[^"]+"/g)].map((m) => m[1]);
  assert.equal(srcs.length, 2, html);
  assert.ok(!/<script[^>]*>[^<]/.test(html), "no inline script left");
  const reload = await readFile(join(dev, srcs[1]), "utf8");
  assert.match(reload, /const address = window\.location\.host;const base = '\/';/);
  const devSw = await readFile(join(dev, "sw.js"), "utf8");
  assert.ok(devSw.includes("unregister()") && !devSw.includes("caches.open") && !devSw.includes('"fetch"'), devSw);

  // Unexpected: no bootstrap at all; a script from another host; a broken integrity.
  const bad = await temp("bad");
  await writeFile(join(bad, "index.html"), page(""));
  assert.match((await runHook(bad, "release")).stderr, /no inline <script type="module">/);
  await writeFile(join(bad, "index.html"), page(`<script type="module">import 'https://cdn.example/x.js';</script><script src="https://cdn.example/y.js"></script>`));
  assert.match((await runHook(bad, "release")).stderr, /another host/);
  await writeFile(join(bad, "index.html"), page(`<link rel="stylesheet" href="./a.css" integrity="sha384-AAAA"><script type="module">1</script>`));
  await writeFile(join(bad, "a.css"), "body{}");
  assert.match((await runHook(bad, "release")).stderr, /integrity of a\.css/);
  assert.match((await runHook(bad, "staging")).stderr, /TRUNK_PROFILE/);
});

test("installable: Chromium reports no installability errors", async () => {
  const site = await serve(dist);
  const profile = await temp("profile");
  // A persistent profile: a fresh incognito-like context always reports "in-incognito".
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: chromiumArgs });
  const violations = [];
  try {
    await watchCsp(context, violations);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(site.url);
    await page.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').first().waitFor();
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send("Page.getAppManifest");
    assert.deepEqual(errors, [], "the manifest parses cleanly");
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const icon = await page.evaluate(() => fetch("favicon.ico").then((r) => [r.status, r.headers.get("content-type")]));
    assert.deepEqual(icon, [200, "image/x-icon"]);
  } finally {
    await context.close();
    site.close();
  }
  assertNoCspViolations({ cspViolations: violations });
});

test("offline: with the server gone, the lab reloads from the service worker, answers EHLO, opens a share link", async () => {
  const site = await serve(dist);
  const { page, type, lastReply, log, errors } = await openLab({ browser: state.browser, site });
  await controlled(page);
  await type("EHLO client.example.org");
  await page.getByText("Share / save").click();
  const link = await page.getByRole("textbox", { name: "Link that replays this session" }).inputValue();
  assert.match(link, /#s=./);
  site.close();
  await page.context().setOffline(true);
  await page.reload();
  await log.locator('[data-from="server"]').first().waitFor();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
  await type("EHLO client.example.org");
  assert.equal(await lastReply(), "250 CHUNKING");
  for (const suffix of ["?embed=1", "#offline-fragment", "index.html?x=1"]) {
    await page.goto(site.url + suffix);
    await page.locator('[data-from="server"]').first().waitFor();
    assert.equal(await page.locator('[data-from="server"] .text').first().textContent(), "220 mail.example.com ESMTP Postfix", suffix);
  }
  // A share link opens offline too.
  await page.goto(link);
  await page.getByText(/Opened a shared session \(\d+ steps?\)/).waitFor();
  // Another path is not the app: offline, the navigation fails instead of showing the lab.
  await assert.rejects(page.goto(`${site.url}not-the-lab.html`));
  assert.deepEqual(errors, []);
  await page.close();
});

/** Build 2 from dist/: a visible CSS change under a new hashed name, then the real hook. */
async function secondBuild() {
  const dir = await temp("v2");
  await cp(dist, dir, { recursive: true });
  let html = await readFile(join(dir, "index.html"), "utf8");
  const found = tags(html, "link").find((t) => t.attrs.get("rel") === "stylesheet" && /^\.\/app-[0-9a-f]+\.css$/.test(t.attrs.get("href") ?? ""));
  assert.ok(found, "the stylesheet link");
  const link = [found.text, found.attrs.get("href").slice(2)];
  const old = await readFile(join(dir, link[1]));
  const css = Buffer.concat([old, Buffer.from('\n.tagline::after{content:" (version 2)"}\n')]);
  const name = `app-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  await unlink(join(dir, link[1]));
  await writeFile(join(dir, name), css);
  const tag = link[0].replace(link[1], name).replace(`sha384-${sha("sha384", old)}`, `sha384-${sha("sha384", css)}`);
  assert.notEqual(tag, link[0].replace(link[1], name), "the integrity was sha384 and is updated");
  html = html.replace(link[0], tag);
  await writeFile(join(dir, "index.html"), html);
  assert.deepEqual(await runHook(dir, "release"), { code: 0, stderr: "" });
  return { dir, v1css: link[1], v2css: name };
}

test("update: the new build waits, 'Reload to update' swaps it in, and no page request mixes versions", async () => {
  const v2 = await secondBuild();
  const [v1version, v2version] = [(await precacheSize(dist)).version, (await precacheSize(v2.dir)).version];
  assert.notEqual(v1version, v2version);
  const site = await serve(dist);
  const { page, log, errors } = await openLab({ browser: state.browser, site });
  const requests = { before: [], after: [] };
  let phase = "before";
  page.on("request", (r) => {
    if (!r.serviceWorker?.()) requests[phase].push(new URL(r.url()).pathname.slice(1));
  });
  await controlled(page);
  await page.reload(); // with the requests recorded from here on
  await log.locator('[data-from="server"]').first().waitFor();
  const marker = () => page.evaluate(() => getComputedStyle(document.querySelector(".tagline"), "::after").content);
  assert.equal(await marker(), "none");

  site.switchTo(v2.dir);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByRole("status").filter({ hasText: "A new version of smtplab is ready." });
  const button = banner.getByRole("button", { name: "Reload to update" });
  await button.waitFor();
  assert.equal(await marker(), "none", "nothing changes before the click");
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.active.state)), "activated");
  await page.screenshot({ path: `${shots}update-banner-desktop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}update-banner-phone.png` });

  phase = "after";
  const reloaded = page.waitForEvent("load");
  await button.click();
  await reloaded;
  await log.locator('[data-from="server"]').first().waitFor();
  assert.equal(await marker(), '" (version 2)"');
  assert.equal(await banner.count(), 0, "no banner after the update");
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`smtplab-${v2version}`], "the old cache is gone");

  assert.ok(requests.before.includes(v2.v1css) && !requests.before.includes(v2.v2css), requests.before.join(" "));
  assert.ok(requests.after.includes(v2.v2css) && !requests.after.includes(v2.v1css), requests.after.join(" "));
  assert.deepEqual(errors, []);
  await page.close();
  site.close();
});

test("CSP: the policy is in force, the recorder sees a violation, and the lab causes none", async () => {
  const site = await serve(dist);
  const browser = await launch();
  try {
    const { page, type, errors } = await openLab({ browser, site });
    for (const line of ["EHLO client.example.org", "STARTTLS"]) await type(line);
    await page.getByRole("button", { name: "Start TLS handshake" }).click();
    await page.getByRole("figure", { name: "State diagram" }).locator('[aria-current="step"]').waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("figure", { name: "Sequence diagram" }).getByRole("button", { name: "Export PNG" }).click();
    await download;
    assert.equal(await page.locator("[style]").count(), 0, "no style attributes in the DOM");
    assert.equal(await page.locator("body style, svg style").count(), 0, "no <style> elements in the page");
    // The diagrams are styled from app.css: the sequence's lifelines are dashed.
    assert.equal(await page.locator("svg.sequence .life").first().evaluate((e) => getComputedStyle(e).strokeDasharray), "4px, 3px");
    assert.deepEqual(errors, []);
    assert.deepEqual(browser.cspViolations, []);
    // The recorder works: an inline style is refused and reported.
    await page.evaluate(() => document.head.append(Object.assign(document.createElement("style"), { textContent: "body{color:red}" })));
    await page.waitForFunction(() => true);
    await expectViolation(browser, "style-src-elem");
    browser.cspViolations.length = 0;
    await page.close();
  } finally {
    await browser.close();
    site.close();
  }
});

async function expectViolation(browser, directive) {
  for (let i = 0; i < 50 && !browser.cspViolations.length; i++) await new Promise((ok) => setTimeout(ok, 20));
  assert.equal(browser.cspViolations[0]?.directive, directive, JSON.stringify(browser.cspViolations));
}

test("time to a usable lab from the service worker, offline (smoke: 1 sample, no threshold)", async () => {
  const result = await measure({ samples: 1 });
  assert.equal(result.samples.length, 1);
  assert.ok(result.medianMs > 0, JSON.stringify(result));
  console.log(`offline start from the service worker: ${result.medianMs} ms`);
});
