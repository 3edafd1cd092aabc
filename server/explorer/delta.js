// An expansion drawn incrementally (docs/explorer.md, "Entity and
// graph"): the page sends where its nodes are and which one was expanded
// (POST /v1/render/delta, docs/server.md), and adds to its canvas the new
// nodes the server placed, with their edges drawn here as straight lines
// between the nodes' outlines. Nothing drawn before moves.
import * as api from './api.js';
import {CanvasDrawing, ENTITY_ID, boxOf, num} from './canvas.js';

const {$, el} = api;

// Parses an expansion's delta (GET /v1/render/delta, docs/server.md):
// the new nodes as a canvas drawing's objects, the edges as rows
// [key, tail, head, colour, width, dashed, arrows, class].
export function parseDelta(text) {
  const data = JSON.parse(text);
  const edgeOk = (e) => Array.isArray(e) && e.length === 8 && typeof e[0] === 'string' &&
      num(e[1]) && num(e[2]) && typeof e[3] === 'string' && num(e[4]) && num(e[6]);
  if (!data || data.format !== 'kg-delta 1' || !data.drawing ||
      !Array.isArray(data.drawing.objects) || !Array.isArray(data.new) ||
      !Array.isArray(data.edges) || !data.edges.every(edgeOk)) {
    throw new Error('the server sent no expansion');
  }
  return data;
}

// Graphviz's arrowhead (arrowsize 0.7): 7 points long, 0.35 of that to
// either side, wider for pens over 4 points.
const ARROW_LENGTH = 7;

// How far from a node's centre its outline is in the direction (ux, uy).
function reach(shape, ux, uy) {
  if (shape.kind === 'ellipse') {
    const k = Math.hypot(ux / (shape.rx || 1), uy / (shape.ry || 1));
    return k ? 1 / k : 0;
  }
  const b = shape.box;
  const hw = (b[2] - b[0]) / 2;
  const hh = (b[3] - b[1]) / 2;
  return Math.min(ux ? hw / Math.abs(ux) : Infinity, uy ? hh / Math.abs(uy) : Infinity);
}

function arrowhead(tipX, tipY, ux, uy, width) {
  const half = ARROW_LENGTH * 0.35 * (width > 4 ? width / 4 : 1);
  const bx = tipX - ux * ARROW_LENGTH;
  const by = tipY - uy * ARROW_LENGTH;
  return ['polygon', [tipX, tipY, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half,
    tipX, tipY], 1];
}

// An empty drawing, for a view shown as SVG until its first expansion
// onto a canvas (addDelta fills it).
export function emptyDrawing() {
  const data = {format: 'kg-canvas 1', viewBox: [0, 0, 1, 1], transform: [1, 0, 0], objects: []};
  const drawing = new CanvasDrawing(data);
  drawing.blank = true;
  return drawing;
}

// Adds an expansion's delta (parseDelta): its nodes the drawing lacks,
// its edges drawn as straight lines between their nodes' outlines, its
// legend in place of the drawing's and its caption (the graph object: the
// background, the view's title and footnote under everything drawn) in
// place of the view's before. Nothing drawn before moves. The view box
// grows to hold the new nodes and the caption. The edges are added to the
// drawing's paint as they are made (CanvasDrawing.appendEdge), when it has
// one. Returns the number of nodes added.
export function addDelta(drawing, delta) {
  const nodes = drawing.data.objects.filter((o) => o.type === 'node' && o.id !== 'legend');
  let legend = null;
  let caption = null;
  let added = 0;
  for (const o of delta.drawing.objects) {
    if (!o || !Array.isArray(o.ops)) continue;
    if (o.type === 'graph') caption = o;
    if (o.type !== 'node') continue;
    if (o.id === 'legend') {
      legend = o;
      continue;
    }
    const m = ENTITY_ID.exec(o.id || '');
    if (!m || drawing.byId.has(Number(m[1])) || !o.ops.length) continue;
    drawing.addNode(o);
    if (drawing.byId.has(Number(m[1]))) {
      nodes.push(o);
      added++;
    }
  }
  const styles = new Map();
  for (const row of delta.edges) {
    const o = edgeObject(drawing, styles, row);
    if (o) drawing.appendEdge(o);
  }
  if (legend) nodes.push(legend);
  drawing.data = Object.assign({}, drawing.data,
      {objects: (caption ? [caption] : []).concat(drawing.edgeObjects, nodes)});
  fit(drawing, caption ? nodes.concat(caption) : nodes);
  return added;
}

// A delta's edge row as a canvas object: a line from the tail's outline
// to the head's, with Graphviz's arrowheads. null when an end is not drawn.
// Edges of one style share their pen and fill operations (`styles`), so
// that 2,000 edges make 2,000 lines, not 6,000 small arrays, and the edge
// layer finds their path by the operation itself.
function edgeObject(drawing, styles, [key, tail, head, colour, width, dashed, arrows, cls]) {
  const a = drawing.byId.get(tail);
  const b = drawing.byId.get(head);
  if (!a || !b) return null;
  const p = a.centre;
  const q = b.centre;
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  if (len < 1e-6) return null;  // a self-loop: not drawn incrementally
  const ux = (q.x - p.x) / len;
  const uy = (q.y - p.y) / len;
  const s = reach(a.shape, ux, uy);
  const e = len - reach(b.shape, -ux, -uy);
  const style = `${colour}|${width}|${dashed ? 1 : 0}`;
  let pen = styles.get(style);
  if (!pen) styles.set(style, (pen = [['pen', colour, width, dashed ? 'dashed' : ''], ['fill', colour]]));
  const headArrow = arrows === 0 || arrows === 2;
  const tailArrow = arrows === 2;
  const from = s + (tailArrow ? ARROW_LENGTH : 0);
  const to = e - (headArrow ? ARROW_LENGTH : 0);
  const ops = [pen[0], pen[1],
    ['polyline', [p.x + ux * from, p.y + uy * from, p.x + ux * to, p.y + uy * to]]];
  if (headArrow) ops.push(arrowhead(p.x + ux * e, p.y + uy * e, ux, uy, width));
  if (tailArrow) ops.push(arrowhead(p.x + ux * s, p.y + uy * s, -ux, -uy, width));
  return {type: 'edge', id: key, class: cls, tail: `n${tail}`, head: `n${head}`, ops};
}

// Grows the view box (never shrinks it, unless the drawing was empty) to
// hold every point of these objects, with Graphviz's 0.3 inch pad.
function fit(drawing, objects) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const o of objects) {
    for (const op of o.ops) {
      if (op[0] === 'ellipse') {
        boxOf([op[1] - Math.abs(op[3]), op[2] - Math.abs(op[4]),
          op[1] + Math.abs(op[3]), op[2] + Math.abs(op[4])], box);
      } else if (op[0] === 'polygon' || op[0] === 'bezier' || op[0] === 'polyline') {
        boxOf(op[1], box);
      } else if (op[0] === 'text') {
        boxOf([op[1], op[2]], box);
      }
    }
  }
  if (!isFinite(box[0])) return;
  const [s, tx, ty] = drawing.data.transform;
  const pad = 21.6;
  const v = [s * (box[0] + tx) - pad, s * (box[1] + ty) - pad,
    s * (box[2] + tx) + pad, s * (box[3] + ty) + pad];
  if (!drawing.blank) {
    const [x0, y0, x1, y1] = drawing.data.viewBox;
    v[0] = Math.min(v[0], x0);
    v[1] = Math.min(v[1], y0);
    v[2] = Math.max(v[2], x1);
    v[3] = Math.max(v[3], y1);
  }
  drawing.blank = false;
  drawing.data.viewBox = v;
  drawing.box = {x: v[0], y: v[1], w: Math.max(1, v[2] - v[0]), h: Math.max(1, v[3] - v[1])};
}

// An expansion drawn incrementally: the nodes drawn keep their places
// (sent as ?pins=), the server places only the new ones around `focus`
// and sends them with the edges that touch them (POST /v1/render/delta),
// which the canvas adds. For a view going onto a canvas with the automatic
// layout and without pinning (pinning draws the whole view with neato),
// when `kept` (the drawing shown before) is still in the page and shows
// `focus`. false when it does not apply: the caller redraws.
export async function drawDelta(explorer, focus, kept) {
  const graph = $('graph');
  if (explorer.view.nodes.length <= explorer.canvasNodes || explorer.view.layout || explorer.pinned ||
      !kept || graph.firstElementChild !== kept) return false;
  const at = explorer.drawnCentres();
  if (!at.has(focus)) return false;
  const pins = explorer.view.nodes.filter((id) => at.has(id)).map((id) => {
    const p = at.get(id);
    return `${id}:${p.x.toFixed(2)}:${p.y.toFixed(2)}`;
  });
  const params = {ids: explorer.view.nodes.join(','), pins: pins.join(','), focus: String(focus)};
  if (!explorer.canvas) params.redraw_pinned = 'true';
  if (explorer.view.asOf) params.valid_at = explorer.view.asOf;
  explorer.closeMenu();
  $('graph-note').textContent = explorer.note;
  keepDrawing(explorer);
  const started = performance.now();
  const {steps, step} = api.stopwatch();
  try {
    // A form body: a large view's ids and pins outgrow a URL.
    const response = await api.postForm('/v1/render/delta', params);
    let t = step('response', started);
    const text = await response.text();
    t = step('text', t);
    const delta = parseDelta(text);
    t = step('parse', t);
    const drawing = explorer.canvas ? explorer.canvas.copy() : emptyDrawing();
    addDelta(drawing, delta);
    t = step('clean', t);
    explorer.timings.render = performance.now() - started;
    explorer.canvas = drawing;
    graph.replaceChildren(drawing.element);
    explorer.setZoom(explorer.zoom);
    t = step('insert', t);
    graph.dataset.drawing = 'canvas';
    graph.dataset.nodes = String(drawing.nodes.length);
    graph.dataset.state = 'ready';
    api.status('');
    explorer.timings.steps = steps;
    // The URL hash (onChange) after the frame that shows the drawing:
    // replacing a URL of 200 ids is a navigation, some milliseconds that
    // need not come before the picture.
    requestAnimationFrame(() => setTimeout(() => {
      step('paint', t);
      explorer.onChange();
    }));
  } catch (e) {
    explorer.canvas = null;
    graph.replaceChildren(el('p', {class: 'error'}, e.message));
    graph.dataset.state = 'error';
    explorer.onChange();
  }
  return true;
}

// Keeps the drawing shown with the undo step just pushed, for a change
// made in place (an incremental expansion, a hide on a canvas): undo
// then shows it again instead of drawing the view afresh.
export function keepDrawing(explorer) {
  const last = explorer.undoStack[explorer.undoStack.length - 1];
  const shown = $('graph').firstElementChild;
  if (!last || !shown) return;
  last.drawing = explorer.canvas ? {canvas: explorer.canvas} : {element: shown};
}

export function showKept(explorer, kept) {
  const graph = $('graph');
  explorer.closeMenu();
  $('graph-note').textContent = explorer.note;
  explorer.canvas = kept.canvas || null;
  graph.replaceChildren(kept.canvas ? kept.canvas.element : kept.element);
  explorer.setZoom(explorer.zoom);
  graph.dataset.drawing = kept.canvas ? 'canvas' : 'svg';
  graph.dataset.nodes = kept.canvas ? String(kept.canvas.nodes.length) : '';
  graph.dataset.state = 'ready';
  explorer.onChange();
}
