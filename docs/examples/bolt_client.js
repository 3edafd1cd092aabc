// A Neo4j JavaScript driver program, unchanged, against `kg serve --bolt`
// (docs/bolt.md). Usage: node bolt_client.js [neo4j://127.0.0.1:7687] [token.txt]
// Needs `npm install neo4j-driver`.
const fs = require('fs');
const neo4j = require('neo4j-driver');

async function main() {
  const url = process.argv[2] || 'neo4j://127.0.0.1:7687';
  const token = fs.readFileSync(process.argv[3] || 'token.txt', 'utf8').trim();
  const driver = neo4j.driver(url, neo4j.auth.basic('neo4j', token));
  try {
    const { records } = await driver.executeQuery(
      'MATCH (n:Company {name: $name})-[r:COMPETES_WITH]->(c) RETURN c, r ORDER BY c.name LIMIT 3',
      { name: 'NVIDIA' });
    for (const rec of records) {
      const c = rec.get('c');
      const r = rec.get('r');
      console.log(c.properties.name, r.properties.date.toString(), JSON.stringify(r.properties.quote));
    }
    const session = driver.session();
    try {
      await session.executeWrite((tx) =>
        tx.run('MERGE (:Company {name: $name})', { name: 'Moore Threads' }));
      const tx = session.beginTransaction();
      await tx.run('CREATE (:Company {name: $name})', { name: 'Never' });
      await tx.rollback();  // nothing of it stays
      const n = await session.executeRead(async (t) => {
        const res = await t.run('MATCH (c:Company) WHERE c.name IN $names RETURN count(c) AS n',
                                { names: ['Moore Threads', 'Never'] });
        return res.records[0].get('n').toNumber();
      });
      console.log('companies named Moore Threads or Never:', n);
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
}

main().catch((e) => {
  console.error(e.code || '', e.message);
  process.exit(1);
});
