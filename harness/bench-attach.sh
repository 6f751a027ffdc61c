#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench-attach: what one bind+release cycle costs through
# device_driver_attach() against the open-coded "set ->driver, probe by
# hand, record the bind" it replaces. harness/bench-attach/bench_attach.c
# (a module of this harness, not of the series) is built against the test
# kernel of "make build" and loaded BENCH_RUNS times (default 3) in the
# guest of harness/boot.sh, with an initramfs that holds nothing else.
# The test kernel has lockdep and KASAN, so the figures are slow in
# absolute terms; the ratio is the figure to read. Prints; judges nothing. Log: build/logs/bench-attach/.
STAGE=bench-attach
. "$(dirname "$0")/lib.sh"

runs=${BENCH_RUNS:-3}
cycles=${BENCH_CYCLES:-2000}
case $runs$cycles in *[!0-9]*) die "BENCH_RUNS and BENCH_CYCLES must be numbers" "e.g. BENCH_RUNS=5 make bench-attach";; esac
O=$TK_O
K=$O/arch/x86/boot/bzImage
[ -f "$K" ] || die "no test kernel at ${K#$TOP/}" "run 'make build' first"
L=$LOGS/bench-attach
ext=$BUILD/ext-bench-attach
rm -rf "$L" "$ext" "$BUILD/initramfs-bench"
mkdir -p "$L" "$ext"
cp "$HARNESS/bench-attach/bench_attach.c" "$HARNESS/bench-attach/Kbuild" "$ext/"
kmake_in "$TK_SRC" "$O" M="$ext" modules >"$L/build.log" 2>&1 ||
	die "the benchmark module does not build (${L#$TOP/}/build.log)" "look at the log"

mini_initramfs "$L/initramfs.cpio.gz" "$ext/bench_attach.ko" <<INIT
for i in \$(seq $runs); do
	insmod /bench_attach.ko cycles=$cycles && rmmod bench_attach
done
echo "### DONE" > /dev/ttyS1
poweroff -f
INIT

log "booting the test kernel (TCG) for $runs runs of $cycles cycles"
# the test VM of harness/boot.sh, with this initramfs and no boot KUnit
VM_KERNEL=$K VM_INITRD=$L/initramfs.cpio.gz VM_LOGS=$L/vm VM_TIMEOUT=${VM_TIMEOUT:-600} \
	VM_APPEND="kunit.enable=0" "$HARNESS/boot.sh"
grep -o 'bench_attach: [0-9]* cycles: .*' "$L/vm/console.log" | sed 's/^/x86_64 test kernel (lockdep, KASAN): /'
n=$(grep -c 'bench_attach: .*ratio' "$L/vm/console.log" || true)
[ "$n" = "$runs" ] || die "$n of $runs runs printed a figure" "look at ${L#$TOP/}/vm/console.log"
