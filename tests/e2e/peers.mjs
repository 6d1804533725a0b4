// smtplab next to the smallest Yew page that does what its console does per Enter
// (tests/peers/yew-minimal: type a line, append a reply, draw the last rows), to tell what
// the framework itself costs from what smtplab adds: Enter-to-paint with a long transcript,
// navigation to the greeting on a cold load, and the first visit's download (the wasm, js
// and css that index.html loads, gzipped). Run after `cargo xtask dist`:
//   node tests/e2e/peers.mjs [--entries N] [--samples N] [--cold N]   (defaults 5000, 21, 7)
// It builds the peers with `cargo xtask peers` when they are not built. `peers.test.mjs`
// runs it small on every `cargo xtask test`, without thresholds, so that it cannot rot.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serve, launch, dist } from "./harness.mjs";
import { enterToPaint, enterAtFrameStart, frameStart, measure, measureCold } from "./perf.mjs";

const root = new URL("../../", import.meta.url).pathname;
export const peersDir = process.env.SMTPLAB_PEERS ?? join(root, "target/peers");
export const PEERS = ["yew-minimal", "yew-engine"];

const sorted = (values) => [...values].sort((a, b) => a - b);
const ms = (value) => Number(value.toFixed(1));
const stats = (values) => ({
  median: ms(sorted(values)[Math.floor((values.length - 1) / 2)]),
  p90: ms(sorted(values)[Math.ceil(values.length * 0.9) - 1]),
});

/** The wasm, js and css a first visit downloads (what `dir`/index.html loads), raw and gzipped. */
export async function firstVisit(dir) {
  const html = await readFile(join(dir, "index.html"), "utf8");
  // Quoted or not: a release build's index.html is minified.
  const files = [...new Set([...html.matchAll(/(?:href|src)=["']?\.?\/?([^"'\s>?#]+\.(?:wasm|js|css))/g)].map((m) => m[1]))];
  const out = { files: {}, raw: 0, gzip: 0 };
  for (const name of files) {
    const bytes = await readFile(join(dir, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    out.files[name] = { raw: bytes.length, gzip };
    out.raw += bytes.length;
    out.gzip += gzip;
  }
  return out;
}

/** Enter-to-paint on a peer page that starts with `entries` lines. */
export async function measurePeer({ dir, entries = 5000, samples = 21, browser }) {
  const site = await serve(dir);
  const own = !browser;
  browser ??= await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.url}?entries=${entries}`);
    const input = page.getByRole("textbox", { name: "SMTP command" });
    await page.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').first().waitFor();
    const timed = async (how) => {
      const all = [];
      for (let i = 0; i < samples; i++) {
        await input.fill("NOOP");
        all.push(await page.evaluate(how));
      }
      return all;
    };
    const all = await timed(enterToPaint);
    const aligned = await timed(enterAtFrameStart);
    const transcriptEntries = Number(await page.getByRole("log", { name: "Transcript" }).getAttribute("data-entries"));
    const lastReply = await page.locator('[role="log"] li[data-from="server"]').last().textContent();
    await page.close();
    return {
      transcriptEntries,
      lastReply,
      enterToDomUpdatedMs: stats(all.map((s) => s.dom)),
      enterToPaintMs: stats(all.map((s) => s.frame)),
      enterToPaintedMs: stats(all.map((s) => s.painted)),
      ...frameStart(aligned),
    };
  } finally {
    if (own) await browser.close();
    site.close();
  }
}

/** Builds the peers with `cargo xtask peers` unless they are there. */
function ensureBuilt() {
  if (PEERS.every((name) => existsSync(join(peersDir, name, "dist/index.html")))) return;
  const built = spawnSync("cargo", ["xtask", "peers"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("cargo xtask peers failed");
}

/** Every number for smtplab and for each peer, side by side. */
export async function compare({ entries = 5000, samples = 21, cold = 7, browser } = {}) {
  ensureBuilt();
  const own = !browser;
  browser ??= await launch();
  try {
    const rows = {};
    for (const name of PEERS) {
      const dir = join(peersDir, name, "dist");
      rows[name] = {
        ...(await measurePeer({ dir, entries, samples, browser })),
        navigationToGreetingColdMs: await measureCold({ dir, samples: cold, browser }),
        firstVisit: await firstVisit(dir),
      };
    }
    const lab = await measure({ entries, samples, browser });
    rows.smtplab = {
      transcriptEntries: lab.transcriptEntries,
      enterToDomUpdatedMs: lab.enterToDomUpdatedMs,
      enterToPaintMs: lab.enterToPaintMs,
      enterToPaintedMs: lab.enterToPaintedMs,
      enterAtFrameStartToPaintedMs: lab.enterAtFrameStartToPaintedMs,
      enterAtFrameStartInSameFrame: lab.enterAtFrameStartInSameFrame,
      navigationToGreetingColdMs: await measureCold({ samples: cold, browser }),
      firstVisit: await firstVisit(dist),
    };
    return rows;
  } finally {
    if (own) await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const named = {};
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) named[args[i].replace(/^--/, "")] = Number(args[i + 1]);
  console.log(JSON.stringify(await compare(named), null, 1));
}
