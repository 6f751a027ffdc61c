#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make export: write the commits of build/linux (base..HEAD) back to series/.
# series/ is replaced in one step, never left half-written.
STAGE=export
. "$(dirname "$0")/lib.sh"
. "$HARNESS/queue.sh"

git -C "$LINUX" rev-parse -q --verify base >/dev/null 2>&1 ||
	die "build/linux has no base commit" "run 'make tree' first"
[ -z "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted edits; they would not be exported" \
	    "commit them (git commit --fixup, then git rebase -i --autosquash base) and 'make export' again"
git -C "$LINUX" merge-base --is-ancestor base HEAD ||
	die "HEAD of build/linux does not descend from base" "rebase your work onto the tag 'base'"
[ "$(git -C "$LINUX" rev-list --merges base..HEAD | wc -l)" -eq 0 ] ||
	die "the queue has merge commits" "make the history linear (git rebase base)"

new=$TOP/.series.new
rm -rf "$new"
export_to "$new" || { rm -rf "$new"; die "format-patch failed" "see the messages above"; }
if [ -d "$SERIES" ] && diff -rq "$new" "$SERIES" >/dev/null 2>&1; then
	rm -rf "$new"
	log "series/ unchanged ($(npatches) patches)"
else
	rm -rf "$TOP/.series.old"
	[ -d "$SERIES" ] && mv "$SERIES" "$TOP/.series.old"
	mv "$new" "$SERIES"
	rm -rf "$TOP/.series.old"
	log "series/ written: $(npatches) patches; review with 'git diff series/' and commit"
fi
git -C "$LINUX" rev-parse HEAD >"$BUILD/tree.stamp"
