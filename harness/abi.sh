#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The "abi" stage: what userspace sees must be what it saw without the
# series. Builds the base kernel (tag "base", worktree build/base) with
# config/x86_64.config + config/abi-base.config in build/out/x86_64-base,
# boots it with the same initramfs tests as the vm stage (kselftests from
# build/linux), and requires
#   - every TAP document to pass there too (the smoke test and kselftests
#     describe base behaviour), and no kernel report on its console; except
#     the kselftests listed in config/abi-changes, which pin a change a patch
#     argues for and so must FAIL there;
#   - every "# state:" line the other kselftests print (what a write did:
#     errno, driver link, attributes) to be identical in build/logs/vm
#     (patched) and build/logs/vm-base (base).
# Run after the vm stage, which leaves build/logs/vm.
STAGE=abi
. "$(dirname "$0")/lib.sh"

B=$BUILD/base
O=$OUT/x86_64-base
LB=$LOGS/vm-base
[ -f "$LOGS/vm/tests.txt" ] || die "no patched VM run in build/logs/vm" "run the vm stage first: STAGES='vm abi' make check"
# the patched run must be of this series and these tests, not an older one
[ "$(cat "$LOGS/vm/run-id" 2>/dev/null)" = "$("$HARNESS/boot.sh" --run-id)" ] ||
	die "build/logs/vm is not a run of the current series and tests" "run the vm stage first: STAGES='vm abi' make check"
worktree_at "$B" base

X86_SRC=$B X86_O=$O X86_GCOV=no \
	X86_FRAGS="$CONFIG/x86_64.config $CONFIG/abi-base.config" \
	X86_CHECKED="$CONFIG/abi-base.config" "$HARNESS/build-x86.sh"
INITRAMFS_SRC=$B INITRAMFS_O=$O INITRAMFS_OUT=$BUILD/initramfs-base.cpio.gz "$HARNESS/initramfs.sh"
VM_KERNEL=$O/arch/x86/boot/bzImage VM_INITRD=$BUILD/initramfs-base.cpio.gz VM_LOGS=$LB \
	"$HARNESS/boot.sh"
changes=$(sed -e 's/#.*//' "$CONFIG/abi-changes" | xargs)
echo "the kernel without the series (expected to fail there: ${changes:-none}):"
VERDICT_BASE=1 VERDICT_EXPECT_FAIL="$changes" "$HARNESS/vm-verdict.sh" "$LB"

# "# state:" lines, each after the name of the kselftest that printed it,
# without those of config/abi-changes
states() {
	ls "$1"/*.tap >/dev/null 2>&1 || die "no TAP documents in $1" "see its tests.log"
	awk 'FNR == 1 {t = ""} /^# selftests: / {t = $3 $4}
	     /^(# )+state: / {sub(/^(# )+state: /, ""); print t " " $0}' \
		"$1"/*.tap | while IFS= read -r l; do
		case " $changes " in *" ${l%% *} "*) ;; *) printf '%s\n' "$l";; esac
	done
}
states "$LOGS/vm" >"$LB/states.patched"
states "$LB" >"$LB/states.base"
[ -s "$LB/states.base" ] || die "the base run printed no '# state:' line" "see $LB/kselftest.tap"
if ! diff -u "$LB/states.base" "$LB/states.patched" >"$LB/states.diff"; then
	cat "$LB/states.diff"
	die "userspace sees something else with the series (build/logs/vm-base/states.diff)" \
	    "the patch that changed it must say why, or be fixed"
fi
echo "RESULT: $(wc -l <"$LB/states.base") state lines identical on the base and patched kernels; base run green"
