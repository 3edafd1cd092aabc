// Bolt against HTTP from the same language (Node.js): the W2 1-hop batch
// (bench/kit/README.md: every name of queries.json "w2_one_hop", one
// parameterised query each, sequentially on one connection, every row
// consumed) through the official neo4j-driver and through POST /v1/query
// with fetch (keep-alive), and the round trip of a trivial `RETURN 1`.
//   node bench/bolt_bench.js --bolt PORT --http PORT --queries queries.json
//        [--reps 5] [--trivial 5000]
// Prints one JSON object. bench/bolt_run starts the server and calls this.
'use strict';
const fs = require('fs');
const path = require('path');
const neo4j = require(path.join(__dirname, '..', 'tests', 'server', 'node', 'node_modules',
                                'neo4j-driver'));

const args = { reps: 5, trivial: 5000 };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const W2 = 'MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name';
const names = JSON.parse(fs.readFileSync(args.queries, 'utf8')).w2_one_hop;
const httpUrl = `http://127.0.0.1:${args.http}/v1/query`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const now = () => Number(process.hrtime.bigint()) / 1e6;  // ms

async function httpRun(query, params) {
  const res = await fetch(httpUrl, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, params }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(JSON.stringify(body));
  return body.rows.length;
}

async function boltBatch(session) {
  let rows = 0;
  const t = now();
  for (const name of names) rows += (await session.run(W2, { name })).records.length;
  return [now() - t, rows];
}

async function httpBatch() {
  let rows = 0;
  const t = now();
  for (const name of names) rows += await httpRun(W2, { name });
  return [now() - t, rows];
}

async function trivial(run) {
  for (let i = 0; i < 200; i++) await run();  // warm up
  const t = now();
  for (let i = 0; i < Number(args.trivial); i++) await run();
  return ((now() - t) * 1000) / Number(args.trivial);  // µs per query
}

async function main() {
  const driver = neo4j.driver(`bolt://127.0.0.1:${args.bolt}`, neo4j.auth.none());
  const session = driver.session();
  const bolt = [];
  const http = [];
  let boltRows = 0;
  let httpRows = 0;
  for (let r = 0; r < Number(args.reps); r++) {
    const [bt, br] = await boltBatch(session);
    const [ht, hr] = await httpBatch();
    bolt.push(bt);
    http.push(ht);
    boltRows = br;
    httpRows = hr;
  }
  const boltTrivial = await trivial(() => session.run('RETURN 1'));
  const httpTrivial = await trivial(() => httpRun('RETURN 1', {}));
  await session.close();
  await driver.close();
  const out = {
    node: process.version,
    driver: require(path.join(__dirname, '..', 'tests', 'server', 'node', 'node_modules',
                              'neo4j-driver', 'package.json')).version,
    w2_names: names.length,
    w2_bolt_ms: { median: +median(bolt).toFixed(1), runs: bolt.map((x) => +x.toFixed(1)) },
    w2_http_ms: { median: +median(http).toFixed(1), runs: http.map((x) => +x.toFixed(1)) },
    w2_ratio_bolt_over_http: +(median(bolt) / median(http)).toFixed(2),
    w2_rows: { bolt: boltRows, http: httpRows },
    return1_round_trip_us: { bolt: +boltTrivial.toFixed(1), http: +httpTrivial.toFixed(1) },
  };
  console.log(JSON.stringify(out));
  if (boltRows !== httpRows) process.exit(1);
}

main().catch((e) => { console.error(e); process.exit(1); });
