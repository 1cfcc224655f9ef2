#!/usr/bin/env bash
# The simulate ratios on a noisy machine: alternating runs of the 1,000- and 10,000-action
# replays and of ripgrep, reporting medians and minimums. Run bench/run.sh once first (it
# builds the release binary and generates bench/out).
# Usage: bench/ratio.sh [RUNS]      (default 8)
set -euo pipefail
cd "$(dirname "$0")/out"
BIN=../../target/release/voxhook
runs=${1:-8}
rm -f t1000.all t10000.all trg.all
for _ in $(seq "$runs"); do
  for n in 1000 10000; do
    /usr/bin/time -f "%e" -a -o "t$n.all" "$BIN" -f "actions-$n.yaml" simulate call-100k.txt \
      --dry-run --json --now 2026-03-24T09:00:00Z > /dev/null
  done
  /usr/bin/time -f "%e" -a -o trg.all rg -c -i -F -f phrases-1000.txt call-100k.txt > /dev/null
done
python3 - <<'P'
import statistics as s
a, b, r = ([float(x) for x in open(f)] for f in ("t1000.all", "t10000.all", "trg.all"))
print("simulate, 1,000 actions:  median %.2f s, min %.2f s" % (s.median(a), min(a)))
print("simulate, 10,000 actions: median %.2f s, min %.2f s" % (s.median(b), min(b)))
print("10x the actions: %.2fx the time (medians), %.2fx (minimums); goal <= 1.5x" % (s.median(b) / s.median(a), min(b) / min(a)))
print("rg: median %.2f s; simulate is %.2fx rg (medians), %.2fx (minimums); goal <= 3x" % (s.median(r), s.median(a) / s.median(r), min(a) / min(r)))
P
