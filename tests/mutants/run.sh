#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make mutants: break drivers/base/dd.c on purpose, one mutation at a time
# (tests/mutants/*.txt: NAME|PERL-SUBSTITUTION|CASE[|CASE...]), build the
# KUnit kernel on UML, run each named case of the device_driver_attach suite
# on its own, and check that it fails. Proves the suite can fail; not part
# of "make check" (one UML rebuild per mutation). TAP output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
L=$top/build/linux
f=drivers/base/dd.c
K=(python3 tools/testing/kunit/kunit.py)
KA=(--build_dir="$top/build/out/uml")
[ -z "$(git -C "$L" status --porcelain -- "$f")" ] ||
	{ echo "ERROR: $f has uncommitted edits in build/linux"; exit 1; }
trap 'git -C "$L" checkout -q -- "$f"' EXIT
mkdir -p "$top/build/logs"
mapfile -t muts < <(grep -hv '^#' "$top"/tests/mutants/*.txt | grep .)
echo "TAP version 13"
echo "1..${#muts[@]}"
n=0 pass=0 fail=0
for m in "${muts[@]}"; do
	n=$((n + 1))
	name=${m%%|*}; rest=${m#*|}; expr=${rest%%|*}; cases=${rest#*|}
	log=$top/build/logs/mutant-$name.log
	git -C "$L" checkout -q -- "$f"
	perl -0pi -e "$expr" "$L/$f"
	if git -C "$L" diff --quiet -- "$f"; then
		echo "not ok $n $name # the mutation did not apply"; fail=$((fail + 1)); continue
	fi
	if ! (cd "$L" && "${K[@]}" build "${KA[@]}" --jobs="$(nproc)" \
		--kunitconfig=drivers/base/test/.kunitconfig \
		--kunitconfig="$top/config/uml.kunitconfig" \
		--make_options CC="ccache gcc") >"$log" 2>&1; then
		echo "not ok $n $name # does not build (see $log)"; fail=$((fail + 1)); continue
	fi
	missed=""
	for c in ${cases//|/ }; do
		# caught = the case ran (its name is in the output) and did not pass
		if ! (cd "$L" && "${K[@]}" exec "${KA[@]}" --timeout=60 \
			"device_driver_attach.$c") >"$log.$c" 2>&1; then
			grep -q "$c" "$log.$c" || missed+=" $c(did-not-run)"
		else
			missed+=" $c"
		fi
		cat "$log.$c" >>"$log"; rm -f "$log.$c"
	done
	if [ -z "$missed" ]; then
		echo "ok $n $name: caught by ${cases//|/, }"; pass=$((pass + 1))
	else
		echo "not ok $n $name: passes$missed (see $log)"; fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
