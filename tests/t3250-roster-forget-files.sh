#!/bin/sh
test_description='circle roster forget: says which files circle wrote may still hold the person'
. "$(dirname "$0")/test-lib.sh"

# record: the files remembered, "kind path" a line, by path.
record() {
	test_sql "SELECT kind || ' ' || path FROM written_file ORDER BY path"
}

# day FILE: the day the record says FILE (under $HOME) was written.
day() {
	test_sql "SELECT substr(written_at, 1, 10) FROM written_file WHERE
	    path = '$HOME/$1'"
}

# Paths are kept as the system resolves them; the scratch directory may be
# reached through a symbolic link.
HOME=$(pwd -P)
export HOME

# written_at FILE: when the record says FILE (under $HOME) was written.
written_at() {
	test_sql "SELECT written_at FROM written_file WHERE path = '$HOME/$1'"
}

# A second, so that what is written next is later than what came before
# (times are kept to the second).
tick() {
	sleep 1
}

test_expect_success 'setup: a group and a session; a file written before anyone joined' '
	circle init >/dev/null &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle session add --group tc 2026-01-06 19:00 >/dev/null &&
	circle export csv --all -o early.csv members &&
	tick &&
	circle roster add --group tc "Ann Lee" >/dev/null &&
	circle roster add --group tc "Sam Whitfield" >/dev/null
'

test_expect_success 'exports, backups and dumps are remembered by absolute path and time' '
	circle export xlsx -o autumn.xlsx &&
	circle db backup circle-backup.db >/dev/null &&
	mkdir -p out &&
	(cd out && circle db dump -o ../all.jsonl) &&
	circle export signin --group tc -o out/sheet.xlsx 2026-01-06 &&
	circle export csv --all -o members.csv members &&
	circle export csv --all -o attendance.csv attendance &&
	cat >expect <<-EOF &&
	csv $HOME/attendance.csv
	xlsx $HOME/autumn.xlsx
	backup $HOME/circle-backup.db
	dump $HOME/all.jsonl
	csv $HOME/early.csv
	csv $HOME/members.csv
	signin $HOME/out/sheet.xlsx
	EOF
	record | sort -k2 >actual &&
	sort -k2 expect >expect.sorted &&
	test_cmp expect.sorted actual &&
	test "$(test_sql "SELECT count(*) FROM written_file WHERE written_at
	    GLOB '\''[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'\''")" = 7
'

# The standard output sent to a file is that file, remembered by its
# name; sent to a pipe, where it went cannot be known: its kind alone.
test_expect_success 'standard output to a file remembered by its name, to a pipe by its kind; not /dev/null, nor the sessions table (no one in it)' '
	record >before &&
	circle export csv --all members >piped.csv &&
	circle export csv --all -o - members >/dev/null &&
	circle export xlsx -o - | cat >/dev/null &&
	circle db dump >dump.jsonl &&
	circle export csv --all -o sessions.csv sessions &&
	circle export ics -o cal.ics &&
	record >after &&
	{ cat before &&
	  printf "%s\n" "dump $HOME/dump.jsonl" "csv $HOME/piped.csv" \
	      "xlsx pipe:xlsx"; } | sort >expect &&
	sort after >actual &&
	test_cmp expect actual
'

test_expect_success 'a file written again keeps one row, with the later time' '
	first=$(written_at members.csv) &&
	test -n "$first" &&
	tick &&
	circle export csv --all -o members.csv members &&
	test "$(test_sql "SELECT count(*) FROM written_file WHERE path LIKE
	    '\''%/members.csv'\''")" = 1 &&
	test "$(written_at members.csv)" != "$first"
'

test_expect_success 'the record is in no dump, and a dump loads back the same' '
	! grep written_file all.jsonl &&
	circle db dump >d1 &&
	! grep written_file d1 &&
	CIRCLE_DB=$PWD/loaded.db circle db load d1 &&
	CIRCLE_DB=$PWD/loaded.db circle db dump >d2 &&
	test_cmp d1 d2
'

test_expect_success 'forget lists the files written while they were on the roster, still there' '
	circle export csv --all -o removed.csv members &&
	rm removed.csv &&
	sum_before=$(cat autumn.xlsx circle-backup.db all.jsonl out/sheet.xlsx \
	    members.csv attendance.csv early.csv | cksum) &&
	circle roster forget --yes sam-w >out.txt &&
	test "$(sed -n 1p out.txt)" = "forgot sam-w" &&
	test "$(wc -l <out.txt)" = 2 &&
	line=$(sed -n 2p out.txt) &&
	case $line in
	"sam-w may still be in "*) ;;
	*) echo "unexpected: $line" >&2; false ;;
	esac &&
	for f in "~/autumn.xlsx ($(day autumn.xlsx))" \
	    "the backup ~/circle-backup.db ($(day circle-backup.db))" \
	    "the dump ~/all.jsonl ($(day all.jsonl))" \
	    "~/out/sheet.xlsx ($(day out/sheet.xlsx))" \
	    "~/members.csv ($(day members.csv))" \
	    "~/attendance.csv ($(day attendance.csv))" \
	    "~/piped.csv ($(day piped.csv))" \
	    "the dump ~/dump.jsonl ($(day dump.jsonl))" \
	    ", and in what circle sent to a pipe, where it cannot follow: a workbook ("
	do
		printf "%s\n" "$line" | grep -F -q "$f" || {
			echo "not listed: $f in: $line" >&2
			exit 1
		}
	done &&
	! printf "%s\n" "$line" | grep -e early.csv -e removed.csv \
	    -e sessions.csv -e cal.ics &&
	test "$(printf "%s\n" "$line" | grep -o " and " | wc -l)" = 2 &&
	sum_after=$(cat autumn.xlsx circle-backup.db all.jsonl out/sheet.xlsx \
	    members.csv attendance.csv early.csv | cksum) &&
	test "$sum_before" = "$sum_after" &&
	! record | grep removed.csv
'

test_expect_success 'the files written after they left, or before they joined again, are not theirs' '
	circle export csv --all -o after.csv members &&
	tick &&
	circle roster add --group tc "Sam Whitfield" >/dev/null &&
	circle export xlsx -o winter.xlsx &&
	circle roster forget --yes sam-w >out.txt &&
	cat >expect <<-EOF &&
	forgot sam-w
	sam-w may still be in ~/winter.xlsx ($(day winter.xlsx))
	EOF
	test_cmp expect out.txt
'

test_expect_success 'nothing to say when circle wrote nothing since they joined' '
	tick &&
	circle roster add "Cy Dunn" >/dev/null &&
	circle roster forget --yes cy-d >out.txt &&
	echo "forgot cy-d" >expect &&
	test_cmp expect out.txt
'

MARKER='Quillonzaberg Xyzzyvane'

test_expect_success 'a path that names them is listed, then leaves no byte behind' '
	h=$(circle roster add --group tc "$MARKER") &&
	mkdir -p notes &&
	circle export csv --all -o notes/quillonzaberg.csv members &&
	circle export csv --all -o "notes/$h.csv" attendance &&
	circle export csv --all -o notes/QUILLONZABERG-2.csv members &&
	circle export csv --all -o notes/quillonzabergs.csv members &&
	rm notes/quillonzabergs.csv &&
	circle roster forget --yes "$h" >out.txt &&
	test_grep "~/notes/quillonzaberg.csv" out.txt &&
	test_grep "~/notes/$h.csv" out.txt &&
	test_grep "~/notes/QUILLONZABERG-2.csv" out.txt &&
	! record | grep -i quillonzaberg &&
	record | grep -q winter.xlsx &&
	for f in "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm"; do
		test -e "$f" || continue
		if grep -a -i -q quillonzaberg "$f"; then
			echo "quillonzaberg is in $f" >&2
			exit 1
		fi
	done
'

test_expect_success 'a name is matched as a word, and only below the home directory' '
	mkdir -p lee &&
	circle export csv --all -o annual.csv members &&
	circle export csv --all -o lee/report.csv members &&
	circle export csv --all -o lee/ann.csv members &&
	HOME=$PWD/lee circle roster forget --yes ann-l >out.txt &&
	test_grep "~/ann.csv" out.txt &&
	test_grep "~/report.csv" out.txt &&
	record >after &&
	grep -q "/annual.csv\$" after &&
	grep -q "/lee/report.csv\$" after &&
	! grep "/lee/ann.csv" after
'

test_expect_success 'an extract for a coordinator is remembered, and named as one' '
	tick &&
	h=$(circle roster add --group tc "Pat Quill") &&
	circle db extract --group tc -o tc.circle >/dev/null &&
	test "$(record | grep "tc.circle")" = "extract $HOME/tc.circle" &&
	circle roster forget --yes "$h" >out.txt &&
	test_grep "the extract ~/tc.circle ($(day tc.circle))" out.txt
'

test_expect_success 'roster merge lists the files written since OTHER was added, as forget does; a dry run none' '
	tick &&
	circle roster add --group tc "Rue Vale" >/dev/null &&
	circle export csv --all -o before-rue.csv members &&
	tick &&
	h=$(circle roster add --new --group tc "Rue Vale") &&
	circle export xlsx -o rue.xlsx &&
	circle roster merge --dry-run rue-v "$h" >out.txt &&
	test "$(wc -l <out.txt)" = 1 &&
	circle roster merge rue-v "$h" >out.txt &&
	cat >expect <<-EOF &&
	$h merged into rue-v: 0 memberships, 0 marks, 0 check-ins, 0 follow-ups moved; $h forgotten
	$h may still be in ~/rue.xlsx ($(day rue.xlsx))
	EOF
	test_cmp expect out.txt
'

test_expect_success 'a merge that forgets someone forgotten in another database lists the files, and forgets a path that names them' '
	circle --db far.db init >/dev/null &&
	circle --db far.db group add --tz UTC "Far Group" >/dev/null &&
	circle --db far.db roster add --group far-group "Wren Yarrowby" \
	    >/dev/null &&
	circle --db far.db db extract --all -o far.circle >/dev/null &&
	circle --db near.db db merge far.circle >/dev/null &&
	mkdir -p near &&
	circle --db near.db export csv --all -o near/yarrowby.csv members &&
	circle --db near.db export csv --all -o near/list.csv members &&
	circle --db far.db roster forget --yes wren-y >/dev/null &&
	circle --db far.db db extract --all --force -o far.circle >/dev/null &&
	circle --db near.db db merge far.circle >out.txt &&
	test_grep "^wren-y may still be in .*~/near/yarrowby.csv" out.txt &&
	test_grep "~/near/list.csv" out.txt &&
	test "$("$SQLITE3" near.db "SELECT count(*) FROM written_file WHERE
	    path LIKE '"'"'%list.csv'"'"'")" = 1 &&
	"$SQLITE3" near.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	for f in near.db near.db-wal; do
		test -e "$f" || continue
		! grep -a -i -q yarrowby "$f" || return 1
	done
'

# -o /dev/stdout sent to a pipe: the table alone goes down it, what the
# export says of it (wrote ...) to the standard error.
test_expect_success 'an export through /dev/stdout to a pipe: the table alone in the pipe, what it wrote said on stderr' '
	circle export csv --all -o piped2.csv members &&
	circle export csv --all -o /dev/stdout members 2>err | cat >through.csv &&
	test_cmp piped2.csv through.csv &&
	test_grep "^wrote /dev/stdout\$" err &&
	circle export csv --all -o /dev/stdout members >through.csv 2>err &&
	test_cmp piped2.csv through.csv &&
	test_grep "^wrote /dev/stdout\$" err &&
	rm -f piped2.csv through.csv
'

test_done
