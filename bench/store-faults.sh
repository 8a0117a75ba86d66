#!/usr/bin/env bash
# The store-fault rows of the fault matrix: a shared PostgreSQL store that restarts, crashes, stays down past the
# outage budget, holds a stuck row lock, loses a worker to a pause or to a network partition, or loses a connection
# exactly at COMMIT. Each row runs one test class against a
# PostgreSQL server it starts itself (initdb from /usr/lib/postgresql/N/bin; as root it runs as postgres) or the one
# in LSTM_TUNER_TEST_PG_URL, and each judges the store, not exit codes: every sampled point ends exactly once and no
# trial is FAILED for a store error. Here the long variants run: the server stays down 240 s (of a 300 s budget) and
# the lock is held 300 s (150x lock_timeout); the suite runs the same tests shorter (15 s, 20 s).
#   bench/store-faults.sh           prints these rows alone; exits 1 if any row is not ok
#   (bench/fault-matrix.sh sources it and adds the rows to its own table)
set -uo pipefail

# row PROBE: one JUnit test (CLASS or CLASS#METHOD) run with the extra -D properties that follow; the row's message
# is what surefire reports (tests, failures, errors, skipped: a skip is NOT OK, nothing was tried)
store_fault_test() {
  local probe="$1" test="$2"; shift 2
  local cls="${test%%#*}" report pkg=search
  # a test of the store package names it after the class
  if [[ "${1:-}" == store ]]; then pkg=store; shift; fi
  rm -f "target/surefire-reports/TEST-dev.lstmtuner.$pkg.$cls.xml"
  mvn -q -o -B test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$W/out" 2>"$W/err"
  code=$?
  report="target/surefire-reports/TEST-dev.lstmtuner.$pkg.$cls.xml"
  {
    if [[ -f "$report" ]]; then
      grep -o -m1 'time="[0-9.]*" tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' "$report"
      grep -o -m1 'message="[^"]*"' "$report" | cut -c1-200
    else
      echo "no surefire report for $cls"
    fi
  } > "$W/summary"
  grep -q 'skipped="0"' "$W/summary" || code="skipped"
  mv "$W/summary" "$W/err"; : > "$W/out"
  row "$probe" 0 'failures="0"'
}

store_fault_rows() {
  store_fault_test "PostgreSQL restart -m fast, then kill -9 and back after 240 s: same search ends, each point once" \
    "DatabaseOutageTest#theSameSearchRidesOutACleanRestartAndACrashOfItsServer" -Dlstmtuner.faults.downS=240
  store_fault_test "PostgreSQL down past --store-outage-s: exit 2, what to check, the --resume command" \
    "DatabaseOutageTest#anOutagePastItsBudgetStopsWithExit2SayingWhatToCheckAndHowToResume"
  store_fault_test "row lock held 300 s (150x lock_timeout): the coordinator samples and renews its lease" \
    "StuckLockTest" -Dlstmtuner.faults.lockHoldMs=300000
  store_fault_test "worker paused (SIGSTOP) past the stale limit, then SIGCONT: drops the trial, goes on" \
    "ZombieWorkerTest"
  store_fault_test "store error under a trial: re-queued, not FAILED, no failure in a row" \
    "StoreErrorIsNotTheTrialsFaultTest"
  store_fault_test "partition: namespaced workers cut off past the stale limit: reclaimed, re-run here, they go on" \
    "PartitionTest"
  store_fault_test "H2 store file on a tmpfs that fills for 8 s: an outage, nothing recorded lost, budget ends" \
    "H2DiskFullTest"
  store_fault_test "connection lost at COMMIT (landed): no enqueue, claim, finish or epoch twice (H2, PostgreSQL)" \
    "LostCommitTest" store
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$here"
  W="$(mktemp -d /tmp/store-faults.XXXXXX)"
  trap 'rm -rf "$W"' EXIT
  ROWS=()
  FAILS=0
  row() {
    local probe="$1" want="$2" pat="$3" first verdict=ok
    first="$(grep -m1 -v '^\s*$' "$W/err" || true)"
    [[ "$code" != "$want" ]] && verdict="NOT OK (want exit $want)"
    if [[ -n "$pat" ]] && ! cat "$W/out" "$W/err" | grep -qE -- "$pat"; then verdict="NOT OK (no /$pat/)"; fi
    [[ "$verdict" == ok ]] || FAILS=$((FAILS + 1))
    ROWS+=("$probe|$code|${first:0:150}|$verdict")
  }
  mvn -q -o -B -DskipTests test-compile >&2 || exit 1
  store_fault_rows
  printf '\n%-100s | %-7s | %-90s | %s\n' "probe" "exit" "surefire" "verdict"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r p c f v <<<"$r"
    printf '%-100s | %-7s | %-90s | %s\n' "$p" "$c" "${f:0:90}" "$v"
  done
  echo
  echo "$(( ${#ROWS[@]} - FAILS )) of ${#ROWS[@]} rows as expected"
  [[ $FAILS == 0 ]]
fi
