#!/bin/sh
test_description='circle undo: each kind of write put back whole, undo of undo, refusals'
. "$(dirname "$0")/test-lib.sh"

# state: the database as circle db dump writes it, the log aside (an undo
# adds to the log; everything else must be as before) and the rows
# removed (an undo of an add records the removal, for merges: t1420),
# sorted: a row put back in a table keyed by two columns (question,
# answer) gets a new hidden rowid, so the dump's order of that table may
# change.
state() {
	circle db dump | grep -v -e '^{"table":"change_log"' \
	    -e '^{"table":"command"' -e '^{"table":"removed"' | LC_ALL=C sort
}

# undone CMD...: CMD changes something; circle undo puts it all back; and
# the undo undone does it again, exactly (CMD is done when it returns).
undone() {
	state >before &&
	"$@" >cmd.out &&
	state >during &&
	if cmp -s before during; then
		echo "undone: $* changed nothing" >&2
		return 1
	fi &&
	circle undo --yes >undo.out &&
	state >after &&
	test_cmp before after &&
	again=$(sed -n "s/^undid command [0-9]*; this undo is command \([0-9]*\).*/\1/p" \
	    undo.out) &&
	test -n "$again" &&
	circle undo --yes "$again" >redo.out &&
	state >redone &&
	test_cmp during redone
}

test_expect_success 'setup: a group, its sessions, three people' '
	test_fresh_db &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 6 >/dev/null &&
	for n in "Alex Rivera" "Blair Chen" "Casey Diaz"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2025-12-01 "$h" tc || return 1
	done &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

# roster

test_expect_success 'roster add' '
	undone circle roster add --email dee@example.org "Dee Park"
'
test_expect_success 'roster edit' '
	undone circle roster edit --consent yes --phone "555 0100" alex-r
'
test_expect_success 'roster join' '
	circle group add --handle oc "Other Circle" >/dev/null &&
	undone circle roster join --on 2026-01-01 blair-c oc
'
test_expect_success 'roster leave' '
	undone circle roster leave --on 2026-02-01 casey-d tc
'
test_expect_success 'roster deactivate, and reactivate' '
	undone circle roster deactivate casey-d &&
	undone circle roster reactivate casey-d
'
test_expect_success 'roster import' '
	undone circle roster import "$EXAMPLES/roster.csv"
'

# groups

test_expect_success 'group add' '
	undone circle group add --handle nc "New Circle"
'
test_expect_success 'group edit' '
	undone circle group edit --location "Room 4" tc
'
test_expect_success 'group archive, and archive --undo' '
	undone circle group archive oc &&
	undone circle group archive --undo oc
'
test_expect_success 'group import (a group, its facilitator, its schedule)' '
	circle roster add --new "Maya Okafor" >/dev/null &&
	undone circle group import "$EXAMPLES/groups/tuesday-circle.yaml"
'

# sessions

test_expect_success 'session plan' '
	undone circle session plan --group tc --name eve --every week \
	    --on thursday --at 18:00 --from 2026-01-08 --count 4
'
test_expect_success 'session add' '
	undone circle session add --group tc --topic "Boundaries" 2026-03-03 18:00
'
test_expect_success 'session edit' '
	undone circle session edit --group tc --topic "Sleep" 2026-01-13
'
test_expect_success 'session cancel, and cancel --undo' '
	undone circle session cancel --group tc --reason "Centre closed" \
	    2026-01-20 &&
	undone circle session cancel --group tc --undo 2026-01-20
'
test_expect_success 'session move, one and the following' '
	undone circle session move --group tc --at 18:30 2026-01-27 &&
	undone circle session move --group tc --following --at 20:00 2026-02-03
'
test_expect_success 'session import of a calendar' '
	circle group add --handle gc --tz America/Los_Angeles "Google Circle" \
	    >/dev/null &&
	undone circle session import --group gc "$CIRCLE_SRC/tests/t7100/google.ics"
'

# attendance

test_expect_success 'attend mark, several people' '
	undone circle attend mark --group tc 2026-01-06 alex-r blair-c
'
test_expect_success 'attend mark over a mark' '
	circle attend mark --group tc 2026-01-13 alex-r >/dev/null &&
	undone circle attend mark --group tc --late --note bus 2026-01-13 alex-r
'
test_expect_success 'attend walk-in: the person goes too' '
	undone circle attend walk-in --group tc --session 2026-01-06 "Wren Walk" &&
	circle undo --yes >/dev/null &&
	test "$(test_sql "SELECT count(*) FROM member WHERE handle = '\''wren-w'\''")" = 0
'
test_expect_success 'attend headcount' '
	undone circle attend headcount --group tc 2026-02-10 9
'
test_expect_success 'attend import of a sign-in sheet' '
	printf "date,handle,status\n2026-01-06,casey-d,late\n2026-01-13,blair-c,x\n" \
	    >sheet.csv &&
	undone circle attend import --group tc sheet.csv
'

# check-ins

test_expect_success 'checkin survey add' '
	undone circle checkin survey add "$EXAMPLES/surveys/checkout.yaml"
'
test_expect_success 'checkin take, with a follow-up it opens' '
	undone circle checkin take --group tc 2026-01-06 blair-c mood=2 \
	    distress=9 safe=no
'
test_expect_success 'checkin resolve and dismiss' '
	circle checkin take --group tc 2026-01-13 blair-c mood=2 distress=9 \
	    safe=no >/dev/null &&
	id=$(circle checkin followups --format tsv | tail -n 1 | cut -f1) &&
	test -n "$id" &&
	undone circle checkin resolve --note "called" "$id" &&
	circle undo --yes >/dev/null &&
	undone circle checkin dismiss "$id"
'
test_expect_success 'checkin import of a form' '
	printf "Timestamp,Name,mood,distress,safe\n" >form.csv &&
	printf "2026/01/06 19:05:12,Alex Rivera,6,4,yes\n" >>form.csv &&
	printf "2026/01/06 19:06:40,Casey Diaz,2,9,no\n" >>form.csv &&
	undone circle checkin import --survey checkin --group tc form.csv
'

# what undo says, asks and refuses

test_expect_success 'undo shows the command by name and date, then what it did' '
	circle attend mark --group tc --excused 2026-01-20 casey-d >/dev/null &&
	circle undo --yes >out &&
	test_grep "^undo of command [0-9]*, [0-9-]* [0-9:]*: circle attend mark --group tc --excused 2026-01-20 casey-d\$" out &&
	test_grep "^  casey-d marked excused at tc 2026-01-20\$" out
'

test_expect_success 'not on a terminal without --yes: 2, nothing changed' '
	circle attend mark --group tc 2026-01-20 casey-d >/dev/null &&
	state >before &&
	test_expect_code 2 circle undo </dev/null >out 2>err &&
	test_grep "give --yes" err &&
	state >after &&
	test_cmp before after
'

test_expect_success '--dry-run shows and checks the undo; nothing changed, 0' '
	state >before &&
	circle undo --dry-run >out &&
	test_grep "^undo of command [0-9]*, .*: circle attend mark --group tc 2026-01-20 casey-d\$" out &&
	test_grep "^dry run: it can be undone; nothing changed\$" out &&
	circle attend undo --dry-run >out &&
	test_grep "^dry run: it can be undone; nothing changed\$" out &&
	state >after &&
	test_cmp before after
'

test_expect_success 'a refused undo names the later command and changes nothing' '
	circle roster add "Fay Lin" >/dev/null &&
	add=$(test_sql "SELECT max(id) FROM command") &&
	circle roster join --on 2025-12-01 fay-l tc &&
	circle attend mark --group tc 2026-01-20 fay-l >/dev/null &&
	circle db dump >before &&
	test_expect_code 1 circle undo --yes "$add" >out 2>err &&
	test_grep "^circle-undo: command $add cannot be undone: later commands changed what it did:" err &&
	test_grep "^  command [0-9]*, .*, attend mark: fay-l marked present at tc 2026-01-20\$" err &&
	test_grep "^  command [0-9]*, .*, roster join: fay-l joined tc on 2025-12-01\$" err &&
	test_grep "nothing was changed" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'undo, undo again, then the undo of the undo: a stack' '
	state >s0 &&
	circle undo --yes >u1 &&
	state >s1 &&
	circle undo --yes >u2 &&
	test_grep "fay-l joined tc" u2 &&
	u2id=$(sed -n "s/.*this undo is command \([0-9]*\).*/\1/p" u2) &&
	circle undo --yes "$u2id" >/dev/null &&
	state >s3 &&
	test_cmp s1 s3 &&
	test_expect_code 1 circle undo --yes "$(sed -n \
	    "s/^undo of command \([0-9]*\),.*/\1/p" u1)" 2>err &&
	test_grep "was undone by command" err
'

test_expect_success 'an unknown or bad command number' '
	test_expect_code 1 circle undo --yes 99999 2>err &&
	test_grep "no command 99999" err &&
	test_expect_code 2 circle undo --yes x1 2>err &&
	test_grep "\"x1\" is not a command number (see circle log); .circle undo. alone puts back the last\$" err
'

test_expect_success '"undo last" is undo alone: the last command put back, then the one before' '
	circle roster add "Last Word" >/dev/null &&
	circle roster add "Next Word" >/dev/null &&
	circle undo --yes last >out &&
	test_grep "^  next-w added to the roster\$" out &&
	circle undo --yes LAST >out &&
	test_grep "^  last-w added to the roster\$" out &&
	test "$(test_sql "SELECT count(*) FROM member WHERE display_name LIKE '\''% Word'\''")" = 0
'

test_expect_success 'commands from before undo data: refused with the reason' '
	test_sql "SELECT id FROM command WHERE undo = '\''kept'\'' LIMIT 1" >id &&
	"$SQLITE3" "$CIRCLE_DB" "DELETE FROM undo_data WHERE command_id = $(cat id);
	    UPDATE command SET undo = '\''none'\'' WHERE id = $(cat id)" &&
	test_expect_code 1 circle undo --yes "$(cat id)" 2>err &&
	test_grep "before circle kept undo data" err
'

test_expect_success 'a command too big to keep undo data for says so' '
	state >before &&
	CIRCLE_UNDO_MAX_BYTES=2000 circle roster import \
	    "$CIRCLE_SRC/tests/fixtures/roster-messy.csv" >/dev/null &&
	test "$(test_sql "SELECT undo FROM command ORDER BY id DESC
	    LIMIT 1")" = large &&
	test "$(test_sql "SELECT count(*) FROM undo_data WHERE command_id =
	    (SELECT max(id) FROM command)")" = 0 &&
	state >during &&
	test_expect_code 1 circle undo --yes >out 2>err &&
	test_grep "changed too much for circle to keep what it changed" err &&
	state >after &&
	test_cmp during after
'

test_expect_success 'a database loaded from a dump keeps its log, no undo data' '
	circle db dump >all.jsonl &&
	! grep -q "\"table\":\"undo_data\"" all.jsonl &&
	circle --db "$TRASH/loaded.db" db load all.jsonl &&
	test "$("$SQLITE3" "$TRASH/loaded.db" "SELECT count(*) FROM undo_data")" = 0 &&
	test "$("$SQLITE3" "$TRASH/loaded.db" "SELECT count(*) FROM command")" = \
	    "$(test_sql "SELECT count(*) FROM command")"
'

test_expect_success 'every table undo records has a primary key' '
	test_sql "SELECT m.name FROM sqlite_schema m WHERE m.type =
	    '\''table'\'' AND m.name NOT LIKE '\''sqlite_%'\'' AND NOT EXISTS
	    (SELECT 1 FROM pragma_table_info(m.name) t WHERE t.pk > 0)" >nopk &&
	test_must_be_empty nopk &&
	test "$(test_sql "SELECT count(*) FROM sqlite_schema WHERE type =
	    '\''table'\''")" -ge 14
'

test_done
