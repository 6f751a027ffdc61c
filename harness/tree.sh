#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make tree: build/linux = the Debian base (tag "base") + one commit per patch.
#
# The base is extracted once per Debian package version. The queue is applied
# with "git am -3". Work in build/linux that is not in series/ is never thrown
# away: the script stops and says so, unless FORCE=1.
STAGE=tree
. "$(dirname "$0")/lib.sh"
. "$HARNESS/queue.sh"

TARBALL=/usr/src/linux-source-6.12.tar.xz
PKGVER=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed" "run 'make deps' (or plain 'make')"
# For testing the base-move path only: pretend the package version is this.
PKGVER=${HARNESS_FAKE_PKGVER:-$PKGVER}
[ -r "$TARBALL" ] || die "$TARBALL is missing" "apt-get install --reinstall linux-source-6.12"
BASE_SUBJECT="Debian linux-source-6.12 $PKGVER"
STAMP=$BUILD/tree.stamp		# HEAD of build/linux when it last matched series/

# Debian's top-level .gitignore ignores everything ("/*"); keep the committed
# file pristine but drop that block from the working copy, so new files in
# build/linux can be added with plain "git add".
unhide() {
	git -C "$LINUX" update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging: ignore everything/,$d' "$LINUX/.gitignore"
}

unexported_work() {
	[ -d "$LINUX/.git" ] || return 1
	[ -n "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] && return 0
	[ "$(git -C "$LINUX" rev-parse HEAD)" = "$(cat "$STAMP" 2>/dev/null)" ] && return 1
	! queue_in_sync
}

guard() {
	if [ "${FORCE:-0}" != 1 ] && unexported_work; then
		die "build/linux has commits or edits that are not in series/" \
		    "run 'make export' to keep them (then commit series/), or 'make tree FORCE=1' to drop them"
	fi
}

extract() {
	guard
	need_space "$BUILD" 8
	if git -C "$LINUX" rev-parse -q --verify base >/dev/null 2>&1; then
		# The point release moved. The new source becomes a commit on top
		# of the old base, so the blobs the patches were made against stay
		# in the repository and "git am -3" can merge across the move.
		log "base moved: committing $BASE_SUBJECT on top of the old base"
		git -C "$LINUX" am --abort >/dev/null 2>&1 || true
		git -C "$LINUX" checkout -q -f --detach base
		git -C "$LINUX" rm -q -r -f --cached . >/dev/null
		git -C "$LINUX" clean -q -f -d -x >/dev/null
		find "$LINUX" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
		tar -C "$LINUX" --strip-components=1 -xf "$TARBALL" ||
			die "extracting $TARBALL failed" "check free space, then 'make tree' again"
		git -C "$LINUX" add -f -A .
		GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
			git -C "$LINUX" -c user.name=base -c user.email=base@invalid \
			commit -q --allow-empty -m "$BASE_SUBJECT"
		git -C "$LINUX" tag -f base >/dev/null
		git -C "$LINUX" checkout -q -B main
		unhide
		return 0
	fi
	log "extracting $BASE_SUBJECT"
	rm -rf "$LINUX" "$STAMP"
	mkdir -p "$LINUX"
	tar -C "$LINUX" --strip-components=1 -xf "$TARBALL" ||
		die "extracting $TARBALL failed" "check free space, then 'make tree' again"
	git -C "$LINUX" init -q -b main
	no_autogc
	git -C "$LINUX" add -f -A .
	GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
		git -C "$LINUX" -c user.name=base -c user.email=base@invalid \
		commit -q -m "$BASE_SUBJECT"
	git -C "$LINUX" tag base
	unhide
}

# git's automatic gc and maintenance run in the background after commits and
# can hold the index lock while "git am" writes it ("unable to write index
# file"): build/linux never runs them.
no_autogc() {
	git -C "$LINUX" config gc.auto 0
	git -C "$LINUX" config gc.autoDetach false
	git -C "$LINUX" config maintenance.auto false
}

if [ "${1:-}" = --guard ]; then
	guard
	exit 0
fi
mkdir -p "$BUILD"
[ -d "$LINUX/.git" ] && no_autogc
if ! git -C "$LINUX" rev-parse -q --verify base >/dev/null 2>&1; then
	extract
elif [ "$(git -C "$LINUX" log -1 --format=%s base)" != "$BASE_SUBJECT" ]; then
	log "base moved: $(git -C "$LINUX" log -1 --format=%s base) -> $PKGVER"
	extract
elif queue_in_sync; then
	git -C "$LINUX" rev-parse HEAD >"$STAMP"
	log "build/linux already matches series/ ($(npatches) patches on $PKGVER)"
	exit 0
else
	guard
	git -C "$LINUX" checkout -q -f main 2>/dev/null || true
	git -C "$LINUX" am --abort >/dev/null 2>&1 || true
	git -C "$LINUX" reset -q --hard base
	unhide
fi

# Apply the queue. The committer is irrelevant to the exported patches.
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-harness} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-harness@invalid}
i=0
while read -r p; do
	i=$((i + 1))
	[ -f "$p" ] || die "series/series lists $(basename "$p"), which does not exist" \
			   "fix series/series (git checkout series/ restores the committed queue)"
	if ! git -C "$LINUX" am -q -3 --keep-cr "$p" >"$BUILD/am.log" 2>&1; then
		cat "$BUILD/am.log" >&2
		die "patch $i ($(basename "$p")) does not apply to $BASE_SUBJECT" \
		    "cd build/linux, resolve the conflict, 'git am --continue', apply the rest with 'git am -3 ../../series/<patch>', then 'make export'"
	fi
done < <(series_patches)
load_cover "$SERIES/0000-cover-letter.patch"
git -C "$LINUX" rev-parse HEAD >"$STAMP"
log "build/linux: $BASE_SUBJECT + $i patches"
