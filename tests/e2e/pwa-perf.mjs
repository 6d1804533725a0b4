// Offline start-up numbers for the closing notes: the precache size (files, bytes, gzip) and
// the time to a usable lab from the service worker: navigation start -> the greeting drawn,
// over warm reloads of a page the worker controls, with the server gone and the browser
// offline. Run after `cargo xtask dist`:
//   NODE_PATH=node_modules node tests/e2e/pwa-perf.mjs [samples, default 5]
// pwa.test.mjs runs it once with 1 sample so that it cannot rot (no thresholds).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serve, launch, dist, markGreeting, greetedAt } from "./harness.mjs";

/** The precache list of `dir`/sw.js, with the raw and gzipped size of its files. */
export async function precacheSize(dir = dist) {
  const sw = await readFile(join(dir, "sw.js"), "utf8");
  const list = sw.match(/^const PRECACHE = (\[.*\]);$/m);
  if (!list) throw new Error(`${dir}/sw.js has no generated PRECACHE list`);
  let bytes = 0;
  let gzip = 0;
  const files = JSON.parse(list[1]).map(([name]) => name);
  for (const name of files) {
    const content = await readFile(join(dir, decodeURIComponent(name)));
    bytes += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzip, version: sw.match(/^const VERSION = "([^"]+)";$/m)?.[1] };
}

/** Nearest-rank percentile of sorted numbers. */
const rank = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

/** Warm offline reloads of a worker-controlled page: ms from navigation start to the greeting. */
export async function measure({ dir = dist, samples = 5, viewport = { width: 1280, height: 800 } } = {}) {
  const site = await serve(dir);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport });
    await markGreeting(context);
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    site.close();
    await context.setOffline(true);
    const once = async () => {
      await page.reload();
      const at = await greetedAt(page);
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error("not controlled by the worker");
      return at;
    };
    await once(); // warm-up: the first controlled load compiles the wasm into the code cache
    const times = [];
    for (let i = 0; i < samples; i++) times.push(await once());
    const sorted = [...times].sort((a, b) => a - b);
    return {
      samples: times.map((t) => Number(t.toFixed(1))),
      medianMs: Number(rank(sorted, 50).toFixed(1)),
      p90Ms: Number(rank(sorted, 90).toFixed(1)),
    };
  } finally {
    await browser.close();
    site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = Number(process.argv[2] ?? 5);
  const precache = await precacheSize();
  const usable = await measure({ samples });
  console.log(JSON.stringify({ precache, offlineTimeToUsableMs: usable }, null, 1));
}
