#!/usr/bin/env bash
# One-time setup of PyNN's NEURON backend on Debian 12 (used by .ci/run and by test/export):
# compiles PyNN's NMODL mechanisms (pyNN/neuron/nmodl) with nrnivmodl, unless already compiled.
# Debian's nrnivmodl looks for ${bindir}/nrnmech_makefile (/usr/bin) while the package puts it in
# /usr/lib/nrn, so a temporary NRNHOME_EXEC points bindir at a folder holding a link to it; the
# library links against /usr/lib/nrn (-loadflags). The `special` executable fails to build (a
# missing InterViews header) but PyNN only loads x86_64/.libs/libnrnmech.so, which is built first.
# Exit status: 0 when the mechanisms are (now) compiled, 1 otherwise (with the reason on stderr).
set -uo pipefail
PY=/usr/bin/python3
# Found through the pyNN package, without importing pyNN.neuron (that would start NEURON).
dir=$("$PY" -c 'import os, pyNN; print(os.path.join(os.path.dirname(pyNN.__file__), "neuron", "nmodl"))' 2>/dev/null) \
  || { echo "pynn-setup: PyNN is not installed for $PY (apt-get install python3-pynn)" >&2; exit 1; }
lib="$dir/x86_64/.libs/libnrnmech.so"
[ -f "$lib" ] && exit 0
command -v nrnivmodl >/dev/null 2>&1 || { echo "pynn-setup: nrnivmodl not found (apt-get install neuron-dev)" >&2; exit 1; }
[ -w "$dir" ] || { echo "pynn-setup: $dir is not writable: run this script as root once" >&2; exit 1; }
tmp=$(mktemp -d)
mkdir -p "$tmp/bin"
makefile=/usr/lib/nrn/nrnmech_makefile
[ -f "$makefile" ] || makefile=$(dirname "$(command -v nrnivmodl)")/nrnmech_makefile
ln -s "$makefile" "$tmp/bin/nrnmech_makefile"
( cd "$dir" && NRNHOME_EXEC="$tmp" nrnivmodl -loadflags "-L/usr/lib/nrn -Wl,-rpath,/usr/lib/nrn" ) > "$tmp/log" 2>&1
rm -rf "$tmp"
if [ -f "$lib" ]; then echo "pynn-setup: compiled PyNN's NEURON mechanisms in $dir"; exit 0; fi
echo "pynn-setup: nrnivmodl did not produce $lib" >&2
exit 1
