#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each:
#   bash fuzz/run.sh 600                 # all six targets, 10 minutes each
#   bash fuzz/run.sh 60 markdown macros  # two targets, one minute each
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The stable toolchain is enough: the build uses
# RUSTC_BOOTSTRAP=1 for libFuzzer's coverage flags and no sanitizer (`-s none`). A crash is saved
# under fuzz/artifacts/<target>/; turn it into a regression test beside the code it hit.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter macros markdown close_rules data_files highlight)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The targets that read files start from the project's files and the broken ones of the tests:
# front matter and YAML are slow to find from nothing.
seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  for f in "$@"; do cp "$f" "corpus/$target/seed-$(echo "${f#../}" | tr '/.' '__')"; done
}
mapfile -t pages < <(find ../content ../tests/fixtures -name '*.md' -size -64k)
seed front_matter "${pages[@]}"
seed markdown "${pages[@]}"
seed data_files ../content/data/*.yaml ../tests/fixtures/bad/*/content/data/*.yaml
status=0
for t in "${targets[@]}"; do
  echo "== $t for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" -- -max_total_time="$seconds" -max_len=65536 || status=1
done
exit $status
