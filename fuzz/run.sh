#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each:
#   bash fuzz/run.sh 600                 # all five targets, 10 minutes each
#   bash fuzz/run.sh 60 markdown macros  # two targets, one minute each
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The stable toolchain is enough: the build uses
# RUSTC_BOOTSTRAP=1 for libFuzzer's coverage flags and no sanitizer (`-s none`). A crash is saved
# under fuzz/artifacts/<target>/; turn it into a regression test beside the code it hit.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter macros markdown close_rules data_files)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The data files' target starts from the project's data files and the broken ones of the tests:
# YAML's shape is slow to find from nothing.
mkdir -p corpus/data_files
for f in ../content/data/*.yaml ../tests/fixtures/bad/*/content/data/*.yaml; do
  cp "$f" "corpus/data_files/seed-$(echo "$f" | tr '/.' '__')"
done
status=0
for t in "${targets[@]}"; do
  echo "== $t for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" -- -max_total_time="$seconds" -max_len=65536 || status=1
done
exit $status
