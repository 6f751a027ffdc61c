#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the harness needs from Debian's packages, only what is missing.
STAGE=deps
. "$(dirname "$0")/lib.sh"

PKGS=(
	linux-source-6.12	# the base
	build-essential flex bison bc libelf-dev libssl-dev dwarves kmod cpio
	xz-utils rsync python3 perl git ccache
	python3-ply python3-git	# checkpatch's SPDX check
	sparse coccinelle	# static checks and the series' rules
	qemu-system-x86 busybox-static	# the test VM
	libc6-dev		# static kselftest binaries
	python3-jsonschema	# build/kcidb.json checked against KCIDB's schema
	b4			# the mail stage: each posting set parsed as a thread
	driverctl mdevctl iw ethtool	# real clients in the VM (harness/vm/clients.sh)
)

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { log "all ${#PKGS[@]} packages present"; exit 0; }

log "installing: ${missing[*]}"
[ "$(id -u)" = 0 ] || SUDO=sudo
need_space /var/cache/apt 2
${SUDO:-} apt-get update -q >"${TMPDIR:-/tmp}/harness-apt.log" 2>&1 ||
	die "apt-get update failed (see ${TMPDIR:-/tmp}/harness-apt.log)" \
	    "check the connection to the Debian mirror, then run the same make target again"
DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -q --no-install-recommends \
	"${missing[@]}" >>"${TMPDIR:-/tmp}/harness-apt.log" 2>&1 ||
	die "apt-get install ${missing[*]} failed (see ${TMPDIR:-/tmp}/harness-apt.log)" \
	    "check the mirror and free space on /var, then run the same make target again"
log "installed ${#missing[@]} packages"
