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
rm -rf "$B"
mkdir -p "$B"
need_space "$B" 25
git clone -q "$TOP" "$B/clone"
cp -r "$SERIES/." "$B/clone/series/"	# uncommitted queue edits count too
export CCACHE_DIR=$B/ccache

stages() { sed 's/^/    /' "$B/clone/build/logs/times.txt"; }
timed() {	# timed LABEL: make check in the clone, print its wall time
	local t0 rc
	t0=$(date +%s)
	set +e
	make -C "$B/clone" check >"$B/$1.log" 2>&1
	rc=$?
	set -e
	echo "$1 make check: $(($(date +%s) - t0)) s (exit $rc; $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$B/$1.log" | tail -1))"
	stages
}

timed cold
L=$B/clone/build/linux
if [ "$(git -C "$L" rev-list --count base..HEAD)" -gt 0 ]; then
	# a code change: one more comment line in the first .c file the last
	# patch touches, so its objects and the kernels really rebuild
	f=$(git -C "$L" diff-tree --no-commit-id --name-only -r HEAD | grep '\.c$' | head -1)
	if [ -n "$f" ]; then
		printf '/* benchmark: one patch changed */\n' >>"$L/$f"
		git -C "$L" commit -q -a --amend --no-edit
		what="last patch changed: a line added to $f"
	else
		git -C "$L" commit -q --amend -m "$(git -C "$L" log -1 --format=%B)
Benchmark: one patch changed."
		what="last patch's message changed"
	fi
else
	git -C "$L" config branch.main.description "$(git -C "$L" config branch.main.description)
Benchmark: cover letter changed."
	what="cover letter changed (empty queue)"
fi
make -C "$B/clone" -s export >/dev/null
echo "-- $what, then:"
timed warm
echo "clone and logs in $B"
