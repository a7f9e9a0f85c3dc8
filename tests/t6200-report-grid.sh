#!/bin/sh
test_description='circle report: the figures worked out from the grid are the expected view'"'"'s'
. "$(dirname "$0")/test-lib.sh"

# Attendance, sessions and outreach are worked out in C from each group's
# grid (lib/grid.c).  Here they are compared with the queries over the
# expected view that computed them before (tests/bench/ref-*.sql, what
# --sql printed then), on a random small database: members who join and
# leave (and come back) within the period, guests, inactive people, walk-ins,
# every mark and no row, late sessions crossing midnight in UTC, sessions
# with a headcount only or a headcount and names, cancelled, not held and
# unrecorded ones, and some still to come.  The seed is printed; set
# GRID_SEED to run one again.

REF="$CIRCLE_SRC/tests/bench"
seed=${GRID_SEED:-$(date +%s)}
echo "# seed $seed"

# gen SEED: the SQL of a random database (circle's schema, made by init).
gen() {
	awk -v seed="$1" '
	function pick(n) { return int(rand() * n) }
	function day(n,   t) {	# 2024-01-01 plus n days, as YYYY-MM-DD
		t = "date -u -d \"2024-01-01 +" n " days\" +%F"
		t | getline d
		close(t)
		return d
	}
	function q(s) { return "\047" s "\047" }
	BEGIN {
		srand(seed)
		now = "2026-01-01T00:00:00Z"
		print "BEGIN;"
		ng = 3
		split("UTC America/New_York Asia/Tokyo", tz, " ")
		split("0 -5 9", off, " ")
		for (g = 1; g <= ng; g++)
			printf "INSERT INTO grp (id, uid, handle, name, tzid, " \
			    "created_at, updated_at) VALUES (%d, %s, %s, %s, " \
			    "%s, %s, %s);\n", g, q("g" g), q("group-" g),
			    q("Group " g), q(tz[g]), q(now), q(now)
		split("ana Ana ANA bo Bo cy dee Dee eve fay gus hal ivy jo " \
		    "kim lu max ned oz pia", names, " ")
		nm = 28
		for (m = 1; m <= nm; m++) {
			st = pick(10) == 0 ? "inactive" : "active"
			c = pick(3)
			printf "INSERT INTO member (id, uid, handle, " \
			    "display_name, email, phone, consent, status, " \
			    "created_at, updated_at) VALUES (%d, %s, %s, %s, " \
			    "%s, %s, %s, %s, %s, %s);\n", m, q("m" m),
			    q("p" m), q(names[(m - 1) % 20 + 1] " X"),
			    q("p" m "@example.org"),
			    pick(2) ? q("555-01" m) : "NULL",
			    c == 2 ? "NULL" : c, q(st), q(now), q(now)
			status[m] = st
		}
		# Memberships: a role, a start, maybe an end, maybe a return.
		np = 0
		for (m = 1; m <= nm; m++)
			for (g = 1; g <= ng; g++) {
				if (pick(3) == 0)
					continue
				r = pick(10)
				role = r == 0 ? "guest" : r == 1 ? \
				    "facilitator" : "member"
				j = pick(200)
				l = pick(3) == 0 ? j + 1 + pick(150) : -1
				np++
				printf "INSERT INTO membership (grp_id, " \
				    "member_id, role, joined_on, left_on) " \
				    "VALUES (%d, %d, %s, %s, %s);\n", g, m,
				    q(role), q(day(j)), l < 0 ? "NULL" : \
				    q(day(l))
				mj[g, m, 1] = j
				ml[g, m, 1] = l < 0 ? 99999 : l
				mn[g, m] = 1
				if (l >= 0 && pick(2) == 0) {
					j2 = l + pick(40)
					printf "INSERT INTO membership " \
					    "(grp_id, member_id, role, " \
					    "joined_on) VALUES (%d, %d, %s, " \
					    "%s);\n", g, m, q(role),
					    q(day(j2))
					mj[g, m, 2] = j2
					ml[g, m, 2] = 99999
					mn[g, m] = 2
				}
			}
		# Weekly sessions over 60 weeks, the last ones still to come.
		sid = 0
		for (g = 1; g <= ng; g++)
			for (w = 0; w < 60; w++) {
				sid++
				dd = w * 7 + g
				h = 12 + pick(12)
				utc = h - off[g]
				ud = dd
				if (utc >= 24) { utc -= 24; ud++ }
				if (utc < 0) { utc += 24; ud-- }
				local = sprintf("%sT%02d:30", day(dd), h)
				sa = sprintf("%sT%02d:30:00Z", day(ud), utc)
				ea = sprintf("%sT%02d:59:00Z", day(ud), utc)
				r = pick(20)
				s = w >= 56 ? "scheduled" : r < 14 ? "held" : \
				    r < 16 ? "cancelled" : r < 17 ? \
				    "not_held" : r < 19 ? "scheduled" : "held"
				if (w >= 56)
					sub(/^2024|^2025/, "2031", sa)
				if (w >= 56) {
					sub(/^2024|^2025/, "2031", local)
					sub(/^2024|^2025/, "2031", ea)
				}
				hc = "NULL"
				k = pick(8)
				if (s == "held" && k <= 1)
					hc = 3 + pick(20)
				printf "INSERT INTO session (id, uid, grp_id, " \
				    "starts_at, ends_at, local_start, tzid, " \
				    "status, headcount, created_at, " \
				    "updated_at) VALUES (%d, %s, %d, %s, %s, " \
				    "%s, %s, %s, %s, %s, %s);\n", sid,
				    q("s" sid), g, q(sa), q(ea), q(local),
				    q(tz[g]), q(s), hc, q(now), q(now)
				# A headcount alone (k 0) names no one.
				if (s != "held" && pick(10) != 0 || k == 0)
					continue
				for (m = 1; m <= nm; m++) {
					inn = 0
					for (i = 1; i <= mn[g, m]; i++)
						if (mj[g, m, i] <= dd && \
						    ml[g, m, i] > dd)
							inn = 1
					if (!inn && pick(25) != 0)
						continue
					r = pick(100)
					mk = r < 50 ? "present" : r < 58 ? \
					    "late" : r < 64 ? "left_early" : \
					    r < 72 ? "excused" : r < 80 ? \
					    "absent" : ""
					if (mk == "")
						continue
					printf "INSERT INTO attendance " \
					    "(session_id, member_id, status, " \
					    "created_at, updated_at) VALUES " \
					    "(%d, %d, %s, %s, %s);\n", sid, m,
					    q(mk), q(now), q(now)
				}
			}
		print "COMMIT;"
	}'
}

# ref KIND GID FROM TO LO HI [MISSED CONTACTS]: the reference query, bound.
ref() {
	sed -e "s/0 = 0 OR id = 0/$2 = 0 OR id = $2/g" \
	    -e "s/'0001-01-01'/'$3'/g" -e "s/'9999-12-31'/'$4'/g" \
	    -e "s/'0001'/'$5'/g" -e "s/'9999-99'/'$6'/g" \
	    -e "s/o.missed >= 3/o.missed >= ${7:-3}/" \
	    -e "s/WHEN 0 AND m.consent/WHEN ${8:-0} AND m.consent/g" \
	    "$REF/ref-$1.sql"
}

# same KIND GID FROM TO LO HI MISSED CONTACTS -- ARGS: circle report
# KIND ARGS prints what the reference query does.
same() {
	ref "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" >q.sql &&
	"$SQLITE3" -batch -noheader -separator "$TAB" "$CIRCLE_DB" \
	    <q.sql >want.sql &&
	# Without contacts, outreach has no contact columns at all.
	if [ "$1" = outreach ] && [ "$8" = 0 ]; then
		cut -f 1-6 want.sql >want
	else
		cp want.sql want
	fi &&
	_k=$1 &&
	shift 9 &&
	# Nothing to report exits 1.
	if [ -s want ]; then
		circle report "$_k" "$@" >got
	else
		test_expect_code 1 circle report "$_k" "$@" >got
	fi &&
	test_cmp want got
}

TAB=$(printf '\t')

test_expect_success 'setup: a random database' '
	test_fresh_db &&
	gen "$seed" >gen.sql &&
	test_sql <gen.sql &&
	test "$(circle db check)" = ok &&
	test "$(test_sql "SELECT count(*) FROM attendance")" -gt 300 &&
	test "$(test_sql "SELECT count(DISTINCT status) FROM attendance")" = 5 &&
	test "$(test_sql "SELECT count(DISTINCT status) FROM session")" = 4 &&
	test "$(test_sql "SELECT count(*) FROM membership
	    WHERE left_on IS NOT NULL")" -gt 0
'

test_expect_success 'attendance, sessions: all groups, all dates' '
	for k in attendance sessions; do
		same $k 0 0001-01-01 9999-12-31 0001 9999-99 3 0 -- || exit 1
	done &&
	test -s got
'

test_expect_success 'attendance, sessions: each group, a period' '
	for g in 1 2 3; do
		for k in attendance sessions; do
			same $k $g 2024-03-10 2024-09-20 2024-03-09 \
			    2024-09-22 3 0 -- --group group-$g \
			    --from 2024-03-10 --to 2024-09-20 || exit 1
		done
	done
'

test_expect_success 'attendance: a period crossing the start of the data' '
	same attendance 0 2023-12-01 2024-02-02 2023-11-30 2024-02-04 3 0 \
	    -- --from 2023-12-01 --to 2024-02-02
'

test_expect_success 'outreach: missed in a row, with and without contacts' '
	for n in 1 2 3 5; do
		same outreach 0 0001-01-01 9999-12-31 0001 9999-99 $n 0 -- \
		    --missed $n || exit 1
	done &&
	same outreach 0 0001-01-01 9999-12-31 0001 9999-99 1 1 -- \
	    --missed 1 --with-contacts &&
	same outreach 2 2024-02-01 2024-08-31 2024-01-31 2024-09-02 2 0 -- \
	    --group group-2 --from 2024-02-01 --to 2024-08-31 --missed 2
'

# Monthly and funder are tallied in C from one pass over attendance
# (lib/tally.c): each equals its reference query.
test_expect_success 'monthly: all groups and each group, a period' '
	same monthly 0 0001-01-01 9999-12-31 0001 9999-99 3 0 -- &&
	test -s got &&
	for g in 1 2 3; do
		same monthly $g 2024-03-10 2024-09-20 2024-03-09 2024-09-22 \
		    3 0 -- --group group-$g --from 2024-03-10 \
		    --to 2024-09-20 || exit 1
	done
'

# funder_ref GID FROM TO LO HI: the reference's counts, one per line:
# held, hours, unique, new, contacts, retained (as numbers: the report
# writes 58.0 hours as 58).
funder_ref() {
	sed -n 1p "$REF/ref-funder.sql" |
	sed -e "s/0 = 0 OR id = 0/$1 = 0 OR id = $1/g" \
	    -e "s/'2021-01-01'/'$2'/g" -e "s/'2025-12-31'/'$3'/g" \
	    -e "s/'2020-12-31'/'$4'/g" -e "s/'2026-01-02'/'$5'/g" >f.sql &&
	"$SQLITE3" -batch -noheader -separator "$TAB" "$CIRCLE_DB" <f.sql |
	tr "$TAB" "\n" | awk '{ printf "%.2f\n", $1 }'
}

# funder_got ARGS: circle's, the same six.
funder_got() {
	circle report funder --min-count 0 --format tsv "$@" >f.out &&
	for k in sessions_held service_hours unique_participants \
	    new_participants total_contacts retained; do
		sed -n "s/^$k$TAB//p" f.out || return 1
	done | awk '{ printf "%.2f\n", $1 }'
}

test_expect_success 'funder: the counts of the reference query' '
	for g in 0 1 2 3; do
		if [ $g = 0 ]; then scope=--all; else scope="--group group-$g"; fi &&
		for p in "2024-01-01 2024-12-31 2023-12-31 2025-01-02" \
		    "2024-05-01 2024-08-31 2024-04-30 2024-09-02"; do
			set -- $p &&
			funder_ref $g $1 $2 $3 $4 >want &&
			funder_got $scope --from $1 --to $2 >got &&
			test_cmp want got || exit 1
		done
	done
'

# More groups than one batch of the grid (CIRCLE_GRID_BATCH, 256) take
# their marks from one read of attendance kept for every batch: 520 groups
# with no sessions between the three, so that each is in its own batch.
empty_groups() {
	cat <<-\EOF
	WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
	    WHERE i < 519)
	INSERT INTO grp (id, uid, handle, name, tzid, created_at, updated_at)
	SELECT 100 + i, 'e' || i, printf('group-%d-%03d', 1 + i / 260,
	    i % 260), 'Empty', 'UTC', '2026-01-01T00:00:00Z',
	    '2026-01-01T00:00:00Z' FROM n;
	EOF
}

test_expect_success 'attendance, sessions, outreach: groups in batches' '
	empty_groups | test_sql &&
	test "$(test_sql "SELECT count(*) FROM grp")" = 523 &&
	circle report attendance --sql >sql &&
	grep "kept for every batch" sql &&
	for k in attendance sessions; do
		same $k 0 0001-01-01 9999-12-31 0001 9999-99 3 0 -- || exit 1
	done &&
	same attendance 0 2024-03-10 2024-09-20 2024-03-09 2024-09-22 3 0 \
	    -- --from 2024-03-10 --to 2024-09-20 &&
	same outreach 0 0001-01-01 9999-12-31 0001 9999-99 1 1 -- \
	    --missed 1 --with-contacts
'

test_done
