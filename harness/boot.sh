#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test kernel in QEMU (q35, TCG) with the devices the tests use.
# Console (kernel log, KUnit) -> build/logs/vm/console.log
# Tests (TAP between markers) -> build/logs/vm/tests.log
# A guest that does not power off within VM_TIMEOUT seconds is killed.
# VM_KERNEL, VM_INITRD and VM_LOGS boot another kernel ("abi" stage).
# VM_DEVLOCK: the device_lock_classes= list (default config/device-lock-classes).
STAGE=vm
. "$(dirname "$0")/lib.sh"

K=${VM_KERNEL:-$TK_O/arch/x86/boot/bzImage}
I=${VM_INITRD:-$BUILD/initramfs.cpio.gz}
L=${VM_LOGS:-$LOGS/vm}
# --run-id: what a run of this kernel and initramfs is called (checked by
# the abi stage against build/logs/vm/run-id)
run_id() { cat "$K" "$I" 2>/dev/null | sha256sum | cut -c1-16; }
if [ "${1:-}" = --run-id ]; then
	run_id
	exit 0
fi
[ -f "$K" ] || die "no test kernel at $K" "run 'make build'"
[ -f "$I" ] || die "no initramfs at $I" "run 'make build'"
VM_TIMEOUT=${VM_TIMEOUT:-900}
APPEND="console=ttyS0,115200 panic=-1 rdinit=/init loglevel=7 kunit.enable=1"
APPEND+=" kmemleak=on intel_iommu=on ${VM_APPEND:-}"
# lockdep classes for device locks (test kernel; VM_DEVLOCK= turns them off)
devlock=${VM_DEVLOCK-$(sed -e 's/#.*//' "$CONFIG/device-lock-classes" | xargs | tr ' ' ,)}
[ -z "$devlock" ] || APPEND+=" device_lock_classes=$devlock"

# VM_REUSE=1 (make check): the logs of the last boot are kept, not booted
# again, if it ran this kernel image and initramfs (byte for byte), with this
# command line, QEMU and script, and vm-verdict.sh passed them ("passed").
# The verdict is judged again on them by its caller. FRESH=1 always boots.
# --key prints what a boot is known by.
key=$({ run_id; echo "$APPEND ${VM_QEMU_ARGS:-}"; qemu-system-x86_64 --version | head -1; } |
	cat - "$0" | sha256sum | cut -c1-16)
[ "${1:-}" != --key ] || { echo "$key"; exit 0; }
if [ "${VM_REUSE:-0}" = 1 ] && [ "${FRESH:-0}" != 1 ] && [ "$(cat "$L/boot-key" 2>/dev/null)" = "$key" ] &&
	[ "$(cat "$L/passed" 2>/dev/null)" = "$key" ] && grep -q '^### DONE' "$L/tests.log" 2>/dev/null; then
	log "not booted again: ${L#$TOP/}/ is a run of this kernel and initramfs that passed (FRESH=1 boots)"
	touch "$L"/*	# this run's results now (build/kcidb.json takes them)
	exit 0
fi
mkdir -p "$L"
rm -f "$L"/*

log "booting (TCG, timeout ${VM_TIMEOUT}s; log: ${L#$TOP/}/)"
set +e
timeout -k 10 "$VM_TIMEOUT" qemu-system-x86_64 \
	-M q35 -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
	-nodefaults -display none -no-reboot -monitor none \
	-serial file:"$L/console.log" -serial file:"$L/tests.log" \
	-kernel "$K" -initrd "$I" -append "$APPEND" \
	-device intel-iommu,intremap=off -device edu \
	-device ipmi-bmc-sim,id=bmc0 -device isa-ipmi-kcs,bmc=bmc0 \
	-device qemu-xhci -device usb-net,netdev=n0 -netdev user,id=n0,restrict=on \
	${VM_QEMU_ARGS:-} >"$L/qemu.log" 2>&1
rc=$?
set -e
echo "$rc" >"$L/qemu.rc"
run_id >"$L/run-id"
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	die "the guest did not power off within ${VM_TIMEOUT}s and was killed (hung test or deadlock)" \
	    "look at the end of ${L#$TOP/}/console.log and tests.log"
fi
[ "$rc" = 0 ] || die "qemu exited with $rc ($(head -c 300 "$L/qemu.log"))" "see ${L#$TOP/}/qemu.log"
grep -q '^### DONE' "$L/tests.log" ||
	die "the guest stopped before the tests finished (panic or crash)" \
	    "look at the end of ${L#$TOP/}/console.log"
echo "$key" >"$L/boot-key"
log "guest powered off after the tests"
