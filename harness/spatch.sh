#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make spatch SUBSYS="dir ...": run the series' Coccinelle rules in patch mode
# over the named directories of build/linux and print the diff. With no
# SUBSYS: the callers named in the brief, plus mdev and idxd.
STAGE=spatch
. "$(dirname "$0")/lib.sh"

dirs=${*:-drivers/input/serio drivers/input/gameport drivers/net/phy
	drivers/net/wireless/virtual drivers/pnp drivers/usb/core drivers/base
	drivers/vfio/mdev drivers/dma/idxd}
rules=$(touched_files | grep -E '^scripts/coccinelle/.*\.cocci$' || true)
[ -n "$rules" ] || die "the series has no Coccinelle rule yet" \
	"nothing to run; the rule arrives with the Coccinelle patch"
for d in $dirs; do
	[ -d "$LINUX/$d" ] || die "no directory $d in the kernel tree" "name directories relative to the kernel tree"
done
for r in $rules; do
	for d in $dirs; do
		echo "### $r on $d"
		make -C "$LINUX" -s coccicheck MODE=patch COCCI="$LINUX/$r" M="$d" J="$JOBS" ||
			die "spatch failed on $d" "see the messages above"
	done
done
