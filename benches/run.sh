#!/usr/bin/env bash
# The build benchmark: clean-build wall time, pages per second and peak memory of polyref, beside
# the floor (pulldown-cmark alone, same parallelism) and Hugo, on a RAM disk and on disk; then
# serve's incremental rebuild of one edited page on the largest corpus.
#
#   bash benches/run.sh                   # 3,000 and 30,000 pages
#   SIZES="1000" RUNS=3 bash benches/run.sh
#   HUGO=0 bash benches/run.sh            # without Hugo
#   GIT=0 bash benches/run.sh             # without the row of the corpus committed to git
#   WHERE=ram INCREMENTAL=0 bash benches/run.sh
#   KEEP=1 bash benches/run.sh          # keep the corpora (RAM_DIR, DISK_DIR) afterwards
#
# SIZES counts API pages; each is written in 3 locales. A round is one run of each tool in turn;
# RUNS rounds (after a warm-up round) on the RAM disk, DISK_RUNS on disk, where a run and the
# removal of its output take minutes. Each tool's median is over its runs. Peak memory is
# measured once per tool, on the RAM disk. Needs hyperfine (Debian), installed when
# missing, and Debian's hugo for the comparison (installed when missing unless HUGO=0).
# Prints a markdown table; the raw hyperfine results go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
DISK_RUNS=${DISK_RUNS:-2}
HUGO=${HUGO:-1}
GIT=${GIT:-1}
WHERE=${WHERE:-"ram disk"}
INCREMENTAL=${INCREMENTAL:-1}
KEEP=${KEEP:-0}
RAM=${RAM_DIR:-/dev/shm/polyref-bench}
DISK=${DISK_DIR:-$PWD/target/bench/disk}
mkdir -p target/bench
# The corpora take memory on the RAM disk (about 0.4 GB at 10,000 pages): the folders made here
# are removed at the end, however the script ends, unless KEEP=1.
cleanup() { for n in $SIZES; do rm -rf "${RAM:?}/$n" "${DISK:?}/$n"; done; rm -rf "$RAM/incremental"; }
[ "$KEEP" = 1 ] || trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ "$GIT" = 1 ] && need git git
[ "$HUGO" = 1 ] && need hugo hugo

cargo build --release --quiet --bin polyref --example bench_corpus --example floor --example bench_incremental
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

echo "| pages | where | tool | median wall (s) | pages/s | × floor | × floor, round by round | Hugo's time ÷ this | peak memory (MB) |"
echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  pages=$((n * 3))
  for where in $WHERE; do
    base=$([ "$where" = ram ] && echo "$RAM/$n" || echo "$DISK/$n")
    rm -rf "$base" && mkdir -p "$base"
    hugo_args=()
    [ "$HUGO" = 1 ] && hugo_args=(--hugo "$base/hugo")
    "$CORPUS" --pages "$n" --out "$base/corpus" "${hugo_args[@]}" >/dev/null
    out="$base/out"
    cmds=("$POLYREF build -q --root $PWD --content $base/corpus/content --out $out"
          "$FLOOR $base/corpus/content $out")
    names=(polyref floor)
    if [ "$where" = ram ]; then
      # Highlighting is CPU work: its cost shows on the RAM disk as the difference of the rows.
      cmds+=("$POLYREF build -q --no-highlight --root $PWD --content $base/corpus/content --out $out")
      names+=("polyref --no-highlight")
      if [ "$GIT" = 1 ]; then
        # The same corpus committed to git, as a project's content is: the translation status
        # pages then ask git about every translation's source.
        cp -r "$base/corpus" "$base/git"
        git -C "$base/git" init -q
        git -C "$base/git" add -A
        git -C "$base/git" -c user.name=bench -c user.email=bench@example.org -c commit.gpgsign=false \
          commit -q -m corpus
        cmds+=("$POLYREF build -q --root $PWD --content $base/git/content --out $out")
        names+=("polyref, content in git")
      fi
    fi
    if [ "$HUGO" = 1 ]; then
      cmds+=("hugo --quiet --source $base/hugo --destination $out")
      names+=(hugo)
    fi
    runs=$([ "$where" = ram ] && echo "$RUNS" || echo "$DISK_RUNS")
    first=$([ "$where" = ram ] && echo 0 || echo 1) # round 0 is a warm-up, on the RAM disk
    rm -f target/bench/"$where-$n"-*.json
    # Rounds of one run of each tool in turn, so that a slow spell of the machine (a shared
    # one, or a disk busy with what the last run wrote) falls on every tool alike rather than
    # on all the runs of one of them. Each run starts from no output, with the removal of the
    # last one written out (`sync`).
    for ((round = first; round <= runs; round++)); do
      for i in "${!cmds[@]}"; do
        hyperfine --style none --runs 1 --prepare "rm -rf $out $base/.out.polyref-tmp $base/.out.polyref-old; sync" \
          --export-json "target/bench/$where-$n-$i-$round.json" "${cmds[$i]}" >/dev/null
      done
    done
    rm -f target/bench/"$where-$n"-*-0.json
    for i in "${!names[@]}"; do
      mem="—"
      if [ "$where" = ram ]; then
        rm -rf "$out"
        # shellcheck disable=SC2086
        mem=$(peak ${cmds[$i]})
      fi
      python3 - "target/bench/$where-$n" "$i" "$pages" "$where" "${names[$i]}" "$mem" "${names[@]}" <<'PY'
import glob, json, statistics, sys
prefix, i, pages, where, name, mem = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:7]
names = sys.argv[7:]
def by_round(tool):
    # One run per file, `<prefix>-<tool>-<round>.json`.
    return {int(f.rsplit("-", 1)[1].removesuffix(".json")): json.load(open(f))["results"][0]["times"][0]
            for f in glob.glob(f"{prefix}-{tool}-*.json")}
def median(tool):
    return statistics.median(by_round(tool).values())
rounds, floor_rounds = by_round(i), by_round(1)  # the commands are polyref, floor, then the optional ones
mine, floor = statistics.median(rounds.values()), statistics.median(floor_rounds.values())
# The tools take turns, so each round's runs met the same conditions: the range of the ratio
# over the rounds shows how far one round may fall from the median.
ratios = sorted(t / floor_rounds[r] for r, t in rounds.items() if r in floor_rounds)
spread = f"{ratios[0]:.2f}–{ratios[-1]:.2f}" if ratios else "—"
vs_hugo = f"{median(names.index('hugo')) / mine:.1f}" if "hugo" in names else "—"
print(f"| {pages:,} | {where} | {name} | {mine:.2f} | {pages / mine:,.0f} | {mine / floor:.2f} | {spread} | {vs_hugo} | {mem} |")
PY
    done
    rm -rf "$out"
  done
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"

if [ "$INCREMENTAL" = 1 ]; then
  largest=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)
  echo
  echo "Incremental rebuild in serve, $((largest * 3)) pages on the RAM disk:"
  echo "A sentence of one page edited:"
  "$PWD/target/release/examples/bench_incremental" --pages "$largest" --dir "$RAM/incremental" | grep -v "^Rebuilt\|^Built"
  echo "The short title edited (the locale's home lists it):"
  "$PWD/target/release/examples/bench_incremental" --pages "$largest" --dir "$RAM/incremental" --title | grep -v "^Rebuilt\|^Built"
  rm -rf "$RAM/incremental"
fi
