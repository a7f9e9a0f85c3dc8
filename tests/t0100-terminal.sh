#!/bin/sh
test_description='output on a terminal: tables fit the width (an ellipsis,
by display columns, CJK and combining marks included), long output through
a pager (CIRCLE_PAGER, PAGER, --no-pager), colour for marks and statuses
(NO_COLOR, --color); piped output byte for byte as it always was'
. "$(dirname "$0")/test-lib.sh"

# What the person running the tests has set must not change what we see.
TERM=xterm
export TERM

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty, termios, fcntl"'

# on_tty [--cols N] CMD...: CMD with stdout on a terminal (a pty), its
# output on ours with CR LF made LF; stderr stays ours.
on_tty() {
	/usr/bin/python3 "$CIRCLE_SRC/tests/pty-run.py" "$@"
}

# A pager that keeps what it was given, and LESS as it saw it.
cat >pager.sh <<'SH'
#!/bin/sh
{ echo "LESS=${LESS-unset}"; echo "args=$*"; cat; } >"$PAGER_LOG"
SH
chmod +x pager.sh

ESC=$(printf '\033')
LONG="Maya Rodríguez-Hernández de la Fuente Castellanos"
CJK="山田太郎 山田太郎 山田太郎 山田太郎 山田太郎"
COMB=$(printf 'Zoe\314\201 E\314\210xample with combining marks and more')
# (stored composed, NFC, as every name is: the list shows Zo\303\251 \303\213xample)

test_expect_success 'setup: people with long names, marks of each kind' '
	test_fresh_db &&
	circle group add --handle wed --tz UTC "Wednesday Evening Circle" \
	    >/dev/null &&
	circle roster add --group wed --email maya@example.org "$LONG" \
	    >/dev/null &&
	circle roster add --group wed --handle yamada "$CJK" >/dev/null &&
	circle roster add --group wed --handle zoe "$COMB" >/dev/null &&
	circle roster add --group wed --handle kim "Kim" >/dev/null &&
	circle roster deactivate kim &&
	circle session add --group wed 2026-11-04 19:00 >/dev/null &&
	circle attend mark --group wed 2026-11-04 maya-c >/dev/null &&
	circle attend mark --group wed --absent 2026-11-04 yamada >/dev/null &&
	circle attend mark --group wed --excused 2026-11-04 zoe >/dev/null
'

# Every form of output a pipe gets, saved before any terminal option.
test_expect_success 'setup: what a pipe gets' '
	circle roster list --everyone >list.tsv &&
	circle roster list --everyone --format table >list.table &&
	circle attend list --group wed 2026-11-04 >attend.tsv &&
	circle roster show maya-c >show.tsv &&
	test_grep "^maya-c	$LONG	" list.tsv
'

test_expect_success 'piped: the same bytes whatever COLUMNS, colour or pager' '
	COLUMNS=20 NO_COLOR= CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    circle roster list --everyone --color=always >out &&
	test_cmp list.tsv out &&
	COLUMNS=20 circle roster list --everyone --format table --color=never \
	    >out &&
	test_cmp list.table out &&
	COLUMNS=20 circle --color=always roster list --everyone >out &&
	test_cmp list.tsv out &&
	COLUMNS=30 circle attend list --group wed 2026-11-04 --color >out &&
	test_cmp attend.tsv out &&
	COLUMNS=30 circle roster show maya-c --color=always >out &&
	test_cmp show.tsv out &&
	! test -e log &&
	! grep -q "$ESC" list.tsv list.table attend.tsv show.tsv
'

test_expect_success 'piped: colour only when asked for a table and always' '
	circle roster list --everyone --format table --color=always >out &&
	test_grep "${ESC}\[2minactive${ESC}\[m" out
'

test_expect_success PTY 'a terminal of 60 columns: the name cut with an ellipsis' '
	on_tty --cols 60 circle roster list --everyone --no-pager --color=never \
	    >out &&
	cat >want <<-EOF &&
	handle  name                      pronouns  status    groups
	kim     Kim                                 inactive  wed
	maya-c  Maya Rodríguez-Hernánde…            active    wed
	zoe     $(printf "Zo\303\251 \303\213xample with combin")…            active    wed
	yamada  山田太郎 山田太郎 山田…             active    wed
	EOF
	test_cmp want out
'

test_expect_success PTY 'every line fits in COLUMNS, counted in display columns' '
	for c in 40 50 61 80; do
		COLUMNS=$c on_tty circle roster list --everyone --no-pager \
		    --color=never >out &&
		/usr/bin/python3 -c "
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in \"WF\" else 1
               for ch in s)
for line in open(\"out\", encoding=\"utf-8\"):
    if width(line.rstrip(\"\\n\")) > $c:
        sys.exit(\"too wide for $c: \" + line)
" || exit 1
	done
'

test_expect_success PTY 'session list in my own zone: narrow, the zones left out, dates and times never cut' '
	mkdir -p "$XDG_CONFIG_HOME/circle" &&
	echo "timezone = Europe/London" >"$XDG_CONFIG_HOME/circle/config" &&
	circle group add --handle ny --tz America/New_York \
	    --location "St Mark'"'"'s Church Hall, back room" \
	    "Wednesday Evening Circle in New York" >/dev/null &&
	circle session add --group ny --topic "Boundaries with family over the holidays" \
	    2026-12-09 19:00 >/dev/null &&
	COLUMNS=80 on_tty circle session list --group ny --no-pager \
	    --color=never >out &&
	test_grep "^id  group  date        start  end    status  *topic  *location  here\$" out &&
	test_grep "^ 2  ny     2026-12-09  19:00  20:30  sched[a-z]*…  .*  2026-12-10 00:00\$" out &&
	COLUMNS=100 on_tty circle session list --group ny --no-pager \
	    --color=never >out &&
	test_grep "^id .* tz  *here\$" out &&
	test_grep "  America/New_York  2026-12-10 00:00\$" out &&
	COLUMNS=200 on_tty circle session list --group ny --no-pager \
	    --color=never >out &&
	test_grep "  America/New_York  2026-12-10 00:00  Europe/London\$" out &&
	COLUMNS=70 on_tty circle session list --group ny --no-pager \
	    --color=never >out &&
	test_grep "^id  group  date        start  status  *topic  *location  here\$" out &&
	for c in 72 80 100 120; do
		COLUMNS=$c on_tty circle session list --group ny --no-pager \
		    --color=never >out &&
		/usr/bin/python3 -c "
import sys
for line in open(\"out\", encoding=\"utf-8\"):
    if len(line.rstrip(\"\\n\")) > $c:
        sys.exit(\"too wide for $c: \" + line)
" || exit 1
	done &&
	# piped: every column, as before
	circle session list --group ny --format table >out &&
	test_grep "America/New_York  2026-12-10 00:00  Europe/London" out &&
	rm "$XDG_CONFIG_HOME/circle/config"
'

test_expect_success PTY 'reports and the log on a narrow terminal: dates and times never cut' '
	circle session add --group ny 2026-11-05 19:00 >/dev/null &&
	circle roster add --group ny "Quinn Zed-Hernández de la Fuente" \
	    >/dev/null &&
	circle attend mark --group ny 2026-11-05 quinn-f >/dev/null 2>&1 &&
	for c in 40 60 80; do
		COLUMNS=$c on_tty circle report sessions --group ny --in 2026 \
		    --no-pager --color=never >out &&
		test_grep "^ *[0-9]*  ny *2026-11-05  19:00  held" out &&
		COLUMNS=$c on_tty circle report attendance --group ny --in 2026 \
		    --no-pager --color=never >out &&
		test_grep "  2026-11-05  " out &&
		COLUMNS=$c on_tty circle report member quinn-f --no-pager \
		    --color=never >out &&
		test_grep "2026-11-05  19:00" out &&
		COLUMNS=$c on_tty circle log --no-pager --color=never >out &&
		test_grep "^ *[0-9]*  [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]  " out ||
		return 1
	done
'

test_expect_success PTY 'COLUMNS wins over the window size; no width: no cut' '
	COLUMNS=200 on_tty --cols 40 circle roster list --everyone --no-pager \
	    --color=never >out &&
	test_grep "$LONG" out &&
	on_tty --cols 40 circle roster list --everyone --no-pager \
	    --color=never >out &&
	! grep -q "$LONG" out &&
	test_grep "…" out
'

test_expect_success PTY 'a record wraps between words, under its value' '
	circle roster edit --notes "prefers to be called May and likes to sit near the door on Wednesdays" maya-c &&
	on_tty --cols 40 circle roster show maya-c --no-pager --color=never \
	    >out &&
	sed -n "/^notes:/,/^added:/p" out >notes &&
	cat >want <<-\EOF &&
	notes:       prefers to be called May
	             and likes to sit near the
	             door on Wednesdays
	EOF
	head -n 3 notes >got &&
	test_cmp want got
'

test_expect_success PTY 'colour: marks and statuses, and never a name' '
	on_tty circle attend list --group wed 2026-11-04 --no-pager >out &&
	test_grep "${ESC}\[32mpresent${ESC}\[m" out &&
	test_grep "${ESC}\[31mabsent${ESC}\[m" out &&
	test_grep "${ESC}\[36mexcused${ESC}\[m" out &&
	on_tty circle roster list --everyone --no-pager >out &&
	test_grep "${ESC}\[2minactive${ESC}\[m" out &&
	test_grep "^kim  *Kim  " out
'

test_expect_success PTY 'colour: NO_COLOR and --color=never turn it off, --color=always wins' '
	NO_COLOR=1 on_tty circle attend list --group wed 2026-11-04 \
	    --no-pager >out &&
	! grep -q "$ESC" out &&
	on_tty circle attend list --group wed 2026-11-04 --no-pager \
	    --color=never >out &&
	! grep -q "$ESC" out &&
	NO_COLOR=1 on_tty circle attend list --group wed 2026-11-04 \
	    --no-pager --color=always >out &&
	test_grep "${ESC}\[31mabsent" out &&
	TERM=dumb on_tty circle attend list --group wed 2026-11-04 \
	    --no-pager >out &&
	! grep -q "$ESC" out &&
	test_expect_code 2 circle roster list --color=sometimes 2>err &&
	test_grep "expected auto, always or never" err
'

test_expect_success PTY 'colour cannot undo the escaping of control characters' '
	circle roster add --handle esc "Eve" >/dev/null &&
	test_sql "UPDATE member SET display_name = char(69, 27, 91, 50, 74)
	    WHERE handle = '\''esc'\''" &&
	on_tty circle roster list --everyone --no-pager --color=always >out &&
	test_grep "^esc  *E^\[\[2J " out &&
	test "$(grep -c "$ESC" out)" = "$(grep -c "$ESC\[m" out)" &&
	circle roster forget --yes esc >/dev/null
'

test_expect_success PTY 'pager: CIRCLE_PAGER gets the whole table, LESS=FRX' '
	CIRCLE_PAGER="./pager.sh -x" PAGER=false PAGER_LOG=log \
	    on_tty --cols 60 circle roster list --everyone --color=never >out &&
	test_must_be_empty out &&
	head -n 2 log >got &&
	printf "LESS=FRX\nargs=-x\n" >want &&
	test_cmp want got &&
	sed 1,2d log >table &&
	on_tty --cols 60 circle roster list --everyone --color=never --no-pager \
	    >want &&
	test_cmp want table
'

test_expect_success PTY 'pager: PAGER when CIRCLE_PAGER is unset; LESS kept' '
	PAGER=./pager.sh LESS=i PAGER_LOG=log \
	    on_tty circle session list >out &&
	test_must_be_empty out &&
	test_grep "^LESS=i$" log &&
	test_grep "2026-11-04" log
'

test_expect_success PTY 'pager: none with --no-pager, before or after the tool, or "cat" or ""' '
	rm -f log &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    on_tty circle --no-pager roster list >out &&
	test_grep "^maya-c" out &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    on_tty circle roster --no-pager list >out &&
	test_grep "^maya-c" out &&
	CIRCLE_PAGER=cat on_tty circle roster list >out &&
	test_grep "^maya-c" out &&
	CIRCLE_PAGER= PAGER=./pager.sh PAGER_LOG=log \
	    on_tty circle roster list >out &&
	test_grep "^maya-c" out &&
	! test -e log
'

test_expect_success PTY 'pager: not for a write, nor when stdout is not a terminal' '
	rm -f log &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    on_tty circle roster add "Ann Lee" >out &&
	test_grep "^ann-l" out &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log circle roster list >out &&
	test_grep "^ann-l" out &&
	! test -e log
'

test_expect_success PTY 'config: pager after CIRCLE_PAGER, before PAGER' '
	rm -f log log2 &&
	circle config set pager ./pager.sh &&
	PAGER=false PAGER_LOG=log on_tty circle roster list >out &&
	test_must_be_empty out &&
	test_grep "^maya-c" log &&
	CIRCLE_PAGER=cat PAGER_LOG=log2 on_tty circle roster list >out &&
	test_grep "^maya-c" out &&
	! test -e log2 &&
	circle config set pager cat &&
	PAGER=./pager.sh PAGER_LOG=log2 on_tty circle roster list >out &&
	test_grep "^maya-c" out &&
	! test -e log2 &&
	circle config unset pager
'

test_expect_success PTY 'config: color never and always; --color wins, always beats NO_COLOR' '
	circle config set color never &&
	on_tty circle attend list --group wed 2026-11-04 --no-pager >out &&
	! grep -q "$ESC" out &&
	on_tty circle attend list --group wed 2026-11-04 --no-pager \
	    --color=auto >out &&
	test_grep "${ESC}\[31mabsent" out &&
	circle config set color always &&
	NO_COLOR=1 on_tty circle attend list --group wed 2026-11-04 \
	    --no-pager >out &&
	test_grep "${ESC}\[31mabsent" out &&
	on_tty circle attend list --group wed 2026-11-04 --no-pager \
	    --color=never >out &&
	! grep -q "$ESC" out &&
	circle attend list --group wed 2026-11-04 >out &&
	test_cmp attend.tsv out &&
	circle config unset color
'

test_expect_success PTY 'pager: one that cannot run is said, and the output still comes' '
	CIRCLE_PAGER=./no-such-pager on_tty circle roster list 2>err >out &&
	test_grep "cannot run the pager \"./no-such-pager\"" err &&
	test_grep "^maya-c" out
'

test_expect_success PTY 'pager: quitting it early is not an error' '
	/usr/bin/python3 -c "
print(\"name\")
for i in range(3000):
    print(\"Person %d\" % i)" >many.csv &&
	circle roster import many.csv >/dev/null &&
	CIRCLE_PAGER="head -n 1" on_tty circle roster list 2>err >out &&
	test_must_be_empty err &&
	test "$(wc -l <out)" = 1
'

test_expect_success PTY 'the prep sheet pages, and its table fits' '
	circle session add --group wed 2030-01-08 19:00 >/dev/null &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    on_tty --cols 50 circle session prep --group wed 2030-01-08 \
	    >out &&
	test_must_be_empty out &&
	test_grep "^Wednesday Evening Circle, session" log &&
	test_grep "…" log
'

# A heading printed before the table goes through the pager with it.
test_expect_success PTY 'survey show: its heading pages with its table' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	CIRCLE_PAGER=./pager.sh PAGER_LOG=log \
	    on_tty --cols 200 circle checkin survey show checkin >out &&
	test_must_be_empty out &&
	sed -n 3p log >first &&
	test_grep "(checkin, version 1, checkin; 0 responses)" first &&
	test_grep "^question" log
'

test_expect_success PTY 'nothing found: said on a terminal, why for a report; a pipe gets nothing' '
	test_expect_code 1 on_tty circle --no-pager session list \
	    --from 2090-01-01 >out 2>err &&
	test_grep "^circle-session: nothing to show$" err &&
	test_expect_code 1 on_tty circle --no-pager report attendance \
	    --from 2090-01-01 >out 2>err &&
	test_grep "^circle-report: nothing to show: no attendance recorded in the period (circle attend mark)$" err &&
	test_expect_code 1 circle report attendance --from 2090-01-01 \
	    >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success PTY 'an empty roster on a terminal says how to fill it; a pipe gets nothing' '
	circle --db empty.db init >/dev/null &&
	test_expect_code 1 on_tty circle --db empty.db --no-pager roster list \
	    >out 2>err &&
	test_grep "^circle-roster: nothing to show: no one active on the roster (circle roster add NAME, or circle roster import FILE; --everyone shows inactive people)\$" err &&
	circle --db empty.db group add --tz UTC "Empty Circle" >/dev/null &&
	test_expect_code 1 on_tty circle --db empty.db --no-pager roster list \
	    --group empty >out 2>err &&
	test_grep "^circle-roster: nothing to show: no one in that group (circle roster join --group G MEMBER...)\$" err &&
	test_expect_code 1 circle --db empty.db roster list >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_done
