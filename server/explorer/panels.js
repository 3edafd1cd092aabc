// The explorer's side panels: the entity panel (properties, aliases, its
// relations grouped by type, each with its quote) and the evidence panel
// (every statement behind a drawn edge, with speaker, date and source).
import * as api from './api.js';

const {$, el} = api;

const ENTITY_QUERY =
  'MATCH (n) WHERE id(n) = $id OPTIONAL MATCH (n)-[r]-(m) ' +
  'RETURN n, r, m, kg.source(r) AS source ORDER BY type(r), m.name, r.date';
// Every relation between the two ends of a drawn edge (its SVG title is
// "n<tail>->n<head>"), whatever its type or direction.
const EVIDENCE_QUERY =
  'MATCH (a)-[r]-(b) WHERE id(a) = $a AND id(b) = $b ' +
  'RETURN a.name AS a, b.name AS b, startNode(r).name AS from, type(r) AS type, ' +
  'endNode(r).name AS to, r, kg.source(r) AS source ORDER BY type, r.date';

// The entity panel: properties, aliases, relations grouped by type; its
// links open entities in `explorer`.
export async function showEntity(explorer, id) {
  const result = await api.query(ENTITY_QUERY, {id}, explorer.view.asOf);
  const rows = api.records(result);
  const panel = $('entity');
  if (rows.length === 0) {
    panel.replaceChildren(el('p', {class: 'error'}, `No entity #${id}.`));
    return;
  }
  const node = rows[0].n;
  explorer.names.set(id, node.name);
  const props = Object.entries(node).filter(([k]) => !k.startsWith('_') && k !== 'aliases');
  const groups = new Map();
  for (const row of rows) {
    if (!row.r) continue;
    const out = row.r._start === id;
    const key = `${row.r._type} ${out ? '→' : '←'}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  panel.replaceChildren(
      el('h2', {id: 'entity-name'}, node.name || `#${id}`),
      el('p', {class: 'labels'}, (node._labels || []).join(', ')),
      node.aliases && node.aliases.length ?
          el('p', {class: 'aliases'}, 'also: ', node.aliases.join(' · ')) : null,
      el('table', {class: 'props'},
          props.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, fmt(v))))),
      el('button', {type: 'button', onclick: () => explorer.open(id)}, 'draw its neighbourhood'),
      el('h3', {}, `Relations (${rows.filter((r) => r.r).length})`
          + (explorer.view.asOf ? ` valid on ${explorer.view.asOf}` : '')),
      ...[...groups].map(([key, list]) => el('details', {class: 'rel-group', open: groups.size < 6},
          el('summary', {}, `${key} (${list.length})`),
          list.map((row) => relationItem(explorer, row)))));
}

function relationItem(explorer, row) {
  return el('div', {class: 'rel'},
      el('a', {href: '#', class: 'entity-link', onclick: (e) => {
        e.preventDefault();
        explorer.open(row.m._id);
      }}, row.m.name || `#${row.m._id}`),
      quoteBlock(row.r, row.source));
}

// The evidence panel: every relation between the two ends of the edge.
export async function showEvidence(explorer, a, b) {
  const result = await api.query(EVIDENCE_QUERY, {a, b}, explorer.view.asOf);
  const rows = api.records(result);
  const panel = $('evidence');
  panel.hidden = false;
  if (rows.length === 0) {
    panel.replaceChildren(el('p', {}, 'No relations here on this date.'));
    return;
  }
  panel.replaceChildren(
      el('button', {type: 'button', class: 'close', onclick: () => (panel.hidden = true)}, '×'),
      el('h2', {}, `${rows[0].a} — ${rows[0].b}`),
      el('p', {}, `${rows.length} statements`),
      ...rows.map((row) => el('div', {class: 'evidence-item'},
          el('p', {class: 'rel-head'}, `${row.from} —${row.type}→ ${row.to}`),
          quoteBlock(row.r, row.source))));
}

function fmt(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(fmt).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// A relation's quote with speaker, date, validity and source.
export function quoteBlock(r, source) {
  const src = source || {};
  const title = src.title ? src.title + (src.publisher ? ' — ' + src.publisher : '') :
                            src.id || fmt(r.source);
  const link = src.url && /^https?:\/\//.test(src.url) ?
      el('a', {href: src.url, target: '_blank', rel: 'noopener noreferrer'}, title) : title;
  const valid = r.valid_from || r.valid_to ?
      ` · valid ${r.valid_from || '…'} to ${r.valid_to || '…'}` : '';
  return el('div', {class: 'evidence'},
      r.quote ? el('blockquote', {class: 'quote'}, r.quote) : el('p', {class: 'hint'}, 'no quote'),
      el('p', {class: 'cite'}, '— ', r.speaker || 'unknown speaker', ' · ', r.date || 'undated',
          valid, ' · ', link || 'no source'));
}
