#!/bin/sh
test_description='circle log: the change log in words, filters and formats'
. "$(dirname "$0")/test-lib.sh"

TZ=UTC
export TZ

test_expect_success 'setup: two groups, people, a cancelled session, marks' '
	test_fresh_db &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle group add --handle gc --tz Europe/London "Grief Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 3 >/dev/null &&
	circle session plan --group gc --name th --every week --on thursday \
	    --at 18:00 --from 2026-01-08 --count 2 >/dev/null &&
	circle roster add --consent no "Maya Okafor" >/dev/null &&
	circle roster add "Sam Wu" >/dev/null &&
	circle roster join --on 2025-12-01 maya-o tc &&
	circle roster join --on 2025-12-01 sam-w gc &&
	circle roster edit --consent yes maya-o &&
	circle session cancel --group tc --reason "Centre closed" 2026-01-13 &&
	circle attend mark --group tc 2026-01-06 maya-o >/dev/null &&
	circle attend mark --group gc --late 2026-01-08 sam-w >/dev/null
'

test_expect_success 'newest first, each change in words with its command' '
	circle log >out &&
	cut -f4 out >words &&
	cat >expect <<-\EOF &&
	sam-w marked late at gc 2026-01-08
	maya-o marked present at tc 2026-01-06
	session tc 2026-01-13 cancelled: Centre closed
	maya-o: consent no -> yes
	sam-w joined gc on 2025-12-01
	maya-o joined tc on 2025-12-01
	sam-w added to the roster
	maya-o added to the roster
	series th planned for gc: 2 sessions added, 0 updated, 0 removed
	series wk planned for tc: 3 sessions added, 0 updated, 0 removed
	group gc added: Grief Circle
	group tc added: Tuesday Circle
	EOF
	test_cmp expect words &&
	cut -f3 out | head -n 4 >tools &&
	printf "%s\n" "attend mark" "attend mark" "session cancel" \
	    "roster edit" >expect &&
	test_cmp expect tools &&
	test "$(cut -f1 out | head -n 1)" = \
	    "$(test_sql "SELECT max(id) FROM command")" &&
	test "$(cut -f1 out | sort -u | wc -l)" = 12 &&
	test "$(cut -f2 out |
	    grep -c "^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]\$")" = 12
'

test_expect_success '--member: only what is about the person' '
	circle log --member maya-o | cut -f4 >out &&
	printf "%s\n" "maya-o marked present at tc 2026-01-06" \
	    "maya-o: consent no -> yes" "maya-o joined tc on 2025-12-01" \
	    "maya-o added to the roster" >expect &&
	test_cmp expect out
'

test_expect_success '--group: the group, its sessions, schedules and members' '
	circle log --group gc | cut -f4 >out &&
	printf "%s\n" "sam-w marked late at gc 2026-01-08" \
	    "sam-w joined gc on 2025-12-01" \
	    "series th planned for gc: 2 sessions added, 0 updated, 0 removed" \
	    "group gc added: Grief Circle" >expect &&
	test_cmp expect out
'

test_expect_success '--session: the session and what was recorded at it' '
	circle log --group tc --session 2026-01-13 | cut -f4 >out &&
	echo "session tc 2026-01-13 cancelled: Centre closed" >expect &&
	test_cmp expect out &&
	circle log --session 2026-01-08 | cut -f4 >out &&
	echo "sam-w marked late at gc 2026-01-08" >expect &&
	test_cmp expect out
'

test_expect_success '--since and --limit' '
	circle log --since 2020-01-01 >all &&
	test "$(wc -l <all)" = 12 &&
	test_expect_code 1 circle log --since 2090-01-01 >out &&
	test_must_be_empty out &&
	circle log --limit 2 | cut -f4 >out &&
	head -n 2 all | cut -f4 >expect &&
	test_cmp expect out
'

test_expect_success 'every output format' '
	circle log --limit 1 --format json >out.json &&
	/usr/bin/python3 -c "import json,sys; r = json.load(open(sys.argv[1]));
assert r[0][\"change\"] == \"sam-w marked late at gc 2026-01-08\", r;
assert isinstance(r[0][\"command\"], int), r" out.json &&
	circle log --limit 2 --format jsonl >out.jsonl &&
	test "$(wc -l <out.jsonl)" = 2 &&
	circle log --limit 1 --format csv >out.csv &&
	test_grep "^command,at,tool,change" out.csv &&
	circle log --limit 1 --format table >out.txt &&
	test_grep "sam-w marked late at gc 2026-01-08" out.txt &&
	circle log --limit 1 --format md >out.md &&
	test_grep "^| command" out.md
'

test_expect_success 'an undo, and its undo, in words' '
	circle undo --yes >/dev/null &&
	circle log --limit 1 | cut -f3,4 >out &&
	printf "undo\tundone: sam-w marked late at gc 2026-01-08\n" >expect &&
	test_cmp expect out &&
	id=$(circle log --limit 1 | cut -f1) &&
	circle undo --yes "$id" >/dev/null &&
	circle log --limit 1 | cut -f4 >out &&
	echo "done again: sam-w marked late at gc 2026-01-08" >expect &&
	test_cmp expect out
'

test_expect_success 'bad filters: usage 2, bad date 65, unknown person 1' '
	test_expect_code 2 circle log --limit x 2>err &&
	test_grep "limit" err &&
	test_expect_code 65 circle log --since 2026-02-30 2>err &&
	test_expect_code 1 circle log --member nobody-at-all 2>err &&
	test_grep "no member" err &&
	test_expect_code 2 circle log extra 2>err
'

test_expect_success 'a log from before commands: grouped by tool and second' '
	"$SQLITE3" v1.db <"$FIXTURES/schema-v1.sql" &&
	chmod 600 v1.db &&
	circle --db v1.db log >out &&
	test "$(wc -l <out)" = 6 &&
	test "$("$SQLITE3" v1.db "SELECT count(*) FROM command")" = 3 &&
	cut -f1,3 out | sort -u >cmds &&
	printf "1\troster\n2\tgroup\n3\troster\n" >expect &&
	test_cmp expect cmds &&
	test_expect_code 1 circle --db v1.db undo --yes 1 2>err &&
	test_grep "before circle kept undo data" err
'

test_done
