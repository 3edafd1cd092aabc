#!/usr/bin/env bash
# Runs explorer_browser_test.js (puppeteer-core driving Debian's headless
# chromium) against `kg serve` on a fresh database imported from the bundled
# dataset (data/seed, data/sources).
#   explorer_browser_test.sh KG_BINARY SOURCE_DIR SCREENSHOT_DIR
# Screenshots go to SCREENSHOT_DIR (the build directory under ctest; run
# with SCREENSHOT_DIR=docs/img to refresh the pictures of docs/explorer.md).
# Exit 77 (a skip for CTest, which scripts/test turns into a failure) when
# Node.js, chromium or puppeteer-core is missing: scripts/test installs them.
set -euo pipefail
KG=$1
SRC=$2
SHOTS=$3
HERE=$SRC/tests/server
CHROMIUM=${KG_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -x "$CHROMIUM" ] ||
   [ ! -f "$HERE/browser/node_modules/puppeteer-core/package.json" ]; then
  echo "SKIP: node, $CHROMIUM or tests/server/browser/node_modules missing; run scripts/test" \
       "(or source scripts/setup.sh && kg_install_node_test_deps)"
  exit 77
fi
WORK=$(mktemp -d /tmp/kg_explorer_XXXXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then kill -KILL "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$SHOTS" "$WORK/downloads"
"$KG" --db "$WORK/db" init >/dev/null
"$KG" --db "$WORK/db" import --nodes "$SRC/data/seed/entities.csv" \
  --edges "$SRC/data/seed/relations.csv" --sources "$SRC/data/sources/sources.json" >/dev/null
TOKEN=s3cret-explorer
(umask 077 && echo "$TOKEN" > "$WORK/token")
"$KG" --db "$WORK/db" serve --http 127.0.0.1:0 --rpc "" --token-file "$WORK/token" > "$WORK/serve.out" &
SERVER=$!
for _ in $(seq 1 300); do
  grep -q "serving" "$WORK/serve.out" 2>/dev/null && break
  sleep 0.1
done
HTTP=$(sed -n 's/.* http=\([0-9]*\).*/\1/p' "$WORK/serve.out" | head -1)
[ -n "$HTTP" ] || { echo "the server did not start: $(cat "$WORK/serve.out")"; exit 1; }
status=0
NODE_PATH="$HERE/browser/node_modules" timeout 300 node "$HERE/explorer_browser_test.js" \
  "http://127.0.0.1:$HTTP" "$SHOTS" "$WORK/downloads" "$TOKEN" || status=$?
kill -TERM "$SERVER"
wait "$SERVER" || { echo "kg serve exited with $? after SIGTERM"; status=1; }
SERVER=""
exit $status
