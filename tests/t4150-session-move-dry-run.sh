#!/bin/sh
test_description='circle session move --dry-run: what would move, and nothing written'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a weekly series in the future' '
	test_fresh_db &&
	circle group add --tz America/Chicago "Wednesday Circle" >/dev/null &&
	circle session plan --every week --at 19:00 --from 2031-01-08 \
	    --count 4 >/dev/null &&
	circle session edit --notes "bring the flyers" 2031-01-15 >/dev/null
'

test_expect_success 'move --following --dry-run: each session that would move; the dump unchanged' '
	circle db dump >before &&
	circle session move --following --to-date 2031-01-16 --at 18:00 \
	    --dry-run 2031-01-15 >out 2>err &&
	cat >expect <<-\EOF &&
	would move 2031-01-15 19:00 to 2031-01-16 18:00
	would move 2031-01-22 19:00 to 2031-01-23 18:00
	would move 2031-01-29 19:00 to 2031-01-30 18:00
	dry run: would be 3 sessions moved
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'move --whole-series --dry-run: the whole series; the dump unchanged' '
	circle db dump >before &&
	circle session move --whole-series --at 17:30 --dry-run \
	    2031-01-15 >out &&
	cat >expect <<-\EOF &&
	would move 2031-01-08 19:00 to 2031-01-08 17:30
	would move 2031-01-15 19:00 to 2031-01-15 17:30
	would move 2031-01-22 19:00 to 2031-01-22 17:30
	would move 2031-01-29 19:00 to 2031-01-29 17:30
	dry run: would be 4 sessions moved
	EOF
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after &&
	circle session move --all --at 17:30 --dry-run 2031-01-15 >out2 \
	    2>err &&
	test_cmp expect out2 &&
	test_grep "deprecated; use --whole-series" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a dry run leaves nothing to undo and nothing in the log' '
	circle log >log.before &&
	test -s log.before &&
	circle session move --following --at 18:00 --dry-run 2031-01-22 \
	    >/dev/null &&
	circle log >log.after &&
	test_cmp log.before log.after
'

test_expect_success 'one session, --dry-run too; a bad move fails the same without writing' '
	circle db dump >before &&
	circle session move --at 20:00 --dry-run 2031-01-29 >out &&
	cat >expect <<-\EOF &&
	would move 2031-01-29 19:00 to 2031-01-29 20:00
	dry run: would be 1 session moved
	EOF
	test_cmp expect out &&
	test_expect_code 1 circle session move --at 19:00 --dry-run \
	    2031-01-29 >out 2>err &&
	test_must_be_empty out &&
	test_grep "already then" err &&
	circle session add 2031-02-10 12:00 >/dev/null &&
	circle db dump >before &&
	test_expect_code 1 circle session move --following --at 13:00 \
	    --dry-run 2031-02-10 2>err &&
	test_grep "one-off" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'after the dry run, the move itself does what it said' '
	circle session move --following --to-date 2031-01-16 --at 18:00 \
	    --dry-run 2031-01-15 | sed -n "s/^would move .* to //p" >said &&
	circle session move --following --to-date 2031-01-16 --at 18:00 \
	    2031-01-15 >out &&
	echo "3 sessions moved" >expect &&
	test_cmp expect out &&
	circle session list --from 2031-01-16 --to 2031-01-31 --format tsv |
	    cut -f3,4 | tr "\t" " " >now &&
	test_cmp said now &&
	circle session show 2031-01-16 --format tsv >show &&
	test_grep "bring the flyers" show
'

# move SESSION to WHEN, as people say it

test_expect_success 'move SESSION to WHEN: a day and a time, the words unquoted' '
	circle session move --dry-run jan 30 2031 to jan 31 2031 6pm >out &&
	cat >expect <<-\EOF &&
	would move 2031-01-30 18:00 to 2031-01-31 18:00
	dry run: would be 1 session moved
	EOF
	test_cmp expect out
'

test_expect_success 'move SESSION WHEN: a day alone keeps the time, a time alone the day' '
	circle session move --dry-run 2031-01-30 "feb 1 2031" >out &&
	test_grep "^would move 2031-01-30 18:00 to 2031-02-01 18:00$" out &&
	circle session move --dry-run 2031-01-30 to 8:15pm >out &&
	test_grep "^would move 2031-01-30 18:00 to 2031-01-30 20:15$" out &&
	circle session move --dry-run 2031-01-30 to "7-9pm" >out &&
	test_grep "^would move 2031-01-30 18:00 to 2031-01-30 19:00, for 2h$" out
'

test_expect_success 'move SESSION to WHEN moves it, as --to-date and --at do' '
	circle session move 2031-01-30 to 2031-02-04 >out &&
	test_grep "^1 session moved$" out &&
	circle session show 2031-02-04 --format tsv >show &&
	test_grep "18:00" show
'

test_expect_success 'move: WHEN and --at both, no WHEN after to, or words without to: usage, nothing moved' '
	circle db dump >before &&
	test_expect_code 2 circle session move 2031-02-04 to fri --at 8pm 2>err &&
	test_grep "move: \"fri\" says when, and so does --to-date or --at: give one" err &&
	test_expect_code 2 circle session move 2031-02-04 to 2>err &&
	test_grep "move: to when?" err &&
	test_expect_code 2 circle session move feb 4 fri 2>err &&
	test_grep "move: too many arguments, from \"fri\" on (write: move SESSION to WHEN" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'move SESSION to WHEN: a day that is none is said as a day, not as no time' '
	circle db dump >before &&
	test_expect_code 65 circle session move 2031-02-04 to "feb 30 2031" 2>err &&
	test_grep "\"feb 30 2031\"" err &&
	! grep "not a time of day" err &&
	test_expect_code 65 circle session move 2031-02-04 to frday 2>err &&
	test_grep "did you mean friday" err &&
	test_expect_code 65 circle session move 2031-02-04 to next week 2>err &&
	test_grep "\"next week\" is a week, not a day" err &&
	test_expect_code 65 circle session move 2031-02-04 to 25:00 2>err &&
	test_grep "at: \"25:00\" is not a time of day" err &&
	test_expect_code 65 circle session move 2031-02-04 to half past 6 2>err &&
	test_grep "\"half past 6\" is 06:30 or 18:30" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'move to a weekday said alone, earlier than the session: the days said' '
	circle session add 2031-06-11 19:00 >/dev/null &&
	circle session move 2031-06-11 to fri >out 2>err &&
	test_grep "^1 session moved$" out &&
	test_grep "note: moved to an earlier day, .* (it was Wednesday 2031-06-11): a weekday said alone is the next from today; give the date for another" err &&
	circle session add 2031-06-25 19:00 >/dev/null &&
	circle session move 2031-06-25 to jun 26 2031 >out 2>err &&
	test_grep "^1 session moved$" out &&
	test_must_be_empty err
'

test_done
