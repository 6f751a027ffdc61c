#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fixtures of the Coccinelle rules, in Coccinelle's own style. For every
# tests/coccinelle/<rule>/**/foo.c, each mode the rule declares is run and
# compared with its expected output beside foo.c:
#   patch    (virtual patch)    foo.res  the file after patch mode
#   report   (virtual report)   foo.rep  report lines, "foo.c:" stripped
#   org      (virtual org)      foo.org  org lines as spatch prints them
#   context  (virtual context)  foo.ctx  the context diff, its "+++" line
#                                        replaced by "+++ <file>"
# A fixture may sit in a subdirectory (drivers/usb/core/foo.c) when the
# rule looks at the file's path; spatch runs from the rule's fixture
# directory, so paths in the outputs are relative to it. A missing expected
# file fails, so every mode of every rule has a fixture for every case.
#
# Rules are looked up by the fixture directory's name: in $COCCI_RULES
# (default: the kernel tree's scripts/coccinelle/api, the tree being
# $LINUX_TREE or build/linux), then in harness/cocci/ (the harness's own
# rules, which are not part of the kernel series). TAP output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
rules=${COCCI_RULES:-${LINUX_TREE:-$top/build/linux}/scripts/coccinelle/api}
hrules=$top/harness/cocci
opts=(--very-quiet --no-includes --include-headers)
n=0 pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rule_of() {	# rule_of FIXTURE-DIR: the rule file, or nothing
	local b
	b=$(basename "$1")
	if [ -f "$rules/$b.cocci" ]; then echo "$rules/$b.cocci"
	elif [ -f "$hrules/$b.cocci" ]; then echo "$hrules/$b.cocci"
	fi
}
modes_of() {	# modes_of RULE: the modes it declares, in test order
	local m
	for m in patch report org context; do
		grep -q "^virtual $m\$" "$1" && echo $m
	done
}
ext() { case $1 in patch) echo res;; report) echo rep;; org) echo org;; context) echo ctx;; esac; }

# run_mode RULE MODE DIR REL OUT: spatch in MODE on DIR/REL, normalized output in OUT
run_mode() {
	local rule=$1 mode=$2 d=$3 rel=$4 out=$5 rc=0
	case $mode in
	patch)
		mkdir -p "$tmp/p/$(dirname "$rel")"
		cp "$d/$rel" "$tmp/p/$rel"
		spatch -D patch "${opts[@]}" --in-place --sp-file "$rule" "$tmp/p/$rel" \
			>/dev/null 2>"$tmp/err" || rc=1
		cp "$tmp/p/$rel" "$out"
		;;
	report)
		(cd "$d" && spatch -D report "${opts[@]}" --sp-file "$rule" "$rel" 2>"$tmp/err") \
			>"$tmp/raw" || rc=1
		sed "s|^$rel:||" "$tmp/raw" >"$out"
		;;
	org)
		(cd "$d" && spatch -D org "${opts[@]}" --sp-file "$rule" "$rel" 2>"$tmp/err") \
			>"$out" || rc=1
		;;
	context)
		(cd "$d" && spatch -D context "${opts[@]}" --sp-file "$rule" "$rel" 2>"$tmp/err") \
			>"$tmp/raw" || rc=1
		sed -E "s|^\+\+\+ .*|+++ $rel|" "$tmp/raw" >"$out"
		;;
	esac
	[ -s "$tmp/err" ] && rc=1
	return $rc
}

total=0
for d in "$top"/tests/coccinelle/*/; do
	d=${d%/}
	rule=$(rule_of "$d")
	nm=4
	[ -n "$rule" ] && nm=$(modes_of "$rule" | wc -l)
	total=$((total + nm * $(cd "$d" && find . -name '*.c' | wc -l)))
done
echo "TAP version 13"
echo "1..$total"
for d in "$top"/tests/coccinelle/*/; do
	d=${d%/}
	rule=$(rule_of "$d")
	modes="patch report org context"
	[ -n "$rule" ] && modes=$(modes_of "$rule")
	for rel in $(cd "$d" && find . -name '*.c' | sed 's|^\./||' | sort); do
		b=${rel%.c}
		for m in $modes; do
			n=$((n + 1))
			exp=$d/$b.$(ext $m)
			what="$(basename "$d")/$b: $m mode gives $b.$(ext $m)"
			if [ -z "$rule" ]; then
				echo "not ok $n $what (no rule $(basename "$d").cocci)"; fail=$((fail + 1))
			elif [ ! -f "$exp" ]; then
				echo "not ok $n $what (no $b.$(ext $m))"; fail=$((fail + 1))
			elif run_mode "$rule" $m "$d" "$rel" "$tmp/out" && cmp -s "$tmp/out" "$exp"; then
				echo "ok $n $what"; pass=$((pass + 1))
			else
				echo "not ok $n $what"; fail=$((fail + 1))
				diff -u "$exp" "$tmp/out" | sed 's/^/# /'
				sed 's/^/# stderr: /' "$tmp/err" 2>/dev/null
			fi
		done
	done
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
