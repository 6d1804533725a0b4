// perf.mjs, run small on every `cargo xtask test` so that it cannot rot: no thresholds,
// only that every number it prints was measured.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { measure } from "./perf.mjs";

const state = {};
before(async () => { state.browser = await launch(); });
after(async () => { await state.browser?.close(); });

test("perf.mjs measures realistic traffic (smoke run: 3 cycles, 3 samples)", async () => {
  const result = await measure({ cycles: 3, samples: 3, browser: state.browser });
  assert.equal(result.messagesQueued, 3, JSON.stringify(result));
  assert.ok(result.transcriptEntries > 3 * 8 + 1 + 2 * 3, "entries counted by the transcript");
  assert.ok(result.drawnRows > 0 && result.drawnRows <= result.transcriptEntries);
  for (const key of ["emptyTranscriptEnterToPaintMs", "enterToDomUpdatedMs", "enterToPaintMs"]) {
    assert.ok(Number.isFinite(result[key].median) && result[key].p90 >= result[key].median, key);
  }
});
