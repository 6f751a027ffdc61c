#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make mutants: break the patched code on purpose, one mutation at a time
# (tests/mutants/*.txt: NAME|PERL-SUBSTITUTION|CASE[|CASE...]), build the
# KUnit kernel on UML, run each named case of the file's suite on its own,
# and check that it fails. MUTANTS=serio-drvctl picks one file. Proves the
# suite can fail; not part of "make check" (one UML rebuild per mutation).
# TAP output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
L=$top/build/linux
K=(python3 tools/testing/kunit/kunit.py)
KA=(--build_dir="$top/build/out/uml")
mkdir -p "$top/build/logs"
# not while "make check" runs: both use build/linux and build/out/uml
exec 9>"$top/build/.check.lock"
flock -n 9 || { echo "ERROR: 'make check' is running in this checkout"; exit 1; }

# Each mutation file names what it mutates and which KUnit config and suite
# run the cases: "#% file PATH", "#% kunitconfig PATH", "#% suite NAME".
directive() { sed -n "s/^#% $1 //p" "$2"; }
muts=() files=()
for t in "$top"/tests/mutants/${MUTANTS:-*}.txt; do
	f=$(directive file "$t"); kc=$(directive kunitconfig "$t"); st=$(directive suite "$t")
	[ -n "$f" ] && [ -n "$kc" ] && [ -n "$st" ] ||
		{ echo "ERROR: $t lacks a #% file, kunitconfig or suite line"; exit 1; }
	[ -z "$(git -C "$L" status --porcelain -- "$f")" ] ||
		{ echo "ERROR: $f has uncommitted edits in build/linux"; exit 1; }
	files+=("$f")
	while IFS= read -r m; do muts+=("$f|$kc|$st|$m"); done < <(grep -v '^#' "$t" | grep .)
done
trap 'git -C "$L" checkout -q -- "${files[@]}"' EXIT
echo "TAP version 13"
echo "1..${#muts[@]}"
n=0 pass=0 fail=0
for m in "${muts[@]}"; do
	n=$((n + 1))
	IFS='|' read -r f kc st name expr cases <<<"$m"
	log=$top/build/logs/mutant-$name.log
	git -C "$L" checkout -q -- "$f"
	perl -0pi -e "$expr" "$L/$f"
	if git -C "$L" diff --quiet -- "$f"; then
		echo "not ok $n $name # the mutation did not apply"; fail=$((fail + 1)); continue
	fi
	if ! (cd "$L" && "${K[@]}" build "${KA[@]}" --jobs="$(nproc)" \
		--kunitconfig="$kc" \
		--kunitconfig="$top/config/uml.kunitconfig" \
		--make_options CC="ccache gcc") >"$log" 2>&1; then
		echo "not ok $n $name # does not build (see $log)"; fail=$((fail + 1)); continue
	fi
	missed=""
	for c in ${cases//|/ }; do
		# caught = the case ran (its name is in the output) and did not pass
		if ! (cd "$L" && "${K[@]}" exec "${KA[@]}" --timeout=60 \
			"$st.$c") >"$log.$c" 2>&1; then
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
