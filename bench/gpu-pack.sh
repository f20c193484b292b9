#!/usr/bin/env bash
# Packs `.device/` small enough for the device tool (64 MiB with the working tree): Node.js and the
# Vulkan loader from ../shared/tools/device-prep.sh, and, instead of the whole node_modules, an xz
# archive of what the benchmarks load at run time (tsx and esbuild, koffi for cpp, Dawn for webgpu,
# the image codecs). Run from the repository root after `npm ci`; then on the GPU machine:
#   source .device/env.sh && bash bench/gpu-session.sh
set -euo pipefail
bash ../shared/tools/device-prep.sh >/dev/null
rm -rf .device/node_modules
webgpu=$(ls -d node_modules/webgpu/* | grep -v '/dist$')
tar -cf - node_modules/tsx node_modules/esbuild node_modules/@esbuild/linux-x64 node_modules/koffi node_modules/@koromix/koffi-linux-x64 \
  node_modules/fflate node_modules/jpeg-js node_modules/pngjs node_modules/webgpu/dist/linux-x64 $webgpu \
  | xz -T0 -6 > .device/modules.tar.xz
# env.sh: unpack the archive outside the tree and point node_modules at it.
sed -i 's|^\[ -e node_modules \] .*$|[ -e node_modules ] \|\| { mkdir -p /tmp/nm \&\& xz -dc .device/modules.tar.xz \| tar -C /tmp/nm -xf - \&\& ln -s /tmp/nm/node_modules node_modules; }|' .device/env.sh
grep -q modules.tar.xz .device/env.sh || { echo "env.sh was not patched: device-prep.sh changed" >&2; exit 1; }
du -sh .device
