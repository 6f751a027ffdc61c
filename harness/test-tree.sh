#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build/tk/linux: the tree the x86_64 test kernel is built from, build/linux's
# HEAD (the queue) with the test kernel's own patches on top
# (harness/test-kernel/*.patch, never posted: lockdep classes for device
# locks). Nothing is touched while neither moved, so nothing is rebuilt.
STAGE=test-tree
. "$(dirname "$0")/lib.sh"

head=$(git -C "$LINUX" rev-parse HEAD)
want="$head $(cat "$HARNESS"/test-kernel/*.patch | sha256sum | cut -c1-16)"
if [ "$(cat "$TK/tree.stamp" 2>/dev/null)" = "$want" ] && [ -e "$TK_SRC/.git" ] &&
	[ -z "$(git -C "$TK_SRC" status --porcelain --untracked-files=no)" ]; then
	exit 0
fi
mkdir -p "$TK" "$LOGS"
rm -f "$TK/tree.stamp"
git -C "$TK_SRC" am --abort >/dev/null 2>&1 || true
worktree_at "$TK_SRC" "$head"
for p in "$HARNESS"/test-kernel/*.patch; do
	git -C "$TK_SRC" -c user.name=harness -c user.email=harness@invalid \
		am -q --committer-date-is-author-date "$p" >"$LOGS/test-tree.log" 2>&1 || {
		git -C "$TK_SRC" am --abort >/dev/null 2>&1 || true
		die "harness/test-kernel/$(basename "$p") does not apply on the queue ($(head -1 "$LOGS/test-tree.log"))" \
		    "in build/tk/linux: git am -3 it, resolve, then git format-patch --zero-commit -o harness/test-kernel base-of-it"
	}
done
echo "$want" >"$TK/tree.stamp"
log "test kernel source: the queue + $(ls "$HARNESS"/test-kernel/*.patch | wc -l) patch(es) of harness/test-kernel/"
