// The explorer page in a real browser: Debian's chromium, headless, driven
// by puppeteer-core (tests/server/browser/package.json) against a `kg serve`
// on the bundled dataset started by explorer_browser_test.sh.
//   node explorer_browser_test.js BASE_URL SCREENSHOT_DIR DOWNLOAD_DIR TOKEN
// Follows a lead as a user would: search "xiaomi", open Xiaomi, expand
// NVIDIA to reach Huawei, read a quote on the NVIDIA–Huawei edge; pin the
// layout and expand again (the nodes keep their coordinates); the twopi
// layout rings Xiaomi's neighbours around it; the H20
// approval disappears as of 2025-05-01; a bad query shows its line and
// column; the view exports as SVG; the URL hash reproduces the view; a
// write is refused until the token is given, which never appears in a URL.
// Any console error, page error or failed request fails the test (except
// the 400 the bad query is meant to get). Prints timings, asserts none.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const canvasWalks = require('./explorer_browser_canvas.js');

const [base, shots, downloads, token] = process.argv.slice(2);
const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
const WAIT = {timeout: 20000};
const problems = [];
let expectBadQuery = false;  // the statuses /v1/query may answer now (400, 401)
// While a hostile drawing is parsed: chromium reports (and blocks) its inline
// handlers and style under the page's CSP as it parses them, before the
// page's clean-up removes them.
let expectCspReports = false;
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

async function shot(page, name) {
  await page.screenshot({path: path.join(shots, `explorer-${name}.png`)});
}

// Waits until the graph finished drawing (data-state ready).
async function graphReady(page) {
  await page.waitForFunction(() => document.getElementById('graph').dataset.state === 'ready', WAIT);
}

// Expands node `id` from its menu and waits until a node named `name` is
// drawn and the graph is ready; returns how long that took, in ms.
async function expandUntil(page, id, name) {
  const t0 = Date.now();
  await page.click(`#graph g#n${id}`);
  await page.waitForSelector('#node-menu:not([hidden])', WAIT);
  await page.click('#act-expand');
  await page.waitForFunction((n) => [...document.querySelectorAll('#graph g.node text')]
      .some((t) => t.textContent === n), WAIT, name);
  await graphReady(page);
  return Date.now() - t0;
}

// The names drawn as nodes, by entity id.
async function drawnNodes(page) {
  return page.$$eval('#graph g.node', (gs) => gs.filter((g) => /^n\d+$/.test(g.id))
      .map((g) => [Number(g.id.slice(1)), (g.querySelector('text') || {}).textContent || '']));
}

// The centre of every drawn entity node in Graphviz points (y up), from
// its shape in the SVG (the page's own rule: ellipse centre or the middle of
// the polygon's or path's extent).
async function centres(page) {
  return page.$$eval('#graph g.node', (gs) => {
    const out = {};
    for (const g of gs.filter((x) => /^n\d+$/.test(x.id))) {
      const e = g.querySelector('ellipse');
      const shape = g.querySelector('polygon, path');
      if (e) {
        out[g.id.slice(1)] = {x: Number(e.getAttribute('cx')), y: -Number(e.getAttribute('cy'))};
      } else if (shape) {
        const text = shape.getAttribute(shape.nodeName === 'path' ? 'd' : 'points');
        const n = (text.match(/-?[\d.]+(?:e-?\d+)?/g) || []).map(Number);
        const xs = n.filter((_, i) => i % 2 === 0);
        const ys = n.filter((_, i) => i % 2 === 1);
        out[g.id.slice(1)] = {x: (Math.min(...xs) + Math.max(...xs)) / 2,
          y: -(Math.min(...ys) + Math.max(...ys)) / 2};
      }
    }
    return out;
  });
}

// Ids of `before` whose centre in `after` is missing or more than `slop`
// (0.05) pt away.
function moved(before, after, slop = 0.05) {
  return Object.keys(before).filter((id) => !after[id] ||
      Math.abs(after[id].x - before[id].x) > slop || Math.abs(after[id].y - before[id].y) > slop);
}

async function idOf(page, name) {
  const found = (await drawnNodes(page)).find(([, n]) => n === name);
  return found ? found[0] : null;
}

// Clicks an SVG edge's path as a user would, at the first point along it
// (from the middle out) that no other drawing covers.
async function clickEdge(page, edgeId) {
  const point = await page.$eval(`#graph g#${edgeId} path`, (p) => {
    const m = p.getScreenCTM();
    const length = p.getTotalLength();
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const at = p.getPointAtLength(length * f);
      const x = at.x * m.a + at.y * m.c + m.e;
      const y = at.x * m.b + at.y * m.d + m.f;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest('g.edge') === p.closest('g.edge')) return {x, y};
    }
    return null;
  });
  if (point === null) throw new Error(`edge ${edgeId} is covered everywhere`);
  await page.mouse.click(point.x, point.y);
}

// Puts a statement in the editor as typing would (an input event).
async function setQuery(page, text) {
  await page.$eval('#query-text', (e, t) => {
    e.value = t;
    e.dispatchEvent(new Event('input'));
  }, text);
}

async function search(page, text, name) {
  await page.$eval('#search', (e) => (e.value = ''));
  await page.type('#search', text);
  const item = await page.waitForFunction((want) => [...document.querySelectorAll(
      '#suggestions li.suggestion')].find((li) => li.querySelector('.name').textContent === want),
  WAIT, name);
  return item;
}

async function openBySearch(page, text, name) {
  const item = await search(page, text, name);
  await item.asElement().click();
  await page.waitForFunction((want) => {
    const h = document.getElementById('entity-name');
    return h && h.textContent === want && document.getElementById('graph').dataset.state === 'ready';
  }, WAIT, name);
}

// What a drawing in the page holds that it should not: elements other than
// Graphviz's SVG ones, and attributes that could run script, follow a link
// or restyle the page. Runs in the page on the element `root` (the
// drawing's <svg>, whose style the page itself sets to zoom, by CSSOM).
function unsafeParts(root) {
  const allowed = new Set(['svg', 'g', 'title', 'desc', 'a', 'path', 'polygon', 'polyline',
    'ellipse', 'circle', 'rect', 'line', 'text', 'tspan', 'defs', 'lineargradient',
    'radialgradient', 'stop']);
  const out = [];
  for (const e of [root, ...root.querySelectorAll('*')]) {
    if (e.namespaceURI !== 'http://www.w3.org/2000/svg' || !allowed.has(e.localName.toLowerCase())) {
      out.push(`<${e.localName}>`);
    }
    for (const a of e.attributes) {
      const own = e === root && a.name === 'style';
      if (!own && /^on|^href$|^style$/i.test(a.localName)) out.push(`${e.localName}[${a.name}]`);
    }
  }
  return out;
}

// Runs NVIDIA's neighbourhood in the query tab and shows it as a graph.
async function drawNvidiaNeighbourhood(page) {
  await page.click('#tab-query');
  await setQuery(page, 'MATCH (c {name: "NVIDIA"})-[r]-(o) RETURN c, r, o');
  await page.click('#query-run');
  await page.waitForSelector('table.result tbody tr', WAIT);
  await page.click('#query-graph');
  await graphReady(page);
}

// NVIDIA's neighbourhood drawn from a query (about 40 nodes, 100 edges):
// the drawing holds no script, link, style or event attribute, its nodes and
// edges have no listeners of their own (one delegated handler on #graph
// serves them all, however large the drawing), an edge gets its tooltip when
// the pointer reaches it, and clicks still open the evidence panel and the
// node menu. The page's clean-up also strips a hostile drawing, without
// running or loading any of it. (Every entity of the dataset at once, 141
// nodes, takes Graphviz 15-20 s on a loaded machine: too slow for here.)
async function drawingChecks(page, cdp) {
  await drawNvidiaNeighbourhood(page);
  const counts = await page.$eval('#graph svg', (svg) => [svg.querySelectorAll('g.node').length,
    svg.querySelectorAll('g.edge').length]);
  check(counts[0] > 30 && counts[1] > 60,
      `NVIDIA's neighbourhood drawn (${counts[0]} nodes, ${counts[1]} edges)`);
  const unsafe = await page.$eval('#graph svg', unsafeParts);
  check(unsafe.length === 0, `the drawing has no script, link, style or event attribute ` +
      `(${unsafe.slice(0, 5).join(' ') || 'none'})`);
  const listeners = async (selector) => {
    const {result} = await cdp.send('Runtime.evaluate', {expression: `document.querySelector('${selector}')`});
    const {listeners: list} = await cdp.send('DOMDebugger.getEventListeners', {objectId: result.objectId});
    return list.map((l) => l.type);
  };
  const onNode = await listeners('#graph g.node');
  const onEdge = await listeners('#graph g.edge');
  const onGraph = await listeners('#graph');
  check(onNode.length === 0 && onEdge.length === 0 && onGraph.includes('click'),
      `nodes and edges have no listeners of their own, #graph has (${onGraph.join(', ')})`);

  // The first edge with a tooltip that is not covered everywhere: hovered,
  // it gets its <title>; clicked, the evidence panel lists its statements.
  const edges = await page.$$eval('#graph g.edge', (gs) => gs.filter((x) => x.querySelector('a'))
      .map((x) => x.id));
  const untouched = await page.$$eval('#graph g.edge a title', (ts) => ts.length);
  check(edges.length > 0 && untouched === 0, `no edge has a tooltip element before it is hovered`);
  await page.$eval('#evidence', (e) => (e.hidden = true));
  let edge = null;
  for (const id of edges) {
    try {
      await clickEdge(page, id);
      edge = id;
      break;
    } catch (e) {
      if (!/covered everywhere/.test(e.message)) throw e;
    }
  }
  const tip = await page.$eval(`#graph g#${edge} a`, (a) => (a.querySelector('title') || {}).textContent);
  check(/\u2014[A-Z_]+\u2192/.test(tip || ''), `the hovered edge shows its tooltip: ${(tip || '').split('\n')[0]}`);
  await page.waitForSelector('#evidence:not([hidden]) .evidence-item', WAIT);
  check(true, 'a click on an edge opens the evidence panel');
  const node = await page.$eval('#graph g.node', (g) => g.id);
  await page.click(`#graph g#${node}`);
  await page.waitForSelector('#node-menu:not([hidden])', WAIT);
  check(true, 'a click on a node opens its menu');
  await page.keyboard.press('Escape');

  // A hostile drawing through the page's own clean-up.
  expectCspReports = true;
  const hostile = await page.evaluate(async () => {
    const {parseDrawing} = await import('/explorer/drawing.js');
    const svg = parseDrawing(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" ' +
        'xmlns:xlink="http://www.w3.org/1999/xlink" onload="window.pwned=1" width="9pt">' +
        '<script>window.pwned=2</script><style>*{display:none}</style>' +
        '<g id="n1" class="node" onclick="window.pwned=3" style="fill:red">' +
        '<a href="javascript:window.pwned=4" xlink:href="javascript:window.pwned=5" ' +
        'xlink:title="tip"><ellipse cx="1" cy="2" rx="3" ry="4"/></a>' +
        '<foreignObject><img src="/explorer/no-such.png" onerror="window.pwned=6"></foreignObject>' +
        '<set attributeName="fill" to="red"/><animate attributeName="x"/><use href="#n1"/>' +
        '<image href="/explorer/no-such.png"/><iframe src="/"></iframe></g>' +
        '<p>text</p><img src="/explorer/no-such.png" onerror="window.pwned=7"></svg>', {});
    const box = document.createElement('div');
    box.append(svg);
    document.body.append(box);
    await new Promise((r) => setTimeout(r, 200));
    const html = svg.outerHTML;
    box.remove();
    return {html, pwned: window.pwned};
  });
  expectCspReports = false;

  // An edge of a large drawing, which kg draws without a tooltip: hovered,
  // it is named by its ends' tooltips and its type.
  const bare = await page.evaluate(async () => {
    const {parseDrawing, showTooltip} = await import('/explorer/drawing.js');
    const node = (id, tip) => `<g id="n${id}" class="node"><title>n${id}</title>` +
        `<g id="a_n${id}"><a xlink:title="${tip}"><ellipse cx="1" cy="2" rx="3" ry="4"/></a></g></g>`;
    const svg = parseDrawing('<svg xmlns="http://www.w3.org/2000/svg" ' +
        'xmlns:xlink="http://www.w3.org/1999/xlink"><g id="graph0" class="graph">' +
        node(7, 'Company: NVIDIA&#10;Aliases: NVDA') + node(9, 'Company: Huawei') +
        '<g id="r5" class="edge type&#45;COMPETES_WITH family&#45;negative">' +
        '<title>n7&#45;&gt;n9</title><path d="M0,0L9,9"/></g></g></svg>', {});
    const path = svg.querySelector('#r5 path');
    showTooltip(path);
    showTooltip(path);
    return [...path.querySelectorAll('title')].map((t) => t.textContent);
  });
  check(bare.length === 1 && bare[0] === 'NVIDIA \u2014COMPETES_WITH\u2192 Huawei\n(click for the statements)',
      `an edge without kg's tooltip is named on hover: ${JSON.stringify(bare)}`);
  check(hostile.pwned === undefined, 'nothing of a hostile drawing runs');
  check(/<ellipse/.test(hostile.html) && !/script|style|onload|onclick|javascript|foreignObject|<img|<p>|<set|<animate|<use|<image|<iframe|width=/i
      .test(hostile.html), `a hostile drawing keeps only its shapes: ${hostile.html}`);
}

async function run(browser) {
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = (msg.location() || {}).url || '';
    if (expectBadQuery && /status of 40[01]/.test(text) && url.endsWith('/v1/query')) return;
    if (expectCspReports && /violates the following Content Security Policy/.test(text)) return;
    problems.push(`console error: ${text} ${url}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url().includes(token)) problems.push(`the token is in a URL: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure().errorText}`));
  page.on('response', (r) => {
    const bad = r.status() >= 400 && !(expectBadQuery && r.url().endsWith('/v1/query'));
    if (bad) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});

  // First view.
  let t0 = Date.now();
  const response = await page.goto(base + '/', {waitUntil: 'load'});
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  const firstView = Date.now() - t0;
  const csp = response.headers()['content-security-policy'] || '';
  check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), `CSP allows only own scripts: ${csp}`);
  check(response.headers()['etag'] !== undefined, 'the page has an ETag');

  // Chinese aliases are suggested too.
  await search(page, '小米', 'Xiaomi');
  check(true, 'searching 小米 suggests Xiaomi');

  // Search "xiaomi" and open Xiaomi.
  t0 = Date.now();
  await openBySearch(page, 'xiaomi', 'Xiaomi');
  const openMs = Date.now() - t0;
  const entityText = await page.$eval('#entity', (e) => e.textContent);
  check(/PARTNERS_WITH/.test(entityText) && /小米/.test(entityText),
      'the entity panel lists aliases and relations grouped by type');
  const nvidia = await idOf(page, 'NVIDIA');
  check(nvidia !== null, 'Xiaomi\'s graph shows NVIDIA');
  check((await idOf(page, 'Huawei')) === null, 'Huawei is not yet drawn');
  await shot(page, 'entity');

  // Expand NVIDIA: Huawei appears.
  const expandMs = await expandUntil(page, nvidia, 'Huawei');
  const huawei = await idOf(page, 'Huawei');
  check(huawei !== null, 'expanding NVIDIA draws Huawei');
  const note = await page.$eval('#graph-note', (e) => e.textContent);
  check(/more neighbours not shown/.test(note), `the cap's note: ${note}`);
  await shot(page, 'expand');

  // Click the NVIDIA–Huawei edge: the evidence panel quotes.
  const edge = await page.$$eval('#graph g.edge', (gs, a, b) => {
    const ends = new Set([`n${a}->n${b}`, `n${b}->n${a}`]);
    const g = gs.find((x) => ends.has((x.querySelector('title') || {}).textContent));
    return g ? g.id : null;
  }, nvidia, huawei);
  check(edge !== null, `an edge joins NVIDIA and Huawei (${edge})`);
  await clickEdge(page, edge);
  await page.waitForSelector('#evidence:not([hidden]) blockquote.quote', WAIT);
  const quotes = await page.$$eval('#evidence blockquote.quote', (qs) => qs.map((q) => q.textContent));
  const cites = await page.$eval('#evidence', (e) => e.textContent);
  check(quotes.includes('We are always learning from all competitors, including Huawei.'),
      `the evidence panel quotes Jensen Huang (${quotes.length} quotes)`);
  check(/Jensen Huang/.test(cites) && /2025-07-16/.test(cites) && /Wallstreetcn|Transcript/.test(cites),
      'the evidence names speaker, date and source title');
  await shot(page, 'evidence');

  // Undo the expansion.
  await page.click('#undo');
  await graphReady(page);
  check((await idOf(page, 'Huawei')) === null, 'undo removes the expansion');

  // Pin the layout, expand NVIDIA again: the nodes drawn before keep their
  // coordinates; undo keeps them too.
  const before = await centres(page);
  await page.click('#pin');
  check(await page.$eval('#pin', (e) => e.checked), 'pin is ticked');
  const pinnedExpandMs = await expandUntil(page, nvidia, 'Huawei');
  const after = await centres(page);
  check(Object.keys(after).length > Object.keys(before).length + 5,
      `pinned expansion adds nodes (${Object.keys(before).length} -> ${Object.keys(after).length})`);
  check(moved(before, after).length === 0,
      `pinned nodes kept their coordinates (moved: ${moved(before, after).join(', ') || 'none'})`);
  await shot(page, 'pinned');
  await page.click('#undo');
  await graphReady(page);
  const undone = await centres(page);
  check(Object.keys(undone).length === Object.keys(before).length &&
      moved(before, undone).length === 0, 'undo while pinned keeps every node in place');
  await page.click('#pin');
  check(!(await page.$eval('#pin', (e) => e.checked)), 'pin is unticked');

  // The ego layout: twopi with Xiaomi in the centre, its neighbours on a ring.
  const xiaomi = await idOf(page, 'Xiaomi');
  await page.select('#layout', 'twopi');
  await graphReady(page);
  const ring = await centres(page);
  const centre = ring[xiaomi];
  const radii = Object.entries(ring).filter(([id]) => Number(id) !== xiaomi)
      .map(([, p]) => Math.hypot(p.x - centre.x, p.y - centre.y));
  check(radii.length > 5 && radii.every((r) => Math.abs(r - radii[0]) < 1),
      `twopi puts Xiaomi's ${radii.length} neighbours on one ring around it`);
  check(/layout=twopi/.test(await page.evaluate(() => location.hash)), 'the hash holds the layout');
  await shot(page, 'twopi');
  await page.select('#layout', '');
  await graphReady(page);

  // Time: the H20's approval (valid from 2025-07-15) is gone on 2025-05-01.
  await openBySearch(page, 'H20', 'H20');
  const approves = () => page.$$eval('#graph g.edge', (gs) =>
    gs.filter((g) => g.classList.contains('type-APPROVES')).length);
  const restricts = () => page.$$eval('#graph g.edge', (gs) =>
    gs.filter((g) => g.classList.contains('type-RESTRICTS')).length);
  check((await approves()) > 0, 'H20\'s graph shows APPROVES with all dates');
  await page.$eval('#as-of', (e) => {
    e.value = '2025-05-01';
    e.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => /2025-05-01/.test(document.getElementById('entity').textContent),
      WAIT);
  await graphReady(page);
  check((await approves()) === 0, 'as of 2025-05-01 the H20 approval is gone');
  check((await restricts()) > 0, 'as of 2025-05-01 the restriction is drawn');
  const panel = await page.$eval('#entity', (e) => e.textContent);
  check(!/APPROVES/.test(panel), 'the entity panel lists no APPROVES as of 2025-05-01');
  await shot(page, 'time');

  // The URL hash reproduces the view.
  const hash = await page.evaluate(() => location.hash);
  check(/as_of=2025-05-01/.test(hash) && /nodes=/.test(hash), `the hash holds the view: ${hash}`);
  const page2 = await browser.newPage();
  await page2.goto(base + '/' + hash, {waitUntil: 'load'});
  await page2.waitForSelector('body[data-ready="true"]', WAIT);
  await graphReady(page2);
  const same = JSON.stringify((await drawnNodes(page2)).sort()) ===
      JSON.stringify((await drawnNodes(page)).sort());
  check(same && (await page2.$eval('#as-of', (e) => e.value)) === '2025-05-01',
      'a new tab on the link shows the same nodes and date');
  await page2.close();

  // Export the view as SVG.
  await page.select('#export', 'svg');
  const file = path.join(downloads, 'kg-view.svg');
  for (let i = 0; i < 100 && !fs.existsSync(file); ++i) await new Promise((r) => setTimeout(r, 100));
  const svg = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  check(svg.includes('<svg') && /<g id="n\d+" class="node/.test(svg) && svg.includes('>H20<'),
      `the SVG export is a drawing of the view (${svg.length} bytes)`);

  // A bad query: the error at its line and column.
  await page.click('#tab-query');
  await setQuery(page, 'MATCH (n:Company)\nRETURN n.name ORDER BY');
  const keywords = await page.$$eval('#query-highlight .tok-keyword', (ks) => ks.map((k) => k.textContent));
  check(keywords.join(' ') === 'MATCH RETURN ORDER BY', `the editor highlights keywords: ${keywords}`);
  expectBadQuery = true;
  await page.focus('#query-text');
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  await page.waitForSelector('#query-error:not([hidden])', WAIT);
  const error = await page.$eval('#query-error', (e) => e.textContent);
  check(/SyntaxError at line 2, column \d+/.test(error), `the error shows its position: ${error.split('\n')[0]}`);
  const marked = await page.$$eval('#query-highlight .tok-error', (ms) => ms.length);
  check(marked === 1, 'the editor marks the error\'s position');
  await shot(page, 'query-error');
  expectBadQuery = false;

  // A good query: a table, then as a graph.
  await setQuery(page, 'MATCH (c:Company {name: "Xiaomi"})-[r:COMPETES_WITH]-(o) RETURN c, r, o');
  await page.click('#query-run');
  await page.waitForSelector('table.result tbody tr', WAIT);
  const rows = await page.$$eval('table.result tbody tr', (rs) => rs.length);
  check(rows > 0, `the query's rows are a table (${rows})`);
  await shot(page, 'query');
  await page.click('#query-graph');
  await graphReady(page);
  check((await idOf(page, 'Xiaomi')) !== null, 'the result opens as a graph');

  await drawingChecks(page, cdp);
  const walks = canvasWalks(
      {check, graphReady, moved, centres, shot, idOf, drawNvidiaNeighbourhood, WAIT});
  await walks.canvasChecks(page);
  await walks.incrementalChecks(page);

  // A write: refused without the token, which the page then asks for.
  await page.click('#tab-query');
  await setQuery(page, "CREATE (:Company {name: 'Explorer Test Co'})");
  expectBadQuery = true;
  await page.click('#query-run');
  await page.waitForSelector('#query-error:not([hidden])', WAIT);
  const refused = await page.$eval('#query-error', (e) => e.textContent);
  check(/Unauthorized/.test(refused) && (await page.$eval('#token-box', (e) => e.open)),
      `a write without the token is refused and the token form opens: ${refused}`);
  expectBadQuery = false;
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /set/.test(document.getElementById('token-state').textContent),
      WAIT);
  await page.click('#query-run');
  await page.waitForFunction(() => /rows in/.test(document.getElementById('query-result').textContent),
      WAIT);
  check(await page.$eval('#query-error', (e) => e.hidden), 'with the token the write runs');
  await search(page, 'explorer test', 'Explorer Test Co');
  check(true, 'the written entity is suggested');
  const stored = await page.evaluate(() => sessionStorage.getItem('kg-token'));
  check(stored === token, 'the token is kept in sessionStorage');

  check(problems.length === 0, `no console errors (${problems.join('; ') || 'none'})`);
  console.log(`timing: first view ${firstView} ms, open Xiaomi ${openMs} ms, ` +
      `expand NVIDIA ${expandMs} ms, expand NVIDIA pinned ${pinnedExpandMs} ms (not asserted)`);
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    await run(browser);
  } catch (e) {
    console.log(`FAIL ${e.stack || e}`);
    failures++;
    if (problems.length) console.log(problems.join('\n'));
  } finally {
    await browser.close();
  }
  console.log(failures === 0 ? 'PASS' : `${failures} checks failed`);
  process.exit(failures === 0 ? 0 : 1);
})();
