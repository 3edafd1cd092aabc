// The Query tab: a Cypher editor (Ctrl+Enter runs, history, parameters as
// JSON, a client-side timeout), results as a table, or as a graph in the
// Explore tab when they hold nodes or relationships, errors at their line
// and column.
import * as api from './api.js';
import {highlight} from './highlight.js';

const {$, el} = api;
const HISTORY_KEY = 'kg-query-history';
const HISTORY_MAX = 30;

function isNode(v) {
  return v && typeof v === 'object' && '_id' in v && '_labels' in v;
}
function isRel(v) {
  return v && typeof v === 'object' && '_id' in v && '_type' in v;
}

// Entity ids in a cell: nodes, relationship endpoints, inside lists, maps and paths.
function collectIds(v, out) {
  if (Array.isArray(v)) return v.forEach((x) => collectIds(x, out));
  if (!v || typeof v !== 'object') return;
  if (isNode(v)) return out.add(v._id);
  if (isRel(v)) {
    out.add(v._start);
    out.add(v._end);
    return;
  }
  Object.values(v).forEach((x) => collectIds(x, out));
}

function cellText(v) {
  if (v === null || v === undefined) return 'null';
  if (isNode(v)) return `(:${v._labels.join(':')} ${v.name !== undefined ? v.name : '#' + v._id})`;
  if (isRel(v)) return `[:${v._type} #${v._id}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export class QueryTab {
  constructor(explorer, showExplore, onChange) {
    this.explorer = explorer;
    this.showExplore = showExplore;
    this.onChange = onChange;
    this.ids = [];
    this.controller = null;
    $('query-run').addEventListener('click', () => this.run());
    const editor = $('query-text');
    editor.addEventListener('input', () => this.paint(null));
    editor.addEventListener('scroll', () => ($('query-highlight').scrollTop = editor.scrollTop));
    this.paint(null);
    $('query-text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.run();
      }
    });
    $('query-graph').addEventListener('click', () => {
      this.showExplore();
      this.explorer.showIds(this.ids);
    });
    $('query-history').addEventListener('change', () => {
      const i = $('query-history').value;
      if (i !== '') $('query-text').value = this.history()[Number(i)];
      this.paint(null);
      $('query-history').value = '';
    });
    this.fillHistory();
  }

  // Redraws the highlighted copy of the editor's text (with an error's position).
  paint(position) {
    highlight($('query-highlight'), $('query-text').value, position);
    $('query-highlight').scrollTop = $('query-text').scrollTop;
  }

  history() {
    try {
      return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
    } catch (e) {
      return [];
    }
  }

  remember(text) {
    const list = [text].concat(this.history().filter((q) => q !== text)).slice(0, HISTORY_MAX);
    localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
    this.fillHistory();
  }

  fillHistory() {
    const select = $('query-history');
    select.replaceChildren(el('option', {value: ''}, 'history…'),
        ...this.history().map((q, i) => el('option', {value: i}, q.replace(/\s+/g, ' ').slice(0, 80))));
  }

  async run() {
    const text = $('query-text').value;
    if (!text.trim()) return;
    let params;
    try {
      params = JSON.parse($('query-params').value || '{}');
      if (!params || typeof params !== 'object' || Array.isArray(params)) {
        throw new Error('parameters must be a JSON object');
      }
    } catch (e) {
      return this.showError({code: 'BadParameters', message: e.message, position: null});
    }
    if (this.controller) this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    const seconds = Math.max(1, Number($('query-timeout').value) || 30);
    const timer = setTimeout(() => controller.abort(), seconds * 1000);
    this.remember(text);
    this.onChange();
    $('query-error').hidden = true;
    this.paint(null);
    $('query-result').replaceChildren(el('p', {class: 'hint'}, 'running…'));
    const started = performance.now();
    try {
      const result = await api.query(text, params, this.explorer.view.asOf, controller.signal);
      this.showResult(result, performance.now() - started);
    } catch (e) {
      $('query-result').replaceChildren();
      if (e.name === 'AbortError') {
        this.showError({code: 'Timeout', message: `no answer within ${seconds} s (the page's timeout)`});
      } else {
        this.showError(e);
      }
    } finally {
      clearTimeout(timer);
      if (this.controller === controller) this.controller = null;
    }
  }

  showError(e) {
    const box = $('query-error');
    const pos = e.position;
    const where = pos ? ` at line ${pos.line}, column ${pos.column}` : '';
    box.replaceChildren(el('strong', {}, `${e.code || 'Error'}${where}`), el('pre', {}, e.message));
    box.hidden = false;
    if (pos) this.select(pos.line, pos.column);
    this.paint(pos);
    if (e.code === 'Unauthorized') {
      $('token-box').open = true;
      $('token').focus();
    }
  }

  // Puts the cursor at line:column (1-based) of the editor.
  select(line, column) {
    const lines = $('query-text').value.split('\n');
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; ++i) at += lines[i].length + 1;
    at += Math.max(0, column - 1);
    $('query-text').focus();
    $('query-text').setSelectionRange(at, at + 1);
  }

  showResult(result, ms) {
    const ids = new Set();
    result.rows.forEach((row) => collectIds(row, ids));
    this.ids = [...ids];
    $('query-graph').disabled = this.ids.length === 0;
    const notes = result.notifications || [];
    $('query-notes').replaceChildren(...notes.map((n) =>
        el('p', {class: 'note'}, `${n.code || n.title || 'note'}: ${n.description || n.message || ''}`)));
    const table = el('table', {class: 'result'},
        el('thead', {}, el('tr', {}, result.columns.map((c) => el('th', {}, c)))),
        el('tbody', {}, result.rows.map((row) => el('tr', {}, row.map((v) => this.cell(v))))));
    $('query-result').replaceChildren(
        el('p', {class: 'hint'}, `${result.rows.length} rows in ${Math.round(ms)} ms`), table);
  }

  cell(v) {
    if (!isNode(v)) return el('td', {}, cellText(v));
    return el('td', {}, el('a', {href: '#', class: 'entity-link', onclick: (e) => {
      e.preventDefault();
      this.showExplore();
      this.explorer.open(v._id);
    }}, cellText(v)));
  }
}
