#!/bin/sh
test_description='control characters: C0, C1 and bidi controls are refused on
every way text comes in (arguments, CSV, YAML, a dump), and what is in a
database anyway is written out, never sent raw, in a table or Markdown'
. "$(dirname "$0")/test-lib.sh"

# The characters a terminal or a reader could be attacked with, each as
# its UTF-8 bytes: ESC (C0), CSI and OSC...ST (C1: U+009B, U+009D, U+009C),
# NEL (U+0085), a right-to-left override (U+202E), a first-strong isolate
# (U+2068) and the line separator (U+2028).
ESC=$(printf '\033[2J')
CSI=$(printf '\302\2332J')
OSC=$(printf '\302\23552;c;aGk=\302\234')
NEL=$(printf 'a\302\205b')
RLO=$(printf '\342\200\256txt.exe')
FSI=$(printf '\342\201\250x')
LSEP=$(printf 'a\342\200\250b')

# no_raw_controls FILE: no byte of FILE is a control character but tab and
# newline, and no C1 or bidi control is there in UTF-8.
no_raw_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" &&
	! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
	! LC_ALL=C grep -q "$(printf '\342\200[\250-\256]')" "$1" &&
	! LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$1"
}

test_expect_success 'setup: a group and one person' '
	test_fresh_db &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle roster add "Kim Lee" >/dev/null &&
	circle db dump >dump.before
'

test_expect_success 'roster add: each control refused, exit 65, nothing added' '
	for s in "$ESC" "$CSI" "$OSC" "$NEL" "$RLO" "$FSI" "$LSEP"; do
		test_expect_code 65 circle roster add "Ana$s" 2>err &&
		test_grep "control characters are not allowed" err &&
		test_expect_code 65 circle roster add --notes "n$s" Ana \
		    2>err &&
		test_grep "notes: control characters are not allowed" err ||
		return 1
	done &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'group add and session add: refused' '
	test_expect_code 65 circle group add --handle x "Group$CSI" 2>err &&
	test_grep "control characters" err &&
	test_expect_code 65 circle session add --group tc --topic "T$RLO" \
	    2031-01-07 19:00 2>err &&
	test_grep "topic: control characters" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'roster import: a C1 control in a CSV cell is refused' '
	printf "Name,Notes\nAna Bell,ok\nBo$CSI,x\n" >r.csv &&
	test_expect_code 65 circle roster import r.csv 2>err &&
	test_grep "r.csv:3" err &&
	test_grep "control characters" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'a YAML file with a C1 or bidi control: refused at its place' '
	printf "name: Circle\nhandle: c2\ntz: UTC\ndescription: \"a$OSC\"\n" \
	    >g.yaml &&
	test_expect_code 65 circle group import g.yaml 2>err &&
	test_grep "g.yaml:4:16: control characters are not allowed" err &&
	printf "name: \"C$NEL\"\nhandle: c3\ntz: UTC\n" >g.yaml &&
	test_expect_code 65 circle group import g.yaml 2>err &&
	test_grep "g.yaml:1:10: control characters" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'session import: controls in LOCATION and DESCRIPTION become spaces, with a warning' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t1310//EN\r\nBEGIN:VEVENT\r\nUID:ctl-1\r\nDTSTART:20310107T190000Z\r\nDTEND:20310107T203000Z\r\nLOCATION:Room$CSI 4$RLO\r\nDESCRIPTION:Talk$OSC about$NEL it\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >c.ics &&
	circle session import --group tc c.ics >out 2>err &&
	test_grep "c.ics:8: LOCATION: control characters made spaces" err &&
	test_grep "c.ics:9: DESCRIPTION: control characters made spaces" err &&
	circle session list --group tc --format tsv >list &&
	no_raw_controls list &&
	test_grep "Room 2J 4 txt.exe" list &&
	circle db dump >dump.ics &&
	no_raw_controls dump.ics &&
	circle session cancel --group tc 2031-01-07 >/dev/null &&
	test_sql "DELETE FROM session WHERE uid = '\''ctl-1'\''" &&
	circle db dump >dump.before
'

test_expect_success 'db load: a dump with a control character in a name is refused' '
	sed "s/Kim Lee/Kim\\\\u009b2JLee/" dump.before >bad.jsonl &&
	test_grep "u009b" bad.jsonl &&
	test_expect_code 65 circle --db new.db db load bad.jsonl 2>err &&
	test_grep "bad.jsonl:[0-9]*: display_name: control character U+009B" \
	    err &&
	sed "s/Kim Lee/Kim\\\\u001b]52;c;aGk=\\\\u0007Lee/" dump.before \
	    >bad2.jsonl &&
	test_expect_code 65 circle --db new2.db db load bad2.jsonl 2>err &&
	test_grep "control character U+001B" err &&
	{ test ! -f new.db || test "$(circle --db new.db roster list |
	    wc -l)" = 0; } &&
	circle --db ok.db db load dump.before &&
	circle --db ok.db db dump >dump.ok &&
	test_cmp dump.before dump.ok
'

test_expect_success 'a database that holds controls anyway: a table shows them' '
	test_sql "UPDATE member SET display_name = CAST(X'"'"'4b696d1b5b324ac29b324ac29d35323b633b61476b3dc29ce280ae4c6565'"'"' AS TEXT), notes = CAST(X'"'"'610d620a63'"'"' AS TEXT)" &&
	circle roster list --format table >out &&
	no_raw_controls out &&
	test_grep -F "Kim^[[2J<U+009B>2J<U+009D>52;c;aGk=<U+009C><U+202E>Lee" out &&
	circle roster show --format table kim >out &&
	no_raw_controls out &&
	test_grep -F "a b c" out &&
	circle roster list --format md >out &&
	no_raw_controls out &&
	test_grep -F "Kim^[[2J\\<U+009B>" out
'

test_expect_success 'bytes that are not UTF-8 in a database are shown as hex' '
	test_sql "UPDATE member SET display_name = CAST(X'"'"'4b69ff6d'"'"' AS TEXT)" &&
	circle roster list --format table >out &&
	test_grep -F "Ki<FF>m" out
'

test_expect_success 'an error naming what was typed writes its controls out' '
	test_expect_code 1 circle roster show "x$ESC$CSI" 2>err &&
	no_raw_controls err &&
	test_grep -F "x^[[2J<U+009B>2J" err
'

test_expect_success 'the prep sheet writes out controls in a session or a note' '
	circle session add --group tc --topic Sharing 2031-01-07 19:00 \
	    >/dev/null &&
	circle roster join kim tc &&
	test_sql "UPDATE session SET location = CAST(X'"'"'526f6f6d1b5d303b74c29c'"'"' AS TEXT), topic = CAST(X'"'"'e280ae54'"'"' AS TEXT)" &&
	circle session prep --group tc 2031-01-07 >out &&
	no_raw_controls out &&
	test_grep -F "Where:    Room^[]0;t<U+009C>" out &&
	test_grep -F "Topic:    <U+202E>T" out &&
	circle session prep --group tc --format md 2031-01-07 >out &&
	no_raw_controls out
'

test_done
