#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fixtures of the series' Coccinelle rules, in Coccinelle's own style: for
# tests/coccinelle/<rule>/foo.c, patch mode must turn it into foo.res and
# report mode must print foo.rep (file name stripped). A rule that declares
# no "virtual patch" (a finder, such as device_driver_preset) has no .res
# files and only its report mode is tested. The rules are taken from
# build/linux/scripts/coccinelle/api/<rule>.cocci, or from $COCCI_RULES.
# TAP output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
rules=${COCCI_RULES:-$top/build/linux/scripts/coccinelle/api}
opts=(--very-quiet --no-includes --include-headers)
n=0 pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

has_patch() { grep -q '^virtual patch' "$1" 2>/dev/null; }

total=0
for d in "$top"/tests/coccinelle/*/; do
	rule=$rules/$(basename "$d").cocci
	per=1
	has_patch "$rule" && per=2
	[ -f "$rule" ] || per=2
	total=$((total + per * $(ls "$d"*.c | wc -l)))
done
echo "TAP version 13"
echo "1..$total"
for d in "$top"/tests/coccinelle/*/; do
	rule=$rules/$(basename "$d").cocci
	patch=1
	[ -f "$rule" ] && ! has_patch "$rule" && patch=0
	for c in "$d"*.c; do
		b=$(basename "$c" .c)
		if [ $patch = 1 ]; then
			cp "$c" "$tmp/$b.c"
			n=$((n + 1))
			if [ ! -f "$rule" ]; then
				echo "not ok $n $b: patch mode (no rule $rule)"; fail=$((fail + 1))
			elif spatch -D patch "${opts[@]}" --in-place --sp-file "$rule" "$tmp/$b.c" >/dev/null 2>"$tmp/err" &&
			     cmp -s "$tmp/$b.c" "$d$b.res"; then
				echo "ok $n $b: patch mode gives $b.res"; pass=$((pass + 1))
			else
				echo "not ok $n $b: patch mode differs from $b.res"; fail=$((fail + 1))
				diff -u "$d$b.res" "$tmp/$b.c" | sed 's/^/# /'
			fi
		fi
		n=$((n + 1))
		rc=0
		(cd "$d" && spatch -D report "${opts[@]}" --sp-file "$rule" "$b.c" 2>"$tmp/err") \
			>"$tmp/$b.raw" || rc=1
		[ -s "$tmp/err" ] && rc=1
		sed "s|^$b.c:||" "$tmp/$b.raw" >"$tmp/$b.rep"
		if [ -f "$rule" ] && [ $rc = 0 ] && cmp -s "$tmp/$b.rep" "$d$b.rep"; then
			echo "ok $n $b: report mode gives $b.rep"; pass=$((pass + 1))
		else
			echo "not ok $n $b: report mode differs from $b.rep"; fail=$((fail + 1))
			diff -u "$d$b.rep" "$tmp/$b.rep" | sed 's/^/# /'
			sed 's/^/# stderr: /' "$tmp/err"
		fi
	done
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
