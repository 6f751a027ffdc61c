#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Real clients of the bind ABI, as Debian ships them (harness/initramfs.sh
# copies them, their libraries and bash into the initramfs): driverctl on
# QEMU's edu device, mdevctl on the mtty sample, iw and ethtool on
# mac80211_hwsim radios, and the paths OpenWrt and fragattacks read. TAP;
# every step asserts its exit status and what it must print, and prints
# what it saw as "# state:" lines, which the abi stage compares between the
# base and the patched kernel like the kselftests' (key "clients").
# Normalized in those lines: the edu device's address (<edu>), the kernel
# release (<release>), phy numbers (phy<k>, k counted from 0 in the order of
# the numbers), ifindex and wdev ids. The mdev UUID is fixed; the hwsim MAC
# addresses are not random (02:00:00:00:<radio>:00).
PLAN=21
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
nok() { n=$((n + 1)); echo "not ok $n $1"; failed=$((failed + 1)); }
# no "#" in a description: TAP would read the rest as a directive
check() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
state() { printf '# state: %s\n' "$*"; }
drv() { if [ -L "$1/driver" ]; then basename "$(readlink "$1/driver")"; else echo none; fi; }
UUID=c1e17000-0018-4d0c-8a2f-000000000018
PCI=/sys/bus/pci/devices

echo "TAP version 13"
echo "1..$PLAN"

# sed script of the normalizations (extended by the hwsim part)
NORM=/tmp/clients.sed
echo "s/$(uname -r | sed 's/[.]/[.]/g')/<release>/g" >$NORM

# run WHAT CMD...: CMD's status in $rc, its output (stdout and stderr,
# normalized, blanks squeezed, one line per output line) in $out; both
# printed as state lines
run() {
	what=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	out=$(printf '%s\n' "$out" | sed -e 's/[[:space:]]\{1,\}/ /g' -e 's/^ //' -e 's/ $//' -e '/^$/d' -f $NORM)
	state "$what: rc=$rc"
	[ -z "$out" ] || printf '%s\n' "$out" | sed "s|^|# state: $what: > |"
}
# gave RC TEXT... [-- CMD...]: the last run exited RC and printed each TEXT
# (and CMD, if any, succeeds)
gave() {
	[ "$rc" = "$1" ] || return 1
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $out in *"$1"*) ;; *) return 1;; esac
		shift
	done
	[ $# -eq 0 ] || { shift; "$@"; }
}

# --- the clients are there --------------------------------------------------
missing=""
for c in bash driverctl mdevctl iw ethtool; do
	command -v $c >/dev/null 2>&1 || missing="$missing $c"
done
check "client binaries present (bash driverctl mdevctl iw ethtool)${missing:+; missing:$missing}" \
	[ -z "$missing" ]

# --- driverctl on the edu device (1234:11e8, no driver of its own) ------------
EDU=""
for d in $PCI/*; do
	[ "$(cat $d/vendor):$(cat $d/device)" = 0x1234:0x11e8 ] && EDU=$(basename $d)
done
[ -n "$EDU" ] && echo "s/$(echo "$EDU" | sed 's/[.]/[.]/g')/<edu>/g" >>$NORM
echo "# edu device: ${EDU:-none}"
stub_loaded=$([ -d /sys/module/pci_stub ] && echo yes)
# --nosave: nothing is written to /etc/driverctl.d. set-override loads the
# driver with /sbin/modprobe (busybox) unless /sys/module/<driver> exists;
# no udevadm (only --debug's list-devices calls it), no lspci.
for want in vfio-pci pci-stub; do
	D=$PCI/$EDU
	run "driverctl --nosave set-override <edu> $want" driverctl --nosave set-override "$EDU" $want
	got="driver=$(drv $D) driver_override=$(cat $D/driver_override 2>/dev/null)"
	[ $want = vfio-pci ] && got="$got vfio-dev=$(ls $D/vfio-dev 2>/dev/null | sed 's/[0-9]*$/N/')"
	state "driverctl --nosave set-override <edu> $want: $got"
	exp="driver=$want driver_override=$want"
	[ $want = vfio-pci ] && exp="$exp vfio-dev=vfioN"
	check "driverctl --nosave set-override <edu> $want: exit 0, $exp" \
		[ -n "$EDU" -a "$rc" = 0 -a "$got" = "$exp" ]

	run "driverctl list-overrides ($want)" driverctl list-overrides
	check "driverctl list-overrides: exit 0, lists '<edu> $want' alone" \
		[ "$rc" = 0 -a "$out" = "<edu> $want" ]

	# driverctl reprobes after clearing the override; nothing else
	# matches edu, so it reports that no driver bound: exit 1
	run "driverctl --nosave unset-override <edu> ($want)" driverctl --nosave unset-override "$EDU"
	got="driver=$(drv $D) driver_override=$(cat $D/driver_override 2>/dev/null)"
	state "driverctl --nosave unset-override <edu> ($want): $got"
	check "driverctl --nosave unset-override <edu>: exit 1 'failed to bind device', driver=none driver_override=(null)" \
		gave 1 "failed to bind device <edu> to driver" -- [ -n "$EDU" -a "$got" = "driver=none driver_override=(null)" ]

	# with no override left, list-overrides says so and exits 1
	run "driverctl list-overrides (after $want)" driverctl list-overrides
	check "driverctl list-overrides with no override: exit 1 'No overridable devices found'" \
		gave 1 "No overridable devices found"
done
[ -z "$stub_loaded" ] && rmmod pci_stub 2>/dev/null

# --- mdevctl on the mtty sample's parent -------------------------------------
modprobe mtty
run "mdevctl types" mdevctl types
check "mdevctl types: exit 0, mtty-1 and mtty-2 (Device API: vfio-pci)" \
	gave 0 "mtty-1" "mtty-2" "Device API: vfio-pci"

run "mdevctl start -p mtty -t mtty-2 -u UUID" mdevctl start -p mtty -t mtty-2 -u $UUID
got="driver=$(drv /sys/bus/mdev/devices/$UUID) type=$(basename "$(readlink /sys/bus/mdev/devices/$UUID/mdev_type 2>/dev/null)")"
state "mdevctl start -p mtty -t mtty-2 -u UUID: $got"
check "mdevctl start: exit 0, the mdev is bound to mtty with type mtty-2" \
	[ "$rc" = 0 -a "$got" = "driver=mtty type=mtty-2" ]

run "mdevctl list (started)" mdevctl list
check "mdevctl list: exit 0, lists '$UUID mtty mtty-2'" \
	gave 0 "$UUID mtty mtty-2"

run "mdevctl stop -u UUID" mdevctl stop -u $UUID
got="mdev=$([ -e /sys/bus/mdev/devices/$UUID ] && echo present || echo gone)"
state "mdevctl stop -u UUID: $got"
check "mdevctl stop: exit 0, the mdev is gone" [ "$rc" = 0 -a "$got" = mdev=gone ]

run "mdevctl list (stopped)" mdevctl list
check "mdevctl list after stop: exit 0, lists nothing" [ "$rc" = 0 -a -z "$out" ]
rmmod mtty

# --- mac80211_hwsim: OpenWrt's path, fragattacks' directory, iw, ethtool -----
modprobe mac80211_hwsim radios=2
phys=$(ls /sys/class/ieee80211 2>/dev/null | sed -n 's/^phy\([0-9]*\)$/\1/p' | sort -n)
k=0
for p in $phys; do
	echo "s/^phy#$p\$/phy#<$k>/;s/^wiphy $p\$/wiphy <$k>/;s/phy$p\$/phy<$k>/" >>$NORM
	k=$((k + 1))
done
echo 's/^ifindex [0-9]*$/ifindex <n>/;s/^wdev 0x[0-9a-f]*$/wdev <id>/' >>$NORM
echo "# phys: $(echo $phys)"
for k in 0 1; do
	# OpenWrt's lib/wifi/mac80211.sh keeps this as the radio's "path"
	p=$(echo $phys | cut -d' ' -f$((k + 1)))
	dev=$(readlink -f /sys/class/ieee80211/phy${p:-none}/device 2>/dev/null)
	path=${dev#/sys/devices/}
	state "openwrt path of phy<$k>: $path"
	check "OpenWrt's path of phy<$k> (readlink -f .../device minus /sys/devices/) is virtual/mac80211_hwsim/hwsim$k" \
		[ -n "$p" -a "$path" = virtual/mac80211_hwsim/hwsim$k -a -d "$dev" ]
done

# fragattacks and Mininet-WiFi list the radios here
out=$(ls /sys/devices/virtual/mac80211_hwsim/ 2>&1 | tr '\n' ' ' | sed 's/ $//')
state "ls /sys/devices/virtual/mac80211_hwsim/: $out"
check "/sys/devices/virtual/mac80211_hwsim/ lists hwsim0 hwsim1" [ "$out" = "hwsim0 hwsim1" ]

run "iw dev" iw dev
check "iw dev: exit 0, two phys with wlan0 and wlan1, type managed" \
	gave 0 "phy#<0>" "phy#<1>" "Interface wlan0" "Interface wlan1" "type managed"

for i in 0 1; do
	run "ethtool -i wlan$i" ethtool -i wlan$i
	check "ethtool -i wlan$i: exit 0, driver mac80211_hwsim, bus-info hwsim$i" \
		gave 0 "driver: mac80211_hwsim" "version: <release>" "bus-info: hwsim$i"
done
rmmod mac80211_hwsim

# --- nothing left behind for the tests after this one -------------------------
left=""
[ -n "$EDU" ] && [ "$(drv $PCI/$EDU)" != none ] && left="$left edu-driver=$(drv $PCI/$EDU)"
[ -n "$EDU" ] && [ "$(cat $PCI/$EDU/driver_override)" != "(null)" ] && left="$left edu-override"
[ -n "$(ls /sys/bus/mdev/devices 2>/dev/null)" ] && left="$left mdev"
[ -e /sys/class/mdev_bus/mtty ] && left="$left mtty"
[ -e /sys/devices/virtual/mac80211_hwsim ] && [ -n "$(ls /sys/devices/virtual/mac80211_hwsim)" ] && left="$left hwsim"
[ -z "$stub_loaded" ] && [ -d /sys/module/pci_stub ] && left="$left pci_stub"
check "the clients left the devices as they found them${left:+ (left:$left)}" [ -z "$left" ]

[ "$n" = $PLAN ] || { echo "# ran $n tests, planned $PLAN"; failed=$((failed + 1)); }
exit $((failed > 0))
