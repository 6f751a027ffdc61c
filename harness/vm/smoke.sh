#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot smoke test (TAP): the bind interfaces userspace sees on the base
# kernel, as listed in the brief. Lines "# info: k=v" feed the summary that
# "make" prints.
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
nok() { n=$((n + 1)); echo "not ok $n $1"; failed=$((failed + 1)); }
check() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
drv() { [ -L "$1/driver" ] && basename "$(readlink "$1/driver")"; }
drvpath() { [ -L "$1/driver" ] && readlink -f "$1/driver"; }
SERIO=/sys/bus/serio/devices
HWSIM=/sys/class/mac80211_hwsim
UUID=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001

echo "TAP version 13"
echo "1..17"

# serio: the ports of the q35 i8042 and drvctl
check "serio0 is bound to atkbd" [ "$(drv $SERIO/serio0)" = atkbd ]
check "serio1 is bound to psmouse" [ "$(drv $SERIO/serio1)" = psmouse ]
echo "# info: serio0=$(drv $SERIO/serio0) serio1=$(drv $SERIO/serio1)"
echo -n serio_raw > $SERIO/serio1/drvctl
check "drvctl serio_raw rebinds serio1 to serio_raw" [ "$(drv $SERIO/serio1)" = serio_raw ]
check "/dev/serio_raw0 appears" [ -c /dev/serio_raw0 ]
echo -n psmouse > $SERIO/serio1/drvctl
check "drvctl psmouse rebinds serio1 to psmouse" [ "$(drv $SERIO/serio1)" = psmouse ]
err=$( (echo -n no_such_driver > $SERIO/serio1/drvctl) 2>&1)
case $err in
*"Invalid argument"*) ok "drvctl with an unknown driver fails with EINVAL";;
*) nok "drvctl with an unknown driver fails with EINVAL (got: $err)";;
esac
check "serio1 is still bound to psmouse" [ "$(drv $SERIO/serio1)" = psmouse ]

# mac80211_hwsim: class devices bound to a platform driver
modprobe mac80211_hwsim radios=2
check "modprobe mac80211_hwsim radios=2 makes hwsim0 and hwsim1" \
	[ -d $HWSIM/hwsim0 -a -d $HWSIM/hwsim1 -a ! -e $HWSIM/hwsim2 ]
check "hwsim0's driver is bus/platform/drivers/mac80211_hwsim" \
	[ "$(drvpath $HWSIM/hwsim0)" = /sys/bus/platform/drivers/mac80211_hwsim ]
check "the driver directory lists hwsim0 and hwsim1" \
	[ -L /sys/bus/platform/drivers/mac80211_hwsim/hwsim0 -a \
	  -L /sys/bus/platform/drivers/mac80211_hwsim/hwsim1 ]
echo "# info: hwsim radios=$(ls $HWSIM 2>/dev/null | tr '\n' ' ')"
rmmod mac80211_hwsim
check "rmmod mac80211_hwsim removes the radios" [ ! -e $HWSIM/hwsim0 ]

# mdev: mtty's parent names the driver an mdev binds to
modprobe mtty
T=/sys/class/mdev_bus/mtty/mdev_supported_types/mtty-2
check "mtty registers the mtty-2 type" [ -w $T/create ]
echo $UUID > $T/create
D=/sys/bus/mdev/devices/$UUID
check "create makes the mdev, bound to mtty" [ "$(drv $D)" = mtty ]
check "the mdev has a VFIO group" [ -e /dev/vfio/"$(basename "$(readlink $D/iommu_group)")" ]
echo 1 > $D/remove
check "remove deletes the mdev" [ ! -e $D ]
echo "# info: mdev create+remove on mtty-2: $([ ! -e $D ] && echo ok || echo FAILED)"
rmmod mtty
check "rmmod mtty removes the parent" [ ! -e /sys/class/mdev_bus/mtty ]
check "no device is left on the mdev bus" [ -z "$(ls /sys/bus/mdev/devices)" ]
[ "$n" = 17 ] || { echo "# ran $n tests, planned 17"; failed=$((failed + 1)); }
exit $((failed > 0))
