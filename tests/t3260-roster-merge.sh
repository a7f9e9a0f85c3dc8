#!/bin/sh
test_description='circle roster merge: two records of one person made one,
the other forgotten byte for byte'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

TC=tuesday-circle

test_expect_success 'setup: Cara signed in twice as someone new' '
	export_scenario &&
	h=$(circle roster add --phone 555-0123 --notes "came by bus" \
	    "Quillonzaberg Chen") &&
	test "$h" = quillonzaberg-c &&
	circle roster join --on 2025-02-01 $h $TC &&
	circle attend mark --group $TC 2025-03-04 $h >/dev/null &&
	circle attend mark --group $TC 2025-03-11 $h >/dev/null &&
	circle attend mark --group $TC 2025-04-01 cara-c >/dev/null &&
	circle attend mark --group $TC --late 2025-04-01 $h >/dev/null &&
	circle checkin take --group $TC --survey checkin 2025-03-11 $h \
	    mood=5 distress=5 safe=yes >/dev/null
'

test_expect_success 'a dry run says what would move and changes nothing' '
	circle db dump >before &&
	circle roster merge --dry-run cara-c quillonzaberg-c >out &&
	echo "dry run, nothing changed: quillonzaberg-c merged into cara-c: 0 memberships, 2 marks, 1 check-in, 0 follow-ups moved; 1 mark of quillonzaberg-c dropped where cara-c had one; quillonzaberg-c would be forgotten" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty"'

test_expect_success PTY 'on a terminal it says what it would do and asks, as forget does; no means nothing changed' '
	circle db dump >before &&
	printf "%s\n" "expect to confirm: " "send no\\r" >answer &&
	test_expect_code 1 /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" \
	    answer circle roster merge cara-c quillonzaberg-c >raw &&
	tr -d "\r" <raw >out &&
	test_grep "^dry run, nothing changed: quillonzaberg-c merged into cara-c: " out &&
	test_grep "^Make quillonzaberg-c one with cara-c? quillonzaberg-c is then forgotten: its record is erased and cannot be recovered.\$" out &&
	test_grep "merge: not confirmed; nothing changed" out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the history moves to KEEP, and KEEP counts it' '
	circle roster merge cara-c quillonzaberg-c >out &&
	test_grep "2 marks, 1 check-in" out &&
	circle roster show cara-c >show &&
	test_grep "^phone	555-0123" show &&
	test_grep "^email	cara@example.org" show &&
	test_grep "(member, 2025-02-01 to now)" show &&
	circle report attendance --group $TC >report &&
	grep "^cara-c" report | cut -f4,5 >actual &&
	printf "3\t3\n" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 circle roster show quillonzaberg-c 2>/dev/null &&
	test "$(test_sql "SELECT count(*) FROM forgotten")" = 1
'

test_expect_success 'the record merged away is forgotten: no byte of its own name left' '
	for f in "$CIRCLE_DB" "$CIRCLE_DB-wal"; do
		test -e "$f" || continue
		! grep -a -i -q quillonzaberg "$f" || return 1
	done
'

test_expect_success 'one person cannot be merged with themself, nor with no one' '
	test_expect_code 2 circle roster merge cara-c cara-c 2>err &&
	test_grep "the same person" err &&
	test_expect_code 1 circle roster merge cara-c nobody-here 2>err
'

test_done
