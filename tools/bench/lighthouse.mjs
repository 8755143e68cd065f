// The first start of each page scored by Lighthouse's mobile preset (simulated slow 4G and a 4x slower CPU),
// beside the floor: a bare Leptos 0.8 app with the router and IndexedDB (bench/floor), built the same way. Run by
// scripts/lighthouse.sh (`make bench`), which builds the floor and serves both as a host serves them, with their
// precompressed copies. Each target is scored RUNS times from a cold start (Lighthouse clears the origin's storage
// and cache first); the medians go to target/bench/browser.tsv for scripts/bench_table.py, and are printed.
//
// usage: node tools/bench/lighthouse.mjs <app origin> <floor origin> <browser.tsv>
import { appendFileSync } from "node:fs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [app, floor, tsv] = process.argv.slice(2);
const RUNS = 5;
// The page each first start lands on: the service page's welcome, the assessment page's and the administration
// page's first screens (scripts/serve.py routes each path to its page, as a deployment must).
const TARGETS = [
  ["floor", `${floor}/`],
  ["index.html", `${app}/`],
  ["assessment.html", `${app}/assessment`],
  ["admin.html", `${app}/data`],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--lang=zh-CN"],
});
const figures = {};
try {
  for (const [name, url] of TARGETS) {
    const runs = { lcp: [], tti: [], score: [], bytes: [] };
    for (let run = 0; run < RUNS; run++) {
      const { lhr } = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        onlyCategories: ["performance"],
        logLevel: "error",
      });
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      runs.lcp.push(lhr.audits["largest-contentful-paint"].numericValue);
      runs.tti.push(lhr.audits["interactive"].numericValue);
      runs.score.push(Math.round(lhr.categories.performance.score * 100));
      runs.bytes.push(lhr.audits["total-byte-weight"].numericValue / 1024);
    }
    figures[name] = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
    const shown = (values) => values.map((v) => Math.round(v)).join(", ");
    console.log(
      `${name} (${url}): LCP median ${Math.round(figures[name].lcp)} ms of [${shown(runs.lcp)}], ` +
        `TTI ${Math.round(figures[name].tti)} ms of [${shown(runs.tti)}], performance ${figures[name].score} ` +
        `of [${runs.score.join(", ")}], transferred ${Math.round(figures[name].bytes)} KiB`,
    );
    for (const [figure, value] of Object.entries(figures[name])) {
      appendFileSync(tsv, `lighthouse-${figure}:${name}\t${value}\t${JSON.stringify(runs[figure])}\n`);
    }
  }
} finally {
  await chrome.kill();
}
for (const [name] of TARGETS.slice(1)) {
  const lcp = figures[name].lcp / figures.floor.lcp;
  const tti = figures[name].tti / figures.floor.tti;
  console.log(`${name}: LCP ${lcp.toFixed(2)}x the floor's, TTI ${tti.toFixed(2)}x (budget 1.3x)`);
  appendFileSync(tsv, `lighthouse-lcp-ratio:${name}\t${lcp}\t[]\n`);
  appendFileSync(tsv, `lighthouse-tti-ratio:${name}\t${tti}\t[]\n`);
}
