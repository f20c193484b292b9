#!/usr/bin/env bash
# Issue 21's networks on a GPU machine, beside cpp on all its cores, in one invocation per group so
# that each fits the device's 10-minute limit per command. Run from the repository root.
#
# Here (prepare once, after `npm ci` and `npm run build`):
#   bash ../shared/tools/device-prep.sh
# On the GPU machine (the `run` tool: carry `.device`; one group per call, GROUP = 1 … 4):
#   source .device/env.sh && bash bench/gpu-scale.sh GROUP [THREADS]
#
# Group 1: the copy bandwidth (the dense rate network's floor) and COBA at N = 4 000 and 100 000.
# Group 2: COBA at N = 1 000 000 stored and procedural (80 M synapses, p = 80/N), 10 000 000 procedural.
# Group 3: the dense rate network at N = 1 000, 10 000 and 30 000 (3.6 GB of float32 weights).
# Group 4: the cortical microcircuit at full scale (77 169 neurons, 0.3·10⁹ synapses).
# Each line `RESULT {json}` (bench/README.md); the runner's table lands in bench/results/.
set -euo pipefail
group=${1:?usage: bench/gpu-scale.sh GROUP [THREADS]}
threads=${2:-$(nproc)}
bench() { npm run --silent bench -- "$@" --backend webgpu,cpp --threads "$threads" --repeat 1; }
case "$group" in
  1) npx tsx bench/gpu-bandwidth.ts --mib 2048 --reps 20
     bench coba coba:N=100000,T=200 ;;
  2) bench coba:N=1000000,T=100 coba:N=1000000,T=100,procedural=1
     npx tsx bench/coba.ts --backend webgpu --N 10000000 --T 20 --procedural 1
     npx tsx bench/coba.ts --backend cpp --threads "$threads" --N 10000000 --T 20 --procedural 1 ;;
  3) bench rate rate:N=10000,T=200 rate:N=30000,T=50 ;;
  4) npx tsx bench/microcircuit.ts --scale 1 --T 200 --presim 100 --backend webgpu
     npx tsx bench/microcircuit.ts --scale 1 --T 200 --presim 100 --backend cpp --threads "$threads" ;;
  *) echo "unknown group '$group' (1 … 4)" >&2; exit 2 ;;
esac
