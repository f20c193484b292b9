#!/usr/bin/env bash
# Issue 21's GPU measurements in ONE call of the device tool (its lease is minutes): every network
# on webgpu beside cpp on all the machine's cores, most important first, each under its own time
# limit, skipping what no longer fits in the budget. Run from the repository root.
#
# Here (once, after `npm ci`):      bash ../shared/tools/device-prep.sh
# There (the `run` tool, carrying `.device`):
#   source .device/env.sh && bash bench/gpu-session.sh [BUDGET_S] [full|tiny] [PART]
# `tiny` runs the same commands at small sizes (a check of this script on SwiftShader). PART 1 (the
# default): every network of issue 21; PART 2: what a dispatch costs with and without Dawn's
# validation (bench/gpu-dispatch.ts, COBA 4000 and the microcircuit under NEURARCHY_DAWN_FLAGS), the
# microcircuit at scale 0.5 and the dense rate network at N = 20 000 (the largest whose arrays fit
# in one 2 GiB storage binding, the limit Dawn gives on NVIDIA's Vulkan driver, before commit
# ef0d7d8). Dawn validates by default; part 2 also runs without validation (`skip_validation`, an
# opt-in: docs/guides/backends.md). `NEURARCHY_DAWN_FLAGS=enable-dawn-features=skip_validation bash
# bench/gpu-session.sh …` runs part 1 without it (the indirect dispatches' validation cost gone).
# Output: $OUT/log.txt (everything), $OUT/results.jsonl (the RESULT lines), a summary at the end.
set -uo pipefail
budget=${1:-480}
size=${2:-full}
part=${3:-1}
case "$budget" in ''|*[!0-9]*) echo "BUDGET_S must be a number of seconds, got '$budget'" >&2; exit 2 ;; esac
case "$size" in full|tiny) ;; *) echo "the size must be full or tiny, got '$size'" >&2; exit 2 ;; esac
case "$part" in 1|2) ;; *) echo "PART must be 1 or 2, got '$part'" >&2; exit 2 ;; esac
out=${OUT:-/tmp/gpu-session}
mkdir -p "$out"
log="$out/log.txt" res="$out/results.jsonl"
: >"$log"; : >"$res"
threads=$(nproc)
start=$(date +%s)
left() { echo $((budget - ($(date +%s) - start))); }

# run ESTIMATE_S LIMIT_S LABEL COMMAND…: skipped when fewer than ESTIMATE_S seconds are left.
run() {
  local est=$1 lim=$2 label=$3; shift 3
  [ "$1" = tsx ] && { shift; set -- node --max-old-space-size=100000 node_modules/tsx/dist/cli.mjs "$@"; }
  if [ "$(left)" -lt "$est" ]; then echo "SKIP $label (budget: $(left) s left, needs ≈$est s)" | tee -a "$log"; return; fi
  [ "$lim" -gt "$(left)" ] && lim=$(left)
  local t0; t0=$(date +%s%N)
  echo "=== $label: $*" >>"$log"
  timeout -k 5 "$lim" "$@" >"$out/cur.txt" 2>&1
  local rc=$?
  cat "$out/cur.txt" >>"$log"
  grep '^RESULT {' "$out/cur.txt" | sed "s/^RESULT {/{\"label\":\"$label\",/" >>"$res"
  printf 'DONE %-28s rc=%-3s %6d ms\n' "$label" "$rc" "$(( ($(date +%s%N) - t0) / 1000000 ))" | tee -a "$log"
}

if [ "$size" = full ]; then
  C4=(--N 4000 --T 1000); C5=(--N 100000 --T 200); C6=(--N 1000000 --T 100); C7=(--N 10000000 --T 20 --record 100000)
  MC=(--scale 1 --T 200 --presim 100); R3=(--N 1000 --T 1000); R4=(--N 10000 --T 200); R5=(--N 30000 --T 50); R6=(--N 20000 --T 100); MIB=2048
else
  C4=(--N 1000 --T 20); C5=(--N 2000 --T 10); C6=(--N 4000 --T 10); C7=(--N 8000 --T 5 --record 1000)
  MC=(--scale 0.002 --T 5 --presim 0); R3=(--N 200 --T 20); R4=(--N 400 --T 10); R5=(--N 600 --T 5); R6=(--N 500 --T 5); MIB=16
fi

{ echo "host: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB"; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.mem --format=csv,noheader 2>&1
  g++ --version 2>&1 | head -1; node --version; } | tee -a "$log"
{ echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"; ls /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1; ldconfig -p | grep -i 'vulkan\|GLX_nvidia'; } >>"$log" 2>&1
run 5 60 "adapter and limits" tsx bench/gpu-limits.ts
if ! grep -q gpu-limits "$res"; then
  # No adapter with the driver file env.sh chose: try every NVIDIA ICD file on the machine.
  for icd in $(find / -xdev -name 'nvidia_icd*.json' 2>/dev/null) /usr/local/nvidia/share/vulkan/icd.d/*.json; do
    [ -f "$icd" ] || continue
    export VK_DRIVER_FILES=$icd
    run 5 60 "adapter with $icd" tsx bench/gpu-limits.ts
    grep -q gpu-limits "$res" && break
  done
fi
run 10 60 "copy bandwidth" tsx bench/gpu-bandwidth.ts --mib $MIB --reps 20
if [ "$part" = 2 ]; then
  fast="enable-dawn-features=skip_validation,disable_robustness"
  if [ "$size" = full ]; then D=(--steps 2000); C4b=(--N 4000 --T 200); MH=(--scale 0.5 --T 200 --presim 100); R6=(--N 20000 --T 100); C6b=(--N 1000000 --T 50)
  else D=(--steps 50 --groups 10); C4b=(--N 1000 --T 10); MH=(--scale 0.002 --T 5 --presim 0); R6=(--N 500 --T 5); C6b=(--N 3000 --T 5); fi
  NEURARCHY_DAWN_FLAGS= run 5 60 "dispatch cost" tsx bench/gpu-dispatch.ts "${D[@]}"
  NEURARCHY_DAWN_FLAGS=$fast run 5 60 "dispatch cost, no validation" tsx bench/gpu-dispatch.ts "${D[@]}"
  NEURARCHY_DAWN_FLAGS= run 8 60 "coba 4000 webgpu" tsx bench/coba.ts --backend webgpu "${C4b[@]}"
  NEURARCHY_DAWN_FLAGS=$fast run 8 60 "coba 4000 webgpu, no validation" tsx bench/coba.ts --backend webgpu "${C4b[@]}"
  # Where a large network's step goes: a CPU profile of the whole process (the GPU's time shows as waiting).
  mkdir -p "$out/prof"
  NEURARCHY_DAWN_FLAGS= run 20 90 "coba 1e6 webgpu, profiled" node --max-old-space-size=100000 --cpu-prof --cpu-prof-dir="$out/prof" --import tsx bench/coba.ts --backend webgpu "${C6b[@]}"
  NEURARCHY_DAWN_FLAGS=$fast run 20 90 "coba 1e6 webgpu, no validation" tsx bench/coba.ts --backend webgpu "${C6b[@]}"
  NEURARCHY_DAWN_FLAGS=$fast run 30 120 "microcircuit 0.5 webgpu, no validation" tsx bench/microcircuit.ts --backend webgpu "${MH[@]}"
  run 30 120 "microcircuit 0.5 cpp" tsx bench/microcircuit.ts --backend cpp --threads "$threads" "${MH[@]}"
  for b in webgpu cpp; do NEURARCHY_DAWN_FLAGS= run 60 150 "rate 20000 $b" tsx bench/rate.ts --backend $b --threads "$threads" "${R6[@]}"; done
  NEURARCHY_DAWN_FLAGS= run 30 120 "microcircuit 0.5 webgpu" tsx bench/microcircuit.ts --backend webgpu "${MH[@]}"
else
for b in webgpu cpp; do run 8 90 "coba 4000 $b" tsx bench/coba.ts --backend $b --threads "$threads" "${C4[@]}"; done
for b in webgpu cpp; do run 12 90 "coba 100000 $b" tsx bench/coba.ts --backend $b --threads "$threads" "${C5[@]}"; done
for b in webgpu cpp; do run 40 150 "coba 1e6 stored $b" tsx bench/coba.ts --backend $b --threads "$threads" "${C6[@]}"; done
for b in webgpu cpp; do run 50 200 "microcircuit $b" tsx bench/microcircuit.ts --backend $b --threads "$threads" "${MC[@]}"; done
for b in webgpu cpp; do run 10 90 "coba 1e6 procedural $b" tsx bench/coba.ts --backend $b --threads "$threads" --procedural 1 "${C6[@]}"; done
for b in webgpu cpp; do run 8 60 "rate 1000 $b" tsx bench/rate.ts --backend $b --threads "$threads" "${R3[@]}"; done
for b in webgpu cpp; do run 15 90 "rate 10000 $b" tsx bench/rate.ts --backend $b --threads "$threads" "${R4[@]}"; done
for b in webgpu cpp; do run 50 150 "rate 20000 $b" tsx bench/rate.ts --backend $b --threads "$threads" "${R6[@]}"; done
for b in webgpu cpp; do run 25 120 "coba 1e7 procedural $b" tsx bench/coba.ts --backend $b --threads "$threads" --procedural 1 "${C7[@]}"; done
# The dense N = 30 000 network holds 9·10⁸ synapses: float32 weights and int32 indices of 3.6 GB
# each, every one of which must fit in one storage binding on webgpu.
need=$(( (${R5[1]} * ${R5[1]}) * 4 + 4096 ))
max=$(node -e "try{const l=JSON.parse(require('fs').readFileSync('$out/results.jsonl','utf8').split('\n').find(x=>x.includes('gpu-limits'))).maxStorageBufferBindingSize;console.log(l)}catch{console.log(0)}")
if [ "$max" -ge "$need" ]; then run 60 200 "rate 30000 webgpu" tsx bench/rate.ts --backend webgpu "${R5[@]}"
else echo "SKIP rate 30000 webgpu: needs $need bytes in one binding, the adapter allows $max" | tee -a "$log"; fi
run 60 200 "rate 30000 cpp" tsx bench/rate.ts --backend cpp --threads "$threads" "${R5[@]}"
fi

echo "--- summary ($(( $(date +%s) - start )) s)" | tee -a "$log"
node -e "
for (const l of require('fs').readFileSync('$res','utf8').split('\n').filter(Boolean)) {
  const r = JSON.parse(l); const f = (x) => x === undefined ? '' : typeof x === 'number' ? +x.toPrecision(4) : x;
  console.log([r.label, 'setup', f(r.setup_s), 'build', f(r.build_s), 'run', f(r.run_s), 'rtf', f(r.rtf), 'rate', f(r.rate_hz ?? r.rate_all_hz ?? r.r_absmean_end), 'cv', f(r.cv_isi_mean), 'rss', f(r.max_rss_mb), f(r.kernel_gb_s), f(r.copy_gb_s), 'disp', f(r.dispatches_per_step), f(r.us_per_dispatch_direct), f(r.us_per_dispatch_wide), f(r.us_per_dispatch_indirect), f(r.us_record_indirect)].join(' '));
}" | tee -a "$log"
