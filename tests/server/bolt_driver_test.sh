#!/usr/bin/env bash
# Runs bolt_driver_test.js (the official neo4j-driver from npm) against
# `kg serve --bolt` on a fresh database imported from data/seed, then stops
# the server with SIGTERM and checks the database with `kg check`.
#   bolt_driver_test.sh KG_BINARY SOURCE_DIR
# Exit 77 (a skip for CTest) when Node.js or the driver is missing:
# scripts/test installs them (kg_install_node_test_deps in scripts/setup.sh).
set -euo pipefail
KG=$1
SRC=$2
HERE=$SRC/tests/server
if ! command -v node >/dev/null 2>&1 || [ ! -f "$HERE/node/node_modules/neo4j-driver/package.json" ]; then
  echo "SKIP: node or tests/server/node/node_modules missing; run scripts/test (or" \
       "source scripts/setup.sh && kg_install_node_test_deps)"
  exit 77
fi
WORK=$(mktemp -d /tmp/kg_bolt_driver_XXXXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then kill -KILL "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
"$KG" --db "$WORK/db" init >/dev/null
"$KG" --db "$WORK/db" import --nodes "$SRC/data/seed/entities.csv" \
  --edges "$SRC/data/seed/relations.csv" >/dev/null
(umask 077 && echo "s3cret-bolt" > "$WORK/token")
"$KG" --db "$WORK/db" serve --http 127.0.0.1:0 --rpc "" --bolt 127.0.0.1:0 \
  --token-file "$WORK/token" --max-memory 8000000 > "$WORK/serve.out" &
SERVER=$!
for _ in $(seq 1 300); do
  grep -q "serving" "$WORK/serve.out" 2>/dev/null && break
  sleep 0.1
done
LINE=$(head -1 "$WORK/serve.out")
BOLT=$(sed -n 's/.* bolt=\([0-9]*\).*/\1/p' <<<"$LINE")
HTTP=$(sed -n 's/.* http=\([0-9]*\).*/\1/p' <<<"$LINE")
[ -n "$BOLT" ] && [ -n "$HTTP" ] || { echo "the server did not start: $LINE"; exit 1; }
status=0
timeout 300 node "$HERE/bolt_driver_test.js" "$BOLT" "$HTTP" "s3cret-bolt" || status=$?
# The JavaScript example of docs/bolt.md runs as it is.
EXAMPLE=$(NODE_PATH="$HERE/node/node_modules" timeout 60 node "$SRC/docs/examples/bolt_client.js" \
  "neo4j://127.0.0.1:$BOLT" "$WORK/token" 2>&1) || status=1
echo "$EXAMPLE"
grep -q "companies named Moore Threads or Never: 1" <<<"$EXAMPLE" ||
  { echo "FAIL docs/examples/bolt_client.js"; status=1; }
kill -TERM "$SERVER"
server_status=0
wait "$SERVER" || server_status=$?
SERVER=""
[ "$server_status" -eq 0 ] || { echo "kg serve exited with $server_status after SIGTERM"; status=1; }
"$KG" --db "$WORK/db" check >/dev/null || { echo "kg check failed after the run"; status=1; }
exit $status
