#!/bin/sh
# run.sh: the benchmarks, run by "make bench"; never part of "make check".
# BENCHMARKS.md (top of the source tree) has the results and what they mean.
#
# Usage: run.sh BUILDDIR SRCDIR
#
# Every workload runs at a base size (1x) and at ten times that (10x), each
# timing BENCH_RUNS times (default 5), circle's and its references' taken
# in turn so that a change in the machine's load touches them alike.  Each
# workload prints a markdown table: the median wall-clock and CPU (user +
# system) seconds at 1x and 10x, each one's cost ratio 10x/1x (linear is
# 10), and circle's time over each reference's; then its targets, met or
# NOT met (by the wall-clock and by the CPU medians; "borderline" when they
# disagree), and the load average while it ran.
#
#  roster       circle roster import of 10,000 (1x) and 100,000 (10x)
#               people into a fresh database, against the sqlite3 shell's
#               .import of the same CSV into a plain table (same WAL and
#               synchronous=FULL settings), and the sqlite3 shell loading
#               it into circle's own schema (member with its indexes, one
#               change-log row each) with two INSERT ... SELECT statements:
#               the floor under circle's import.
#  startup      "circle roster list" of a group of 16 (1x) and 160 (10x):
#               starting a tool, opening the database, one query (10x/1x
#               near 1: the cost is the start, not the data); the same
#               through circle-roster directly and the same SELECT in the
#               sqlite3 shell; and the statements it runs.
#  sessions     planning a weekly series of 520 (1x) and 5,200 (10x)
#               sessions, and listing it; no reference.
#  report       each report on the large database (gen-large.sh) at
#               scale BENCH_BASE (1x, default 1: 200 groups, 10,000
#               members, 52,000 sessions, 1,000,000 attendance rows) and
#               10 x BENCH_BASE (10x): attendance, outreach, sessions,
#               monthly, funder, member and session prep (BENCH_REPORTS
#               picks some), against the query each ran before attendance,
#               sessions and outreach were worked out from the grids
#               (tests/bench/ref-KIND.sql, in the sqlite3 shell with
#               circle's 32 MiB page cache), and for attendance, outreach
#               and sessions a plain per-member aggregate over the expected
#               view; circle's peak memory.
#  ics          "circle export ics --all -o FILE" of the large database
#               (52,000 sessions of 200 weekly series over five years at
#               scale 1) against building the same calendar from the same
#               file with python3-icalendar (ics-python.py, run by
#               /usr/bin/python3; skipped with a message without it).
#  xlsx         "circle export xlsx --all" of the large database (at scale
#               1: 200 groups, 1,000,000 attendance rows: a 16,570 by 1,800
#               grid of marks, 52,000 sessions) against xlsx-openpyxl.py
#               writing the same sheets with Python's openpyxl (write_only,
#               the same styles) from the same database (skipped with a
#               message without /usr/bin/python3 and openpyxl); and the
#               peak resident memory of each (GNU time): circle's is to stay
#               under 64 MB and flat from 1x to 10x.
#  calendar     "circle session import" of a calendar shaped like a Google
#               Calendar export (gen-google-ics.py: 4,800 events at 1x,
#               48,000 at 10x; one-offs, weekly series with overrides,
#               alarms) into a fresh database, against python3-icalendar
#               and recurring_ical_events parsing and expanding the same
#               file (ics-expand.py; skipped without them).
#  icsimport    "circle session import" of circle's own export of the
#               large database (export ics --all: 52,000 sessions in 1,702
#               events at scale 1) into a fresh database, against
#               ics-expand.py on the same file.
#  import       "circle attend import" of the large database's attendance
#               as a sign-in CSV (gen-attendance-csv.sh; 1,000,000 rows at
#               scale 1) into that database with its attendance deleted,
#               against the sqlite3 shell's .import of the same file (as
#               roster), and the sqlite3 shell loading the file into
#               circle's attendance table with one INSERT ... SELECT.
#  network      "circle db extract --all" of the large database and "circle
#               db merge" of it into a new database, against the sqlite3
#               shell ATTACHing the large database and copying the same
#               tables into a new circle database with INSERT ... SELECT;
#               the same file merged again (nothing changes), against
#               the first merge alone (the same file into another new
#               database); the extract alone, plain and sealed (--encrypt).
#  log          "circle log" of the large database (32,055 change-log
#               rows at scale 1): its first page (--limit 50) and all of
#               it, against the sqlite3 shell reading the first 50 rows.
#
# Environment: BENCH_RUNS (default 5) timings of each at each size;
# BENCH_STARTUP_RUNS (default 20) for startup; BENCH_XLSX_RUNS (default 1)
# of openpyxl at 10x (40 minutes each at scale 10); BENCH_ONLY, a list of
# the workloads above to run (default all); BENCH_LARGE=0 skips the large
# database (report, ics, xlsx, import, icsimport, network, log); BENCH_BASE
# (default 1) is the scale of the large database at 1x, 10x being ten times it (BENCH_BASE=0.1 is a
# quick run: 0.1 and 1); SQLITE3 names the sqlite3 shell; BENCH_PERF=0
# leaves out the instruction counts.  Timings come from measure.py
# (python3; without it, wall-clock only).  With perf, each command also
# runs once under "perf stat" at each size: its user-space instructions,
# which hardly move with the machine's load, show whether the work itself
# grows linearly (cycles per instruction grow when the data outgrows the
# CPU's caches).  The 10x large database takes minutes to make and about
# 3 GB of temporary files; the whole run at the default sizes takes hours
# (BENCHMARKS.md).  Nothing outside a temporary directory (TMPDIR) is
# touched.
set -e

if [ $# -ne 2 ]; then
	echo "usage: run.sh BUILDDIR SRCDIR" >&2
	exit 2
fi
builddir=$1
srcdir=$2
runs=${BENCH_RUNS:-5}
startruns=${BENCH_STARTUP_RUNS:-20}
base=${BENCH_BASE:-1}
only=${BENCH_ONLY:-}
nruns=		# the runs of the next rounds, if not BENCH_RUNS
slow=		# the next rounds are of minutes: time them under perf
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
if [ -x /usr/bin/python3 ]; then
	python3=/usr/bin/python3
else
	python3=$(command -v python3 || true)
fi
if [ -z "$python3" ]; then
	echo "run.sh: no python3: wall-clock times only (no CPU times)" >&2
fi
have_perf=
perf_flag=
if [ "${BENCH_PERF:-1}" != 0 ] && [ -n "$python3" ] &&
    perf stat -x, -e instructions:u -o /dev/null -- true >/dev/null 2>&1
then
	have_perf=1
fi
if ! awk -v b="$base" 'BEGIN { exit !(b ~ /^[0-9.]+$/ && b >= 0.02 &&
    b <= 2) }'; then
	echo "run.sh: BENCH_BASE=$base: a scale from 0.02 to 2" >&2
	exit 2
fi
base10=$(awk -v b="$base" 'BEGIN { printf "%g\n", b * 10 }')
# The targets on the large database are set at scale 1: judged at the
# size that is scale 1 (10x when BENCH_BASE=0.1), else at 1x.
if [ "$base10" = 1 ]; then
	at=10
else
	at=1
fi
at_scale=$(if [ "$at" = 10 ]; then echo "$base10"; else echo "$base"; fi)

PATH=$builddir:$PATH
SQLITE3=$sqlite3
export PATH SQLITE3
unset XDG_CONFIG_HOME XDG_DATA_HOME

work=$(mktemp -d "${TMPDIR:-/tmp}/circle-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
umask 077
tab=$(printf '\t')

fail() {
	echo "run.sh: FAILED: $*" >&2
	exit 1
}

# want NAME: whether the workload NAME is to run (BENCH_ONLY)
want() {
	[ -z "$only" ] && return 0
	case " $only " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# seconds between two "date +%s.%N" stamps
elapsed() {
	awk -v s="$1" -v e="$2" 'BEGIN { printf "%.6f\n", e - s }'
}

# the median of the numbers on standard input, one a line; nan if any
# is not a number
median() {
	sort -n | awk '{ v[NR] = $1; if ($1 !~ /^[0-9.]+$/) bad = 1 }
	    END {
		if (NR == 0 || bad) { print "nan"; exit }
		if (NR % 2) m = v[(NR + 1) / 2]
		else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f\n", m
	    }'
}

# med FILE N: the median of column N of FILE
med() {
	awk -v c="$2" '{ print $c }' "$1" | median
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0)
			printf "%.2f\n", a / b
		else
			print "nan" }'
}

load() {
	if [ -r /proc/loadavg ]; then
		cut -d' ' -f1 /proc/loadavg
	else
		echo '?'
	fi
}

# measure [-m] [-i IN] RES OUT CMD...: one timing of CMD (standard input
# from IN, output to OUT), appended to the file RES as "WALL CPU KIB" (the
# peak resident set is CMD's own only with -m: measure.py); a failing CMD
# ends the bench.
measure() {
	_m_in=/dev/null _m_rss=
	while :; do
		case $1 in
		-m)	_m_rss=-m
			shift ;;
		-i)	_m_in=$2
			shift 2 ;;
		*)	break ;;
		esac
	done
	_m_res=$1 _m_out=$2
	shift 2
	if [ -n "$python3" ]; then
		"$python3" "$srcdir/tests/bench/measure.py" $_m_rss $perf_flag \
		    -i "$_m_in" "$_m_out" "$@" >>"$_m_res" || fail "$*"
	else
		_m_t0=$(date +%s.%N)
		"$@" <"$_m_in" >"$_m_out" || fail "$*"
		_m_t1=$(date +%s.%N)
		echo "$(elapsed "$_m_t0" "$_m_t1") nan nan nan" >>"$_m_res"
	fi
}

# rounds X FUNC...: at size X (1 or 10), $nruns (default BENCH_RUNS)
# rounds of each FUNC in turn; "FUNC X RES" appends one timing to RES,
# $work/r-FUNC-X.  Then, with perf, one more round under perf stat for the
# instructions, to $work/r-FUNC-X.instr (perf's own start would blur the
# times of the small ones); with $slow set (a command of minutes), the
# timed rounds run under perf instead.
rounds() {
	_r_x=$1
	shift
	for _r_f in "$@"; do
		: >"$work/r-$_r_f-$_r_x"
	done
	if [ -n "$slow" ] && [ -n "$have_perf" ]; then
		perf_flag=-p
	fi
	_r_n=${nruns:-$runs}
	_r_i=0
	while [ "$_r_i" -lt "$_r_n" ]; do
		for _r_f in "$@"; do
			"$_r_f" "$_r_x" "$work/r-$_r_f-$_r_x"
		done
		_r_i=$((_r_i + 1))
	done
	if [ -n "$perf_flag" ]; then
		for _r_f in "$@"; do
			cp "$work/r-$_r_f-$_r_x" "$work/r-$_r_f-$_r_x.instr"
		done
	elif [ -n "$have_perf" ]; then
		perf_flag=-p
		for _r_f in "$@"; do
			: >"$work/r-$_r_f-$_r_x.instr"
			"$_r_f" "$_r_x" "$work/r-$_r_f-$_r_x.instr"
		done
	fi
	perf_flag=
}

# table [-n] TITLE FUNC:LABEL...: under the heading TITLE (its lines
# joined), the medians of each FUNC at 1x and 10x and its cost ratios 10x/1x
# (of the instructions too, with perf), then (not with -n: no references)
# the first's (circle's) over each other's; rows without timings are left
# out.
table() {
	_t_noref=
	if [ "$1" = -n ]; then
		_t_noref=1
		shift
	fi
	echo
	echo "### $1" | tr '\n' ' ' | sed 's/ $//'
	echo
	echo
	echo "| median of ${nruns:-$runs}, seconds | 1x wall | 1x cpu |" \
	    "10x wall | 10x cpu | 10x/1x wall | 10x/1x cpu | 10x/1x instr |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	shift
	_t_first=
	: >"$work/ratios"
	for _t_spec; do
		_t_f=${_t_spec%%:*}
		[ -s "$work/r-$_t_f-1" ] || continue
		_t_w1=$(med "$work/r-$_t_f-1" 1)
		_t_c1=$(med "$work/r-$_t_f-1" 2)
		_t_w10=$(med "$work/r-$_t_f-10" 1)
		_t_c10=$(med "$work/r-$_t_f-10" 2)
		_t_i=nan
		if [ -s "$work/r-$_t_f-1.instr" ]; then
			_t_i=$(ratio "$(med "$work/r-$_t_f-10.instr" 4)" \
			    "$(med "$work/r-$_t_f-1.instr" 4)")
		fi
		echo "| ${_t_spec#*:} | $_t_w1 | $_t_c1 | $_t_w10 | $_t_c10 |" \
		    "$(ratio "$_t_w10" "$_t_w1") |" \
		    "$(ratio "$_t_c10" "$_t_c1") | $_t_i |"
		if [ -z "$_t_first" ] || [ -n "$_t_noref" ]; then
			_t_first=$_t_f _t_fw1=$_t_w1 _t_fc1=$_t_c1
			_t_fw10=$_t_w10 _t_fc10=$_t_c10
			continue
		fi
		echo "| ${_t_spec#*:}: circle / this |" \
		    "$(ratio "$_t_fw1" "$_t_w1") |" \
		    "$(ratio "$_t_fc1" "$_t_c1") |" \
		    "$(ratio "$_t_fw10" "$_t_w10") |" \
		    "$(ratio "$_t_fc10" "$_t_c10") | | | |" >>"$work/ratios"
	done
	cat "$work/ratios"
	rm -f "$work/ratios"
	echo
}

# target TEXT WALL CPU OP LIMIT: whether a target (WALL and CPU are the
# figures, OP <= or >=) was met, by the wall-clock and by the CPU figure;
# CPU - when there is one figure (memory), WALL
target() {
	awk -v t="$1" -v w="$2" -v c="$3" -v op="$4" -v l="$5" 'BEGIN {
		mw = (op == "<=") ? (w + 0 <= l + 0) : (w + 0 >= l + 0)
		if (c !~ /^[0-9.]+$/) mc = mw
		else mc = (op == "<=") ? (c + 0 <= l + 0) : (c + 0 >= l + 0)
		if (w !~ /^[0-9.]+$/) s = "not measured"
		else if (mw && mc) s = "met"
		else if (!mw && !mc) s = "NOT met"
		else if (mw) s = "borderline: met by wall-clock, not by CPU"
		else s = "borderline: met by CPU, not by wall-clock"
		if (c == "-")
			printf "- target: %s %s %s: %s (%s)\n", t, op, l, s, w
		else
			printf "- target: %s %s %s: %s (wall %s, cpu %s)\n", t,
			    op, l, s, w, c
	}'
}

# m FUNC X N: the median of column N of FUNC's timings at size X
m() {
	med "$work/r-$1-$2" "$3"
}

# vs TEXT A B OP LIMIT [X]: a target on A's median time over B's at size
# X (default 1x)
vs() {
	target "$1" "$(ratio "$(m "$2" "${6:-1}" 1)" "$(m "$3" "${6:-1}" 1)")" \
	    "$(ratio "$(m "$2" "${6:-1}" 2)" "$(m "$3" "${6:-1}" 2)")" "$4" "$5"
}

echo "# circle benchmarks"
echo
echo "- $(circle --version), $("$sqlite3" --version 2>/dev/null |
    cut -d' ' -f1 | sed 's/^/sqlite3 /'), $("${python3:-false}" \
    --version 2>&1 || echo 'no python3')"
echo "- machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cpus" \
    "($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null |
    sed 1q)), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' \
    /proc/meminfo 2>/dev/null), load average $(cut -d' ' -f1-3 \
    /proc/loadavg 2>/dev/null) at the start"
echo "- medians of $runs runs (startup: $startruns); large database at" \
    "scale $base (1x) and $base10 (10x)"

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

# a fresh database at $1 (made by circle init, not timed)
fresh_db() {
	rm -rf "$(dirname "$1")"
	CIRCLE_DB=$1
	export CIRCLE_DB
	circle init >/dev/null || fail "circle init"
}

# --- roster import: 10,000 and 100,000 people ---
roster_n() {
	if [ "$1" = 1 ]; then echo 10000; else echo 100000; fi
}
roster_circle() {
	fresh_db "$work/c/circle.db"
	measure "$2" "$work/import.out" circle roster import \
	    "$work/roster-$1.csv"
	grep -q "^$(roster_n "$1") added, 0 updated, 0 unchanged\$" \
	    "$work/import.out" ||
	    fail "circle roster import: $(cat "$work/import.out")"
}
# sqlite3 .import of CSV $3 into a fresh file, $4 rows, timing to $2
dot_import() {
	rm -f "$work/ref.db" "$work/ref.db-wal" "$work/ref.db-shm"
	measure "$2" /dev/null "$sqlite3" "$work/ref.db" \
	    "PRAGMA journal_mode = WAL" "PRAGMA synchronous = FULL" \
	    ".mode csv" ".import $3 t"
	_got=$("$sqlite3" "$work/ref.db" "SELECT count(*) FROM t")
	[ "$_got" -eq "$4" ] || fail "sqlite3 .import: $_got rows, not $4"
	rm -f "$work/ref.db" "$work/ref.db-wal" "$work/ref.db-shm"
}
roster_sqlite3() {
	dot_import "$1" "$2" "$work/roster-$1.csv" "$(roster_n "$1")"
}
# the same-schema floor: pure SQL into circle's tables
roster_floor() {
	fresh_db "$work/f/circle.db"
	measure "$2" /dev/null "$sqlite3" "$CIRCLE_DB" \
	    "PRAGMA synchronous = FULL" ".mode csv" \
	    ".import $work/roster-$1.csv t" "BEGIN" \
	    "INSERT INTO member (uid, handle, display_name, email, phone,
	    created_at, updated_at) SELECT lower(hex(randomblob(16))),
	    'p-' || rowid, name, email, nullif(phone, ''), '2026-01-01T00:00:00Z',
	    '2026-01-01T00:00:00Z' FROM t" \
	    "INSERT INTO change_log (at, tool, action, entity, uid, member_uid,
	    detail) SELECT '2026-01-01T00:00:00Z', 'sql', 'add', 'member', uid,
	    uid, '{}' FROM member" "DROP TABLE t" "COMMIT"
}

bench_roster() {
	gen_roster 10000 >"$work/roster-1.csv"
	gen_roster 100000 >"$work/roster-10.csv"
	_l0=$(load)
	set -- roster_circle
	if [ -n "$have_sqlite3" ]; then
		set -- "$@" roster_sqlite3 roster_floor
	fi
	rounds 1 "$@"
	rounds 10 "$@"
	table "roster import: 1x 10,000 people, 10x 100,000" \
	    "roster_circle:circle roster import" \
	    "roster_sqlite3:sqlite3 .import, plain table" \
	    "roster_floor:sqlite3, circle's schema"
	if [ -n "$have_sqlite3" ]; then
		vs "circle / sqlite3 .import at 1x (10,000 people)" \
		    roster_circle roster_sqlite3 "<=" 2
	fi
	echo "- load average: $_l0 at the start, $(load) at the end"
	rm -rf "$work/c" "$work/f"
}

# --- start-up: list a group's roster ---
startup_setup() {
	fresh_db "$work/small-$1/circle.db"
	circle group add "Tuesday Evening Circle" >/dev/null ||
	    fail "group add"
	gen_roster "$2" >"$work/small-$1.csv"
	circle roster import --group tuesday-evening-circle \
	    "$work/small-$1.csv" >/dev/null || fail "roster import"
	_n=$(circle roster list --format tsv | wc -l)
	[ "$_n" -eq "$2" ] || fail "roster list: $_n people, not $2"
}
startup_circle() {
	CIRCLE_DB=$work/small-$1/circle.db
	export CIRCLE_DB
	measure "$2" /dev/null circle roster list
}
startup_tool() {
	CIRCLE_DB=$work/small-$1/circle.db
	export CIRCLE_DB
	measure "$2" /dev/null circle-roster list
}
startup_sqlite3() {
	measure "$2" /dev/null "$sqlite3" "$work/small-$1/circle.db" \
	    "SELECT handle, display_name FROM member"
}

bench_startup() {
	startup_setup 1 16
	startup_setup 10 160
	_l0=$(load)
	set -- startup_circle startup_tool
	if [ -n "$have_sqlite3" ]; then
		set -- "$@" startup_sqlite3
	fi
	nruns=$startruns
	rounds 1 "$@"
	rounds 10 "$@"
	table "startup: circle roster list of a group of 16 (1x), 160 (10x)" \
	    "startup_circle:circle roster list" \
	    "startup_tool:circle-roster list" \
	    "startup_sqlite3:sqlite3, the same SELECT"
	nruns=
	CIRCLE_DB=$work/small-1/circle.db
	export CIRCLE_DB
	_nsql=$(CIRCLE_TRACE_SQL=1 circle roster list 2>&1 >/dev/null |
	    grep -c ': sql: ')
	echo "- statements run: $_nsql (one header read, the connection's" \
	    "pragmas, one query)"
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# --- sessions: a weekly series of 520 and 5,200 sessions ---
plan_circle() {
	fresh_db "$work/s-$1/circle.db"
	circle group add --tz America/Los_Angeles "Long Circle" >/dev/null ||
	    fail "group add"
	_n=$((520 * $1))
	measure "$2" "$work/plan.out" circle session plan --every week \
	    --on tuesday --at 19:00 --from 2026-01-06 --count "$_n"
	grep -q "^$_n added" "$work/plan.out" ||
	    fail "session plan: $(cat "$work/plan.out")"
}
list_circle() {
	CIRCLE_DB=$work/s-$1/circle.db
	export CIRCLE_DB
	measure "$2" "$work/list.out" circle session list --format tsv
	_n=$(wc -l <"$work/list.out")
	[ "$_n" -eq $((520 * $1)) ] ||
	    fail "session list: $_n sessions, not $((520 * $1))"
}

bench_sessions() {
	_l0=$(load)
	rounds 1 plan_circle list_circle
	rounds 10 plan_circle list_circle
	table -n "sessions: a weekly series of 520 (1x) and 5,200 (10x)" \
	    "plan_circle:circle session plan" \
	    "list_circle:circle session list"
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# --- calendars: a Google-shaped file, and circle's own export ---

# cal_file X: the Google-shaped calendar of 4,800 x X events
cal_file() {
	echo "$work/google-$1.ics"
}
cal_circle() {
	fresh_db "$work/c-$1/circle.db"
	circle group add --tz America/New_York cal >/dev/null ||
	    fail "group add"
	measure "$2" "$work/cal.out" circle session import --group cal \
	    --until 2066-01-01 "$(cal_file "$1")"
	grep -q "^$((4800 * $1)) events" "$work/cal.out" ||
	    fail "session import: $(cat "$work/cal.out")"
}
cal_python() {
	measure "$2" "$work/calpy.out" /usr/bin/python3 \
	    "$srcdir/tests/bench/ics-expand.py" "$(cal_file "$1")" 2066-01-01
}

have_expand() {
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c \
	    'import icalendar, recurring_ical_events' 2>/dev/null
}

bench_calendar() {
	if [ -z "$python3" ]; then
		echo "calendar: skipped (no python3 to write the calendar)"
		return 0
	fi
	for _x in 1 10; do
		"$python3" "$srcdir/tests/bench/gen-google-ics.py" \
		    $((4800 * _x)) >"$(cal_file "$_x")" ||
		    fail "gen-google-ics.py"
	done
	set -- cal_circle
	if have_expand; then
		set -- "$@" cal_python
	else
		echo "run.sh: calendar: python3-icalendar and" \
		    "recurring_ical_events skipped" >&2
	fi
	_l0=$(load)
	rounds 1 "$@"
	rounds 10 "$@"
	table "session import: a Google-shaped calendar of 4,800 events (1x,
$(wc -c <"$(cal_file 1)") bytes) and 48,000 (10x)" \
	    "cal_circle:circle session import" \
	    "cal_python:python3-icalendar + recurring_ical_events"
	target "circle's seconds at 1x (4,800 events)" \
	    "$(m cal_circle 1 1)" "$(m cal_circle 1 2)" "<=" 0.5
	echo "- load average: $_l0 at the start, $(load) at the end"
	rm -f "$work"/google-*.ics
	rm -rf "$work"/c-1 "$work"/c-10
}

# circle's own export of the large database, imported into a fresh one
icsimport_circle() {
	fresh_db "$work/ci-$1/circle.db"
	circle group add --tz America/New_York all >/dev/null ||
	    fail "group add"
	measure "$2" "$work/ci.out" circle session import --group all \
	    --until 2100-01-01 "$work/own-$1.ics"
	grep -q " events, " "$work/ci.out" ||
	    fail "session import: $(cat "$work/ci.out")"
}
icsimport_python() {
	measure "$2" "$work/cipy.out" /usr/bin/python3 \
	    "$srcdir/tests/bench/ics-expand.py" "$work/own-$1.ics" 2100-01-01
}

bench_icsimport() {
	for _x in 1 10; do
		circle export --db "$work/large-$_x.db" ics --all \
		    -o "$work/own-$_x.ics" || fail "export ics"
	done
	set -- icsimport_circle
	if have_expand; then
		set -- "$@" icsimport_python
	fi
	_l0=$(load)
	rounds 1 "$@"
	rounds 10 "$@"
	table "session import: circle's own export of the large database at
scale $base (1x, $(grep -c '^BEGIN:VEVENT' "$work/own-1.ics") events) and
$base10 (10x)" \
	    "icsimport_circle:circle session import" \
	    "icsimport_python:python3-icalendar + recurring_ical_events"
	echo "- circle at 1x: $(cat "$work/ci.out")"
	if [ -s "$work/r-icsimport_python-1" ]; then
		vs "python / circle at ${at}x (scale $at_scale)" \
		    icsimport_python icsimport_circle ">=" 20 "$at"
	fi
	echo "- load average: $_l0 at the start, $(load) at the end"
	rm -f "$work"/own-*.ics
	rm -rf "$work"/ci-1 "$work"/ci-10
}

# --- the large database (issue 4) ---

# large X SCALE: make $work/large-X.db at SCALE; prints what it holds
large() {
	rm -f "$work/large-$1.db" "$work/large-$1.db-wal" \
	    "$work/large-$1.db-shm"
	: >"$work/r-gen-$1"
	measure "$work/r-gen-$1" "$work/gen.out" \
	    sh "$srcdir/tests/bench/gen-large.sh" "$builddir" \
	    "$work/large-$1.db" "$2"
	echo "- large database $1x: made in $(m gen "$1" 1) s" \
	    "(cpu $(m gen "$1" 2) s, one run): $(cat "$work/gen.out")"
}

# The reports: circle's (with its peak memory); the query it ran before
# it worked attendance, sessions and outreach out from the grids, kept as
# the reference (tests/bench/ref-KIND.sql: what --sql printed then), in the
# sqlite3 shell with circle's 32 MiB page cache; and for the three per-member
# and per-session ones the plain per-member aggregate over the expected
# view (what any report over the view costs at least).  $rk is the report.
rk_circle() {
	CIRCLE_DB=$work/large-$1.db
	export CIRCLE_DB
	case $rk in
	funder)	measure -m "$2" "$work/report.out" circle report funder \
		    --all --from 2021-01-01 --to 2025-12-31 --format tsv ;;
	member)	measure -m "$2" "$work/report.out" circle report member \
		    "$(cat "$work/member-$1")" --format tsv ;;
	prep)	measure -m "$2" "$work/report.out" circle session prep \
		    --format json "$(cat "$work/prep-$1")" ;;
	*)	measure -m "$2" "$work/report.out" circle report "$rk" \
		    --format tsv ;;
	esac
}
rk_ref() {
	measure -i "$work/ref-$rk.sql" "$2" "$work/report.out" \
	    "$sqlite3" -separator "$tab" "$work/large-$1.db"
}
rk_floor() {
	measure -i "$work/floor.sql" "$2" "$work/report.out" \
	    "$sqlite3" -separator "$tab" "$work/large-$1.db"
}

bench_report() {
	if ! circle-report --help 2>&1 | grep -q outreach; then
		echo "report: skipped (circle report is not built)"
		return 0
	fi
	for _k in attendance outreach sessions monthly funder member; do
		{
			echo "PRAGMA cache_size = -32768;"
			cat "$srcdir/tests/bench/ref-$_k.sql"
		} >"$work/ref-$_k.sql"
	done
	# ref-member.sql is member 1's; prep: group 1's last held session
	for _x in 1 10; do
		"$sqlite3" "$work/large-$_x.db" "SELECT handle FROM member
		    WHERE id = 1" >"$work/member-$_x"
		"$sqlite3" "$work/large-$_x.db" "SELECT max(id) FROM session
		    WHERE grp_id = 1 AND status = 'held'" >"$work/prep-$_x"
	done
	# the plain aggregate over the expected view, per member and group
	cat >"$work/floor.sql" <<'SQL'
PRAGMA cache_size = -32768;
SELECT grp_id, member_id, count(*) AS expected,
    sum(mark IN ('present', 'late', 'left_early')) AS attended,
    sum(mark = 'excused') AS excused,
    max(CASE WHEN mark IN ('present', 'late', 'left_early') THEN day END)
        AS last_seen
FROM expected GROUP BY grp_id, member_id;
SQL
	for rk in ${BENCH_REPORTS:-attendance outreach sessions monthly \
	    funder member prep}; do
		bench_report_kind
	done
}

bench_report_kind() {
	rm -f "$work"/r-rk_*
	_fns=rk_circle
	case $rk in
	attendance|outreach|sessions)
		_fns="rk_circle rk_ref rk_floor" ;;
	monthly|funder|member)
		_fns="rk_circle rk_ref" ;;
	esac
	# the same rows both ways, once, at 1x (outreach: no contact columns)
	if [ "$_fns" != rk_circle ]; then
		rk_circle 1 /dev/null
		cp "$work/report.out" "$work/report.circle"
		rk_ref 1 /dev/null
		if [ "$rk" = outreach ]; then
			cut -f 1-6 "$work/report.out" >"$work/report.ref"
		else
			cp "$work/report.out" "$work/report.ref"
		fi
		if [ "$rk" != funder ] &&
		    ! cmp -s "$work/report.circle" "$work/report.ref"; then
			echo "run.sh: note: circle report $rk and its" \
			    "reference SQL differ in output" >&2
		fi
	fi
	_l0=$(load)
	# shellcheck disable=SC2086
	rounds 1 $_fns
	# shellcheck disable=SC2086
	rounds 10 $_fns
	table "report $rk: the large database at scale $base (1x) and
$base10 (10x)" \
	    "rk_circle:circle $(if [ "$rk" = prep ]; then echo session prep;
	    else echo report $rk; fi)" \
	    "rk_ref:sqlite3, the reference SQL" \
	    "rk_floor:sqlite3, a plain aggregate over expected"
	case $_fns in
	*rk_floor*)
		vs "circle / the reference SQL at ${at}x (scale $at_scale)" \
		    rk_circle rk_ref "<=" 0.1 "$at"
		vs "circle / the plain aggregate at ${at}x (scale $at_scale)" \
		    rk_circle rk_floor "<=" 0.2 "$at"
		target "circle, seconds at ${at}x (scale $at_scale)" \
		    "$(m rk_circle "$at" 1)" "$(m rk_circle "$at" 2)" "<=" 1.2
		;;
	*)
		target "circle, seconds at ${at}x (scale $at_scale)" \
		    "$(m rk_circle "$at" 1)" "$(m rk_circle "$at" 2)" "<=" 0.5
		;;
	esac
	target "circle's peak memory at 10x, MB" \
	    "$(awk -v k="$(m rk_circle 10 3)" 'BEGIN { printf "%.1f", k / 1024 }')" \
	    - "<=" 128
	echo "- circle's peak memory: $(mb "$(m rk_circle 1 3)") MB at 1x," \
	    "$(mb "$(m rk_circle 10 3)") MB at 10x" \
	    "($(ratio "$(m rk_circle 10 3)" "$(m rk_circle 1 3)")x)"
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# the export: circle's, and python3-icalendar's
ics_circle() {
	rm -f "$work/export.ics"
	measure "$2" /dev/null circle export --db "$work/large-$1.db" ics \
	    --all -o "$work/export.ics"
}
ics_python() {
	rm -f "$work/export-py.ics"
	measure "$2" "$work/py.out" /usr/bin/python3 \
	    "$srcdir/tests/bench/ics-python.py" "$work/large-$1.db" \
	    "$work/export-py.ics"
}

bench_ics() {
	if ! circle-export --help 2>&1 | grep -q ' ics '; then
		echo "ics: skipped (circle export ics is not built)"
		return 0
	fi
	set -- ics_circle
	if [ -x /usr/bin/python3 ] &&
	    /usr/bin/python3 -c 'import icalendar, dateutil' 2>/dev/null; then
		set -- "$@" ics_python
	else
		echo "run.sh: ics: python3-icalendar skipped" \
		    "(/usr/bin/python3 cannot import icalendar;" \
		    "apt-get install python3-icalendar)" >&2
	fi
	_l0=$(load)
	for _x in 1 10; do
		rounds "$_x" "$@"
		_ev=$(grep -c '^BEGIN:VEVENT' "$work/export.ics")
		eval "_ev$_x=\$_ev"
		if [ -f "$work/py.out" ] &&
		    [ "$(cat "$work/py.out")" != "$_ev" ]; then
			echo "run.sh: note: python made $(cat "$work/py.out")" \
			    "events, circle $_ev" >&2
		fi
		rm -f "$work/py.out"
	done
	table "export ics: the large database at scale $base (1x, $_ev1 events)
and $base10 (10x, $_ev10 events)" \
	    "ics_circle:circle export ics" \
	    "ics_python:python3-icalendar"
	if [ "$at_scale" = 1 ]; then
		target "circle's seconds at ${at}x (52,000 sessions)" \
		    "$(m ics_circle "$at" 1)" "$(m ics_circle "$at" 2)" "<=" 1.0
	fi
	if [ -s "$work/r-ics_python-1" ]; then
		vs "python3-icalendar / circle at ${at}x (scale $at_scale)" \
		    ics_python ics_circle ">=" 5 "$at"
	fi
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# the workbook: circle's, and openpyxl's (which says how long it waited
# for SQLite: "total SECONDS sql SECONDS")
xlsx_circle() {
	rm -f "$work/x.xlsx"
	measure -m "$2" /dev/null circle export --db "$work/large-$1.db" \
	    xlsx --all -o "$work/x.xlsx"
	if command -v unzip >/dev/null 2>&1; then
		unzip -tq "$work/x.xlsx" >/dev/null 2>&1 ||
		    fail "circle export xlsx: not a good zip file"
	fi
}
xlsx_python() {
	rm -f "$work/p.xlsx"
	measure -m "$2" "$work/p.out" /usr/bin/python3 \
	    "$srcdir/tests/bench/xlsx-openpyxl.py" "$work/large-$1.db" \
	    "$work/p.xlsx"
	if [ -z "$perf_flag" ] || [ -n "$slow" ]; then
		awk '{ print $4 }' "$work/p.out" >>"$work/xlsx-sql-$1"
	fi
}

# mb KIB: mebibytes
mb() {
	awk -v k="$1" 'BEGIN { if (k ~ /^[0-9.]+$/) printf "%.1f\n", k / 1024
	    else print "nan" }'
}

bench_xlsx() {
	if ! circle-export --help 2>&1 | grep -q "export xlsx"; then
		echo "xlsx: skipped (circle export xlsx is not built)"
		return 0
	fi
	set -- xlsx_circle
	if [ -x /usr/bin/python3 ] &&
	    /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
		set -- "$@" xlsx_python
	else
		echo "run.sh: xlsx: openpyxl skipped (no /usr/bin/python3" \
		    "with openpyxl; Debian: python3-openpyxl)" >&2
	fi
	# openpyxl takes minutes at scale 1 (40 at scale 10): BENCH_XLSX_RUNS
	# runs of it at 10x (default 1)
	_l0=$(load)
	for _x in 1 10; do
		: >"$work/xlsx-sql-$_x"
		rounds "$_x" xlsx_circle
		eval "_size$_x=\$(wc -c <\"\$work/x.xlsx\")"
		if [ $# -eq 2 ]; then
			slow=1
			if [ "$_x" = 10 ]; then
				nruns=${BENCH_XLSX_RUNS:-1}
			fi
			rounds "$_x" xlsx_python
			slow= nruns=
		fi
	done
	table "export xlsx: the large database at scale $base (1x, a workbook
of $_size1 bytes) and $base10 (10x, $_size10 bytes)" \
	    "xlsx_circle:circle export xlsx" \
	    "xlsx_python:openpyxl (10x: median of ${BENCH_XLSX_RUNS:-1})"
	if [ -s "$work/r-xlsx_python-1" ]; then
		vs "openpyxl / circle at ${at}x (scale $at_scale)" \
		    xlsx_python xlsx_circle ">=" 10 "$at"
	fi
	_m1=$(m xlsx_circle 1 3)
	_m10=$(m xlsx_circle 10 3)
	target "circle's peak resident MB at 1x" "$(mb "$_m1")" - "<=" 64
	target "circle's peak resident MB at 10x" "$(mb "$_m10")" - "<=" 64
	target "circle's peak resident memory 10x/1x (flat)" \
	    "$(ratio "$_m10" "$_m1")" - "<=" 1.25
	if [ -s "$work/r-xlsx_python-1" ]; then
		echo "- openpyxl: peak resident" \
		    "$(mb "$(m xlsx_python 1 3)") MB at 1x," \
		    "$(mb "$(m xlsx_python 10 3)") MB at 10x; of its time," \
		    "$(med "$work/xlsx-sql-1" 1) s (1x) and" \
		    "$(med "$work/xlsx-sql-10" 1) s (10x) waiting for SQLite"
	fi
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# the attendance import: circle's, sqlite3 .import, the same-schema floor
import_n() {
	if [ "$1" = 1 ]; then
		awk -v s="$base" 'BEGIN { printf "%d\n", s * 1000000 + 0.5 }'
	else
		awk -v s="$base10" 'BEGIN { printf "%d\n", s * 1000000 + 0.5 }'
	fi
}
import_circle() {
	rm -rf "$work/i"
	mkdir "$work/i"
	cp "$work/empty-$1.db" "$work/i/circle.db"
	CIRCLE_DB=$work/i/circle.db
	export CIRCLE_DB
	measure "$2" "$work/import.out" circle attend import \
	    "$work/attend-$1.csv"
	grep -q "^$(import_n "$1") marked, 0 unchanged" "$work/import.out" ||
	    fail "circle attend import: $(cat "$work/import.out")"
	rm -rf "$work/i"
}
import_sqlite3() {
	dot_import "$1" "$2" "$work/attend-$1.csv" "$(import_n "$1")"
}
# the same rows into circle's own attendance table, one INSERT ... SELECT
# finding each session and person by index, with the settings of circle's
# connection (synchronous FULL, a 32 MiB cache)
import_floor() {
	rm -rf "$work/i"
	mkdir "$work/i"
	cp "$work/empty-$1.db" "$work/i/circle.db"
	measure "$2" /dev/null "$sqlite3" "$work/i/circle.db" \
	    "PRAGMA synchronous = FULL" "PRAGMA cache_size = -32768" \
	    ".mode csv" ".import $work/attend-$1.csv t" "BEGIN" \
	    "INSERT INTO attendance (session_id, member_id, status,
	    created_at, updated_at) SELECT s.id, m.id, t.status,
	    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM t
	    JOIN grp g ON g.handle = t.\"group\"
	    JOIN session s ON s.local_start = t.date || 'T' || t.time
	    AND s.grp_id = g.id JOIN member m ON m.handle = t.handle" \
	    "UPDATE session SET status = 'held' WHERE status = 'scheduled'
	    AND id IN (SELECT session_id FROM attendance)" \
	    "DROP TABLE t" "COMMIT"
	rm -rf "$work/i"
}

bench_import() {
	if ! circle-attend --help 2>&1 | grep -q import; then
		echo "import: skipped (circle attend import is not built)"
		return 0
	fi
	# the sign-in sheets, and each database with its attendance
	# deleted and the sessions that only marks made held scheduled again
	for _x in 1 10; do
		sh "$srcdir/tests/bench/gen-attendance-csv.sh" \
		    "$(import_n "$_x")" "$work/attend-$_x.csv" \
		    "$work/large-$_x.db" ||
		    fail "gen-attendance-csv.sh $(import_n "$_x")"
		cp "$work/large-$_x.db" "$work/empty-$_x.db"
		"$sqlite3" "$work/empty-$_x.db" "DELETE FROM attendance" \
		    "UPDATE session SET status = 'scheduled'
		    WHERE status = 'held' AND headcount IS NULL" "VACUUM" \
		    >/dev/null || fail "emptying large-$_x.db"
	done
	_l0=$(load)
	rounds 1 import_circle import_sqlite3 import_floor
	rounds 10 import_circle import_sqlite3 import_floor
	table "attend import: a sign-in CSV of $(import_n 1) rows (1x) and
$(import_n 10) (10x)" \
	    "import_circle:circle attend import" \
	    "import_sqlite3:sqlite3 .import, plain table" \
	    "import_floor:sqlite3, circle's schema"
	vs "circle / sqlite3 .import at ${at}x (scale $at_scale)" \
	    import_circle import_sqlite3 "<=" 2 "$at"
	echo "- load average: $_l0 at the start, $(load) at the end"
	rm -f "$work"/attend-*.csv "$work"/empty-*.db
}

# --- circle log: the first page and all of it, on the large database ---
log_first() {
	CIRCLE_DB=$work/large-$1.db
	export CIRCLE_DB
	measure "$2" "$work/log.out" circle log --limit 50 --format tsv
}
log_all() {
	CIRCLE_DB=$work/large-$1.db
	export CIRCLE_DB
	measure "$2" "$work/log.out" circle log --format tsv
}
log_sqlite3() {
	measure "$2" "$work/log.out" "$sqlite3" "$work/large-$1.db" \
	    "SELECT * FROM change_log ORDER BY id DESC LIMIT 50"
}

bench_log() {
	_l0=$(load)
	rounds 1 log_first log_all log_sqlite3
	rounds 10 log_first log_all log_sqlite3
	table -n "log: circle log of the large database" \
	    "log_first:circle log --limit 50 (the first page)" \
	    "log_all:circle log (all of it)" \
	    "log_sqlite3:sqlite3, the newest 50 rows"
	target "the first page at ${at}x (scale $at_scale)" \
	    "$(m log_first "$at" 1)" "$(m log_first "$at" 2)" "<=" 0.1
	echo "- load average: $_l0 at the start, $(load) at the end"
}

# --- network: extract every group, merge it into an empty database ---

# circle: extract every group of the large database and merge it into a
# new database (the coordinator's first merge)
net_circle() {
	rm -rf "$work/n"
	mkdir "$work/n"
	measure "$2" "$work/net.out" sh -c 'circle --db "$1" db extract --all \
	    -o "$2" >/dev/null && circle --db "$3" db merge "$2"' sh \
	    "$work/large-$1.db" "$work/n/all.circle" "$work/n/circle.db"
	grep -q " 0 updated, 0 removed, 0 unchanged, 0 conflicts" "$work/net.out" ||
	    fail "circle db merge: $(tail -n 1 "$work/net.out")"
}
# the same file merged again: nothing changes
net_again() {
	measure "$2" "$work/net.out" circle --db "$work/n/circle.db" db merge \
	    "$work/n/all.circle"
	grep -q ": 0 added, 0 updated, 0 removed, [0-9]* unchanged" "$work/net.out" ||
	    fail "circle db merge again: $(tail -n 1 "$work/net.out")"
}
# the first merge alone: the same file into another new database
net_first() {
	rm -f "$work/n/first.db" "$work/n/first.db-wal" "$work/n/first.db-shm"
	measure "$2" "$work/net.out" circle --db "$work/n/first.db" db merge \
	    "$work/n/all.circle"
	grep -q " 0 updated, 0 removed, 0 unchanged, 0 conflicts" "$work/net.out" ||
	    fail "circle db merge: $(tail -n 1 "$work/net.out")"
}
# the extract alone, plain and sealed (Argon2id's moderate limits)
net_extract() {
	rm -f "$work/n/x.circle"
	measure "$2" /dev/null circle --db "$work/large-$1.db" db extract \
	    --all -o "$work/n/x.circle"
}
net_sealed() {
	rm -f "$work/n/x.circle"
	measure "$2" /dev/null circle --db "$work/large-$1.db" db extract \
	    --all --encrypt --passphrase-file "$work/pass" -o "$work/n/x.circle"
}
# the sqlite3 shell: the same tables copied from the attached file into a
# new circle database with INSERT ... SELECT, circle's connection settings
net_sqlite3() {
	rm -f "$work/n/ref.db" "$work/n/ref.db-wal" "$work/n/ref.db-shm"
	circle --db "$work/n/ref.db" init >/dev/null
	_n_sql=
	for _n_t in grp member membership series session attendance survey \
	    question response answer followup; do
		_n_sql="$_n_sql INSERT INTO $_n_t SELECT * FROM s.$_n_t;"
	done
	measure "$2" /dev/null "$sqlite3" "$work/n/ref.db" \
	    "PRAGMA synchronous = FULL" "PRAGMA cache_size = -32768" \
	    "ATTACH '$work/large-$1.db' AS s" "BEGIN" "$_n_sql" "COMMIT"
}

# one group whose every member joined on one day (20,000 at scale 1),
# merged again, and into a coordinator's database that holds people of
# another group already: made once per size
one_make() {
	_o=$work/o$1
	[ -f "$_o/many.circle" ] && return 0
	mkdir -p "$_o"
	_o_n=$(awk -v b="$base" -v x="$1" 'BEGIN { printf "%d\n", 20000 * b * x }')
	awk -v n="$_o_n" -v p="$2" 'BEGIN { print "Name"
	    for (i = 0; i < n; i++) printf "%s%d Test%d\n", p, i, i }' \
	    >"$_o/$2.csv"
}
one_setup() {
	_o=$work/o$1
	[ -f "$_o/many.circle" ] && return 0
	one_make "$1" Person
	one_make "$1" Other
	circle --db "$_o/f.db" init >/dev/null
	circle --db "$_o/f.db" group add --tz UTC Many >/dev/null
	circle --db "$_o/f.db" roster import --group many "$_o/Person.csv" \
	    >/dev/null
	circle --db "$_o/f.db" db extract -o "$_o/many.circle" >/dev/null
	circle --db "$_o/c.db" db merge "$_o/many.circle" >/dev/null
	circle --db "$_o/p.db" init >/dev/null
	circle --db "$_o/p.db" group add --tz UTC Others >/dev/null
	circle --db "$_o/p.db" roster import --group others "$_o/Other.csv" \
	    >/dev/null
}
one_again() {
	one_setup "$1"
	measure "$2" "$work/one.out" circle --db "$work/o$1/c.db" db merge \
	    "$work/o$1/many.circle"
	grep -q "^membership *0 added, 0 updated, 0 removed" "$work/one.out" ||
	    fail "circle db merge (one group) again: $(tail -n 1 "$work/one.out")"
}
one_into() {
	one_setup "$1"
	rm -f "$work/o$1/q.db" "$work/o$1/q.db-wal" "$work/o$1/q.db-shm"
	cp "$work/o$1/p.db" "$work/o$1/q.db"
	measure "$2" "$work/one.out" circle --db "$work/o$1/q.db" db merge \
	    "$work/o$1/many.circle"
	grep -q "^member *[0-9]* added" "$work/one.out" ||
	    fail "circle db merge (one group) into people: $(tail -n 1 "$work/one.out")"
}

bench_network() {
	if ! circle-db --help 2>&1 | grep -q extract; then
		echo "network: skipped (circle db extract is not built)"
		return 0
	fi
	printf 'a passphrase for the benchmark\n' >"$work/pass"
	_l0=$(load)
	# net_again and net_first after net_circle: they merge its file
	rounds 1 net_circle net_again net_first net_sqlite3 net_extract \
	    net_sealed
	rounds 10 net_circle net_again net_first net_sqlite3 net_extract \
	    net_sealed
	table "network: every group of the large database extracted and merged
into an empty database, at scale $base (1x) and $base10 (10x)" \
	    "net_circle:circle db extract --all, then db merge" \
	    "net_sqlite3:sqlite3 ATTACH, INSERT ... SELECT"
	table -n "network: merging the same file again, and extracting plain
and sealed" \
	    "net_first:circle db merge into a new database" \
	    "net_again:circle db merge, again" \
	    "net_extract:circle db extract --all" \
	    "net_sealed:circle db extract --all --encrypt"
	rounds 1 one_again one_into
	rounds 10 one_again one_into
	table -n "network: one group of 20,000 people (at scale 1) who all
joined on one day, merged again, and into a database of 20,000 others" \
	    "one_again:circle db merge, again" \
	    "one_into:circle db merge into a database with people"
	vs "extract and merge / sqlite3 INSERT ... SELECT at ${at}x (scale $at_scale)" \
	    net_circle net_sqlite3 "<=" 2 "$at"
	vs "merge again / first merge at ${at}x" net_again net_first "<=" \
	    0.25 "$at"
	vs "sealed / plain extract at ${at}x" net_sealed net_extract "<=" \
	    1.10 "$at"
	echo "- load average: $_l0 at the start, $(load) at the end"
	rm -rf "$work/n"
}

if want roster; then
	bench_roster
fi
if want startup; then
	bench_startup
fi
if want sessions; then
	bench_sessions
fi
if want calendar; then
	bench_calendar
fi

if ! want report && ! want ics && ! want xlsx && ! want import &&
    ! want icsimport && ! want network && ! want log; then
	:
elif [ "${BENCH_LARGE:-1}" = 0 ]; then
	echo
	echo "large database: skipped (BENCH_LARGE=0)"
elif [ -z "$have_sqlite3" ]; then
	echo
	echo "large database: skipped (no sqlite3 shell)"
else
	echo
	echo "### the large database (gen-large.sh)"
	echo
	large 1 "$base"
	large 10 "$base10"
	if want report; then
		bench_report
	fi
	if want ics; then
		bench_ics
	fi
	if want xlsx; then
		bench_xlsx
	fi
	if want import; then
		bench_import
	fi
	if want icsimport; then
		bench_icsimport
	fi
	if want network; then
		bench_network
	fi
	if want log; then
		bench_log
	fi
fi
