#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make lockdep-fixtures: lockdep classes for device locks (the test kernel's
# harness/test-kernel/ patches, config/device-lock-classes) catch the two
# lock-order bugs the series avoids, each put back on purpose:
#  1. phylib: phy_attach_direct() waits for the PHY's device lock under RTNL
#     (mutation phy-waits-for-lock of tests/mutants/phy-attach.txt), while
#     the KUnit case phy_attach_lock_holder_takes_rtnl holds that lock and
#     sleeps for RTNL. Lockdep must report a circular dependency between
#     rtnl_mutex and the PHY's lock.
#  2. btusb's old claim: a work item that holds a USB interface's lock calls
#     usb_driver_claim_interface(), which takes it again
#     (harness/lockdep-fixtures/claim_locked.c, on QEMU's usb-net). Lockdep
#     must report recursive locking in usb_driver_claim_interface().
# Controls: the unmutated kernel runs the phylib suite with no report, and
# without device_lock_classes= the claim hangs with no report.
# Three boots of the test kernel, and two rebuilds of it (with the mutation,
# then without). TAP; exits 1 if a check fails. Logs: build/logs/lockdep-fixtures/.
STAGE=lockdep-fixtures
. "$(dirname "$0")/lib.sh"

L=$LOGS/lockdep-fixtures
ext=$BUILD/ext-lockdep-fixtures
K=$TK_O/arch/x86/boot/bzImage
phy=drivers/net/phy/phy_device.c
rm -rf "$L" "$ext" "$BUILD/initramfs-lockdep"
mkdir -p "$L" "$ext"

"$HARNESS/build-x86.sh"
cp "$HARNESS/lockdep-fixtures/claim_locked.c" "$HARNESS/lockdep-fixtures/Kbuild" "$ext/"
kmake_in "$TK_SRC" "$TK_O" M="$ext" modules >"$L/build.log" 2>&1 ||
	die "the fixture module does not build (${L#$TOP/}/build.log)" "look at the log"

mini_initramfs "$L/initramfs.cpio.gz" "$ext/claim_locked.ko" <<'INIT'
if grep -qw claim_locked /proc/cmdline; then
	for i in /sys/bus/usb/drivers/cdc_ether/*:*; do
		[ "$(cat "$i/bInterfaceClass")" = 0a ] && basename "$i" >/sys/bus/usb/drivers/cdc_ether/unbind
	done
	insmod /claim_locked.ko
	sleep 2
	echo "### DONE" >/dev/ttyS1
	# The claim holds an interface lock for good, so a power-off would
	# wait for it in the device shutdown: end init instead, and the panic
	# (panic=-1) resets the guest without one.
	exit 0
fi
echo "### DONE" >/dev/ttyS1
poweroff -f
INIT

boot() {	# boot NAME DEVLOCK APPEND
	log "boot $1"
	VM_KERNEL=$K VM_INITRD=$L/initramfs.cpio.gz VM_LOGS=$L/$1 VM_TIMEOUT=600 \
		VM_DEVLOCK=$2 VM_APPEND="$3" "$HARNESS/boot.sh" || true
}
n=0 failed=0
check() {	# check DESCRIPTION COMMAND...
	n=$((n + 1))
	if "${@:2}"; then echo "ok $n $1"; else echo "not ok $n $1"; failed=$((failed + 1)); fi
}
has() { grep -q -- "$2" "$L/$1/console.log"; }
hasnt() { ! grep -q -- "$2" "$L/$1/console.log"; }
# a lockdep report whose text (up to the end of its trace) names all of PATTERN...
report() {	# report BOOT HEADLINE PATTERN...
	local b=$1 head=$2 body
	shift 2
	body=$(sed -n "/$head/,/^\[ *[0-9.]*\] ---\[ end trace\|<\/TASK>/p" "$L/$b/console.log")
	[ -n "$body" ] || return 1
	for p in "$@"; do grep -q -- "$p" <<<"$body" || return 1; done
}
lockdep_list=$(sed -e 's/#.*//' "$CONFIG/device-lock-classes" | xargs | tr ' ' ,)
phyglob="kunit.filter_glob=phy_attach_direct.phy_attach_lock_holder_takes_rtnl"

boot on "$lockdep_list" "$phyglob claim_locked"
boot off "" "kunit.enable=0 claim_locked"

mutation=$(sed -n 's/^phy-waits-for-lock|\([^|]*\)|.*/\1/p' "$TOP/tests/mutants/phy-attach.txt")
[ -n "$mutation" ] || die "no phy-waits-for-lock in tests/mutants/phy-attach.txt" "fix the mutation file"
trap 'git -C "$TK_SRC" checkout -q -- "$phy"' EXIT
perl -0pi -e "$mutation" "$TK_SRC/$phy"
git -C "$TK_SRC" diff --quiet -- "$phy" && die "the mutation did not apply to $phy" "fix tests/mutants/phy-attach.txt"
log "building the test kernel with phy-waits-for-lock"
X86_SRC=$TK_SRC "$HARNESS/build-x86.sh"
boot mutant "$lockdep_list" "$phyglob"
git -C "$TK_SRC" checkout -q -- "$phy"
trap - EXIT
log "building the test kernel back"
X86_SRC=$TK_SRC "$HARNESS/build-x86.sh"

echo "TAP version 13"
echo "1..8"
check "on: the lockdep classes are on (device_lock_classes: in the log)" has on 'device_lock_classes: lockdep classes'
check "on: the phylib lock-holder case passes" has on '\] *ok 1 phy_attach_lock_holder_takes_rtnl'
check "on: no circular locking report from the unmutated phylib" hasnt on 'circular locking dependency'
check "on: the old btusb claim is reported as recursive locking in usb_driver_claim_interface" \
	report on 'possible recursive locking detected' usb_driver_claim_interface claim_locked_work
check "off: without the classes the claim hangs" has off 'claim_locked: the claim did not return'
check "off: without the classes nothing is reported" hasnt off 'possible recursive locking\|circular locking'
check "mutant: the phylib case fails" has mutant 'not ok 1 phy_attach_lock_holder_takes_rtnl'
check "mutant: lockdep reports rtnl_mutex against the PHY's device lock" \
	report mutant 'possible circular locking dependency detected' rtnl_mutex mdio_bus phy_attach_direct
echo "# $((n - failed)) of $n passed; the reports: ${L#$TOP/}/{on,mutant}/console.log"
[ "$failed" = 0 ]
