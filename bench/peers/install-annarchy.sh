#!/usr/bin/env bash
# Install ANNarchy 4.8.2.6 for neurarchy's peer benchmarks (bench/peers/annarchy/*.py), without PyPI.
#
#   bench/peers/install-annarchy.sh [SOURCE] [PREFIX]
#
# SOURCE  where ANNarchy's sources come from, one of
#           * a git repository of ANNarchy (bare or not) that has the tag $ANNARCHY_TAG,
#           * a folder that already holds the unpacked 4.8.2.6 sources (with pyproject.toml),
#           * a .tar.gz / .tgz / .zip archive of them.
#         Default: $ANNARCHY_SOURCE, else /work/.mirror/ANNarchy+ANNarchy/repo.
# PREFIX  where the sources and the venv go. Default: $NEURARCHY_PEERS_HOME, else
#         $HOME/.cache/neurarchy-peers. The venv is PREFIX/annarchy-4.8/venv and its python is
#         what bench/run.ts uses (or set NEURARCHY_ANNARCHY_PYTHON to another python).
#
# Idempotent: a venv that already imports ANNarchy at the wanted version is kept (pass --force
# to rebuild). Needs root only for apt-get, and only when a Debian package is missing.
#
# Why a venv on top of Debian's python: ANNarchy 4.8 compiles its networks against the numpy
# headers of the python that CMake finds, and Debian's python3-numpy/cython3/sympy are the ones
# that fit. So the venv uses --system-site-packages, pip installs with --no-deps --no-index, and
# the pyenv shims (a python 3.11 with numpy 2.x) are taken off PATH for the build and for every
# run (bench/peers/annarchy/common.py does the same for the compile step).
set -euo pipefail

FORCE=0
ARGS=()
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) ARGS+=("$a") ;;
  esac
done
SOURCE=${ARGS[0]:-${ANNARCHY_SOURCE:-/work/.mirror/ANNarchy+ANNarchy/repo}}
PREFIX=${ARGS[1]:-${NEURARCHY_PEERS_HOME:-$HOME/.cache/neurarchy-peers}}
TAG=${ANNARCHY_TAG:-4.8.2.6}
BASE=$PREFIX/annarchy-4.8
SRC=$BASE/src-$TAG
VENV=$BASE/venv
SYS_PY=/usr/bin/python3

log() { printf '[install-annarchy] %s\n' "$*" >&2; }

# A clean PATH: the venv first, no pyenv shims, no inherited virtualenv.
clean_path() {
  local out="$VENV/bin" p
  local IFS=:
  for p in $PATH; do
    case "$p" in *pyenv*|"$VENV/bin"|"") continue ;; esac
    out="$out:$p"
  done
  printf '%s' "$out"
}
export PATH=$(clean_path)
export VIRTUAL_ENV=$VENV
unset PYTHONPATH PYENV_VERSION PYTHONHOME

if [ "$FORCE" = 0 ] && [ -x "$VENV/bin/python" ] &&
   got=$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("ANNarchy"))' 2>/dev/null | tail -n 1) &&
   [ "$got" = "$TAG" ]; then
  log "ANNarchy $got is already installed: $VENV/bin/python"
  echo "$VENV/bin/python"
  exit 0
fi

# 1. Debian packages (only the missing ones; apt-get needs root)
PKGS="cython3 python3-sympy python3-numpy python3-scipy python3-matplotlib python3-tqdm python3-pip
python3-dev python3-setuptools python3-wheel python3-h5py python3-lxml python3-venv cmake g++ make"
missing=()
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y "${missing[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${missing[@]}" >&2; }
  else
    log "not root: run  sudo apt-get install -y ${missing[*]}  and try again"; exit 1
  fi
fi

# 2. Sources
mkdir -p "$BASE"
if [ "$FORCE" = 1 ] || [ ! -f "$SRC/pyproject.toml" ]; then
  rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp"
  if [ -d "$SOURCE" ] && [ -f "$SOURCE/pyproject.toml" ] && [ -d "$SOURCE/ANNarchy" ]; then
    log "copying the sources from $SOURCE"
    cp -a "$SOURCE/." "$SRC.tmp/"
  elif [ -d "$SOURCE" ] && git --git-dir="$SOURCE" rev-parse --git-dir >/dev/null 2>&1; then
    log "git archive $TAG from $SOURCE"
    git --git-dir="$SOURCE" archive "$TAG" | tar -x -C "$SRC.tmp"
  elif [ -d "$SOURCE/.git" ]; then
    log "git archive $TAG from $SOURCE/.git"
    git --git-dir="$SOURCE/.git" archive "$TAG" | tar -x -C "$SRC.tmp"
  elif [ -f "$SOURCE" ]; then
    log "unpacking $SOURCE"
    case "$SOURCE" in
      *.zip) (cd "$SRC.tmp" && unzip -q "$SOURCE") ;;
      *) tar -xf "$SOURCE" -C "$SRC.tmp" ;;
    esac
    # an archive with one top folder: use that folder
    if [ ! -f "$SRC.tmp/pyproject.toml" ] && [ "$(ls -A "$SRC.tmp" | wc -l)" = 1 ]; then
      top=$(ls -A "$SRC.tmp"); mv "$SRC.tmp/$top" "$SRC.tmp.1" && rmdir "$SRC.tmp" && mv "$SRC.tmp.1" "$SRC.tmp"
    fi
  else
    log "no ANNarchy sources at $SOURCE (a git repository with tag $TAG, a source folder or an archive)"
    exit 1
  fi
  [ -f "$SRC.tmp/pyproject.toml" ] || { log "$SOURCE has no pyproject.toml at $TAG"; exit 1; }
  rm -rf "$SRC" && mv "$SRC.tmp" "$SRC"
fi

# 3. venv on Debian's python and its site-packages; ANNarchy without dependencies or an index
if [ "$FORCE" = 1 ] || [ ! -x "$VENV/bin/python" ]; then
  rm -rf "$VENV"
  log "creating $VENV"
  "$SYS_PY" -m venv --system-site-packages "$VENV"
fi
log "building ANNarchy $TAG (compiles its Cython core; a few minutes)"
(cd "$SRC" && "$VENV/bin/python" -m pip install --no-build-isolation --no-deps --no-index --no-cache-dir . >&2)

got=$(cd / && "$VENV/bin/python" -c 'from importlib.metadata import version; print(version("ANNarchy"))' 2>/dev/null | tail -n 1)
if [ "$got" != "$TAG" ]; then
  log "ANNarchy does not import from $VENV/bin/python (got '$got')"
  exit 1
fi
log "ANNarchy $got installed: $VENV/bin/python"
echo "$VENV/bin/python"
