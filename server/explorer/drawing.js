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

// Graphviz puts tooltips in xlink:title on an <a> around the shape, which
// inline SVG does not show; a <title> inside it does. Made when the pointer
// first reaches the <a> (`target` is the element under it), not for all
// 2,000 edges of a large drawing at once.
export function showTooltip(target) {
  const a = target.closest && target.closest('svg a');
  if (!a || (a.firstElementChild && a.firstElementChild.localName === 'title')) return;
  const tip = a.getAttributeNS(XLINK_NS, 'title');
  if (!tip) return;
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = tip;
  a.prepend(title);
}
