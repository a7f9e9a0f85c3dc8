#!/bin/sh
test_description='circle alone: the agenda, each group'"'"'s sessions today and
next (in my zone too), the past ones not recorded and the open follow-ups
as counts, each with its command; how to start without a database'
. "$(dirname "$0")/test-lib.sh"

TERM=xterm
export TERM
ESC=$(printf '\033')
TODAY=$(date -u +%F)

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty, termios, fcntl"'

test_expect_success 'no database yet: how to start, and nothing made' '
	circle >out &&
	test_grep "^No circle database yet ($CIRCLE_DB)\.  To start:" out &&
	test_grep "^  circle init " out &&
	test_grep "README" out &&
	! test -e "$CIRCLE_DB" &&
	circle --db "$TRASH/other.db" >out &&
	test_grep "($TRASH/other.db)" out &&
	test_grep "^  circle --db \"$TRASH/other.db\" init " out &&
	! grep "^  circle init " out &&
	! test -e "$TRASH/other.db"
'

test_expect_success 'a database with no group: how to add one' '
	circle init >/dev/null &&
	circle >out &&
	test_grep "^No groups yet" out &&
	test_grep "circle group add --tz ZONE" out
'

test_expect_success 'setup: a group in UTC, one in London, a survey that flags' '
	circle group add --handle wed --tz UTC "Wednesday Circle" >/dev/null &&
	circle group add --handle lon --tz Europe/London "London Online" \
	    >/dev/null &&
	circle roster add --group wed "Ann Oak" >/dev/null &&
	circle roster add --group lon "Bob Nash" >/dev/null &&
	circle session add --group wed --topic "Starting again" \
	    "$TODAY" 00:00 >/dev/null &&
	for d in 2026-01-07 2026-01-14 2026-01-21 2026-01-28 2026-02-04; do
		circle session add --group wed "$d" 19:00 >/dev/null || exit 1
	done &&
	# planned in December, before they began, as months of use leave them
	test_sql "UPDATE session SET created_at = '\''2025-12-01T00:00:00Z'\''
	    WHERE local_start LIKE '\''2026-0%'\''" &&
	circle session add --group lon 2026-01-08 10:00 >/dev/null &&
	circle attend mark --group lon 2026-01-08 bob-n >/dev/null &&
	circle session add --group lon --topic "New year" 2099-01-07 10:00 \
	    >/dev/null &&
	cat >mood.yaml <<-\EOF &&
	key: mood
	title: Mood
	questions:
	  - {key: mood, kind: scale, prompt: Mood?, min: 0, max: 10}
	flags:
	  - {on: mood, at-most: 2, reason: Very low tonight}
	EOF
	circle checkin survey add mood.yaml >/dev/null &&
	circle checkin take --group wed 2026-01-07 ann-o mood=1 >/dev/null &&
	circle checkin take --group wed 2026-01-14 ann-o mood=2 >/dev/null
'

test_expect_success 'circle alone: each group, with the command for each item' '
	circle >out &&
	cat >want <<-EOF &&
	London Online (lon, Europe/London)
	  next        Wed 2099-01-07 10:00-11:30 (10:00 here): New year
	              circle session prep --group lon 2099-01-07

	Wednesday Circle (wed, UTC)
	  today       00:00-01:30: Starting again
	              circle attend mark --group wed $TODAY MEMBER...
	  next        nothing planned
	              circle session add --group wed DATE HH:MM
	  not marked  Wed 2026-02-04 19:00-20:30
	              circle attend mark --group wed 2026-02-04 MEMBER...
	  not marked  Wed 2026-01-28 19:00-20:30
	              circle attend mark --group wed 2026-01-28 MEMBER...
	  not marked  Wed 2026-01-21 19:00-20:30
	              circle attend mark --group wed 2026-01-21 MEMBER...
	              and 2 more
	              circle session list --group wed --unrecorded
	  follow-ups  2 open
	              circle checkin followups --group wed
	EOF
	test_cmp want out
'

test_expect_success 'follow-ups are counted, never said: no reason, no name' '
	circle >out &&
	! grep -i "low tonight" out &&
	! grep "Ann" out &&
	! grep "ann-o" out
'

test_expect_success 'my zone: the time here beside the group'"'"'s, none when it is mine' '
	TZ=America/Chicago circle >out &&
	test_grep "^  next        Wed 2099-01-07 10:00-11:30 (04:00 here): New year$" out &&
	test_grep "^  today       00:00-01:30 ([0-9:]* [A-Z][a-z][a-z] here): Starting again$" out &&
	TZ=Europe/London circle >out &&
	test_grep "^  next        Wed 2099-01-07 10:00-11:30: New year$" out
'

test_expect_success 'my zone from the config, and --tz for once' '
	circle config set timezone America/Chicago &&
	circle >out &&
	test_grep "^  next        Wed 2099-01-07 10:00-11:30 (04:00 here): New year$" out &&
	circle agenda --tz Asia/Tokyo >out &&
	test_grep "^  next        Wed 2099-01-07 10:00-11:30 (19:00 here): New year$" out &&
	circle config unset timezone
'

test_expect_success 'circle agenda is the same; circle help keeps the help' '
	circle >want &&
	circle agenda >out &&
	test_cmp want out &&
	circle-agenda >out &&
	test_cmp want out &&
	circle help >out &&
	test_grep "^usage: circle" out &&
	test_grep "^  agenda " out &&
	circle --help >out &&
	test_grep "^usage: circle" out
'

test_expect_success 'the agenda is text: another format is refused; it writes nothing' '
	circle db dump >before &&
	test_expect_code 2 circle agenda --json 2>err &&
	test_grep "text only" err &&
	circle >/dev/null &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'text from the database is written out, not sent raw' '
	test_sql "UPDATE session SET topic = char(97, 27, 91, 50, 74)
	    WHERE local_start LIKE '\''2099-%'\''" &&
	circle >out &&
	test_grep "(10:00 here): a^\[\[2J$" out &&
	! grep -q "$ESC" out
'

test_expect_success PTY 'on a terminal: colour for the labels, what they say cut to the width, never a command' '
	/usr/bin/python3 "$CIRCLE_SRC/tests/pty-run.py" --cols 40 \
	    circle --no-pager >out &&
	test_grep "${ESC}\[33mnot marked${ESC}\[m" out &&
	test_grep "${ESC}\[1;31mfollow-ups${ESC}\[m" out &&
	test_grep "today${ESC}\[m       00:00-01:30: Starting aga…$" out &&
	test_grep "^              circle attend mark --group wed $TODAY MEMBER...$" out &&
	NO_COLOR=1 /usr/bin/python3 "$CIRCLE_SRC/tests/pty-run.py" \
	    circle --no-pager >out &&
	! grep -q "$ESC" out
'

test_expect_success 'sessions put in after they began are history, not "not marked"' '
	circle group add --handle hist --tz UTC "History Group" >/dev/null &&
	circle session add --group hist 2026-01-06 18:00 >/dev/null &&
	circle session add --group hist 2026-01-13 18:00 >/dev/null &&
	circle >out &&
	sed -n "/^History Group/,/^\$/p" out | sed "/^\$/d" >got &&
	cat >want <<-\EOF &&
	History Group (hist, UTC)
	  next        nothing planned
	              circle session add --group hist DATE HH:MM
	EOF
	test_cmp want got &&
	circle session list --group hist --unrecorded >out &&
	test "$(wc -l <out)" = 2 &&
	test_sql "UPDATE session SET created_at = '\''2026-01-10T00:00:00Z'\''
	    WHERE local_start = '\''2026-01-13T18:00'\''" &&
	circle >out &&
	test_grep "^  not marked  Tue 2026-01-13 18:00-19:30\$" out &&
	! grep "2026-01-06" out
'

test_done
