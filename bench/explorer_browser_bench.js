// The explorer page's own timings in a real browser (docs/explorer.md,
// "Speed"): Debian's headless chromium, driven by puppeteer-core, against a
// running `kg serve`. Run by bench/explorer_browser_run, which starts the
// server; asserts nothing, prints JSON.
//   node explorer_browser_bench.js BASE_URL REPS [BASE_URL2 ...]
// With more servers (before/after builds of kg on the same database), round
// i runs against each in turn, so the machine's load weighs on all alike.
// Each round opens a fresh tab on the view a user has before the expansion
// (a node of about 200 neighbours and 25 of them, restored from the URL
// hash), sets the expand cap to 200, clicks the node, clicks "expand", and
// takes the time until the 200-node drawing is painted. "Painted" is marked
// in the page, the same way for any kg's page: a requestAnimationFrame loop
// started at the click on "expand" finds the drawing ready (data-state
// ready, the expected count drawn) at the start of a frame, and a task
// queued from that frame's callback runs once the frame (its style, layout,
// the canvas's rasterisation and the commit) is done. Reported:
//   (a) click on "expand" to painted (the click event's timeStamp, in the
//       page's clock): the neighbour query, the drawing's request, the page
//       drawing it, the frame;
//   (b) click on the node to painted, in the page's clock: (a) plus the menu
//       and puppeteer's second click;
//   (c) the whole flow as the bench sees it (Date.now() around puppeteer's
//       two clicks and its wait for the mark): (b) plus the DevTools
//       protocol's round trips.
// The first view (page, scripts, the 26-node drawing) is timed in the same
// round.
'use strict';
const puppeteer = require('puppeteer-core');

const [base, repsArg, ...others] = process.argv.slice(2);
const REPS = Number(repsArg) || 5;
const bases = [base, ...others];
const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
const WAIT = {timeout: 120000};
const HUB_QUERY = 'MATCH (n)-[r]-() WITH n, count(r) AS d WHERE d >= 195 AND d <= 215 ' +
    'RETURN id(n) AS id, d ORDER BY d DESC LIMIT 1';
// The page's neighbour query (server/explorer/graph.js), to build the view.
const NEIGHBOURS_QUERY = 'MATCH (a)-[r]-(b) WHERE id(a) = $id AND id(b) <> $id ' +
    'RETURN id(b) AS id, b.name AS name, count(r) AS quotes ORDER BY quotes DESC, name, id';

async function query(text, params) {
  const r = await fetch(base + '/v1/query', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({query: text, params}),
  });
  if (!r.ok) throw new Error(`POST /v1/query: ${r.status} ${await r.text()}`);
  return (await r.json()).rows;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function graphReady(page) {
  await page.waitForFunction(() => document.getElementById('graph').dataset.state === 'ready', WAIT);
}

// Entity nodes drawn: a canvas drawing's count (data-nodes), else the SVG's
// g.node elements.
function countDrawn() {
  const graph = document.getElementById('graph');
  if (graph.dataset.drawing === 'canvas') return Number(graph.dataset.nodes);
  return [...graph.querySelectorAll('g.node')].filter((g) => /^n\d+$/.test(g.id)).length;
}

// In the page, before the clicks: records the clicks' timestamps (capture
// listeners, before the page's own) and, from the click on "expand", looks
// at the start of each frame whether `expected` nodes are drawn and the
// drawing is ready; the first frame that finds them is the one that shows
// them, and a task queued from its callback runs after it is painted.
// window.kgBench.painted resolves to the three times (performance.now()).
// `count` is countDrawn (the function's text is sent to the page).
function markPainted(expected, count) {
  const graph = document.getElementById('graph');
  const marks = {};
  window.kgBench = {painted: new Promise((resolve) => {
    const frame = () => {
      if (graph.dataset.state === 'ready' && count() >= expected) {
        setTimeout(() => resolve(Object.assign(marks, {painted: performance.now()})));
      } else {
        requestAnimationFrame(frame);
      }
    };
    graph.addEventListener('click', (e) => (marks.nodeClick = e.timeStamp), {capture: true, once: true});
    document.getElementById('act-expand').addEventListener('click', (e) => {
      marks.expandClick = e.timeStamp;
      requestAnimationFrame(frame);
    }, {capture: true, once: true});
  })};
}

async function drawnCount(page) {
  return page.evaluate(countDrawn);
}

// One round on server `base`: a fresh tab, the view restored, the hub
// expanded to 200.
async function round(browser, base, hub, view, expected) {
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    const t0 = Date.now();
    await page.goto(`${base}/#focus=${hub}&nodes=${view.join(',')}`, {waitUntil: 'load'});
    await page.waitForSelector('body[data-ready="true"]', WAIT);
    await graphReady(page);
    const firstView = Date.now() - t0;
    const before = await drawnCount(page);
    await page.$eval('#cap', (el) => { el.value = '200'; });
    await page.evaluate(`(${markPainted})(${expected}, ${countDrawn})`);
    const t1 = Date.now();
    await page.click(`#graph g#n${hub}`);
    await page.waitForSelector('#node-menu:not([hidden])', WAIT);
    await page.click('#act-expand');
    const marks = await page.evaluate(() => window.kgBench.painted);
    const flow = Date.now() - t1;
    const expand = marks.painted - marks.expandClick;
    const fromNode = marks.painted - marks.nodeClick;
    // The page's own split: the drawing's request, its text and the SVG's
    // clean-up (timings.render), the rest being the neighbour query and
    // the browser inserting the drawing.
    const render = await page.evaluate(() => window.kgExplorer.timings.render);
    // The drawing's steps as the page marks them (graph.js, redraw), and the
    // request's own split from the resource timing of the last /v1/render:
    // waiting for the server's first byte, then receiving the body.
    // (A page without these marks, an older kg's, gives only the latter.)
    await page.waitForFunction(() => !window.kgExplorer.timings.steps ||
        window.kgExplorer.timings.steps.paint !== undefined, WAIT);
    const {steps, svgBytes} = await page.evaluate(() => {
      const out = Object.assign({}, window.kgExplorer.timings.steps);
      const r = performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/v1/render')).pop();
      out['server (request to first byte)'] = r.responseStart - r.requestStart;
      out['transfer (first to last byte)'] = r.responseEnd - r.responseStart;
      out['neighbour query'] = performance.getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/v1/query')).pop().duration;
      return {steps: out, svgBytes: r.decodedBodySize};
    });
    const elements = await page.$eval('#graph', (g) => g.querySelectorAll('*').length);
    const after = await drawnCount(page);
    if (errors.length) throw new Error('page errors: ' + errors.join('; '));
    return {firstView, expand, fromNode, flow, render, steps, svgBytes, elements, before, after};
  } finally {
    await page.close();
  }
}

function summary(rounds) {
  const out = {
    'first view (26 nodes) median ms': median(rounds.map((r) => r.firstView)),
    '(a) click on expand to painted, median ms': median(rounds.map((r) => r.expand)),
    '(a) ms': rounds.map((r) => Math.round(r.expand)),
    '(b) click on the node to painted, median ms': median(rounds.map((r) => r.fromNode)),
    '(c) the whole flow as the bench sees it, median ms': median(rounds.map((r) => r.flow)),
    '(c) ms': rounds.map((r) => r.flow),
    'of which the drawing request and SVG clean-up, median ms': median(rounds.map((r) => r.render)),
    'drawing size (bytes received: SVG, or canvas JSON)': rounds[0].svgBytes,
    'drawing elements in the page': rounds[0].elements,
    'nodes before': rounds[0].before,
    'nodes after': rounds[0].after,
  };
  const steps = {};
  for (const name of Object.keys(rounds[0].steps).sort()) {
    steps[name] = Math.round(median(rounds.map((r) => r.steps[name])) * 10) / 10;
  }
  out['steps of the drawing, median ms'] = steps;
  return out;
}

async function main() {
  const [hubRow] = await query(HUB_QUERY, {});
  if (!hubRow) throw new Error('no node with 195-215 relations: is this kggen M?');
  const hub = hubRow[0];
  const neighbours = await query(NEIGHBOURS_QUERY, {id: hub});
  const view = [hub, ...neighbours.slice(0, 25).map((r) => r[0])];
  // What the page draws after the expansion: the view and at most 200 more.
  const expected = view.length + Math.min(200, neighbours.length - 25);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const rounds = bases.map(() => []);
  try {
    // Untimed: the browser's and the servers' caches.
    for (const b of bases) await round(browser, b, hub, view, expected);
    // Round i of every server one after the other, so they share the load.
    for (let i = 0; i < REPS; i++) {
      for (let k = 0; k < bases.length; k++) {
        rounds[k].push(await round(browser, bases[k], hub, view, expected));
      }
    }
  } finally {
    await browser.close();
  }
  const out = {hub: {id: hub, degree: hubRow[1]}, reps: REPS};
  bases.forEach((b, k) => (out[`server ${k + 1} (${b})`] = summary(rounds[k])));
  if (bases.length > 1) {
    for (const key of ['expand', 'fromNode', 'flow']) {
      const first = median(rounds[0].map((r) => r[key]));
      out[`${key} median / server 1`] = rounds.map((r) => median(r.map((x) => x[key])) / first);
    }
  }
  console.log(JSON.stringify(out, null, 1));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
