#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make preset-table: the table of drivers preset before device_add().
#
# Runs the harness's audit rule harness/cocci/device_driver_preset.cocci in
# report mode over the files of the kernel tree that assign a "driver" field
# (drivers/base, the driver core and its own tests, excluded), joins what it
# finds with the hand classification in config/preset-sites (one line per
# site, keyed by file and function), and writes docs/preset-sites.md, a
# file of this project: the table names harness tooling, so it stays out of
# the kernel tree. The in-tree rule
# scripts/coccinelle/api/device_driver_hand_bind.cocci reports the subset
# of these sites that are on a device with a bus.
#
# It fails when the rule finds a site that config/preset-sites does not
# classify, or when a classified site is no longer found: the table is
# either true for the tree or not written.
#
#   harness/preset-table.sh           write docs/preset-sites.md
#   harness/preset-table.sh --check   fail if docs/preset-sites.md differs
#
# TREE (default build/linux), RULE, SITES and OUTPUT (default
# docs/preset-sites.md) can be overridden, e.g. to run a draft rule over
# the base tree.
STAGE=preset-table
. "$(dirname "$0")/lib.sh"

check=0
[ "${1:-}" = --check ] && check=1

TREE=${TREE:-$LINUX}
RULE=${RULE:-$HARNESS/cocci/device_driver_preset.cocci}
SITES=${SITES:-$CONFIG/preset-sites}
OUTPUT=${OUTPUT:-$TOP/docs/preset-sites.md}
M=$LOGS/preset-table
mkdir -p "$M"

[ -d "$TREE" ] || die "no kernel tree at $TREE" "make tree, or set TREE"
[ -f "$RULE" ] || die "no rule $RULE" "restore harness/cocci/, or set RULE"
[ -f "$SITES" ] || die "no classification file $SITES" "restore config/preset-sites"
have_cmd spatch || die "spatch is not installed" "make deps"

# Only files that assign a driver field, in any spelling but a brace
# initializer, can hold a preset; the rule is still correct on any file.
git -C "$TREE" grep -l -E '(->|\.)driver[[:space:]]*=[[:space:]]*([^{=[:space:]]|$)' \
	-- '*.c' '*.h' ':!drivers/base' >"$M/files.txt" || true
[ -s "$M/files.txt" ] || die "no candidate file in $TREE" "is TREE a kernel tree?"

# With --no-includes spatch reads each file alone: a file's report lines
# depend on its path and text, the rule and spatch only. Those of a file
# read before with the same text are reused (FRESH=1: none are).
opts=(--very-quiet --no-includes --include-headers)
rk=$(input_key "$RULE" "$(spatch --version | head -1)" "${opts[*]}")
: >"$M/report.raw"
: >"$M/todo.txt"
paste "$M/files.txt" <(git -C "$TREE" hash-object --stdin-paths <"$M/files.txt") >"$M/files.keys"
while read -r f b; do
	k=$(printf '%s %s %s\n' "$rk" "$f" "$b" | sha256sum | cut -c1-32)
	cache_get preset-audit "$k" >>"$M/report.raw" || printf '%s %s\n' "$k" "$f" >>"$M/todo.txt"
done <"$M/files.keys"
log "report mode over $(wc -l <"$M/todo.txt") of $(wc -l <"$M/files.txt") files ($JOBS jobs; the others as read before)"
t0=$(date +%s)
: >"$M/todo.raw"
if [ -s "$M/todo.txt" ]; then
	(cd "$TREE" && cut -d' ' -f2- "$M/todo.txt" | xargs spatch -D report "${opts[@]}" \
		-j "$JOBS" --chunksize 1 --sp-file "$RULE") >"$M/todo.raw" 2>"$M/report.err" ||
		die "spatch failed" "see $M/report.err"
fi
t1=$(date +%s)
echo "$((t1 - t0))" >"$M/seconds"
log "spatch took $((t1 - t0)) s"
cat "$M/todo.raw" >>"$M/report.raw"
# each read file's lines, for the next run; none if a line names no file read
if ! grep -vE '^[[:space:]]*$' "$M/todo.raw" | sed -E 's|^\./||; s|:.*||' | sort -u |
	grep -vxFf <(cut -d' ' -f2- "$M/todo.txt") >/dev/null; then
	while read -r k f; do
		cache_put preset-audit "$k" "$(sed -E 's|^\./||' "$M/todo.raw" | awk -v f="$f:" 'index($0, f) == 1')"
	done <"$M/todo.txt"
fi

out=$M/preset-sites.md
python3 - "$M/report.raw" "$SITES" "$out" <<'EOF' || die "the table is not true for this tree" "classify the sites above in config/preset-sites, or drop the ones no longer found"
import re
import sys

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

# Code in Markdown: `spans` in config/preset-sites stay as they are, and
# outside them bare calls "name()" and "a->b" paths become code spans too.
# A "|" inside a cell is escaped.
CALL = re.compile(r'(?<![\w`])([A-Za-z_]\w*\(\)|[A-Za-z_]\w*(?:->\w+)+(?:\.\w+)*)')

def md(text):
	parts = text.split('`')
	if len(parts) % 2 == 0:
		sys.exit('unbalanced ` in: ' + text)
	out = []
	for i, p in enumerate(parts):
		if i % 2:
			out.append('`' + p + '`')
		else:
			out.append(CALL.sub(r'`\1`', p))
	return ''.join(out).replace('|', '\\|')

lines = [
	'<!-- Generated by harness/preset-table.sh (make preset-table) from the report',
	'     of harness/cocci/device_driver_preset.cocci and config/preset-sites.',
	'     Do not edit: the coccicheck stage of make check fails when this file',
	'     is not what they give for build/linux. -->',
	'',
	'# Drivers preset before device_add()',
	'',
	md('A driver can be bound without any call that names the bind: set a '
	   'device\'s driver pointer, then add the device. device_add() ends in '
	   '__device_attach(), which finds dev->driver already set and binds it '
	   'with no bus or driver probe. A device with no bus is not bound at all; '
	   'the pointer then only serves whoever reads it.'),
	'',
	md('Every such site in the patched tree outside drivers/base, as the '
	   'harness audit rule `harness/cocci/device_driver_preset.cocci` finds '
	   'it, with what binds it, whether a probe ever runs, and whether '
	   'device_driver_attach() after device_add() could replace the preset. '
	   'The sites on a device with a bus, added in the function that presets '
	   'the driver, are what the in-tree rule '
	   '`scripts/coccinelle/api/device_driver_hand_bind.cocci` reports.'),
	'',
	'| File | Function | What binds it | Does a probe run? | `device_driver_attach()` after `device_add()`? | Why |',
	'|---|---|---|---|---|---|',
]
for key in sorted(sites):
	s = sites[key]
	lines.append('| `%s` | `%s` | %s |' % (key[0], key[1],
		     ' | '.join(md(s[c]) for c in COLS)))
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
