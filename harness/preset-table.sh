#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make preset-table: the table of drivers preset before device_add().
#
# Runs scripts/coccinelle/api/device_driver_preset.cocci in report mode over
# the files of the tree that assign a "driver" field, joins what it finds
# with the hand classification in config/preset-sites (one line per site,
# keyed by file and function), and writes
# Documentation/driver-api/driver-model/preset-driver-sites.rst.
#
# It fails when the rule finds a site that config/preset-sites does not
# classify, or when a classified site is no longer found: the table is
# either true for the tree or not written.
#
#   harness/preset-table.sh           write the table into the tree
#   harness/preset-table.sh --check   fail if the table in the tree differs
#
# TREE (default build/linux), RULE, SITES and OUTPUT (default: the table in
# TREE) can be overridden, e.g. to run a draft rule over the base tree.
STAGE=preset-table
. "$(dirname "$0")/lib.sh"

check=0
[ "${1:-}" = --check ] && check=1

TREE=${TREE:-$LINUX}
RULE=${RULE:-$TREE/scripts/coccinelle/api/device_driver_preset.cocci}
SITES=${SITES:-$CONFIG/preset-sites}
DOC=Documentation/driver-api/driver-model/preset-driver-sites.rst
OUTPUT=${OUTPUT:-$TREE/$DOC}
M=$LOGS/preset-table
mkdir -p "$M"

[ -d "$TREE" ] || die "no kernel tree at $TREE" "make tree, or set TREE"
[ -f "$RULE" ] || die "no rule $RULE" "the rule arrives with its patch; make tree, or set RULE"
[ -f "$SITES" ] || die "no classification file $SITES" "restore config/preset-sites"
have_cmd spatch || die "spatch is not installed" "make deps"

# Only files that assign a driver field, in any spelling but a brace
# initializer, can hold a preset; the rule is still correct on any file.
git -C "$TREE" grep -l -E '(->|\.)driver[[:space:]]*=[[:space:]]*([^{=[:space:]]|$)' \
	-- '*.c' '*.h' >"$M/files.txt" || true
[ -s "$M/files.txt" ] || die "no candidate file in $TREE" "is TREE a kernel tree?"

log "report mode over $(wc -l <"$M/files.txt") files (one job)"
t0=$(date +%s)
(cd "$TREE" && xargs spatch -D report --very-quiet --no-includes --include-headers \
	-j 1 --sp-file "$RULE" <"$M/files.txt") >"$M/report.raw" 2>"$M/report.err" ||
	die "spatch failed" "see $M/report.err"
t1=$(date +%s)
echo "$((t1 - t0))" >"$M/seconds"
log "spatch took $((t1 - t0)) s"

out=$M/preset-driver-sites.rst
python3 - "$M/report.raw" "$SITES" "$out" <<'EOF' || die "the table is not true for this tree" "classify the sites above in config/preset-sites, or drop the ones no longer found"
import re
import sys
import textwrap

report, sites_file, out = sys.argv[1:4]

# file:line:col-col: KEY: driver preset, ...   KEY is "function()", or the
# variable whose initializer presets the driver
found = {}
for line in open(report):
	m = re.match(r'^(?:\./)?([^:]+):(\d+):[-0-9]+: ([A-Za-z_]\w*(?:\(\))?): driver preset', line)
	if not m:
		if line.strip():
			sys.exit('unexpected report line: ' + line.rstrip())
		continue
	found.setdefault((m.group(1), m.group(3)), []).append(int(m.group(2)))

COLS = ('binds', 'probe', 'attach', 'why')
sites = {}
for n, line in enumerate(open(sites_file), 1):
	line = line.rstrip('\n')
	if not line.strip() or line.lstrip().startswith('#'):
		continue
	f = [x.strip() for x in line.split(' | ')]
	if len(f) != 2 + len(COLS) or not all(f):
		sys.exit('%s:%d: want %d fields separated by " | "' % (sites_file, n, 2 + len(COLS)))
	key = (f[0], f[1])
	if key in sites:
		sys.exit('%s:%d: %s %s classified twice' % (sites_file, n, *key))
	sites[key] = dict(zip(COLS, f[2:]))

bad = 0
for key in sorted(set(found) - set(sites)):
	print('found, not classified: %s %s (line %s)' % (key[0], key[1],
	      ', '.join(map(str, found[key]))), file=sys.stderr)
	bad = 1
for key in sorted(set(sites) - set(found)):
	print('classified, no longer found: %s %s' % key, file=sys.stderr)
	bad = 1
if bad:
	sys.exit(1)

# Code in reST: `spans` in config/preset-sites, and outside them bare
# calls "name()" and "a->b" paths, become literals, so that underscores and
# asterisks are never markup. Cells are wrapped at 76 columns.
CALL = re.compile(r'(?<![\w`])([A-Za-z_]\w*\(\)|[A-Za-z_]\w*(?:->\w+)+(?:\.\w+)*)')
NBSP = '\x00'

def rst(text):
	parts = text.split('`')
	if len(parts) % 2 == 0:
		sys.exit('unbalanced ` in: ' + text)
	out = []
	for i, p in enumerate(parts):
		if i % 2:
			out.append('``' + p.replace(' ', NBSP) + '``')
		else:
			out.append(CALL.sub(r'``\1``', p))
	return ''.join(out)

def para(text, lead, rest):
	w = textwrap.wrap(rst(text), 76, initial_indent=lead,
			  subsequent_indent=rest, break_on_hyphens=False,
			  break_long_words=False)
	return [x.replace(NBSP, ' ') for x in w]

def cell(text):
	return para(text, '     - ', '       ')

title = 'Drivers preset before device_add()'
lines = [
	'.. SPDX-License-Identifier: GPL-2.0',
	'',
	'.. The rows come from the report of',
	'   scripts/coccinelle/api/device_driver_preset.cocci and a hand',
	'   classification of each site. When the report changes, the table',
	'   changes with it.',
	'',
	'=' * len(title),
	title,
	'=' * len(title),
	'',
	*para('A driver can be bound without any call that names the bind: set a '
	    'device\'s `driver` pointer, then add the device. device_add() ends in '
	    '__device_attach(), which finds dev->driver already set and calls '
	    'device_bind_driver(), so neither the bus nor the driver probe runs. '
	    'A device with no bus is not bound at all; the pointer then only '
	    'serves whoever reads it.', '', ''),
	'',
	*para('Every such site in the tree, as '
	    '`scripts/coccinelle/api/device_driver_preset.cocci` finds it, with what binds it, whether a '
	    'probe ever runs, and whether device_driver_attach() after '
	    'device_add() could replace the preset. Code that binds a driver it '
	    'has chosen should add the device first and then call '
	    'device_driver_attach(), which probes under the device lock.', '', ''),
	'',
	'.. list-table::',
	'   :header-rows: 1',
	'   :widths: 14 12 16 14 10 34',
	'',
	'   * - File',
	'     - Function',
	'     - What binds it',
	'     - Does a probe run?',
	'     - ``device_driver_attach()`` after ``device_add()``?',
	'     - Why',
]
for key in sorted(sites):
	s = sites[key]
	lines.append('   * - ``%s``' % key[0])
	lines.append('     - ``%s``' % key[1])
	for c in COLS:
		lines += cell(s[c])
lines.append('')
open(out, 'w').write('\n'.join(lines))
print('%d sites' % len(sites))
EOF

if [ $check = 1 ]; then
	cmp -s "$out" "$OUTPUT" ||
		die "$OUTPUT is not what the rule and config/preset-sites give" \
		    "run make preset-table and commit the new table with its change"
	echo "preset-table: $OUTPUT is true (spatch $(cat "$M/seconds") s)"
else
	cp "$out" "$OUTPUT"
	echo "preset-table: wrote $OUTPUT (spatch $(cat "$M/seconds") s)"
fi
