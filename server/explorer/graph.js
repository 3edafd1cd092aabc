// The Explore tab: the graph drawn by the server's Graphviz (GET
// /v1/render, the styles of `kg render`), node and edge clicks opening the
// entity and evidence panels (panels.js), expansion with a cap, hiding,
// undo, the as-of date, the layout, pinning and exports. The view is {focus, nodes, hidden,
// asOf, layout}; every change pushes the previous view on the undo stack and
// redraws. Pinning is a mode, not part of the view: while it is on, every
// drawing sends the positions the nodes had (read from the SVG) as ?pins=,
// and the server's neato keeps them there. Views of more than CANVAS_NODES
// nodes are drawn on a canvas from the server's drawing operations
// (canvas.js); smaller ones are the server's SVG. An expansion onto a
// canvas is incremental (delta.js): the nodes drawn keep their places, the
// server places only the new ones (GET /v1/render/delta) and the canvas
// adds them; hiding a node there takes it out in place, undo puts back the
// drawing it had, and "re-layout" draws the whole view afresh.
import * as api from './api.js';
import {CANVAS_NODES, CanvasDrawing, parseCanvas} from './canvas.js';
import {drawDelta, keepDrawing, showKept} from './delta.js';
import {parseDrawing, showTooltip} from './drawing.js';
import {showEntity, showEvidence} from './panels.js';

const {$, el} = api;

// Every node of the view and the relations among them. With $as_of (the
// slider's day) only relations valid that day: kg.validAt in the query
// itself, so /v1/query, /v1/render and /v1/export draw the same graph.
// The drawing itself asks /v1/render for ?ids= (the same graph, drawn from
// the adjacency without the statement); exports use the statement.
// Directed, so each relation is found once, from its start node: the same
// subgraph as (a)-[r]-(b) in half the work (a 200-node view on kggen M
// joins ~3,800 relations).
const GRAPH_QUERY =
  'MATCH (a) WHERE id(a) IN $ids OPTIONAL MATCH (a)-[r]->(b) WHERE id(b) IN $ids ' +
  'AND ($as_of IS NULL OR kg.validAt(r, $as_of)) RETURN a, r, b';
const NEIGHBOURS_QUERY =
  'MATCH (a)-[r]-(b) WHERE id(a) = $id AND id(b) <> $id ' +
  'RETURN id(b) AS id, b.name AS name, count(r) AS quotes ORDER BY quotes DESC, name, id';
const CSV_QUERY =
  'MATCH (a)-[r]->(b) WHERE id(a) IN $ids AND id(b) IN $ids ' +
  'RETURN a.name AS from, type(r) AS type, b.name AS to, r.quote AS quote, ' +
  'r.speaker AS speaker, r.date AS date, r.valid_from AS valid_from, r.valid_to AS valid_to, ' +
  'kg.source(r).title AS source_title, r.source AS source ORDER BY from, type, to';

const DAY_MS = 86400000;
// The layouts of `kg render` and `kg ego` ("" lets the server choose).
export const LAYOUTS = ['', 'dot', 'neato', 'fdp', 'sfdp', 'circo', 'twopi'];
// The layouts that keep pinned positions (Graphviz `pos="x,y!"`).
const PINNABLE = ['neato'];
const EMPTY_VIEW = {focus: null, nodes: [], hidden: [], asOf: '', layout: ''};

// The centre of a drawn node in Graphviz points (y up), from its shape in
// the SVG: an ellipse's centre or the middle of a polygon's or path's extent. Graphviz
// writes a point (x, y) of its layout as (x, -y) inside the graph group.
export function nodeCentre(g) {
  const ellipse = g.querySelector('ellipse');
  if (ellipse) {
    return {x: Number(ellipse.getAttribute('cx')), y: -Number(ellipse.getAttribute('cy'))};
  }
  // A polygon's points or a path's (rounded boxes): absolute x,y pairs.
  const shape = g.querySelector('polygon, path');
  if (!shape) return null;
  const text = shape.getAttribute(shape.nodeName === 'path' ? 'd' : 'points') || '';
  const nums = (text.match(/-?[\d.]+(?:e-?\d+)?/g) || []).map(Number);
  if (nums.length < 4 || nums.some((v) => !isFinite(v))) return null;
  const xs = nums.filter((_, i) => i % 2 === 0);
  const ys = nums.filter((_, i) => i % 2 === 1);
  const mid = (v) => (Math.min(...v) + Math.max(...v)) / 2;
  return {x: mid(xs), y: -mid(ys)};
}

function dayText(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(text) {
  return Date.parse(text + 'T00:00:00Z');
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export class Explorer {
  constructor(onChange) {
    this.view = Object.assign({}, EMPTY_VIEW);
    this.undoStack = [];
    this.pinned = false;
    this.positions = new Map();  // entity id -> {x, y} in points, while pinned
    this.names = new Map();  // entity id -> name, for the menus
    this.onChange = onChange;  // called after each redraw (the URL hash)
    this.note = '';
    this.timings = {};
    this.menuNode = null;
    this.asked = null;  // {id, asOf, result}: neighbours asked for when a menu opened
    this.zoom = 1;  // 1: the drawing fits the width of its box
    this.canvas = null;  // the CanvasDrawing shown, if the drawing is one
    // Views of more nodes are drawn on a canvas (the browser test lowers it
    // to check canvas drawings on the small bundled dataset).
    this.canvasNodes = CANVAS_NODES;
    this.bind();
  }

  bind() {
    $('undo').addEventListener('click', () => this.undo());
    $('relayout').addEventListener('click', () => this.relayout());
    $('layout').addEventListener('change', () => this.setLayout($('layout').value));
    $('pin').addEventListener('change', () => this.setPinned($('pin').checked));
    $('zoom-in').addEventListener('click', () => this.setZoom(this.zoom * 1.5));
    $('zoom-out').addEventListener('click', () => this.setZoom(this.zoom / 1.5));
    $('zoom-fit').addEventListener('click', () => this.setZoom(1));
    $('act-expand').addEventListener('click', () => this.expand(this.menuNode));
    $('act-hide').addEventListener('click', () => this.hide(this.menuNode));
    $('act-open').addEventListener('click', () => {
      this.closeMenu();
      this.showEntity(this.menuNode);
    });
    $('as-of').addEventListener('change', () => this.setAsOf($('as-of').value));
    $('as-of-slider').addEventListener('input', () => {
      $('as-of').value = dayText(this.dayLo + Number($('as-of-slider').value) * DAY_MS);
    });
    $('as-of-slider').addEventListener('change', () => this.setAsOf($('as-of').value));
    $('as-of-clear').addEventListener('click', () => this.setAsOf(''));
    $('export').addEventListener('change', () => {
      const format = $('export').value;
      $('export').value = '';
      if (format) this.exportAs(format).catch((e) => api.status(e.message, true));
    });
    // One handler each for every drawing's nodes and edges (delegated, so
    // a drawing of 2,000 edges needs no handler of its own).
    $('graph').addEventListener('click', (e) => this.clicked(e));
    $('graph').addEventListener('mouseover', (e) => showTooltip(e.target));
    $('graph').addEventListener('mousemove', (e) => {
      if (this.canvas && e.target === this.canvas.element) {
        this.canvas.element.title = this.canvas.tooltip(e.clientX, e.clientY);
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.closeMenu();
    });
  }

  // The slider's range: the dataset's dates, with a margin either side.
  async initTime() {
    // GET /v1/dates answers from the server's clock table, where a query
    // over every relation would take seconds on a large graph.
    const span = await (await api.get('/v1/dates')).json();
    const days = ['valid_from', 'valid_to', 'said']
        .flatMap((k) => [span[k].first_day, span[k].last_day])
        .filter((v) => typeof v === 'string').map(dayMs).filter((v) => !isNaN(v));
    const now = Date.now();
    this.dayLo = (days.length ? Math.min(...days) : now - 365 * DAY_MS) - 120 * DAY_MS;
    const hi = (days.length ? Math.max(...days) : now) + 60 * DAY_MS;
    $('as-of-slider').max = String(Math.round((hi - this.dayLo) / DAY_MS));
    this.syncTime();
  }

  syncTime() {
    $('as-of').value = this.view.asOf;
    const slider = $('as-of-slider');
    if (this.dayLo === undefined) return;
    slider.value = this.view.asOf ? String(Math.round((dayMs(this.view.asOf) - this.dayLo) / DAY_MS))
                                  : slider.max;
  }

  // Scales the drawing (CSSOM, which the page's CSP allows, unlike style attributes).
  setZoom(zoom) {
    this.zoom = Math.max(0.25, Math.min(8, zoom));
    const drawing = this.canvas ? this.canvas.element : $('graph').querySelector('svg');
    if (!drawing) return;
    drawing.style.width = `${this.zoom * 100}%`;
    drawing.style.maxWidth = this.zoom > 1 ? 'none' : '100%';
    if (this.canvas) this.canvas.paint();  // its pixels follow its size
  }

  // Saves the view for undo before a change; the drawing is stale until redrawn.
  push() {
    $('graph').dataset.state = 'busy';
    this.undoStack.push(JSON.parse(JSON.stringify({view: this.view, note: this.note})));
    if (this.undoStack.length > 100) this.undoStack.shift();
    $('undo').disabled = false;
  }

  async undo() {
    const last = this.undoStack.pop();
    $('undo').disabled = this.undoStack.length === 0;
    if (!last) return;
    this.view = last.view;
    this.note = last.note;
    this.syncTime();
    this.syncLayout();
    if (last.drawing) showKept(this, last.drawing);
    else await this.redraw();
    if (this.view.focus !== null) await this.showEntity(this.view.focus);
  }

  // Restores a view (from the URL hash) without an undo step.
  async restore(view) {
    $('graph').dataset.state = 'busy';
    this.view = Object.assign({}, EMPTY_VIEW, view);
    if (!LAYOUTS.includes(this.view.layout)) this.view.layout = '';
    this.note = '';
    this.syncTime();
    this.syncLayout();
    await this.redraw();
    if (this.view.focus !== null) await this.showEntity(this.view.focus);
  }

  // Opens an entity: its panel, and a fresh graph of it and its neighbours.
  async open(id) {
    const started = performance.now();
    this.push();
    this.view.focus = id;
    this.view.nodes = [id];
    $('evidence').hidden = true;
    this.view.hidden = [];
    this.note = '';
    await Promise.all([this.showEntity(id), this.addNeighbours(id)]);
    await this.redraw();
    this.timings.open = performance.now() - started;
  }

  // Shows the given entity ids (from a query result) as the graph.
  async showIds(ids) {
    this.push();
    this.view.nodes = [...new Set(ids)];
    this.view.hidden = [];
    this.note = '';
    await this.redraw();
  }

  async expand(id) {
    this.closeMenu();
    if (id === null) return;
    const started = performance.now();
    this.push();
    const kept = $('graph').firstElementChild;
    await this.addNeighbours(id);
    if (!(await drawDelta(this, id, kept))) await this.redraw();
    this.timings.expand = performance.now() - started;
  }

  // Draws the whole view afresh, with its layout (a new placement of every node).
  async relayout() {
    if (this.view.nodes.length === 0) return;
    this.push();
    await this.redraw();
  }

  async hide(id) {
    this.closeMenu();
    if (id === null) return;
    this.push();
    this.view.nodes = this.view.nodes.filter((n) => n !== id);
    if (!this.view.hidden.includes(id)) this.view.hidden.push(id);
    // On a canvas that stays one: taken out in place, nothing else moves.
    if (this.canvas && this.canvas.byId.has(id) && this.view.nodes.length > this.canvasNodes) {
      keepDrawing(this);
      this.canvas = this.canvas.copy();
      this.canvas.remove(id);
      showKept(this, {canvas: this.canvas});
      return;
    }
    await this.redraw();
  }

  // The centres of the nodes drawn now, in points (y up): the canvas's or
  // the SVG's.
  drawnCentres() {
    if (this.canvas) return this.canvas.centres();
    const out = new Map();
    const svg = $('graph').querySelector('svg');
    for (const g of svg ? svg.querySelectorAll('g.node') : []) {
      const m = /^n(\d+)$/.exec(g.id);
      const at = m && nodeCentre(g);
      if (at) out.set(Number(m[1]), at);
    }
    return out;
  }

  // A new layout draws afresh: pinned positions belong to the old one,
  // unless the new layout keeps them (neato).
  async setLayout(layout) {
    if (layout === this.view.layout) return;
    this.push();
    this.view.layout = layout;
    if (!PINNABLE.includes(layout)) this.setPinned(false);
    this.syncLayout();
    await this.redraw();
  }

  // Pinning keeps the drawn nodes where they are now: their positions are
  // taken from the current drawing, and later drawings use neato,
  // the layout that honours them.
  setPinned(on) {
    this.pinned = on;
    this.positions.clear();
    if (on) {
      this.view.layout = 'neato';
      this.recordPositions();
    }
    this.syncLayout();
    this.onChange();
  }

  syncLayout() {
    $('layout').value = this.view.layout;
    $('pin').checked = this.pinned;
  }

  // The drawn nodes' centres, from the canvas drawing or the SVG.
  recordPositions() {
    if (this.canvas) {
      for (const [id, at] of this.canvas.centres()) this.positions.set(id, at);
      return;
    }
    const svg = $('graph').querySelector('svg');
    if (!svg) return;
    for (const g of svg.querySelectorAll('g.node')) {
      const m = /^n(\d+)$/.exec(g.id);
      const at = m && nodeCentre(g);
      if (at) this.positions.set(Number(m[1]), at);
    }
  }

  // ?layout, ?root (twopi's centre: the opened entity, as `kg ego` draws
  // it) and, while pinned, ?pins of the nodes with a known position.
  layoutParams() {
    const out = {};
    const nodes = this.view.nodes;
    if (this.view.layout) out.layout = this.view.layout;
    if (this.view.layout === 'twopi') {
      out.root = String(nodes.includes(this.view.focus) ? this.view.focus : nodes[0]);
    }
    if (this.pinned) {
      const pins = nodes.filter((id) => this.positions.has(id)).map((id) => {
        const at = this.positions.get(id);
        return `${id}:${at.x.toFixed(2)}:${at.y.toFixed(2)}`;
      });
      if (pins.length) out.pins = pins.join(',');
    }
    return out;
  }

  async setAsOf(day) {
    if (day === this.view.asOf) return;
    this.push();
    this.view.asOf = day;
    this.syncTime();
    await this.redraw();
    if (this.view.focus !== null) await this.showEntity(this.view.focus);
  }

  // Adds at most `cap` neighbours of `id` not yet drawn (nor hidden), those
  // with most quotes first, and notes how many were left out.
  async addNeighbours(id) {
    const cap = Math.max(1, Math.min(200, Number($('cap').value) || 25));
    const result = await this.neighbours(id);
    const drawn = new Set(this.view.nodes);
    const hidden = new Set(this.view.hidden);
    const fresh = api.records(result).filter((r) => !drawn.has(r.id) && !hidden.has(r.id));
    for (const r of fresh) this.names.set(r.id, r.name);
    const taken = fresh.slice(0, cap);
    if (!drawn.has(id)) this.view.nodes.push(id);
    this.view.nodes.push(...taken.map((r) => r.id));
    const left = fresh.length - taken.length;
    const name = this.names.get(id) || '#' + id;
    this.note = left > 0 ? `${name}: ${left} more neighbours not shown (expand cap ${cap})` : '';
  }

  // Node `id`'s neighbours: the answer asked for when its menu opened, if
  // for the same node and date, else asked now.
  async neighbours(id) {
    const asked = this.asked;
    this.asked = null;
    const result = asked && asked.id === id && asked.asOf === this.view.asOf && (await asked.result);
    return result || api.query(NEIGHBOURS_QUERY, {id}, this.view.asOf);
  }

  graphParams() {
    return {ids: this.view.nodes, as_of: this.view.asOf || null};
  }

  async redraw() {
    const graph = $('graph');
    this.closeMenu();
    $('graph-note').textContent = this.note;
    if (this.view.nodes.length === 0) {
      this.canvas = null;
      graph.replaceChildren(el('p', {class: 'hint'}, 'Nothing to draw.'));
      graph.dataset.state = 'empty';
      this.onChange();
      return;
    }
    graph.dataset.state = 'busy';
    const onCanvas = this.view.nodes.length > this.canvasNodes;
    // The view by its ids: the server draws GRAPH_QUERY's graph from the
    // adjacency without running the statement (docs/server.md, ?ids=).
    const params = {ids: this.view.nodes.join(','), format: onCanvas ? 'canvas' : 'svg'};
    if (this.view.asOf) params.valid_at = this.view.asOf;
    Object.assign(params, this.layoutParams());
    // The drawing's steps in ms, for the bench (bench/explorer_browser_bench.js):
    // the request until its headers, its text, parse, clean-up (for a
    // canvas: reading the shapes for hit-testing), insertion (for a canvas,
    // with its painting), and the style, layout and paint of the next frame.
    const started = performance.now();
    const {steps, step} = api.stopwatch();
    try {
      const response = await api.get('/v1/render', params);
      let t = step('response', started);
      const text = await response.text();
      t = step('text', t);
      const drawing = onCanvas ? this.canvasDrawing(text, steps) : parseDrawing(text, steps);
      this.timings.render = performance.now() - started;
      t = performance.now();
      this.canvas = onCanvas ? drawing : null;
      graph.replaceChildren(onCanvas ? drawing.element : drawing);
      if (this.pinned) this.recordPositions();
      this.setZoom(this.zoom);
      t = step('insert', t);
      graph.dataset.drawing = onCanvas ? 'canvas' : 'svg';
      graph.dataset.nodes = onCanvas ? String(drawing.nodes.length) : '';
      graph.dataset.state = 'ready';
      api.status('');
      this.timings.steps = steps;
      requestAnimationFrame(() => setTimeout(() => step('paint', t)));
    } catch (e) {
      this.canvas = null;
      graph.replaceChildren(el('p', {class: 'error'}, e.message));
      graph.dataset.state = 'error';
    }
    this.onChange();
  }

  // A canvas drawing's steps: its JSON parsed ("parse"), its shapes read
  // for hit-testing ("clean", the SVG's step in its place).
  canvasDrawing(text, steps) {
    let t = performance.now();
    const data = parseCanvas(text);
    steps.parse = performance.now() - t;
    t = performance.now();
    const drawing = new CanvasDrawing(data);
    steps.clean = performance.now() - t;
    return drawing;
  }

  // A click on a canvas drawing: the node or edge under the pointer.
  clickedCanvas(event) {
    const hit = this.canvas.hit(event.clientX, event.clientY);
    if (!hit) {
      this.closeMenu();
      return;
    }
    event.stopPropagation();
    if (hit.node !== undefined) {
      if (!this.names.has(hit.node)) this.names.set(hit.node, this.canvas.name(hit.node));
      this.openMenu(hit.node, event);
      return;
    }
    this.closeMenu();
    this.showEvidence(hit.edge.tail, hit.edge.head).catch((err) => api.status(err.message, true));
  }

  // A click in the drawing, by element id: nodes are n<entity id> (their
  // menu), edges r<relation id> with the title "n<tail>->n<head>" (the
  // evidence panel); anywhere else closes the menu.
  clicked(event) {
    if (this.canvas && event.target === this.canvas.element) return this.clickedCanvas(event);
    const g = event.target.closest('#graph svg g.node, #graph svg g.edge');
    const node = g && g.classList.contains('node') && /^n(\d+)$/.exec(g.id);
    const title = g && g.classList.contains('edge') && g.querySelector(':scope > title');
    const ends = title && /^r\d+$/.test(g.id) && /^n(\d+)->n(\d+)$/.exec(title.textContent);
    if (!node && !ends) {
      this.closeMenu();
      return;
    }
    event.stopPropagation();
    if (node) {
      const id = Number(node[1]);
      const label = g.querySelector('text');
      if (label && !this.names.has(id)) this.names.set(id, label.textContent);
      this.openMenu(id, event);
      return;
    }
    this.closeMenu();
    this.showEvidence(Number(ends[1]), Number(ends[2])).catch((err) => api.status(err.message, true));
  }

  openMenu(id, event) {
    this.menuNode = id;
    // Its neighbours, asked for now so that "expand" finds them (asked
    // again if this fails).
    this.asked = {id, asOf: this.view.asOf,
      result: api.query(NEIGHBOURS_QUERY, {id}, this.view.asOf).catch(() => null)};
    const menu = $('node-menu');
    $('node-menu-name').textContent = this.names.get(id) || '#' + id;
    const box = $('graph-col').getBoundingClientRect();
    menu.style.left = `${event.clientX - box.left + 8}px`;
    menu.style.top = `${event.clientY - box.top + 8}px`;
    menu.hidden = false;
  }

  closeMenu() {
    $('node-menu').hidden = true;
  }

  // The entity panel and the evidence panel (panels.js).
  showEntity(id) {
    return showEntity(this, id);
  }

  showEvidence(a, b) {
    return showEvidence(this, a, b);
  }

  async exportAs(format) {
    if (this.view.nodes.length === 0) throw new Error('nothing to export: open an entity first');
    const params = JSON.stringify(this.graphParams());
    const base = 'kg-view';
    if (['svg', 'png', 'pdf'].includes(format)) {
      const q = Object.assign({query: GRAPH_QUERY, params, format}, this.layoutParams());
      if (this.view.asOf) q.valid_at = this.view.asOf;
      const response = await api.get('/v1/render', q);
      api.download(await response.blob(), `${base}.${format}`);
    } else if (format === 'csv') {
      const result = await api.query(CSV_QUERY, {ids: this.view.nodes}, this.view.asOf);
      const lines = [result.columns.join(',')].concat(
          result.rows.map((row) => row.map(csvCell).join(',')));
      api.download(new Blob([lines.join('\r\n') + '\r\n'], {type: 'text/csv'}), `${base}.csv`);
    } else {
      const response = await api.get('/v1/export', {format, query: GRAPH_QUERY, params});
      const ext = format === 'jsonl' ? 'jsonl' : format;
      api.download(await response.blob(), `${base}.${ext}`);
    }
    api.status(`exported ${base}.${format}`);
  }
}
