// Cypher syntax highlighting for the query editor: a <pre> drawn under the
// textarea (whose own text is transparent) holding the same text in spans
// with token classes. Built from text nodes, never markup, and styled only
// by app.css, as the page's Content-Security-Policy requires.
const KEYWORDS = new Set(('match optional where return with unwind create merge set delete ' +
  'detach remove order by limit skip as and or not xor in is null true false distinct call ' +
  'yield case when then else end explain profile union all starts ends contains asc desc ' +
  'ascending descending on exists any none single reduce shortestpath allshortestpaths')
    .split(' '));

const TOKEN = new RegExp([
  '(//[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$))',           // 1 comment
  '(\'(?:[^\'\\\\]|\\\\.)*\'?|"(?:[^"\\\\]|\\\\.)*"?)',  // 2 string
  '(`[^`]*`?)',                                      // 3 quoted name
  '(\\$[A-Za-z_][A-Za-z0-9_]*)',                     // 4 parameter
  '(:\\s*[A-Za-z_][A-Za-z0-9_]*)',                   // 5 label or type
  '(\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)',      // 6 number
  '([A-Za-z_][A-Za-z0-9_]*)',                        // 7 word
].join('|'), 'g');

const CLASSES = [null, 'tok-comment', 'tok-string', 'tok-name', 'tok-param', 'tok-label',
  'tok-number'];

// Appends `text` to `out`, split into spans by token class.
function appendTokens(out, text) {
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.append(text.slice(last, m.index));
    let cls = CLASSES.findIndex((c, i) => i > 0 && m[i] !== undefined);
    cls = cls > 0 ? CLASSES[cls] : KEYWORDS.has(m[0].toLowerCase()) ? 'tok-keyword' : null;
    if (cls) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = m[0];
      out.append(span);
    } else {
      out.append(m[0]);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.append(text.slice(last));
}

// Redraws `pre` for `text`; `error` {line, column} (1-based) underlines
// the rest of that line from the column.
export function highlight(pre, text, error) {
  pre.replaceChildren();
  let at = -1;
  if (error) {
    const lines = text.split('\n');
    at = 0;
    for (let i = 0; i < error.line - 1 && i < lines.length; ++i) at += lines[i].length + 1;
    at += Math.max(0, error.column - 1);
  }
  if (at < 0 || at > text.length) {
    appendTokens(pre, text);
  } else {
    appendTokens(pre, text.slice(0, at));
    const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const mark = document.createElement('span');
    mark.className = 'tok-error';
    mark.textContent = text.slice(at, end) || ' ';
    pre.append(mark);
    appendTokens(pre, text.slice(end));
  }
  // A final newline needs a character after it to take up its line.
  pre.append('\n ');
}
