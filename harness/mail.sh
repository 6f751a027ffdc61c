#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make mail: the queue as the mail threads to post, one per posting set, in
# build/mail/NN-NAME/ (a cover letter and the set's patches, numbered 1..n
# within the set, threaded under the cover letter). A set is a
# "# set NAME: title" line of series/series; its cover letter text is
# series/sets/NAME.cover (first line the subject, then a blank line and the
# body), followed by the set's shortlog and diffstat. Each patch gets the
# Signed-off-by of whoever runs this (git config user.name/user.email;
# nothing is invented), To/Cc from scripts/get_maintainer.pl. Each set also
# becomes one mbox, build/mail/NN-NAME.mbx. Send a set with
#   git send-email build/mail/NN-NAME/*.patch
# once the sets before it are merged (or Cc'd, as its cover letter says).
# --check: also prove what the "mail" stage of make check proves.
STAGE=mail
. "$(dirname "$0")/lib.sh"

CHECK=0
[ "${1:-}" = --check ] && CHECK=1
name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
[ -n "$name" ] && [ -n "$email" ] ||
	die "no git identity to sign the patches with" \
	    "git config --global user.name 'Your Name'; git config --global user.email you@example.org"
n=$(npatches)
[ "$n" -gt 0 ] || die "the queue is empty: nothing to mail" "add patches first"
M=$BUILD/mail
rm -rf "$M"
mkdir -p "$M"

# sets: "NAME<TAB>TITLE<TAB>FIRST<TAB>LAST", 1-based patch positions
sets_of_series() {
	awk '
		/^# set / { sub(/^# set /, ""); nm = $0; sub(/:.*/, "", nm)
			    t = $0; sub(/^[^:]*: */, "", t); pend = nm "\t" t; next }
		/^#/ || /^[[:space:]]*$/ { next }
		{ k++; if (pend != "") { if (cur != "") print cur "\t" k - 1
					 cur = pend "\t" k; pend = "" } }
		END { if (cur != "") print cur "\t" k }
	' "$SERIES/series"
}
sets=$(sets_of_series)
[ -n "$sets" ] || sets=$(printf 'series\t%s\t1\t%s' "$(git -C "$LINUX" config branch.main.description | sed -n 1p)" "$n")
# every patch in exactly one set, in order
first=$(printf '%s\n' "$sets" | head -1 | cut -f3)
[ "$first" = 1 ] || die "patches before the first '# set' line of series/series" "start series/series with a set line"

mapfile -t commits < <(git -C "$LINUX" rev-list --reverse base..HEAD)
# gm PATCH: its maintainers and lists, one per line. The answer depends on
# the patch's text, MAINTAINERS and the script: an unchanged patch is not
# asked about again.
gm_tool=$(input_key "$LINUX/MAINTAINERS" "$LINUX/scripts/get_maintainer.pl")
gm() {
	local k
	k=$(patch_key "$gm_tool" "$1")
	cache_get get_maintainer "$k" && return 0
	# an answer is kept only if the script succeeded
	(cd "$LINUX" && scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback --separator '|' "$1" 2>/dev/null) | tr '|' '\n' >"$M/.gm" &&
		cache_put get_maintainer "$k" "$(cat "$M/.gm")"
	cat "$M/.gm"
}
addhdr() {	# addhdr FILE HEADER VALUES(newline separated)
	local vals
	vals=$(printf '%s\n' "$3" | grep . | paste -sd, | sed 's/,/, /g')
	[ -n "$vals" ] || return 0
	awk -v h="$2: $vals" '!done && /^Subject: / {print h; done = 1} {print}' "$1" >"$1.tmp"
	mv "$1.tmp" "$1"
}

i=0
while IFS=$'\t' read -r set title lo hi; do
	i=$((i + 1))
	d=$M/$(printf '%02d' "$i")-$set
	cover=$SERIES/sets/$set.cover
	[ -f "$cover" ] || die "set '$set' has no cover letter" "write series/sets/$set.cover (subject line, blank line, body)"
	# no GIT_COMMITTER_* from the caller's environment: -s signs with the identity above
	env -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
	git -C "$LINUX" -c user.name="$name" -c user.email="$email" -c core.abbrev=12 \
		-c format.signature= -c format.coverLetter=false -c diff.algorithm=myers \
		format-patch -q -s --cover-letter --thread=shallow --numbered \
		--subject-prefix=PATCH -o "$d" "${commits[$((lo - 1))]}^..${commits[$((hi - 1))]}" ||
		die "format-patch failed for set $set" "see the messages above"
	c=$d/0000-cover-letter.patch
	# one line per header (format-patch folds a long From:, which b4 0.12
	# cannot take; RFC 5322 allows lines of up to 998 characters)
	for p in "$d"/*.patch; do
		awk 'hdr && /^[ \t]/ { sub(/^[ \t]+/, " "); line = line $0; next }
		     hdr && line != "" { print line }
		     hdr { line = $0; if ($0 == "") { hdr = 0; print ""; line = "" }; next }
		     { print }' hdr=1 "$p" >"$p.tmp" && mv "$p.tmp" "$p"
	done
	subj=$(sed -n 1p "$cover")
	awk -v s="$subj" -v cf="$cover" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, s) }
		/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < cf) > 0) if (++k > 2) print l; next }
		{ print }' "$c" >"$c.tmp" && mv "$c.tmp" "$c"
	all=""
	for p in "$d"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ "$p" = "$c" ] && continue
		who=$(gm "$p")
		to=$(printf '%s\n' "$who" | grep -vE '@vger\.kernel\.org|@lists\.' | head -3 || true)
		cc=$(printf '%s\n' "$who" | grep -vxF -f <(printf '%s\n' "$to" | grep . || echo '^$') || true)
		addhdr "$p" To "$to"
		addhdr "$p" Cc "$cc"
		all+="$who"$'\n'
	done
	all=$(printf '%s\n' "$all" | grep . | sort -u || true)
	addhdr "$c" To "$(printf '%s\n' "$all" | grep -vE '@vger\.kernel\.org|@lists\.' || true)"
	addhdr "$c" Cc "$(printf '%s\n' "$all" | grep -E '@vger\.kernel\.org|@lists\.' || true)"
	cat "$d"/*.patch >"$d.mbx"
	echo "set $i $set: $((hi - lo + 1)) patches, ${d#$TOP/}/ (${title})"
done <<<"$sets"
[ $CHECK = 1 ] || { log "send each set with: git send-email build/mail/NN-NAME/*.patch"; exit 0; }

# --- the mail stage: what a maintainer's tools make of the mail ----------
# 1. checkpatch --strict on every patch mail, nothing ignored. Commit ids
#    are looked up through harness/upstream-git/git (the base has no
#    upstream history; config/upstream-commits lists each id read upstream)
mails=()
for p in "$M"/*/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) ;; *) mails+=("$p");; esac
done
if ! out=$(checkpatch_many --no-summary --quiet -- "${mails[@]}"); then
	printf '%s\n' "$out" | sed "s|^CHECKPATCH-FAIL $M/|checkpatch: |"
	die "$(grep -c '^CHECKPATCH-FAIL ' <<<"$out") mails with checkpatch findings" "fix the patches in build/linux, make export"
fi
# 2. the sets apply with git am, in order, on a clean base: the result is
#    the tree of the queue
# (a worktree kept between runs: going back to the base rewrites only the
# files the queue changes)
W=$BUILD/mail-am
git -C "$W" am --abort >/dev/null 2>&1 || true
worktree_at "$W" base
git -C "$W" checkout -q -f --detach base
for mbx in "$M"/*.mbx; do
	# the patches of the thread, without its cover letter
	git -C "$W" -c user.name="$name" -c user.email="$email" am -q \
		$(ls "${mbx%.mbx}"/[0-9][0-9][0-9][0-9]-*.patch | grep -v /0000-cover-letter.patch) \
		>"$LOGS/mail-am.log" 2>&1 || {
		git -C "$W" am --abort >/dev/null 2>&1 || true
		die "$(basename "$mbx") does not apply with git am after the sets before it: $(tail -3 "$LOGS/mail-am.log" | tr '\n' ' ')" \
		    "build/logs/mail-am.log"
	}
	echo "git am: $(basename "$mbx") applies"
done
[ "$(git -C "$W" rev-parse HEAD^{tree})" = "$(git -C "$LINUX" rev-parse HEAD^{tree})" ] ||
	die "the sets applied with git am do not give the queue's tree" "git -C build/mail-am diff $(git -C "$LINUX" rev-parse --short HEAD)"
# the first set is the fixes: each applies to the base on its own
git -C "$W" checkout -q --detach base
for p in "$M"/01-*/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) continue;; esac
	git -C "$W" apply --check "$p" 2>>"$LOGS/mail-am.log" ||
		die "$(basename "$p") does not apply to the base on its own" "build/logs/mail-am.log"
done
echo "git apply: each patch of $(basename "$(ls -d "$M"/01-*/)") applies to the base on its own"
# 3. b4 parses each set as one complete thread: the cover letter and
#    patches 1..n of n, nothing missing, nothing else
for mbx in "$M"/*.mbx; do
	want=$(($(grep -c '^From [0-9a-f]\{40\} ' "$mbx") - 1))
	msgid=$(awk '/^Message-ID: / || /^Message-Id: / { sub(/^Message-I[dD]: /, ""); print; exit }' "$mbx")
	out=$BUILD/mail-b4/$(basename "$mbx" .mbx)
	rm -rf "$out"
	mkdir -p "$out"
	b4 -q am -C -m "$mbx" -o "$out" -n set "$msgid" >"$out.log" 2>&1 ||
		die "b4 am rejects $(basename "$mbx") ($(tail -2 "$out.log" | tr '\n' ' '))" "see ${out#$TOP/}.log"
	[ -f "$out/set.mbx" ] || die "b4 am wrote no mbox for $(basename "$mbx")" "see ${out#$TOP/}.log"
	got=$(grep -c '^From ' "$out/set.mbx" || true)
	[ "$got" = "$want" ] || die "b4 finds $got of the $want patches of $(basename "$mbx")" "see ${out#$TOP/}.log"
	grep -q 'WARNING\|missing' "$out.log" && die "b4 warns on $(basename "$mbx"): $(grep -m1 'WARNING\|missing' "$out.log")" "see ${out#$TOP/}.log"
	echo "b4 am: $(basename "$mbx"): $got of $want patches, complete thread"
done
echo "RESULT: $(ls -d "$M"/[0-9][0-9]-*/ | wc -l) sets, $n patches: checkpatch clean, git am in order gives the queue, b4 parses each thread"
