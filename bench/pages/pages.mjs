// Page weight and speed on a phone: drives Chromium over the DevTools protocol (Playwright's CDP sessions)
// and, for each page, visits it RUNS times cold (a fresh browser context: empty cache, no cookies) and once
// more warm (a second tab in the same context), then prints Markdown tables of the medians.
//
//   node pages.mjs --base http://127.0.0.1:5095 --page home=/ --page category=/c/fashion --page product=/p/slug \
//                  [--runs 5] [--out table.md] [--chromium /usr/bin/chromium] [--cpu-slowdown 4]
//
// Bytes are what crossed the wire: the sum of encodedDataLength from Network.loadingFinished (headers and
// compressed bodies; 0 for what the cache answered). LCP is the last 'largest-contentful-paint' entry before
// the page is scrolled; CLS sums every 'layout-shift' entry without recent input, from the start of the
// page until it has been scrolled to the bottom step by step and back to the top. --cpu-slowdown N runs
// the page's CPU work N times slower (DevTools' CPU throttling), closer to a mid-range phone.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const options = { runs: 5, chromium: '/usr/bin/chromium', pages: [], out: null, base: null, 'cpu-slowdown': 1 };
for (let i = 2; i < process.argv.length; i += 2) {
  const [name, value] = [process.argv[i].replace(/^--/, ''), process.argv[i + 1]];
  if (name === 'page') {
    const at = value.indexOf('=');
    options.pages.push({ name: value.slice(0, at), path: value.slice(at + 1) });
  } else options[name] = name === 'runs' || name === 'cpu-slowdown' ? Number(value) : value;
}
if (!options.base || options.pages.length === 0) {
  console.error('usage: node pages.mjs --base URL --page NAME=/path [--page ...] [--runs N] [--out FILE] [--chromium PATH] [--cpu-slowdown N]');
  process.exit(2);
}

const SETTLE_MS = 1000;        // after the load event, before LCP and the first-screen bytes are read
const STEP_PAUSE_MS = 150;     // between scroll steps (lazy pictures start loading as they come near)
const IDLE_MS = 500;           // the network counts as idle after this long without a request in flight

const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  // As the browser tests launch it: no outside network here, and root needs --no-sandbox.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const major = browser.version().split('.')[0];
const PHONE = {
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`,
  locale: 'en-IN',
};

// Runs in every page before its own scripts: keeps the LCP candidates and the layout shifts with what moved.
function observePage() {
  const describe = (node) => {
    if (!node) return '(gone)';
    const element = node.nodeType === 1 ? node : node.parentElement;
    if (!element) return '(text)';
    let text = element.tagName.toLowerCase();
    if (element.id) text += '#' + element.id;
    if (element.classList.length) text += '.' + [...element.classList].slice(0, 3).join('.');
    if (element.tagName === 'IMG') text += ' ' + (element.currentSrc || element.src || '').replace(location.origin, '').replace(/([0-9a-f]{8})[0-9a-f]{56}/g, '$1…');
    return text;
  };
  const bench = (window.__bench = { lcp: null, lcpElement: null, lcpUrl: '', cls: 0, shifts: [] });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.lcp = entry.startTime;
        bench.lcpElement = describe(entry.element);
        bench.lcpUrl = entry.url;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        bench.cls += entry.value;
        bench.shifts.push({ value: entry.value, at: Math.round(entry.startTime), sources: (entry.sources || []).map((s) => describe(s.node)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (error) {
    bench.error = String(error);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One visit to url in a new tab of context: every request with its bytes, the paint and shift figures,
// and the navigation timings. The tab stays open until the caller closes it.
async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  let phase = 'first screen';
  let inFlight = 0;
  let lastActivity = Date.now();
  const touch = () => { lastActivity = Date.now(); };
  cdp.on('Network.requestWillBeSent', (e) => {
    touch();
    if (!/^https?:/.test(e.request.url)) return;
    const known = requests.get(e.requestId);
    if (known && e.redirectResponse) {
      // A redirect keeps its request id: the hop is a request of its own on the wire.
      requests.set(`${e.requestId}:${known.hops}`, { ...known, bytes: e.redirectResponse.encodedDataLength, status: e.redirectResponse.status, done: true });
      known.hops++;
      known.url = e.request.url;
      return;
    }
    requests.set(e.requestId, { url: e.request.url, type: (e.type || 'Other').toLowerCase(), bytes: 0, status: 0, cached: false, done: false, hops: 0, phase });
    inFlight++;
  });
  cdp.on('Network.requestServedFromCache', (e) => { const r = requests.get(e.requestId); if (r) r.cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    touch();
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.mime = e.response.mimeType;
    r.type = (e.type || r.type).toLowerCase();
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) r.cached = true;
  });
  const finish = (e, failed) => {
    touch();
    const r = requests.get(e.requestId);
    if (!r || r.done) return;
    r.done = true;
    r.bytes = failed ? 0 : e.encodedDataLength;
    if (failed) r.failed = e.errorText;
    r.phase = phase;
    inFlight--;
  };
  cdp.on('Network.loadingFinished', (e) => finish(e, false));
  cdp.on('Network.loadingFailed', (e) => finish(e, true));
  await cdp.send('Network.enable');
  if (options['cpu-slowdown'] > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options['cpu-slowdown'] });
  await page.addInitScript(observePage);

  const idle = async (limitMs) => {
    const until = Date.now() + limitMs;
    while (Date.now() < until && (inFlight > 0 || Date.now() - lastActivity < IDLE_MS)) await sleep(50);
  };

  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (!response || response.status() >= 400) throw new Error(`${url} answered ${response?.status()}`);
  await sleep(SETTLE_MS);
  const first = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      lcp: window.__bench.lcp, lcpElement: window.__bench.lcpElement, lcpUrl: window.__bench.lcpUrl,
      ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
      height: document.documentElement.scrollHeight, error: window.__bench.error,
    };
  });
  const firstScreen = [...requests.values()].filter((r) => r.done && r.phase === 'first screen');
  const firstScreenBytes = firstScreen.reduce((total, r) => total + (r.bytes || 0), 0);
  phase = 'scrolled';

  // Down a screen at a time, as a thumb would, then back to the top.
  for (let step = 0; step < 80; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await sleep(STEP_PAUSE_MS);
    if (atBottom) break;
  }
  await idle(5000);
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(500);
  await idle(5000);
  const after = await page.evaluate(() => ({ cls: window.__bench.cls, shifts: window.__bench.shifts }));

  const all = [...requests.values()];
  const sum = (list) => list.reduce((total, r) => total + (r.bytes || 0), 0);
  return {
    page,
    ...first,
    ...after,
    requests: all,
    firstScreenBytes,
    firstScreenRequests: firstScreen.length,
    bytes: sum(all),
    count: all.length,
    network: all.filter((r) => !r.cached).length,
    failed: all.filter((r) => r.failed && r.failed !== 'net::ERR_ABORTED'),
  };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => (bytes === null ? '–' : (bytes / 1024).toFixed(1));
const ms = (value) => (value === null ? '–' : `${Math.round(value)}`);
// Content-addressed media: the first 8 of the 64 hex digits are enough to tell pictures apart.
const shortUrl = (url) => url.replace(options.base, '').replace(/([0-9a-f]{8})[0-9a-f]{56}/g, '$1…').replace(/^(.{80}).+$/, '$1…');
const kind = (type) => ({ document: 'HTML', stylesheet: 'CSS', script: 'JS', image: 'image', font: 'font', fetch: 'fetch', xhr: 'fetch' }[type] || 'other');
const KINDS = ['HTML', 'CSS', 'JS', 'image', 'font', 'fetch', 'other'];

const results = [];
for (const target of options.pages) {
  const url = options.base + target.path;
  // One visit nobody counts: the server makes the pictures' renditions on first request and warms its code.
  {
    const context = await browser.newContext(PHONE);
    await visit(context, url);
    await context.close();
  }
  const cold = [];
  const warm = [];
  for (let run = 1; run <= options.runs; run++) {
    const context = await browser.newContext(PHONE);
    const first = await visit(context, url);
    await first.page.close();
    const again = await visit(context, url);
    await context.close();
    cold.push(first);
    warm.push(again);
    if (first.error) console.error(`  observer: ${first.error}`);
    for (const r of first.failed) console.error(`  failed: ${shortUrl(r.url)} ${r.failed}`);
    console.log(`${target.name.padEnd(9)} run ${run}/${options.runs}: ${first.count} requests, ${kb(first.bytes)} KB `
      + `(first screen ${first.firstScreenRequests} requests, ${kb(first.firstScreenBytes)} KB), LCP ${ms(first.lcp)} ms, `
      + `CLS ${first.cls.toFixed(3)}, DOMContentLoaded ${ms(first.dcl)} ms, load ${ms(first.load)} ms; `
      + `repeat visit ${kb(again.bytes)} KB in ${again.network} of ${again.count} requests`);
  }
  results.push({ ...target, url, cold, warm });
}
await browser.close();

// Tables.
const lines = [];
lines.push('| page | requests | KB, first screen | KB, whole page | LCP ms | CLS (worst run) | DOMContentLoaded ms | load ms | repeat visit KB (requests to the network) |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const m = (f) => median(r.cold.map(f));
  lines.push(`| ${r.name} \`${r.path}\` | ${m((v) => v.count)} | ${kb(m((v) => v.firstScreenBytes))} | ${kb(m((v) => v.bytes))} | ${ms(m((v) => v.lcp))} `
    + `| ${m((v) => v.cls).toFixed(3)} (${Math.max(...r.cold.map((v) => v.cls)).toFixed(3)}) | ${ms(m((v) => v.dcl))} | ${ms(m((v) => v.load))} | ${kb(median(r.warm.map((v) => v.bytes)))} (${median(r.warm.map((v) => v.network))}) |`);
}

lines.push('');
lines.push('First visit by kind of resource, KB on the wire (median of the runs; requests in brackets):');
lines.push('');
lines.push(`| page | ${KINDS.join(' | ')} |`);
lines.push(`| --- |${KINDS.map(() => ' ---: |').join('')}`);
for (const r of results) {
  const cells = KINDS.map((k) => {
    const bytes = median(r.cold.map((v) => v.requests.filter((q) => kind(q.type) === k).reduce((t, q) => t + q.bytes, 0)));
    const count = median(r.cold.map((v) => v.requests.filter((q) => kind(q.type) === k).length));
    return count ? `${kb(bytes)} (${count})` : '–';
  });
  lines.push(`| ${r.name} | ${cells.join(' | ')} |`);
}

// The heaviest resources over all pages (each URL once, its median size), and which pages load it.
const heaviest = new Map();
for (const r of results) {
  const sizes = new Map();
  for (const v of r.cold) for (const q of v.requests) {
    const key = q.url;
    if (!sizes.has(key)) sizes.set(key, { type: q.mime || kind(q.type), bytes: [] });
    sizes.get(key).bytes.push(q.bytes);
  }
  for (const [url, s] of sizes) {
    const entry = heaviest.get(url) || { url, type: s.type, bytes: 0, pages: [] };
    entry.bytes = Math.max(entry.bytes, median(s.bytes));
    entry.pages.push(r.name);
    heaviest.set(url, entry);
  }
}
lines.push('');
lines.push('Heaviest resources on a first visit (KB on the wire):');
lines.push('');
lines.push('| resource | type | KB | pages |');
lines.push('| --- | --- | ---: | --- |');
for (const h of [...heaviest.values()].sort((a, b) => b.bytes - a.bytes).slice(0, 12))
  lines.push(`| \`${shortUrl(h.url)}\` | ${h.type} | ${kb(h.bytes)} | ${h.pages.join(', ')} |`);

lines.push('');
lines.push('Largest contentful paint element (how many runs), and what moved in layout shifts (total shift over all runs):');
lines.push('');
for (const r of results) {
  const elements = new Map();
  for (const v of r.cold) { const key = v.lcpElement || '(none)'; elements.set(key, (elements.get(key) || 0) + 1); }
  const moved = new Map();
  for (const v of r.cold) for (const s of v.shifts) for (const source of (s.sources.length ? s.sources : ['(no source)']))
    moved.set(source, (moved.get(source) || 0) + s.value / Math.max(1, s.sources.length));
  const lcp = [...elements].map(([e, n]) => `\`${e}\` (${n})`).join(', ');
  const shifts = [...moved].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([e, value]) => `\`${e}\` ${value.toFixed(3)}`).join(', ');
  lines.push(`- ${r.name}: LCP ${lcp}; shifts: ${shifts || 'none'}`);
}

const text = lines.join('\n') + '\n';
console.log('\n' + text);
if (options.out) writeFileSync(options.out, text, { flag: 'a' });
