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
