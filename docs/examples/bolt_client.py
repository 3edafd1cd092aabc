"""A Neo4j Python driver program, unchanged, against `kg serve --bolt`
(docs/bolt.md). Usage: python3 bolt_client.py [neo4j://127.0.0.1:7687] [token.txt]
Needs `pip install neo4j` (the official driver, 5.x or later)."""
import sys

from neo4j import GraphDatabase

url = sys.argv[1] if len(sys.argv) > 1 else "neo4j://127.0.0.1:7687"
token = open(sys.argv[2] if len(sys.argv) > 2 else "token.txt").read().strip()

with GraphDatabase.driver(url, auth=("neo4j", token)) as driver:
    records, summary, keys = driver.execute_query(
        "MATCH (n:Company {name: $name})-[r:COMPETES_WITH]->(c) "
        "RETURN c.name AS rival, r.date AS date ORDER BY rival LIMIT 3",
        name="NVIDIA")
    for record in records:
        print(record["rival"], record["date"])  # the date is a neo4j.time.Date
    with driver.session() as session:
        session.execute_write(
            lambda tx: tx.run("MERGE (:Company {name: $name})", name="Moore Threads").consume())
        tx = session.begin_transaction()
        tx.run("CREATE (:Company {name: 'Never'})").consume()
        tx.rollback()  # nothing of it stays
        count = session.execute_read(
            lambda tx: tx.run("MATCH (c:Company) WHERE c.name IN $names RETURN count(c) AS n",
                              names=["Moore Threads", "Never"]).single()["n"])
        print("companies named Moore Threads or Never:", count)
