#!/usr/bin/env bash
# The first check on a machine with an NVIDIA GPU: builds the CUDA jar (-Pcuda), trains one epoch of each neural
# family on the bundled data on GPU 0 and on the CPU (the same jar, the CPU backend forced), and compares the first
# epoch's training loss within float tolerance. Prints both wall times. Exit 0 when every family agrees (the GRU is
# expected to be refused on the GPU: it has only a CPU implementation), 1 otherwise.
#   bench/gpu-smoke.sh            # needs CUDA 11.6 and cuDNN 8.x installed, and nvidia-smi
# Until this has run on a GPU, GPU training is "built, not verified" (docs/devices.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
command -v nvidia-smi >/dev/null || { echo "gpu-smoke: nvidia-smi not found: this needs a machine with an NVIDIA GPU" >&2; exit 2; }
nvidia-smi -L | head -1
echo "building the CUDA jar (mvn -Pcuda -DskipTests package) ..." >&2
mvn -q -B -Pcuda -DskipTests package >&2
jar="$here/target/lstm-tuner.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
opts=(-Xmx2g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G)
# float32 over one epoch of a few thousand windows: the two backends sum in different orders
tolerance="${GPU_SMOKE_TOLERANCE:-0.02}"

# run_one FAMILY WHERE: prints "<first-epoch train loss> <seconds>", or "refused <message>" / "failed <message>"
run_one() {
  local family="$1" where="$2" log="$work/$1-$2.log" start end
  local -a env_vars
  if [[ "$where" == gpu ]]; then
    env_vars=(CUDA_VISIBLE_DEVICES=0)
  else
    env_vars=(CUDA_VISIBLE_DEVICES= BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0)
  fi
  start=$(date +%s.%N)
  if env "${env_vars[@]}" OMP_NUM_THREADS=1 java "${opts[@]}" -jar "$jar" train --no-store \
      --set model="\"$family\"" --set max_epochs=1 --set patience=0 --set seed=42 --set max_rows=20000 \
      > "$log" 2>&1; then
    end=$(date +%s.%N)
    local loss
    loss="$(grep -o 'train [0-9.]*' "$log" | head -1 | cut -d' ' -f2 || true)"
    echo "${loss:-?} $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
  elif grep -q "has only a CPU implementation" "$log"; then
    echo "refused $(grep -m1 'has only a CPU implementation' "$log")"
  else
    echo "failed $(tail -1 "$log")"
  fi
}

status=0
printf '%-12s %12s %12s %9s %9s  %s\n' family "loss gpu" "loss cpu" "s gpu" "s cpu" verdict
for family in lstm gru rnn transformer; do
  read -r g_loss g_time <<<"$(run_one "$family" gpu)"
  read -r c_loss c_time <<<"$(run_one "$family" cpu)"
  if [[ "$g_loss" == refused ]]; then
    if [[ "$family" == gru ]]; then verdict="refused on the GPU (as designed)"; else verdict="REFUSED: $g_time"; status=1; fi
    g_loss="-"; g_time="-"
  elif [[ "$g_loss" == failed || "$c_loss" == failed || "$g_loss" == "?" || "$c_loss" == "?" ]]; then
    verdict="FAILED (logs: $work kept)"; status=1; trap - EXIT
  else
    verdict="$(awk -v g="$g_loss" -v c="$c_loss" -v t="$tolerance" 'BEGIN {
      d = g - c; if (d < 0) d = -d; r = d / (c > 0 ? c : 1);
      printf (r <= t ? "agree (rel. diff %.4f)" : "DIFFER (rel. diff %.4f > %s)"), r, t }')"
    [[ "$verdict" == agree* ]] || status=1
  fi
  printf '%-12s %12s %12s %9s %9s  %s\n' "$family" "$g_loss" "$c_loss" "$g_time" "$c_time" "$verdict"
done
exit "$status"
