#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench-harness: timings of "make check" on this machine (a benchmark,
# not a test: it prints figures and judges nothing).
#  1. cold: a fresh clone, empty ccache, no build/ (what CI pays at worst);
#  2. warm: the same clone after one patch changed (or, with an empty queue,
#     the cover letter), the way a developer iterates.
# BENCH_DIR (default /tmp/harness-bench) holds the clone and its ccache.
STAGE=bench
. "$(dirname "$0")/lib.sh"

B=${BENCH_DIR:-/tmp/harness-bench}
export CCACHE_DIR=$B/ccache
# BENCH_WARM_ONLY=1 reuses the clone of an earlier run and times the warm
# step only.
if [ "${BENCH_WARM_ONLY:-0}" != 1 ] || [ ! -d "$B/clone/build/linux" ]; then
	BENCH_WARM_ONLY=0
	rm -rf "$B"
	mkdir -p "$B"
	need_space "$B" 25
	git clone -q "$TOP" "$B/clone"
	cp -r "$SERIES/." "$B/clone/series/"	# uncommitted queue edits count too
fi

stages() { sed 's/^/    /' "$B/clone/build/logs/times.txt"; }
# The issue's targets, and the figures measured before reuse and lanes
# (same machine: cold 2037 s, warm after one line in one patch 477 s).
declare -A target=([cold]=1200 [warm]=180) before=([cold]=2037 [warm]=477)
timed() {	# timed LABEL: make check in the clone, print its wall time
	local t0 rc dt
	t0=$(date +%s)
	set +e
	make -C "$B/clone" check >"$B/$1.log" 2>&1
	rc=$?
	set -e
	dt=$(($(date +%s) - t0))
	echo "$1 make check: $dt s (target <= ${target[$1]} s: $([ "$dt" -le "${target[$1]}" ] && echo met || echo NOT met); before: ${before[$1]} s; exit $rc; $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$B/$1.log" | tail -1))"
	stages
}

[ "$BENCH_WARM_ONLY" = 1 ] || timed cold
L=$B/clone/build/linux
c=$(git -C "$L" log -1 --format=%H base..HEAD -- '*.c' ':(exclude)tools/*')
if [ -n "$c" ]; then
	# a code change: one more comment line in a kernel .c file of the newest
	# patch that touches one, so its objects and the kernels really rebuild
	f=$(git -C "$L" diff-tree --no-commit-id --name-only -r "$c" | grep '\.c$' | grep -v '^tools/' | head -1)
	printf '\n/* benchmark: one patch changed */\n' >>"$L/$f"
	git -C "$L" commit -q -a --fixup="$c"
	GIT_SEQUENCE_EDITOR=: git -C "$L" rebase -q -i --autosquash base
	what="one patch changed: a line added to $f"
else
	git -C "$L" config branch.main.description "$(git -C "$L" config branch.main.description)
Benchmark: cover letter changed."
	what="cover letter changed (empty queue)"
fi
make -C "$B/clone" -s export >/dev/null
echo "-- $what, then:"
timed warm
echo "clone and logs in $B"
