#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the x86_64 test kernel (bzImage + modules) in build/out/x86_64 from
# "allnoconfig" plus config/x86_64.config. Incremental: an unchanged config
# is not regenerated, and ccache covers the objects.
STAGE=build-x86_64
. "$(dirname "$0")/lib.sh"

O=$OUT/x86_64
mkdir -p "$O" "$LOGS"
need_space "$OUT" 6
frag=$CONFIG/x86_64.config
sum=$(cat "$frag" "$LINUX/Makefile" | sha256sum | cut -c1-16)
if [ "$(cat "$O/.harness-config" 2>/dev/null)" != "$sum" ]; then
	log "configuring (allnoconfig + config/x86_64.config)"
	kconfig_in "$LINUX" "$O" "$frag"
	# every line of the fragment must have survived Kconfig
	bad=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$frag" | while IFS= read -r l; do
		case $l in
		*=n) grep -q "^${l%%=*}=" "$O/.config" && echo "$l";;
		*) grep -qxF "$l" "$O/.config" || echo "$l";;
		esac
	done)
	[ -z "$bad" ] || die "Kconfig dropped: $(echo $bad)" "fix config/x86_64.config (a dependency is missing)"
	echo "$sum" >"$O/.harness-config"
fi
gcov=()
for o in $(sed -e 's/#.*//' "$CONFIG/gcov-objects"); do
	gcov+=("GCOV_PROFILE_$(basename "$o")=y")
done
log "building bzImage and modules (log: build/logs/build-x86_64.log)"
if ! kmake "$O" "${gcov[@]}" bzImage modules >"$LOGS/build-x86_64.log" 2>&1; then
	grep -E 'error|Error' "$LOGS/build-x86_64.log" | head -20 >&2
	die "the x86_64 test kernel does not build" "see build/logs/build-x86_64.log; fix the patch in build/linux and 'make export'"
fi
log "built $(kmake "$O" -s kernelrelease)"
