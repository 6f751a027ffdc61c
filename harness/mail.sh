#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make mail: the series ready to post in build/mail/: To/Cc of each patch
# from scripts/get_maintainer.pl, the cover letter Cc'd to all of them and
# carrying the last "make check" summary. Send with
#   git send-email build/mail/*.patch   (or b4 send)
STAGE=mail
. "$(dirname "$0")/lib.sh"

n=$(npatches)
[ "$n" -gt 0 ] || die "the queue is empty: nothing to mail" "add patches first"
M=$BUILD/mail
rm -rf "$M"
mkdir -p "$M"
cp "$SERIES"/*.patch "$M/"
gm() { (cd "$LINUX" && scripts/get_maintainer.pl --no-rolestats --no-git \
	--no-git-fallback --separator '|' "$@" 2>/dev/null) | tr '|' '\n'; }
addhdr() {	# addhdr FILE HEADER VALUES(newline separated)
	local vals
	vals=$(printf '%s\n' "$3" | grep . | paste -sd, | sed 's/,/, /g')
	[ -n "$vals" ] || return 0
	awk -v h="$2: $vals" '!done && /^Subject: / {print h; done = 1} {print}' "$1" >"$1.tmp"
	mv "$1.tmp" "$1"
}
all=""
for p in "$M"/[0-9][0-9][0-9][0-9]-*.patch; do
	[ "$(basename "$p")" = 0000-cover-letter.patch ] && continue
	who=$(gm "$p")
	to=$(printf '%s\n' "$who" | grep -vE 'linux-kernel@vger|@vger.kernel.org' | head -3)
	cc=$(printf '%s\n' "$who" | grep -vxF -f <(printf '%s\n' "$to"))
	addhdr "$p" To "$to"
	addhdr "$p" Cc "$cc"
	all+="$who"$'\n'
done
all=$(printf '%s\n' "$all" | grep . | sort -u)
addhdr "$M/0000-cover-letter.patch" Cc "$all"
if [ -f "$LOGS/summary.txt" ]; then
	first=$(git -C "$LINUX" shortlog base..HEAD | sed -n 1p)
	awk -v stop="$first" -v sf="$LOGS/summary.txt" '
		$0 == stop && !done {
			print "Test results (make check):"
			while ((getline l < sf) > 0) print "  " l
			print ""; done = 1
		} {print}' "$M/0000-cover-letter.patch" >"$M/cover.tmp"
	mv "$M/cover.tmp" "$M/0000-cover-letter.patch"
else
	log "no make check summary yet; run 'make check' to put test results in the cover letter"
fi
log "$n patches + cover letter in build/mail/; send with: git send-email build/mail/*.patch"
