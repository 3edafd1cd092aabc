// The explorer's canvas drawings, walked in the browser test
// (explorer_browser_test.js, which passes its helpers in): a large view
// painted on a canvas, and an expansion added to it incrementally.
'use strict';

module.exports = (kit) => {
  const {check, graphReady, moved, centres, shot, idOf, drawNvidiaNeighbourhood, WAIT} = kit;

  // A large drawing is painted on a canvas from the server's drawing
  // operations (format=canvas). The bundled dataset has no view of more than
  // 150 nodes, so the page's threshold is lowered: NVIDIA's neighbourhood
  // (about 66 nodes) is drawn on a canvas with every node and edge of the
  // SVG; clicking a node opens its menu, clicking an edge the evidence panel;
  // hovering an edge names it; pinning reads the nodes' centres from it.
  // (Long: one walk through the page in a user's order, each step using the
  // state the previous one left.)
  async function canvasChecks(page) {
    await page.evaluate(() => (window.kgExplorer.canvasNodes = 10));
    await drawNvidiaNeighbourhood(page);
    const drawn = await page.evaluate(() => {
      const graph = document.getElementById('graph');
      const c = window.kgExplorer.canvas;
      return {drawing: graph.dataset.drawing, nodes: Number(graph.dataset.nodes),
        canvases: graph.querySelectorAll('canvas').length, svgs: graph.querySelectorAll('svg').length,
        edges: c ? c.edges.length : 0, width: c ? c.element.width : 0};
    });
    check(drawn.drawing === 'canvas' && drawn.canvases === 1 && drawn.svgs === 0 &&
        drawn.nodes > 30 && drawn.edges > 60 && drawn.width > 300,
    `a large view is painted on a canvas (${JSON.stringify(drawn)})`);
    await shot(page, 'canvas');

    // Click NVIDIA's node: its menu.
    const nvidia = await page.evaluate(() => {
      const c = window.kgExplorer.canvas;
      const n = c.nodes.find((x) => c.name(x.id) === 'NVIDIA');
      return n ? {id: n.id, at: c.clientPoint(n.id)} : null;
    });
    check(nvidia !== null, 'NVIDIA is drawn on the canvas');
    await page.mouse.click(nvidia.at.x, nvidia.at.y);
    await page.waitForSelector('#node-menu:not([hidden])', WAIT);
    const menu = await page.$eval('#node-menu-name', (e) => e.textContent);
    check(menu === 'NVIDIA', `clicking a node on the canvas opens its menu (${menu})`);
    await page.keyboard.press('Escape');

    // An edge away from every node: hovered, it is named; clicked, its statements.
    const edge = await page.evaluate(() => {
      const c = window.kgExplorer.canvas;
      // A whole pixel where this edge, and only it, is under the pointer
      // within a pixel either way (the mouse's coordinates are rounded).
      const only = (e, x, y) => [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].every(([dx, dy]) => {
        const hit = c.hit(x + dx, y + dy);
        return hit && hit.edge === e;
      });
      for (const e of c.edges) {
        const p = c.edgeClientPoint(e.id);
        const at = p && {x: Math.round(p.x), y: Math.round(p.y)};
        if (at && only(e, at.x, at.y)) return {at, tail: c.name(e.tail), head: c.name(e.head)};
      }
      return null;
    });
    check(edge !== null, 'an edge of the canvas can be pointed at');
    await page.mouse.move(edge.at.x, edge.at.y);
    const tip = await page.$eval('#graph canvas', (c) => c.title);
    check(tip.startsWith(`${edge.tail} \u2014`) && tip.includes(`\u2192 ${edge.head}`),
        `a hovered edge is named by its ends: ${tip.split('\n')[0]}`);
    await page.mouse.click(edge.at.x, edge.at.y);
    // The panel may still show an earlier edge's statements: wait for this
    // edge's heading (or the timeout, which the check below then reports).
    await page.waitForFunction((a, b) => {
      const h = document.querySelector('#evidence:not([hidden]) h2');
      return h && h.textContent.includes(a) && h.textContent.includes(b) &&
          document.querySelector('#evidence:not([hidden]) .evidence-item, #evidence:not([hidden]) p');
    }, {timeout: 15000}, edge.tail, edge.head).catch(() => {});
    const heading = await page.$eval('#evidence h2', (e) => e.textContent).catch(() => '');
    check(heading.includes(edge.tail) && heading.includes(edge.head),
        `clicking an edge on the canvas opens its evidence (${heading})`);

    // Pinning reads the centres from the canvas: the same as the SVG's.
    await page.click('#pin');
    const pinned = await page.evaluate(() => [...window.kgExplorer.positions.keys()].length);
    check(pinned === drawn.nodes, `pinning records every canvas node's centre (${pinned})`);
    await page.click('#pin');
    await page.evaluate(() => (window.kgExplorer.canvasNodes = 150));
  }

  // The canvas's node centres, by entity id, in points (y up).
  async function canvasCentres(page) {
    return page.evaluate(() => {
      const out = {};
      for (const [id, at] of window.kgExplorer.canvas.centres()) out[id] = at;
      return out;
    });
  }

  // What the canvas shows of an expansion: the caption's lines (the graph
  // object's texts) and, for the edges touching `ids`, how many were tried
  // (a point of their line where the hit-test finds that edge, no node) and
  // which of those have no paint there (the pixel and its four neighbours
  // all the background's white).
  async function drawnOnCanvas(page, ids) {
    return page.evaluate((fresh) => {
      const c = window.kgExplorer.canvas;
      const caption = c.data.objects.filter((o) => o.type === 'graph')
          .flatMap((o) => o.ops.filter((op) => op[0] === 'text').map((op) => op[8]));
      const rect = c.element.getBoundingClientRect();
      const ctx = c.element.getContext('2d');
      const painted = (x, y) => {
        const px = Math.round(((x - rect.left) / rect.width) * c.element.width);
        const py = Math.round(((y - rect.top) / rect.height) * c.element.height);
        const d = ctx.getImageData(px - 1, py - 1, 3, 3).data;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) return true;
        }
        return false;
      };
      const ends = new Set(fresh);
      let tried = 0;
      const bare = [];
      for (const e of c.edges) {
        if (!ends.has(e.tail) && !ends.has(e.head)) continue;
        const p = c.edgeClientPoint(e.id);
        const hit = p && c.hit(p.x, p.y);
        if (!hit || hit.edge !== e) continue;
        tried++;
        if (!painted(p.x, p.y)) bare.push(e.id);
      }
      return {caption, tried, bare};
    }, ids);
  }

  // How many drawing requests of each kind, and queries, the page has sent so far.
  async function renderRequests(page) {
    return page.evaluate(() => {
      const names = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
      return {full: names.filter((n) => n === '/v1/render').length,
        delta: names.filter((n) => n === '/v1/render/delta').length,
        query: names.filter((n) => n === '/v1/query').length};
    });
  }

  // Opens node `id`'s menu on the canvas and clicks `action`; waits until the
  // graph is ready again.
  async function canvasAction(page, id, action) {
    const at = await page.evaluate((n) => window.kgExplorer.canvas.clientPoint(n), id);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#node-menu:not([hidden])', WAIT);
    await page.click(action);
    await graphReady(page);
  }

  // An expansion onto a canvas is incremental (GET /v1/render/delta): the
  // nodes drawn keep their places, only the new ones are placed, around the
  // expanded node. NVIDIA's neighbourhood drawn as SVG, the canvas threshold
  // set to its size: expanding Huawei starts a canvas with the SVG's nodes
  // where they were; expanding a new node there adds to it; undo puts back
  // the drawing before; hiding moves nothing and asks the server nothing;
  // re-layout draws the whole view afresh.
  // (Long: one walk, each step using the state the previous one left.)
  async function incrementalChecks(page) {
    // The automatic layout (pinning, in the checks before, chose neato).
    await page.select('#layout', '');
    await graphReady(page);
    await drawNvidiaNeighbourhood(page);
    const svg = await centres(page);
    const n = Object.keys(svg).length;
    await page.evaluate((k) => (window.kgExplorer.canvasNodes = k), n);
    const huawei = await idOf(page, 'Huawei');
    const sent = await renderRequests(page);
    await page.click(`#graph g#n${huawei}`);
    await page.waitForSelector('#node-menu:not([hidden])', WAIT);
    // Opening the menu asks for the node's neighbours; "expand" uses that
    // answer instead of asking again.
    await page.waitForFunction((n) => performance.getEntriesByType('resource')
        .filter((e) => e.name.endsWith('/v1/query')).length > n, WAIT, sent.query);
    const asked = (await renderRequests(page)).query;
    await page.click('#act-expand');
    await page.waitForFunction(() => document.getElementById('graph').dataset.state === 'ready' &&
        document.getElementById('graph').dataset.drawing === 'canvas', WAIT);
    const first = await canvasCentres(page);
    const requests = await renderRequests(page);
    check(asked === sent.query + 1 && requests.query === asked,
        `the menu asks for the neighbours and "expand" asks no more (queries ${sent.query} -> ` +
        `${asked} with the menu open -> ${requests.query} after the expansion)`);
    // Within 3 points: the page reads a node's place from its outline, and
    // the outlines of the tab and component shapes (organisations, AI
    // models) reach further on one side, so their centre as read is 2 points
    // off and the canvas draws them there.
    check(Object.keys(first).length > n && moved(svg, first, 3).length === 0 &&
        requests.delta === sent.delta + 1 && requests.full === sent.full,
    `expanding Huawei onto a canvas adds ${Object.keys(first).length - n} nodes by one delta ` +
        `request, and the ${n} drawn keep their places (moved: ${moved(svg, first, 3).join(', ') || 'none'})`);
    await shot(page, 'incremental');
    // The new nodes' edges are painted; the view's title and footnote are
    // there (the server's caption under everything drawn).
    const added = Object.keys(first).map(Number).filter((id) => !svg[id]);
    const shown = await drawnOnCanvas(page, added);
    check(shown.tried > 5 && shown.bare.length === 0,
        `the expansion's edges are painted on the canvas (${shown.tried} looked at, ` +
        `unpainted: ${shown.bare.join(', ') || 'none'})`);
    check(shown.caption.some((t) => / entities /.test(t)) && shown.caption.some((t) => /^Source/.test(t)),
        `the canvas has the view's title and footnote after an expansion (${shown.caption.join(' | ')})`);

    // A new node expanded on the canvas: nothing drawn moves; its new edges
    // are painted with the others; the caption is the new view's.
    await canvasAction(page, added[0], '#act-expand');
    const second = await canvasCentres(page);
    check(Object.keys(second).length >= Object.keys(first).length &&
        moved(first, second).length === 0 && (await renderRequests(page)).full === sent.full,
    `expanding on the canvas keeps every node in place (${Object.keys(first).length} -> ` +
        `${Object.keys(second).length}, moved: ${moved(first, second).join(', ') || 'none'})`);
    const more = Object.keys(second).map(Number).filter((id) => !first[id]);
    const shownAgain = await drawnOnCanvas(page, more.length ? more : [added[0]]);
    check(shownAgain.tried > 0 && shownAgain.bare.length === 0 &&
        shownAgain.caption.some((t) => t.startsWith(`${Object.keys(second).length} entities`)),
    `after the second expansion the edges of the nodes it added (or of the node expanded) are ` +
        `painted and the caption counts its ${Object.keys(second).length} nodes ` +
        `(${shownAgain.tried} edges looked at, unpainted: ` +
        `${shownAgain.bare.join(', ') || 'none'}; ${shownAgain.caption[0]})`);

    // Undo: the drawing before, as it was.
    await page.click('#undo');
    await graphReady(page);
    const undone = await canvasCentres(page);
    check(Object.keys(undone).length === Object.keys(first).length && moved(first, undone).length === 0,
        'undo puts back the canvas as it was');
    const repainted = await drawnOnCanvas(page, added);
    check(repainted.tried > 5 && repainted.bare.length === 0,
        `undo repaints the kept canvas's edges (${repainted.tried} looked at, unpainted: ` +
        `${repainted.bare.join(', ') || 'none'})`);

    // Hide on the canvas: one node fewer, nothing moved, no drawing asked for.
    const before = await renderRequests(page);
    await canvasAction(page, added[1], '#act-hide');
    const hidden = await canvasCentres(page);
    const after = await renderRequests(page);
    check(Object.keys(hidden).length === Object.keys(first).length - 1 && !hidden[added[1]] &&
        moved(hidden, first).length === 0 && after.full === before.full &&
        after.delta === before.delta, 'hiding on the canvas takes the node out in place');
    check((await drawnOnCanvas(page, [])).caption.length === 0,
        'hiding on the canvas drops the caption, which counted the node hidden');

    // Undo twice: the SVG view of the start; re-layout draws it afresh.
    await page.click('#undo');
    await graphReady(page);
    await page.click('#undo');
    await graphReady(page);
    const back = await centres(page);
    check(Object.keys(back).length === n && moved(svg, back).length === 0 && moved(back, svg).length === 0,
        'undo goes back to the SVG drawing');
    await page.click('#relayout');
    await graphReady(page);
    check((await renderRequests(page)).full === after.full + 1 &&
        (await page.$eval('#graph', (g) => g.dataset.drawing)) === 'svg',
    're-layout draws the whole view again');
    await page.evaluate(() => (window.kgExplorer.canvasNodes = 150));
  }

  return {canvasChecks, incrementalChecks};
};
