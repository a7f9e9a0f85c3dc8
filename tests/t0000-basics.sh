#!/bin/sh
test_description='circle front door: tool list, version, help, dispatch'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'circle help lists the tools' '
	circle help >out &&
	test_grep "^  roster " out &&
	test_grep "^  db " out &&
	test_grep "^  group " out
'

test_expect_success '--version names the package version' '
	circle --version >out &&
	test_grep "^circle [0-9][0-9.]*$" out &&
	circle version >out2 &&
	test_cmp out out2
'

test_expect_success 'circle TOOL runs circle-TOOL' '
	circle db path >out &&
	echo "$CIRCLE_DB" >expect &&
	test_cmp expect out
'

test_expect_success 'an unknown tool suggests the nearest name' '
	test_expect_code 2 circle rostr list 2>err &&
	test_grep "did you mean \"roster\"" err
'

test_expect_success 'an unknown verb suggests the nearest verb' '
	test_expect_code 2 circle roster lst 2>err &&
	test_grep "did you mean \"list\"" err
'

test_expect_success 'circle init creates the database, private' '
	circle init >out &&
	test -f "$CIRCLE_DB" &&
	test_mode "$CIRCLE_DB" 600 &&
	test_mode "$(dirname "$CIRCLE_DB")" 700
'

test_expect_success '--db before the tool names the database' '
	circle --db other.db init >out &&
	test_grep "other.db" out &&
	test -f other.db
'

test_expect_success 'roster list does no start-up work it does not need' '
	circle roster add "Sam Ortiz" >/dev/null &&
	CIRCLE_TRACE_SQL=1 circle roster list >out 2>trace &&
	test_grep "Sam Ortiz" out &&
	test "$(grep -c "sql: SELECT user_version" trace)" = 1 &&
	! grep -E "sql: (CREATE|BEGIN|INSERT|UPDATE|DELETE|PRAGMA journal_mode)" trace &&
	test "$(grep -c "sql: " trace)" -le 8
'

test_expect_success 'the default data directory is made private again' '
	(
		unset CIRCLE_DB &&
		circle init >/dev/null &&
		chmod 755 "$XDG_DATA_HOME/circle" &&
		circle roster list >/dev/null 2>err
		test_grep "made private (0700)" err &&
		test_mode "$XDG_DATA_HOME/circle" 700
	)
'

test_expect_success 'a database given with --db leaves its directory alone' '
	mkdir -m 755 shared &&
	circle --db shared/c.db init >/dev/null &&
	test_expect_code 1 circle --db shared/c.db roster list >/dev/null 2>err &&
	test_mode shared 755 &&
	test_must_be_empty err
'

test_expect_success 'circle help TOOL opens the page of the build tree' '
	mkdir -p fakebin &&
	printf "#!/bin/sh\necho \"man \$*\"\n" >fakebin/man &&
	chmod +x fakebin/man &&
	PATH="$TRASH/fakebin:$PATH" circle help roster >out &&
	echo "man -l $CIRCLE_SRC/man/circle-roster.1" >expect &&
	test_cmp expect out &&
	PATH="$TRASH/fakebin:$PATH" circle help overview >out &&
	echo "man -l $CIRCLE_SRC/man/circle.7" >expect &&
	test_cmp expect out
'

test_expect_success 'an unknown tool: two letters swapped, a verb of a tool, another word for one' '
	test_expect_code 2 circle hlep 2>err &&
	test_grep "^circle: unknown tool \"hlep\"; did you mean \"help\"?\$" err &&
	test_expect_code 2 circle mark today maya 2>err &&
	test_grep "^circle: unknown tool \"mark\"; did you mean \"circle attend mark\"?\$" err &&
	test_expect_code 2 circle import roster.csv 2>err &&
	test_grep "^circle: unknown tool \"import\"; did you mean \"circle attend import\", \"circle checkin import\", \"circle group import\", \"circle roster import\" or \"circle session import\"?\$" err &&
	test_expect_code 2 circle members 2>err &&
	test_grep "^circle: unknown tool \"members\"; did you mean \"roster\"?\$" err &&
	test_expect_code 2 circle lst 2>err &&
	test_grep "^circle: unknown tool \"lst\" (run .circle help. for the list)\$" err
'

test_expect_success 'circle help of an unknown tool suggests the nearest' '
	test_expect_code 2 circle help sesion 2>err &&
	test_grep "did you mean \"session\"" err
'

test_expect_success 'an unknown tool with no near name points to circle help, which lists them' '
	test_expect_code 2 circle zzzzz 2>err &&
	test_grep "^circle: unknown tool \"zzzzz\" (run .circle help. for the list)\$" err &&
	circle help >out &&
	test_grep "^  roster " out
'

test_lazy_prereq LDD 'ldd "$CIRCLE_BUILD/circle" >/dev/null 2>&1'
test_expect_success LDD 'the front door loads neither ICU nor SQLite: it runs tools' '
	ldd "$CIRCLE_BUILD/circle" >libs &&
	test_grep "libc\." libs &&
	! grep -e libicu -e libsqlite libs
'

test_expect_success 'an unknown letter in a group of options is named, not the word before it' '
	test_expect_code 2 circle session move --dry-run -xn 1 2>err &&
	test_grep "^circle-session: move: unknown option -x\$" err &&
	test_expect_code 2 circle session move --at=7pm -nx 1 2>err &&
	test_grep "^circle-session: move: unknown option -x\$" err &&
	test_expect_code 2 circle session move --dry-run=yes 1 2>err &&
	test_grep "^circle-session: move: --dry-run=yes: the option takes no value\$" err
'

test_expect_success 'an option of one value given twice, by one name or two: a usage error, nothing done' '
	circle group add --tz Europe/London "Twice" >/dev/null &&
	circle db dump >before &&
	test_expect_code 2 circle session add --group twice --for 90 \
	    --duration 60 2027-01-05 19:00 >out 2>err &&
	test_must_be_empty out &&
	echo "circle-session: add: --for and --duration are one option, given twice; it takes one value" >expect &&
	sed -n 1p err >first &&
	test_cmp expect first &&
	test_grep "^usage: circle session add" err &&
	test_expect_code 2 circle session add --group twice --for 90 --for 60 \
	    2027-01-05 19:00 2>err &&
	test_grep "^circle-session: add: --for given twice; it takes one value\$" err &&
	test_expect_code 2 circle session add --group twice -f 90 --length 60 \
	    2027-01-05 19:00 2>err &&
	test_grep "^circle-session: add: -f and --length are one option, given twice" err &&
	test_expect_code 2 circle attend mark --note a --notes b 1 x 2>err &&
	test_grep "^circle-attend: mark: --note and --notes are one option, given twice" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an option that may be repeated, or takes no value, is taken twice' '
	circle session plan --group twice --every week --at 7pm \
	    --from 2055-01-05 --count 3 --except 2055-01-12 \
	    --except 2055-01-19 --dry-run --dry-run >out &&
	test_grep "would be 1 added" out &&
	circle session plan --group twice --every week --at 7pm \
	    --from 2055-01-05 --count 1 >/dev/null &&
	circle session move -n --group twice --following --following \
	    --at 8pm 2055-01-05 >out &&
	test_grep "^dry run: would be 1 session moved\$" out
'

test_expect_success 'too many arguments or too few: said, with a hint for a name not in quotes' '
	circle db dump >before &&
	test_expect_code 2 circle group add Monday Circle 2>err &&
	test_grep "^circle-group: add: too many arguments, from \"Circle\" on (a name of several words is one argument in quotes: \"Monday Circle\")\$" err &&
	test_grep "^usage: circle group add" err &&
	test_expect_code 2 circle roster show Ann Marie Lee 2>err &&
	test_grep "^circle-roster: show: too many arguments, from \"Marie\" on (a name of several words is one argument in quotes: \"Ann Marie Lee\")\$" err &&
	test_expect_code 2 circle roster add "Ann Lee" ann@example.org 2>err &&
	test_grep "^circle-roster: add: too many arguments, from \"ann@example.org\" on (an email address is given with --email)\$" err &&
	test_expect_code 2 circle roster add "Ann Lee" "+44 7700 900123" 2>err &&
	test_grep "^circle-roster: add: too many arguments, from \"+44 7700 900123\" on (a phone number is given with --phone)\$" err &&
	test_expect_code 2 circle roster edit ann Phone=555-0101 2>err &&
	test_grep "^circle-roster: edit: too many arguments, from \"Phone=555-0101\" on (give Phone as an option: --phone 555-0101)\$" err &&
	test_expect_code 2 circle roster edit ann "notes=likes tea" 2>err &&
	test_grep "(give notes as an option: --notes \"likes tea\")\$" err &&
	test_expect_code 2 circle session show a b 2>err &&
	test_grep "^circle-session: show: too many arguments, from \"b\" on\$" err &&
	test_expect_code 2 circle attend mark 2>err &&
	test_grep "^circle-attend: mark: arguments missing\$" err &&
	test_expect_code 2 circle group add 2>err &&
	test_grep "^circle-group: add: an argument missing\$" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a global option missing its value before the tool or verb: a usage error naming it' '
	circle db dump >before &&
	test_expect_code 2 circle --db --format json list 2>err &&
	echo "circle: --db needs a value" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle --config --json session list 2>err &&
	test_grep "^circle: --config needs a value\$" err &&
	test_expect_code 2 circle --tz --json session list 2>err &&
	test_grep "^circle: --tz needs a value\$" err &&
	test_expect_code 2 circle --format -q session list 2>err &&
	test_grep "^circle: --format needs a value\$" err &&
	test_expect_code 2 circle session --db --json list 2>err &&
	test_grep "^circle-session: --db needs a value\$" err &&
	test_expect_code 2 circle session --tz -q list 2>err &&
	test_grep "^circle-session: --tz needs a value\$" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a global option given twice: a usage error, not the last winning' '
	test_expect_code 2 circle --db a.db --db b.db session list 2>err &&
	test_grep "^circle: --db given twice; it takes one value\$" err &&
	test_expect_code 2 circle --config=a --config b session list 2>err &&
	test_grep "^circle: --config given twice" err &&
	test_expect_code 2 circle session --db a.db list --db b.db 2>err &&
	test_grep "^circle-session: --db given twice; it takes one value\$" err &&
	test_expect_code 2 circle --db a.db session list --db b.db 2>err &&
	test_grep "^circle-session: --db given twice; it takes one value\$" err &&
	test_expect_code 2 circle --db=a.db session list --db=a.db 2>err &&
	test_grep "^circle-session: --db given twice" err &&
	test_expect_code 2 circle --config a session list --config b 2>err &&
	test_grep "^circle-session: --config given twice; it takes one value\$" err &&
	test_expect_code 2 circle --db a.db attend --db b.db 2>err &&
	test_grep "^circle-attend: --db given twice" err &&
	test_expect_code 2 circle --tz UTC session list --tz UTC 2>err &&
	test_grep "^circle-session: --tz given twice" err &&
	test_expect_code 2 circle --format csv session list --json 2>err &&
	test_grep "^circle-session: --json: a format was given already; give one\$" err &&
	test_expect_code 2 circle session list --json --format tsv 2>err &&
	test_grep "^circle-session: --format tsv: a format was given already" err &&
	test ! -e a.db && test ! -e b.db &&
	circle --json session list --format json >/dev/null &&
	circle session list --json --json >/dev/null
'

test_expect_success 'a misspelt option: the nearest offered' '
	test_expect_code 2 circle --jsno session list 2>err &&
	test_grep "^circle: unknown option --jsno; did you mean --json?\$" err &&
	test_expect_code 2 circle session --confg x list 2>err &&
	test_grep "^circle-session: unknown option --confg; did you mean --config?\$" err &&
	test_expect_code 2 circle session list --groop x 2>err &&
	test_grep "^circle-session: list: unknown option --groop; did you mean --group?\$" err &&
	test_grep "^usage: circle session list" err &&
	test_expect_code 2 circle --zzzzz session list 2>err &&
	test_grep "^circle: unknown option --zzzzz\$" err &&
	test_grep "^usage: circle" err
'

test_expect_success 'a misspelt option that abbreviates another is refused, both named' '
	circle init >/dev/null &&
	test_expect_code 2 circle session list --form 2026-12-01 2>err &&
	test_grep "^circle-session: list: --form: did you mean --from or --format? (write the option in full)\$" err &&
	test_grep "^usage: circle session list" err &&
	test_expect_code 2 circle session list --form=csv 2>err &&
	test_grep "^circle-session: list: --form=csv: did you mean --from or --format?" err &&
	circle session list --fro 2026-12-01 --format csv >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'circle TOOL help [VERB] is its --help' '
	circle roster --help >want &&
	circle roster help >out &&
	test_cmp want out &&
	circle roster add --help >want &&
	circle roster help add >out &&
	test_cmp want out &&
	test_grep "^usage: circle roster add" out &&
	test_expect_code 2 circle roster help lst 2>err &&
	test_grep "unknown verb \"lst\"; did you mean \"list\"?" err
'

test_expect_success 'the first word of verbs of two words: --help and help show them, exit 0' '
	circle checkin survey --help >out 2>err &&
	test_must_be_empty err &&
	test_grep "^circle-checkin survey: add, check, list, show\$" out &&
	for v in add check list show; do
		circle checkin survey $v --help | sed -n "s/^usage: /  /p" >want &&
		grep -Fx -f want out || return 1
	done &&
	test_grep "^See circle-checkin(1).\$" out &&
	circle checkin help survey >again &&
	test_cmp out again &&
	test_expect_code 2 circle checkin survey 2>err &&
	test_grep "survey: give one of: add, check, list, show" err
'

test_expect_success 'a typo in the second word of a verb: the nearest said' '
	test_expect_code 2 circle checkin survey lst 2>err &&
	echo "circle-checkin: unknown verb \"survey lst\"; did you mean \"survey list\"?" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle checkin survey zzzzz 2>err &&
	test_grep "survey: give one of: add, check, list, show" err
'


# Words people try for a verb circle has by another name: what to type,
# never the nearest spelling ("unmark" was "did you mean mark?").  Each
# verb a hint names is one the tool has.
test_expect_success 'a verb by another word says what to type instead' '
	test_expect_code 2 circle roster remove ann 2>err &&
	test_grep "no verb \"remove\": .leave. takes someone out of a group, .deactivate. keeps them" err &&
	test_expect_code 2 circle session Delete 3 2>err &&
	test_grep "no verb \"Delete\": .cancel. keeps the session" err &&
	test_expect_code 2 circle attend unmark today ann 2>err &&
	test_grep "no verb \"unmark\": .undo. puts back" err &&
	! grep -q "did you mean" err &&
	test_expect_code 2 circle checkin add 2>err &&
	test_grep ".take. records one person" err &&
	test_expect_code 2 circle roster export 2>err &&
	test_grep "no verb \"export\": .circle export csv members. writes the roster" err &&
	! grep -q "did you mean" err &&
	for w in "roster delete" "roster new" "session remove" \
	    "session schedule" "session postpone" "session restore" \
	    "group drop" "group create" "attend clear" "attend late" \
	    "roster update" "roster find" "session modify" "group rename" \
	    "checkin close" "export excel" "export pdf" "export calendar" \
	    "attend register"; do
		set -- $w &&
		test_expect_code 2 circle $1 $2 2>err &&
		sed "s/^[^:]*: no verb \"[^\"]*\": //" err |
		    grep -o "'"'"'[a-z]*\( add\)\{0,1\}'"'"'" | tr -d "'"'"'" |
		    grep -v "^circle\$" >verbs &&
		test -s verbs &&
		while read v; do
			circle $1 $v --help >/dev/null || return 1
		done <verbs || return 1
	done
'

test_done
