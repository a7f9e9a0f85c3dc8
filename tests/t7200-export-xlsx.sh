#!/bin/sh
test_description='circle export xlsx and signin: read back with openpyxl'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

# py SCRIPT ARGS...: a python check (openpyxl), sys.argv[1:] the arguments.
py() {
	_script=$1
	shift
	/usr/bin/python3 -c "$_script" "$@"
}

# Names and handles that must never be in a pseudonymized export.
cat >names <<EOF
Ana Alvarez
Ben Brooks
Cara Chen
Dev Desai
Gus Green
ana-a
ben-b
dev-d
gus-g
HYPERLINK
SUM(A1)
ben@example.org
he/him
better, thanks
EOF

test_expect_success 'setup: the export scenario' '
	export_scenario
'

test_expect_success 'xlsx -o writes a 0600 file by rename, nothing left beside it' '
	circle export xlsx --group $TC -o book.xlsx &&
	test_mode book.xlsx 600 &&
	unzip -l book.xlsx >list &&
	test_grep "xl/worksheets/sheet6.xml" list &&
	ls -a >files &&
	! grep "^\\.book\\.xlsx\\." files
'

test_expect_success 'xlsx without -o goes down a pipe' '
	circle export xlsx --group $TC | cat >piped.xlsx &&
	head -c 2 piped.xlsx >magic &&
	printf PK >expect &&
	test_cmp expect magic &&
	unzip -tq piped.xlsx
'

test_expect_success 'no formula in any sheet, and user text as strings' '
	rm -rf unz && mkdir unz && (cd unz && unzip -q ../book.xlsx) &&
	! grep -l "<f>" unz/xl/worksheets/*.xml &&
	! grep -l "<f " unz/xl/worksheets/*.xml &&
	! grep -l "hyperlink" unz/xl/worksheets/_rels/*.rels 2>/dev/null
'

if ! test_have_python_module openpyxl; then
	for t in 'openpyxl opens it: the sheets, in order' \
	    'Attendance: the matrix, and the figures of circle report attendance' \
	    'Sessions: the figures of circle report sessions' \
	    'Summary: the figures of circle report funder' \
	    'Check-ins and Follow-ups: a row each, a chart' \
	    'names a spreadsheet takes for formulas are plain text cells' \
	    'Roster: contacts only with --with-contacts' \
	    '--pseudonymize: codes everywhere, no name in any byte' \
	    'a big workbook is streamed (constant_memory) and reads the same' \
	    'signin: landscape, one page wide, the header on every page'; do
		test_skip "$t" 'no python3 openpyxl'
	done
else

test_expect_success 'openpyxl opens it: the sheets, in order' '
	py "import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == [\"Summary\", \"Attendance\", \"Sessions\",
    \"Roster\", \"Check-ins\", \"Follow-ups\"], wb.sheetnames
at = wb[\"Attendance\"]
assert at.freeze_panes == \"B2\", at.freeze_panes
assert at.auto_filter.ref == \"A1:K10\", at.auto_filter.ref
for s in (\"Sessions\", \"Roster\", \"Check-ins\", \"Follow-ups\"):
    assert wb[s].auto_filter.ref is not None, s
    assert wb[s].freeze_panes is not None, s
" book.xlsx
'

test_expect_success 'Attendance: the matrix, and the figures of circle report attendance' '
	circle report attendance --group $TC --json >report.json &&
	py "import datetime, json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[\"Attendance\"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
head = rows[0]
assert head[:8] == [\"Name\", \"Rate\", \"Attended\", \"Expected\", \"Excused\",
    \"Absent\", \"Last seen\", \"Missed in a row\"], head
days = head[8:]
assert days == [datetime.datetime(2025, 3, 4), datetime.datetime(2025, 3, 11),
    datetime.datetime(2025, 4, 1)], days
got = {r[0]: r for r in rows[1:]}
assert got[\"Ana Alvarez\"][8:] == [\"P\", \"E\", \"L\"], got[\"Ana Alvarez\"]
assert got[\"Dev Desai\"][8:] == [\"P\", \"A\", None], got[\"Dev Desai\"]
assert got[\"Cara Chen\"][8:] == [None, None, \"A\"], got[\"Cara Chen\"]
assert got[\"Gus Green\"][8:] == [None, \"P\", None], got[\"Gus Green\"]
assert \"Eli Evans\" not in got, got.keys()
assert ws[\"I2\"].value == \"P\", ws[\"I2\"].value
assert ws[\"I2\"].fill.fgColor.rgb.endswith(\"C6EFCE\"), ws[\"I2\"].fill
assert ws[\"J2\"].fill.fgColor.rgb.endswith(\"FFC7CE\"), ws[\"J2\"].fill
for r in json.load(open(sys.argv[2])):
    g = got.pop(r[\"name\"])
    seen = None if r[\"last_seen\"] is None else datetime.datetime.strptime(
        r[\"last_seen\"], \"%Y-%m-%d\")
    want = [r[\"rate\"], r[\"attended\"], r[\"expected\"], r[\"excused\"],
        r[\"absent\"], seen, r[\"missed_in_a_row\"]]
    assert g[1:8] == want, (g, want)
assert not got, got
" book.xlsx report.json
'

test_expect_success 'Sessions: the figures of circle report sessions' '
	circle report sessions --group $TC --format csv >sessions.csv &&
	py "import csv, datetime, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
rows = [[c.value for c in r] for r in wb[\"Sessions\"].iter_rows()]
head = rows[0]
col = {h: i for i, h in enumerate(head)}
got = {r[0]: r for r in rows[1:]}
n = 0
for r in csv.DictReader(open(sys.argv[2], newline=\"\")):
    g = got[int(r[\"id\"])]
    assert g[col[\"Date\"]] == datetime.datetime.strptime(r[\"date\"],
        \"%Y-%m-%d\"), g
    assert g[col[\"Start\"]] == datetime.time(19, 30), g
    assert g[col[\"Status\"]] == r[\"status\"], g
    for h, k in ((\"Expected\", \"expected\"), (\"Present\", \"present\"),
        (\"Late\", \"late\"), (\"Left early\", \"left_early\"),
        (\"Excused\", \"excused\"), (\"Absent\", \"absent\"),
        (\"Headcount\", \"headcount\")):
        want = None if r[k] == \"\" else int(r[k])
        assert g[col[h]] == want, (h, g, r)
    assert g[col[\"Unrecorded\"]] == (r[\"unrecorded\"] == \"1\"), g
    n += 1
assert n == len(got) == 5, (n, got)
assert got[1][col[\"Topic\"]] == \"Boundaries, part 1\", got[1]
assert got[1][col[\"Check-ins (checkin)\"]] == 3, got[1]
assert abs(got[1][col[\"Average score (checkin)\"]] - 14 / 3) < 1e-9, got[1]
assert got[2][col[\"Attendance\"]] == 1 and got[3][col[\"Attendance\"]] is None
" book.xlsx sessions.csv
'

test_expect_success 'Summary: the figures of circle report funder' '
	circle report funder --all --from 2025-03-01 --to 2025-04-30 \
	    --min-count 0 --json >funder.json &&
	circle export xlsx --all --from 2025-03-01 --to 2025-04-30 -o all.xlsx &&
	py "import datetime, json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
v = {}
for r in wb[\"Summary\"].iter_rows(values_only=True):
    if r[0] is not None:
        v[r[0]] = r[1]
f = json.load(open(sys.argv[2]))
assert v[\"Groups\"] == \"All groups (2)\", v
assert v[\"From\"] == datetime.datetime(2025, 3, 1), v
assert v[\"To\"] == datetime.datetime(2025, 4, 30), v
pairs = ((\"Sessions held\", \"sessions_held\"),
    (\"Service hours (length of the sessions held)\", \"service_hours\"),
    (\"Unique participants\", \"unique_participants\"),
    (\"New participants (none of these groups\x27 sessions before)\",
        \"new_participants\"),
    (\"Total attendances\", \"total_contacts\"),
    (\"Average attendance per session\", \"average_attendance\"),
    (\"Retention (share who came 3 times or more)\", \"retention\"),
    (\"Average check-in change (checkin)\", \"checkin_change_checkin\"),
    (\"People with two check-ins or more (checkin)\",
        \"checkin_people_checkin\"))
for label, key in pairs:
    assert v[label] == f[key], (label, v[label], f[key])
assert isinstance(v[\"Exported (UTC)\"], datetime.datetime), v
months = [r for r in wb[\"Summary\"].iter_rows(values_only=True)
    if isinstance(r[0], datetime.datetime) and r[0].day == 1 and
    isinstance(r[1], int)]
assert [(m[0].month, m[1], m[2]) for m in months] == [(3, 3, 15),
    (4, 2, 6)], months
" all.xlsx funder.json &&
	rm -rf unz2 && mkdir unz2 && (cd unz2 && unzip -q ../all.xlsx) &&
	test_grep "<c:barChart>" unz2/xl/charts/chart1.xml &&
	test_grep "Attendance per month" unz2/xl/charts/chart1.xml &&
	test_grep "<c:lineChart>" unz2/xl/charts/chart2.xml &&
	test_grep "tuesday-circle (checkin)" unz2/xl/charts/chart2.xml &&
	! grep "open-door (checkin)" unz2/xl/charts/chart2.xml
'

test_expect_success 'Check-ins and Follow-ups: a row each, a chart' '
	py "import datetime, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(wb[\"Check-ins\"].iter_rows(values_only=True))
assert rows[0] == (\"Date\", \"Group\", \"Session\", \"Handle\", \"Name\",
    \"Survey\", \"Phase\", \"Score\", \"mood\", \"distress\", \"safe\",
    \"note\"), rows[0]
assert len(rows) == 7, rows
assert rows[1][:5] == (datetime.datetime(2025, 3, 4), \"tuesday-circle\", 1,
    \"ana-a\", \"Ana Alvarez\"), rows[1]
assert rows[1][7:11] == (4, 4, 6, \"yes\"), rows[1]
anon = [r for r in rows if r[4] == \"anonymous\"]
assert len(anon) == 1 and anon[0][3] is None and anon[0][7] == 7, anon
assert rows[5][11] == \"better, thanks\", rows[5]
f = list(wb[\"Follow-ups\"].iter_rows(values_only=True))
assert len(f) == 2, f
assert isinstance(f[1][0], datetime.datetime), f
assert f[1][2] == datetime.datetime(2025, 3, 4) and f[1][4] == \"Dev Desai\", f
assert f[1][7] == \"open\", f
" book.xlsx &&
	test_grep "<c:lineChart>" unz/xl/charts/chart2.xml &&
	test_grep "Average check-in score per session" unz/xl/charts/chart2.xml &&
	test_grep -F "Sessions!\$B\$2:\$B\$6" unz/xl/charts/chart2.xml &&
	test_grep -F "Sessions!\$R\$2:\$R\$6" unz/xl/charts/chart2.xml
'

test_expect_success 'names a spreadsheet takes for formulas are plain text cells' '
	py "import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
want = {\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"+1\", \"-2\", \"@SUM(A1)\"}
for s in (\"Attendance\", \"Roster\"):
    seen = set()
    for row in wb[s].iter_rows():
        c = row[0]
        if c.value in want:
            assert c.data_type == \"s\", (s, c.value, c.data_type)
            seen.add(c.value)
    assert seen == want, (s, seen)
" book.xlsx
'

test_expect_success 'Roster: contacts only with --with-contacts' '
	! unzip -p book.xlsx | grep -a -e ben@example.org -e 555-0100 &&
	circle export xlsx --group $TC --with-contacts -o contacts.xlsx &&
	py "import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(wb[\"Roster\"].iter_rows(values_only=True))
assert rows[0][-3:] == (\"Email\", \"Phone\", \"Consent to contact\"), rows[0]
ben = [r for r in rows if r[0] == \"Ben Brooks\"][0]
assert ben[-3:] == (\"ben@example.org\", \"555-0100\", True), ben
" contacts.xlsx
'

test_expect_success '--pseudonymize: codes everywhere, no name in any byte' '
	circle export xlsx --all --pseudonymize -o pseudo.xlsx &&
	circle export xlsx --all --pseudonymize -o pseudo2.xlsx &&
	py "import sys, zipfile
names = [l.strip() for l in open(sys.argv[2]) if l.strip()]
for n in names:
    for f in sys.argv[1], sys.argv[3]:
        z = zipfile.ZipFile(f)
        for i in z.infolist():
            assert n.encode() not in z.read(i), (n, f, i.filename)
" pseudo.xlsx names pseudo2.xlsx &&
	circle export csv --all --pseudonymize attendance >pseudo.csv &&
	py "import csv, openpyxl, re, sys
def codes(f):
    wb = openpyxl.load_workbook(f)
    c = {}
    for s in (\"Attendance\", \"Roster\", \"Check-ins\", \"Follow-ups\"):
        ws = wb[s]
        head = [x.value for x in ws[1]]
        k = head.index(\"Member\")
        c[s] = [r[k] for r in ws.iter_rows(min_row=2, values_only=True)]
    return c
a, b = codes(sys.argv[1]), codes(sys.argv[2])
assert a == b, (a, b)
pat = re.compile(r\"^P-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$\")
for s, l in a.items():
    for x in l:
        assert x == \"anonymous\" or pat.match(x), (s, x)
assert set(a[\"Check-ins\"]) - {\"anonymous\"} <= set(a[\"Attendance\"])
assert set(a[\"Follow-ups\"]) <= set(a[\"Attendance\"])
assert len(set(a[\"Attendance\"])) == len(a[\"Attendance\"]) == 9, a
csvcodes = {r[\"member\"] for r in csv.DictReader(open(sys.argv[3],
    newline=\"\"))}
assert csvcodes == set(a[\"Attendance\"]), (csvcodes, a[\"Attendance\"])
assert a[\"Attendance\"] == sorted(a[\"Attendance\"]), a
" pseudo.xlsx pseudo2.xlsx pseudo.csv
'

test_expect_success 'a big workbook is streamed (constant_memory) and reads the same' '
	SQLITE3="$SQLITE3" sh "$CIRCLE_SRC/tests/bench/gen-large.sh" \
	    "$CIRCLE_BUILD" big.db 0.03 >/dev/null &&
	circle-export --db big.db xlsx --all -o big.xlsx &&
	unzip -p big.xlsx xl/worksheets/sheet2.xml | head -c 100000 >sheet2 &&
	test_grep "t=\"inlineStr\"" sheet2 &&
	! unzip -l big.xlsx | grep sharedStrings &&
	circle-report --db big.db attendance --format csv >big-report.csv &&
	circle-report --db big.db funder --all --from 2000-01-01 \
	    --to 2099-12-31 --min-count 0 --json >big-funder.json &&
	py "import csv, json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb[\"Attendance\"]
got = list(ws.iter_rows(min_row=2, max_col=10, values_only=True))
want = list(csv.DictReader(open(sys.argv[2], newline=\"\")))
assert len(got) == len(want), (len(got), len(want))
n = 0
for g, r in zip(got, want):
    assert (g[1], g[0]) == (r[\"group\"], r[\"name\"]), (g, r)
    rate = None if r[\"rate\"] == \"\" else float(r[\"rate\"])
    assert list(g[2:7]) == [rate, int(r[\"attended\"]), int(r[\"expected\"]),
        int(r[\"excused\"]), int(r[\"absent\"])], (g, r)
    assert g[8] == int(r[\"missed_in_a_row\"]), (g, r)
    n += 1
assert n > 300, n
v = {}
for r in wb[\"Summary\"].iter_rows(max_col=2, values_only=True):
    if r[0] is not None:
        v[r[0]] = r[1]
f = json.load(open(sys.argv[3]))
assert v[\"Sessions held\"] == f[\"sessions_held\"], (v, f)
assert v[\"Unique participants\"] == f[\"unique_participants\"], (v, f)
assert v[\"Total attendances\"] == f[\"total_contacts\"], (v, f)
assert v[\"Retention (share who came 3 times or more)\"] == f[\"retention\"]
" big.xlsx big-report.csv big-funder.json
'

test_expect_success 'control characters, bad UTF-8 and huge text still make a workbook' '
	cp "$CIRCLE_DB" odd.db &&
	"$SQLITE3" odd.db "UPDATE member SET display_name = '\''Ctl'\'' ||
	    char(1) || char(27) || '\''X'\'' || CAST(x'\''ff'\'' AS TEXT) ||
	    '\''Y'\'' WHERE handle = '\''ben-b'\''" &&
	"$SQLITE3" odd.db "UPDATE session SET topic = (WITH RECURSIVE
	    c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 4000)
	    SELECT group_concat('\''abcdefghé'\'', '\'''\'') FROM c)
	    WHERE local_start LIKE '\''2025-03-04%'\''" &&
	circle export xlsx --db odd.db --group $TC -o odd.xlsx &&
	py "import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
names = [r[0] for r in wb[\"Attendance\"].iter_rows(values_only=True)]
odd = [n for n in names if n and n.startswith(\"Ctl\")]
assert len(odd) == 1 and odd[0].endswith(\"X\\ufffdY\"), odd
topic = wb[\"Sessions\"][\"F2\"].value
assert len(topic) == 32767 and topic.startswith(\"abcdefghé\"), len(topic)
" odd.xlsx
'

test_expect_success 'two sessions on a day: a column each, in order' '
	cp "$CIRCLE_DB" two.db &&
	circle session add --db two.db --group $TC 2025-04-01 21:00 \
	    >/dev/null &&
	circle attend mark --db two.db --group $TC "2025-04-01 21:00" \
	    ben-b >/dev/null &&
	circle export xlsx --db two.db --group $TC -o two.xlsx &&
	py "import datetime, openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[\"Attendance\"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
d = datetime.datetime
assert rows[0][8:] == [d(2025, 3, 4), d(2025, 3, 11), d(2025, 4, 1),
    d(2025, 4, 1)], rows[0]
got = {r[0]: r[8:] for r in rows[1:]}
assert got[\"Ben Brooks\"] == [\"P\", \"A\", \"A\", \"P\"], got
assert got[\"Ana Alvarez\"] == [\"P\", \"E\", \"L\", \"A\"], got
" two.xlsx
'

test_expect_success 'signin: landscape, one page wide, the header on every page' '
	circle session add --group $TC 2030-01-08 19:30 >/dev/null &&
	circle export signin --group $TC --blank 5 -o signin.xlsx 2030-01-08 &&
	test_mode signin.xlsx 600 &&
	py "import datetime, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
assert ws.page_setup.orientation == \"landscape\", ws.page_setup.orientation
assert ws.sheet_properties.pageSetUpPr.fitToPage, \"fit to page\"
assert ws.page_setup.fitToWidth in (1, None), ws.page_setup.fitToWidth
assert ws.page_setup.fitToHeight == 0, ws.page_setup.fitToHeight
rows = list(ws.iter_rows(values_only=True))
assert rows[0][0] == \"Tuesday Circle\", rows[0]
assert rows[1][1] == datetime.datetime(2030, 1, 8), rows[1]
h = [i for i, r in enumerate(rows) if r[:2] == (\"#\", \"Name\")][0]
assert ws.print_title_rows == \"$%d:$%d\" % (h + 1, h + 1), ws.print_title_rows
names = [r[1] for r in rows[h + 1:]]
people = sorted(n for n in names if n)
assert len(names) == len(people) + 5, names
assert \"Ana Alvarez\" in people and \"Cara Chen\" in people, people
for n in (\"Dev Desai\", \"Eli Evans\", \"Gus Green\"):
    assert n not in people, n
assert [r[0] for r in rows[h + 1:]] == list(range(1, len(names) + 1))
want = {\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"+1\", \"-2\", \"@SUM(A1)\"}
seen = set()
for row in ws.iter_rows(min_row=h + 2):
    if row[1].value in want:
        assert row[1].data_type == \"s\", row[1]
        seen.add(row[1].value)
assert seen == want, seen
" signin.xlsx
'

fi

test_expect_success 'signin of an unknown session fails, and writes nothing' '
	test_expect_code 1 circle export signin --group $TC -o none.xlsx \
	    2031-05-05 2>err &&
	test ! -e none.xlsx &&
	test_expect_code 65 circle export signin --group $TC --blank x \
	    -o none.xlsx 2025-03-04 &&
	test ! -e none.xlsx
'

test_expect_success 'a failed export leaves the file that was there alone' '
	echo keep >keep.xlsx &&
	test_expect_code 65 circle export xlsx --group $TC --from 2025-02-30 \
	    -o keep.xlsx &&
	test "$(cat keep.xlsx)" = keep &&
	test_expect_code 74 circle export xlsx --group $TC \
	    -o no/such/dir/x.xlsx 2>err &&
	test_grep "no/such/dir/x.xlsx" err &&
	mkdir ro && chmod 500 ro &&
	if test "$(id -u)" != 0; then
		test_expect_code 74 circle export xlsx --group $TC -o ro/x.xlsx &&
		test ! -e ro/x.xlsx
	fi &&
	ls -a >files && ! grep "^\\.keep\\.xlsx\\." files
'

test_expect_success 'errors: options and groups' '
	test_expect_code 2 circle export xlsx -o x.xlsx 2>err &&
	test_grep "which group" err &&
	test_expect_code 2 circle export xlsx --all --group $TC -o x.xlsx &&
	test_expect_code 2 circle export xlsx --with-contacts --pseudonymize \
	    --all -o x.xlsx 2>err &&
	test_grep "do not go together" err &&
	test_expect_code 1 circle export xlsx --group nosuch -o x.xlsx &&
	test_expect_code 65 circle export xlsx --all --from 2025-04-01 \
	    --to 2025-03-01 -o x.xlsx &&
	test_expect_code 2 circle export xlsx --all extra -o x.xlsx &&
	test ! -e x.xlsx
'

test_done
