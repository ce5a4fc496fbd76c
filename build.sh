#!/usr/bin/env bash
# Resilience: build, serve, test and benchmark, from a fresh clone, with one command each.
#
#   ./build.sh setup          install what is missing (Debian packages, wasm-bindgen-cli, npm dev deps)
#   ./build.sh [build]        setup, then compile the engine to wasm into www/pkg/ and print its size
#   ./build.sh serve [PORT]   setup + build, then serve www/ on http://127.0.0.1:PORT/ (default 8080)
#   ./build.sh test           every test: native, clippy, fmt, wasm in headless Chromium, end-to-end
#   ./build.sh bench          every benchmark figure, in one table
#   ./build.sh profile        where score()'s time goes, by function (Chromium's profiler)
#   ./build.sh dist           dist/site/ (hostable app) and dist/resilience.html (one file)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PATH="$HOME/.cargo/bin:$PATH"
E2E="$ROOT/tests/e2e"

# --- the wasm toolchain ------------------------------------------------------------------
# A rustup wasm32 target where a machine has one; otherwise Debian's rustc-web with the
# standard library built from source (see ../shared/TOOLCHAIN.md).
rustup_has_wasm() {
  command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

wasm_cargo() {
  if rustup_has_wasm; then
    cargo "$@" --target wasm32-unknown-unknown
  else
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo "$@" --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort
  fi
}

# The app's build: with std built from source, panics abort without formatting a message
# (the engine never panics on input; this only drops the unused machinery, about 10 KB).
# Its own target dir, so the tests' build (which keeps panic messages) is not rebuilt.
# No reference types: Debian's wasm-opt (binaryen 108) rewrites wasm-bindgen's externref table
# as `anyref`, which current browsers reject; without them wasm-bindgen keeps JS objects in a
# JS-side heap instead, which every browser and every wasm-opt handles.
APP_RUSTFLAGS="-Ctarget-feature=-reference-types,-multivalue"
wasm_cargo_app() {
  if rustup_has_wasm; then
    CARGO_TARGET_DIR=target/wasm-app RUSTFLAGS="$APP_RUSTFLAGS" wasm_cargo "$@"
  else
    # -Zlocation-detail=none: no file names and lines for panics that print nothing anyway
    # (0.2 KB gzipped of the core).
    CARGO_TARGET_DIR=target/wasm-app \
      RUSTFLAGS="$APP_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
      wasm_cargo "$@"
  fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# --- setup -------------------------------------------------------------------------------
apt_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

apt_install() { # [-t suite] packages...
  local suite=()
  if [ "$1" = "-t" ]; then suite=(-t "$2"); shift 2; fi
  local missing
  missing="$(apt_missing "$@")"
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ ! -f "${TMPDIR:-/tmp}/.resilience-apt-updated" ]; then
    $sudo apt-get update -qq && touch "${TMPDIR:-/tmp}/.resilience-apt-updated"
  fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${suite[@]}" $missing >/dev/null
}

# Every probe below tolerates what it looks for being absent: under `set -e` a failing probe
# would end the script with no word (issue #11: `wasm-bindgen --version` on a new machine).
have_cmd() { command -v "$1" >/dev/null 2>&1; }
version_of() { # command: its `--version` second word, or nothing when it is missing
  have_cmd "$1" || return 0
  { "$1" --version 2>/dev/null || true; } | awk 'NR == 1 { print $2 }'
}

# The XLSForm test's Python packages go into the project's own virtual environment: Debian's
# python3 refuses `pip install` outside one (PEP 668, "externally managed").
PY_VENV="$ROOT/target/py"
python_setup() {
  [ -f tests/xlsform/requirements.txt ] || return 0
  if [ ! -x "$PY_VENV/bin/python3" ]; then
    have_cmd python3 || apt_install python3
    if ! python3 -m venv "$PY_VENV" >/dev/null 2>&1; then
      rm -rf "$PY_VENV"
      apt_install python3-venv
      python3 -m venv "$PY_VENV" || die "python3 -m venv failed: install Debian's python3-venv"
    fi
  fi
  "$PY_VENV/bin/python3" -c "import pyxform" 2>/dev/null && return 0
  say "installing pyxform (XLSForm converter, for the XLSForm test) into target/py"
  "$PY_VENV/bin/python3" -m pip install -q --disable-pip-version-check -r tests/xlsform/requirements.txt
}

npm_setup() { # folder, what for
  [ -f "$1/package-lock.json" ] || return 0
  # Installed from this very lockfile? (A changed lockfile, e.g. a new test package, installs again.)
  local want stamp="$1/node_modules/.resilience-lock"
  want="$(sha256sum "$1/package-lock.json" | cut -c1-64)"
  [ -d "$1/node_modules" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ] && return 0
  have_cmd npm || apt_install npm
  say "installing npm packages in $1 ($2)"
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

setup() {
  have_cmd cargo || die "cargo is missing: install Rust with rustup (https://rustup.rs), then run this again"
  if ! rustup_has_wasm; then
    apt_install -t bookworm-security rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  fi
  apt_install binaryen chromium chromium-driver age
  have_cmd node || apt_install nodejs
  have_cmd java || apt_install default-jre-headless
  local want have
  want="$(wasm_bindgen_version)"
  have="$(version_of wasm-bindgen)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock; takes a few minutes)"
    # Not --locked: one of the CLI's own locked dependencies is no longer on the registry.
    cargo install -q wasm-bindgen-cli --version "$want" --force
  fi
  have_cmd wasm-bindgen || die "wasm-bindgen is not on PATH after installing it: add ~/.cargo/bin to PATH"
  npm_setup "$E2E" "the browser tests"
  npm_setup tools "esbuild and binaryen, for the app's bundles, the core wasm and the one-file build"
  npm_setup crates/crypto/tests/cctv "the C2SP age test vectors"
  python_setup
}

# --- build -------------------------------------------------------------------------------
WASM_OUT="target/wasm-app/wasm32-unknown-unknown/wasm/resilience_wasm.wasm"
# --low-memory-unused: Rust's wasm32 places the stack first (it grows down from 1 MB towards 0,
# data after it), so the lowest 1 KB is touched only by a stack about to overflow; wasm-opt may
# then fold constant offsets into loads and stores (0.4 KB gzipped of the core).
WASM_OPT_FLAGS=(--strip-debug --strip-producers --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
  --enable-mutable-globals --low-memory-unused)

gz_size() { gzip -9 -c "$1" | wc -c; }

# The core's wasm-opt: binaryen 132 from npm (tools/package.json), run twice: 1.1 KB gzipped
# smaller than Debian's binaryen 108 (62,997 -> 61,864 bytes, measured). It runs as wasm in node,
# about 20 s for the core: the other modules, which are not on the first load, keep Debian's.
# --flatten --rereloop between the first -Oz and two more: the control flow rebuilt, which -Oz then
# shrinks further (the core 0.3 KB gzipped smaller: 51,362 -> 51,041 bytes); that round twice,
# 53 bytes more (measured: 49,924 -> 49,871 bytes; a third round made it about 70 bytes larger).
CORE_WASM_OPT=(node tools/node_modules/binaryen/bin/wasm-opt -Oz --flatten --rereloop -Oz -Oz --flatten --rereloop -Oz -Oz)

# One browser module: cargo builds PACKAGE (with cargo ARGS), wasm-bindgen writes it to OUT as
# NAME.js and NAME_bg.wasm (its JS snippets, crates/wasm/js/, written into NAME.js by
# tools/snippets.mjs), wasm-opt shrinks it (the core with CORE_WASM_OPT).
build_module() { # package out name [cargo args...]
  local package="$1" out="$2" name="$3"
  shift 3
  wasm_cargo_app build --quiet --lib --profile wasm -p "$package" "$@"
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" \
    "target/wasm-app/wasm32-unknown-unknown/wasm/${package//-/_}.wasm"
  node tools/snippets.mjs "$out" "$name"
  local opt=(wasm-opt -Oz)
  [ "$out" = www/pkg ] || [ "$out" = www/pkg-csv ] && opt=("${CORE_WASM_OPT[@]}")
  "${opt[@]}" "${WASM_OPT_FLAGS[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  rm -f "$out/.gitignore" "$out/package.json"
  printf '%s/%s_bg.wasm: %d bytes raw, %d bytes gzipped\n' "$out" "$name" \
    "$(wc -c <"$out/${name}_bg.wasm")" "$(gz_size "$out/${name}_bg.wasm")"
}

# Every command that compiles installs what is missing first (about 0.6 s when nothing is):
# on a new machine `./build.sh build` or `dist` would otherwise stop at a missing compiler.
build() {
  setup
  say "compiling the engine to wasm32: the scoring core (www/pkg/), loaded first"
  # opt-level z for the core (measured by `./build.sh bench`: 4 KB less gzipped on the first load,
  # score() ~25% slower but still far below a frame); s for the others, whose speed is felt
  # (the analysis's draws, Argon2 at unlock, large imports) and which are not on the first load.
  CARGO_PROFILE_WASM_OPT_LEVEL=z build_module resilience-wasm www/pkg resilience --no-default-features --features engine
  say "the core with the CSV writers (www/pkg-csv/), loaded at the first CSV export"
  CARGO_PROFILE_WASM_OPT_LEVEL=z build_module resilience-wasm www/pkg-csv resilience --no-default-features --features csv-write
  say "the analysis module (www/pkg-analysis/), loaded in a worker when asked for"
  build_module resilience-wasm www/pkg-analysis resilience --no-default-features --features analysis
  say "the spreadsheets module (www/pkg-sheets/), loaded for imports and exports"
  build_module resilience-wasm www/pkg-sheets resilience --no-default-features --features sheets
  say "the crypto module (www/pkg-crypto/), loaded when a passphrase or an encrypted hand-over is used"
  build_module resilience-wasm www/pkg-crypto resilience_crypto --no-default-features --features crypto
  say "the default framework, one file per language (www/frameworks/default.<lang>.json)"
  node tools/frameworks.mjs
  say "the app's code, bundled (www/app/: the first screen, what it loads on use, what both share)"
  node tools/bundle.mjs
  stamp_service_worker
  say "precompressing www/ (brotli and gzip copies, served as a production host serves them)"
  node tools/compress.mjs www
}

# The service worker's version: a hash of every file it serves, so that any change reaches users.
stamp_service_worker() {
  local hash
  hash=$(cd www && find . -type f ! -name sw-version.js ! -name '*.br' ! -name '*.gz' ! -path './examples/*' -print0 | LC_ALL=C sort -z \
    | xargs -0 sha256sum | sha256sum | cut -c1-16)
  printf "// Written by ./build.sh: a hash of the app's files.\nself.RESILIENCE_VERSION = '%s';\n" "$hash" \
    >www/sw-version.js
}

serve() {
  local port="${1:-8080}"
  build
  say "serving www/"
  exec node tools/serve.mjs www "$port"
}

# --- test --------------------------------------------------------------------------------
test_all() {
  setup
  say "native tests (cargo test)"
  cargo test --quiet --workspace
  say "clippy"
  cargo clippy --quiet --workspace --all-targets -- -D warnings
  say "formatting"
  cargo fmt --check
  say "wasm tests in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    wasm_cargo test --profile wasm-test -p resilience-wasm --test wasm
  build
  if [ -f tests/xlsform/test_pyxform.py ]; then
    say "XLSForm through pyxform and ODK Validate"
    "$PY_VENV/bin/python3" tests/xlsform/test_pyxform.py
  fi
  if [ -d "$E2E" ] && ls "$E2E"/*.test.mjs >/dev/null 2>&1; then
    say "browser end-to-end tests (headless Chromium)"
    (cd "$E2E" && node --test --test-concurrency=1 ./*.test.mjs)
  fi
  say "all tests passed"
}

# --- bench -------------------------------------------------------------------------------
bench() {
  setup
  local table
  table="$(mktemp)"
  say "native benchmarks"
  cargo build --quiet --release --bin resilience --bin resilience-bench
  for b in csv analysis import; do
    ./target/release/resilience-bench "$b" | tail -n +2 | sed 's/^/native: /' >>"$table"
  done
  say "wasm size and speed: opt-level s, z (the app's) and 3"
  for level in s z 3; do
    CARGO_PROFILE_WASM_OPT_LEVEL=$level wasm_cargo_app build --quiet --lib --profile wasm -p resilience-wasm --no-default-features --features engine
    wasm-bindgen --target web --out-dir "target/bench-$level" --out-name resilience "$WASM_OUT"
    "${CORE_WASM_OPT[@]}" "${WASM_OPT_FLAGS[@]}" "target/bench-$level/resilience_bg.wasm" -o "target/bench-$level/opt.wasm"
    printf 'wasm opt-level=%s (bytes raw / gzipped)\t%d / %d\n' "$level" \
      "$(wc -c <"target/bench-$level/opt.wasm")" "$(gz_size "target/bench-$level/opt.wasm")" >>"$table"
  done
  # The three in one page, in turn (tests/e2e/compare-cores.mjs): what z's bytes cost in speed.
  (cd "$E2E" && node compare-cores.mjs target/bench-s target/bench-z target/bench-3) | grep -P '\t' |
    grep -v '^metric' | sed 's/^score() of target\/bench-/score() µs, opt-level /; s/, interleaved,.*(µs)/, interleaved/' >>"$table"
  CARGO_PROFILE_WASM_OPT_LEVEL=z build_module resilience-wasm www/pkg resilience --no-default-features --features engine >/dev/null
  # (build_module empties www/pkg/: its compressed copies are written again, as ./build.sh build does)
  node tools/compress.mjs www/pkg >/dev/null
  for b in "$E2E"/bench-*.mjs; do
    [ -f "$b" ] || continue
    say "browser benchmark $(basename "$b") (headless Chromium)"
    (cd "$E2E" && node "$(basename "$b")") | grep -P '\t' | grep -v '^metric' >>"$table" ||
      die "$(basename "$b") printed no figures (a benchmark prints 'name<TAB>figure' lines)"
  done
  printf '\n%-70s %s\n' "benchmark" "figure"
  awk -F'\t' '{ printf "%-70s %s\n", $1, $2 }' "$table"
  rm -f "$table"
}

# --- profile -----------------------------------------------------------------------------
# Where score()'s time goes (tests/e2e/profile-score.mjs), on the core as the app builds it but
# with its function names kept. After `./build.sh build` (it reads www/frameworks/).
profile() {
  setup
  cargo build --quiet --release --bin resilience
  CARGO_PROFILE_WASM_OPT_LEVEL=z wasm_cargo_app build --quiet --lib --profile wasm -p resilience-wasm --no-default-features --features engine
  rm -rf target/profile-core
  wasm-bindgen --keep-debug --target web --out-dir target/profile-core --out-name resilience "$WASM_OUT"
  local flags=() f
  for f in "${WASM_OPT_FLAGS[@]}"; do [ "$f" = --strip-debug ] || flags+=("$f"); done
  "${CORE_WASM_OPT[@]}" -g "${flags[@]}" target/profile-core/resilience_bg.wasm -o target/profile-core/resilience_bg.wasm
  (cd "$E2E" && node profile-score.mjs target/profile-core)
}

# --- dist --------------------------------------------------------------------------------
dist() {
  build
  [ -f tools/dist.mjs ] || die "tools/dist.mjs is missing"
  node tools/dist.mjs
}

cmd="${1:-build}"
[ $# -gt 0 ] && shift
case "$cmd" in
  setup) setup ;;
  build) build ;;
  serve) serve "$@" ;;
  test) test_all ;;
  bench) bench ;;
  profile) profile ;;
  dist) dist ;;
  -h | --help | help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$cmd' (setup, build, serve [PORT], test, bench, profile, dist)" ;;
esac
