#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make cocci-measure: figures for the device_bind_driver rule (a benchmark:
# it prints, it does not judge).
#  - recall and precision of report mode over the whole tree against the
#    calls "git grep" finds outside drivers/base;
#  - wall time of report mode over the whole tree (make coccicheck, J=JOBS);
#  - patch mode over the callers' directories: how many rewritten files
#    compile (in a scratch worktree with its own O= directory).
STAGE=cocci-measure
. "$(dirname "$0")/lib.sh"

RULE=scripts/coccinelle/api/device_bind_driver.cocci
[ -f "$LINUX/$RULE" ] || die "no $RULE in build/linux" "the rule arrives with its patch; make tree"
M=$LOGS/cocci-measure
mkdir -p "$M"

bind_calls | cut -d: -f1,2 | sort -u >"$M/grep.txt"

t0=$(date +%s.%N)
make -C "$LINUX" -s coccicheck MODE=report COCCI="$LINUX/$RULE" J="$JOBS" >"$M/report.raw" 2>"$M/report.err"
t1=$(date +%s.%N)
sed -E "s|^$LINUX/||; s|^\./||" "$M/report.raw" | grep -E '^[^ ]+:[0-9]+:' |
	cut -d: -f1,2 | sort -u >"$M/report.txt"
tp=$(comm -12 "$M/grep.txt" "$M/report.txt" | wc -l)
ng=$(wc -l <"$M/grep.txt"); nr=$(wc -l <"$M/report.txt")
echo "report mode, whole tree: $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s wall on $JOBS cores"
echo "  git grep calls outside drivers/base: $ng; reported: $nr; both: $tp"
echo "  recall $((100 * tp / (ng ? ng : 1)))%, precision $((100 * tp / (nr ? nr : 1)))%"
comm -3 "$M/grep.txt" "$M/report.txt" | sed 's/^/  differs: /'

# patch mode on the callers, applied to a scratch worktree, then compiled
W=$BUILD/cocci-wt
O=$OUT/cocci
git -C "$LINUX" worktree remove --force "$W" >/dev/null 2>&1 || rm -rf "$W"
git -C "$LINUX" worktree prune
git -C "$LINUX" worktree add -q --detach "$W" HEAD
dirs=$(cut -d: -f1 "$M/grep.txt" | xargs -n1 dirname | sort -u)
for d in $dirs; do
	spatch -D patch --very-quiet --no-includes --include-headers --in-place \
		--sp-file "$W/$RULE" --dir "$W/$d" >/dev/null 2>>"$M/patch.err"
done
git -C "$W" diff >"$M/patch.diff"
files=$(git -C "$W" diff --name-only)
# a scratch build: start it clean, so nothing left by an interrupted run counts
rm -rf "$O"
mkdir -p "$O"
kconfig_in "$W" "$O" "$CONFIG/x86_64.config" "$CONFIG/bisect.config"
kmake_in "$W" "$O" -s prepare >/dev/null 2>&1
ok=0 n=0
for f in $files; do
	n=$((n + 1))
	if kobjs_in "$W" "$O" "${f%.c}.o" >"$M/build-$(basename "$f").log" 2>&1; then
		ok=$((ok + 1)); echo "  patch mode: $f rewritten, compiles"
	else
		echo "  patch mode: $f rewritten, does NOT compile (see $M/build-$(basename "$f").log)"
	fi
done
echo "patch mode: $ok of $n rewritten files compile; $ng call sites, $((ng - n)) left alone by design (see report)"
git -C "$LINUX" worktree remove --force "$W"
