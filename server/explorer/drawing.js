// The server's SVG drawings (GET /v1/render, Graphviz) made safe for the
// page, in one pass: a 200-node drawing of kggen M is 1 MB of SVG with
// some 13,000 elements, so every pass over it shows in the time to a drawn
// expansion (docs/explorer.md, "Speed").
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

// The elements Graphviz's SVG is made of (lower case). Any other element
// (script, style, foreignObject, animate, set, use, image, iframe, an HTML
// element...) is dropped with everything inside it.
const ALLOWED = new Set(['svg', 'g', 'title', 'desc', 'a', 'path', 'polygon', 'polyline',
  'ellipse', 'circle', 'rect', 'line', 'text', 'tspan', 'defs', 'lineargradient',
  'radialgradient', 'stop']);

// Attributes that could run script, follow a link or restyle the page.
function unsafeAttribute(localName) {
  const name = localName.toLowerCase();
  return name.startsWith('on') || name === 'href' || name === 'style';
}

// Removes, below `parent`, every element not in ALLOWED and every unsafe
// attribute (any namespace: xlink:href too). Recursive: Graphviz nests
// five deep.
function clean(parent) {
  let child = parent.firstElementChild;
  while (child) {
    const next = child.nextElementSibling;
    if (child.namespaceURI !== SVG_NS || !ALLOWED.has(child.localName.toLowerCase())) {
      child.remove();
    } else {
      const attrs = child.attributes;
      for (let i = attrs.length - 1; i >= 0; i--) {
        if (unsafeAttribute(attrs[i].localName)) child.removeAttributeNode(attrs[i]);
      }
      clean(child);
    }
    child = next;
  }
}

// Parses the server's SVG and returns its <svg> element, ready to be put in
// the page: only drawing, no script, event attribute, link or style
// (Graphviz writes none of these; this is defence). The HTML parser reads
// it into an inert <template>: nothing in it runs or is fetched (chromium
// still reports inline handlers and styles as blocked by the page's CSP
// while it parses them). Its <svg> is then moved into the page rather than
// copied. On a 200-node drawing (kggen M) this parses in half the time of
// DOMParser as HTML and in a quarter of DOMParser as XML plus importNode
// (bench/RESULTS.md). `steps` receives the parse's and
// the clean-up's milliseconds.
export function parseDrawing(text, steps) {
  let t = performance.now();
  const template = document.createElement('template');
  template.innerHTML = text;
  const svg = [...template.content.children].find((e) => e.localName === 'svg');
  steps.parse = performance.now() - t;
  t = performance.now();
  if (!svg || svg.namespaceURI !== SVG_NS) throw new Error('the server sent no SVG');
  for (const attr of [...svg.attributes]) {
    if (unsafeAttribute(attr.localName)) svg.removeAttributeNode(attr);
  }
  clean(svg);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  steps.clean = performance.now() - t;
  return svg;
}

// The name of drawn node n<id>: its tooltip's "Kind: Name" line (a large
// drawing labels only its hubs), else its label.
function nodeName(svg, id) {
  const g = svg.querySelector(`#n${id}`);
  const a = g && g.querySelector('a');
  const tip = a && a.getAttributeNS(XLINK_NS, 'title');
  if (tip) {
    const line = tip.split('\n')[0];
    const colon = line.indexOf(': ');
    return colon >= 0 ? line.slice(colon + 2) : line;
  }
  const label = g && g.querySelector('text');
  return label ? label.textContent : `#${id}`;
}

function prependTitle(element, text) {
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = text;
  element.prepend(title);
}

// Graphviz puts tooltips in xlink:title on an <a> around the shape, which
// inline SVG does not show; a <title> inside it does. Made when the pointer
// first reaches the shape (`target` is the element under it), not for all
// 2,000 edges of a large drawing at once. A large drawing's edges have no
// tooltip from kg (docs/explorer.md, "Speed"): the shape then gets
// "Start —TYPE→ End" from the edge's ends and class, and the click the
// evidence panel.
export function showTooltip(target) {
  if (!target.closest) return;
  const a = target.closest('svg a');
  if (a) {
    const tip = a.getAttributeNS(XLINK_NS, 'title');
    const first = a.firstElementChild;
    if (tip && !(first && first.localName === 'title')) prependTitle(a, tip);
    return;
  }
  const edge = target.closest('svg g.edge');
  if (!edge || target === edge || target.querySelector(':scope > title')) return;
  const title = edge.querySelector(':scope > title');
  const ends = title && /^n(\d+)->n(\d+)$/.exec(title.textContent);
  if (!ends) return;
  const svg = edge.closest('svg');
  const types = [...edge.classList].filter((c) => c.startsWith('type-')).map((c) => c.slice(5));
  prependTitle(target, `${nodeName(svg, ends[1])} \u2014${types.join(', ')}\u2192 ` +
      `${nodeName(svg, ends[2])}\n(click for the statements)`);
}
