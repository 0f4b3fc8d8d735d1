// Lighthouse on a list of pages in one headless Debian chromium, printed as JSON on stdout.
//
//   node bench/lighthouse/run.mjs [--runs 3] [--categories performance,accessibility,best-practices,seo] URL...
//
// Lighthouse's default settings are its mobile preset (a Moto G Power's screen, simulated slow 4G and
// a 4x slower CPU), which is what the goals are stated in. One browser serves every run:
// starting chromium costs about a second, which over tens of runs is most of a test's time.
// Lighthouse runs one page at a time (it is not made to share a browser between concurrent runs).
//
// The browser is $CHROME_PATH, else /usr/bin/chromium, with the flags the browser tests use
// (tests/browser/conftest.py). Output, one entry per URL in the order given:
//
//   {"lighthouse": "12.2.3", "chromium": "...", "pages": [{
//     "url": ..., "runs": [{"scores": {...}, "metrics": {...}, "failing": [...]}, ...],
//     "median": {"scores": {category: median score, 0-100}, "metrics": of the run with the median
//                performance score, "failing": of the first run}}]}
//
// A category's failing audits are those that count towards its score and scored below 1, each with
// its id, title, the reason Lighthouse gave and the offending nodes (selector and HTML snippet).
// A run that fails (page not found, no paint, a crash) has "error" instead of scores; the runner
// still exits 0 for it and reports the next page, so one bad page does not hide the others.
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const METRICS = {
  'first-contentful-paint': 'fcp_ms',
  'largest-contentful-paint': 'lcp_ms',
  'total-blocking-time': 'tbt_ms',
  'cumulative-layout-shift': 'cls',
  'speed-index': 'si_ms',
};
const MAX_ITEMS = 10;
// Without the performance category nothing timed is scored, so a run need not wait a whole second
// at each step of loading to be sure the page has settled: half a second of quiet network and CPU
// still covers the loader fetching plotly.js and drawing the first chart. This halves the time a
// page takes (the rest is Lighthouse's one-second benchmark of the machine, which no setting skips).
const QUICK = {
  pauseAfterFcpMs: 500,
  pauseAfterLoadMs: 500,
  networkQuietThresholdMs: 500,
  cpuQuietThresholdMs: 500,
  skipAboutBlank: true,
};

const {values, positionals: urls} = parseArgs({
  allowPositionals: true,
  options: {
    runs: {type: 'string', default: '1'},
    categories: {type: 'string', default: 'performance,accessibility,best-practices,seo'},
  },
});
const runs = Number(values.runs);
const categories = values.categories.split(',').filter(Boolean);
const timed = categories.includes('performance');
if (!urls.length || !(runs >= 1)) {
  console.error('usage: node bench/lighthouse/run.mjs [--runs N] [--categories a,b,...] URL...');
  process.exit(2);
}

/** The nodes (or, for audits about something else than an element, a line of text) an audit blames. */
function items(audit) {
  const found = [];
  for (const item of audit.details?.items ?? []) {
    const node = item.node ?? (item.type === 'node' ? item : undefined);
    if (node?.type === 'node') {
      found.push({selector: node.selector, snippet: node.snippet, label: node.nodeLabel});
    } else {
      const text = item.description ?? item.source ?? item.url ?? item.label ?? JSON.stringify(item);
      found.push({text: String(text).slice(0, 300)});
    }
  }
  return found.slice(0, MAX_ITEMS);
}

/** What one Lighthouse result says: scores out of 100, the metrics, and what cost points. */
function summary(lhr) {
  if (lhr.runtimeError) return {error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`};
  const scores = {};
  const failing = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    if (category.score === 1) continue;
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!ref.weight || audit.score === null || audit.score >= 1) continue;
      failing.push({
        category: id,
        id: ref.id,
        title: audit.title,
        score: audit.score,
        display: audit.displayValue ?? '',
        explanation: audit.explanation ?? audit.errorMessage ?? '',
        items: items(audit),
      });
    }
  }
  const metrics = {};
  for (const [id, name] of Object.entries(METRICS)) {
    const value = lhr.audits[id]?.numericValue;
    if (value !== undefined) metrics[name] = name === 'cls' ? Number(value.toFixed(3)) : Math.round(value);
  }
  const warnings = lhr.runWarnings ?? [];
  return {scores, metrics, failing, ...(warnings.length ? {warnings} : {})};
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median scores over the runs that worked; metrics of the run whose performance score is the median. */
function medianOf(results) {
  const good = results.filter((run) => !run.error);
  if (!good.length) return {error: results[0]?.error ?? 'no run'};
  const scores = {};
  for (const category of Object.keys(good[0].scores)) {
    scores[category] = median(good.map((run) => run.scores[category] ?? 0));
  }
  const byPerformance = [...good].sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
  const middle = byPerformance[Math.floor((byPerformance.length - 1) / 2)];
  return {scores, metrics: middle.metrics, failing: good[0].failing};
}

const version = JSON.parse(readFileSync(new URL('./node_modules/lighthouse/package.json', import.meta.url))).version;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: FLAGS,
  logLevel: 'silent',
});
const pages = [];
let chromium = '';
try {
  for (const url of urls) {
    const results = [];
    for (let run = 0; run < runs; run++) {
      try {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: categories,
          disableFullPageScreenshot: true, // about a second a run, and nothing scored depends on it
          ...(timed ? {} : QUICK),
        });
        chromium ||= result.lhr.environment?.hostUserAgent ?? '';
        results.push(summary(result.lhr));
      } catch (error) {
        results.push({error: String(error?.stack ?? error)});
      }
    }
    pages.push({url, runs: results, median: medianOf(results)});
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify({lighthouse: version, chromium, pages}, null, 1) + '\n');
