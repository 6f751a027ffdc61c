#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The "abi" stage: what userspace sees must be what it saw without the
# series. Builds the base kernel (tag "base", worktree build/base) with
# config/x86_64.config + config/abi-base.config in build/out/x86_64-base,
# boots it with the same initramfs tests as the vm stage (kselftests from
# build/linux), and requires
#   - every TAP document to pass there too (the smoke test, the real
#     clients and the kselftests describe base behaviour), and no kernel
#     report on its console; except the kselftests listed in
#     config/abi-changes, which pin a change a patch argues for and so must
#     FAIL there;
#   - every "# state:" line (what a write or a client did: errno, driver
#     link, attributes, output), of every test, those of config/abi-changes
#     too, to be identical in build/logs/vm (patched) and build/logs/vm-base
#     (base), except the differing lines listed in config/abi-lines, each
#     with the patch that argues it; a listed difference that no longer
#     occurs fails too.
# Run after the vm stage, which leaves build/logs/vm.
#
# "abi.sh --compare PATCHED BASE OUT" compares two finished runs' logs only
# (the selftest's fixtures; ABI_LINES names another list of differences).
STAGE=abi
. "$(dirname "$0")/lib.sh"

B=$BUILD/base
O=$OUT/x86_64-base
LB=$LOGS/vm-base
ABI_LINES=${ABI_LINES:-$CONFIG/abi-lines}

# states DIR: the "# state:" lines of the TAP documents in DIR (the .tap
# files vm-verdict.sh cut out of tests.log), each after a key: the name of
# the kselftest that printed it ("DIR:TEST"), or the document's file name
# (clients, smoke) for a line outside any kselftest
states() {
	ls "$1"/*.tap >/dev/null 2>&1 || die "no TAP documents in $1" "see its tests.log"
	awk 'FNR == 1 {t = FILENAME; sub(/^.*\//, "", t); sub(/\.tap$/, "", t)}
	     /^# selftests: / {t = $3 $4}
	     /^(# )+state: / {sub(/^(# )+state: /, ""); print t " " $0}' "$1"/*.tap
}

# compare PATCHED BASE OUT: the state lines of both runs, line by line,
# against the expected differences of $ABI_LINES. Leaves in OUT
# states.base, states.patched, states.diff (diff -u, every difference) and
# states.check (the verdict on each difference); exit 1 on a difference no
# entry lists or an entry whose difference no longer occurs.
compare() {
	local p=$1 b=$2 o=$3 rc=0 lines=${ABI_LINES#"$TOP"/}
	[ -f "$ABI_LINES" ] || die "no $lines" "it lists the state lines a patch changes (maybe none)"
	mkdir -p "$o"
	states "$p" >"$o/states.patched"
	states "$b" >"$o/states.base"
	[ -s "$o/states.base" ] || die "the base run printed no '# state:' line" "see ${b#"$TOP"/}/kselftest.tap"
	diff -u "$o/states.base" "$o/states.patched" >"$o/states.diff" || [ $? = 1 ] ||
		die "diff failed on $o/states.*" "see the error above"
	# "-KEY LINE": the base's alone; "+KEY LINE": the patched kernel's alone
	diff --unchanged-line-format= --old-line-format='-%L' --new-line-format='+%L' \
		"$o/states.base" "$o/states.patched" >"$o/states.changed" || [ $? = 1 ] ||
		die "diff failed on $o/states.*" "see the error above"
	awk -v cfg="$ABI_LINES" -v name="$lines" -v total="$(wc -l <"$o/states.base")" '
	function fail(l, m) { printf "  %s:%d: %s\n", name, l, m; bad = 1 }
	function close_entry() {
		if (!open) return
		if (test[ne] == "") fail(at[ne], "the entry has no test:")
		if (why[ne] == "") fail(at[ne], "the entry has no why: (the patch that argues it)")
		if (!(ne in val_base) && !(ne in val_patched))
			fail(at[ne], "the entry has neither base: nor patched:")
		open = 0
	}
	# find(SIDE, TEST, VALUE, RE): a differing line of TEST on SIDE ("-" base,
	# "+" patched) not matched yet, equal to VALUE or, with RE, matching it
	function find(side, t, v, re,    j, x) {
		if (!re)
			return left[side t " " v] > 0 ? side t " " v : ""
		for (j = 1; j <= nd; j++) {
			x = d[j]
			if (left[x] > 0 && substr(x, 1, length(t) + 2) == side t " " &&
			    substr(x, length(t) + 3) ~ ("^(" v ")$"))
				return x
		}
		return ""
	}
	BEGIN {
		while ((r = getline l < cfg) > 0) {
			ln++
			if (l ~ /^#/) continue
			if (l ~ /^[ \t]*$/) { close_entry(); continue }
			if (!open) { open = 1; ne++; at[ne] = ln }
			if (!match(l, /^(test|base~?|patched~?|why):[ \t]*/)) {
				fail(ln, "not a \"test:\", \"base:\", \"base~:\", \"patched:\", \"patched~:\" or \"why:\" line: " l)
				continue
			}
			k = substr(l, 1, index(l, ":") - 1)
			v = substr(l, RLENGTH + 1)
			re = sub(/~$/, "", k)
			if ((ne, k) in seen) fail(ln, "a second " k " line in one entry")
			seen[ne, k] = 1
			if (k == "test") test[ne] = v
			else if (k == "why") why[ne] = v
			else if (k == "base") { val_base[ne] = v; re_base[ne] = re }
			else { val_patched[ne] = v; re_patched[ne] = re }
		}
		if (r < 0) fail(0, "cannot be read")
		close_entry()
		if (bad) exit 2
	}
	{ nd++; d[nd] = $0; left[$0]++ }
	END {
		if (bad) exit 2
		# entries of exact lines first, so a pattern takes no line of theirs
		for (pass = 1; pass <= 2; pass++) for (i = 1; i <= ne; i++) {
			# (i in val_base) before any val_base[i]: a reference creates it
			ib = (i in val_base)
			ip = (i in val_patched)
			if (((ib && re_base[i]) || (ip && re_patched[i])) != (pass == 2))
				continue
			kb = ib ? find("-", test[i], val_base[i], re_base[i]) : ""
			kp = ip ? find("+", test[i], val_patched[i], re_patched[i]) : ""
			if ((!ib || kb != "") && (!ip || kp != "")) {
				if (ib) left[kb]--
				if (ip) left[kp]--
				listed++
				continue
			}
			m = ""
			if (ib)
				m = m sprintf(" base%s: %s%s;", re_base[i] ? "~" : "", val_base[i],
					      kb != "" ? "" : " [no such base line differs]")
			if (ip)
				m = m sprintf(" patched%s: %s%s;", re_patched[i] ? "~" : "", val_patched[i],
					      kp != "" ? "" : " [no such patched line differs]")
			msg[i] = sprintf("  stale: %s:%d (%s): this difference no longer occurs:%s (%s)",
					 name, at[i], test[i], m, why[i])
			stale++
		}
		for (i = 1; i <= ne; i++)
			if (i in msg) print msg[i]
		for (i = 1; i <= nd; i++) {
			if (left[d[i]] <= 0) continue
			left[d[i]]--
			k = substr(d[i], 2, index(d[i], " ") - 2)
			side = (substr(d[i], 1, 1) == "-") ? "base:   " : "patched:"
			printf "  unlisted: %s: %s %s\n", k, side, substr(d[i], index(d[i], " ") + 1)
			unlisted++
		}
		printf "%d state lines on the base kernel; %d differing lines, matched by %d entries of %s; unlisted differences: %d, stale entries: %d\n",
			total, nd, listed, name, unlisted + 0, stale + 0
		exit (unlisted || stale)
	}' "$o/states.changed" >"$o/states.check" || rc=$?
	cat "$o/states.check"
	case $rc in
	0) ;;
	1) die "the state lines differ from the base other than $lines says (${o#"$TOP"/}/states.check, states.diff)" \
	       "a patch that changes what userspace sees must argue it, with an entry in $lines per line it changes; remove the stale entries of differences that no longer occur";;
	*) die "$lines cannot be read as a list of expected differences" "fix the lines named above (its header gives the format)";;
	esac
}
if [ "${1:-}" = --compare ]; then
	[ $# = 4 ] || die "usage: abi.sh --compare PATCHED-LOGS BASE-LOGS OUT" ""
	compare "$2" "$3" "$4"
	exit 0
fi

[ -f "$LOGS/vm/tests.txt" ] || die "no patched VM run in build/logs/vm" "run the vm stage first: STAGES='vm abi' make check"
# the patched run must be of this series and these tests, not an older one
[ "$(cat "$LOGS/vm/run-id" 2>/dev/null)" = "$("$HARNESS/boot.sh" --run-id)" ] ||
	die "build/logs/vm is not a run of the current series and tests" "run the vm stage first: STAGES='vm abi' make check"
worktree_at "$B" base

X86_SRC=$B X86_O=$O X86_GCOV=no \
	X86_FRAGS="$CONFIG/x86_64.config $CONFIG/abi-base.config" \
	X86_CHECKED="$CONFIG/abi-base.config" "$HARNESS/build-x86.sh"
INITRAMFS_SRC=$B INITRAMFS_O=$O INITRAMFS_OUT=$BUILD/initramfs-base.cpio.gz "$HARNESS/initramfs.sh"
VM_KERNEL=$O/arch/x86/boot/bzImage VM_INITRD=$BUILD/initramfs-base.cpio.gz VM_LOGS=$LB VM_DEVLOCK= \
	VM_REUSE=1 "$HARNESS/boot.sh"
changes=$(sed -e 's/#.*//' "$CONFIG/abi-changes" | xargs)
echo "the kernel without the series (expected to fail there: ${changes:-none}):"
VERDICT_BASE=1 VERDICT_EXPECT_FAIL="$changes" "$HARNESS/vm-verdict.sh" "$LB"

echo "every \"# state:\" line, base against patched (differences expected: ${ABI_LINES#"$TOP"/}):"
compare "$LOGS/vm" "$LB" "$LB"
echo "RESULT: $(tail -1 "$LB/states.check"); base run green"
