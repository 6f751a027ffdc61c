#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make spatch SUBSYS="dir ...": run the Coccinelle rules that have a patch
# mode over the named directories of the kernel tree and print the diff:
# the harness's conversion rule harness/cocci/device_bind_driver.cocci
# (not part of the series; the conversions it wrote quote its lines in
# their commit messages), and any rule of the series with a patch mode.
# With no SUBSYS: the callers named in the brief, plus mdev and idxd.
#
# TREE (default build/linux) names the tree; after the series no call is
# left to convert, so TREE=build/base (make check's base worktree) shows
# the rewrites the conversions started from.
STAGE=spatch
. "$(dirname "$0")/lib.sh"

TREE=${TREE:-$LINUX}
dirs=${*:-drivers/input/serio drivers/input/gameport drivers/net/phy
	drivers/net/wireless/virtual drivers/pnp drivers/usb/core drivers/base
	drivers/vfio/mdev drivers/dma/idxd}
[ -d "$TREE" ] || die "no kernel tree at $TREE" "make tree, or set TREE"
rules="$HARNESS/cocci/device_bind_driver.cocci"
for r in $(git -C "$LINUX" diff --name-only --diff-filter=AM base HEAD -- 'scripts/coccinelle/*.cocci'); do
	grep -q '^virtual patch$' "$LINUX/$r" && rules="$rules $LINUX/$r"
done
for d in $dirs; do
	[ -d "$TREE/$d" ] || die "no directory $d in $TREE" "name directories relative to the kernel tree"
done
for r in $rules; do
	for d in $dirs; do
		echo "### ${r#$TOP/} on $d"
		make -C "$TREE" -s coccicheck MODE=patch COCCI="$r" M="$d" J="$JOBS" ||
			die "spatch failed on $d" "see the messages above"
	done
done
