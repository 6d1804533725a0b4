// The live diagrams: the sequence diagram follows the session (with its TLS band), an
// arrow opens its explanation, and the state diagram marks the current phase.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { suite, openLab, shots } from "./harness.mjs";

const state = suite({ before, after });

test("sequence and state diagrams follow the smtplib flow; the 535 arrow explains itself", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, log, type, errors } = await openLab(state, viewport);
    await type("EHLO client.example.org");
    await type("STARTTLS");
    await page.getByRole("button", { name: "Start TLS handshake" }).click();
    for (const line of ["EHLO client.example.org", "AUTH LOGIN", "YWxpY2U=", "d3Jvbmc=", "AUTH LOGIN", "YWxpY2U=", "czNjcmV0",
      "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>"]) {
      await type(line);
    }
    const sequence = page.getByRole("figure", { name: "Sequence diagram" });
    const arrows = sequence.locator("g.arrow");
    assert.equal(await arrows.count(), 23, "11 commands, 11 replies and the greeting");
    assert.equal(await sequence.locator('[data-band="tls"]').count(), 1);
    assert.equal(await sequence.locator('[data-band="auth"]').count(), 2);
    const states = page.getByRole("figure", { name: "State diagram" });
    assert.equal(await states.locator('[aria-current="step"]').getAttribute("data-phase"), "Rcpt");
    assert.equal(await states.locator(".edge.taken").getAttribute("data-from"), "Mail");

    await sequence.locator("g.arrow.c5").first().click();
    const explanation = page.getByRole("article", { name: "Explanation" });
    await explanation.waitFor();
    assert.match(await explanation.textContent(), /535 5\.7\.8 Error: authentication failed: authentication failure/);
    assert.equal(await log.locator(".reply.selected .text").first().textContent(), "535 5.7.8 Error: authentication failed: authentication failure");
    await page.getByRole("region", { name: "Diagrams" }).screenshot({ path: `${shots}diagrams-${name}.png` });

    // Three steps back: before AUTH's password, so the state diagram shows the AUTH exchange.
    const timeline = page.getByRole("region", { name: "Timeline" });
    for (let i = 0; i < 3; i++) await timeline.getByRole("button", { name: "◀ Step back" }).click();
    await timeline.getByText(/Viewing step 9 of 12/).waitFor();
    assert.equal(await states.locator('[aria-current="step"]').getAttribute("data-phase"), "Auth");
    assert.equal(await arrows.count(), 17, "the sequence diagram shows the session as it was");
    await timeline.getByRole("button", { name: "Back to live" }).click();
    await timeline.getByText("Live: 12 steps").waitFor();
    assert.equal(await states.locator('[aria-current="step"]').getAttribute("data-phase"), "Rcpt");
    assert.equal(await arrows.count(), 23);

    // The DATA body is one arrow; a click expands it line by line, another collapses it.
    await type("DATA");
    await page.getByRole("textbox", { name: "Message" }).fill("Subject: s\n\nline one\nline two");
    await page.getByRole("button", { name: "Send message" }).click();
    await log.getByText(/queued as/).waitFor();
    const body = sequence.locator("g.arrow[data-expand]");
    assert.match(await body.getAttribute("aria-label"), /^message: 4 lines/);
    const before = await arrows.count();
    await body.click();
    await sequence.locator("g.arrow[data-expand] text").getByText(/end of message/).waitFor();
    assert.equal(await arrows.count(), before + 5, "the four lines and the final dot are drawn");
    await sequence.locator("g.arrow[data-expand]").click();
    await sequence.locator("g.arrow[data-expand] text").getByText(/^message: 4 lines/).waitFor();

    if (name === "desktop") {
      const download = page.waitForEvent("download");
      await states.getByRole("button", { name: "Export PNG" }).click();
      assert.equal((await download).suggestedFilename(), "smtplab-states.png");
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/** In the state diagram: each label that overlaps another label, an edge or a box (SVG units). */
async function stateDiagramOverlaps(page, figure = "State diagram") {
  return page.getByRole("figure", { name: figure }).locator("svg.states").evaluate((svg) => {
    const box = (e) => { const b = e.getBBox(); return { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height }; };
    const meets = (p, q) => p.x < q.r && q.x < p.r && p.y < q.b && q.y < p.b;
    const name = (e) => `${e.closest("g").dataset.from ?? e.closest("g").dataset.phase}→${e.closest("g").dataset.to ?? ""} "${e.textContent}"`;
    const labels = [...svg.querySelectorAll(".edge text")].map((t) => ({ t, box: box(t) }));
    const paths = [...svg.querySelectorAll(".edge path")];
    const nodes = [...svg.querySelectorAll(".node rect")].map((r) => ({ r, box: box(r) }));
    const found = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
      if (meets(a.box, b.box)) found.push(`label ${name(a.t)} overlaps label ${name(b.t)}`);
    }));
    for (const { t, box: l } of labels) {
      for (const path of paths) {
        const length = path.getTotalLength();
        for (let at = 0; at <= length; at += 1) {
          const p = path.getPointAtLength(at);
          if (p.x > l.x - 1 && p.x < l.r + 1 && p.y > l.y - 1 && p.y < l.b + 1) {
            found.push(`label ${name(t)} overlaps the edge ${path.parentNode.dataset.from}→${path.parentNode.dataset.to}`);
            break;
          }
        }
      }
      for (const { r, box: n } of nodes) if (meets(l, n)) found.push(`label ${name(t)} overlaps the box ${name(r)}`);
    }
    // Each phase's name fits inside its box.
    for (const { r, box: n } of nodes) {
      const t = box(r.parentNode.querySelector("text"));
      if (t.x < n.x || t.r > n.r) found.push(`the name ${name(r)} does not fit its box`);
    }
    return { found, labels: labels.length, paths: paths.length };
  });
}

test("the state diagram's labels overlap no other label, no edge and no box, at desktop and phone sizes", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, type, errors } = await openLab(state, viewport);
    await type("EHLO client.example.org");
    await type("MAIL FROM:<alice@example.com>");
    const { found, labels, paths } = await stateDiagramOverlaps(page);
    assert.ok(labels >= 14 && paths === labels, `${labels} labels, ${paths} edges`);
    assert.deepEqual(found, [], name);
    await page.getByRole("figure", { name: "State diagram" }).screenshot({ path: `${shots}states-${name}.png` });
    // The same in Italian, whose labels are longer.
    await page.getByRole("combobox", { name: "Language" }).selectOption("it");
    const italian = await stateDiagramOverlaps(page, "Diagramma degli stati");
    assert.deepEqual(italian.found, [], `${name}, Italian`);
    await page.getByRole("figure", { name: "Diagramma degli stati" }).screenshot({ path: `${shots}states-it-${name}.png` });
    await page.getByRole("combobox", { name: "Lingua" }).selectOption("en");
    await page.getByRole("figure", { name: "State diagram" }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("at phone width the sequence diagram's labels stay readable (drawn at 8.5px or more), it scrolls sideways instead and starts with both lifelines and their names in view", async () => {
  const { page, type, errors } = await openLab(state, { width: 390, height: 844 });
  await type("EHLO client.example.org");
  const figure = page.getByRole("figure", { name: "Sequence diagram" });
  const { smallest, scrolls, lifelines, heads, box } = await figure.evaluate((f) => {
    const svg = f.querySelector("svg.sequence");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...f.querySelectorAll("svg.sequence .arrow text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const scroller = f.querySelector(".svg-scroll");
    const lifelines = [...svg.querySelectorAll("line.life")].map((l) => l.getBoundingClientRect().left);
    const heads = [...svg.querySelectorAll("text.head")].map((t) => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; });
    const b = scroller.getBoundingClientRect();
    return { smallest: Math.min(...sizes), scrolls: scroller.scrollWidth > scroller.clientWidth, lifelines, heads, box: [b.left, b.right] };
  });
  assert.ok(smallest >= 8.5, `the smallest label is drawn at ${smallest}px`);
  assert.ok(scrolls, "the diagram scrolls sideways");
  // It starts at its middle: both lifelines in view.
  for (const x of lifelines) assert.ok(x >= box[0] && x <= box[1], `a lifeline at ${x} is in ${box}`);
  assert.equal(heads.length, 2);
  for (const [name, left, right] of heads) assert.ok(left >= box[0] && right <= box[1], `"${name}" (${left}..${right}) is whole in ${box}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sequence diagram's band names stay in the margin beside the client's lifeline, in both languages", async () => {
  const { page, type, errors } = await openLab(state);
  await type("EHLO client.example.org");
  await type("STARTTLS");
  await page.getByRole("button", { name: "Start TLS handshake" }).click();
  for (const line of ["EHLO client.example.org", "MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.com>", "QUIT"]) await type(line);
  for (const [figure, language] of [["Sequence diagram", null], ["Diagramma di sequenza", "it"]]) {
    if (language) await page.getByRole("combobox", { name: "Language" }).selectOption(language);
    const { names, lifeline } = await page.getByRole("figure", { name: figure }).evaluate((f) => {
      const svg = f.querySelector("svg.sequence");
      const lifeline = svg.querySelector("line.life").getBoundingClientRect().left;
      const names = [...svg.querySelectorAll("g.band text")].map((t) => [t.textContent, t.getBoundingClientRect().right]);
      return { names, lifeline };
    });
    assert.ok(names.length >= 4, JSON.stringify(names));
    for (const [name, right] of names) assert.ok(right < lifeline, `${figure}: "${name}" ends at ${right}, past the lifeline at ${lifeline}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
