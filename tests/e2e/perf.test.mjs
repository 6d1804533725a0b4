// perf.mjs, run small on every `cargo xtask test` so that it cannot rot: no thresholds,
// only that every number it prints was measured.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { measure, measureCold, ENTRIES_PER_CYCLE } from "./perf.mjs";

const state = {};
before(async () => { state.browser = await launch(); });
after(async () => { await state.browser?.close(); });

test("perf.mjs measures realistic traffic (smoke run: 3 cycles, 3 samples)", async () => {
  const result = await measure({ cycles: 3, samples: 3, browser: state.browser });
  assert.equal(result.messagesQueued, 3, JSON.stringify(result));
  assert.ok(result.transcriptEntries >= 3 * ENTRIES_PER_CYCLE, "entries counted by the transcript");
  assert.ok(result.drawnRows > 0 && result.drawnRows <= result.transcriptEntries);
  for (const key of ["emptyTranscriptEnterToPaintMs", "enterToDomUpdatedMs", "enterToPaintMs", "enterToPaintedMs", "enterAtFrameStartToPaintedMs"]) {
    assert.ok(Number.isFinite(result[key].median) && result[key].p90 >= result[key].median, key);
  }
  assert.ok(result.enterToPaintedMs.median >= result.enterToDomUpdatedMs.median, "painted comes after the DOM update");
  assert.match(result.enterAtFrameStartInSameFrame, /^\d+ of 3$/, "Enters at a frame's start counted");
  assert.ok(result.jsHeapPlusWasmMB > 0, "memory measured");
});

test("perf.mjs asked for entries pastes enough cycles", async () => {
  const result = await measure({ entries: 300, samples: 1, browser: state.browser });
  assert.ok(result.transcriptEntries >= 300, JSON.stringify(result));
  assert.ok(result.inputs.pastedCycles <= Math.ceil(300 / ENTRIES_PER_CYCLE), "no more than needed");
  assert.equal(result.messagesQueued, result.inputs.pastedCycles);
});

test("perf.mjs times a cold navigation to the greeting (smoke run: 1 sample)", async () => {
  const cold = await measureCold({ samples: 1, browser: state.browser });
  assert.equal(cold.samples.length, 1);
  assert.ok(cold.median > 0 && cold.p90 === cold.median, JSON.stringify(cold));
});
