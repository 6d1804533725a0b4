// Browser timings for the closing notes: Enter-to-paint with a transcript of realistic
// traffic (EHLO, then pasted MAIL/RCPT/RCPT/DATA/body/. cycles, about 5,000 entries), and
// memory after it. Every number printed is measured from the page; the inputs (cycles,
// samples) are printed as such. Run after `cargo xtask dist`:
//   node tests/e2e/perf.mjs [CYCLES] [SAMPLES]
// `tests/e2e/perf.test.mjs` runs it small on every `cargo xtask test`, without thresholds,
// so that it cannot rot.
import { serve, launch, dist } from "./harness.mjs";

/** One mail transaction, pasted as one pipelined chunk. */
function cycle(n) {
  return [
    `MAIL FROM:<sender${n}@example.org>`,
    "RCPT TO:<alice@example.com>",
    "RCPT TO:<bob@example.com>",
    "DATA",
    `Subject: message ${n}`,
    "",
    `Hello, this is message ${n}.`,
    ".",
  ];
}

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[Math.floor((values.length - 1) / 2)];
const p90 = (values) => sorted(values)[Math.ceil(values.length * 0.9) - 1];
const ms = (value) => Number(value.toFixed(1));

export async function measure({ cycles = 200, samples = 21, dir = dist, browser } = {}) {
  const site = await serve(dir);
  const own = !browser;
  browser ??= await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
    });
    await page.goto(site.url);
    const input = page.getByRole("textbox", { name: "SMTP command" });
    const log = page.getByRole("log", { name: "Transcript" });
    await log.locator('[data-from="server"]').first().waitFor();

    const enterToPaint = async (line) => {
      await input.fill(line);
      return page.evaluate(() => new Promise((done) => {
        const input = document.querySelector('input[aria-label="SMTP command"]');
        const log = document.querySelector('[role="log"][aria-label="Transcript"] ol');
        // The last row drawn (the list ends with a spacer for the rows below the view).
        const last = () => log.querySelector("li[data-from]:nth-last-child(2)");
        const before = last();
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (last() !== before) {
            observer.disconnect();
            const dom = performance.now() - start;
            // The next frame: the browser paints right after this callback.
            requestAnimationFrame(() => done({ dom, frame: performance.now() - start }));
          }
        });
        observer.observe(log, { childList: true });
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      }));
    };

    const empty = [];
    for (let i = 0; i < samples; i++) empty.push((await enterToPaint("NOOP")).frame);

    await input.fill("EHLO client.example.org");
    await input.press("Enter");
    const pasteStarted = Date.now();
    for (let n = 1; n <= cycles; n++) {
      await page.evaluate((text) => {
        const input = document.querySelector('input[aria-label="SMTP command"]');
        const data = new DataTransfer();
        data.setData("text", text);
        input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, cycle(n).join("\n"));
    }
    // The last cycle's reply is on screen when its queue ID is.
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-from="client"] .text')]
      .some((e) => e.textContent === `Hello, this is message ${n}.`), cycles);
    await log.locator('[data-from="server"] .text', { hasText: "queued as" }).last().waitFor();
    const pasteMs = Date.now() - pasteStarted;

    const frames = [];
    const doms = [];
    for (let i = 0; i < samples; i++) {
      const sample = await enterToPaint("NOOP");
      frames.push(sample.frame);
      doms.push(sample.dom);
    }

    // What the lab holds: its entry count, and the replies that say "queued as", counted
    // with the transcript's own find box (the transcript draws only the rows in view).
    const entries = Number(await log.getAttribute("data-entries"));
    await page.getByRole("searchbox", { name: "Find in transcript" }).fill("queued as");
    const found = await page.locator(".find-count").textContent();
    const queued = Number(/^(\d+) found$/.exec(found)?.[1]);
    const drawnRows = await log.locator("li").count();

    const client = await page.context().newCDPSession(page);
    await client.send("HeapProfiler.collectGarbage");
    await client.send("Performance.enable");
    const heap = (await client.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
    const saved = await page.evaluate(() => localStorage.getItem("smtplab.lab")?.length ?? null);
    await page.close();
    return {
      inputs: { pastedCycles: cycles, samples },
      transcriptEntries: entries,
      messagesQueued: queued,
      drawnRows,
      pasteAllCyclesMs: pasteMs,
      emptyTranscriptEnterToPaintMs: { median: ms(median(empty)), p90: ms(p90(empty)) },
      enterToDomUpdatedMs: { median: ms(median(doms)), p90: ms(p90(doms)) },
      enterToPaintMs: { median: ms(median(frames)), p90: ms(p90(frames)), max: ms(Math.max(...frames)) },
      jsHeapMB: heap ? Number((heap / 1048576).toFixed(1)) : null,
      wasmMemoryMB: wasm ? Number((wasm / 1048576).toFixed(1)) : null,
      localStorageChars: saved,
    };
  } finally {
    if (own) await browser.close();
    site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cycles = Number(process.argv[2] ?? 200);
  const samples = Number(process.argv[3] ?? 21);
  console.log(JSON.stringify(await measure({ cycles, samples }), null, 1));
}
