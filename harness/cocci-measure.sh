#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make cocci-measure: figures for the Coccinelle rules (a benchmark: it
# prints, it does not judge). For each rule of the series
# (scripts/coccinelle/api/, as the series adds them) and each harness rule
# (harness/cocci/):
#  - wall and CPU time of report mode over the whole tree, the way
#    "make coccicheck MODE=report J=JOBS" runs it (the harness's preset
#    audit runs over its prefiltered files, as make preset-table does);
#  - recall and precision of that report against a "git grep" oracle (the
#    lines a grep for the rule's target finds; where the grep is wider
#    than what the rule is meant to report, each difference is listed);
#  - recall and precision of report mode on the rule's fixtures
#    (tests/coccinelle/<rule>/: the lines of the .rep files).
STAGE=cocci-measure
. "$(dirname "$0")/lib.sh"

M=$LOGS/cocci-measure
mkdir -p "$M"
have_cmd spatch || die "spatch is not installed" "make deps"

# pr NAME ORACLE-FILE REPORT-FILE: recall/precision of file:line lists
pr() {
	local ng nr tp
	ng=$(wc -l <"$2"); nr=$(wc -l <"$3")
	tp=$(comm -12 "$2" "$3" | wc -l)
	echo "  $1: oracle $ng, reported $nr, both $tp;" \
	     "recall $([ "$ng" = 0 ] && echo 100 || echo $((100 * tp / ng)))%," \
	     "precision $([ "$nr" = 0 ] && echo 100 || echo $((100 * tp / nr)))%"
	comm -3 "$2" "$3" | sed -E 's/^\t/  reported, not in oracle: /; s/^([^ ])/  in oracle, not reported: \1/'
}

# whole RULE TREE OUT: report mode over the whole tree, as coccicheck runs it
whole() {
	/usr/bin/time -f '%e %U %S' -o "$M/time" \
		make -C "$2" -s coccicheck MODE=report COCCI="$1" J="$JOBS" >"$3.raw" 2>"$3.err" ||
		die "coccicheck failed with $1" "see $3.err"
	sed -E "s|^$2/||; s|^\./||" "$3.raw" | grep -E '^[^ ]+:[0-9]+:' | cut -d: -f1,2 | sort -u >"$3" || true
	read -r wall user sys <"$M/time"
	echo "  whole tree, report mode: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $JOBS jobs" \
	     "($(grep -o '[0-9]* files match' "$3.raw" "$3.err" 2>/dev/null | head -1 | cut -d: -f2 || echo '? files match'))"
}

# fixtures RULE: report mode on tests/coccinelle/<rule>/ against the .rep files
fixtures() {
	local d=$TOP/tests/coccinelle/$(basename "$1" .cocci) rel b
	[ -d "$d" ] || { echo "  fixtures: none"; return; }
	: >"$M/fx-want"; : >"$M/fx-got"
	for rel in $(cd "$d" && find . -name '*.c' | sed 's|^\./||' | sort); do
		b=${rel%.c}
		sed "s|^|$rel:|" "$d/$b.rep" >>"$M/fx-want"
		(cd "$d" && spatch -D report --very-quiet --no-includes --include-headers \
			--sp-file "$1" "$rel" 2>/dev/null) >>"$M/fx-got" || true
	done
	sort -u -o "$M/fx-want" "$M/fx-want"; sort -u -o "$M/fx-got" "$M/fx-got"
	pr "fixtures ($(cd "$d" && find . -name '*.c' | wc -l) files, report lines)" "$M/fx-want" "$M/fx-got"
}

rules=$(git -C "$LINUX" diff --name-only --diff-filter=AM base HEAD -- 'scripts/coccinelle/*.cocci')
[ -n "$rules" ] || die "the series adds no Coccinelle rule" "make tree"
echo "tree: $LINUX ($(git -C "$LINUX" describe --always --tags HEAD))"
for r in $rules; do
	n=$(basename "$r" .cocci)
	echo "$r"
	whole "$LINUX/$r" "$LINUX" "$M/$n.report"
	case $n in
	device_driver_claim)
		# every call outside the modules it is exported to
		git -C "$LINUX" grep -nE '\<device_driver_claim\(' -- '*.c' ':!drivers/base' ':!tools' \
			':!drivers/usb/core' ':!drivers/net/wireless/virtual/mac80211_hwsim.c' |
			cut -d: -f1,2 | sort -u >"$M/$n.grep" || true
		pr "git grep 'device_driver_claim(' outside drivers/base, usb/core, mac80211_hwsim" \
			"$M/$n.grep" "$M/$n.report"
		;;
	device_driver_hand_bind)
		# "->driver = &" or ".driver = &" in a C file that adds a device and
		# sets a bus or registers a driver. Wider than the rule: it also
		# holds initializers, devices with no bus, and the driver fields
		# of other structures.
		git -C "$LINUX" grep -lw -E 'device_add|device_register|platform_device_add|platform_device_register|auxiliary_device_add|__auxiliary_device_add' \
			-- '*.c' ':!drivers/base' | (cd "$LINUX" && xargs -r grep -l -E '(->|\.)bus[[:space:]]*=[[:space:]]*[^=]|driver_register\(') |
			(cd "$LINUX" && xargs -r grep -nE '(->|\.)driver[[:space:]]*=[[:space:]]*&') |
			cut -d: -f1,2 | sort -u >"$M/$n.grep" || true
		pr "git grep '(->|.)driver = &' in files that add a device and set a bus or register a driver" \
			"$M/$n.grep" "$M/$n.report"
		;;
	*)
		echo "  no git grep oracle for this rule"
		;;
	esac
	fixtures "$LINUX/$r"
done

r=$HARNESS/cocci/device_bind_driver.cocci
echo "harness/cocci/device_bind_driver.cocci (conversion rule, not in the series)"
for t in "$LINUX" "$BUILD/base"; do
	[ -d "$t" ] || continue
	echo " on $t ($(git -C "$t" describe --always --tags HEAD))"
	whole "$r" "$t" "$M/bind.$(basename "$t").report"
	git -C "$t" grep -nE '\<device_bind_driver\([^)]' -- ':!drivers/base' ':!Documentation' ':!scripts/coccinelle' |
		grep -v '__must_check' | cut -d: -f1,2 | sort -u >"$M/bind.$(basename "$t").grep" || true
	pr "git grep device_bind_driver( calls outside drivers/base" \
		"$M/bind.$(basename "$t").grep" "$M/bind.$(basename "$t").report"
done
fixtures "$r"

echo "harness/cocci/device_driver_preset.cocci (preset audit, not in the series)"
if FRESH=1 "$HARNESS/preset-table.sh" --check >"$M/preset.log" 2>&1; then
	echo "  $(tail -1 "$M/preset.log") over $(wc -l <"$LOGS/preset-table/files.txt") prefiltered files"
	echo "  recall and precision against the hand audit of config/preset-sites: 100% (the table check passes)"
else
	echo "  preset table check FAILS: see $M/preset.log"
fi
fixtures "$HARNESS/cocci/device_driver_preset.cocci"
