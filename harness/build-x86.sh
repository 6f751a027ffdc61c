#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the x86_64 test kernel (bzImage + modules) in build/tk/out/x86_64 from
# "allnoconfig" plus config/x86_64.config. Incremental: an unchanged config
# is not regenerated, and ccache covers the objects.
# With no X86_SRC, the source is build/tk/linux (harness/test-tree.sh) and
# config/test-kernel.config is added.
# The "abi" stage builds the kernel without the series with the same script:
# X86_SRC (source tree), X86_O (build directory), X86_FRAGS (config
# fragments, in order), X86_CHECKED (the fragments whose every line must
# survive Kconfig), X86_GCOV=no (no profiled objects).
STAGE=build-x86_64
. "$(dirname "$0")/lib.sh"

if [ -z "${X86_SRC:-}" ]; then
	"$HARNESS/test-tree.sh"
fi
SRC=${X86_SRC:-$TK_SRC}
O=${X86_O:-$TK_O}
frags=${X86_FRAGS:-$CONFIG/x86_64.config $CONFIG/test-kernel.config}
checked=${X86_CHECKED:-$frags}
blog=$LOGS/build-$(basename "$O").log
mkdir -p "$O" "$LOGS"
need_space "$OUT" 6
sum=$(cat $frags "$SRC/Makefile" | sha256sum | cut -c1-16)
if [ "$(cat "$O/.harness-config" 2>/dev/null)" != "$sum" ]; then
	log "configuring $(basename "$O") (allnoconfig + $(for f in $frags; do printf '%s ' "config/$(basename "$f")"; done))"
	kconfig_in "$SRC" "$O" $frags
	# every line of the checked fragments must have survived Kconfig
	bad=$(cat $checked | grep -E '^CONFIG_[A-Z0-9_]+=' | while IFS= read -r l; do
		case $l in
		*=n) grep -q "^${l%%=*}=" "$O/.config" && echo "$l";;
		*) grep -qxF "$l" "$O/.config" || echo "$l";;
		esac
	done || true)
	[ -z "$bad" ] || die "Kconfig dropped: $(echo $bad)" "fix $checked (a dependency is missing)"
	echo "$sum" >"$O/.harness-config"
fi
gcov=()
[ "${X86_GCOV:-yes}" = no ] || for o in $(sed -e 's/#.*//' "$CONFIG/gcov-objects"); do
	gcov+=("GCOV_PROFILE_$(basename "$o")=y")
done
# The profiled objects without -fprofile-update=prefer-atomic: ccache 4.7
# does not cache a compile with -fprofile-update, and gcc stamps a profiled
# object with the time it was compiled, so every build made another kernel
# from the same source. The coverage report only says which lines ran: an
# increment lost to a concurrent one still leaves the counter above 0.
[ ${#gcov[@]} = 0 ] || gcov+=("CFLAGS_GCOV=-fprofile-arcs -ftest-coverage -fno-tree-loop-im")
log "building bzImage and modules (log: build/logs/$(basename "$blog"))"
if ! kmake_in "$SRC" "$O" "${gcov[@]}" bzImage modules >"$blog" 2>&1; then
	grep -E 'error|Error' "$blog" | head -20 >&2
	die "the x86_64 kernel in $(basename "$O") does not build" "see build/logs/$(basename "$blog"); fix the patch in build/linux and 'make export'"
fi
log "built $(kmake_in "$SRC" "$O" -s --no-print-directory kernelrelease)"
