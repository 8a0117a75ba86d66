#!/usr/bin/env bash
# Search strategies under one wall budget each, on BTC/USDT hourly 2024 (the tutorial's space, max 30 epochs,
# patience 5) and on the bundled Bitstamp minutes (the quick space): the baseline (the old default, TPE + median
# pruner) against the new default (TPE learning from pruned trials with cost-aware startup + ASHA from the first
# trial) and plain random + ASHA, and multi-fidelity (the new default with ASHA's early rungs on the most recent
# training windows, "fidelity": "recent", and TPE's cost-aware acquisition, "cost_aware": true; docs/multi-fidelity.md).
# Prints best val RMSE, trials finished, the time to reach the final best, the time
# the new default took to reach the baseline's final best, and the confirmed winner's test skill +- sd when the
# campaign recorded confirmation trials; with several SEEDS, the median best-so-far over time of each strategy and
# the multi-fidelity goal (the default's final best in at most half its time, at least 2x its trials).
# A benchmark, not a test: it prints tables.
#   bench/search-strategies.sh [minutes per strategy = 20] [btc|bundled|both = both]
# env: BTC_CSV (default ../shared/data/btcusdt_1h.csv), SLOTS (workers per campaign, default 1),
#      PARALLEL=1 runs the chosen campaigns side by side (same machine load for all; each gets a share of it);
#      PARALLEL=seed runs one seed's campaigns side by side, the seeds one after another (the strategies of a seed
#      share the machine's load, and a run of three strategies x three seeds takes three budgets).
#      KEEP=1 keeps the stores and logs (the folder is printed).
#      SEED: the samplers' seed (default 7); SEEDS: several ("7 8 9": one campaign per strategy and seed, named
#      <data>-<strategy>-s<seed>); STRATEGIES: which rows (default "baseline new-default random-asha"; also
#      multi-fidelity).
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

seeds=(${SEEDS:-${SEED:-7}})
experiment() { # name config space sampler pruner: one campaign per seed
  local seed name
  for seed in "${seeds[@]}"; do
    name="$1"; [[ ${#seeds[@]} -gt 1 ]] && name="$1-s$seed"
    cat > "$work/$name.json" <<JSON
{
  "name": "$name",
  "config": $2,
  "space": "$3",
  "sampler": $4,
  "pruner": $5,
  "budget": {"max_trials": 1000, "max_minutes": $minutes, "max_consecutive_failures": 50},
  "seed": $seed
}
JSON
  done
}
add() { # name: its campaigns, one per seed
  local seed
  for seed in "${seeds[@]}"; do if [[ ${#seeds[@]} -gt 1 ]]; then names+=("$1-s$seed"); else names+=("$1"); fi; done
}
search() { bin/lstm-tuner search --experiment "$work/$1.json" --store "$store" --slots "$slots" --artifacts "$work/artifacts" > "$work/$1.log" 2>&1; }
strategies=" ${STRATEGIES:-baseline new-default random-asha} "
bin/lstm-tuner --version > /dev/null # build the jar once, not once per parallel campaign
campaigns() { # names...: run them one after another, or side by side with PARALLEL=1
  if [[ "${PARALLEL:-0}" == 1 ]]; then
    for c in "$@"; do search "$c" & done
    wait
  elif [[ "${PARALLEL:-0}" == seed ]]; then
    local seed
    for seed in "${seeds[@]}"; do
      for c in "$@"; do if [[ ${#seeds[@]} -eq 1 || "$c" == *"-s$seed" ]]; then search "$c" & fi; done
      wait
    done
  else
    for c in "$@"; do search "$c"; done
  fi
}

new_sampler='{"type": "tpe", "n_startup": 10, "cheap_startup": 3}'
new_pruner='{"type": "asha", "min_resource": 2, "reduction_factor": 3}'
mf_pruner='{"type": "asha", "min_resource": 2, "reduction_factor": 3, "fidelity": "recent"}'
names=()
if [[ "$which" == btc || "$which" == both ]]; then
  [[ -f "$btc" ]] || { echo "no $btc: set BTC_CSV or run with 'bundled'" >&2; exit 2; }
  cfg="{\"data\": \"$btc\", \"symbol\": \"BTCUSDT\", \"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"max_epochs\": 30, \"patience\": 5, \"seed\": 42}"
  newcfg="${cfg%\}}, \"min_delta\": 0.001}"
  experiment btc-baseline "$cfg" search-spaces/tutorial.json '{"type": "tpe", "n_startup": 10, "cheap_startup": 1}' \
    '{"type": "median", "startup_trials": 3, "warmup_epochs": 3}'
  experiment btc-new-default "$newcfg" search-spaces/tutorial.json "$new_sampler" "$new_pruner"
  experiment btc-random-asha "$newcfg" search-spaces/tutorial.json '"random"' "$new_pruner"
  experiment btc-multi-fidelity "$newcfg" search-spaces/tutorial.json \
    '{"type": "tpe", "n_startup": 10, "cheap_startup": 3, "cost_aware": true}' "$mf_pruner"
  for c in baseline new-default random-asha multi-fidelity; do if [[ "$strategies" == *" $c "* ]]; then add "btc-$c"; fi; done
fi
if [[ "$which" == bundled || "$which" == both ]]; then
  cfg='{"max_rows": 6000, "dense_units": 0, "max_epochs": 10, "patience": 3, "seed": 42}'
  experiment bundled-baseline "$cfg" search-spaces/quick.json '{"type": "tpe", "n_startup": 4, "cheap_startup": 1}' \
    '{"type": "median", "startup_trials": 3, "warmup_epochs": 2}'
  experiment bundled-new-default "$cfg" search-spaces/quick.json '{"type": "tpe", "n_startup": 4, "cheap_startup": 3}' "$new_pruner"
  experiment bundled-random-asha "$cfg" search-spaces/quick.json '"random"' "$new_pruner"
  experiment bundled-multi-fidelity "$cfg" search-spaces/quick.json \
    '{"type": "tpe", "n_startup": 4, "cheap_startup": 3, "cost_aware": true}' "$mf_pruner"
  for c in baseline new-default random-asha multi-fidelity; do if [[ "$strategies" == *" $c "* ]]; then add "bundled-$c"; fi; done
fi
campaigns "${names[@]}"

for c in "${names[@]}"; do
  bin/lstm-tuner trials "$c" --store "$store" --sort number --order asc --limit 100000 --json > "$work/$c.trials.json"
done
bin/lstm-tuner campaigns --store "$store" --json > "$work/campaigns.json"
echo "wall budget: $minutes min per strategy, $slots worker(s) each$([[ "${PARALLEL:-0}" != 0 ]] && echo ", strategies side by side (PARALLEL=${PARALLEL})"); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" "$minutes" "${names[@]}" <<'PY'
import json, re, statistics, sys
from datetime import datetime
work, minutes, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
def group(n): return re.sub(r"-s\d+$", "", n)      # btc-new-default-s8 -> btc-new-default
def suffix(n): return n[len(group(n)):]
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
    base = n.split("-")[0] + "-baseline" + suffix(n)
    best = r["best"]["objective"] if r["best"] else None
    tfinal = reach(n, best) if best is not None else None
    tb = "-"
    if n != base and base in rows and rows[base]["best"]:
        s = reach(n, rows[base]["best"]["objective"]); b = reach(base, rows[base]["best"]["objective"])
        tb = ("%.0f s vs %.0f s (%.2fx)" % (s, b, s / b)) if s is not None else "not reached"
    print("| %s | %d | %d | %d | %d | %s | %s | %s | %s |" % (n, r["complete"], r["pruned"], r["failed"], r["fin"],
          "%.4f" % best if best is not None else "-", "%.0f s" % tfinal if tfinal is not None else "-", tb, confirmed(n)))

# several seeds: the median over seeds of each strategy's best-so-far at tenths of the budget, and the goal
groups = {}
for n in names: groups.setdefault(group(n), []).append(n)
if any(len(v) > 1 for v in groups.values()):
    def best_by(n, secs):
        r = rows[n]
        vals = [x["objective"] for x in r["done"] if (t(x["finished_at"]) - r["start"]).total_seconds() <= secs]
        return min(vals) if vals else float("inf")
    def median_at(g, secs):
        return statistics.median([best_by(n, secs) for n in groups[g] if rows[n]["start"]] or [float("inf")])
    def fmt(v): return "-" if v == float("inf") else "%.4f" % v
    budget = minutes * 60
    marks = [budget * k / 10 for k in range(1, 11)]
    print()
    print("median best val RMSE so far over %d seeds, at tenths of the %g-minute budget" % (max(len(v) for v in groups.values()), minutes))
    print("| strategy | " + " | ".join("%.0f s" % m for m in marks) + " | median trials finished |")
    print("|---" * (len(marks) + 2) + "|")
    for g in groups:
        print("| %s | %s | %s |" % (g, " | ".join(fmt(median_at(g, m)) for m in marks),
              statistics.median(rows[n]["fin"] for n in groups[g])))
    for data in sorted({g.split("-")[0] for g in groups}):
        d, mf = data + "-new-default", data + "-multi-fidelity"
        if d not in groups or mf not in groups: continue
        # the last COMPLETE trial of either: trials running when the budget ends still finish
        end = max([budget] + [(t(x["finished_at"]) - rows[n]["start"]).total_seconds()
                              for n in groups[d] + groups[mf] for x in rows[n]["done"]])
        target = median_at(d, end + 1)
        if target == float("inf"): print("%s: the default completed no trial" % data); continue
        def reach(g): return next((s for s in range(0, int(end) + 2) if median_at(g, s) <= target + 1e-12), None)
        td, tm = reach(d), reach(mf)
        trials = statistics.median(rows[n]["fin"] for n in groups[mf]) / max(1, statistics.median(rows[n]["fin"] for n in groups[d]))
        half = tm is not None and td and tm <= 0.5 * td
        print("%s: the default's final median best %.4f: default reached it at %s s, multi-fidelity at %s (%s); "
              "trials finished %.2fx the default's; goal (<= 0.5x the time and >= 2x the trials): %s"
              % (data, target, td, "%s s" % tm if tm is not None else "never", "%.2fx" % (tm / td) if tm is not None and td else "-",
                 trials, "met" if half and trials >= 2 else "not met"))
PY
