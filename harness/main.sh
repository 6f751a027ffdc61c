#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make: deps, tree, test kernel, one boot; then a short human summary.
STAGE=make
. "$(dirname "$0")/lib.sh"

"$HARNESS/deps.sh"
"$HARNESS/tree.sh"
"$HARNESS/build-x86.sh"
"$HARNESS/initramfs.sh"
"$HARNESS/boot.sh"
set +e
"$HARNESS/vm-verdict.sh" >"$LOGS/verdict.txt" 2>&1
vrc=$?
set -e
L=$LOGS/vm
callers=$(bind_calls)
cat <<SUM

== summary ==
base:     $(git -C "$LINUX" log -1 --format=%s base) (Linux $(make -s --no-print-directory -C "$LINUX" kernelversion))
patches:  $(npatches) applied from series/
kernel:   $(grep -m1 'Linux version' "$L/console.log" | sed -E 's/^\[[^]]*\] //; s/ \(.*//')
boot:     $(sed -n 's/^# info: //p' "$L/smoke.tap" | paste -sd';' | sed 's/;/; /g')
verdict:
$(cat "$LOGS/verdict.txt")
coverage: $("$HARNESS/coverage.sh" 2>/dev/null | awk '{printf "%s %s of %s lines; ", $1, $2, $3}')
device_bind_driver() callers outside drivers/base: $(printf '%s' "$callers" | grep -c . || true)
$(printf '%s\n' "$callers" | sed -E 's/^([^:]*:[0-9]+):.*/  \1/')
logs:     build/logs/vm/ (console.log, tests.log)
SUM
exit $vrc
