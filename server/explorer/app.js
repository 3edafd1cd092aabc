// The explorer page's entry point: search with suggestions (GET
// /v1/suggest), the tabs, the token form and the URL hash that reproduces
// the view (tab, entity, drawn and hidden nodes, date, query; never the
// token). See docs/explorer.md.
import * as api from './api.js';
import {warmCanvasFonts} from './canvas.js';
import {Explorer} from './graph.js';
import {QueryTab} from './query.js';

const {$, el} = api;
let explorer;
let queryTab;
let restoring = false;

// --- the URL hash ---------------------------------------------------------

function viewHash() {
  const v = explorer.view;
  const p = new URLSearchParams();
  if (!$('query-pane').hidden) p.set('tab', 'query');
  if (v.focus !== null) p.set('focus', v.focus);
  if (v.nodes.length) p.set('nodes', v.nodes.join(','));
  if (v.hidden.length) p.set('hidden', v.hidden.join(','));
  if (v.asOf) p.set('as_of', v.asOf);
  if (v.layout) p.set('layout', v.layout);
  const q = $('query-text').value;
  if (q && !$('query-pane').hidden) p.set('q', q);
  return '#' + p.toString();
}

function saveHash() {
  if (restoring) return;
  const hash = viewHash();
  $('permalink').href = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function ids(text) {
  return (text || '').split(',').filter((s) => /^\d+$/.test(s)).map(Number);
}

async function loadHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  restoring = true;
  try {
    if (p.has('q')) {
      $('query-text').value = p.get('q');
      queryTab.paint(null);
    }
    showTab(p.get('tab') === 'query' ? 'query' : 'explore');
    const focus = p.has('focus') && /^\d+$/.test(p.get('focus')) ? Number(p.get('focus')) : null;
    const asOf = /^\d{4}-\d{2}-\d{2}$/.test(p.get('as_of') || '') ? p.get('as_of') : '';
    const layout = p.get('layout') || '';
    if (focus !== null || p.has('nodes')) {
      await explorer.restore({focus, nodes: ids(p.get('nodes')), hidden: ids(p.get('hidden')), asOf,
        layout});
    } else if (asOf) {
      await explorer.restore({asOf, layout});
    }
  } finally {
    restoring = false;
  }
  saveHash();
}

// --- tabs and token ---------------------------------------------------------

function showTab(name) {
  $('explore-pane').hidden = name !== 'explore';
  $('query-pane').hidden = name !== 'query';
  $('tab-explore').classList.toggle('active', name === 'explore');
  $('tab-query').classList.toggle('active', name === 'query');
  saveHash();
}

function showTokenState() {
  $('token-state').textContent = api.token() ? 'token: set for this tab' : 'token: none';
}

function bindToken() {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    api.setToken($('token').value.trim());
    $('token').value = '';
    $('token-box').open = false;
    showTokenState();
  });
  $('token-clear').addEventListener('click', () => {
    api.setToken('');
    showTokenState();
  });
  showTokenState();
}

// --- search -------------------------------------------------------------------

let suggestTimer = null;
let suggestSeq = 0;
let active = -1;

function suggestionItems() {
  return [...$('suggestions').querySelectorAll('li')];
}

function highlight(i) {
  const items = suggestionItems();
  active = Math.max(-1, Math.min(items.length - 1, i));
  items.forEach((li, j) => li.classList.toggle('active', j === active));
}

function pick(s) {
  $('suggestions').hidden = true;
  $('search').value = s.name;
  showTab('explore');
  explorer.open(s.id).catch((e) => api.status(e.message, true));
}

async function suggest() {
  const q = $('search').value.trim();
  const seq = ++suggestSeq;
  if (!q) {
    $('suggestions').hidden = true;
    return;
  }
  try {
    const response = await api.get('/v1/suggest', {q, limit: 12});
    const {suggestions} = await response.json();
    if (seq !== suggestSeq) return;  // a later keystroke already asked again
    const list = $('suggestions');
    list.replaceChildren(...suggestions.map((s) => el('li', {
      'role': 'option', 'class': 'suggestion', 'data-id': s.id,
      'onmousedown': (e) => {
        e.preventDefault();
        pick(s);
      },
    }, el('span', {class: 'name'}, s.name), s.alias ? el('span', {class: 'alias'}, s.alias) : null,
    el('span', {class: 'kind'}, (s.labels || []).join(', ')))));
    if (suggestions.length === 0) list.append(el('li', {class: 'none'}, 'no entity matches'));
    list.hidden = false;
    active = -1;
    list.suggestions = suggestions;
  } catch (e) {
    api.status(e.message, true);
  }
}

function bindSearch() {
  const input = $('search');
  input.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggest, 120);
  });
  input.addEventListener('keydown', (e) => {
    const list = $('suggestions');
    const found = list.suggestions || [];
    if (e.key === 'ArrowDown') highlight(active + 1);
    else if (e.key === 'ArrowUp') highlight(active - 1);
    else if (e.key === 'Escape') list.hidden = true;
    else if (e.key === 'Enter' && found.length) pick(found[Math.max(0, active)]);
    else return;
    e.preventDefault();
  });
  input.addEventListener('blur', () => setTimeout(() => ($('suggestions').hidden = true), 150));
}

// --- start ------------------------------------------------------------------------

async function start() {
  explorer = new Explorer(saveHash);
  queryTab = new QueryTab(explorer, () => showTab('explore'), saveHash);
  window.kgExplorer = explorer;  // timings and state, for the browser test
  bindToken();
  bindSearch();
  $('tab-explore').addEventListener('click', () => showTab('explore'));
  $('tab-query').addEventListener('click', () => showTab('query'));
  window.addEventListener('hashchange', () => {
    if (location.hash !== viewHash()) loadHash();
  });
  try {
    await explorer.initTime();
    // The server builds its index of names on the first suggestion after a
    // start or a commit (a second on a large graph): ask for one now, so
    // the first keystroke finds it built. The answer is not needed.
    api.get('/v1/suggest', {q: 'a', limit: '1'}).catch(() => {});
  } catch (e) {
    api.status(`${e.message}${e.code === 'Unauthorized' ? ' — set the token above' : ''}`, true);
  }
  await loadHash();
  document.body.dataset.ready = 'true';
  // While the page waits for the user: the canvas's fonts, so that the
  // first large drawing does not load them (docs/explorer.md, "Speed").
  setTimeout(warmCanvasFonts, 0);
}

start();
