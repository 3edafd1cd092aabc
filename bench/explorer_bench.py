#!/usr/bin/env python3
"""The explorer's requests timed against `kg serve` (docs/explorer.md, "Speed").

    bench/explorer_bench.py KG DB [REPS]

Starts `KG --db DB serve` on 127.0.0.1, then times, as the page sends them:
GET /v1/suggest for a few prefixes (the first request, which builds the
index of names after a start or a commit, and the median of REPS more), and
the expansion of a node with about 200 neighbours: the neighbour query
(POST /v1/query) and the drawing of the 200-node view (GET /v1/render),
unpinned and pinned (the 26 nodes of the view before the expansion pinned).
Prints one JSON object; asserts nothing.
"""
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

# The page's queries (server/explorer/graph.js); GRAPH_QUERY_UNDIRECTED is
# the view's query before it followed each relation from its start only.
GRAPH_QUERY_UNDIRECTED = ('MATCH (a) WHERE id(a) IN $ids OPTIONAL MATCH (a)-[r]-(b) '
                          'WHERE id(b) IN $ids AND ($as_of IS NULL OR kg.validAt(r, $as_of)) '
                          'RETURN a, r, b')
GRAPH_QUERY = ('MATCH (a) WHERE id(a) IN $ids OPTIONAL MATCH (a)-[r]->(b) WHERE id(b) IN $ids '
               'AND ($as_of IS NULL OR kg.validAt(r, $as_of)) RETURN a, r, b')
NEIGHBOURS_QUERY = ('MATCH (a)-[r]-(b) WHERE id(a) = $id AND id(b) <> $id '
                    'RETURN id(b) AS id, b.name AS name, count(r) AS quotes '
                    'ORDER BY quotes DESC, name, id')
HUB_QUERY = ('MATCH (n)-[r]-() WITH n, count(r) AS d WHERE d >= 195 AND d <= 215 '
             'RETURN id(n) AS id, d ORDER BY d DESC LIMIT 1')


def start(kg, db):
    proc = subprocess.Popen([kg, '--db', db, 'serve', '--http', '127.0.0.1:0', '--rpc', ''],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(600):
        line = proc.stdout.readline()
        m = re.search(r'http=(\d+)', line)
        if m:
            return proc, 'http://127.0.0.1:' + m.group(1)
    proc.kill()
    sys.exit('kg serve did not start')


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def get(base, path, params):
    url = base + path + '?' + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=600) as r:
        return r.read()


def query(base, text, params):
    body = json.dumps({'query': text, 'params': params}).encode()
    req = urllib.request.Request(base + '/v1/query', data=body,
                                 headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def median_of(reps, fn):
    return round(statistics.median(timed(fn)[0] for _ in range(reps)), 1)


def centres(svg):
    """Entity node centres (points, y up) from the SVG, as the page reads them."""
    out = {}
    for m in re.finditer(r'<g id="n(\d+)" class="node[^"]*">(.*?)</g>', svg, re.S):
        body = m.group(2)
        e = re.search(r'<ellipse[^>]*cx="([-0-9.]+)" cy="([-0-9.]+)"', body)
        if e:
            out[int(m.group(1))] = (float(e.group(1)), -float(e.group(2)))
            continue
        s = re.search(r'<(?:polygon|path)[^>]*(?:points|d)="([^"]+)"', body)
        if s:
            n = [float(v) for v in re.findall(r'-?[\d.]+', s.group(1))]
            xs, ys = n[0::2], n[1::2]
            out[int(m.group(1))] = ((min(xs) + max(xs)) / 2, -(min(ys) + max(ys)) / 2)
    return out


def main():
    kg, db = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    proc, base = start(kg, db)
    try:
        result = {'kg': kg}
        for q in ['comp', 'Person_00012', 'x']:
            first, _ = timed(lambda: get(base, '/v1/suggest', {'q': q}))
            result[f'suggest {q!r} first ms'] = round(first, 1)
            result[f'suggest {q!r} median ms'] = median_of(
                reps, lambda: get(base, '/v1/suggest', {'q': q}))
        hub = query(base, HUB_QUERY, {})['rows'][0]
        result['hub'] = {'id': hub[0], 'degree': hub[1]}
        rows = query(base, NEIGHBOURS_QUERY, {'id': hub[0]})['rows']
        result['neighbours query median ms'] = median_of(
            reps, lambda: query(base, NEIGHBOURS_QUERY, {'id': hub[0]}))
        ids = [hub[0]] + [r[0] for r in rows[:199]]
        result['view nodes'] = len(ids)
        graph = {'query': GRAPH_QUERY, 'format': 'svg',
                 'params': json.dumps({'ids': ids, 'as_of': None})}
        result['graph query median ms'] = median_of(
            reps, lambda: query(base, GRAPH_QUERY, {'ids': ids, 'as_of': None}))
        result['render 200 median ms'] = median_of(reps, lambda: get(base, '/v1/render', graph))
        undirected = dict(graph, query=GRAPH_QUERY_UNDIRECTED)
        result['render 200 undirected query median ms'] = median_of(
            reps, lambda: get(base, '/v1/render', undirected))
        result['expand (neighbours + render 200) median ms'] = round(
            result['neighbours query median ms'] + result['render 200 median ms'], 1)
        small = dict(graph, params=json.dumps({'ids': ids[:26], 'as_of': None}), layout='neato')
        pins = centres(get(base, '/v1/render', small).decode())
        pinned = dict(graph, pins=','.join(f'{i}:{x:.2f}:{y:.2f}' for i, (x, y) in pins.items()))
        try:
            result['render 200 pinned median ms'] = median_of(
                reps, lambda: get(base, '/v1/render', pinned))
        except urllib.error.HTTPError as e:
            result['render 200 pinned'] = f'HTTP {e.code}'
        print(json.dumps(result, indent=1))
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == '__main__':
    main()
