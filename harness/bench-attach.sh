#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench-attach: cost of one bind+release cycle through
# device_driver_attach() against the open-coded "set ->driver, probe,
# device_bind_driver()" it replaces (KUnit case attach_cost), on UML and,
# if a VM run exists, in the x86_64 guest (lockdep+KASAN: slower, same
# ratio question). Prints figures; judges nothing.
STAGE=bench-attach
. "$(dirname "$0")/lib.sh"

runs=${BENCH_RUNS:-3}
for i in $(seq "$runs"); do
	kunit_uml --raw_output=kunit 'device_driver_attach.attach_cost' 2>&1 | grep -o 'bind+release:.*' | sed "s/^/UML run $i: /"
done
if [ -f "$LOGS/vm/console.log" ]; then
	grep -o 'bind+release:.*' "$LOGS/vm/console.log" | sed 's/^/x86_64 guest (last make check): /'
fi
