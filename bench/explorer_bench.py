#!/usr/bin/env python3
"""The explorer's requests timed against `kg serve` (docs/explorer.md, "Speed").

    bench/explorer_bench.py KG DB [REPS [KG2 ...]]

Starts `KG --db DB serve` on 127.0.0.1, then times, as the page sends them:
GET /v1/suggest for a few prefixes (the first request, 1 s after the
start, which builds the index of names unless the server warms it, and
the median of REPS more), and the expansion of a node with about 200
neighbours: the neighbour query (POST /v1/query) and the drawing of the
200-node view (GET /v1/render), unpinned and pinned (the 26 nodes of the
view before the expansion pinned). A server that reports its suggestion
index in GET /v1/stats (kg serve's background warm-up) is also timed until
the index is ready, and waited for before the rest, so the timings are of
a warmed server. Each request is sent once untimed, then REPS times. With
more KGs (before/after in the same run), each gets a copy of DB and is
started and warmed alone; then every timed request alternates between the
servers, and the ratios of their medians to the first one's are printed.
Prints JSON; asserts nothing.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def stats_index(base):
    with urllib.request.urlopen(base + '/v1/stats', timeout=600) as r:
        return json.loads(r.read()).get('suggest_index')


def wait_warm(base, result, t0):
    """Times the background warm-up (from the serving line at t0), when there is one."""
    if stats_index(base) is None:
        result['warm-up'] = 'none (no suggest_index in /v1/stats)'
        return
    for _ in range(6000):
        state = stats_index(base)
        if state['ready'] or state['unsupported']:
            break
        time.sleep(0.01)
    # The topology copy is warmed after the index: let it finish too.
    result['suggest index ready after start ms'] = round((time.perf_counter() - t0) * 1000, 1)


def steps(base):
    """The page's requests to time, by name: {name: fn}, for the server at base."""
    hub = query(base, HUB_QUERY, {})['rows'][0]
    rows = query(base, NEIGHBOURS_QUERY, {'id': hub[0]})['rows']
    ids = [hub[0]] + [r[0] for r in rows[:199]]
    graph = {'query': GRAPH_QUERY, 'format': 'svg',
             'params': json.dumps({'ids': ids, 'as_of': None})}
    undirected = dict(graph, query=GRAPH_QUERY_UNDIRECTED)
    small = dict(graph, params=json.dumps({'ids': ids[:26], 'as_of': None}), layout='neato')
    pins = centres(get(base, '/v1/render', small).decode())
    pinned = dict(graph, pins=','.join(f'{i}:{x:.2f}:{y:.2f}' for i, (x, y) in pins.items()))
    out = {f'suggest {q!r} median ms': (lambda q=q: get(base, '/v1/suggest', {'q': q}))
           for q in ['comp', 'Person_00012', 'x']}
    out['neighbours query median ms'] = lambda: query(base, NEIGHBOURS_QUERY, {'id': hub[0]})
    out['graph query median ms'] = lambda: query(base, GRAPH_QUERY, {'ids': ids, 'as_of': None})
    out['render 200 median ms'] = lambda: get(base, '/v1/render', graph)
    out['render 200 undirected query median ms'] = lambda: get(base, '/v1/render', undirected)
    out['render 200 pinned median ms'] = lambda: get(base, '/v1/render', pinned)
    return {'hub': {'id': hub[0], 'degree': hub[1]}, 'view nodes': len(ids)}, out


def main():
    kg, db = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    kgs = [kg] + sys.argv[4:]
    scratch = tempfile.mkdtemp(prefix='explorer_bench_')
    servers, results, timers = [], [], []
    try:
        # Each server gets its own copy of the database (RocksDB allows one
        # writer), and is started and warmed alone, one after the other.
        for i, k in enumerate(kgs):
            path = db if i == 0 else shutil.copytree(db, os.path.join(scratch, f'db{i}'))
            proc, base = start(k, path)
            started = time.perf_counter()
            servers.append(proc)
            result = {'kg': k}
            # As a user would: the page loads (~0.5-0.8 s), then a keystroke.
            time.sleep(1)
            first, _ = timed(lambda: get(base, '/v1/suggest', {'q': 'comp'}))
            result['first suggest 1 s after the start ms'] = round(first, 1)
            wait_warm(base, result, started)
            # The warm-up builds the topology copy after the index (~1 s on
            # M): let it end (a crude wait; /v1/stats shows only the index).
            time.sleep(3)
            info, fns = steps(base)
            result.update(info)
            for fn in fns.values():
                fn()  # once untimed: the blocks it reads into RocksDB's cache
            results.append(result)
            timers.append(fns)
        # The timed requests alternate between the servers, so a machine
        # whose load changes (other builds) weighs on all of them alike.
        times = [{name: [] for name in t} for t in timers]
        for _ in range(reps):
            for name in timers[0]:
                for t, out in zip(timers, times):
                    out[name].append(timed(t[name])[0])
        for result, out in zip(results, times):
            for name, values in out.items():
                result[name] = round(statistics.median(values), 1)
            result['expand (neighbours + render 200) median ms'] = round(
                result['neighbours query median ms'] + result['render 200 median ms'], 1)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=60)
        shutil.rmtree(scratch, ignore_errors=True)
    if len(results) == 1:
        print(json.dumps(results[0], indent=1))
        return
    base = results[0]
    for r in results[1:]:
        r['ratio to ' + base['kg']] = {
            k: round(v / base[k], 2) for k, v in r.items()
            if isinstance(v, float) and isinstance(base.get(k), float) and base[k] > 0}
    print(json.dumps(results, indent=1))


if __name__ == '__main__':
    main()
