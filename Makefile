# SPDX-License-Identifier: GPL-2.0
# Entry points of the device_driver_attach() series harness. See README.md.
#
#   make          install, apply the series, build the test kernel, boot it,
#                 print a summary
#   make check    the whole test matrix ("N passed, N failed" at the end)
#   make kcidb    the last make check as a KCIDB v5 document: build/kcidb.json
#   make tree     build/linux = base + one commit per patch of series/
#   make export   build/linux commits -> series/
#   make spatch SUBSYS="dir ..."   the Coccinelle rules with a patch mode (harness/cocci/ too)
#   make mail     the series ready to post, in build/mail/
#   make bench-harness             cold/warm timings of make check
#   make cocci-measure             per Coccinelle rule: whole-tree time, recall/precision
#   make preset-table              docs/preset-sites.md: drivers preset before device_add()
#   make bench-attach              cost of device_driver_attach() vs open-coded (a module in a VM)
#   make lockdep-fixtures          the test kernel's device-lock lockdep catches the phylib and btusb inversions put back
#   make soak     the stress kselftest for SOAK seconds (default 600) in the test VM
#   make mutants  break dd.c, serio.c and phy_device.c on purpose; the KUnit cases must catch each
#                 (MUTANTS=serio-drvctl: one mutation file only)

H := harness
# Debian's tools first (python3 with python3-ply for checkpatch's SPDX check),
# whatever else the machine puts ahead of them.
export PATH := /usr/bin:/bin:$(PATH)
.PHONY: lockdep-fixtures kcidb soak preset-table cocci-measure bench-attach mutants all check deps tree export build boot spatch mail bench-harness clean distclean help

all:
	@$(H)/main.sh

check:
	@$(H)/check.sh

kcidb:
	@$(H)/kcidb.py

deps:
	@$(H)/deps.sh

tree: deps
	@$(H)/tree.sh

export:
	@$(H)/export.sh

build: tree
	@$(H)/build-x86.sh && $(H)/initramfs.sh

boot: build
	@$(H)/boot.sh && $(H)/vm-verdict.sh

spatch: tree
	@$(H)/spatch.sh $(SUBSYS)

mail: tree
	@$(H)/mail.sh

bench-harness:
	@$(H)/bench.sh

preset-table: tree
	@$(H)/preset-table.sh

cocci-measure: tree
	@$(H)/cocci-measure.sh

bench-attach: build
	@$(H)/bench-attach.sh

lockdep-fixtures: tree
	@$(H)/lockdep-fixtures.sh

soak: build
	@$(H)/soak.sh

mutants: tree
	@tests/mutants/run.sh

# Keeps build/linux (it may hold unexported work); drops build outputs.
clean:
	rm -rf build/out build/logs build/initramfs build/initramfs.cpio.gz build/mail

# Refuses while build/linux holds work that is not in series/ (FORCE=1 drops it).
distclean:
	@$(H)/tree.sh --guard
	rm -rf build

help:
	@sed -n '2,18p' Makefile
