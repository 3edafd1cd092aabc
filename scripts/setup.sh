# Sourced by scripts/demo and scripts/test: installs the Debian packages kg
# needs (only those missing, non-interactively) and builds kg into
# $KG_BUILD_DIR (default: build/ in the repository).
set -euo pipefail

KG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KG_BUILD_DIR=${KG_BUILD_DIR:-$KG_ROOT/build}
KG_PACKAGES=(
  g++ cmake make pkg-config python3 libxml2-utils libxml2-dev
  librocksdb-dev libcapnp-dev capnproto libboost-graph-dev libgraphviz-dev
  libgtest-dev libgmock-dev libcli11-dev nlohmann-json3-dev libfmt-dev libreadline-dev
  libcpp-httplib-dev curl libfontconfig-dev fonts-wqy-zenhei
  libre2-dev libssl-dev libicu-dev libzstd-dev clang libclang-rt-14-dev lld
  sqlite3
  # The static archives the kg executable links (KG_STATIC_DEPS, cmake/StaticDeps.cmake)
  # beyond the -dev packages above: RocksDB's compression libraries, readline's libtinfo.
  libsnappy-dev liblz4-dev libbz2-dev zlib1g-dev libncurses-dev
  # jemalloc, the kg executable's malloc (KG_JEMALLOC, cli/CMakeLists.txt).
  libjemalloc-dev
)

kg_install_packages() {
  local missing=()
  for p in "${KG_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

kg_build() {
  echo "== building kg in $KG_BUILD_DIR"
  local launcher=()
  # ccache, when the machine has it, makes rebuilds of unchanged files free.
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$KG_ROOT} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
  fi
  cmake -S "$KG_ROOT" -B "$KG_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
  cmake --build "$KG_BUILD_DIR" -j "$(nproc)"
}

# Test-only: Node.js and npm (Debian's nodejs and npm packages when absent)
# and the official Neo4j JavaScript driver pinned in
# tests/server/node/package-lock.json, installed with `npm ci` into
# tests/server/node/node_modules for the Bolt driver test
# (tests/server/bolt_driver_test.sh) and bench/bolt_bench.js. Building kg
# never needs them.
kg_install_node_test_deps() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "== installing: nodejs npm"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  local dir=$KG_ROOT/tests/server/node
  # npm ci starts from scratch; skip it while the installed tree matches the lock file.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "== installing the Bolt test driver (npm ci in tests/server/node)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  kg_install_browser_test_deps
}

# Test-only: Debian's chromium and puppeteer-core (pinned in
# tests/server/browser/package-lock.json; it downloads no browser) for the
# explorer's browser test (tests/server/explorer_browser_test.sh).
kg_install_browser_test_deps() {
  if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
    echo "== installing: chromium"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  fi
  local dir=$KG_ROOT/tests/server/browser
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "== installing puppeteer-core (npm ci in tests/server/browser)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Where the test suite writes its databases and files (scripts/test): a new
# directory on tmpfs (/dev/shm) when that is writable with 2 GiB free, else
# under $TMPDIR (or /tmp); $KG_TEST_TMPDIR names another parent. Every test
# makes its files under TMPDIR, so the thousands of databases the suite
# creates, syncs and deletes cost no disk flushes. What the tests check does
# not depend on the medium: kills are process kills, and the full-disk tests
# mount a small tmpfs of their own. Exports TMPDIR; the caller removes it.
kg_test_tmpdir() {
  local base=${KG_TEST_TMPDIR:-} free_kb
  if [ -z "$base" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    free_kb=$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')
    if [ "${free_kb:-0}" -ge $((2 * 1024 * 1024)) ]; then base=/dev/shm; fi
  fi
  TMPDIR=$(mktemp -d "${base:-${TMPDIR:-/tmp}}/kg-test-XXXXXX")
  export TMPDIR
  echo "== test files in $TMPDIR"
}

# The ASan + UBSan build with the libFuzzer targets (docs/fuzzing.md), made by
# clang in $KG_ASAN_BUILD_DIR (default: build-asan/). Arguments are build
# targets (default: everything), e.g. kg_fuzz_targets.
KG_ASAN_BUILD_DIR=${KG_ASAN_BUILD_DIR:-$KG_ROOT/build-asan}
kg_build_asan() {
  echo "== building kg with ASan + UBSan + libFuzzer in $KG_ASAN_BUILD_DIR"
  local launcher=() targets=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$KG_ROOT} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
  fi
  for t in "$@"; do targets+=(--target "$t"); done
  CC=clang CXX=clang++ cmake -S "$KG_ROOT" -B "$KG_ASAN_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKG_FUZZ=ON "${launcher[@]}" >/dev/null
  cmake --build "$KG_ASAN_BUILD_DIR" -j "$(nproc)" "${targets[@]}"
}

# The environment every instrumented test runs in (scripts/test). ASan's red
# zones make every stack frame several times larger: the engine's nesting
# limits (1,000 levels) are sized for 8 MiB stacks of the plain build, so the
# instrumented one gets 64 MiB (threads inherit it). Third-party caches and
# Graphviz's own leaks are suppressed by name (tests/lsan.supp); anything
# else that leaks fails its test. ASan keeps the last 16 MiB of freed
# memory poisoned (its default, 256 MiB, made every instrumented process zero
# and fault in that much) and 10 frames of each allocation's stack (30 by
# default; recording them was a tenth of the TCK's time): a report still
# names the code, and ASAN_OPTIONS set by the caller wins for a closer look.
# Call it in a subshell: it changes limits.
kg_sanitizer_env() {
  ulimit -s 65536
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16:malloc_context_size=10}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$KG_ROOT/tests/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
}
