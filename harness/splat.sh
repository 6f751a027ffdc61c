#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# splat.sh LOG: print every kernel report in a console log (lockdep, KASAN,
# kmemleak, WARN, BUG, oops, panic, hung task, RCU stall, UBSAN,
# debugobjects); exit 1 if there is any. Timestamps "[  1.234] " are ignored.
set -euo pipefail
[ -s "${1:-}" ] || { echo "splat.sh: no log at '${1:-}' (nothing was checked)"; exit 2; }
pat='WARNING:|BUG:|kernel BUG at|Oops|general protection fault|Kernel panic'
pat+='|INFO: task .* blocked for more than|INFO: rcu_|rcu: INFO:|detected stalls'
pat+='|possible (recursive|circular) locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|lockdep is turned off|turning off the locking correctness validator'
pat+='|kmemleak: [0-9]+ new suspected memory leaks|UBSAN:|ODEBUG:|Call Trace:'
# lockdep's own boot banner is not a report.
ok='Lock dependency validator: Copyright|lockdep: fixing up alternatives|^ *\.\.\. (MAX_LOCKDEP|MAX_LOCK_DEPTH|MAX_LOCKDEP_KEYS|CLASSHASH_SIZE|MAX_LOCKDEP_ENTRIES|MAX_LOCKDEP_CHAINS|CHAINHASH_SIZE)|memory used by lock dependency info|per task-struct memory footprint'
hits=$(sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' "$1" | grep -E "$pat" | grep -vE "$ok" || true)
if [ -n "$hits" ]; then
	printf '%s\n' "$hits" | head -40
	exit 1
fi
exit 0
