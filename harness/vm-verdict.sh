#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Judge a finished VM run (build/logs/vm): KUnit from the console and every
# TAP document from tests.log through "kunit.py parse"; kmemleak must be
# empty; splat.sh must find nothing. Prints one line per part; exit 1 if any
# part failed. VERDICT_BASE=1 judges the kernel without the series (no
# KUnit, no kmemleak in its config): only the TAP documents and the console;
# there, the kselftests named in VERDICT_EXPECT_FAIL ("DIR:TEST ...") must
# fail and every other one must pass.
STAGE=vm-verdict
. "$(dirname "$0")/lib.sh"

L=$(cd "${1:-$LOGS/vm}" && pwd)	# absolute: kunit.py changes directory
PARSE=(python3 "$LINUX/tools/testing/kunit/kunit.py" parse)
fail=0
verdict() {	# verdict OK|FAIL what
	printf '  %-4s %s\n' "$1" "$2"
	[ "$1" = ok ] || fail=1
}

# judge_expected TAP: each kselftest's result line against VERDICT_EXPECT_FAIL
# An expected failure must be a test's own verdict: exit status 1 (not a
# timeout, a signal or a skip) with at least one failed case of its own.
judge_expected() {
	local name
	sed -nE 's/^(not ok|ok) [0-9]+ selftests: ([^:]+): ([^ ]+).*/\1|\2:\3/p' "$1" |
	while IFS='|' read -r res name; do
		case " ${VERDICT_EXPECT_FAIL:-} " in
		*" $name "*) [ "$res" = "not ok" ] || printf ' %s passes without the series, so it pins nothing new;' "$name";;
		*) [ "$res" = ok ] || printf ' %s fails;' "$name";;
		esac
	done
	for name in ${VERDICT_EXPECT_FAIL:-}; do
		awk -v n="${name%%:*}: ${name#*:}" '
			$0 == "# selftests: " n {on = 1; next}
			on && /^# not ok / {cases++}
			on && /^(not )?ok [0-9]+ selftests: / {
				ok = ($0 ~ /^not ok/ && $0 ~ /# exit=1$/ && cases > 0); on = 0; seen = 1}
			END {exit !(seen && ok)}' "$1" ||
			printf ' %s did not fail by its own verdict (exit=1 with failed cases) or did not run;' "$name"
	done
}

# The serial line turns "\n" into "\r\n".
tr -d '\r' <"$L/tests.log" >"$L/tests.txt"

# KUnit suites built into the kernel ran at boot.
if [ -n "${VERDICT_BASE:-}" ]; then
	:
elif "${PARSE[@]}" "$L/console.log" >"$L/kunit.txt" 2>&1 &&
     ! grep -qE 'Testing complete.*skipped: [1-9]' "$L/kunit.txt"; then
	verdict ok "boot KUnit: $(grep -E 'Testing complete' "$L/kunit.txt" | sed 's/.*Testing complete. //')"
else
	# a skipped case is a case that did not test: it fails like a failure
	verdict FAIL "boot KUnit (build/logs/vm/kunit.txt): $(grep -E 'Testing complete|FAILED|CRASHED|SKIPPED' "$L/kunit.txt" | head -3 | tr '\n' ' ')"
fi

# Every TAP document the guest wrote.
docs=$(sed -n 's/^### BEGIN //p' "$L/tests.txt" | grep -v '^kmemleak$' || true)
# /init runs every harness/vm/*.sh (smoke, clients) as a document of its own
want=$(cd "$HARNESS/vm" && ls [a-z]*.sh | sed 's/\.sh$//' | xargs)
[ -n "$(sed -e 's/#.*//' "$CONFIG/selftests" | xargs)" ] && want+=" kselftest"
for w in $want; do
	printf '%s\n' "$docs" | grep -qx "$w" || verdict FAIL "$w: the guest ran no such test document"
done
for d in $docs; do
	awk -v d="$d" '$0 == "### BEGIN " d {on = 1; next} on && /^### END / {exit} on' \
		"$L/tests.txt" >"$L/$d.tap"
	rc=$(sed -n "s/^### END $d rc=//p" "$L/tests.txt")
	# run_kselftest.sh prints one TAP document per test collection and
	# "kunit.py parse" reads only the first: parse each on its own.
	rm -f "$L/$d".part*
	awk -v p="$L/$d.part" '/^TAP version/ {n++} n {print > (p n)}' "$L/$d.tap"
	bad="" ran=0
	for part in "$L/$d".part*; do
		[ -f "$part" ] || { bad+=" no TAP document;"; break; }
		if "${PARSE[@]}" "$part" >"$part.txt" 2>&1; then
			ran=$((ran + $(sed -n 's/.*Testing complete. Ran \([0-9]*\) tests.*/\1/p' "$part.txt")))
		else
			bad+=" $(grep -E 'Testing complete' "$part.txt" | sed 's/.*Testing complete. //');"
		fi
	done
	cat "$L/$d".part*.txt >"$L/$d.txt" 2>/dev/null || true
	# a kselftest whose runner died prints its header and no result
	heads=$(grep -c '^# selftests: ' "$L/$d.tap" || true)
	results=$(grep -cE '^(not )?ok [0-9]+ selftests: ' "$L/$d.tap" || true)
	[ "$heads" = "$results" ] || bad+=" $heads kselftests started, $results reported;"
	if [ -n "${VERDICT_BASE:-}" ] && [ "$d" = kselftest ]; then
		# judged by the top-level result of each kselftest, not by parse
		bad=$(judge_expected "$L/$d.tap")
		[ "$heads" = "$results" ] || bad+=" $heads kselftests started, $results reported;"
		ran=$results
	else
		grep -q '^not ok ' "$L/$d.tap" && bad+=" $(grep '^not ok ' "$L/$d.tap" | head -3 | tr '\n' ' ')"
	fi
	# a skip hides what it did not test: every case must run
	if grep -qE '^(# )*ok [0-9]+ .*# SKIP' "$L/$d.tap"; then
		bad+=" skipped: $(grep -E '^(# )*ok [0-9]+ .*# SKIP' "$L/$d.tap" | head -2 | tr '\n' ' ');"
	fi
	if [ -z "$bad" ] && [ "$rc" = 0 ] && [ "$ran" -gt 0 ] && [ -n "${VERDICT_BASE:-}" ] && [ "$d" = kselftest ]; then
		nf=$(grep -c '^not ok [0-9]* selftests: ' "$L/$d.tap" || true)
		verdict ok "$d: Ran $ran tests: passed: $((ran - nf)), failed as config/abi-changes expects: $nf"
	elif [ -z "$bad" ] && [ "$rc" = 0 ] && [ "$ran" -gt 0 ]; then
		verdict ok "$d: Ran $ran tests: passed: $ran"
	else
		verdict FAIL "$d (exit $rc, $ran passed):$bad"
	fi
done

# kmemleak, scanned by /init after the tests.
awk '$0 == "### BEGIN kmemleak" {on = 1; next} on && /^### END / {exit} on' \
	"$L/tests.txt" >"$L/kmemleak.txt"
if [ -n "${VERDICT_BASE:-}" ]; then
	:
elif grep -q 'kmemleak: Kernel memory leak detector disabled' "$L/console.log"; then
	verdict FAIL "kmemleak disabled itself: its scan says nothing (build/logs/vm/console.log)"
elif grep -q '^### BEGIN kmemleak' "$L/tests.txt"; then
	if [ -s "$L/kmemleak.txt" ]; then
		verdict FAIL "kmemleak: $(grep -c '^unreferenced object' "$L/kmemleak.txt") leaked objects (build/logs/vm/kmemleak.txt)"
	else
		verdict ok "kmemleak: no leaks"
	fi
else
	verdict FAIL "kmemleak did not run"
fi

# Lockdep classes went to the device locks of every bus and class named in
# config/device-lock-classes (VERDICT_DEVLOCK= for a kernel without them):
# the kernel logs the first device of each that got one.
devlock=${VERDICT_DEVLOCK-$(sed -e 's/#.*//' "$CONFIG/device-lock-classes" | xargs)}
if [ -z "${VERDICT_BASE:-}" ] && [ -n "$devlock" ]; then
	missing=""
	for c in $devlock; do
		grep -qF "device_lock_classes: $c: the first device with a lock class is " "$L/console.log" ||
			missing+=" $c"
	done
	if ! grep -q 'device_lock_classes: lockdep classes for the device locks of' "$L/console.log"; then
		verdict FAIL "device-lock lockdep: not on (no device_lock_classes: line in the console)"
	elif [ -n "$missing" ]; then
		verdict FAIL "device-lock lockdep: no device got a lock class on$missing"
	else
		verdict ok "device-lock lockdep: lock classes on $(echo $devlock)"
	fi
fi

if "$HARNESS/splat.sh" "$L/console.log" >"$L/splats.txt"; then
	verdict ok "console: no lockdep/KASAN/WARN/BUG/hung-task report"
else
	verdict FAIL "console: kernel reports (build/logs/vm/splats.txt): $(head -2 "$L/splats.txt" | tr '\n' ' ')"
fi

# The reliability sweep (drivers/bind_reliability) in one line: what its
# kselftests counted, and the run's kernel reports and leaks.
rel_sum() {	# rel_sum KEY: the sum of "reliability: KEY=N" in the TAP
	sed -nE "s/^(# )+reliability: $1=([0-9]+)$/\2/p" "$L/kselftest.tap" 2>/dev/null |
		awk '{s += $1; n++} END {if (n) print s; else print "none"}'
}
if [ -z "${VERDICT_BASE:-}" ]; then
	ops=$(rel_sum 'stress operations')
	faults=$(rel_sum 'faults injected')
	bad=$(rel_sum 'bad inputs')
	# bind_input's malformed writes to new_id, remove_id, driver_override
	pci=$(awk '$0 == "# selftests: drivers/vfio/variant: bind_input" {on = 1; next}
		   on && /^(not )?ok [0-9]+ selftests: / {exit}
		   on && /^(# )+state: / {n++} END {print n + 0}' "$L/kselftest.tap" 2>/dev/null || echo 0)
	splats=$(grep -c . "$L/splats.txt" || true)
	leaks=$(grep -c '^unreferenced object' "$L/kmemleak.txt" 2>/dev/null || true)
	line="reliability: $ops stress operations, $faults faults injected, $bad bad inputs (+$pci in bind_input), ${splats:-0} splats, ${leaks:-0} leaked objects"
	echo "$line" >"$L/reliability.txt"
	case "$ops $faults $bad" in
	*none*) verdict FAIL "$line (a drivers/bind_reliability kselftest printed no count)";;
	*) if [ "${splats:-0}" = 0 ] && [ "${leaks:-0}" = 0 ]; then
		verdict ok "$line"
	   else
		verdict FAIL "$line"
	   fi;;
	esac
fi
# a run that passed may stand for the next boot of the same kernel,
# initramfs and command line (boot.sh, VM_REUSE=1)
if [ "$fail" = 0 ] && [ -f "$L/boot-key" ]; then
	cp "$L/boot-key" "$L/passed"
fi
exit $fail
