#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: the reliability sweep's stress kselftest for longer than
# make check gives it. Boots the test kernel of "make build" with
# BIND_STRESS_SECONDS=$SOAK (default 600) and no operation cap on the
# kernel command line (the kernel hands both to /init's environment and
# so to bind_stress), then judges the run like the vm stage.
# Logs: build/logs/soak/.
STAGE=soak
. "$(dirname "$0")/lib.sh"

SOAK=${SOAK:-600}
case $SOAK in ''|*[!0-9]*) die "SOAK must be a number of seconds, not '$SOAK'" "e.g. SOAK=1800 make soak";; esac
VM_APPEND="BIND_STRESS_SECONDS=$SOAK BIND_STRESS_OPS=1000000000" \
VM_TIMEOUT=$((SOAK + 900)) VM_LOGS=$LOGS/soak "$HARNESS/boot.sh"
"$HARNESS/vm-verdict.sh" "$LOGS/soak"
