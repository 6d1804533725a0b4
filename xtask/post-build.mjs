// Trunk post_build hook (Trunk.toml): makes the built site a CSP-clean, offline PWA.
// Trunk runs it after writing index.html to $TRUNK_STAGING_DIR and before that replaces
// dist/. It can be run again on a finished site (it is idempotent):
//   TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release node xtask/post-build.mjs
//
// 1. Every inline <script> (Trunk's module bootstrap, trunk-rs/trunk#288; `trunk serve`'s
//    autoreload) moves into a content-hashed file boot-<hash>.js, referenced with src= and
//    integrity=, so the CSP needs no 'unsafe-inline'.
// 2. release: the wasm-bindgen JS (NAME.js beside NAME_bg.wasm) minified with terser, from
//    the project's node_modules (Trunk minifies only the HTML and the CSS); every
//    integrity= that named the old text names the new one. Without terser: a warning. A
//    file that is already one line is left as it is (a second run changes nothing).
// 3. Checks: a CSP meta tag before any script; no inline styles or handlers; every local
//    href/src exists; every integrity= matches its file.
// 4. release: sw.js from the template assets/sw.js, with the precache list (every file of
//    the build but sw.js, each with its SHA-256) and a version (a hash of all of them).
//    debug: an sw.js that caches nothing and unregisters a leftover release worker.
// Anything unexpected fails the build (exit 1).
import { createHash } from "node:crypto";
import { readFile, readdir, unlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging || !existsSync(join(staging, "index.html"))) fail(`no index.html in TRUNK_STAGING_DIR (${staging ?? "unset"})`);
const profile = process.env.TRUNK_PROFILE;
if (profile !== "release" && profile !== "debug") fail(`TRUNK_PROFILE must be release or debug, not ${profile ?? "unset"}`);
const release = profile === "release";
let base = process.env.TRUNK_PUBLIC_URL || "./";
if (!base.endsWith("/")) base += "/";
const source = process.env.TRUNK_SOURCE_DIR ?? fileURLToPath(new URL("..", import.meta.url));

const sha = (algorithm, bytes, encoding = "base64") => createHash(algorithm).update(bytes).digest(encoding);
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const BOOT = /^boot-[0-9a-f]{16}\.js$/;

/** Attributes of a start tag (minified HTML leaves some unquoted). */
function attributes(text) {
  const attrs = new Map();
  for (const [, name, dq, sq, bare] of text.matchAll(/([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs.set(name.toLowerCase(), dq ?? sq ?? bare ?? "");
  }
  return attrs;
}

const escape = (value) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
const tag = (attrs) => `<script${[...attrs].map(([k, v]) => (v === "" && k !== "src" ? ` ${k}` : ` ${k}="${escape(v)}"`)).join("")}></script>`;

/** A local file that a URL in the page refers to, or null for another host / data: URL. */
function localFile(url) {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) {
    if (/^(?:data|blob):/i.test(url)) return null;
    fail(`index.html refers to another host: ${url} (nothing may be fetched from another host)`);
  }
  let path = url.split(/[?#]/)[0];
  if (path.startsWith(base)) path = path.slice(base.length);
  else if (path.startsWith("./")) path = path.slice(2);
  else if (path.startsWith("/")) path = path.slice(1);
  return decodeURIComponent(path) || "index.html";
}

// 1. Inline scripts out into boot-<hash>.js.
const htmlPath = join(staging, "index.html");
let html = await readFile(htmlPath, "utf8");
let moved = 0;
let modules = 0;
const writes = [];
html = html.replace(SCRIPT, (whole, attrText, body) => {
  const attrs = attributes(attrText);
  if (attrs.has("src")) return whole;
  if (!body.trim()) fail(`an empty inline <script${attrText}> in index.html`);
  if ((attrs.get("type") ?? "") !== "" && !["module", "text/javascript"].includes(attrs.get("type"))) {
    fail(`an inline <script type="${attrs.get("type")}"> that this hook does not know how to move`);
  }
  if (body.includes("{{__TRUNK_ADDRESS__}}")) {
    // `trunk serve` fills these in only inside HTML responses; outside, do it the way its
    // fallback does: the page's own host, and the public URL as the websocket base.
    if (release) fail("Trunk's autoreload script in a release build");
    body = body
      .replaceAll("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
      .replaceAll("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
      .replaceAll("{{__TRUNK_WS_BASE__}}", base.startsWith("/") ? base : "/");
  }
  if (/\{\{__TRUNK_[A-Z_]+__\}\}/.test(body)) fail("an inline script with a Trunk placeholder this hook does not know");
  const name = `boot-${sha("sha256", body, "hex").slice(0, 16)}.js`;
  writes.push(writeFile(join(staging, name), body));
  attrs.delete("nonce");
  const out = new Map([...attrs].filter(([k]) => k === "type"));
  out.set("src", `${base}${name}`);
  out.set("integrity", `sha384-${sha("sha384", body)}`);
  for (const [k, v] of attrs) if (!out.has(k)) out.set(k, v);
  moved += 1;
  if (attrs.get("type") === "module") modules += 1;
  return tag(out);
});
await Promise.all(writes);

// 2. The wasm-bindgen JS, minified.
async function terser() {
  try {
    return await import(join(source, "node_modules", "terser", "main.js"));
  } catch {
    return null;
  }
}
if (release) {
  const glue = (await readdir(staging)).filter((f) => f.endsWith("_bg.wasm")).map((f) => f.replace(/_bg\.wasm$/, ".js"));
  const minifier = glue.length ? await terser() : null;
  if (!minifier) console.warn("post-build: WARNING: no terser in node_modules (npm ci); the JS is not minified");
  for (const file of minifier ? glue : []) {
    const path = join(staging, file);
    if (!existsSync(path)) fail(`${file} is missing beside its wasm`);
    const text = await readFile(path, "utf8");
    // terser's output is one line; minifying it again would rename its variables anew.
    if (!text.trimEnd().includes("\n")) continue;
    const { code } = await minifier.minify(text, { module: true, compress: true, mangle: true });
    if (!code) fail(`terser returned nothing for ${file}`);
    html = html.replaceAll(`sha384-${sha("sha384", text)}`, `sha384-${sha("sha384", code)}`);
    await writeFile(path, code);
  }
}

// 3. Checks.
const scripts = [...html.matchAll(SCRIPT)].map(([, a]) => attributes(a));
const boots = scripts.map((a) => localFile(a.get("src") ?? "")).filter((f) => f && BOOT.test(f));
if (modules === 0 && boots.length === 0) {
  fail("no inline <script type=\"module\"> (Trunk's bootstrap) in index.html and no boot-*.js: has Trunk's output changed?");
}
const csp = html.search(/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy/i);
if (csp < 0) fail("index.html has no Content-Security-Policy meta tag");
const firstScript = html.search(/<script\b/i);
if (firstScript >= 0 && firstScript < csp) fail("a <script> comes before the Content-Security-Policy meta tag");
if (/'unsafe-inline'/.test(html.slice(csp, html.indexOf(">", csp)))) fail("the CSP allows 'unsafe-inline'");
if (/<style\b/i.test(html)) fail("a <style> element in index.html (style-src 'self' blocks it)");
for (const [, name, attrText] of html.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
  for (const attr of attributes(attrText).keys()) {
    if (attr === "style" || /^on[a-z]+$/.test(attr)) fail(`<${name} ${attr}=...> in index.html: the CSP blocks inline styles and handlers`);
  }
}
for (const [, name, attrText] of html.matchAll(/<(link|script|img|source|iframe)\b([^>]*)>/gi)) {
  const attrs = attributes(attrText);
  const url = attrs.get("href") ?? attrs.get("src");
  if (!url || attrs.get("rel") === "canonical") continue;
  const file = localFile(url);
  if (!file) continue;
  if (!existsSync(join(staging, file))) fail(`<${name}> refers to ${url}, which is not in the build`);
  const integrity = attrs.get("integrity");
  if (integrity) {
    const [algorithm, expected] = integrity.split(/-(.*)/s);
    const actual = sha(algorithm, await readFile(join(staging, file)));
    if (actual !== expected) fail(`the integrity of ${file} in index.html does not match the file`);
  }
}
await writeFile(htmlPath, html);
// A second run leaves no boot file behind that the page no longer uses.
for (const file of await readdir(staging)) {
  if (BOOT.test(file) && !boots.includes(file)) await unlink(join(staging, file));
}

// 4. sw.js.
const swPath = join(staging, "sw.js");
if (!release) {
  await writeFile(swPath, `// Development build (cargo xtask serve): no service worker, no offline cache. This one only
// removes a release worker left on this origin by an earlier build, so that dev is not served
// stale files. The page of a debug build never registers a worker.
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("smtplab-")) await caches.delete(key);
    await self.registration.unregister();
  })());
});
`);
  console.log(`post-build: debug: moved ${moved} inline script(s); sw.js unregisters itself`);
  process.exit(0);
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.isFile()) out.push(path);
    else fail(`${path}: neither a file nor a directory`);
  }
  return out;
}
const precache = [];
let bytes = 0;
for (const path of (await files(staging)).sort()) {
  const name = relative(staging, path).split(sep).join("/");
  if (name === "sw.js") continue;
  if (name.split("/").some((part) => part.startsWith("."))) fail(`a hidden file in the build: ${name}`);
  const content = await readFile(path);
  bytes += content.length;
  precache.push([name.split("/").map(encodeURIComponent).join("/"), sha("sha256", content)]);
}
for (const required of ["index.html", "manifest.webmanifest", ...boots]) {
  if (!precache.some(([name]) => name === required)) fail(`${required} is not in the build`);
}
const version = sha("sha256", precache.map(([name, hash]) => `${name} ${hash}\n`).join(""), "hex").slice(0, 20);
let sw = await readFile(join(source, "assets", "sw.js"), "utf8");
for (const [marker, value] of [
  ['/* smtplab:version */ ""', JSON.stringify(version)],
  ["/* smtplab:precache */ []", JSON.stringify(precache)],
]) {
  if (sw.split(marker).length !== 2) fail(`assets/sw.js must contain ${marker} exactly once`);
  sw = sw.replace(marker, () => value);
}
await writeFile(swPath, sw);
console.log(`post-build: moved ${moved} inline script(s); sw.js ${version} precaches ${precache.length} files, ${bytes} bytes`);
