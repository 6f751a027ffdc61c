#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: the whole matrix. Each stage prints one PASS or FAIL line with
# its time; the run ends with "N passed, N failed". STAGES="a b" runs a
# subset (names as printed); kcidb, the run as a KCIDB document
# (build/kcidb.json), ends every run. Stage logs are in build/logs/.
STAGE=check
. "$(dirname "$0")/lib.sh"
. "$HARNESS/queue.sh"

ALL="selftest roundtrip checkpatch mail bisect kunit vm abi static kernel-doc coccicheck kcidb"
STAGES=${STAGES:-$ALL}
case " $STAGES " in *" kcidb "*) ;; *) STAGES+=" kcidb";; esac
mkdir -p "$LOGS"
# one run at a time: two would build into the same O= directories
exec 9>"$BUILD/.check.lock"
flock -n 9 || die "another 'make check' is running in this checkout" "wait for it, or stop it"
: >"$LOGS/times.txt"
# what build/kcidb.json says was tested: when, and the queue's patches
date -u +%Y-%m-%dT%H:%M:%SZ >"$LOGS/started"
series_patches | xargs -r sha256sum >"$LOGS/series.sha256" 2>/dev/null || true
exec > >(tee "$LOGS/summary.txt")
passed=0 failed=0

run_stage() {	# run_stage NAME: runs stage_NAME, output to build/logs/NAME.log
	local name=$1 t0 rc msg
	case " $STAGES " in *" $name "*) ;; *) return 0;; esac
	t0=$(date +%s)
	set +e
	(set -e; "stage_${name//-/_}") >"$LOGS/$name.log" 2>&1
	rc=$?
	set -e
	local dt=$(($(date +%s) - t0))
	echo "$name $dt" >>"$LOGS/times.txt"
	msg=$(grep '^RESULT: ' "$LOGS/$name.log" | tail -1 | sed 's/^RESULT: //' || true)
	# one write per stage: the two lanes below print side by side
	if [ $rc = 0 ]; then
		passed=$((passed + 1))
		printf 'PASS %-11s (%4ss) %s\n' "$name" "$dt" "$msg"
	else
		failed=$((failed + 1))
		printf 'FAIL %-11s (%4ss) %s\n%s' "$name" "$dt" "${msg:-see build/logs/$name.log}" \
			"$({ grep -E '^(ERROR|  what to do|  FAIL)' "$LOGS/$name.log" | head -8 | sed 's/^/     /'; } || true)
"
	fi
}
result() { echo "RESULT: $*"; }

# --- stage 0: the harness checks itself -------------------------------------
# Its result depends on the harness, its fixtures, config/ and the kernel
# tools it runs (checkpatch, kunit.py): unchanged, it is not run again.
stage_selftest() {
	local k r
	k=$(input_key "$HARNESS" "$TOP/tests/harness" "$CONFIG" "$LINUX/scripts/checkpatch.pl" \
		"$LINUX/scripts/spelling.txt" "$LINUX/scripts/const_structs.checkpatch" \
		"$(git -C "$LINUX" rev-parse HEAD:tools/testing/kunit)" "$(python3 --version)")
	if r=$(cache_get selftest "$k"); then
		result "$r (as in the last run: harness, fixtures and tools unchanged)"
		return 0
	fi
	"$TOP/tests/harness/run.sh"
	r=$(tail -1 "$LOGS/selftest.log")
	cache_put selftest "$k" "$r"
	result "$r"
}

# The queue survives "make tree && make export" byte for byte.
stage_roundtrip() {
	local tmp
	tmp=$(mktemp -d)
	export_to "$tmp"
	diff -ru "$SERIES" "$tmp" || { rm -rf "$tmp"; echo "ERROR: export differs from series/"; return 1; }
	rm -rf "$tmp"
	result "series/ is byte-identical after tree+export ($(npatches) patches)"
}

# --- stage 1: checkpatch --strict on every patch -----------------------------
# The base is a source package without upstream history: checkpatch looks
# the ids of Fixes: tags and "commit <id>" references up through
# harness/upstream-git/git, which answers from config/upstream-commits.
stage_checkpatch() {
	local patches=() out bad=0
	mapfile -t patches < <(series_patches)
	if ! out=$(checkpatch_many --ignore MISSING_SIGN_OFF --no-summary --quiet -- "${patches[@]}"); then
		printf '%s\n' "$out" | sed "s|^CHECKPATCH-FAIL $SERIES/|  FAIL |"
		bad=$(grep -c '^CHECKPATCH-FAIL ' <<<"$out")
	fi
	result "${#patches[@]} patches, $bad with checkpatch findings"
	[ "$bad" = 0 ]
}

# --- the mail: posting sets as maintainers' tools see them --------------------
stage_mail() {
	"$HARNESS/mail.sh" --check
}

# --- stage 2: every patch builds on its own ----------------------------------
# A worktree at each commit in turn, with its own O= directory: the objects of
# the .c files the commit touches (all the series' objects when it touches a
# header) must build, with the series' extra options on.
BT=$BUILD/bisect
OB=$OUT/bisect

bisect_prepare() {
	worktree_at "$BT" base
	kconfig_in "$BT" "$OB" "$CONFIG/x86_64.config" "$CONFIG/bisect.config"
	kmake_in "$BT" "$OB" -s prepare
}

objs_of() {	# objs_of FILES...: the .o targets of the .c files, as the
	# Makefiles of the tree OBJS_IN (default build/linux, the queue) name them
	local f t=${OBJS_IN:-$LINUX}
	for f in "$@"; do
		case $f in
		tools/*) ;;	# userspace (kselftests): built by the vm stage
		# only objects their Makefile names: a .c file that another
		# one #includes (a KUnit suite of static functions) is built
		# with that one
		*.c) [ -f "$t/$(dirname "$f")/Makefile" ] &&
			grep -qw "$(basename "${f%.c}").o" "$t/$(dirname "$f")/Makefile" &&
			echo "${f%.c}.o";;
		esac
	done
	return 0
}

stage_bisect() {
	local n i=0 c files objs allobjs
	n=$(npatches)
	[ "$n" -gt 0 ] || { result "0 patches in the queue, nothing to bisect"; return 0; }
	local cfg k reused=0
	bisect_prepare
	allobjs=$(OBJS_IN=$BT objs_of $(touched_files))
	# a commit whose tree built these objects with this configuration
	# and compiler before builds them again: it is not rebuilt
	cfg=$(input_key "$OB/.config" "$(gcc --version | head -1)")
	for c in $(git -C "$LINUX" rev-list --reverse base..HEAD); do
		i=$((i + 1))
		files=$(git -C "$LINUX" diff-tree --no-commit-id --name-only -r --diff-filter=AM "$c")
		k=$(input_key "$cfg" "$(git -C "$LINUX" rev-parse "$c^{tree}")" "$files" "$allobjs")
		if cache_get bisect "$k" >/dev/null; then
			echo "patch $i/$n $(git -C "$LINUX" log -1 --format=%s "$c"): built before (same tree and configuration)"
			reused=$((reused + 1))
			continue
		fi
		git -C "$BT" checkout -q --detach "$c"
		if printf '%s\n' "$files" | grep -q '\.h$'; then
			objs=$allobjs
		else
			objs=$(OBJS_IN=$BT objs_of $files)
		fi
		# only objects whose source exists at this commit
		objs=$(for o in $objs; do [ -f "$BT/${o%.o}.c" ] && echo "$o"; done)
		echo "patch $i/$n $(git -C "$LINUX" log -1 --format=%s "$c"): ${objs:-no objects}"
		if [ -n "$objs" ]; then
			kobjs_in "$BT" "$OB" $objs ||
				{ echo "ERROR: patch $i does not build"; return 1; }
		fi
		cache_put bisect "$k"
	done
	result "$n patches, each builds its objects on top of the previous one ($reused as built before)"
}

# --- stage 3: KUnit on UML ----------------------------------------------------
stage_kunit() {
	need_space "$OUT" 3
	kunit_uml
	# a skipped case did not test what it names: it fails the stage
	if grep -qE 'Testing complete.*skipped: [1-9]' "$LOGS/kunit.log"; then
		echo "ERROR: skipped KUnit cases: $(grep -E '\[SKIPPED\]' "$LOGS/kunit.log" | head -3 | tr '\n' ' ')"
		return 1
	fi
	"$HARNESS/splat.sh" "$OUT/uml/test.log" ||
		{ echo "ERROR: kernel reports in the UML run"; return 1; }
	result "$(grep -E 'Testing complete' "$LOGS/kunit.log" | tail -1 | sed 's/.*Testing complete. //'), no kernel reports"
}

# --- stage 4: the x86_64 test kernel in QEMU ----------------------------------
stage_vm() {
	"$HARNESS/build-x86.sh"
	"$HARNESS/initramfs.sh"
	VM_REUSE=1 "$HARNESS/boot.sh"
	"$HARNESS/vm-verdict.sh"
	echo "line coverage (gcov, x86_64 guest):"
	"$HARNESS/coverage.sh" | sed 's/^/  /'
	result "$(grep -o 'Ran [0-9]* tests' "$LOGS/vm.log" | awk '{n += $2} END {print n}') KUnit/kselftest/smoke cases pass; no leak, no kernel report"
}

# --- stage 4b: userspace sees what it saw without the series ----------------
stage_abi() {
	"$HARNESS/abi.sh"
}

# --- stage 5: sparse (C=2) and W=1 on touched files: nothing new --------------
warnings_at() {	# warnings_at REV OBJS...: normalized warnings of those objects
	local rev=$1; shift
	: >"$LOGS/static.broken"
	git -C "$BT" checkout -q --detach "$rev"
	local have=()
	for o in "$@"; do
		[ -f "$BT/${o%.o}.c" ] && have+=("$o") && touch "$BT/${o%.o}.c"
	done
	[ ${#have[@]} -gt 0 ] || return 0
	# all in one make; only if that fails, one by one to name the broken
	{ if ! kobjs_in "$BT" "$OB" C=2 W=1 "${have[@]}" >"$LOGS/static.one" 2>&1; then
		for o in "${have[@]}"; do
			touch "$BT/${o%.o}.c"
			kobjs_in "$BT" "$OB" C=2 W=1 "$o" >>"$LOGS/static.one" 2>&1 || echo "$o" >>"$LOGS/static.broken"
		done
	  fi
	  grep -E 'warning:|error:' "$LOGS/static.one" || true
	} | sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' | LC_ALL=C sort -u
}

stage_static() {
	local objs
	[ "$(npatches)" -gt 0 ] || { result "0 patches in the queue, no touched files"; return 0; }
	objs=$(objs_of $(touched_files))
	[ -n "$objs" ] || { result "the series touches no .c file"; return 0; }
	local o
	for o in $(sed -e 's/#.*//' "$CONFIG/static-objects"); do
		[ -f "$LINUX/${o%.o}.c" ] || { echo "ERROR: config/static-objects names $o, no such source"; return 1; }
	done
	objs=$(printf '%s\n' $objs $(sed -e 's/#.*//' "$CONFIG/static-objects") | sort -u)
	[ -d "$OB" ] || bisect_prepare
	# the base's warnings depend on the base, the objects, the configuration
	# and the tools only: they are kept from the last run that had them
	local k
	k=$(input_key "$(git -C "$LINUX" rev-parse base^{tree})" "$objs" "$OB/.config" \
		"$(gcc --version | head -1)" "$(sparse --version 2>&1)" "$HARNESS/check.sh")
	if cache_get static-base "$k" >"$LOGS/static.base"; then
		echo "the base's warnings: as found before (same base, objects, configuration and tools)"
	else
		warnings_at base $objs >"$LOGS/static.base"
		[ -s "$LOGS/static.broken" ] || cache_put static-base "$k" "$(cat "$LOGS/static.base")"
	fi
	warnings_at "$(git -C "$LINUX" rev-parse HEAD)" $objs >"$LOGS/static.head"
	if [ -s "$LOGS/static.broken" ]; then
		echo "ERROR: with C=2 W=1 these do not build:"; sed 's/^/  FAIL /' "$LOGS/static.broken"; return 1
	fi
	local new
	new=$(LC_ALL=C comm -13 "$LOGS/static.base" "$LOGS/static.head")
	if [ -n "$new" ]; then
		echo "ERROR: new sparse/W=1 warnings:"; printf '  FAIL %s\n' "$new"; return 1
	fi
	result "$(echo $objs | wc -w) objects, $(wc -l <"$LOGS/static.head") warnings, none new"
}

# --- stage 6: kernel-doc on touched files: nothing new ------------------------
stage_kernel_doc() {
	local f new="" nf=0 tmp
	tmp=$(mktemp -d)
	for f in $(touched_files | grep -E '\.(c|h)$' || true); do
		nf=$((nf + 1))
		if git -C "$LINUX" cat-file -e "base:$f" 2>/dev/null; then
			mkdir -p "$tmp/$(dirname "$f")"
			git -C "$LINUX" show "base:$f" >"$tmp/$f"
			(cd "$tmp" && "$LINUX/scripts/kernel-doc" -none -Wall "$f" 2>&1 |
				sed -E 's/:[0-9]+:/:/' | sort -u) >"$tmp/base.w"
		else
			: >"$tmp/base.w"
		fi
		(cd "$LINUX" && scripts/kernel-doc -none -Wall "$f" 2>&1 |
			sed -E 's/:[0-9]+:/:/' | sort -u) >"$tmp/head.w"
		new+=$(comm -13 "$tmp/base.w" "$tmp/head.w")
	done
	rm -rf "$tmp"
	if [ -n "$new" ]; then
		echo "ERROR: new kernel-doc warnings:"; printf '  FAIL %s\n' "$new"; return 1
	fi
	result "$nf touched files, no new kernel-doc warning"
}

# --- stage 7: the series' Coccinelle rules: fixtures, then the whole tree ------
# The device_bind_driver rule's report must name exactly the calls that
# "git grep" finds outside drivers/base.
stage_coccicheck() {
	local rules r n out bad=0
	rules=$(touched_files | grep -E '^scripts/coccinelle/.*\.cocci$' || true)
	[ -n "$rules" ] || { result "the series has no Coccinelle rule yet"; return 0; }
	rm -f "$LOGS"/coccicheck-*.txt "$LOGS/claim-calls.txt" "$LOGS/bind-calls.txt" "$LOGS/bind-reports.txt"
	# every mode of every rule, the series' and the harness's
	# (harness/cocci/), on its fixtures
	# (their result depends on the fixtures, the rules and spatch only: an
	# unchanged set is not run again)
	local k tap
	k=$(input_key "$TOP/tests/coccinelle" "$HARNESS/cocci" "$LINUX/scripts/coccinelle/api" \
		"$(spatch --version | head -1)")
	if tap=$(cache_get cocci-fixtures "$k"); then
		echo "fixtures: as in the last run (fixtures, rules and spatch unchanged)"
		printf '%s\n' "$tap"
	else
		tap=$("$TOP/tests/coccinelle/run.sh") || { printf '%s\n' "$tap"; echo "ERROR: Coccinelle fixtures fail"; return 1; }
		printf '%s\n' "$tap"
		cache_put cocci-fixtures "$k" "$tap"
	fi
	# the series' rules in report mode over the whole tree
	for r in $rules; do
		n=$(basename "$r" .cocci)
		out=$LOGS/coccicheck-$n.txt
		make -C "$LINUX" -s coccicheck MODE=report COCCI="$LINUX/$r" J="$JOBS" >"$out.raw" ||
			{ echo "ERROR: coccicheck $r failed"; return 1; }
		sed -E "s|^$LINUX/||; s|^\./||" "$out.raw" | { grep -E '^[^ ]+:[0-9]+:' || true; } |
			cut -d: -f1,2 | sort -u >"$out"
		echo "$r: $(wc -l <"$out") reports"
	done
	# device_driver_claim() is called only where it is exported to: the
	# rule and git grep must both find no other call
	if [ -e "$LOGS/coccicheck-device_driver_claim.txt" ]; then
		git -C "$LINUX" grep -nE '\<device_driver_claim\(' -- '*.c' ':!drivers/base' \
			':!drivers/usb/core' ':!drivers/net/wireless/virtual/mac80211_hwsim.c' ':!tools' |
			cut -d: -f1,2 | sort -u >"$LOGS/claim-calls.txt" || true
		if [ -s "$LOGS/claim-calls.txt" ] || [ -s "$LOGS/coccicheck-device_driver_claim.txt" ]; then
			echo "ERROR: device_driver_claim() called outside usbcore and mac80211_hwsim:"
			cat "$LOGS/claim-calls.txt" "$LOGS/coccicheck-device_driver_claim.txt"
			bad=1
		fi
	fi
	# the harness's conversion rule: after the series it must name exactly
	# the device_bind_driver() calls git grep finds outside drivers/base
	# (none), and nothing in idxd or mdev
	make -C "$LINUX" -s coccicheck MODE=report COCCI="$HARNESS/cocci/device_bind_driver.cocci" J="$JOBS" \
		>"$LOGS/coccicheck-device_bind_driver.raw" || { echo "ERROR: coccicheck device_bind_driver failed"; return 1; }
	bind_calls | cut -d: -f1,2 | sort -u >"$LOGS/bind-calls.txt"
	sed -E "s|^$LINUX/||; s|^\./||" "$LOGS/coccicheck-device_bind_driver.raw" | { grep -E '^[^ ]+:[0-9]+:' || true; } |
		cut -d: -f1,2 | sort -u >"$LOGS/bind-reports.txt"
	if ! diff -u "$LOGS/bind-calls.txt" "$LOGS/bind-reports.txt"; then
		echo "ERROR: report mode and git grep disagree on device_bind_driver() calls"
		bad=1
	fi
	if grep -E '^(drivers/dma/idxd|drivers/vfio/mdev)/' "$LOGS/bind-reports.txt"; then
		echo "ERROR: the rule reports idxd or mdev, which bind with device_driver_attach()"
		bad=1
	fi
	# the preset audit (harness/cocci/device_driver_preset.cocci) and
	# config/preset-sites must give docs/preset-sites.md exactly, and every
	# preset the in-tree rule reports must be one the audit found
	"$HARNESS/preset-table.sh" --check || { echo "ERROR: docs/preset-sites.md is not true"; return 1; }
	if [ -e "$LOGS/coccicheck-device_driver_hand_bind.txt" ]; then
		sed -E 's|^\./||' "$LOGS/preset-table/report.raw" | cut -d: -f1,2 | sort -u >"$LOGS/preset-sites.txt"
		if comm -23 "$LOGS/coccicheck-device_driver_hand_bind.txt" "$LOGS/preset-sites.txt" | grep .; then
			echo "ERROR: device_driver_hand_bind reports presets the audit does not list"
			bad=1
		fi
	fi
	[ $bad = 0 ] || return 1
	result "$(grep -c '^ok' "$LOGS/coccicheck.log") fixture checks pass; no device_driver_claim() call outside its users; $(wc -l <"$LOGS/coccicheck-device_driver_hand_bind.txt" 2>/dev/null || echo 0) presets on a bus, all in the audit; device_bind_driver: all $(wc -l <"$LOGS/bind-calls.txt") calls, nothing else; preset table true ($(grep -c '^| `' "$TOP/docs/preset-sites.md") sites)"
}

# --- the run as KCIDB v5.3: build/kcidb.json ---------------------------------
# Every stage that ran before this one, with its builds and test cases;
# validated against harness/kcidb-v5.schema.json, and its test count must be
# what the logs hold (KUnit, kselftest and smoke cases, verdicts, stages).
# This stage is not in the document it writes.
stage_kcidb() {
	"$HARNESS/kcidb.py"
}

# --- the matrix -----------------------------------------------------------------
echo "make check: $(dpkg-query -W -f='linux-source-6.12 ${Version}' linux-source-6.12 2>/dev/null)"
t0=$(date +%s)
if ! { "$HARNESS/deps.sh" && "$HARNESS/tree.sh"; } >"$LOGS/setup.log" 2>&1; then
	echo "FAIL setup: the tree could not be prepared"
	grep -E '^(ERROR|  what to do)' "$LOGS/setup.log" | sed 's/^/     /'
	echo "0 passed, 1 failed"
	exit 1
fi
echo "queue: $(npatches) patches on $(git -C "$LINUX" log -1 --format=%s base)"
# Two lanes. The stages that build or boot kernels run one after another:
# they share O= directories and worktrees, and each uses both cores. The
# others only read build/linux and write their own logs and build/mail*;
# they run beside them, in order, and print as they finish.
heavy="bisect kunit vm abi static"
light=""
for s in $ALL; do
	case " $heavy kcidb " in *" $s "*) ;; *) light+=" $s";; esac
done
(
	for s in $light; do run_stage "$s"; done
	echo "$passed $failed" >"$LOGS/.light"
) &
lane=$!
for s in $heavy; do run_stage "$s"; done
wait "$lane" || true
read -r p f <"$LOGS/.light" || { p=0; f=1; echo "FAIL the stages beside the kernel builds did not finish"; }
rm -f "$LOGS/.light"
passed=$((passed + p)) failed=$((failed + f))
run_stage kcidb
echo "total $(($(date +%s) - t0)) s" >>"$LOGS/times.txt"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
