#!/usr/bin/env bash
# Executes the tutorials in notebooks/ top to bottom (npm run notebooks): Jupyter from Debian's
# packages, Deno's TypeScript kernel from the npm registry (the `deno` package ships its binary).
# Any error in a cell fails the run. `--update` writes the outputs back into notebooks/ (to commit);
# otherwise they go to a temporary folder and the committed notebooks are left as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
DENO_VERSION=2.9.6
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"

[ -f dist/index.js ] || npm run build
if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-ipykernel
fi
# Deno lives outside the project's dependencies (90 MB that only the notebooks need).
prefix="${NEURARCHY_DENO_PREFIX:-$HOME/.cache/neurarchy-deno}"
deno="$prefix/node_modules/.bin/deno"
if [ ! -x "$deno" ] || ! "$deno" --version | grep -q "deno $DENO_VERSION"; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "deno@$DENO_VERSION" >/dev/null
fi
"$deno" jupyter --install --force >/dev/null

if [ "${1:-}" = "--update" ]; then out=notebooks; else out="$(mktemp -d)"; fi
/usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
  --ExecutePreprocessor.kernel_name=deno --output-dir "$out" notebooks/*.ipynb
echo "notebooks executed: $(ls notebooks/*.ipynb | wc -l), outputs in $out"
