# SPDX-License-Identifier: GPL-2.0
# Common definitions for the harness scripts. Source it; do not run it.
#
# Every script that fails calls die() with the stage it was in and what the
# user should do next, so a failure always ends with one clear message.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
LINUX=${LINUX_TREE:-$BUILD/linux}	# git tree: tag "base", then one commit per patch
OUT=$BUILD/out				# one O= directory per kernel flavour
# The x86_64 test kernel is built from build/tk/linux: the queue's tree plus
# the test kernel's own patches (harness/test-kernel/, never posted). Its O=
# lies as far from its source as build/out/* from build/linux, so ccache
# sees the same relative paths.
TK=$BUILD/tk
TK_SRC=$TK/linux
TK_O=$TK/out/x86_64
LOGS=$BUILD/logs
SERIES=$TOP/series
CONFIG=$TOP/config
HARNESS=$TOP/harness

JOBS=${JOBS:-$(nproc)}
# Fixed base commit identity: the same package gives the same base commit id.
BASE_DATE='2000-01-01T00:00:00Z'

# ccache: paths under the checkout are hashed relative to it, so a clone in
# another directory (CI) still hits the cache of an earlier run.
export CCACHE_BASEDIR=$TOP
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-20G}
export CCACHE_NOHASHDIR=1
# Reproducible builds: the same source gives the same objects, so ccache and
# make both see "nothing changed" across runs.
export KBUILD_BUILD_TIMESTAMP='2000-01-01'
export KBUILD_BUILD_USER=test KBUILD_BUILD_HOST=test
# and the same objects give the same image: no build counter in the version
export KBUILD_BUILD_VERSION=1

STAGE=${STAGE:-harness}

log() { printf '[%s] %s\n' "$STAGE" "$*" >&2; }

# die "what went wrong" "what to do"
die() {
	printf '\nERROR [%s]: %s\n' "$STAGE" "$1" >&2
	[ -n "${2:-}" ] && printf '  what to do: %s\n' "$2" >&2
	exit 1
}

have_cmd() { command -v "$1" >/dev/null 2>&1; }

# Free space check before anything large is written.
need_space() {	# need_space DIR GIB
	local avail
	mkdir -p "$1"
	avail=$(df -Pk "$1" | awk 'NR==2 {print int($4/1048576)}')
	[ "$avail" -ge "$2" ] ||
		die "only ${avail} GiB free under $1, ${2} GiB needed" \
		    "free disk space (rm -rf build/out keeps the tree), then run the same make target again"
}

kmake_in() {	# kmake_in SRC O-DIR [make args...]: a kernel make, through ccache
	local src=$1 o=$2; shift 2
	make -C "$src" O="$o" -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc" "$@"
}

# Single-object targets ("make dir/file.o") are built with -j1: in parallel,
# Kbuild's single-target mode can build one object twice at once (seen as
# "fixdep: error opening file .x.o.d" or a truncated .x.o.cmd).
kobjs_in() {	# kobjs_in SRC O-DIR [make args...] OBJS...
	kmake_in "$@" -j1
}

kmake() {	# kmake O-DIR [make args...]: a kernel make in build/linux
	kmake_in "$LINUX" "$@"
}

# kconfig_in SRC O-DIR FRAGMENT...: "allnoconfig" plus the fragments.
kconfig_in() {
	local src=$1 o=$2; shift 2
	mkdir -p "$o"
	kmake_in "$src" "$o" -s allnoconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "$@" >/dev/null
	kmake_in "$src" "$o" -s olddefconfig
}

# The configured git identity authors and commits every patch.
git_ident() {
	git -C "$TOP" config user.name >/dev/null ||
		die "no git identity configured" "git config --global user.name/user.email"
}

# Patches of the queue, in order, as absolute paths.
series_patches() {
	[ -f "$SERIES/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$SERIES/series" | while read -r p; do
		[ -n "$p" ] && printf '%s\n' "$SERIES/$p"
	done
	return 0
}

npatches() { git -C "$LINUX" rev-list --count base..HEAD; }

# Files the series changes (paths relative to the kernel tree).
touched_files() { git -C "$LINUX" diff --name-only --diff-filter=AM base HEAD; }

# Every call of device_bind_driver() outside the driver core, as
# file:line:text (not the prototype, not "device_bind_driver() failed" strings).
bind_calls() {
	git -C "$LINUX" grep -nE '\<device_bind_driver\([^)]' -- ':!drivers/base' ':!Documentation' ':!scripts/coccinelle' |
		grep -v '__must_check' || true
}

worktree_at() {	# worktree_at DIR REV: a worktree of build/linux at REV, made or mended
	local dir=$1 rev=$2
	# one whose repository went away (make tree rebuilds build/linux)
	if [ -e "$dir/.git" ] && ! git -C "$dir" rev-parse --git-dir >/dev/null 2>&1; then
		rm -rf "$dir"
	fi
	if [ ! -e "$dir/.git" ]; then
		git -C "$LINUX" worktree prune
		git -C "$LINUX" worktree add -q --detach "$dir" "$rev"
		# Debian's tree ignores "/*": keep the worktree's git status readable
		git -C "$dir" ls-files -z .gitignore | xargs -0 -r git -C "$dir" update-index --skip-worktree
	fi
	[ "$(git -C "$dir" rev-parse HEAD)" = "$(git -C "$LINUX" rev-parse "$rev^{commit}")" ] ||
		git -C "$dir" checkout -q -f --detach "$rev"
}
# mini_initramfs OUT FILE...: an initramfs (OUT, .cpio.gz) with busybox, the
# FILEs at its root and an /init that mounts proc, sysfs and devtmpfs, then
# runs the shell text on standard input. For the guests that load one module
# of the harness (make bench-attach, make lockdep-fixtures).
mini_initramfs() {
	local out=$1 r
	shift
	r=$(mktemp -d)
	mkdir -p "$r/bin"
	cp /bin/busybox "$r/bin/busybox"
	[ $# -eq 0 ] || cp "$@" "$r/"
	{ printf '%s\n' '#!/bin/busybox sh' '/bin/busybox --install -s /bin' \
		'mkdir -p /proc /sys /dev' 'mount -t proc proc /proc' \
		'mount -t sysfs sysfs /sys' 'mount -t devtmpfs devtmpfs /dev'
	  cat; } >"$r/init"
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
	rm -rf "$r"
}
# checkpatch_many OPTION... -- FILE...: scripts/checkpatch.pl --strict OPTION...
# on each FILE, $JOBS at a time, from build/linux, commit ids looked up through
# harness/upstream-git (config/upstream-commits). Prints "CHECKPATCH-FAIL FILE"
# and the findings for each file that fails; returns 1 if any did. A file
# that passed before with the same text (less its "From <commit>",
# Message-ID, In-Reply-To and References lines, which checkpatch does not
# read), options and checkpatch is not checked again.
checkpatch_many() {
	local opts=() out tool f k todo=()
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	[ $# -gt 0 ] || return 0
	tool=$(input_key "${opts[*]}" "$LINUX/scripts/checkpatch.pl" "$LINUX/scripts/spelling.txt" \
		"$LINUX/scripts/const_structs.checkpatch" "$CONFIG/upstream-commits" "$HARNESS/upstream-git/git")
	mkdir -p "$CACHE/checkpatch"
	for f; do
		k=$(patch_key "$tool" "$f")
		cache_get checkpatch "$k" >/dev/null || todo+=("$k" "$f")
	done
	[ ${#todo[@]} -gt 0 ] || return 0
	out=$(printf '%s\0' "${todo[@]}" | (cd "$LINUX" && PATH=$HARNESS/upstream-git:$PATH \
		C="$CACHE/checkpatch" OPTS="${opts[*]}" xargs -0 -n2 -P"$JOBS" sh -c 'k=$1 f=$2
			# shellcheck disable=SC2086 # options are single words
			if out=$(scripts/checkpatch.pl --strict $OPTS "$f" 2>&1); then
				: >"$C/$k"
			else
				printf "CHECKPATCH-FAIL %s\n%s\n" "$f" "$out"
			fi' sh))
	[ -z "$out" ] && return 0
	printf '%s\n' "$out"
	return 1
}
# kunit_uml ARGS...: "kunit.py run" on UML in build/out/uml, with the
# kunitconfigs of config/kunitconfigs and config/uml.kunitconfig (lockdep).
kunit_uml() {
	local args=() k
	for k in $(sed -e 's/#.*//' "$CONFIG/kunitconfigs"); do
		[ -f "$LINUX/$k" ] || { echo "ERROR: config/kunitconfigs names $k, missing in the tree"; return 1; }
		args+=(--kunitconfig="$k")
	done
	(cd "$LINUX" && python3 tools/testing/kunit/kunit.py run "${args[@]}" \
		--kunitconfig="$CONFIG/uml.kunitconfig" --build_dir="$OUT/uml" \
		--jobs="$JOBS" --make_options CC="ccache gcc" --make_options HOSTCC="ccache gcc" \
		--timeout=600 "$@")
}
# Results that depend only on their inputs are reused: $CACHE/NAME/KEY
# records that NAME passed on inputs hashing to KEY (its content: what that
# run printed as its result). A failure is never recorded, so it is always
# run again. FRESH=1 reuses nothing; a clean build/ has nothing to reuse.
CACHE=$BUILD/cache
# input_key WORD...: a hash of the words; an absolute path of a file stands
# for its content, of a directory for all its files' paths and contents
input_key() {
	local a
	for a; do
		if [ "${a#/}" = "$a" ]; then
			printf '%s\n' "$a"
		elif [ -d "$a" ]; then
			(cd "$a" && find . -type f ! -path './.git/*' -print0 | LC_ALL=C sort -z |
				xargs -0 -r sha256sum)
		elif [ -f "$a" ]; then
			printf '%s ' "$(basename "$a")"; sha256sum <"$a"
		else
			printf '%s\n' "$a"
		fi
	done | sha256sum | cut -c1-32
}
# patch_key WORD FILE: a key for a patch or mail FILE and WORD (the tool's
# own key). The "From <commit>", Message-ID, In-Reply-To and References lines
# are left out: they change with every export and no tool here reads them.
patch_key() {
	{ echo "$1"; grep -vE '^(From [0-9a-f]{40} |Message-I[dD]: |In-Reply-To: |References: )' "$2"; } |
		sha256sum | cut -c1-32
}
cache_get() {	# cache_get NAME KEY: prints the recorded result; false if none
	[ "${FRESH:-0}" != 1 ] && [ -f "$CACHE/$1/$2" ] && cat "$CACHE/$1/$2"
}
cache_put() {	# cache_put NAME KEY [RESULT]: record a pass
	mkdir -p "$CACHE/$1"
	{ [ -z "${3:-}" ] || printf '%s\n' "$3"; } >"$CACHE/$1/$2.tmp" && mv "$CACHE/$1/$2.tmp" "$CACHE/$1/$2"
}
