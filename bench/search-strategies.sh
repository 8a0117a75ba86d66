#!/usr/bin/env bash
# Search strategies under the same wall budget on the same data (the bundled Bitstamp minutes, tiny LSTMs):
# random vs random+median vs TPE vs TPE+ASHA (best validation RMSE reached, trials finished), then trials per hour
# with 1 vs 2 CPU worker slots. A benchmark, not a test: it prints a table.
#   bench/search-strategies.sh [minutes per campaign = 3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
minutes="${1:-3}"
work="$(mktemp -d)"
store="$work/store"
run() { # name sampler pruner slots
  cat > "$work/$1.json" <<JSON
{
  "name": "$1",
  "config": {"max_rows": 5000, "dense_units": 0, "max_epochs": 8, "patience": 3, "seed": 42},
  "space": "search-spaces/quick.json",
  "sampler": $2,
  "pruner": $3,
  "budget": {"max_trials": 1000, "max_minutes": $minutes},
  "seed": 7
}
JSON
  bin/lstm-tuner search --experiment "$work/$1.json" --store "$store" --slots "$4" --artifacts "$work/artifacts" > "$work/$1.log" 2>&1
}
run random-2slots '"random"' '"none"' 2
run random-median-2slots '"random"' '{"type": "median", "startup_trials": 3, "warmup_epochs": 2}' 2
run tpe-2slots '{"type": "tpe", "n_startup": 4}' '"none"' 2
run tpe-asha-2slots '{"type": "tpe", "n_startup": 4}' '{"type": "asha", "min_resource": 1, "reduction_factor": 3}' 2
run random-1slot '"random"' '"none"' 1
echo "same wall budget: $minutes min per campaign, bundled data, space search-spaces/quick.json"
printf '%-22s %8s %8s %8s %8s %12s %14s\n' campaign complete pruned failed finished best_val_rmse finished/hour
bin/lstm-tuner campaigns --store "$store" --json | python3 -c '
import json, sys
m = float(sys.argv[1])
for c in json.load(sys.stdin)[::-1]:
    n = c["trials_by_state"]; fin = n["complete"] + n["pruned"] + n["failed"]
    best = c.get("best") or {}
    print("%-22s %8d %8d %8d %8d %12s %14.1f" % (c["name"], n["complete"], n["pruned"], n["failed"], fin,
          ("%.4f" % best["objective"]) if best.get("objective") is not None else "-", fin * 60 / m))
' "$minutes"
echo "(trials finished per hour: compare random-1slot with random-2slots for the gain of a second CPU worker)"
rm -rf "$work"
