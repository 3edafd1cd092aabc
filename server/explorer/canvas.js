// Large drawings on a <canvas>: the server's `format=canvas` (GET
// /v1/render, docs/server.md) is the list of drawing operations Graphviz
// gives its SVG renderer (shapes, curves, arrowheads, labels, the legend),
// one object per node and edge. Painting them is the same picture as the
// SVG without 9,000 elements for the browser to parse, style and lay out
// (a 200-node view of kggen M: docs/explorer.md, "Speed"). Clicks and
// tooltips find their node or edge by hit-testing the same shapes.
//
// Coordinates are the SVG's user units inside the graph group: a point
// (x, y) of an operation is shown at scale * (x + tx, y + ty) in the
// drawing's viewBox, as the SVG's transform puts it.

// Views with more nodes than this are drawn on a canvas; smaller ones stay
// SVG (the server's "large drawing" threshold, viz::kLargeGraphNodes).
export const CANVAS_NODES = 150;
// The most pixels a canvas gets (its backing store; zooming further only
// enlarges those pixels).
const MAX_PIXELS = 24e6;
// How near (CSS pixels) a click must come to an edge's line.
const EDGE_SLOP = 4;

export const num = (v) => typeof v === 'number' && isFinite(v);

function checkPoints(p) {
  if (!Array.isArray(p) || p.length < 2 || p.length % 2 || !p.every(num)) {
    throw new Error('the server sent a bad canvas drawing (points)');
  }
  return p;
}

// The points of a Graphviz B-spline (1 + 3k points), flattened to a
// polyline for hit-testing.
function flatten(p) {
  const out = [p[0], p[1]];
  for (let i = 2; i + 5 < p.length; i += 6) {
    const [x0, y0] = [out[out.length - 2], out[out.length - 1]];
    for (let k = 1; k <= 8; k++) {
      const t = k / 8;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      out.push(a * x0 + b * p[i] + c * p[i + 2] + d * p[i + 4],
          a * y0 + b * p[i + 1] + c * p[i + 3] + d * p[i + 5]);
    }
  }
  return out;
}

export function boxOf(p, box) {
  for (let i = 0; i < p.length; i += 2) {
    box[0] = Math.min(box[0], p[i]);
    box[1] = Math.min(box[1], p[i + 1]);
    box[2] = Math.max(box[2], p[i]);
    box[3] = Math.max(box[3], p[i + 1]);
  }
  return box;
}

function segmentDistance2(px, py, x0, y0, x1, y1) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len)) : 0;
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return ex * ex + ey * ey;
}

function insidePolygon(px, py, p) {
  let inside = false;
  for (let i = 0, j = p.length - 2; i < p.length; j = i, i += 2) {
    if ((p[i + 1] > py) !== (p[j + 1] > py) &&
        px < ((p[j] - p[i]) * (py - p[i + 1])) / (p[j + 1] - p[i + 1]) + p[i]) {
      inside = !inside;
    }
  }
  return inside;
}

// A node's outline for hit-testing: its first ellipse, polygon or curve
// (the shape; the label lies inside it).
function nodeShape(ops) {
  for (const op of ops) {
    if (op[0] === 'ellipse') {
      return {kind: 'ellipse', cx: op[1], cy: op[2], rx: Math.abs(op[3]), ry: Math.abs(op[4])};
    }
    if (op[0] === 'polygon' || op[0] === 'bezier') {
      const p = checkPoints(op[1]);
      return {kind: op[0] === 'polygon' ? 'polygon' : 'box', points: p,
        box: boxOf(p, [Infinity, Infinity, -Infinity, -Infinity])};
    }
  }
  return null;
}

export function centreOf(shape) {
  if (shape.kind === 'ellipse') return {x: shape.cx, y: shape.cy};
  const b = shape.box;
  return {x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2};
}

function insideShape(s, x, y) {
  if (s.kind === 'ellipse') {
    const dx = (x - s.cx) / (s.rx || 1);
    const dy = (y - s.cy) / (s.ry || 1);
    return dx * dx + dy * dy <= 1;
  }
  const b = s.box;
  if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) return false;
  return s.kind === 'box' || insidePolygon(x, y, s.points);
}

export const ENTITY_ID = /^n(\d+)$/;

// The fonts the server's drawings write (viz: Helvetica, sans-serif, plain
// and bold, 8 to 18 points). The first text painted in a font finds and
// loads it, some 10-20 ms on a 2-core machine; painting each once on a
// small canvas while the page is idle keeps that out of the first large
// drawing.
const WARM_FONTS = ['normal normal 11px Helvetica,sans-Serif', 'normal bold 11px Helvetica,sans-Serif',
  'normal bold 18px Helvetica,sans-Serif', 'normal normal 9px Helvetica,sans-Serif',
  'normal normal 8px Helvetica,sans-Serif'];

export function warmCanvasFonts() {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  for (const font of WARM_FONTS) {
    ctx.font = font;
    ctx.fillText('kg Ag 0', 0, 10);
  }
}

// Parses the server's canvas JSON; throws on anything not of that shape.
export function parseCanvas(text) {
  const data = JSON.parse(text);
  if (!data || data.format !== 'kg-canvas 1' || !Array.isArray(data.objects) ||
      !Array.isArray(data.viewBox) || data.viewBox.length !== 4 || !data.viewBox.every(num) ||
      !Array.isArray(data.transform) || data.transform.length !== 3 ||
      !data.transform.every(num)) {
    throw new Error('the server sent no canvas drawing');
  }
  return data;
}

// A drawing on a canvas: paint, hit-test, node names and centres.
export class CanvasDrawing {
  constructor(data) {
    this.data = data;
    const [x0, y0, x1, y1] = data.viewBox;
    this.box = {x: x0, y: y0, w: Math.max(1, x1 - x0), h: Math.max(1, y1 - y0)};
    this.nodes = [];  // {id: entity id, shape, tooltip, label}
    this.byId = new Map();
    this.edgeObjects = [];
    this.edgeList = null;  // {id, tail, head, types, lines, box}: made on the first hit-test
    // The edges' paint, gathered once (EdgeLayer): made on the first paint,
    // added to by an expansion, kept for every repaint (zoom).
    this.layer = null;
    for (const o of data.objects) {
      if (!Array.isArray(o.ops)) throw new Error('the server sent a bad canvas drawing (ops)');
      if (o.type === 'node') this.addNode(o);
      else if (o.type === 'edge') this.edgeObjects.push(o);
    }
    this.element = document.createElement('canvas');
    this.element.className = 'drawing';
  }

  // Takes node `id` and its edges out of the drawing (the explorer's hide),
  // and the caption (the graph object: its title counts what was drawn).
  remove(id) {
    const name = `n${id}`;
    this.data = Object.assign({}, this.data, {objects: this.data.objects.filter((o) =>
      o.type !== 'graph' && o.id !== name && o.tail !== name && o.head !== name)});
    this.edgeObjects = this.edgeObjects.filter((o) => o.tail !== name && o.head !== name);
    this.edgeList = null;
    this.layer = null;
    this.nodes = this.nodes.filter((n) => n.id !== id);
    this.byId.delete(id);
  }

  // A drawing of the same objects on a canvas of its own, to change while
  // this one is kept for undo (addDelta and remove change the drawing they
  // are called on, never its objects).
  copy() {
    const out = new CanvasDrawing(Object.assign({}, this.data));
    if (this.layer) out.layer = this.layer.copy();
    return out;
  }

  // Adds an edge object after the drawing's edges (an expansion's): to the
  // hit-testing lines and the paint, when they are made already.
  appendEdge(o) {
    this.edgeObjects.push(o);
    if (this.edgeList) this.addEdge(o);
    if (this.layer) this.layer.add(o.ops);
  }

  // The edges' paint, made when first needed.
  edgeLayer() {
    if (!this.layer) {
      this.layer = new EdgeLayer();
      for (const o of this.edgeObjects) this.layer.add(o.ops);
    }
    return this.layer;
  }

  addNode(o) {
    const m = ENTITY_ID.exec(o.id || '');
    const shape = nodeShape(o.ops);
    if (!m || !shape) return;  // the legend, a placeholder without shape
    const text = o.ops.find((op) => op[0] === 'text');
    const node = {id: Number(m[1]), shape, centre: centreOf(shape), tooltip: o.tooltip || '',
      label: text ? text[8] : ''};
    this.nodes.push(node);
    this.byId.set(node.id, node);
  }

  // The edges' lines and boxes for hit-testing, made when first needed:
  // flattening 2,000 curves is not worth doing before the drawing shows.
  get edges() {
    if (!this.edgeList) {
      this.edgeList = [];
      for (const o of this.edgeObjects) this.addEdge(o);
    }
    return this.edgeList;
  }

  addEdge(o) {
    const tail = ENTITY_ID.exec(o.tail || '');
    const head = ENTITY_ID.exec(o.head || '');
    if (!tail || !head) return;
    const lines = [];
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const op of o.ops) {
      if (op[0] === 'bezier' || op[0] === 'polyline' || op[0] === 'polygon') {
        const p = op[0] === 'bezier' ? flatten(checkPoints(op[1])) : checkPoints(op[1]);
        lines.push(p);
        boxOf(p, box);
      }
    }
    const types = (o.class || '').split(/\s+/).filter((c) => c.startsWith('type-'))
        .map((c) => c.slice(5));
    this.edgeList.push({id: o.id || '', tail: Number(tail[1]), head: Number(head[1]), types, lines,
      box, tooltip: o.tooltip || ''});
  }

  // The node's name: its tooltip's "Kind: Name" line, else its label.
  name(id) {
    const n = this.byId.get(id);
    if (!n) return `#${id}`;
    const line = n.tooltip.split('\n')[0];
    const colon = line.indexOf(': ');
    if (line) return colon >= 0 ? line.slice(colon + 2) : line;
    return n.label || `#${id}`;
  }

  // Entity id -> centre in Graphviz points (y up), as nodeCentre (graph.js)
  // reads it from an SVG.
  centres() {
    const out = new Map();
    for (const n of this.nodes) out.set(n.id, {x: n.centre.x, y: -n.centre.y});
    return out;
  }

  // Sizes the backing store to the canvas's width on the page (times the
  // device's pixel ratio, at most MAX_PIXELS) and paints every operation.
  paint() {
    const canvas = this.element;
    const cssWidth = canvas.getBoundingClientRect().width || this.box.w;
    const ratio = window.devicePixelRatio || 1;
    let w = Math.max(1, Math.round(cssWidth * ratio));
    if (w * w * this.box.h / this.box.w > MAX_PIXELS) {
      w = Math.floor(Math.sqrt(MAX_PIXELS * this.box.w / this.box.h));
    }
    const h = Math.max(1, Math.round(w * this.box.h / this.box.w));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    const k = w / this.box.w;
    const [s, tx, ty] = this.data.transform;
    ctx.setTransform(k * s, 0, 0, k * s, k * (s * tx - this.box.x), k * (s * ty - this.box.y));
    ctx.clearRect(-tx - 1e4, -ty - 1e4, 1e6, 1e6);
    // The edges are one run of objects (Graphviz's outputorder=edgesfirst:
    // after the graph's background, before the nodes), painted where the
    // first of them is from the edge layer: their lines and arrowheads in
    // one stroke or fill per pen and colour, which the browser rasterises
    // in a fraction of the time of 2,000 separate ones, and no per-edge
    // work on a repaint. Everything else is painted in order.
    const text = new TextState();
    let edges = false;
    for (const o of this.data.objects) {
      if (o.type !== 'edge') paintOps(ctx, o.ops, text);
      else if (!edges) this.edgeLayer().paint(ctx, text);
      edges = edges || o.type === 'edge';
    }
  }

  // From a point on the page (clientX/Y) to the drawing's coordinates.
  toDrawing(clientX, clientY) {
    const r = this.element.getBoundingClientRect();
    const [s, tx, ty] = this.data.transform;
    const u = this.box.x + ((clientX - r.left) / r.width) * this.box.w;
    const v = this.box.y + ((clientY - r.top) / r.height) * this.box.h;
    return {x: u / s - tx, y: v / s - ty, perPixel: this.box.w / r.width / s};
  }

  // The inverse: where the centre of node `id` is on the page (for tests).
  clientPoint(id) {
    const n = this.byId.get(id);
    if (!n) return null;
    const c = centreOf(n.shape);
    const r = this.element.getBoundingClientRect();
    const [s, tx, ty] = this.data.transform;
    return {x: r.left + ((s * (c.x + tx) - this.box.x) / this.box.w) * r.width,
      y: r.top + ((s * (c.y + ty) - this.box.y) / this.box.h) * r.height};
  }

  // Where on the page a point of edge `id`'s line is (the middle of its
  // first segment; for tests).
  edgeClientPoint(id) {
    const e = this.edges.find((x) => x.id === id);
    if (!e || !e.lines.length) return null;
    const p = e.lines[0];
    const i = 2 * Math.floor((p.length / 2 - 1) / 2);
    const r = this.element.getBoundingClientRect();
    const [s, tx, ty] = this.data.transform;
    const px = (p[i] + p[i + 2]) / 2;
    const py = (p[i + 1] + p[i + 3]) / 2;
    return {x: r.left + ((s * (px + tx) - this.box.x) / this.box.w) * r.width,
      y: r.top + ((s * (py + ty) - this.box.y) / this.box.h) * r.height};
  }

  // The node (drawn on top) or else the nearest edge under a page point:
  // {node: id}, {edge: {tail, head, ...}} or null.
  hit(clientX, clientY) {
    const {x, y, perPixel} = this.toDrawing(clientX, clientY);
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      if (insideShape(this.nodes[i].shape, x, y)) return {node: this.nodes[i].id};
    }
    const slop = EDGE_SLOP * perPixel;
    let best = null;
    let bestD = slop * slop;
    for (const e of this.edges) {
      const b = e.box;
      if (x < b[0] - slop || x > b[2] + slop || y < b[1] - slop || y > b[3] + slop) continue;
      for (const p of e.lines) {
        for (let i = 0; i + 3 < p.length; i += 2) {
          const d = segmentDistance2(x, y, p[i], p[i + 1], p[i + 2], p[i + 3]);
          if (d <= bestD) {
            bestD = d;
            best = e;
          }
        }
      }
    }
    return best ? {edge: best} : null;
  }

  // The tooltip for a page point: a node's own, an edge's own or
  // "Start —TYPE→ End" (large drawings' edges have none from the server).
  tooltip(clientX, clientY) {
    const h = this.hit(clientX, clientY);
    if (!h) return '';
    if (h.node !== undefined) return this.byId.get(h.node).tooltip || this.name(h.node);
    const e = h.edge;
    return e.tooltip || `${this.name(e.tail)} \u2014${e.types.join(', ')}\u2192 ` +
        `${this.name(e.head)}\n(click for the statements)`;
  }
}

const DASHES = {dashed: [5, 2], dotted: [1, 5]};
const NO_DASH = [];

function addPoints(path, p, close) {
  path.moveTo(p[0], p[1]);
  for (let i = 2; i < p.length; i += 2) path.lineTo(p[i], p[i + 1]);
  if (close) path.closePath();
}

function addBezier(path, p) {
  path.moveTo(p[0], p[1]);
  for (let i = 2; i + 5 < p.length; i += 6) {
    path.bezierCurveTo(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]);
  }
}

// The edges' paint, in runs: their filled shapes (arrowheads) gathered
// into one Path2D per fill colour, their thin outlines (pens of 1 point,
// about a pixel) into one per pen (colour, width, dash), and each thicker
// outline a Path2D of its own. Chromium rasterises 2,000 thin lines in one
// path and 2,000 arrowheads in one fill in a fraction of the time of
// separate ones; a thick stroke is the other way round (one path of 500
// thick lines took 2-3 times as long to rasterise as 500 separate ones, a
// probe on a kggen M canvas). An edge with anything else (a label) ends a
// run and is painted by itself, so the order of overlaps stays the
// drawing's.
class EdgeLayer {
  constructor() {
    this.steps = [];  // runs {strokes, thick, fills, keys} and {ops} of edges painted alone
    this.run = null;
  }

  // A copy to add to while this one is kept: the paths a run adds to are
  // copied (Path2D objects change in place), a thick outline's is shared.
  copy() {
    const out = new EdgeLayer();
    const paths = (map) => new Map([...map].map(([k, p]) => [k, new Path2D(p)]));
    out.steps = this.steps.map((x) => (x.ops ? x :
      {strokes: paths(x.strokes), thick: x.thick.slice(), fills: paths(x.fills), keys: new Map()}));
    out.run = out.steps.length && !out.steps[out.steps.length - 1].ops ?
        out.steps[out.steps.length - 1] : null;
    return out;
  }

  // Adds an edge's operations: to the current run when they are all lines,
  // curves or polygons, else as a step of their own. A run keeps each pen
  // operation's key (an expansion's edges of one style share their pen).
  add(ops) {
    for (const op of ops) {
      if (!BATCHED.has(op[0])) {
        this.steps.push({ops});
        this.run = null;
        return;
      }
    }
    let run = this.run;
    if (!run) {
      run = this.run = {strokes: new Map(), thick: [], fills: new Map(), keys: new Map()};
      this.steps.push(run);
    }
    let pen = null;
    let fill = null;
    for (const op of ops) {
      const kind = op[0];
      if (kind === 'pen') {
        let key = run.keys.get(op);
        if (key === undefined) run.keys.set(op, (key = op[1] ? `${op[1]}|${op[2]}|${op[3]}` : ''));
        if (!key) {
          pen = null;
        } else if (op[2] > 1) {
          pen = new Path2D();
          run.thick.push([key, pen]);
        } else {
          pen = path(run.strokes, key);
        }
      } else if (kind === 'fill') {
        fill = op[1] ? op : null;
      } else {
        const close = kind === 'polygon';
        if (pen) trace(pen, kind, op[1], close);
        if (op[2] === 1 && fill && kind !== 'polyline') {
          trace(path(run.fills, fill[1]), kind, op[1], close);
        }
      }
    }
  }

  paint(ctx, text) {
    for (const step of this.steps) {
      if (step.ops) {
        paintOps(ctx, step.ops, text);
        continue;
      }
      let pen = '';
      const stroke = (key, p) => {
        if (key !== pen) {
          const [colour, width, dash] = (pen = key).split('|');
          ctx.strokeStyle = colour;
          ctx.lineWidth = Number(width);
          ctx.setLineDash(DASHES[dash] || NO_DASH);
        }
        ctx.stroke(p);
      };
      for (const [key, p] of step.strokes) stroke(key, p);
      for (const [key, p] of step.thick) stroke(key, p);
      ctx.setLineDash(NO_DASH);
      for (const [colour, p] of step.fills) {
        ctx.fillStyle = colour;
        ctx.fill(p);
      }
    }
  }
}

function trace(target, kind, points, close) {
  if (kind === 'bezier') addBezier(target, points);
  else addPoints(target, points, close);
}

function path(map, key) {
  let p = map.get(key);
  if (!p) map.set(key, (p = new Path2D()));
  return p;
}

const BATCHED = new Set(['pen', 'fill', 'bezier', 'polygon', 'polyline']);

function tracePoints(ctx, p, close) {
  ctx.beginPath();
  ctx.moveTo(p[0], p[1]);
  for (let i = 2; i < p.length; i += 2) ctx.lineTo(p[i], p[i + 1]);
  if (close) ctx.closePath();
}

function traceBezier(ctx, p) {
  ctx.beginPath();
  ctx.moveTo(p[0], p[1]);
  for (let i = 2; i + 5 < p.length; i += 6) {
    ctx.bezierCurveTo(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]);
  }
}

// Paints one object's operations (canvas.cc writes them): ["pen", colour,
// width, dash] and ["fill", colour] set the state for the shapes after
// them; a colour "" draws nothing. `text` (TextState) keeps the font and
// alignment the context has, across objects.
function paintOps(ctx, ops, text) {
  let stroke = '';
  let fill = '';
  const finish = (filled) => {
    if (filled && fill) ctx.fill();
    if (stroke) ctx.stroke();
  };
  for (const op of ops) {
    switch (op[0]) {
      case 'pen':
        stroke = op[1];
        ctx.strokeStyle = stroke || '#000';
        ctx.lineWidth = op[2];
        ctx.setLineDash(DASHES[op[3]] || NO_DASH);
        break;
      case 'fill':
        fill = op[1];
        if (fill) ctx.fillStyle = fill;
        break;
      case 'ellipse':
        ctx.beginPath();
        ctx.ellipse(op[1], op[2], Math.abs(op[3]), Math.abs(op[4]), 0, 0, 2 * Math.PI);
        finish(op[5]);
        break;
      case 'polygon':
        tracePoints(ctx, op[1], true);
        finish(op[2]);
        break;
      case 'polyline':
        tracePoints(ctx, op[1], false);
        finish(false);
        break;
      case 'bezier':
        traceBezier(ctx, op[1]);
        finish(op[2]);
        break;
      case 'text':
        text.paint(ctx, op);
        if (fill) ctx.fillStyle = fill;
        break;
      default:
        break;
    }
  }
}

// The context's font and alignment as set for the last text, so that a
// drawing's few hundred labels set them only when they change (setting a
// font parses it, and save/restore around each label copies the state).
class TextState {
  constructor() {
    this.font = '';
    this.align = '';
  }

  // ["text", x, y, anchor, size, family, weight, style, text, colour]
  paint(ctx, op) {
    const [, x, y, anchor, size, family, weight, style, text, colour] = op;
    const font = `${style || 'normal'} ${weight || 'normal'} ${size}px ${family}`;
    const align = anchor === 'start' ? 'left' : anchor === 'end' ? 'right' : 'center';
    if (font !== this.font) ctx.font = this.font = font;
    if (align !== this.align) ctx.textAlign = this.align = align;
    ctx.fillStyle = colour || '#000';
    ctx.fillText(String(text), x, y);
  }
}
