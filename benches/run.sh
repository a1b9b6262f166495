#!/usr/bin/env bash
# The build benchmark: clean-build wall time, pages per second and peak memory of polyref, beside
# the floor (pulldown-cmark alone, same parallelism) and Hugo, on a RAM disk and on disk.
#
#   bash benches/run.sh                   # 3,000 and 30,000 pages, 5 runs each
#   SIZES="1000" RUNS=3 bash benches/run.sh
#   HUGO=0 bash benches/run.sh            # without Hugo
#
# SIZES counts API pages; each is written in 3 locales. Needs hyperfine (Debian), installed
# when missing, and Debian's hugo for the comparison (installed when missing unless HUGO=0).
# Prints a markdown table; the raw hyperfine results go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
HUGO=${HUGO:-1}
RAM=${RAM_DIR:-/dev/shm/polyref-bench}
DISK=${DISK_DIR:-$PWD/target/bench/disk}
mkdir -p target/bench

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ "$HUGO" = 1 ] && need hugo hugo

cargo build --release --quiet --bin polyref --example bench_corpus --example floor
POLYREF=$PWD/target/release/polyref
CORPUS=$PWD/target/release/examples/bench_corpus
FLOOR=$PWD/target/release/examples/floor

# Peak resident memory (MB) of one run of a command.
peak() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
PY
}

echo "| pages | where | tool | median wall (s) | pages/s | × floor | peak memory (MB) |"
echo "|---:|---|---|---:|---:|---:|---:|"
for n in $SIZES; do
  pages=$((n * 3))
  for where in ram disk; do
    base=$([ "$where" = ram ] && echo "$RAM/$n" || echo "$DISK/$n")
    rm -rf "$base" && mkdir -p "$base"
    hugo_args=()
    [ "$HUGO" = 1 ] && hugo_args=(--hugo "$base/hugo")
    "$CORPUS" --pages "$n" --out "$base/corpus" "${hugo_args[@]}" >/dev/null
    out="$base/out"
    # The second polyref row leaves js blocks plain: the difference is what highlighting costs.
    cmds=("$POLYREF build -q --root $PWD --content $base/corpus/content --out $out"
          "$POLYREF build -q --no-highlight --root $PWD --content $base/corpus/content --out $out"
          "$FLOOR $base/corpus/content $out")
    names=(polyref "polyref --no-highlight" floor)
    if [ "$HUGO" = 1 ]; then
      cmds+=("hugo --quiet --source $base/hugo --destination $out")
      names+=(hugo)
    fi
    json=target/bench/$where-$n.json
    hyperfine --style none --runs "$RUNS" --warmup 1 --prepare "rm -rf $out $base/.out.polyref-tmp $base/.out.polyref-old" \
      --export-json "$json" "${cmds[@]}" >/dev/null
    for i in "${!names[@]}"; do
      rm -rf "$out"
      # shellcheck disable=SC2086
      mem=$(peak ${cmds[$i]})
      python3 - "$json" "$i" "$pages" "$where" "${names[$i]}" "$mem" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
i, pages, where, name, mem = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
median = res[i]["median"]
floor = res[2]["median"]  # the commands are polyref, polyref --no-highlight, floor[, hugo]
print(f"| {pages:,} | {where} | {name} | {median:.2f} | {pages / median:,.0f} | {median / floor:.2f} | {mem} |")
PY
    done
    rm -rf "$out"
  done
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
