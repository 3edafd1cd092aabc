// The page's only way to the server: the documented HTTP API
// (docs/server.md). The token lives in sessionStorage (this tab only) and
// goes out as an Authorization header, never in a URL.
const TOKEN_KEY = 'kg-token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// An API error: the server's {"error": {code, message, position}} plus the
// HTTP status.
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || 'HttpError';
    this.position = error.position || null;
  }
}

function headers(extra) {
  const h = Object.assign({}, extra);
  const t = token();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

async function fail(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  throw new ApiError(response.status, body);
}

// GET path?params; resolves to the Response (ok) or throws ApiError.
export async function get(path, params, signal) {
  const url = path + (params ? '?' + new URLSearchParams(params).toString() : '');
  const response = await fetch(url, {headers: headers(), signal, cache: 'no-store'});
  if (!response.ok) await fail(response);
  return response;
}

// POST path with params as a form body (parameters too long for a URL);
// resolves to the Response (ok) or throws ApiError.
export async function postForm(path, params, signal) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({'Content-Type': 'application/x-www-form-urlencoded'}),
    body: new URLSearchParams(params).toString(),
    signal,
  });
  if (!response.ok) await fail(response);
  return response;
}

// POST /v1/query; resolves to {columns, rows}.
export async function query(text, params, asOf, signal) {
  const body = {query: text, params: params || {}};
  if (asOf) body.valid_at = asOf;  // the slider's day is valid time
  const response = await fetch('/v1/query', {
    method: 'POST',
    headers: headers({'Content-Type': 'application/json'}),
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) await fail(response);
  return response.json();
}

// Rows of a result as objects keyed by column.
export function records(result) {
  return result.rows.map((row) => {
    const o = {};
    result.columns.forEach((c, i) => (o[c] = row[i]));
    return o;
  });
}

// document.getElementById.
export const $ = (id) => document.getElementById(id);

// A new element: el('a', {href: '#', class: 'x'}, 'text', child, ...).
// Attributes are set one by one and text goes in as text nodes, so data
// from the graph is never parsed as markup.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// Shows a line in the status bar; errors stay until the next message.
export function status(text, isError) {
  const s = $('status');
  s.textContent = text || '';
  s.classList.toggle('error', !!isError);
}

// Saves `blob` as a download named `name`.
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Times the steps of a drawing for the bench (bench/explorer_browser_bench.js):
// step(name, t0) records the ms since t0 under `name` and returns the time now.
export function stopwatch() {
  const steps = {};
  const step = (name, t0) => {
    const now = performance.now();
    steps[name] = now - t0;
    return now;
  };
  return {steps, step};
}
