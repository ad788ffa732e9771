// make browser-check: open careerpath's outputs in a real browser (Debian's Chromium).
//
//   node browser/check.mjs DIR
//
// DIR holds report.html and any number of *.mmd (Mermaid) and *.md files (their ```mermaid
// blocks). For the report, at 1280 px and 375 px wide: a full-page screenshot, no element
// wider than the page (horizontal overflow), and no serious or critical axe-core violation.
// Every Mermaid diagram is parsed and rendered by real Mermaid 11; its SVG and a screenshot
// are written beside it. Exit 1 with every failure listed, 0 when all pass.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const dir = resolve(process.argv[2] ?? "build/browser");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`FAIL ${what}`);
};

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

async function checkPrint(file) {
  // A4 portrait at 96 px per inch is 794 px wide; print styles must fit it too.
  const page = await browser.newPage();
  await page.setViewport({ width: 794, height: 1123 });
  await page.emulateMediaType("print");
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const shot = file.replace(/\.html$/, "-print-a4.png");
  await page.screenshot({ path: shot, fullPage: true });
  await page.screenshot({ path: shot.replace(/\.png$/, "-part3.png"), clip: { x: 0, y: 2246, width: 794, height: 1123 } });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 794) fail(`${file} printed on A4 is ${wide} px wide (> 794)`);
  else console.log(`ok   ${file} printed on A4: fits the page width (screenshot ${shot})`);
  await page.pdf({ path: file.replace(/\.html$/, ".pdf"), format: "A4", printBackground: true });
  await page.close();
}

async function checkReport(file) {
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const width of [1280, 375]) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const shot = file.replace(/\.html$/, `-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    // The same page in screen-sized parts, for a person to look at.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let part = 0, y = 0; y < height && part < 8; part += 1, y += 1600) {
      const clip = { x: 0, y, width, height: Math.min(1600, height - y) };
      await page.screenshot({ path: shot.replace(/\.png$/, `-part${part + 1}.png`), clip });
    }
    // Overflow: anything reaching past the viewport that is not inside a scrolling box.
    const overflow = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const scrolls = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (["auto", "scroll"].includes(style.overflowX) && p !== document.body) return true;
        }
        return false;
      };
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && !scrolls(el))
        .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent || "").trim().slice(0, 60)}`);
      return { page: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 5) };
    });
    if (overflow.page > overflow.limit || overflow.wide.length) {
      fail(`${file} at ${width}px overflows (${overflow.page} > ${overflow.limit}): ${overflow.wide.join(" | ")}`);
    } else {
      console.log(`ok   ${file} at ${width}px: no horizontal overflow (screenshot ${shot})`);
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const found = await axe.run(document, { resultTypes: ["violations"] });
      return found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    });
    const serious = result.filter((v) => ["serious", "critical"].includes(v.impact));
    for (const v of result) {
      const line = `axe ${v.impact} ${v.id} (${v.nodes} elements): ${v.help}`;
      if (serious.includes(v)) fail(`${file} at ${width}px: ${line}`);
      else console.log(`note ${line}`);
    }
    if (!serious.length) console.log(`ok   ${file} at ${width}px: no serious or critical axe-core violations`);
    await page.close();
  }
}

function mermaidSources() {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.endsWith(".mmd")) found.push({ name, text: readFileSync(path, "utf8") });
    if (name.endsWith(".md")) {
      const blocks = [...readFileSync(path, "utf8").matchAll(/```mermaid\n([\s\S]*?)\n```/g)];
      blocks.forEach((m, i) => found.push({ name: `${name}#${i + 1}`, text: m[1] }));
    }
  }
  return found;
}

async function checkMermaid() {
  const sources = mermaidSources();
  if (!sources.length) fail(`no Mermaid outputs found in ${dir}`);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setContent("<!DOCTYPE html><html><body><div id='out'></div></body></html>");
  await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
  await page.evaluate(() => {
    // eslint-disable-next-line no-undef
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  });
  for (const [index, source] of sources.entries()) {
    const outcome = await page.evaluate(async (text, id) => {
      try {
        // eslint-disable-next-line no-undef
        await mermaid.parse(text);
        // eslint-disable-next-line no-undef
        const { svg } = await mermaid.render(id, text);
        document.getElementById("out").innerHTML = svg;
        return { svg };
      } catch (error) {
        return { error: String(error && error.message ? error.message : error) };
      }
    }, source.text, `m${index}`);
    if (outcome.error) {
      fail(`Mermaid ${source.name}: ${outcome.error.split("\n").slice(0, 4).join(" ")}`);
      continue;
    }
    const base = join(dir, source.name.replace(/[#.]/g, "-"));
    writeFileSync(`${base}.mermaid.svg`, outcome.svg);
    const element = await page.$("#out svg");
    if (element) await element.screenshot({ path: `${base}.mermaid.png` });
    console.log(`ok   Mermaid ${source.name} renders (${outcome.svg.length.toLocaleString()} characters of SVG)`);
  }
  await page.close();
}

try {
  await checkReport(join(dir, "report.html"));
  await checkPrint(join(dir, "report.html"));
  await checkMermaid();
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(`\n${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log("\nbrowser check passed");
