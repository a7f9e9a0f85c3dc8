#!/bin/sh
# run.sh: the benchmarks, run by "make bench"; never part of "make check".
#
# Usage: run.sh BUILDDIR SRCDIR
#
#  roster-import-10k    circle roster import of a 10,000-person CSV into a
#                       fresh database, against the sqlite3 shell's .import
#                       of the same file into a plain table (same WAL and
#                       synchronous=FULL settings); medians, and the ratio.
#  roster-import-100k   the same with 100,000 people, and the scaling of
#                       circle from 10k to 100k (linear is about 10).
#  roster-import-10k-same-schema
#                       the floor under circle's import: the sqlite3 shell
#                       loading the same file into circle's own schema
#                       (member with its indexes, one change-log row each)
#                       with two INSERT ... SELECT statements.
#  startup              "circle roster list" on a small database: the cost
#                       of starting a tool, opening the database and one
#                       query; and the statements it runs (CIRCLE_TRACE_SQL).
#  sessions-520         planning a ten-year weekly series (520 sessions) and
#                       listing it.
#  large-db, report-attendance*, attend-import*
#                       the large database (tests/bench/gen-large.sh): the
#                       attendance report and the sign-in sheet import; see
#                       that section below.  BENCH_LARGE=0 skips it.
#  xlsx-large, xlsx-memory
#                       circle export xlsx of the large database against
#                       Python's openpyxl, and its memory; see below.
#
# Timing is wall-clock (date +%s.%N) medians, so run it on a quiet machine.
# BENCH_RUNS (default 5), BENCH_BIG_RUNS (default 3) and BENCH_STARTUP_RUNS
# (default 20) change the number of runs.  Nothing outside a temporary
# directory is touched.
set -e

if [ $# -ne 2 ]; then
	echo "usage: run.sh BUILDDIR SRCDIR" >&2
	exit 2
fi
builddir=$1
srcdir=$2
runs=${BENCH_RUNS:-5}
bigruns=${BENCH_BIG_RUNS:-3}
startruns=${BENCH_STARTUP_RUNS:-20}
sqlite3=${SQLITE3:-sqlite3}

for tool in circle circle-db circle-roster circle-session; do
	if [ ! -x "$builddir/$tool" ]; then
		echo "run.sh: $builddir/$tool is not built; run make first" >&2
		exit 1
	fi
done
if ! date +%s.%N | grep -q '^[0-9]*\.[0-9]'; then
	echo "run.sh: date +%s.%N does not give fractions of a second" >&2
	exit 1
fi
if command -v "$sqlite3" >/dev/null 2>&1; then
	have_sqlite3=1
else
	have_sqlite3=
	echo "run.sh: no sqlite3 shell ($sqlite3); references skipped" >&2
fi

PATH=$builddir:$PATH
export PATH
unset XDG_CONFIG_HOME XDG_DATA_HOME

work=$(mktemp -d "${TMPDIR:-/tmp}/circle-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
umask 077

fail() {
	echo "run.sh: FAILED: $*" >&2
	exit 1
}

# seconds between two "date +%s.%N" stamps
elapsed() {
	awk -v s="$1" -v e="$2" 'BEGIN { printf "%.4f\n", e - s }'
}

# the median of the numbers on standard input, one a line
median() {
	sort -n | awk '{ v[NR] = $1 }
	    END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
	    }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b + 0 > 0) printf "%.2f\n", a / b; else print "nan" }'
}

# A deterministic roster of N people, header name,email,phone: names from
# common first and last names (so handles collide, as in real groups), a
# unique email each, a phone for most.
gen_roster() {
	awk -v n="$1" 'BEGIN {
		nf = split("Alex Sam Jordan María José Wei Aisha Priya Noah " \
		    "Emma Liam Olivia Mateo Sofía Omar Fatima Kenji Yuki " \
		    "Lucas Chloé Ahmed Leila Ivan Anya Diego Lucía Kwame " \
		    "Amara Tom Grace Raj Meera Ali Sara Ben Nina Carlos " \
		    "Elena Hugo Zoë", first, " ")
		nl = split("Rivera Chen Okafor Nguyen García Smith Patel Kim " \
		    "Haddad Novak Dubois Murphy Silva Rossi Cohen Tanaka " \
		    "Jones Müller Ortiz Singh Hassan López Walker Brown " \
		    "Adeyemi Kowalski Andersen Costa Reyes Park Ali Martin " \
		    "Evans Khan Bauer Moreau Ibrahim Sato Fischer Wright",
		    last, " ")
		print "name,email,phone"
		for (i = 1; i <= n; i++) {
			f = first[(i * 7) % nf + 1]
			l = last[(i * 13 + int(i / nf)) % nl + 1]
			if (i % 10 == 0)
				phone = ""
			else
				phone = sprintf("555-01%02d", i % 100)
			printf "%s %s,person%06d@example.org,%s\n", f, l, i,
			    phone
		}
	}'
}

# Time one sqlite3 .import of CSV into a fresh file; prints seconds.
time_sqlite3() {
	rm -f "$work/ref.db" "$work/ref.db-wal" "$work/ref.db-shm"
	t0=$(date +%s.%N)
	"$sqlite3" "$work/ref.db" "PRAGMA journal_mode = WAL" \
	    "PRAGMA synchronous = FULL" ".mode csv" ".import $1 t" \
	    >/dev/null || fail "sqlite3 .import $1"
	t1=$(date +%s.%N)
	got=$("$sqlite3" "$work/ref.db" "SELECT count(*) FROM t")
	[ "$got" -eq "$2" ] || fail "sqlite3 .import: $got rows, not $2"
	elapsed "$t0" "$t1"
}

# Time one circle roster import of CSV into a fresh database (made by
# circle init, not timed); prints seconds.
time_circle() {
	rm -rf "$work/c"
	CIRCLE_DB=$work/c/circle.db
	export CIRCLE_DB
	circle init >/dev/null || fail "circle init"
	t0=$(date +%s.%N)
	circle roster import "$1" >"$work/import.out" ||
	    fail "circle roster import $1"
	t1=$(date +%s.%N)
	grep -q "^$2 added, 0 updated, 0 unchanged\$" "$work/import.out" ||
	    fail "circle roster import: $(cat "$work/import.out")"
	elapsed "$t0" "$t1"
}

# repeat RUNS LIMIT COMMAND...: up to RUNS timings, one a line, from
# COMMAND (which prints seconds); stops early once the runs so far took more
# than LIMIT seconds, to keep the bench short.  Runs in this shell, so that
# a failure ends the bench.
repeat() {
	r=$1 limit=$2
	shift 2
	spent=0
	i=0
	while [ "$i" -lt "$r" ]; do
		s=$("$@") || exit 1
		echo "$s"
		spent=$(awk -v a="$spent" -v b="$s" 'BEGIN { print a + b }')
		i=$((i + 1))
		if awk -v a="$spent" -v l="$limit" 'BEGIN { exit !(a > l) }'
		then
			echo "run.sh: $1 $2: stopping after $i runs" \
			    "(${spent}s)" >&2
			break
		fi
	done
}

echo "circle benchmarks: $(circle --version)," \
    "$("$sqlite3" --version 2>/dev/null | cut -d' ' -f1 |
    sed 's/^/sqlite3 /')"
if [ -r /proc/loadavg ]; then
	echo "machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" \
	    "cpus, load $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock timings;" \
	    "a busy machine inflates them)"
fi

gen_roster 10000 >"$work/roster-10k.csv"
gen_roster 100000 >"$work/roster-100k.csv"

# --- roster import, 10,000 people ---
repeat "$runs" 120 time_circle "$work/roster-10k.csv" 10000 >"$work/t"
c10=$(median <"$work/t")
if [ -n "$have_sqlite3" ]; then
	repeat "$runs" 60 time_sqlite3 "$work/roster-10k.csv" 10000 >"$work/t"
	s10=$(median <"$work/t")
	echo "roster-import-10k: circle ${c10}s sqlite3 ${s10}s" \
	    "ratio $(ratio "$c10" "$s10") (target <= 2.0)"
else
	echo "roster-import-10k: circle ${c10}s"
fi

# --- the same-schema floor: pure SQL into circle's tables ---
time_floor() {
	rm -rf "$work/f"
	CIRCLE_DB=$work/f/circle.db
	export CIRCLE_DB
	circle init >/dev/null || fail "circle init"
	t0=$(date +%s.%N)
	"$sqlite3" "$CIRCLE_DB" "PRAGMA synchronous = FULL" ".mode csv" \
	    ".import $1 t" "BEGIN" \
	    "INSERT INTO member (uid, handle, display_name, email, phone,
	    created_at, updated_at) SELECT lower(hex(randomblob(16))),
	    'p-' || rowid, name, email, nullif(phone, ''), '2026-01-01T00:00:00Z',
	    '2026-01-01T00:00:00Z' FROM t" \
	    "INSERT INTO change_log (at, tool, action, entity, uid, member_uid,
	    detail) SELECT '2026-01-01T00:00:00Z', 'sql', 'add', 'member', uid,
	    uid, '{}' FROM member" "DROP TABLE t" "COMMIT" >/dev/null ||
	    fail "sqlite3 same-schema load"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}
if [ -n "$have_sqlite3" ]; then
	repeat "$runs" 60 time_floor "$work/roster-10k.csv" >"$work/t"
	f10=$(median <"$work/t")
	echo "roster-import-10k-same-schema: circle ${c10}s sqlite3" \
	    "${f10}s ratio $(ratio "$c10" "$f10")"
fi

# --- roster import, 100,000 people, and scaling ---
repeat "$bigruns" 60 time_circle "$work/roster-100k.csv" 100000 >"$work/t"
c100=$(median <"$work/t")
if [ -n "$have_sqlite3" ]; then
	repeat "$bigruns" 60 time_sqlite3 "$work/roster-100k.csv" 100000 \
	    >"$work/t"
	s100=$(median <"$work/t")
	echo "roster-import-100k: circle ${c100}s sqlite3 ${s100}s" \
	    "ratio $(ratio "$c100" "$s100")"
else
	echo "roster-import-100k: circle ${c100}s"
fi
echo "roster-import-scaling: circle 100k/10k $(ratio "$c100" "$c10")" \
    "(linear ~10)"

# --- start-up: list the example group's roster ---
rm -rf "$work/small"
CIRCLE_DB=$work/small/circle.db
export CIRCLE_DB
circle init >/dev/null || fail "circle init"
circle group add "Tuesday Evening Circle" >/dev/null || fail "group add"
circle roster import --group tuesday-evening-circle \
    "$srcdir/examples/roster.csv" >/dev/null || fail "roster import"
people=$(circle roster list --format tsv | wc -l)

startup() {
	t0=$(date +%s.%N)
	"$@" >/dev/null || fail "$*"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}
repeat "$startruns" 30 startup circle roster list >"$work/t"
sc=$(median <"$work/t")
repeat "$startruns" 30 startup circle-roster list >"$work/t"
sr=$(median <"$work/t")
line="startup-roster-list: circle ${sc}s circle-roster ${sr}s"
if [ -n "$have_sqlite3" ]; then
	repeat "$startruns" 30 startup "$sqlite3" "$CIRCLE_DB" \
	    "SELECT handle, display_name FROM member" >"$work/t"
	sq=$(median <"$work/t")
	line="$line sqlite3 ${sq}s"
fi
echo "$line (median of $startruns, $people people)"
nsql=$(CIRCLE_TRACE_SQL=1 circle roster list 2>&1 >/dev/null |
    grep -c ': sql: ')
echo "startup-roster-list-statements: $nsql (one header read, the" \
    "connection's pragmas, one query)"

# --- sessions: a ten-year weekly series ---
time_plan() {
	rm -rf "$work/s"
	CIRCLE_DB=$work/s/circle.db
	export CIRCLE_DB
	circle init >/dev/null || fail "circle init"
	circle group add --tz America/Los_Angeles "Long Circle" >/dev/null ||
	    fail "group add"
	t0=$(date +%s.%N)
	circle session plan --every week --on tuesday --at 19:00 \
	    --from 2026-01-06 --count 520 >"$work/plan.out" ||
	    fail "session plan"
	t1=$(date +%s.%N)
	grep -q "^520 added" "$work/plan.out" ||
	    fail "session plan: $(cat "$work/plan.out")"
	elapsed "$t0" "$t1"
}
repeat "$runs" 30 time_plan >"$work/t"
sp=$(median <"$work/t")
time_list() {
	t0=$(date +%s.%N)
	n=$(circle session list --format tsv | wc -l)
	t1=$(date +%s.%N)
	[ "$n" -eq 520 ] || fail "session list: $n sessions, not 520"
	elapsed "$t0" "$t1"
}
CIRCLE_DB=$work/s/circle.db	# the last plan's, made in a subshell
export CIRCLE_DB
repeat "$runs" 30 time_list >"$work/t"
sl=$(median <"$work/t")
echo "sessions-520: plan ${sp}s list ${sl}s (a ten-year weekly series)"

# --- the large database (issue 4): reports and the attendance import ---
#
#  large-db             gen-large.sh at scale 0.1 and 1 (200 groups,
#                       10,000 members, 52,000 sessions, 1,000,000
#                       attendance rows), made once in the temporary
#                       directory: how long it took and what is in it.
#  report-attendance    "circle report attendance --format tsv" on the
#                       scale-1 file against the sqlite3 shell running the
#                       query "circle report attendance --sql" prints
#                       (the same SQL); medians, ratio.  The -0.1x line is
#                       the same on the scale-0.1 file, and -scaling the
#                       time at 1 over the time at 0.1 (indexes working:
#                       about 10).  Without circle-report, the sqlite3
#                       shell's time for a plain per-member aggregate over
#                       the expected view.
#  report-attendance-floor
#                       that plain aggregate (count, attended, excused, last
#                       seen per member and group over the expected view),
#                       one run: what any per-member report costs at least.
#  attend-import-1m     "circle attend import" of the scale-1 attendance as
#                       a 1,000,000-row sign-in CSV (gen-attendance-csv.sh)
#                       into that database with its attendance deleted,
#                       against the sqlite3 shell's .import of the same file
#                       (as roster-import); -100k and -scaling as above;
#                       -same-schema the sqlite3 shell loading the file into
#                       circle's attendance table with one INSERT ... SELECT.
#  export-ics           "circle export ics --all -o FILE" of the scale-1
#                       database (52,000 sessions of 200 weekly series over
#                       five years: 200 repeating events and their
#                       overrides) against building the same calendar
#                       from the same file with python3-icalendar
#                       (ics-python.py, run by /usr/bin/python3; skipped with
#                       a message when the module is missing); medians of
#                       BENCH_RUNS, and the ratio (target >= 5, and circle
#                       well under a second).
#
# BENCH_LARGE=0 skips this section; BENCH_LARGE_RUNS (default 3) is the
# number of runs of each timing at scale 1.
largeruns=${BENCH_LARGE_RUNS:-3}
tab=$(printf '\t')

# Build the large database at scale $1 into $2; prints seconds.
time_gen() {
	rm -f "$2" "$2-wal" "$2-shm"
	t0=$(date +%s.%N)
	SQLITE3=$sqlite3 sh "$srcdir/tests/bench/gen-large.sh" "$builddir" \
	    "$2" "$1" >"$work/gen.out" || fail "gen-large.sh $1"
	t1=$(date +%s.%N)
	awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.1f\n", e - s }'
}

# pair RUNS LIMIT A B: up to RUNS timings of the command A (to $work/ta)
# and of B (to $work/tb), taken in turn so that a change in the machine's
# load touches both; stops once the runs took more than LIMIT seconds.
pair() {
	r=$1 limit=$2 a=$3 b=$4
	: >"$work/ta"
	: >"$work/tb"
	spent=0
	i=0
	while [ "$i" -lt "$r" ]; do
		sa=$($a) || exit 1
		sb=$($b) || exit 1
		echo "$sa" >>"$work/ta"
		echo "$sb" >>"$work/tb"
		spent=$(awk -v a="$spent" -v b="$sa" -v c="$sb" \
		    'BEGIN { print a + b + c }')
		i=$((i + 1))
		if awk -v a="$spent" -v l="$limit" 'BEGIN { exit !(a > l) }'
		then
			break
		fi
	done
}

# The plain aggregate over the expected view, per member and group.
cat >"$work/floor.sql" <<'SQL'
SELECT grp_id, member_id, count(*) AS expected,
    sum(mark IN ('present', 'late', 'left_early')) AS attended,
    sum(mark = 'excused') AS excused,
    max(CASE WHEN mark IN ('present', 'late', 'left_early') THEN day END)
        AS last_seen
FROM expected GROUP BY grp_id, member_id;
SQL

report_db=
time_report() {
	t0=$(date +%s.%N)
	CIRCLE_DB=$report_db circle report attendance --format tsv \
	    >/dev/null || fail "circle report attendance ($report_db)"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}
report_sql=
time_report_sql() {
	t0=$(date +%s.%N)
	"$sqlite3" -separator "$tab" "$report_db" <"$report_sql" \
	    >/dev/null || fail "sqlite3 $report_sql ($report_db)"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}

# the attendance import, of the sheet at scale $import_scale
import_scale=
time_import() {
	rm -rf "$work/i"
	mkdir "$work/i"
	cp "$work/empty-$import_scale.db" "$work/i/circle.db"
	n=$(awk -v s="$import_scale" 'BEGIN { printf "%d\n", s * 1000000 }')
	t0=$(date +%s.%N)
	CIRCLE_DB=$work/i/circle.db circle attend import \
	    "$work/attend-$import_scale.csv" >"$work/import.out" ||
	    fail "circle attend import attend-$import_scale.csv"
	t1=$(date +%s.%N)
	grep -q "^$n marked, 0 unchanged" "$work/import.out" ||
	    fail "circle attend import: $(cat "$work/import.out")"
	elapsed "$t0" "$t1"
}
time_import_sqlite3() {
	n=$(awk -v s="$import_scale" 'BEGIN { printf "%d\n", s * 1000000 }')
	time_sqlite3 "$work/attend-$import_scale.csv" "$n"
}
# the floor: the same rows into circle's own attendance table, one
# INSERT ... SELECT finding each session and person by index, with the
# settings of circle's connection (synchronous FULL, a 32 MiB cache)
time_import_floor() {
	rm -rf "$work/i"
	mkdir "$work/i"
	cp "$work/empty-$import_scale.db" "$work/i/circle.db"
	t0=$(date +%s.%N)
	"$sqlite3" "$work/i/circle.db" "PRAGMA synchronous = FULL" \
	    "PRAGMA cache_size = -32768" \
	    ".mode csv" ".import $work/attend-$import_scale.csv t" "BEGIN" \
	    "INSERT INTO attendance (session_id, member_id, status,
	    created_at, updated_at) SELECT s.id, m.id, t.status,
	    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM t
	    JOIN grp g ON g.handle = t.\"group\"
	    JOIN session s ON s.local_start = t.date || 'T' || t.time
	    AND s.grp_id = g.id JOIN member m ON m.handle = t.handle" \
	    "UPDATE session SET status = 'held' WHERE status = 'scheduled'
	    AND id IN (SELECT session_id FROM attendance)" \
	    "DROP TABLE t" "COMMIT" >/dev/null ||
	    fail "sqlite3 same-schema attendance load"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}

large_reports() {
	# the query of "circle report attendance", if this build has it
	have_report=
	if [ -x "$builddir/circle-report" ] &&
	    CIRCLE_DB=$work/large-0.1.db circle report attendance --sql \
	    >"$work/report.sql" 2>/dev/null &&
	    grep -q SELECT "$work/report.sql"; then
		have_report=1
	fi
	if [ -n "$have_report" ]; then
		# the same rows both ways, once, on the small file
		CIRCLE_DB=$work/large-0.1.db circle report attendance \
		    --format tsv >"$work/report.circle" ||
		    fail "circle report attendance"
		"$sqlite3" -separator "$tab" "$work/large-0.1.db" \
		    <"$work/report.sql" >"$work/report.sqlite3" ||
		    fail "sqlite3 report.sql"
		if ! cmp -s "$work/report.circle" "$work/report.sqlite3"; then
			echo "run.sh: note: circle report attendance and the" \
			    "sqlite3 shell running its --sql differ in" \
			    "output" >&2
		fi
		rows=$(wc -l <"$work/report.circle")
		report_db=$work/large-0.1.db report_sql=$work/report.sql
		pair "$runs" 30 time_report time_report_sql
		rc01=$(median <"$work/ta")
		rs01=$(median <"$work/tb")
		echo "report-attendance-0.1x: circle ${rc01}s sqlite3" \
		    "${rs01}s ratio $(ratio "$rc01" "$rs01") ($rows rows)"
		CIRCLE_DB=$work/large-1.db circle report attendance --sql \
		    >"$work/report.sql" || fail "circle report attendance --sql"
		report_db=$work/large-1.db
		pair "$largeruns" 60 time_report time_report_sql
		rc1=$(median <"$work/ta")
		rs1=$(median <"$work/tb")
		echo "report-attendance: circle ${rc1}s sqlite3 ${rs1}s" \
		    "ratio $(ratio "$rc1" "$rs1") (target <= 1.25)"
		echo "report-attendance-scaling: 1x/0.1x" \
		    "$(ratio "$rc1" "$rc01") (linear ~10)"
		report_sql=$work/floor.sql
		rf1=$(time_report_sql) || exit 1
		rf1=$(echo "$rf1" | median)
		echo "report-attendance-floor: sqlite3 ${rf1}s (a plain" \
		    "per-member aggregate over the expected view; circle's" \
		    "report is $(ratio "$rc1" "$rf1")x that)"
	else
		report_sql=$work/floor.sql
		report_db=$work/large-0.1.db
		repeat "$runs" 30 time_report_sql >"$work/t"
		rs01=$(median <"$work/t")
		report_db=$work/large-1.db
		repeat "$largeruns" 60 time_report_sql >"$work/t"
		rs1=$(median <"$work/t")
		echo "report-attendance: sqlite3 ${rs1}s (a plain" \
		    "per-member aggregate over the expected view; circle" \
		    "report attendance is not built)"
		echo "report-attendance-scaling: sqlite3 1x/0.1x" \
		    "$(ratio "$rs1" "$rs01") (linear ~10)"
	fi
}

large_import() {
	if ! circle-attend --help 2>&1 | grep -q import; then
		echo "attend-import-1m: skipped (circle attend import is" \
		    "not built)"
		return 0
	fi
	# the sign-in sheets, and each database with its attendance
	# deleted and the sessions that only marks made held scheduled again
	for s in 0.1 1; do
		n=$(awk -v s="$s" 'BEGIN { printf "%d\n", s * 1000000 }')
		SQLITE3=$sqlite3 sh \
		    "$srcdir/tests/bench/gen-attendance-csv.sh" \
		    "$n" "$work/attend-$s.csv" "$work/large-$s.db" ||
		    fail "gen-attendance-csv.sh $n"
		cp "$work/large-$s.db" "$work/empty-$s.db"
		"$sqlite3" "$work/empty-$s.db" "DELETE FROM attendance" \
		    "UPDATE session SET status = 'scheduled'
		    WHERE status = 'held' AND headcount IS NULL" "VACUUM" \
		    >/dev/null || fail "emptying large-$s.db"
	done

	import_scale=0.1
	pair "$runs" 30 time_import time_import_sqlite3
	ic01=$(median <"$work/ta")
	is01=$(median <"$work/tb")
	echo "attend-import-100k: circle ${ic01}s sqlite3 ${is01}s" \
	    "ratio $(ratio "$ic01" "$is01")"
	import_scale=1
	pair "$largeruns" 60 time_import time_import_sqlite3
	ic1=$(median <"$work/ta")
	is1=$(median <"$work/tb")
	echo "attend-import-1m: circle ${ic1}s sqlite3 ${is1}s" \
	    "ratio $(ratio "$ic1" "$is1") (target <= 2.0)"
	echo "attend-import-scaling: circle 1m/100k $(ratio "$ic1" "$ic01")" \
	    "(linear ~10)"
	if1=$(time_import_floor) || exit 1
	if1=$(echo "$if1" | median)
	echo "attend-import-1m-same-schema: circle ${ic1}s sqlite3 ${if1}s" \
	    "ratio $(ratio "$ic1" "$if1")"
}

time_export() {
	rm -f "$work/export.ics"
	t0=$(date +%s.%N)
	CIRCLE_DB=$work/large-1.db circle export ics --all \
	    -o "$work/export.ics" || fail "circle export ics"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}
time_export_python() {
	rm -f "$work/export-py.ics"
	t0=$(date +%s.%N)
	/usr/bin/python3 "$srcdir/tests/bench/ics-python.py" \
	    "$work/large-1.db" "$work/export-py.ics" >"$work/py.out" ||
	    fail "ics-python.py"
	t1=$(date +%s.%N)
	elapsed "$t0" "$t1"
}

large_export() {
	if ! circle-export --help 2>&1 | grep -q ' ics '; then
		echo "export-ics: skipped (circle export ics is not built)"
		return 0
	fi
	time_export >/dev/null
	events=$(grep -c '^BEGIN:VEVENT' "$work/export.ics")
	if [ -x /usr/bin/python3 ] &&
	    /usr/bin/python3 -c 'import icalendar, dateutil' 2>/dev/null; then
		pair "$runs" 120 time_export time_export_python
		ec=$(median <"$work/ta")
		ep=$(median <"$work/tb")
		pyevents=$(cat "$work/py.out")
		[ "$pyevents" = "$events" ] || echo "run.sh: note: python" \
		    "made $pyevents events, circle $events" >&2
		echo "export-ics: circle ${ec}s python3-icalendar ${ep}s" \
		    "ratio $(ratio "$ep" "$ec")x faster (target >= 5;" \
		    "$events events for 52,000 sessions)"
	else
		repeat "$runs" 60 time_export >"$work/t"
		ec=$(median <"$work/t")
		echo "export-ics: circle ${ec}s ($events events for 52,000" \
		    "sessions); python3-icalendar: skipped (/usr/bin/python3" \
		    "cannot import icalendar; apt-get install python3-icalendar)"
	fi
}

# --- the workbook (issue 7): circle export xlsx against openpyxl ---
#
#  xlsx-large           "circle export xlsx --all" of the scale-1 database
#                       (200 groups, 1,000,000 attendance rows: a 16,570 by
#                       1,800 grid of marks, 52,000 sessions) against
#                       tests/bench/xlsx-openpyxl.py writing the same sheets
#                       with Python's openpyxl (write_only, the same
#                       styles), from the same database; medians of
#                       BENCH_XLSX_RUNS (default 5), and the ratio (target
#                       >= 10).  The Python line also says how much of its
#                       time went to SQLite.  Skipped, with a message,
#                       without /usr/bin/python3 and openpyxl.
#  xlsx-memory          circle's peak resident memory at scale 0.1 and 1
#                       (median of the same runs; /usr/bin/time -v, or
#                       getrusage through python): target under 64 MB, and
#                       flat (1x/0.1x about 1).
xlsxruns=${BENCH_XLSX_RUNS:-5}

# peak_rss OUT CMD...: run CMD, its stdout to OUT; prints "SECONDS KB"
# (wall-clock time, peak resident set size), "SECONDS nan" when neither
# /usr/bin/time nor python can tell the memory.
peak_rss() {
	_out=$1
	shift
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1
	then
		t0=$(date +%s.%N)
		/usr/bin/time -f %M -o "$work/rss" "$@" >"$_out" ||
		    fail "$*"
		t1=$(date +%s.%N)
		echo "$(elapsed "$t0" "$t1") $(tail -n 1 "$work/rss")"
	elif [ -x /usr/bin/python3 ]; then
		/usr/bin/python3 -c 'import resource, subprocess, sys, time
t = time.time()
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], stdout=out, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.4f %d" % (time.time() - t, r))' "$_out" "$@" || fail "$*"
	else
		t0=$(date +%s.%N)
		"$@" >"$_out" || fail "$*"
		t1=$(date +%s.%N)
		echo "$(elapsed "$t0" "$t1") nan"
	fi
}

xlsx_scale=
time_xlsx() {
	rm -f "$work/x.xlsx"
	peak_rss "$work/x.out" circle-export --db "$work/large-$xlsx_scale.db" \
	    xlsx --all -o "$work/x.xlsx"
	unzip -tq "$work/x.xlsx" >/dev/null 2>&1 ||
	    [ ! -x "$(command -v unzip)" ] || fail "circle export xlsx: bad zip"
}
time_openpyxl() {
	rm -f "$work/p.xlsx"
	r=$(peak_rss "$work/p.out" /usr/bin/python3 \
	    "$srcdir/tests/bench/xlsx-openpyxl.py" \
	    "$work/large-$xlsx_scale.db" "$work/p.xlsx") || exit 1
	echo "$r $(awk '{ print $4 }' "$work/p.out")"
}

# the median of column $1 of the lines of file $2
median_col() {
	awk -v c="$1" '{ print $c }' "$2" | median
}

large_xlsx() {
	if ! circle-export --help 2>&1 | grep -q "export xlsx"; then
		echo "xlsx-large: skipped (circle export xlsx is not built)"
		return 0
	fi
	for xlsx_scale in 0.1 1; do
		: >"$work/tx-$xlsx_scale"
		i=0
		while [ "$i" -lt "$xlsxruns" ]; do
			time_xlsx >>"$work/tx-$xlsx_scale" || exit 1
			i=$((i + 1))
		done
	done
	c01=$(median_col 1 "$work/tx-0.1")
	c1=$(median_col 1 "$work/tx-1")
	m01=$(median_col 2 "$work/tx-0.1")
	m1=$(median_col 2 "$work/tx-1")
	size=$(wc -c <"$work/x.xlsx")
	if [ -x /usr/bin/python3 ] &&
	    /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
		xlsx_scale=1
		: >"$work/tp"
		i=0
		while [ "$i" -lt "$xlsxruns" ]; do
			time_openpyxl >>"$work/tp" || exit 1
			i=$((i + 1))
		done
		p1=$(median_col 1 "$work/tp")
		ps1=$(median_col 3 "$work/tp")
		pm1=$(median_col 2 "$work/tp")
		echo "xlsx-large: circle ${c1}s openpyxl ${p1}s" \
		    "ratio $(ratio "$p1" "$c1") (target >= 10; median of" \
		    "$xlsxruns; openpyxl waited ${ps1}s for SQLite and" \
		    "peaked at $(awk -v k="$pm1" 'BEGIN { printf "%.1f", k / 1024 }')" \
		    "MB; the workbook is $size bytes)"
	else
		echo "xlsx-large: circle ${c1}s (median of $xlsxruns);" \
		    "openpyxl: skipped (no /usr/bin/python3 with openpyxl;" \
		    "Debian: python3-openpyxl)"
	fi
	echo "xlsx-memory: circle peak RSS $(awk -v k="$m01" \
	    'BEGIN { printf "%.1f", k / 1024 }') MB at 0.1x (${c01}s)," \
	    "$(awk -v k="$m1" 'BEGIN { printf "%.1f", k / 1024 }') MB at 1x," \
	    "1x/0.1x $(ratio "$m1" "$m01") (target < 64 MB, flat ~1)"
}

if [ "${BENCH_LARGE:-1}" = 0 ]; then
	echo "large: skipped (BENCH_LARGE=0)"
elif [ -z "$have_sqlite3" ]; then
	echo "large: skipped (no sqlite3 shell)"
else
	g01=$(time_gen 0.1 "$work/large-0.1.db")
	g1=$(time_gen 1 "$work/large-1.db")
	echo "large-db: made in ${g01}s (scale 0.1) and ${g1}s (scale 1):" \
	    "$(sed 's/^scale 1: //' "$work/gen.out")"
	large_reports
	large_export
	large_import
	large_xlsx
fi
