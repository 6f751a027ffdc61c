# SPDX-License-Identifier: GPL-2.0
# Patch-queue helpers shared by tree.sh, export.sh and check.sh. Source it.
#
# The cover letter's subject and body live in build/linux as the branch
# description (git branch --edit-description); its From:/Date: in git config
# harness.coverFrom / harness.coverDate. Everything else in series/ is
# generated from the commits, with options fixed here so that the same
# commits always give the same bytes.

GITFP=(git -C "$LINUX" -c core.abbrev=12 -c diff.algorithm=myers
	-c diff.renames=true -c diff.noprefix=false -c diff.mnemonicPrefix=false
	-c diff.relative=false -c format.useAutoBase=false -c format.signature=
	-c format.headers= -c format.thread=false -c format.coverLetter=false)

# export_to DIR: write the queue (series, patches, cover letter) into DIR.
export_to() {
	local dir=$1 n subject body from date
	mkdir -p "$dir" || return 1
	n=$(npatches) || return 1
	if [ "$n" -gt 0 ]; then
		"${GITFP[@]}" format-patch -q --numbered --zero-commit --no-signature \
			--subject-prefix=PATCH -o "$dir" base..HEAD >/dev/null || return 1
	fi
	(cd "$dir" && ls -1 [0-9][0-9][0-9][0-9]-*.patch 2>/dev/null || true) >"$dir/series" || return 1
	# callers run this under "||", where set -e is off: check the count
	[ "$(grep -c . "$dir/series")" = "$n" ] || return 1
	keep_sets "$dir" || return 1

	subject=$(git -C "$LINUX" config branch.main.description | sed -n 1p)
	body=$(git -C "$LINUX" config branch.main.description | sed 1,2d)
	from=$(git -C "$LINUX" config harness.coverFrom ||
	       printf '%s <%s>' "$(git -C "$TOP" config user.name)" "$(git -C "$TOP" config user.email)")
	date=$(git -C "$LINUX" config harness.coverDate || date -R)
	{
		echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
		echo "From: $from"
		echo "Date: $date"
		echo "Subject: [PATCH 0/$n] ${subject:-*** SUBJECT HERE ***}"
		echo
		printf '%s\n' "${body:-*** BLURB HERE ***}"
		if [ "$n" -gt 0 ]; then
			echo
			git -C "$LINUX" shortlog base..HEAD
			"${GITFP[@]}" diff --stat=72 --summary base HEAD
		fi
	} >"$dir/0000-cover-letter.patch" || return 1
}

# keep_sets DIR: the posting sets of series/ carried over to DIR. A set is
# a "# set NAME: title" comment line in series/series before its first
# patch, and its cover letter is series/sets/NAME.cover (Subject: line,
# blank line, body). Patches are matched by the name format-patch gives
# them without the number, so renumbering keeps the sets.
keep_sets() {
	local dir=$1 line slug f pending="" out
	[ -f "$SERIES/series" ] || return 0
	grep -q '^# set ' "$SERIES/series" || return 0
	out=$(mktemp)
	# marker lines, each keyed by the slug of the patch line after it
	while IFS= read -r line; do
		case $line in
		'# set '*) pending+="$line"$'\n' ;;
		'#'*|'') ;;
		*)
			if [ -n "$pending" ]; then
				slug=${line#[0-9][0-9][0-9][0-9]-}
				printf '%s' "$pending" | sed "s|^|$slug\t|" >>"$out"
				pending=""
			fi ;;
		esac
	done <"$SERIES/series"
	while IFS= read -r f; do
		slug=${f#[0-9][0-9][0-9][0-9]-}
		awk -F'\t' -v s="$slug" '$1 == s { sub(/^[^\t]*\t/, ""); print }' "$out"
		echo "$f"
	done <"$dir/series" >"$dir/series.new"
	# every marker must still find its patch
	if [ "$(grep -c '^# set ' "$dir/series.new")" != "$(grep -c '^# set ' "$SERIES/series")" ]; then
		echo "a '# set' line of series/series no longer precedes a patch of the queue" >&2
		rm -f "$out" "$dir/series.new"
		return 1
	fi
	mv "$dir/series.new" "$dir/series"
	rm -f "$out"
	[ -d "$SERIES/sets" ] && cp -r "$SERIES/sets" "$dir/sets"
	return 0
}

# load_cover FILE: put a cover letter's subject, body, From and Date into
# build/linux (after the patches are applied: the shortlog marks the end
# of the body).
load_cover() {
	local f=$1 first desc
	[ -f "$f" ] || return 0
	first=$(git -C "$LINUX" shortlog base..HEAD | sed -n 1p)
	desc=$(awk -v stop="$first" '
		hdr && /^Subject: / { sub(/^Subject: \[PATCH 0\/[0-9]+\] /, ""); print; print ""; next }
		hdr && /^$/ { hdr = 0; next }
		hdr { next }
		stop != "" && $0 == stop { exit }
		{ print }
	' hdr=1 "$f")
	git -C "$LINUX" config branch.main.description "$(printf '%s' "$desc" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"
	git -C "$LINUX" config harness.coverFrom "$(sed -n 's/^From: //p' "$f" | head -1)"
	git -C "$LINUX" config harness.coverDate "$(sed -n 's/^Date: //p' "$f" | head -1)"
}

# queue_in_sync: true when build/linux holds exactly what series/ says.
queue_in_sync() {
	local tmp rc=0
	[ -d "$LINUX/.git" ] || return 1
	git -C "$LINUX" rev-parse -q --verify base >/dev/null || return 1
	[ -z "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] || return 1
	tmp=$(mktemp -d)
	export_to "$tmp"
	diff -rq "$tmp" "$SERIES" >/dev/null 2>&1 || rc=1
	rm -rf "$tmp"
	return $rc
}
