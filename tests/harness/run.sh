#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The harness's own tests: its detectors must fail on what they exist to
# catch. clean-*.log / pass-*.tap / vmrun-pass* must pass, splat-*.log /
# fail-*.tap / vmrun-fail-* must fail; kcidb-reject-* must be rejected for
# their reason and kcidbrun-* must come out as their expect file says;
# abi-pass-* / abi-fail-* are two runs' TAP documents (patched/, base/) and
# a list of expected differences (abi-lines) that the abi stage's line by
# line comparison must accept / reject, printing each line of their expect.
# TAP output; the last line is "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/harness/fixtures
parse=(python3 "$top/build/linux/tools/testing/kunit/kunit.py" parse)
n=0 pass=0 fail=0
t() {	# t EXPECT(0|1) DESCRIPTION CMD...
	local want=$1 d=$2 got; shift 2
	"$@" >/dev/null 2>&1; got=$?; [ $got -ne 0 ] && got=1
	n=$((n + 1))
	if [ "$got" = "$want" ]; then echo "ok $n $d"; pass=$((pass + 1))
	else echo "not ok $n $d (exit $got, want $want)"; fail=$((fail + 1)); fi
}
run_verdict() {	# the verdict writes next to its logs: judge a copy
	local d
	d=$(mktemp -d) && cp "$1"/* "$d"/ &&
		VERDICT_BASE=1 VERDICT_EXPECT_FAIL="$(cat "$1/expect-fail" 2>/dev/null)" \
		"$top/harness/vm-verdict.sh" "$d"
	local rc=$?
	rm -rf "$d"
	return $rc
}
# verdict_rejects DIR [base]: the verdict fails DIR's run, for the reason in
# DIR/expect (a line it must print)
verdict_rejects() {
	local d out rc
	d=$(mktemp -d) && cp "$1"/console.log "$1"/tests.log "$d"/ || return 1
	echo key1 >"$d/boot-key"
	if [ "${2:-}" = base ]; then
		out=$(VERDICT_BASE=1 VERDICT_EXPECT_FAIL="$(cat "$1/expect-fail" 2>/dev/null)" \
			"$top/harness/vm-verdict.sh" "$d" 2>&1)
	else
		out=$("$top/harness/vm-verdict.sh" "$d" 2>&1)
	fi
	rc=$?
	# a rejected run never stands for a later boot (boot.sh, VM_REUSE)
	[ ! -e "$d/passed" ] || { echo "a rejected run was marked passed"; rc=0; }
	rm -rf "$d"
	printf '%s\n' "$out"
	[ $rc != 0 ] && grep -qF -f "$1/expect" <<<"$out"
}
run_patched() {	# the verdict of a run of the kernel with the series
	local d rc
	d=$(mktemp -d) && cp "$1"/console.log "$1"/tests.log "$d"/ && echo key1 >"$d/boot-key" &&
		"$top/harness/vm-verdict.sh" "$d"
	rc=$?
	# a run that passed is marked so, under its boot's key
	[ $rc != 0 ] || [ "$(cat "$d/passed" 2>/dev/null)" = key1 ] || { echo "not marked passed"; rc=1; }
	rm -rf "$d"
	return $rc
}
kcidb=$top/harness/kcidb.py
kcidb_rejects() {	# kcidb_rejects DIR: DIR/doc.json rejected, for the reason in DIR/expect
	local out
	out=$("$kcidb" validate "$1/doc.json" 2>&1) && { echo "accepted: $out"; return 1; }
	printf '%s\n' "$out"
	grep -qF -f "$1/expect" <<<"$out"
}
kcidb_run() {	# kcidb_run DIR: the document of the logs in DIR/logs is valid,
	# adds up, and has each "BUILD PATH STATUS" line of DIR/expect
	local d out rc=0 l
	d=$(mktemp -d)
	out=$("$kcidb" --logs "$1/logs" -o "$d/kcidb.json" 2>&1) || rc=1
	printf '%s\n' "$out"
	grep -qE '^(ERROR|note):' <<<"$out" && rc=1
	grep -q ' valid KCIDB v5\.3: ' <<<"$out" || rc=1
	"$kcidb" list "$d/kcidb.json" >"$d/list" || rc=1
	while IFS= read -r l; do
		grep -qxF "$l" "$d/list" || { echo "missing: $l"; rc=1; }
	done <"$1/expect"
	rm -rf "$d"
	return $rc
}
abi_compare() {	# abi_compare DIR RC: "abi.sh --compare" of DIR/patched and
	# DIR/base with DIR/abi-lines exits RC (0 or 1) and prints each line of DIR/expect
	local d out rc=0 l
	d=$(mktemp -d)
	out=$(ABI_LINES="$1/abi-lines" "$top/harness/abi.sh" --compare "$1/patched" "$1/base" "$d" 2>&1) || rc=1
	rm -rf "$d"
	printf '%s\n' "$out"
	[ "$rc" = "$2" ] || { echo "exit $rc, want $2"; return 1; }
	while IFS= read -r l; do
		grep -qF -- "$l" <<<"$out" || { echo "missing: $l"; return 1; }
	done <"$1/expect"
}
fixes_check() {	# fixes_check DIR: checkpatch, with commit ids looked up through
	# harness/upstream-git, passes DIR/patch ("clean") or rejects it with
	# the message in DIR/expect
	local out rc
	out=$(cd "$top/build/linux" && PATH=$top/harness/upstream-git:$PATH \
		scripts/checkpatch.pl --strict --no-summary --quiet "$1/patch" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	if [ "$(cat "$1/expect")" = clean ]; then
		[ $rc = 0 ]
	else
		[ $rc != 0 ] && grep -qF -f "$1/expect" <<<"$out"
	fi
}
# reuse_check DIR: boot.sh with VM_REUSE=1 on a kernel and initramfs that
# are not bootable, with the logs of an earlier boot in the state DIR/state
# names; it must print DIR/expect. "same": that boot ran these files and
# passed (kept, not booted); "other-kernel": it ran another kernel;
# "not-passed": its verdict failed; "fresh": FRESH=1 (all booted, and fail)
reuse_check() {
	local d out k
	d=$(mktemp -d) || return 1
	mkdir -p "$d/logs"
	echo "kernel" >"$d/bzImage"
	echo "initramfs" >"$d/initrd"
	printf '### BEGIN smoke\nok 1 x\n### END smoke\n### DONE\n' >"$d/logs/tests.log"
	export VM_KERNEL=$d/bzImage VM_INITRD=$d/initrd VM_LOGS=$d/logs VM_TIMEOUT=30 VM_REUSE=1
	k=$("$top/harness/boot.sh" --key)
	case $(cat "$1/state") in
	same) echo "$k" >"$d/logs/boot-key"; echo "$k" >"$d/logs/passed";;
	other-kernel) echo "$k" >"$d/logs/boot-key"; echo "$k" >"$d/logs/passed"
		echo "another kernel" >"$d/bzImage";;
	not-passed) echo "$k" >"$d/logs/boot-key";;
	fresh) echo "$k" >"$d/logs/boot-key"; echo "$k" >"$d/logs/passed"; export FRESH=1;;
	esac
	out=$("$top/harness/boot.sh" 2>&1)
	unset VM_KERNEL VM_INITRD VM_LOGS VM_TIMEOUT VM_REUSE FRESH
	rm -rf "$d"
	printf '%s\n' "$out"
	grep -qF -f "$1/expect" <<<"$out"
}
echo "TAP version 13"
echo "1..$(($(ls "$fx" | wc -l) + 1))"
t 1 "splat.sh rejects a missing log" "$top/harness/splat.sh" "$fx/no-such.log"
for f in "$fx"/*; do
	b=$(basename "$f")
	case $b in
	clean-*.log) t 0 "splat.sh accepts $b" "$top/harness/splat.sh" "$f";;
	splat-*.log) t 1 "splat.sh rejects $b" "$top/harness/splat.sh" "$f";;
	pass-*.tap) t 0 "kunit.py parse accepts $b" "${parse[@]}" "$f";;
	fail-*.tap) t 1 "kunit.py parse rejects $b" "${parse[@]}" "$f";;
	# a whole VM run (console.log + tests.log, optional expect-fail), judged
	# as the abi stage judges the kernel without the series
	vmrun-pass*) t 0 "vm-verdict.sh accepts $b" run_verdict "$f";;
	vmrun-fail-*) t 0 "vm-verdict.sh rejects $b: $(cat "$f/expect")" verdict_rejects "$f" base;;
	# the same, judged as the kernel with the series is (boot KUnit,
	# kmemleak, the reliability line)
	vmrunp-pass*) t 0 "vm-verdict.sh accepts $b (patched)" run_patched "$f";;
	vmrunp-fail-*) t 0 "vm-verdict.sh rejects $b (patched): $(cat "$f/expect")" verdict_rejects "$f";;
	# KCIDB: a document the schema must reject (the reason in expect), and
	# the logs of a run whose document must hold the tests in expect
	kcidb-reject-*) t 0 "kcidb.py rejects $b: $(cat "$f/expect")" kcidb_rejects "$f";;
	kcidbrun-*) t 0 "kcidb.py reports $b: $(grep -c . "$f/expect") tests as expected" kcidb_run "$f";;
	# the abi stage's comparison of the state lines, base against patched
	abi-pass-*) t 0 "abi.sh --compare accepts $b: $(head -1 "$f/expect")" abi_compare "$f" 0;;
	abi-fail-*) t 0 "abi.sh --compare rejects $b: $(head -1 "$f/expect")" abi_compare "$f" 1;;
	# commit ids in messages, looked up in config/upstream-commits
	fixes-pass-*) t 0 "checkpatch accepts the Fixes: tag of $b" fixes_check "$f";;
	fixes-reject-*) t 0 "checkpatch rejects $b: $(cat "$f/expect")" fixes_check "$f";;
	# boot.sh keeps the logs of a boot only of the same files that passed
	reuse-*) t 0 "boot.sh, earlier boot $(cat "$f/state"): $(cat "$f/expect")" reuse_check "$f";;
	*) t 0 "unknown fixture $b" false;;
	esac
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
