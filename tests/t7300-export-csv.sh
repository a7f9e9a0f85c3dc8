#!/bin/sh
test_description='circle export csv: RFC 4180, formulas neutralised, the tables'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

CR=$(printf '\r')

# rows FILE [COLUMN]: parse FILE as CSV with python; print each row (or
# one column) as a JSON list, one a line.
rows() {
	/usr/bin/python3 -c "import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert all(len(r) == len(rows[0]) for r in rows), rows
for r in rows:
    print(json.dumps(r[int(sys.argv[2])] if len(sys.argv) > 2 else r,
        ensure_ascii=False))" "$@"
}

# crlf FILE: every record ends in CR LF (a bare LF only inside a field).
crlf() {
	/usr/bin/python3 -c "import csv, sys
data = open(sys.argv[1], \"rb\").read()
assert data.endswith(b\"\\r\\n\"), data[-20:]
inner = sum(f.count(\"\\n\") for r in csv.reader(open(sys.argv[1],
    newline=\"\")) for f in r)
assert data.count(b\"\\n\") - data.count(b\"\\r\\n\") == inner, inner" "$1"
}

test_expect_success 'setup: the export scenario, a name with quotes and a newline' '
	export_scenario &&
	circle roster add --group $TC "Quinn \"Q\" O'\''Neil, Jr" >/dev/null &&
	"$SQLITE3" "$CIRCLE_DB" "UPDATE member SET display_name =
	    '\''Line'\'' || char(10) || '\''Break'\'' WHERE handle =
	    '\''cara-c'\''"
'

test_expect_success 'each table: a header, CRLF lines, the same number of fields' '
	for t in members sessions attendance responses followups; do
		circle export csv --all $t >$t.csv &&
		crlf $t.csv &&
		rows $t.csv >/dev/null || exit 1
	done &&
	head -n 1 attendance.csv >head &&
	printf "date,start,group,session,handle,name,mark,expected\r\n" >expect &&
	test_cmp expect head
'

test_expect_success 'text that a spreadsheet would run gets a leading quote' '
	rows attendance.csv 5 | sort -u >names &&
	test_grep -F "\"'\''=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"" names &&
	test_grep -Fx "\"'\''+1\"" names &&
	test_grep -Fx "\"'\''-2\"" names &&
	test_grep -Fx "\"'\''@SUM(A1)\"" names &&
	test_grep -Fx "\"Ana Alvarez\"" names &&
	! grep -q "^=" attendance.csv &&
	! grep -q ",=" attendance.csv &&
	! grep -q ",+1" attendance.csv &&
	! grep -q ",@" attendance.csv
'

test_expect_success 'quotes, commas and newlines round-trip (RFC 4180)' '
	rows members.csv 1 >names &&
	test_grep -Fx "\"Quinn \\\"Q\\\" O'\''Neil, Jr\"" names &&
	test_grep -Fx "\"Line\\nBreak\"" names &&
	test_grep -F "\"Quinn \"\"Q\"\" O'\''Neil, Jr\"" members.csv
'

test_expect_success 'numbers stay numbers: no quote before a negative one' '
	cat >mini.yaml <<-\EOF &&
	key: mini
	title: Mini
	version: 1
	phase: checkout
	questions:
	  - key: delta
	    kind: number
	    prompt: How much has it changed?
	    min: -10
	    max: 10
	EOF
	circle checkin survey add mini.yaml >/dev/null &&
	circle checkin take --group $TC --survey mini 2025-04-01 ana-a \
	    delta=-3 >/dev/null &&
	circle export csv --group $TC responses >r.csv &&
	head -n 1 r.csv >head &&
	test_grep "score,checkin.mood,checkin.distress,checkin.safe,checkin.note,mini.delta" head &&
	test_grep ",checkout,,,,,,-3$CR\$" r.csv &&
	/usr/bin/python3 -c "import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
d = [x[\"mini.delta\"] for x in r if x[\"survey\"] == \"mini\"]
assert d == [\"-3\"], d
" r.csv
'

test_expect_success 'attendance: every expected person at every held session, as the reports count' '
	circle export csv --group $TC attendance >a.csv &&
	/usr/bin/python3 -c "import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
n = {}
for x in r:
    k = (x[\"handle\"], x[\"mark\"])
    n[k] = n.get(k, 0) + 1
assert n[(\"ana-a\", \"present\")] == 1 and n[(\"ana-a\", \"late\")] == 1, n
assert n[(\"ana-a\", \"excused\")] == 1, n
assert n[(\"ben-b\", \"absent\")] == 2 and n[(\"cara-c\", \"absent\")] == 1, n
assert (\"eli-e\", \"absent\") not in n, n
g = [x for x in r if x[\"handle\"] == \"gus-g\"]
assert len(g) == 1 and g[0][\"expected\"] == \"0\", g
print(sum(1 for x in r if x[\"expected\"] == \"1\"))
" a.csv >expected-rows &&
	test_sql "SELECT count(*) FROM expected e JOIN grp g ON
	    g.id = e.grp_id WHERE g.handle = '\''$TC'\''" >want &&
	test_cmp want expected-rows
'

test_expect_success 'sessions: as circle report sessions counts them' '
	circle export csv --group $TC sessions >s.csv &&
	circle report sessions --group $TC --format csv >report.csv &&
	/usr/bin/python3 -c "import csv, sys
a = {x[\"id\"]: x for x in csv.DictReader(open(sys.argv[1], newline=\"\"))}
for r in csv.DictReader(open(sys.argv[2], newline=\"\")):
    x = a.pop(r[\"id\"])
    for k in (\"date\", \"start\", \"status\", \"expected\", \"present\", \"late\",
        \"left_early\", \"excused\", \"absent\", \"headcount\", \"unrecorded\"):
        assert x[k] == r[k], (k, x, r)
assert not a, a
" s.csv report.csv
'

test_expect_success 'members: contacts only with --with-contacts' '
	! grep -e ben@example.org -e 555-0100 -e email members.csv &&
	circle export csv --all --with-contacts members >m.csv &&
	head -n 1 m.csv >head &&
	printf "handle,name,pronouns,status,groups,email,phone,consent\r\n" \
	    >expect &&
	test_cmp expect head &&
	test_grep "^ben-b,Ben Brooks,he/him,active,tuesday-circle,ben@example.org,555-0100,1" m.csv &&
	circle export csv --group $TC members >g.csv &&
	head -n 1 g.csv >head &&
	printf "handle,name,pronouns,status\r\n" >expect &&
	test_cmp expect head
'

test_expect_success '--pseudonymize: codes, no names, no free text' '
	for t in members attendance responses followups; do
		circle export csv --all --pseudonymize $t >p-$t.csv &&
		! grep -i -e alvarez -e brooks -e desai -e ana-a -e ben-b \
		    -e hyperlink -e "better, thanks" -e he/him p-$t.csv ||
		exit 1
	done &&
	test_grep "^member," p-members.csv &&
	test_grep "anonymous" p-responses.csv &&
	! grep note p-responses.csv &&
	! grep note p-followups.csv &&
	rows p-attendance.csv 4 | sed 1d | sort -u >codes &&
	test "$(wc -l <codes)" = 9 &&
	! grep -v "^\"P-[0-9A-Z]\{5\}-[0-9A-Z]\{5\}\"$" codes &&
	circle export csv --all --pseudonymize attendance >again.csv &&
	test_cmp p-attendance.csv again.csv
'

test_expect_success '--from and --to select sessions by local date' '
	circle export csv --group $TC --from 2025-03-05 --to 2025-03-31 \
	    sessions >few.csv &&
	rows few.csv 1 >dates &&
	printf "\"date\"\n\"2025-03-11\"\n\"2025-03-18\"\n\"2025-03-25\"\n" \
	    >expect &&
	test_cmp expect dates
'

test_expect_success '-o writes a 0600 file by rename' '
	circle export csv --all -o out.csv attendance &&
	test_mode out.csv 600 &&
	test_cmp attendance.csv out.csv &&
	ls -a >files && ! grep "^\\.out\\.csv\\." files &&
	echo keep >keep.csv &&
	test_expect_code 2 circle export csv --all -o keep.csv nosuch &&
	test "$(cat keep.csv)" = keep
'

test_lazy_prereq PYTHON3_SYSTEM '/usr/bin/python3 -c "import csv"'

test_expect_success '--bom: a UTF-8 byte-order mark first, for Excel; the rest the same' '
	circle export csv --all --bom members >bom.csv &&
	head -c 3 bom.csv | od -An -tx1 | tr -d " " >mark &&
	echo efbbbf >expect &&
	test_cmp expect mark &&
	circle export csv --all members >plain.csv &&
	tail -c +4 bom.csv >rest.csv &&
	test_cmp plain.csv rest.csv &&
	circle export csv --all --bom -o bom2.csv members &&
	test_cmp bom.csv bom2.csv &&
	test_expect_code 2 circle export xlsx --all --bom -o no.xlsx 2>err &&
	! test -e no.xlsx &&
	test_expect_code 2 circle export csv --all --bom=yes members 2>err &&
	test_grep "^circle-export: csv: --bom=yes: the option takes no value\$" err
'

test_expect_success PYTHON3_SYSTEM '--bom: read by a program that honours the mark, the header is the header' '
	/usr/bin/python3 -c "import csv,sys; r=csv.reader(open(sys.argv[1], encoding=\"utf-8-sig\", newline=\"\")); print(next(r)[0])" bom.csv >first &&
	echo handle >expect &&
	test_cmp expect first
'

test_expect_success 'errors: tables, options' '
	test_expect_code 2 circle export csv --all nosuch 2>err &&
	test_grep "no table \"nosuch\" (tables: members, sessions, attendance, responses, followups)" err &&
	test_expect_code 2 circle export csv --all 2>err &&
	test_expect_code 2 circle export csv attendance 2>err &&
	test_grep "which group" err &&
	test_expect_code 2 circle export csv --all --with-contacts \
	    --pseudonymize members 2>err &&
	test_expect_code 65 circle export csv --all --to 2025-02-30 sessions
'

test_expect_success 'sessions: the online link after the topic, its own or the group'\''s; none pseudonymized' '
	circle group edit --online https://meet.example.org/tuesday $TC &&
	sid=$(test_sql "SELECT min(s.id) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''$TC'\''") &&
	circle session edit --online "https://us06web.zoom.us/j/811?pwd=cGFzcw" \
	    $sid >/dev/null &&
	circle export csv --group $TC sessions >s.csv &&
	head -n 1 s.csv | cut -d , -f 1-8 >head &&
	printf "id,date,start,group,status,topic,online_url,hours\n" >expect &&
	test_cmp expect head &&
	/usr/bin/python3 -c "import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
assert len(rows) == 5, rows
for r in rows:
    want = (\"https://us06web.zoom.us/j/811?pwd=cGFzcw\" if r[\"id\"] == sys.argv[2]
        else \"https://meet.example.org/tuesday\")
    assert r[\"online_url\"] == want, r
" s.csv $sid &&
	circle export csv --group $TC --pseudonymize sessions >p.csv &&
	head -n 1 p.csv | cut -d , -f 1-7 >head &&
	printf "id,date,start,group,status,topic,hours\n" >expect &&
	test_cmp expect head &&
	! grep -e zoom.us -e meet.example.org p.csv &&
	circle export xlsx --group $TC -o online.xlsx &&
	/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[\"Sessions\"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
i = rows[0].index(\"Online\")
assert rows[0][i - 1] == \"Topic\", rows[0]
got = {r[0]: r[i] for r in rows[1:]}
assert got.pop(int(sys.argv[2])) == \"https://us06web.zoom.us/j/811?pwd=cGFzcw\", got
assert set(got.values()) == {\"https://meet.example.org/tuesday\"}, got
" online.xlsx $sid
'

test_done
