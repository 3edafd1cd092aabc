// The official Neo4j JavaScript driver (npm neo4j-driver, pinned in
// tests/server/node) against a live `kg serve --bolt` on the bundled dataset
// (data/seed). Run by bolt_driver_test.sh:
//   node bolt_driver_test.js BOLT_PORT HTTP_PORT TOKEN
// Exits 0 when every check passes; prints each check and every failure.
'use strict';
const path = require('path');
const assert = require('assert/strict');
const neo4j = require(path.join(__dirname, 'node', 'node_modules', 'neo4j-driver'));

const [boltPort, httpPort, token] = process.argv.slice(2);
const boltUrl = `bolt://127.0.0.1:${boltPort}`;
const routingUrl = `neo4j://127.0.0.1:${boltPort}`;
const auth = neo4j.auth.basic('neo4j', token);
const config = { maxTransactionRetryTime: 5000, connectionAcquisitionTimeout: 20000 };

let failures = 0;
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${e && e.stack ? e.stack : e}`);
  }
}

// The same statement over kg's HTTP API: the reference for values.
async function httpQuery(query, params = {}) {
  const res = await fetch(`http://127.0.0.1:${httpPort}/v1/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, params }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

async function expectError(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`expected an error ${code}, got success`);
}

// A property as the HTTP JSON contract shows it.
function plain(v) {
  if (neo4j.isInt(v)) return v.toNumber();
  if (neo4j.isDate(v)) return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  return v;
}
function plainProps(props) {
  const out = {};
  for (const [k, v] of Object.entries(props)) out[k] = plain(v);
  return out;
}
// Bolt has no dates of week, month or year precision: kg sends a period's
// first day (docs/bolt.md), where HTTP writes '2025-W28', '2025-04', '1999'.
function firstDay(text) {
  if (/^\d{4}$/.test(text)) return `${text}-01-01`;
  if (/^\d{4}-\d{2}$/.test(text)) return `${text}-01`;
  const week = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!week) return text;
  const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
  return new Date(monday.getTime() + (Number(week[2]) - 1) * 7 * 86400000).toISOString().slice(0, 10);
}

const DATE_KEYS = new Set(['date', 'valid_from', 'valid_to', 'start', 'end']);

// HTTP's properties as Bolt carries them: without kg's _id/_labels, dates of
// a coarser precision as their first day.
function withoutMeta(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('_')) continue;
    out[k] = DATE_KEYS.has(k) && typeof v === 'string' ? firstDay(v) : v;
  }
  return out;
}

async function countCompanies(driver, name) {
  const r = await driver.executeQuery('MATCH (c:Company {name: $name}) RETURN count(c) AS n',
                                      { name }, { routing: neo4j.routing.READ });
  return r.records[0].get('n').toNumber();
}

async function main() {
  const driver = neo4j.driver(boltUrl, auth, config);

  await check('bolt:// connects and negotiates Bolt 5.8', async () => {
    const info = await driver.getServerInfo();
    assert.equal(info.protocolVersion.toString(), '5.8');
    assert.match(info.agent, /^Neo4j\/5/);
  });

  await check('neo4j:// (routing) connects, reads and writes', async () => {
    const routed = neo4j.driver(routingUrl, auth, config);
    try {
      const r = await routed.executeQuery('RETURN 1 AS one');
      assert.equal(r.records[0].get('one').toNumber(), 1);
      const w = await routed.executeQuery('CREATE (c:Company {name: $n}) RETURN c.name AS n',
                                          { n: 'Routed Co' }, { routing: neo4j.routing.WRITE });
      assert.equal(w.records[0].get('n'), 'Routed Co');
    } finally {
      await routed.close();
    }
  });

  await check('a wrong password is Neo.ClientError.Security.Unauthorized', async () => {
    const bad = neo4j.driver(boltUrl, neo4j.auth.basic('neo4j', 'wrong-' + token), config);
    try {
      await expectError(bad.verifyConnectivity(), 'Neo.ClientError.Security.Unauthorized');
    } finally {
      await bad.close();
    }
  });

  await check('no auth reads, but a write is Neo.ClientError.Security.Forbidden', async () => {
    const anon = neo4j.driver(boltUrl, neo4j.auth.none(), config);
    try {
      const r = await anon.executeQuery('MATCH (c:Company) RETURN count(c) AS n');
      assert.ok(r.records[0].get('n').toNumber() > 20);
      await expectError(anon.executeQuery('CREATE (:Company {name: "Anon"})'),
                        'Neo.ClientError.Security.Forbidden');
    } finally {
      await anon.close();
    }
  });

  await check('notifications reach summary.notifications', async () => {
    const session = driver.session();
    try {
      const r = await session.run('MATCH (c:Compnay) RETURN c');
      assert.equal(r.records.length, 0);
      const notes = r.summary.notifications;
      assert.equal(notes.length, 1);
      assert.equal(notes[0].code, 'Neo.ClientNotification.Statement.UnknownLabelWarning');
      assert.equal(notes[0].severityLevel, 'WARNING');
      assert.equal(notes[0].category, 'UNRECOGNIZED');
      assert.match(notes[0].description, /did you mean 'Company'\?/);
      assert.deepEqual(notes[0].position, { offset: 9, line: 1, column: 10 });
      const clean = await session.run('MATCH (c:Company) RETURN count(c) AS n');
      assert.equal(clean.summary.notifications.length, 0);
    } finally {
      await session.close();
    }
  });

  await check('the two clocks and the confidence floor ride in transaction metadata', async () => {
    const session = driver.session();
    const q = 'MATCH ()-[r]->() RETURN count(r) AS n';
    try {
      const all = (await session.run(q)).records[0].get('n').toNumber();
      assert.ok(all > 0);
      // Every bundled statement was made on 2025-07-16: nothing was known by May.
      const may = await session.run(q, {}, { metadata: { asOf: '2025-05-01' } });
      assert.equal(may.records[0].get('n').toNumber(), 0);
      const july = await session.executeRead((tx) => tx.run(q), { metadata: { knownAt: '2025-07-31' } });
      assert.equal(july.records[0].get('n').toNumber(), all);
      await expectError(session.run(q, {}, { metadata: { validAt: 'May' } }),
                        'Neo.ClientError.Request.Invalid');
    } finally {
      await session.close();
    }
  });

  await check('session.run with parameters', async () => {
    const session = driver.session();
    try {
      const r = await session.run(
          'MATCH (n:Company {name: $name})-[:COMPETES_WITH]-(c) ' +
          'RETURN DISTINCT c.name AS rival ORDER BY rival', { name: 'NVIDIA' });
      assert.deepEqual(r.records.map((x) => x.get('rival')),
                       ['AMD', 'Amazon', 'Chinese manufacturers', 'Cloud service providers', 'Google',
                        'Huawei', 'Qualcomm']);
      const p = await session.run('RETURN $i AS i, $f AS f, $s AS s, $l AS l, $m AS m, $b AS b, ' +
                                  '$nil AS nil, $d AS d',
                                  { i: neo4j.int(-70000), f: 2.5, s: 'it\'s "quoted"',
                                    l: [1, 'two', null], m: { k: [true] }, b: false, nil: null,
                                    d: new neo4j.types.Date(2025, 7, 16) });
      const rec = p.records[0];
      assert.equal(rec.get('i').toNumber(), -70000);
      assert.equal(rec.get('f'), 2.5);
      assert.equal(rec.get('s'), 'it\'s "quoted"');
      assert.deepEqual(plain(rec.get('l')), [1, 'two', null]);
      assert.deepEqual(rec.get('m'), { k: [true] });
      assert.equal(rec.get('b'), false);
      assert.equal(rec.get('nil'), null);
      assert.equal(rec.get('d').toString(), '2025-07-16');
    } finally {
      await session.close();
    }
  });

  await check('nodes, relationships and paths with their properties equal the HTTP API', async () => {
    const q = 'MATCH p = (a:Company {name: "NVIDIA"})-[r:DEVELOPS]->(b) ' +
              'RETURN a, r, b, p ORDER BY r.quote, b.name';
    const bolt = await driver.executeQuery(q);
    const http = await httpQuery(q);
    assert.equal(bolt.records.length, http.rows.length);
    assert.ok(bolt.records.length > 3);
    let sawQuotes = false;
    bolt.records.forEach((rec, i) => {
      const [a, r, b, p] = ['a', 'r', 'b', 'p'].map((k) => rec.get(k));
      const [ha, hr, hb] = http.rows[i];
      assert.ok(a instanceof neo4j.types.Node && r instanceof neo4j.types.Relationship);
      assert.deepEqual(a.labels, ['Company']);
      assert.deepEqual(plainProps(a.properties), withoutMeta(ha));
      assert.deepEqual(plainProps(b.properties), withoutMeta(hb));
      assert.deepEqual(plainProps(r.properties), withoutMeta(hr));
      assert.equal(r.type, 'DEVELOPS');
      assert.equal(a.elementId, String(ha._id));
      assert.equal(r.elementId, String(hr._id));
      assert.equal(r.startNodeElementId, a.elementId);
      assert.equal(r.endNodeElementId, b.elementId);
      assert.ok(neo4j.isDate(r.properties.date), 'the date property is a neo4j Date');
      assert.ok(Array.isArray(a.properties.aliases), 'aliases is a list');
      if (r.properties.quote.includes('"')) sawQuotes = true;
      assert.ok(p instanceof neo4j.types.Path);
      assert.equal(p.length, 1);
      assert.equal(p.start.elementId, a.elementId);
      assert.equal(p.end.elementId, b.elementId);
      assert.equal(p.segments[0].relationship.elementId, r.elementId);
    });
    assert.ok(sawQuotes, 'a quote holding double quotes came through');
  });

  await check('a path walked against a relationship direction', async () => {
    const r = await driver.executeQuery(
        'MATCH p = (b:Company {name: "Huawei"})<-[:COMPETES_WITH]-(a:Company {name: "NVIDIA"}) ' +
        'RETURN p LIMIT 1');
    const p = r.records[0].get('p');
    assert.equal(p.start.properties.name, 'Huawei');
    assert.equal(p.end.properties.name, 'NVIDIA');
    const seg = p.segments[0];
    assert.equal(seg.relationship.startNodeElementId, p.end.elementId);
  });

  await check('executeWrite and executeRead', async () => {
    const session = driver.session();
    try {
      const created = await session.executeWrite(async (tx) => {
        const r = await tx.run('CREATE (c:Company {name: $n}) RETURN c', { n: 'Bolt Works' });
        return r.records[0].get('c');
      });
      assert.equal(created.properties.name, 'Bolt Works');
      const n = await session.executeRead(async (tx) => {
        const r = await tx.run('MATCH (c:Company {name: $n}) RETURN count(c) AS n',
                               { n: 'Bolt Works' });
        return r.records[0].get('n').toNumber();
      });
      assert.equal(n, 1);
      await expectError(session.executeRead((tx) => tx.run('CREATE (:Company {name: "R"})')),
                        'Neo.ClientError.Statement.AccessMode');
    } finally {
      await session.close();
    }
  });

  await check('the summary counts what a statement changed', async () => {
    const session = driver.session();
    try {
      const r = await session.run(
        'CREATE (c:Company {name: $n}) SET c.description = "counted" RETURN c', { n: 'Counted Co' });
      const u = r.summary.counters.updates();
      assert.equal(u.nodesCreated, 1);
      assert.equal(u.labelsAdded, 1);
      assert.equal(u.propertiesSet, 2);
      assert.equal(r.summary.counters.containsUpdates(), true);
      const d = await session.run('MATCH (c:Company {name: $n}) DETACH DELETE c', { n: 'Counted Co' });
      assert.equal(d.summary.counters.updates().nodesDeleted, 1);
      const read = await session.run('MATCH (c:Company) RETURN count(c) AS n');
      assert.equal(read.summary.counters.containsUpdates(), false);
    } finally {
      await session.close();
    }
  });

  await check('an explicit transaction committed', async () => {
    const session = driver.session();
    try {
      const tx = session.beginTransaction();
      await tx.run('CREATE (:Company {name: $n})', { n: 'Committed Co' });
      const inside = await tx.run('MATCH (c:Company {name: $n}) RETURN count(c) AS n',
                                  { n: 'Committed Co' });
      assert.equal(inside.records[0].get('n').toNumber(), 1, 'the transaction sees its write');
      assert.equal(await countCompanies(driver, 'Committed Co'), 0, 'others do not, yet');
      await tx.commit();
      assert.equal(await countCompanies(driver, 'Committed Co'), 1);
    } finally {
      await session.close();
    }
  });

  await check('an explicit transaction rolled back leaves the graph unchanged', async () => {
    const before = await httpQuery('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r');
    const session = driver.session();
    try {
      const tx = session.beginTransaction();
      await tx.run('CREATE (:Company {name: "Rolled Back Co"})');
      await tx.run('MATCH (a:Company {name: "NVIDIA"}), (b:Company {name: "Huawei"}) ' +
                   'CREATE (a)-[:PARTNERS_WITH]->(b)');
      await tx.run('MATCH (c:Company {name: "AMD"}) SET c.description = "changed"');
      await tx.rollback();
    } finally {
      await session.close();
    }
    const after = await httpQuery('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r');
    assert.deepEqual(after, before);
    assert.equal(await countCompanies(driver, 'Rolled Back Co'), 0);
    const amd = await driver.executeQuery('MATCH (c:Company {name: "AMD"}) RETURN c.description AS d');
    assert.notEqual(amd.records[0].get('d'), 'changed');
  });

  await check('a syntax error carries its code, GQL status and position', async () => {
    const e = await expectError(driver.executeQuery('MATCH (n:Company RETURN n'),
                                'Neo.ClientError.Statement.SyntaxError');
    assert.match(e.message, /query:1:18/);
    assert.equal(e.gqlStatus, '42001');
    assert.equal(e.diagnosticRecord._position.line.toNumber(), 1);
    assert.equal(e.diagnosticRecord._position.column.toNumber(), 18);
    assert.equal(e.diagnosticRecord._position.offset.toNumber(), 17);
    // The connection is usable afterwards (RESET brought it back).
    const r = await driver.executeQuery('RETURN 2 AS two');
    assert.equal(r.records[0].get('two').toNumber(), 2);
  });

  await check('a type error is Neo.ClientError.Statement.TypeError', async () => {
    await expectError(driver.executeQuery('RETURN 1 + "a" - 2 AS x'),
                      'Neo.ClientError.Statement.TypeError');
  });

  await check('100,000 rows stream in batches, more than the server may hold at once', async () => {
    // The server runs with --max-memory 8000000; these rows take about 30 MB.
    const query = 'UNWIND range(0, 999) AS i UNWIND range(1, 100) AS j RETURN i * 100 + j AS n, $pad AS pad';
    const params = { pad: 'x'.repeat(200) };
    const res = await fetch(`http://127.0.0.1:${httpPort}/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, params }),
    });
    // HTTP answers with the whole result in one body, so it must hold it all.
    assert.match(await res.text(), /MemoryLimitExceeded/);
    const session = driver.session({ fetchSize: 1000 });
    try {
      let count = 0;
      let sum = 0;
      await new Promise((resolve, reject) => {
        session.run(query, params).subscribe({
          onNext: (rec) => { count++; sum += rec.get('n').toNumber(); },
          onCompleted: resolve,
          onError: reject,
        });
      });
      assert.equal(count, 100000);
      assert.equal(sum, 100000 * 100001 / 2);
    } finally {
      await session.close();
    }
  });

  await check('a result left half read is closed with the session', async () => {
    const session = driver.session({ fetchSize: 10 });
    try {
      const seen = [];
      await new Promise((resolve, reject) => {
        const sub = session.run('UNWIND range(1, 90000) AS i RETURN i').subscribe({
          onKeys: () => {},
          onNext: (rec) => { seen.push(rec.get('i').toNumber()); },
          onCompleted: resolve,
          onError: reject,
        });
        setTimeout(resolve, 200);
        void sub;
      });
    } finally {
      await session.close();
    }
    // The connection is back in the pool and works.
    assert.equal(await countCompanies(driver, 'NVIDIA'), 1);
  });

  await check('16 concurrent sessions', async () => {
    const work = Array.from({ length: 16 }, async (_, i) => {
      const session = driver.session();
      try {
        const r = await session.run(
            'UNWIND range(1, $n) AS x MATCH (c:Company) RETURN $i AS i, count(*) AS n',
            { n: neo4j.int(50 + i), i: neo4j.int(i) });
        return [r.records[0].get('i').toNumber(), r.records[0].get('n').toNumber()];
      } finally {
        await session.close();
      }
    });
    const results = await Promise.all(work);
    const companies = (await httpQuery('MATCH (c:Company) RETURN count(c) AS n')).rows[0][0];
    results.forEach(([i, n], k) => {
      assert.equal(i, k);
      assert.equal(n, (50 + k) * companies);
    });
  });

  await check('an unknown database is Neo.ClientError.Database.DatabaseNotFound', async () => {
    await expectError(driver.executeQuery('RETURN 1', {}, { database: 'nosuchdb' }),
                      'Neo.ClientError.Database.DatabaseNotFound');
    const r = await driver.executeQuery('RETURN 1 AS one', {}, { database: 'neo4j' });
    assert.equal(r.records[0].get('one').toNumber(), 1);
  });

  await driver.close();
  console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
