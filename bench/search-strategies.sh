#!/usr/bin/env bash
# Search strategies under one wall budget each, on BTC/USDT hourly 2024 (the tutorial's space, max 30 epochs,
# patience 5) and on the bundled Bitstamp minutes (the quick space): the baseline (the old default, TPE + median
# pruner) against the new default (TPE learning from pruned trials with cost-aware startup + ASHA from the first
# trial) and plain random + ASHA. Prints best val RMSE, trials finished, the time to reach the final best, the time
# the new default took to reach the baseline's final best, and the confirmed winner's test skill +- sd when the
# campaign recorded confirmation trials. A benchmark, not a test: it prints a table.
#   bench/search-strategies.sh [minutes per strategy = 20] [btc|bundled|both = both]
# env: BTC_CSV (default ../shared/data/btcusdt_1h.csv), SLOTS (workers per campaign, default 1),
#      PARALLEL=1 runs a data set's strategies side by side (same machine load for all; each gets a share of it).
#      KEEP=1 keeps the stores and logs (the folder is printed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
minutes="${1:-20}"
which="${2:-both}"
btc="${BTC_CSV:-../shared/data/btcusdt_1h.csv}"
slots="${SLOTS:-1}"
work="$(mktemp -d)"
store="$work/store"
if [[ "${KEEP:-0}" == 1 ]]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

experiment() { # name config space sampler pruner
  cat > "$work/$1.json" <<JSON
{
  "name": "$1",
  "config": $2,
  "space": "$3",
  "sampler": $4,
  "pruner": $5,
  "budget": {"max_trials": 1000, "max_minutes": $minutes, "max_consecutive_failures": 50},
  "seed": 7
}
JSON
}
search() { bin/lstm-tuner search --experiment "$work/$1.json" --store "$store" --slots "$slots" --artifacts "$work/artifacts" > "$work/$1.log" 2>&1; }
campaigns() { # names...: run them one after another, or side by side with PARALLEL=1
  if [[ "${PARALLEL:-0}" == 1 ]]; then
    for c in "$@"; do search "$c" & done
    wait
  else
    for c in "$@"; do search "$c"; done
  fi
}

new_sampler='{"type": "tpe", "n_startup": 10, "cheap_startup": 3}'
new_pruner='{"type": "asha", "min_resource": 2, "reduction_factor": 3}'
names=()
if [[ "$which" == btc || "$which" == both ]]; then
  [[ -f "$btc" ]] || { echo "no $btc: set BTC_CSV or run with 'bundled'" >&2; exit 2; }
  cfg="{\"data\": \"$btc\", \"symbol\": \"BTCUSDT\", \"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"max_epochs\": 30, \"patience\": 5, \"seed\": 42}"
  newcfg="${cfg%\}}, \"min_delta\": 0.001}"
  experiment btc-baseline "$cfg" search-spaces/tutorial.json '{"type": "tpe", "n_startup": 10, "cheap_startup": 1}' \
    '{"type": "median", "startup_trials": 3, "warmup_epochs": 3}'
  experiment btc-new-default "$newcfg" search-spaces/tutorial.json "$new_sampler" "$new_pruner"
  experiment btc-random-asha "$newcfg" search-spaces/tutorial.json '"random"' "$new_pruner"
  campaigns btc-baseline btc-new-default btc-random-asha
  names+=(btc-baseline btc-new-default btc-random-asha)
fi
if [[ "$which" == bundled || "$which" == both ]]; then
  cfg='{"max_rows": 6000, "dense_units": 0, "max_epochs": 10, "patience": 3, "seed": 42}'
  experiment bundled-baseline "$cfg" search-spaces/quick.json '{"type": "tpe", "n_startup": 4, "cheap_startup": 1}' \
    '{"type": "median", "startup_trials": 3, "warmup_epochs": 2}'
  experiment bundled-new-default "$cfg" search-spaces/quick.json '{"type": "tpe", "n_startup": 4, "cheap_startup": 3}' "$new_pruner"
  experiment bundled-random-asha "$cfg" search-spaces/quick.json '"random"' "$new_pruner"
  campaigns bundled-baseline bundled-new-default bundled-random-asha
  names+=(bundled-baseline bundled-new-default bundled-random-asha)
fi

for c in "${names[@]}"; do
  bin/lstm-tuner trials "$c" --store "$store" --sort number --order asc --limit 100000 --json > "$work/$c.trials.json"
done
bin/lstm-tuner campaigns --store "$store" --json > "$work/campaigns.json"
echo "wall budget: $minutes min per strategy, $slots worker(s) each$([[ "${PARALLEL:-0}" == 1 ]] && echo ', strategies side by side'); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" "${names[@]}" <<'PY'
import json, statistics, sys
from datetime import datetime
work, names = sys.argv[1], sys.argv[2:]
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None
camps = {c["name"]: c for c in json.load(open(f"{work}/campaigns.json"))}
rows, trials = {}, {}
for n in names:
    ts = json.load(open(f"{work}/{n}.trials.json"))
    ts = ts["trials"] if isinstance(ts, dict) else ts
    trials[n] = ts
    start = min(t(x["started_at"]) for x in ts if x.get("started_at")) if ts else None
    done = [x for x in ts if x["state"] == "COMPLETE" and x.get("objective") is not None]
    fin = sum(x["state"] in ("COMPLETE", "PRUNED") for x in ts)
    failed = [x for x in ts if x["state"] == "FAILED" and "interrupted" not in (x.get("failure_reason") or "")]
    best = min(done, key=lambda x: x["objective"]) if done else None
    rows[n] = dict(start=start, done=done, best=best, complete=len(done), fin=fin, failed=len(failed),
                   pruned=sum(x["state"] == "PRUNED" for x in ts))
def reach(n, level):
    r = rows[n]
    hits = [t(x["finished_at"]) for x in r["done"] if x["objective"] <= level + 1e-12]
    return (min(hits) - r["start"]).total_seconds() if hits else None
def confirmed(n):
    r = rows[n]
    if not r["best"] or "confirm_of" not in r["best"]: return "-"
    # the winner: the trial with the most confirmation runs, else the best; its skill and its re-seeded copies'
    links = [x for x in trials[n] if x.get("confirm_of") is not None]
    if not links: return "-"
    by = {}
    for x in links: by.setdefault(x["confirm_of"], []).append(x)
    win = min(by, key=lambda i: statistics.mean([y["objective"] for y in by[i] if y.get("objective") is not None] or [1e300]))
    runs = [x for x in trials[n] if x["id"] == win] + by[win]
    sk = [x["metrics"]["skill"] for x in runs if x.get("metrics") and x["metrics"].get("skill") is not None]
    return "%.4f +- %.4f (%d seeds)" % (statistics.mean(sk), statistics.stdev(sk) if len(sk) > 1 else 0, len(sk)) if sk else "-"
print("| campaign | complete | pruned | failed | finished | best val RMSE | time to final best | new default to baseline's best | confirmed test skill |")
print("|---|---|---|---|---|---|---|---|---|")
for n in names:
    r = rows[n]
    base = n.split("-")[0] + "-baseline"
    best = r["best"]["objective"] if r["best"] else None
    tfinal = reach(n, best) if best is not None else None
    tb = "-"
    if n != base and base in rows and rows[base]["best"]:
        s = reach(n, rows[base]["best"]["objective"]); b = reach(base, rows[base]["best"]["objective"])
        tb = ("%.0f s vs %.0f s (%.2fx)" % (s, b, s / b)) if s is not None else "not reached"
    print("| %s | %d | %d | %d | %d | %s | %s | %s | %s |" % (n, r["complete"], r["pruned"], r["failed"], r["fin"],
          "%.4f" % best if best is not None else "-", "%.0f s" % tfinal if tfinal is not None else "-", tb, confirmed(n)))
PY
