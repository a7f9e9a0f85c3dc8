#!/bin/sh
test_description='kill -9 at random moments: an attendance import leaves all
the old data or all the new; an export, dump or backup written with -o is
the old file or the whole new one under its name, never half of one'
. "$(dirname "$0")/test-lib.sh"

# How many kill -9 trials at random moments for each command (RELIABILITY.md
# asks 20+ for imports and exports); dumps, backups and workbooks get a
# quarter.
: "${CIRCLE_KILL_TRIALS:=20}"
few=$(((CIRCLE_KILL_TRIALS + 3) / 4))

# random_delay SPAN: 0 to SPAN seconds, at random.
random_delay() {
	awk -v n="$(od -An -N2 -tu2 /dev/urandom)" -v span="$1" \
	    "BEGIN { printf \"%.3f\", span * (n % 1000) / 1000 }"
}

# timed FILE CMD...: run CMD, write its wall time in seconds to FILE.
timed() {
	_f=$1
	shift
	_s=$(date +%s.%N) &&
	"$@" &&
	_e=$(date +%s.%N) &&
	awk -v s="$_s" -v e="$_e" "BEGIN { printf \"%.3f\\n\", e - s }" >"$_f"
}

# state: what an import changes, in one line: attendance rows, held
# sessions, change-log rows.
state() {
	test_sql "SELECT (SELECT count(*) FROM attendance) || ' ' ||
	    (SELECT count(*) FROM session WHERE status = 'held') || ' ' ||
	    (SELECT count(*) FROM change_log)"
}

fresh() {
	rm -f "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" &&
	cp base.db "$CIRCLE_DB"
}

# The large benchmark data at scale 0.02: 4 groups, 200 people, 1040
# sessions and a sign-in sheet of their 20,000 attendance rows; the
# database keeps the people and sessions, without the attendance.
test_expect_success 'setup: 20,000 attendance rows to import' '
	mkdir -p data &&
	SQLITE3=$SQLITE3 sh "$CIRCLE_SRC/tests/bench/gen-large.sh" \
	    "$CIRCLE_BUILD" large.db 0.02 >/dev/null &&
	SQLITE3=$SQLITE3 sh "$CIRCLE_SRC/tests/bench/gen-attendance-csv.sh" \
	    20000 sheet.csv large.db &&
	test "$(wc -l <sheet.csv)" = 20001 &&
	"$SQLITE3" large.db "DELETE FROM attendance;
	    UPDATE session SET status = '"'"'scheduled'"'"'
	    WHERE status = '"'"'held'"'"'; VACUUM" &&
	cp large.db base.db &&
	fresh &&
	circle db check >out &&
	echo ok >expect &&
	test_cmp expect out &&
	state >old.state &&
	echo "0 0 628" >expect &&
	test_cmp expect old.state
'

test_expect_success 'the import left to finish records all of it' '
	fresh &&
	timed import.time circle attend import sheet.csv >out &&
	echo "20000 marked, 0 unchanged; 994 sessions recorded" >expect &&
	test_cmp expect out &&
	state >new.state &&
	echo "20000 994 629" >expect &&
	test_cmp expect new.state
'

# kill_import DELAY: start the import on the old data, kill -9 it after
# DELAY seconds; the data must be all old or all new, and whole.
kill_import() {
	fresh || return 1
	circle-attend import sheet.csv >import.out 2>import.err &
	_pid=$!
	sleep "$1"
	kill -9 $_pid 2>/dev/null
	wait $_pid
	_st=$?
	echo "import exit status $_st"
	for _f in "$CIRCLE_DB-wal" "$CIRCLE_DB-shm"; do
		! test -e "$_f" || test_mode "$_f" 600 || return 1
	done &&
	circle db check >out 2>err &&
	echo ok >expect &&
	test_cmp expect out &&
	state >now.state &&
	case $_st in
	0)	test_cmp new.state now.state ;;
	137)	test_cmp old.state now.state 2>/dev/null ||
		    test_cmp new.state now.state ;;
	*)	cat import.err >&2; false ;;
	esac
}

t=$(cat import.time 2>/dev/null || echo 1)
trial=1
while [ $trial -le "$CIRCLE_KILL_TRIALS" ]; do
	delay=$(random_delay "$(awk "BEGIN { print $t * 1.2 }")")
	test_expect_success "kill -9 the attendance import after ${delay}s of ${t}s" '
		kill_import $delay
	'
	trial=$((trial + 1))
done

# Exports: the same data with its attendance, written over an old file.

# zip_end FILE: the signature of a whole zip file's last 22 bytes (an xlsx
# has no zip comment).
zip_end() {
	tail -c 22 "$1" | head -c 4 | od -An -tx1 | tr -d " \n"
}

# same_ics A B: the same calendar but for the DTSTAMP lines (the time of
# the export).
same_ics() {
	grep -v "^DTSTAMP" "$1" >"$1.cmp" &&
	grep -v "^DTSTAMP" "$2" >"$2.cmp" &&
	test_cmp "$1.cmp" "$2.cmp"
}

test_expect_success 'setup: the whole calendar and dump, written to the end' '
	fresh &&
	circle attend import sheet.csv >/dev/null &&
	cp "$CIRCLE_DB" full.db &&
	timed ics.time circle export ics --all --per-session -o whole.ics &&
	test_grep "^END:VCALENDAR" whole.ics &&
	test "$(grep -c "^BEGIN:VEVENT" whole.ics)" -gt 1000 &&
	timed dump.time circle db dump -o whole.dump &&
	timed backup.time circle db backup whole.backup &&
	timed xlsx.time circle export xlsx --all -o whole.xlsx &&
	test "$(zip_end whole.xlsx)" = 504b0506 &&
	CIRCLE_DB=whole.backup circle db dump >backup.dump &&
	test_cmp whole.dump backup.dump
'

# kill_writer DELAY OUT CMD...: with an old OUT in place (or none, on
# even trials), run CMD, writing OUT, and kill -9 it after DELAY seconds.
# OUT must then be the old file, or no file, or whole; a temporary file
# left beside it must be private.
kill_writer() {
	_delay=$1 _out=$2
	shift 2
	rm -f "$_out" .out.* out.*tmp* || return 1
	if [ $((trial % 2)) = 1 ]; then
		echo "old file" >"$_out" || return 1
	fi
	"$@" 2>writer.err &
	_pid=$!
	sleep "$_delay"
	kill -9 $_pid 2>/dev/null
	wait $_pid
	echo "exit status $?"
	for _f in .out.* out.*tmp*; do
		! test -e "$_f" || test_mode "$_f" 600 || return 1
	done
	if ! test -e "$_out"; then
		test $((trial % 2)) = 0
	elif [ "$(cat "$_out")" = "old file" ]; then
		test $((trial % 2)) = 1
	else
		test_mode "$_out" 600 && whole "$_out"
	fi
}

t=$(cat ics.time 2>/dev/null || echo 1)
trial=1
while [ $trial -le "$CIRCLE_KILL_TRIALS" ]; do
	delay=$(random_delay "$(awk "BEGIN { print $t * 1.2 }")")
	test_expect_success "kill -9 export ics -o after ${delay}s of ${t}s" '
		whole() { same_ics whole.ics "$1"; } &&
		kill_writer $delay out.ics \
		    circle export ics --all --per-session -o out.ics
	'
	trial=$((trial + 1))
done

t=$(cat dump.time 2>/dev/null || echo 1)
trial=1
while [ $trial -le "$few" ]; do
	delay=$(random_delay "$(awk "BEGIN { print $t * 1.2 }")")
	test_expect_success "kill -9 db dump -o after ${delay}s of ${t}s" '
		whole() { test_cmp whole.dump "$1"; } &&
		kill_writer $delay out.dump circle db dump -o out.dump
	'
	trial=$((trial + 1))
done

t=$(cat backup.time 2>/dev/null || echo 1)
trial=1
while [ $trial -le "$few" ]; do
	delay=$(random_delay "$(awk "BEGIN { print $t * 1.2 }")")
	test_expect_success "kill -9 db backup after ${delay}s of ${t}s" '
		whole() {
			CIRCLE_DB=$1 circle db check >check.out &&
			echo ok >expect &&
			test_cmp expect check.out &&
			CIRCLE_DB=$1 circle db dump >out.dump &&
			test_cmp whole.dump out.dump
		} &&
		kill_writer $delay out.backup circle db backup --force out.backup
	'
	trial=$((trial + 1))
done

t=$(cat xlsx.time 2>/dev/null || echo 1)
trial=1
while [ $trial -le "$few" ]; do
	delay=$(random_delay "$(awk "BEGIN { print $t * 1.2 }")")
	test_expect_success "kill -9 export xlsx -o after ${delay}s of ${t}s" '
		whole() { test "$(zip_end "$1")" = 504b0506; } &&
		kill_writer $delay out.xlsx circle export xlsx --all -o out.xlsx
	'
	trial=$((trial + 1))
done

test_done
