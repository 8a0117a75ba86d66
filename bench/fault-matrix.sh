#!/usr/bin/env bash
# The fault matrix: every hostile or unlucky input we know of, run against the real CLI, one row per probe:
#   probe | exit code | first line of the message | verdict (ok when the exit code and the message are as expected)
# Each probe gets its own store in a temporary folder; nothing under results/ is touched. Tiny models only:
# the whole matrix takes a few minutes on 2 cores. As root it also mounts a small tmpfs (disk full) and a
# read-only bind mount (read-only store); otherwise it uses `ulimit -f` and chmod for the same probes.
#   bench/fault-matrix.sh            prints the table; exits 1 if any row is not ok
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -o -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2 \
  || mvn -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
export OMP_NUM_THREADS=1
CP="target/classes:$(cat target/classpath.txt)"
H2JAR="$(tr ':' '\n' < target/classpath.txt | grep '/h2-[0-9.]*\.jar$' | head -1)"
W="$(mktemp -d /tmp/fault-matrix.XXXXXX)"
MOUNTS=()
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null; done
  for m in "${MOUNTS[@]:-}"; do [[ -n "$m" ]] && umount -l "$m" 2>/dev/null; done
  rm -rf "$W"
}
trap cleanup EXIT
lt() { java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main "$@"; }
ROOT=0; [[ "$(id -u)" == 0 ]] && ROOT=1

ROWS=()
FAILS=0
# row PROBE WANT_EXIT PATTERN (regex over stdout+stderr; empty = any) -- then the captured $W/out, $W/err, $code
row() {
  local probe="$1" want="$2" pat="$3" first verdict
  first="$(grep -m1 -v '^\s*$' "$W/err" || true)"
  [[ -z "$first" ]] && first="$(grep -m1 -v '^\s*$' "$W/out" || true)"
  first="${first:0:150}"
  verdict=ok
  if [[ "$code" != "$want" ]]; then verdict="NOT OK (want exit $want)"; fi
  if [[ -n "$pat" ]] && ! cat "$W/out" "$W/err" | grep -qE -- "$pat"; then verdict="NOT OK (no /$pat/)"; fi
  [[ "$verdict" == ok ]] || FAILS=$((FAILS + 1))
  ROWS+=("$probe|$code|$first|$verdict")
}
run() { "$@" >"$W/out" 2>"$W/err"; code=$?; }  # run CMD...: captures out, err and code
csv() { printf 'timestamp,open,high,low,close,volume\n'; cat; }
hourly() { # hourly CSV of N rows
  python3 -c "
import math,sys
n=int(sys.argv[1]); print('timestamp,open,high,low,close,volume')
for i in range(n):
    c=100+3*math.sin(i/7)+i*0.01
    print('%d,%.4f,%.4f,%.4f,%.4f,100' % (1640995200000+i*3600000, c, c+1, c-1, c))" "$1"
}
TINY='"max_rows": 1200, "features": ["log_return_1", "hl_range"], "time_steps": 8, "units": [4], "dense_units": 0, "dropout": 0.0, "max_epochs": 2, "patience": 0, "batch_size": 32'
experiment() { # NAME EXTRA_TOP_LEVEL_JSON [CONFIG_EXTRA] [SPACE]
  local space="${4:-{\"params\": {\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01, \"log\": true}}}}"
  printf '{"name": "%s", "config": {%s%s}, "space": %s, "sampler": "random", "budget": {"max_trials": 2}%s}\n' \
    "$1" "$TINY" "${3:-}" "$space" "${2:-}" > "$W/$1.json"
  echo "$W/$1.json"
}
campaign_count() { lt campaigns --store "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0; }

# ---------------------------------------------------------------- 1. names
mkdir -p "$W/n1/a/b"
run lt train --name '../../p6/escaped' --store "$W/n1/store" --artifacts "$W/n1/a/b/artifacts" --set max_epochs=1
[[ -e "$W/n1/p6" || -e "$W/p6" ]] && code="escaped!"
row "train --name ../../p6/escaped" 2 "campaign name must be"
run lt search --experiment "$(experiment n2)" --name 'x<svg onload=alert(1)>' --store "$W/n2store" --artifacts "$W/n2art"
row "search --name 'x<svg onload=alert(1)>'" 2 "campaign name must be"
sed 's/"name": "n3"/"name": "..\/up"/' "$(experiment n3)" > "$W/n3b.json"
run lt search --experiment "$W/n3b.json" --store "$W/n3store"
row "experiment \"name\": \"../up\"" 2 "campaign name must be"

# ---------------------------------------------------------------- 2. exposure of the store
lt serve --store "$W/s2/store" --port 0 >"$W/serve2.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do [[ -s "$W/s2/store.lock.db" ]] && grep -q '^server=' "$W/s2/store.lock.db" && break; sleep 0.5; done
port="$(sed -n 's/^server=.*\\:\([0-9]*\)$/\1/p' "$W/s2/store.lock.db" 2>/dev/null)"
hex="$(printf '%04X' "${port:-0}")"
addrs="$(awk -v p="$hex" '$4=="0A" { split($2,a,":"); if (a[2]==p) print a[1] }' /proc/net/tcp /proc/net/tcp6 | sort -u | tr '\n' ' ')"
printf 'AUTO_SERVER port %s listens on %s\n' "$port" "${addrs:-nothing}" > "$W/out"; : > "$W/err"
code=0; [[ -z "$addrs" ]] && code=1
for a in $addrs; do case "$a" in 0100007F|0000000000000000FFFF00000100007F|00000000000000000000000001000000) ;; *) code=1 ;; esac; done
row "AUTO_SERVER listening address (serve holds the store)" 0 "listens on (0100007F|0000000000000000FFFF00000100007F)"
cat > "$W/Login.java" <<'JAVA'
import java.sql.DriverManager;
public class Login { public static void main(String[] a) throws Exception {
  try (var c = DriverManager.getConnection(a[0], "sa", "")) { System.out.println("logged in as sa with an empty password"); }
  catch (java.sql.SQLException e) { System.err.println("refused: " + e.getMessage().lines().findFirst().orElse("")); System.exit(2); } } }
JAVA
run java -cp "$H2JAR" "$W/Login.java" "jdbc:h2:file:$W/s2/store;AUTO_SERVER=TRUE"
row "log in to that store as sa / empty password" 2 "Wrong user name or password"
perm="$(stat -c %a "$W/s2/store.password" 2>/dev/null)"
printf 'password file mode %s\n' "${perm:-missing}" > "$W/out"; : > "$W/err"; code=0; [[ "$perm" == 600 ]] || code=1
row "store password file beside the store" 0 "mode 600"
kill "${PIDS[-1]}" 2>/dev/null; wait "${PIDS[-1]}" 2>/dev/null

# ---------------------------------------------------------------- 4/5. validation before anything is stored
bad_experiment() { # PROBE PATTERN FILE
  run lt search --experiment "$3" --store "$W/v/store" --artifacts "$W/v/art" --slots 1
  local c="$code"; local n; n="$(campaign_count "$W/v/store")"
  [[ "$n" != 0 ]] && c="$c+$n campaign(s) left"
  code="$c"; row "$1" 2 "$2"
}
mkdir -p "$W/v"
bad_experiment "unknown sampler" 'unknown sampler "nope"' "$(experiment v1 | xargs sed -i 's/"sampler": "random"/"sampler": "nope"/' && echo "$W/v1.json")"
bad_experiment "unknown pruner" 'unknown pruner "nope"' "$(experiment v2 ', "pruner": "nope"')"
bad_experiment "bad sampler option" 'unknown option "n_start"' "$(experiment v3 | xargs sed -i 's/"sampler": "random"/"sampler": {"type": "tpe", "n_start": 4}/' && echo "$W/v3.json")"
bad_experiment "missing data path" "not found" "$(experiment v4 '' ", \"data\": \"$W/nope.csv\"")"
bad_experiment "a directory as data" "is a directory" "$(experiment v5 '' ", \"data\": \"$W\"")"
hourly 300 > "$W/h300.csv"
bad_experiment "time_steps corner larger than the data" "time_steps=400" \
  "$(experiment v6 '' ", \"data\": \"$W/h300.csv\"" '{"params": {"time_steps": {"type": "int", "low": 8, "high": 400, "step": 8}}}')"
bad_experiment "max_trials 4294967297" "out of range" "$(experiment v7 | xargs sed -i 's/"max_trials": 2/"max_trials": 4294967297/' && echo "$W/v7.json")"
bad_experiment "broken search space (low > high)" "learning_rate" "$(experiment v8 '' '' '{"params": {"learning_rate": {"type": "float", "low": 0.1, "high": 0.01}}}')"
bad_experiment "unknown experiment key" 'unknown key "budgett"' "$(experiment v9 ', "budgett": {}')"
bad_experiment "space corner outside the config ranges" '"dropout"' "$(experiment v10 '' '' '{"params": {"dropout": {"type": "float", "low": 0.0, "high": 0.95}}}')"

# ---------------------------------------------------------------- bad config kinds (train --no-store)
cfgprobe() { printf '%s' "$3" > "$W/cfg.json"; run lt train --config "$W/cfg.json" --no-store; row "$1" 2 "$2"; }
cfgprobe "config: unknown key" '"unitz"' '{"unitz": [32]}'
cfgprobe "config: not JSON" 'line 1' '{"units": [32'
cfgprobe "config: dropout 2" '"dropout"' '{"dropout": 2}'
cfgprobe "config: max_epochs 4294967297" 'max_epochs' '{"max_epochs": 4294967297}'
cfgprobe "config: split not adding to 1" '"split"' '{"split": [0.5, 0.2, 0.2]}'
run lt train --set learning_rate=-1 --no-store; row "--set learning_rate=-1" 2 '"learning_rate"'

# ---------------------------------------------------------------- bad CSV kinds
csvprobe() { printf '%b' "$3" > "$W/bad.csv"; run lt train --data "$W/bad.csv" --no-store; row "csv: $1" 2 "$2"; }
H='timestamp,open,high,low,close,volume\n'
csvprobe "empty file" "is empty" ''
csvprobe "unknown header" "expected a header" 'date;price\n1;2\n'
csvprobe "a word as a price" "line 3" "${H}2022-01-01T00:00:00Z,10,11,9,10.5,100\n2022-01-01T01:00:00Z,10,11,9,abc,100\n"
csvprobe "NaN close" "line 3" "${H}2022-01-01T00:00:00Z,10,11,9,10.5,100\n2022-01-01T01:00:00Z,10,11,9,NaN,100\n"
csvprobe "too few columns" "line 2" "${H}2022-01-01T00:00:00Z,10,11,9\n"
csvprobe "one data row" "need at least 2" "${H}2022-01-01T00:00:00Z,10,11,9,10.5,100\n"
csvprobe "high below low" "line 2" "${H}2022-01-01T00:00:00Z,10,8,9,10.5,100\n2022-01-01T01:00:00Z,10,11,9,10.6,100\n"
csvprobe "timestamps out of order" "line" "${H}2022-01-01T01:00:00Z,10,11,9,10.5,100\n2022-01-01T00:00:00Z,10,11,9,10.6,100\n2022-01-01T02:00:00Z,10,11,9,10.6,100\n"
hourly 400 | sed '100,110d' > "$W/gap.csv"; run lt train --data "$W/gap.csv" --set gap_policy=fail --no-store; row "csv: a gap (gap_policy fail)" 2 "gap"
hourly 150 > "$W/short.csv"; run lt train --data "$W/short.csv" --no-store; row "csv: too few rows for the windows" 2 "time_steps|too few"
printf 'timestamp,open,high,low,close,volume\n2022-01-01T00:00:00Z,10,11,9,10.5,100\n2022-01-01T01:00:00Z,10,11,9,10.6,100\n' \
  | iconv -f UTF-8 -t UTF-16 > "$W/utf16.csv"
run lt train --data "$W/utf16.csv" --no-store; row "csv: UTF-16 (spreadsheet export)" 2 "UTF-16.*iconv"
printf 'timestamp,open,high,low,close,volume\n2022-01-01T00:00:00Z,10,11,9,10.5,100\n# caf\xe9\n' > "$W/latin1.csv"
run lt train --data "$W/latin1.csv" --no-store; row "csv: Latin-1 bytes" 2 "not UTF-8 text"

# ---------------------------------------------------------------- 6. storage faults
seed_store() { # DIR: a store with one finished campaign "kept" (a 1-epoch train run)
  lt train --store "$1/store" --name kept --artifacts "$1/art" --set max_epochs=1 --set max_rows=1200 \
    --set 'units=[4]' --set dense_units=0 --set time_steps=8 >/dev/null 2>&1
}
mkdir -p "$W/e0"; : > "$W/e0/store.mv.db"
run lt campaigns --store "$W/e0/store"; row "0-byte store file" 2 "empty file"
printf 'this is a CSV file, not a database\n%.0s' $(seq 200) > "$W/e0/junk.mv.db"
run lt campaigns --store "$W/e0/junk"; row "damaged (not H2) store file" 2 "cannot open the experiment store"
cat > "$W/Foreign.java" <<'JAVA'
public class Foreign { public static void main(String[] a) throws Exception {
  try (var c = java.sql.DriverManager.getConnection(a[0], "sa", ""); var s = c.createStatement()) { s.execute("CREATE TABLE customers (id INT)"); } } }
JAVA
java -cp "$H2JAR" "$W/Foreign.java" "jdbc:h2:file:$W/e0/foreign" >/dev/null 2>&1
run lt campaigns --store "$W/e0/foreign"; row "foreign H2 database" 2 "not an lstm-tuner database"
[[ "$(cat "$W/err")" == *baseline* ]] && ROWS[-1]="${ROWS[-1]} (quotes Flyway!)"

mkdir -p "$W/ro"; seed_store "$W/ro"
if [[ $ROOT == 1 ]]; then mount --bind "$W/ro" "$W/ro" && mount -o remount,ro,bind "$W/ro" && MOUNTS+=("$W/ro"); else chmod -R a-w "$W/ro"; fi
for cmd in "campaigns" "trials kept" "show kept/1" "export kept"; do
  # shellcheck disable=SC2086
  run lt $cmd --store "$W/ro/store"; row "read-only store: $cmd" 0 "kept|COMPLETE|trial"
done
lt serve --store "$W/ro/store" --port 7391 >"$W/serve-ro.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -fs "http://127.0.0.1:7391/api/campaigns" >"$W/out" 2>"$W/err" && break; sleep 0.5; done
code=$?; curl -fs "http://127.0.0.1:7391/api/campaigns" >"$W/out" 2>"$W/err"; code=$?
row "read-only store: serve + GET /api/campaigns" 0 '"name":"kept"'
kill "${PIDS[-1]}" 2>/dev/null; wait "${PIDS[-1]}" 2>/dev/null
run lt delete --campaign kept --yes --store "$W/ro/store"; row "read-only store: delete (a write)" 2 "read-only"
ROWS[-1]="${ROWS[-1]} ($(wc -l < "$W/err") line)"
run lt campaigns --store "$W/ro/new/store"; row "new store in a read-only folder" 2 "not writable"

mkdir -p "$W/full"
if [[ $ROOT == 1 ]]; then
  mount -t tmpfs -o size=3m tmpfs "$W/full" && MOUNTS+=("$W/full")
  seed_store "$W/full"
  dd if=/dev/zero of="$W/full/filler" bs=64k >/dev/null 2>&1  # until the disk is full
  run lt train --store "$W/full/store" --name more --artifacts "$W/full/art2" --set max_epochs=1 --set max_rows=1200 --set 'units=[4]' --set dense_units=0 --set time_steps=8
  lines="$(wc -l < "$W/err")"
  row "disk full: train recording into the store" 2 "disk is full"
  ROWS[-1]="${ROWS[-1]} ($lines line)"
  rm -f "$W/full/filler"
  run lt trials kept --store "$W/full/store"; row "disk full, then freed: earlier trials kept" 0 "COMPLETE"
  run lt campaigns --store "$W/full/store" --json
  if grep -q '"running" : [1-9]\|"running":[1-9]' "$W/out"; then code="RUNNING left"; fi
  row "disk full, then freed: no trial left RUNNING" 0 ""
  # the disk fills up in the middle of a trial
  lt train --store "$W/full/store" --name midway --artifacts "$W/full/art3" --set max_epochs=40 --set max_rows=1200 \
    --set 'units=[4]' --set dense_units=0 --set time_steps=8 --set patience=0 >"$W/out" 2>"$W/err" &
  tr=$!
  for _ in $(seq 120); do grep -qi "epoch *[1-9]" "$W/out" && break; sleep 0.5; done
  dd if=/dev/zero of="$W/full/filler" bs=16k >/dev/null 2>&1
  wait "$tr"; code=$?
  lines="$(wc -l < "$W/err")"
  row "disk fills up mid-trial (train)" 2 "disk is full"
  ROWS[-1]="${ROWS[-1]} ($lines line)"
  rm -f "$W/full/filler"
  run lt trials midway --store "$W/full/store"
  # H2 cannot write the FAILED state on a full disk: the trial may stay RUNNING (a known limit, see README)
  row "disk freed again: the mid-trial run is listed (FAILED or RUNNING)" 0 "FAILED|RUNNING"
else
  seed_store "$W/full"
  run bash -c "ulimit -f 64; $(declare -f lt); CP='$CP'; lt train --store '$W/full/store' --name more --artifacts '$W/full/art2' --set max_epochs=1 --set max_rows=1200 --set 'units=[4]' --set dense_units=0 --set time_steps=8"
  row "file size limit (ulimit -f): train recording" 2 "disk is full|cannot be written"
fi

# ---------------------------------------------------------------- 7. predict
mkdir -p "$W/p"; seed_store "$W/p"
model="$(ls -d "$W"/p/art/kept/1)"
cp -r "$model" "$W/p/nomanifest"; rm -f "$W/p/nomanifest/manifest.json"
run lt predict --model "$W/p/nomanifest"; row "predict: model folder without manifest.json" 2 "manifest.json: missing"
cp -r "$model" "$W/p/edited"; echo >> "$W/p/edited/preprocessing.json"
run lt predict --model "$W/p/edited"; row "predict: preprocessing edited after export" 2 "checksum mismatch"
hourly 400 > "$W/h400.csv"
run lt predict --model "$model" --data "$W/h400.csv"; row "predict: hourly bars into a 1-minute model" 0 "warning: .*1h bars"
run lt predict --model "$model" --data "$W/h400.csv" --strict; row "predict --strict: hourly bars" 2 "1h bars"

# ---------------------------------------------------------------- 3/8/9. search processes
# a plain jdbc:h2:file URL (no AUTO_SERVER): made shareable up front, the workers run
run timeout 300 java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main search --experiment "$(experiment plain)" \
  --store "jdbc:h2:file:$W/plain/store" --artifacts "$W/plain/art" --slots 1
row "search on a plain jdbc:h2:file: URL" 0 "campaign plain ended: trial budget"
run lt worker --store "$W/e0/store" --campaign x; row "worker that cannot open its store" 2 "empty file"
# orphans: kill -9 the coordinator; its worker must stop by itself
LONG='s/"max_trials": 2/"max_trials": 3, "max_minutes": 0.5/; s/"max_epochs": 2/"max_epochs": 200/'
exp="$(experiment orphan | xargs sed -i "$LONG" && echo "$W/orphan.json")"
java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main search --experiment "$exp" --store "$W/o/store" --artifacts "$W/o/art" --slots 1 >"$W/o.log" 2>&1 &
coord=$!
worker=""
for _ in $(seq 120); do worker="$(pgrep -P "$coord" java | head -1)"; [[ -n "$worker" ]] && break; sleep 0.5; done
sleep 8
kill -9 "$coord"; wait "$coord" 2>/dev/null
t0=$(date +%s)
while [[ -n "$worker" ]] && kill -0 "$worker" 2>/dev/null && (( $(date +%s) - t0 < 60 )); do sleep 0.5; done
gone=$(( $(date +%s) - t0 ))
if [[ -n "$worker" ]] && kill -0 "$worker" 2>/dev/null; then code="alive"; kill -9 "$worker"; else code=0; fi
printf 'worker %s stopped %ss after kill -9 of its coordinator %s\n' "${worker:-none}" "$gone" "$coord" > "$W/out"
tail -1 "$W/o/logs/orphan/worker-1.log" 2>/dev/null >> "$W/out"; : > "$W/err"
row "kill -9 of the coordinator: its worker" 0 "stopped [0-9]+s after"
run timeout 300 java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main search --resume orphan --store "$W/o/store" --artifacts "$W/o/art" --slots 1
row "resume after kill -9 says what it resumed" 0 "resuming campaign orphan"
# a search stopped as Ctrl-C stops it (SIGTERM here: a background job ignores SIGINT; Java runs the same hook)
exp="$(experiment ctrlc | xargs sed -i "$LONG" && echo "$W/ctrlc.json")"
java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main search --experiment "$exp" --store "$W/c/store" --artifacts "$W/c/art" --slots 1 >"$W/c.log" 2>&1 &
coord=$!
for _ in $(seq 120); do grep -qs "started" "$W/c/logs/ctrlc/worker-1.log" && break; sleep 0.5; done
sleep 3; kill -TERM "$coord"; wait "$coord" 2>/dev/null
run timeout 300 java -Xmx1g -cp "$CP" dev.lstmtuner.cli.Main search --resume ctrlc --store "$W/c/store" --artifacts "$W/c/art" --slots 1
# a trial whose worker could not record the interruption shows as running; the resume reclaims it by heartbeat
row "resume after Ctrl-C (SIGTERM) says what it resumed" 0 "resuming campaign ctrlc: .*waiting"

# ---------------------------------------------------------------- 9. API
mkdir -p "$W/api"; seed_store "$W/api"
lt serve --store "$W/api/store" --port 7392 --artifacts "$W/api/art" >"$W/serve-api.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -fs "http://127.0.0.1:7392/api/campaigns" >/dev/null 2>&1 && break; sleep 0.5; done
api() { # PROBE WANT_STATUS ARGS...
  local probe="$1" want="$2"; shift 2
  curl -s -o "$W/out" -w '%{http_code}' "$@" > "$W/status"; : > "$W/err"; code="$(cat "$W/status")"
  sed -i "1s/^/HTTP $code /" "$W/out"; row "$probe" "$want" ""
}
api "API: offset=2147483647" 400 "http://127.0.0.1:7392/api/trials?campaign=kept&offset=2147483647"
api "API: POST /api/trials" 405 -X POST "http://127.0.0.1:7392/api/trials?campaign=kept"
api "API: DELETE /api/campaign" 405 -X DELETE "http://127.0.0.1:7392/api/campaign?name=kept"
api "API: sort=drop table trial" 400 "http://127.0.0.1:7392/api/trials?campaign=kept&sort=drop%20table%20trial"
api "API: campaign=../../etc" 404 "http://127.0.0.1:7392/api/trials?campaign=..%2F..%2Fetc"

# ---------------------------------------------------------------- 10. security
# a tampered model folder whose manifest the attacker recomputed: refused by entry or class name, nothing loaded
lt export-model kept/1 --store "$W/api/store" --artifacts "$W/api/art" --out "$W/model" >/dev/null 2>&1
tamper() { # DIR MODE: copy the exported model, edit model.zip (extra entry | gadget class), recompute the manifest
  rm -rf "$1"; cp -r "$W/model" "$1"
  python3 - "$1" "$2" <<'PY'
import hashlib, json, os, sys, zipfile
d, mode = sys.argv[1], sys.argv[2]
z = os.path.join(d, "model.zip")
with zipfile.ZipFile(z) as src:
    entries = {n: src.read(n) for n in src.namelist()}
if mode == "entry":  # an object stream naming evil.Gadget, as DL4J would read it with readObject()
    entries["preprocessor.bin"] = bytes.fromhex("aced00057372000b") + b"evil.Gadget" + bytes(8) + b"\x02\x00\x00\x78\x70"
else:
    conf = entries["configuration.json"].decode()
    i = conf.index('"@class"'); j = conf.index('"', conf.index(':', i) + 3)
    entries["configuration.json"] = (conf[:conf.index('"', conf.index(':', i)) + 1] + "org.apache.commons.beanutils.BeanComparator" + conf[j:]).encode()
with zipfile.ZipFile(z, "w") as out:
    for n, b in entries.items(): out.writestr(n, b)
m = json.load(open(os.path.join(d, "manifest.json")))
for f in m["files"]: m["files"][f] = hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
json.dump(m, open(os.path.join(d, "manifest.json"), "w"))
PY
}
tamper "$W/t-entry" entry
run lt predict --model "$W/t-entry"; row "tampered model: extra zip entry, manifest recomputed" 2 'holds the entry "preprocessor.bin"'
grep -q "evil.Gadget" "$W/err" && ROWS[-1]="${ROWS[-1]} (the class was looked up!)"
tamper "$W/t-class" class
run lt predict --model "$W/t-class"; row "tampered model: gadget class in configuration.json" 2 'names the class "org.apache.commons.beanutils'

# DNS rebinding: a foreign Host reads nothing, a foreign Origin writes nothing
api "rebinding: GET /api/campaigns with Host rebind.example" 421 -H "Host: rebind.example:7392" "http://127.0.0.1:7392/api/campaigns"
api "rebinding: POST /api/notes with a foreign Origin" 403 -X POST -H "Origin: http://rebind.example:7392" \
  -H "Content-Type: application/json" --data '{"campaign":"kept","kind":"tag","text":"x"}' "http://127.0.0.1:7392/api/notes"
run lt serve --store "$W/api/store" --bind 0.0.0.0 --port 7393; row "serve --bind 0.0.0.0 without --token-file" 2 "needs|--token-file FILE"

# a path the store records outside the artifacts root: not served (and workers do not delete such paths)
PW="$(cat "$W/api/store.password")"
java -cp "$H2JAR" org.h2.tools.Shell -url "jdbc:h2:file:$W/api/store;AUTO_SERVER=TRUE" -user sa -password "$PW" \
  -sql "UPDATE artifact SET path='/etc/hostname' WHERE kind='config'; UPDATE trial SET failure_reason='=HYPERLINK(1)'" >/dev/null 2>&1
idx="$(curl -s "http://127.0.0.1:7392/api/trials/1" | python3 -c 'import json,sys; a=json.load(sys.stdin)["artifacts"]; print([x["kind"] for x in a].index("config"))' 2>/dev/null || echo 0)"
api "store-recorded artifact /etc/hostname" 403 "http://127.0.0.1:7392/api/trials/1/artifacts/$idx"
grep -q "$(cat /etc/hostname)" "$W/out" && ROWS[-1]="${ROWS[-1]} (served the file!)"

# CSV injection in both exports
run lt export kept --store "$W/api/store" --format csv; row "export --format csv: formula cell" 0 "'=HYPERLINK"
api "web CSV download: formula cell" 200 "http://127.0.0.1:7392/api/trials.csv?campaign=kept"
grep -q "'=HYPERLINK" "$W/out" || { ROWS[-1]="${ROWS[-1]%ok}NOT OK (formula not defused)"; FAILS=$((FAILS + 1)); }

# file modes of a fresh store and its artifacts
code=0; stat -c '%a %n' "$W/api/store.mv.db" "$W/api/store.password" "$W/api/art" > "$W/out"; : > "$W/err"
row "file modes: store, password, artifacts folder" 0 "^600 .*store.mv.db"
grep -q "^700 .*art$" "$W/out" || { ROWS[-1]="${ROWS[-1]%ok}NOT OK (artifacts folder not 700)"; FAILS=$((FAILS + 1)); }

# fetch: an http:// mirror, and a zip bomb (300 MB of zeros in a few hundred KB)
mkdir -p "$W/mirror/data/spot/monthly/klines/BTCUSDT/1h"
python3 - "$W/mirror/data/spot/monthly/klines/BTCUSDT/1h" <<'PY'
import hashlib, os, sys, zipfile
d = sys.argv[1]; z = os.path.join(d, "BTCUSDT-1h-2024-01.zip")
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as out:
    with out.open("BTCUSDT-1h-2024-01.csv", "w") as e:
        block = b"0" * (1 << 20)
        for _ in range(300): e.write(block)
h = hashlib.sha256(open(z, "rb").read()).hexdigest()
open(z + ".CHECKSUM", "w").write(h + "  BTCUSDT-1h-2024-01.zip\n")
PY
(cd "$W/mirror" && exec python3 -m http.server 7394 --bind 127.0.0.1 >/dev/null 2>&1) &
PIDS+=($!)
for _ in $(seq 40); do curl -fs "http://127.0.0.1:7394/" >/dev/null 2>&1 && break; sleep 0.25; done
run lt fetch BTCUSDT --from 2024-01 --to 2024-01 --out "$W/fetched" --base-url http://127.0.0.1:7394
row "fetch from an http:// mirror without --insecure" 2 "plain HTTP"
run lt fetch BTCUSDT --from 2024-01 --to 2024-01 --out "$W/fetched" --base-url http://127.0.0.1:7394 --insecure
row "fetch: zip bomb (300 MB unzipped)" 2 "unzips to more than 256 MiB"

# ---------------------------------------------------------------- 11. store faults (PostgreSQL: restart, crash,
# outage past the budget, stuck lock, zombie worker): their own file, also runnable alone
# shellcheck source=bench/store-faults.sh
source "$here/bench/store-faults.sh"
store_fault_rows

# ---------------------------------------------------------------- the table
printf '\n%-58s | %-4s | %-100s | %s\n' "probe" "exit" "first line of the message" "verdict"
printf '%s\n' "$(printf '%.0s-' $(seq 190))"
for r in "${ROWS[@]}"; do
  IFS='|' read -r p c f v <<<"$r"
  printf '%-58s | %-4s | %-100s | %s\n' "$p" "$c" "${f:0:100}" "$v"
done
echo
echo "$(( ${#ROWS[@]} - FAILS )) of ${#ROWS[@]} rows as expected"
[[ $FAILS == 0 ]]
