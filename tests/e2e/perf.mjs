// Browser timings for issue #12: Enter-to-paint with a transcript of realistic traffic
// (EHLO, then pasted MAIL/RCPT/RCPT/DATA/body/. cycles, 26 entries each), the memory the
// lab then holds, and the time from navigation to the greeting on a cold load. Every
// number printed is measured from the page; the inputs are printed as such. Run after
// `cargo xtask dist`:
//   node tests/e2e/perf.mjs [--entries N] [--samples N] [--cold N]    (defaults 5000, 21, 7)
//   node tests/e2e/perf.mjs CYCLES [SAMPLES]                          (a number of cycles)
// e.g. `--entries 50000` for the long-session target. `tests/e2e/perf.test.mjs` runs it
// small on every `cargo xtask test`, without thresholds, so that it cannot rot.
//
// Three times per Enter, from the keydown: `dom`, the new reply's row is in the page (the
// reducer, every render and every effect ran); `frame`, the next animation frame starts
// (the number issue #12 was first measured with); `painted`, that frame's style, layout
// and paint are done (a task posted from the frame runs after them).
import { serve, launch, dist, markGreeting, greetedAt } from "./harness.mjs";

/** One mail transaction, pasted as one pipelined chunk. */
export function cycle(n) {
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

/** Transcript entries one cycle pasted alone adds (fewer when several share a chunk). */
export const ENTRIES_PER_CYCLE = 26;
/** Pastes at most this many times: a longer session pastes several cycles per chunk. */
const MAX_PASTES = 250;

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[Math.floor((values.length - 1) / 2)];
const p90 = (values) => sorted(values)[Math.ceil(values.length * 0.9) - 1];
const ms = (value) => Number(value.toFixed(1));
const stats = (values) => ({ median: ms(median(values)), p90: ms(p90(values)), max: ms(Math.max(...values)) });

/** The numbers of `enterAtFrameStart` samples. */
export function frameStart(samples) {
  return {
    enterAtFrameStartToPaintedMs: stats(samples.map((s) => s.painted)),
    enterAtFrameStartInSameFrame: `${samples.filter((s) => s.sameFrame).length} of ${samples.length}`,
  };
}

/** Enter on the command line: resolves to { dom, frame, painted } in ms from the keydown. */
export function enterToPaint() {
  return new Promise((done) => {
    const input = document.querySelector('input[aria-label="SMTP command"]');
    const log = document.querySelector('[role="log"][aria-label="Transcript"] ol');
    // The last row drawn (the list ends with a spacer for the rows below the view).
    const last = () => log.querySelector("li[data-from]:nth-last-child(2)");
    const before = last();
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (last() === before) return;
      observer.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => {
        const frame = performance.now() - start;
        const after = new MessageChannel();
        after.port1.onmessage = () => done({ dom, frame, painted: performance.now() - start });
        after.port2.postMessage(null);
      });
    });
    observer.observe(log, { childList: true });
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  });
}

/**
 * Enter at the start of a frame: the keydown is dispatched from an animation-frame
 * callback, so the reply can be in that very frame. Resolves to { dom, painted, sameFrame }
 * in ms from the keydown: `painted` is when that frame's style, layout and paint are done
 * (or, if the reply missed it, the frame that shows it). This is the part of Enter-to-paint
 * the page decides; a keydown at a random moment also waits for the next frame to start
 * (up to one frame, 16.7 ms at 60 Hz), whatever the page does.
 */
export function enterAtFrameStart() {
  return new Promise((done) => {
    const input = document.querySelector('input[aria-label="SMTP command"]');
    const log = document.querySelector('[role="log"][aria-label="Transcript"] ol');
    const last = () => log.querySelector("li[data-from]:nth-last-child(2)");
    const before = last();
    // Resolves after the next frame has been drawn.
    const painted = (then) => {
      const after = new MessageChannel();
      after.port1.onmessage = then;
      after.port2.postMessage(null);
    };
    requestAnimationFrame(() => {
      const start = performance.now();
      let dom = null;
      let missed = false;
      const observer = new MutationObserver(() => {
        if (last() === before) return;
        observer.disconnect();
        dom = performance.now() - start;
        if (missed) requestAnimationFrame(() => painted(() => done({ dom, painted: performance.now() - start, sameFrame: false })));
      });
      observer.observe(log, { childList: true });
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      painted(() => {
        if (dom !== null) done({ dom, painted: performance.now() - start, sameFrame: true });
        else missed = true;
      });
    });
  });
}

/** Pastes `text` into the command line; resolves to the transcript's entry count after. */
function paste(text) {
  const input = document.querySelector('input[aria-label="SMTP command"]');
  const data = new DataTransfer();
  data.setData("text", text);
  input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  return new Promise((done) => setTimeout(() => done(Number(document.querySelector('[role="log"][aria-label="Transcript"]').dataset.entries))));
}

/**
 * Enter-to-paint after `cycles` pasted cycles (or as many as make `entries` entries), and
 * the memory then. `samples` Enters (NOOP) are timed before the traffic and after it.
 */
export async function measure({ cycles, entries, samples = 21, dir = dist, browser } = {}) {
  if (cycles === undefined) entries ??= 5000;
  // Pasted until there are `entries` (a chunk of several cycles adds 23 entries per cycle).
  const planned = cycles ?? Math.ceil(entries / 23);
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
    const timed = async (how = enterToPaint) => {
      const all = [];
      for (let i = 0; i < samples; i++) {
        await input.fill("NOOP");
        all.push(await page.evaluate(how));
      }
      return all;
    };

    const empty = await timed();

    await input.fill("EHLO client.example.org");
    await input.press("Enter");
    const perPaste = Math.ceil(planned / MAX_PASTES);
    const pasteStarted = Date.now();
    let pasted = 0;
    for (let count = 0; cycles === undefined ? count < entries : pasted < cycles;) {
      const chunk = [];
      const last = cycles === undefined ? pasted + perPaste : Math.min(pasted + perPaste, cycles);
      for (let k = pasted + 1; k <= last; k++) chunk.push(...cycle(k));
      count = await page.evaluate(paste, chunk.join("\n"));
      pasted = last;
    }
    cycles = pasted;
    // The last cycle's reply is on screen when the last row is its queue ID (the view
    // follows the end); the find box below counts every queue ID.
    await page.waitForFunction(() => /queued as/.test(document.querySelector('[role="log"] li[data-from]:nth-last-child(2)')?.textContent),
      null, { timeout: 120_000 });
    const pasteMs = Date.now() - pasteStarted;

    const full = await timed();
    const aligned = await timed(enterAtFrameStart);

    // What the lab holds: its entry count, and the replies that say "queued as", counted
    // with the transcript's own find box (the transcript draws only the rows in view).
    const entryCount = Number(await log.getAttribute("data-entries"));
    await page.getByRole("searchbox", { name: "Find in transcript" }).fill("queued as");
    const found = await page.locator(".find-count").textContent();
    const queued = Number(/^(\d+) found$/.exec(found)?.[1]);
    const drawnRows = await log.locator("li").count();

    const client = await page.context().newCDPSession(page);
    await client.send("HeapProfiler.collectGarbage");
    await client.send("Performance.enable");
    const heap = (await client.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
    await page.waitForTimeout(600); // the lab is saved once typing pauses for 400 ms
    const saved = await page.evaluate(() => localStorage.getItem("smtplab.lab")?.length ?? null);
    await page.close();
    const mb = (bytes) => (bytes ? Number((bytes / 1048576).toFixed(1)) : null);
    return {
      inputs: { pastedCycles: cycles, cyclesPerPaste: perPaste, samples },
      transcriptEntries: entryCount,
      messagesQueued: queued,
      drawnRows,
      pasteAllCyclesMs: pasteMs,
      emptyTranscriptEnterToPaintMs: stats(empty.map((s) => s.frame)),
      enterToDomUpdatedMs: stats(full.map((s) => s.dom)),
      enterToPaintMs: stats(full.map((s) => s.frame)),
      enterToPaintedMs: stats(full.map((s) => s.painted)),
      ...frameStart(aligned),
      jsHeapMB: mb(heap),
      wasmMemoryMB: mb(wasm),
      jsHeapPlusWasmMB: heap && wasm ? mb(heap + wasm) : null,
      localStorageChars: saved,
    };
  } finally {
    if (own) await browser.close();
    site.close();
  }
}

/**
 * Cold loads: each sample a new browser context (empty HTTP cache, no service worker, no
 * compiled-code cache) going to the lab over loopback; ms from navigation start to the
 * first frame that shows the greeting.
 */
export async function measureCold({ samples = 7, dir = dist, browser } = {}) {
  const site = await serve(dir);
  const own = !browser;
  browser ??= await launch();
  try {
    const times = [];
    for (let i = 0; i < samples; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
      await markGreeting(context);
      const page = await context.newPage();
      await page.goto(site.url);
      times.push(await greetedAt(page));
      await context.close();
    }
    return { samples: times.map(ms), median: ms(median(times)), p90: ms(p90(times)) };
  } finally {
    if (own) await browser.close();
    site.close();
  }
}

/** `--name value` options and bare numbers, from the command line. */
function options(args) {
  const named = {};
  const bare = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith("--")) named[args[i].slice(2)] = Number(args[++i]);
    else bare.push(Number(args[i]));
  }
  return { named, bare };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { named, bare } = options(process.argv.slice(2));
  const samples = named.samples ?? bare[1] ?? 21;
  const load = bare.length ? { cycles: bare[0] } : { entries: named.entries ?? 5000 };
  const result = await measure({ ...load, samples });
  result.navigationToGreetingColdMs = await measureCold({ samples: named.cold ?? 7 });
  console.log(JSON.stringify(result, null, 1));
}
