// Renders the PNG icons and favicon.ico from assets/icons/*.svg in headless Chromium.
// The outputs are committed source assets; run this again after changing an SVG:
//   NODE_PATH=node_modules node xtask/render-icons.mjs
// (It lives outside assets/icons/ so that Trunk's copy-dir does not ship it.)
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const dir = new URL("../assets/icons/", import.meta.url);
const outputs = [
  // [source svg, size, output file (relative to assets/icons/)]
  ["icon.svg", 192, "icon-192.png"],
  ["icon.svg", 512, "icon-512.png"],
  ["maskable.svg", 512, "maskable-512.png"],
  ["maskable.svg", 180, "apple-touch-icon.png"],
];
const favicon = [16, 32, 48]; // sizes packed into ../favicon.ico

const browser = await chromium.launch({
  executablePath: process.env.SMTPLAB_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

/** The SVG drawn at size x size, as PNG bytes (transparent outside the shape). */
async function render(svg, size) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const source = await readFile(new URL(svg, dir), "utf8");
  const url = `data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}`;
  await page.setContent(`<!doctype html><body style="margin:0"><img src="${url}" width="${size}" height="${size}" style="display:block">`);
  await page.locator("img").evaluate((img) => img.decode());
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return png;
}

for (const [svg, size, out] of outputs) {
  await writeFile(new URL(out, dir), await render(svg, size));
  console.log(`assets/icons/${out}`);
}

// favicon.ico: an ICONDIR with PNG-compressed images (supported everywhere that matters).
const images = [];
for (const size of favicon) images.push([size, await render("icon.svg", size)]);
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach(([size, png], i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size % 256, at);
  header.writeUInt8(size % 256, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(png.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += png.length;
});
await writeFile(new URL("../favicon.ico", dir), Buffer.concat([header, ...images.map(([, png]) => png)]));
console.log("assets/favicon.ico");
await browser.close();
