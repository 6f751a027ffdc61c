#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Line coverage of the profiled objects (config/gcov-objects) in the last VM
# run: the .gcda files the guest sent back go next to their .gcno files, and
# gcov reports each function. Prints "function percent lines" for the
# functions named on the command line (default: the attach path and the
# drvctl bind of serio and gameport's event work; gameport_bind_driver()
# is one call, inlined into drvctl_store()).
STAGE=coverage
. "$(dirname "$0")/lib.sh"

O=$TK_O
L=$LOGS/vm
funcs=${*:-device_driver_attach __driver_probe_device really_probe serio_bind_driver gameport_handle_events phy_attach_direct}
tr -d '\r' <"$L/tests.log" | awk '
	/^### GCDA-END/ { out = ""; next }
	/^### GCDA / { out = $3; print out > "/dev/stderr"; next }
	out != "" { print > (out ".b64") }
' 2>"$L/gcda.list"
[ -s "$L/gcda.list" ] || die "the guest sent no .gcda file" "is CONFIG_GCOV_KERNEL on and config/gcov-objects set?"
while read -r g; do
	case $g in "$O"/*) ;; *) die "unexpected gcda path $g" "rebuild: make build";; esac
	base64 -d "$g.b64" >"$g" && rm -f "$g.b64"
done <"$L/gcda.list"
: >"$L/coverage.txt"
for o in $(sed -e 's/#.*//' "$CONFIG/gcov-objects"); do
	(cd "$O/$(dirname "$o")" && gcov -f -n -o . "$TK_SRC/${o%.o}.c" 2>/dev/null) |
		awk '/^Function / {f = $2; gsub(/'\''/, "", f); next}
		     /^Lines executed:/ && f != "" {sub(/Lines executed:/, ""); print f, $1, $3; f = ""}' \
		>>"$L/coverage.txt"
done
for f in $funcs; do
	grep -E "^$f " "$L/coverage.txt" || echo "$f not-profiled 0"
done
