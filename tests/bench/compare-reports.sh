#!/bin/sh
# compare-reports.sh: every report's output on a database, saved, and
# compared with a directory saved before (issue 13: a restructuring of the
# reports changes no byte of what they print).
#
# Usage: compare-reports.sh BUILDDIR DBFILE OUTDIR [BASELINE]
#
# Runs every report kind in every format, over the whole database and per
# group (the first three groups by handle), with and without --from/--to;
# report member for a few people; outreach with several --missed and with
# contacts; funder over everything and per group; session prep of several
# sessions in each format; export csv of each table (plain, and with
# pseudonyms); export xlsx, its sheets dumped as text.  Each output (and
# exit status, and stderr) goes to a file of OUTDIR.  With BASELINE, a
# directory made the same way by another build, the two are compared
# (diff -r) and the script fails if anything differs.  Reports depend on
# the day ("now": unrecorded sessions, the past), so compare on the day
# the baseline was made.  --sql output is not compared: it is meant to
# change.  The sqlite3 shell (SQLITE3) picks the groups and people.
set -e

if [ $# -ne 3 ] && [ $# -ne 4 ]; then
	echo "usage: compare-reports.sh BUILDDIR DBFILE OUTDIR [BASELINE]" >&2
	exit 2
fi
builddir=$1
db=$2
out=$3
base=${4:-}
sqlite3=${SQLITE3:-sqlite3}

if [ ! -x "$builddir/circle" ]; then
	echo "compare-reports.sh: $builddir/circle is not built" >&2
	exit 1
fi
if [ ! -f "$db" ]; then
	echo "compare-reports.sh: no database $db" >&2
	exit 1
fi
mkdir -p "$out"

# run NAME ARGS...: circle ARGS on the database, into OUTDIR/NAME.
run() {
	_name=$1
	shift
	_rc=0
	"$builddir/circle" "$@" --db "$db" >"$out/$_name" \
	    2>"$out/$_name.err" || _rc=$?
	echo "$_rc" >"$out/$_name.rc"
}

q() {
	"$sqlite3" "$db" "$1"
}

# The dates: the middle of the data, and a year of it.
first=$(q "SELECT substr(min(local_start), 1, 10) FROM session")
last=$(q "SELECT substr(max(local_start), 1, 10) FROM session")
y=$(q "SELECT substr(min(local_start), 1, 4) + 1 FROM session")
ranges="all:
mid:--from $y-03-01 --to $y-09-30
year:--from $y-01-01 --to $y-12-31
span:--from $first --to $last"
groups=$(q "SELECT handle FROM grp ORDER BY handle LIMIT 3")
people=$(q "SELECT handle FROM member ORDER BY id LIMIT 3;
    SELECT handle FROM member WHERE status = 'inactive' ORDER BY id LIMIT 1;
    SELECT m.handle FROM member m JOIN membership p ON p.member_id = m.id
    WHERE p.left_on IS NOT NULL ORDER BY m.id LIMIT 1;
    SELECT m.handle FROM member m JOIN membership p ON p.member_id = m.id
    WHERE p.role = 'guest' ORDER BY m.id LIMIT 1")

echo "$ranges" | while IFS=: read -r rname rargs; do
	# shellcheck disable=SC2086
	for kind in attendance sessions monthly outreach; do
		for fmt in table tsv csv json jsonl; do
			run "report-$kind-$rname-$fmt" report $kind $rargs \
			    --format $fmt
		done
		for g in $groups; do
			run "report-$kind-$rname-$g" report $kind $rargs \
			    --group "$g" --format tsv
		done
	done
	for n in 1 2 5; do
		run "report-outreach-$rname-missed$n" report outreach \
		    $rargs --missed $n --format tsv
	done
	run "report-outreach-$rname-contacts" report outreach $rargs \
	    --with-contacts --format csv
	for p in $people; do
		run "report-member-$rname-$p" report member $rargs "$p" \
		    --format tsv
		run "report-member-$rname-$p.table" report member $rargs "$p"
	done
	if [ -n "$rargs" ]; then
		for fmt in table json csv; do
			run "report-funder-$rname-$fmt" report funder $rargs \
			    --all --format $fmt
		done
		run "report-funder-$rname-min1" report funder $rargs --all \
		    --min-count 1 --format tsv
		for g in $groups; do
			run "report-funder-$rname-$g" report funder $rargs \
			    --group "$g" --format tsv
		done
	fi
	for t in members sessions attendance responses followups; do
		run "export-csv-$t-$rname" export csv --all $rargs "$t"
		run "export-csv-$t-$rname-pseud" export csv --all \
		    --pseudonymize $rargs "$t"
	done
done

# Session prep: the first, a middle and the last held session of each group
# and one not held yet.
for g in $groups; do
	for s in $(q "SELECT id FROM session WHERE grp_id = (SELECT id FROM grp
	    WHERE handle = '$g') AND status = 'held' ORDER BY starts_at
	    LIMIT 3 OFFSET 10;
	    SELECT max(id) FROM session WHERE grp_id = (SELECT id FROM grp
	    WHERE handle = '$g') AND status = 'held';
	    SELECT min(id) FROM session WHERE grp_id = (SELECT id FROM grp
	    WHERE handle = '$g') AND status = 'scheduled'"); do
		for fmt in text md json; do
			run "prep-$g-$s-$fmt" session prep --group "$g" \
			    --format $fmt "$s"
		done
	done
done

# The workbook: every sheet and the shared strings, as text; the time it
# was made (the summary's one date with a time of day) as NOW.
for w in all:--all "$(echo "$groups" | head -n 1):--group $(echo "$groups" |
    head -n 1)"; do
	wname=${w%%:*}
	wargs=${w#*:}
	for rargs in "" "--from $y-01-01 --to $y-12-31"; do
		tag=$wname${rargs:+-year}
		rm -f "$out/book.xlsx"
		# shellcheck disable=SC2086
		run "export-xlsx-$tag" export xlsx $wargs $rargs \
		    -o "$out/book.xlsx"
		if [ -f "$out/book.xlsx" ]; then
			for part in $(unzip -Z1 "$out/book.xlsx" |
			    grep -e '^xl/worksheets/' -e sharedStrings |
			    sort); do
				echo "== $part"
				unzip -p "$out/book.xlsx" "$part"
				echo
			done | sed -E 's,<v>4[0-9]{4}\.[0-9]+</v>,<v>NOW</v>,g' \
			    >"$out/export-xlsx-$tag.dump"
			rm -f "$out/book.xlsx"
		fi
	done
done

n=$(find "$out" -type f | wc -l)
echo "compare-reports.sh: $n files in $out"
if [ -n "$base" ]; then
	if diff -r "$base" "$out" >"$out.diff"; then
		echo "compare-reports.sh: the same as $base"
		rm -f "$out.diff"
	else
		echo "compare-reports.sh: DIFFERENT from $base" \
		    "(see $out.diff)" >&2
		exit 1
	fi
fi
