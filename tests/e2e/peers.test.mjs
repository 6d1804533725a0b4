// peers.mjs, run small on every `cargo xtask test` so that it cannot rot: no thresholds,
// only that every number it prints was measured, for smtplab and for each peer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { compare, PEERS } from "./peers.mjs";

const state = {};
before(async () => { state.browser = await launch(); });
after(async () => { await state.browser?.close(); });

test("peers.mjs measures smtplab, the minimal Yew page and Yew with the engine side by side (smoke run)", async () => {
  const rows = await compare({ entries: 100, samples: 3, cold: 1, browser: state.browser });
  assert.deepEqual(Object.keys(rows).sort(), [...PEERS, "smtplab"].sort());
  for (const [name, row] of Object.entries(rows)) {
    assert.ok(row.transcriptEntries >= 100, `${name}: ${JSON.stringify(row)}`);
    for (const key of ["enterToDomUpdatedMs", "enterToPaintMs", "enterToPaintedMs", "enterAtFrameStartToPaintedMs"]) {
      assert.ok(Number.isFinite(row[key].median) && row[key].p90 >= row[key].median, `${name} ${key}`);
    }
    assert.ok(row.navigationToGreetingColdMs.median > 0, `${name} cold load`);
    assert.ok(Object.keys(row.firstVisit.files).some((f) => f.endsWith(".wasm")), `${name}: ${Object.keys(row.firstVisit.files)}`);
    assert.ok(row.firstVisit.gzip > 0 && row.firstVisit.gzip < row.firstVisit.raw, name);
  }
  assert.ok(rows.smtplab.firstVisit.gzip > rows["yew-engine"].firstVisit.gzip, "the lab is more than the framework and the engine");
  assert.ok(rows["yew-engine"].firstVisit.gzip > rows["yew-minimal"].firstVisit.gzip, "the engine is more than nothing");
  // The engine answers: NOOP gets Postfix's own reply, not the minimal page's canned one.
  assert.equal(rows["yew-engine"].lastReply, "250 2.0.0 Ok");
  assert.equal(rows["yew-minimal"].lastReply, "250 2.0.0 Ok: NOOP");
});
