#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Pack the test initramfs: busybox, /init, the harness smoke test, the
# real clients of harness/vm/clients.sh (driverctl, mdevctl, iw, ethtool),
# the kernel's modules and the kselftests listed in config/selftests.
# INITRAMFS_SRC/INITRAMFS_O name another kernel (the "abi" stage's base
# kernel) and INITRAMFS_OUT the archive; the kselftests always come from
# build/linux, so both kernels run the same test programs.
STAGE=initramfs
. "$(dirname "$0")/lib.sh"

SRC=${INITRAMFS_SRC:-$TK_SRC}
O=${INITRAMFS_O:-$TK_O}
other=${INITRAMFS_SRC:+yes}	# another kernel than the test kernel
CPIO=${INITRAMFS_OUT:-$BUILD/initramfs.cpio.gz}
R=${CPIO%.cpio.gz}
rm -rf "$R"
mkdir -p "$R/bin" "$R/tests" "$LOGS"
cp /bin/busybox "$R/bin/busybox"
ln -s busybox "$R/bin/sh"
cp "$HARNESS/vm/init" "$R/init"
cp "$HARNESS"/vm/[a-z]*.sh "$R/tests/"
# The real clients of the bind ABI that harness/vm/clients.sh runs, as
# Debian's packages install them (harness/deps.sh), with every shared
# library they load (ldd) and bash, driverctl's interpreter. driverctl runs
# /sbin/modprobe to load a driver that /sys/module lacks (busybox's, linked
# below) and udevadm only with --debug (not used); mdevctl refuses to start
# without its configuration directories (empty: no callout, no saved mdev).
clients="/bin/bash /usr/sbin/driverctl /usr/bin/mdevctl /usr/sbin/iw /usr/sbin/ethtool"
for f in $clients; do
	[ -x "$f" ] || die "no $f, which harness/vm/clients.sh runs" \
		"run harness/deps.sh (Debian's driverctl, mdevctl, iw and ethtool)"
	install -D -m 755 "$f" "$R$f"
	# an ELF program's libraries and loader; driverctl is a bash script
	if libs=$(ldd "$f" 2>/dev/null); then
		for l in $(awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' <<<"$libs"); do
			[ -e "$R$l" ] || install -D -m 755 "$(readlink -f "$l")" "$R$l"
		done
	fi
done
mkdir -p "$R/sbin" "$R/etc/mdevctl.d/scripts.d/callouts" "$R/etc/mdevctl.d/scripts.d/notifiers"
ln -s ../bin/busybox "$R/sbin/modprobe"
log "clients: $(cd "$R" && du -ch bin/bash usr lib64 lib/x86_64-linux-gnu | tail -1 | cut -f1) (driverctl, mdevctl, iw, ethtool, bash and their libraries)"
kmake_in "$SRC" "$O" -s modules_install INSTALL_MOD_PATH="$R" INSTALL_MOD_STRIP=1 >"$LOGS/initramfs.log" 2>&1 ||
	die "modules_install failed (build/logs/initramfs.log)" "run 'make build' and look at its log"

# The kselftests come from build/linux. A fixture module they need that the
# series adds (the edu VFIO variant driver sample) does not exist in the
# base tree: build it from build/linux as an external module against the
# other kernel, so that both kernels run the same tests on the same driver.
if [ -n "$other" ] && [ -d "$LINUX/samples/vfio-pci" ]; then
	ext=$BUILD/ext-vfio-pci
	mkdir -p "$ext"
	# mtimes kept: an unchanged sample is not rebuilt on the next run
	cp -p "$LINUX"/samples/vfio-pci/* "$ext/"
	{ kmake_in "$SRC" "$O" M="$ext" CONFIG_SAMPLE_VFIO_PCI_EDU_VARIANT=m modules &&
	  kmake_in "$SRC" "$O" M="$ext" INSTALL_MOD_PATH="$R" INSTALL_MOD_STRIP=1 \
		modules_install; } >>"$LOGS/initramfs.log" 2>&1 ||
		die "the edu variant sample does not build against $SRC" "see build/logs/initramfs.log"
fi

targets=$(sed -e 's/#.*//' "$CONFIG/selftests" | xargs)
if [ -n "$targets" ]; then
	log "kselftests: $targets"
	if ! make -C "$LINUX/tools/testing/selftests" O="$OUT/kselftest" -j"$JOBS" \
		TARGETS="$targets" KSFT_INSTALL_PATH="$R/kselftest" \
		CC="ccache gcc" LDFLAGS=-static install >>"$LOGS/initramfs.log" 2>&1; then
		tail -20 "$LOGS/initramfs.log" >&2
		die "the kselftests ($targets) do not build" "see build/logs/initramfs.log"
	fi
fi
# The base kernel has no fault injection or kmemleak: leave out the
# kselftests that need them (config/instrumented-only).
if [ -n "$other" ] && [ -f "$R/kselftest/kselftest-list.txt" ]; then
	skip=$(sed -e 's/#.*//' "$CONFIG/instrumented-only" | xargs)
	for t in $skip; do
		grep -qxF "$t" "$R/kselftest/kselftest-list.txt" ||
			die "config/instrumented-only names $t, which is not built" "fix config/instrumented-only"
	done
	printf '%s\n' $skip | grep -vxFf - "$R/kselftest/kselftest-list.txt" >"$R/kselftest/list.tmp" || true
	mv "$R/kselftest/list.tmp" "$R/kselftest/kselftest-list.txt"
	log "kselftests left out on this kernel: ${skip:-none}"
fi
# the same files give the same archive (no dates, device or inode numbers):
# boot.sh knows a kernel and initramfs it ran before by their hash
find "$R" -exec touch -h -d @946684800 {} +
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible) | gzip -n -1 >"$CPIO"
log "initramfs: $(du -h "$CPIO" | cut -f1)"
