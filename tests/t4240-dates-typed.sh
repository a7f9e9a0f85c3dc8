#!/bin/sh
test_description='dates typed by habit, said back: a month, a day past
twelve and a time glued (dec 17 30pm), a day of the month named twice, a
monthly day some months have not (the 30th: the months named once, and
the last day instead)'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a group' '
	circle init >/dev/null &&
	circle group add --tz UTC Circle >/dev/null
'

test_expect_success 'a day past twelve and a time glued: both readings named, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add "dec 17 30pm" 2>err &&
	test_grep "\"dec 17 30pm\" reads two ways: dec 17 at \"30pm\", which is no time, or 17 30pm (17:30) in dec with no day: write the day, then the time (dec 17 17:30)" err &&
	test_expect_code 65 circle session add "dec 17 30pm" 19:00 2>err &&
	test_grep "reads two ways" err &&
	# a day that is no hour: the one reading, and how to write it
	test_expect_code 65 circle session add "dec 25 30pm" 2>err &&
	test_grep "\"dec 25 30pm\": dec 25 at \"30pm\", which is no time: write the day, then the time (dec 25 19:30, dec 25 7:30pm)" err &&
	circle db dump >after &&
	test_cmp before after &&
	# a year after the day is a year, as before
	circle session add "dec 25 2027" 19:00 >out &&
	test_grep "2027-12-25T19:00" out
'

test_expect_success 'a day of the month named twice: said, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session plan --every "monthly on the 1st and 1st" \
	    --at 19:00 --from 2027-01-01 --count 3 2>err &&
	test_grep "on: \"1st and 1st\" names the 1st twice: name each day once (the 1st alone, or two days: 1st and 15th)" err &&
	test_expect_code 65 circle session plan --every monthly --on "15 and 15th" \
	    --at 19:00 --from 2027-01-01 --count 3 2>err &&
	test_grep "names the 15th twice" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'monthly on the 30th: the months without one named, once' '
	circle session plan --name thirtieth --every "monthly on the 30th" \
	    --at 19:00 --from 2027-01-01 --count 4 >out 2>err &&
	test_grep "4 sessions from 2027-01-30 to 2027-05-30" out &&
	test_grep "^circle-session: note: no 30th in February 2027: no session then, as calendars skip it too (on each month.s last day instead: --on \"last day\")\$" err &&
	test "$(wc -l <err)" -eq 1 &&
	circle session plan --name thirty-first --every monthly --on 31st \
	    --at 18:00 --from 2027-01-01 --until 2027-12-31 2>err &&
	test_grep "no 31st in February 2027, April 2027, June 2027, September 2027 and November 2027:" err &&
	# a day every month has: nothing said
	circle session plan --name fifteenth --every monthly --on 15th \
	    --at 17:00 --from 2027-01-01 --count 12 2>err &&
	test_must_be_empty err
'

test_expect_success 'monthly on the last day: each month has one' '
	circle session plan --name last --every "monthly on the last day" \
	    --at 20:00 --from 2027-01-01 --count 3 >out 2>err &&
	test_grep "3 sessions from 2027-01-31 to 2027-03-31" out &&
	test_must_be_empty err &&
	circle session list --from 2027-02-01 --to 2027-02-28 --format tsv >list &&
	test_grep "2027-02-28" list &&
	circle session plan --name last2 --every monthly --on "last day of the month" \
	    --at 21:00 --from 2028-01-01 --count 2 >out &&
	test_grep "2 sessions from 2028-01-31 to 2028-02-29" out
'

test_expect_success 'the French first, 1er, in every tool that takes a date' '
	LC_ALL=fr_FR.UTF-8 circle session add "1er décembre 2027" 18:00 >out &&
	test_grep "2027-12-01T18:00" out &&
	circle session add "1er dec 2027" 17:00 >out &&
	test_grep "2027-12-01T17:00" out &&
	circle report funder --from "1er dec 2026" --to "31 dec 2026" \
	    --format tsv >out &&
	test_grep "^from	2026-12-01\$" out &&
	# only the first: 2er is no day
	test_expect_code 65 circle session add "2er dec 2027" 17:00 2>err &&
	test_grep "is not a date" err
'

test_expect_success 'a month in another language: which month, and how to write it, nothing written' '
	circle db dump >before &&
	test_expect_code 65 env LC_ALL=en_GB.UTF-8 circle session add "3 janv. 2027" 19:00 2>err &&
	test_grep "date: \"3 janv. 2027\": \"janv.\" is French for January, and months are read in English (or in the language of LANG): write \"3 Jan 2027\"" err &&
	test_expect_code 65 env LC_ALL=fr_FR.UTF-8 circle session add "1. Dezember 2027" 19:00 2>err &&
	test_grep "\"Dezember\" is German for December" err &&
	test_expect_code 65 circle report attendance --from "14 marzo 2026" 2>err &&
	test_grep "\"marzo\" is Spanish for March.*write \"14 Mar 2026\"" err &&
	circle db dump >after &&
	test_cmp before after &&
	# in the language of LANG: read
	LC_ALL=de_DE.UTF-8 circle session add "1. Dezember 2027" 16:00 >out &&
	test_grep "2027-12-01T16:00" out
'

test_expect_success 'days known by name read as their date; a part of a month refused with the way' '
	circle session add "christmas eve" 18:00 >out &&
	circle session add "24 dec" 19:00 >want &&
	test_grep "$(cut -d" " -f3 <out | cut -c1-10)T18:00" out &&
	test "$(cut -d" " -f3 <out | cut -c1-10)" = "$(cut -d" " -f3 <want | cut -c1-10)" &&
	circle session add "New Year'"'"'s Eve 7pm" >out &&
	test_grep -- "-12-31T19:00" out &&
	circle session add "boxing day" 14:00 >out &&
	test_grep -- "-12-26T14:00" out &&
	circle db dump >before &&
	test_expect_code 65 circle session add "mid-december 7pm" 2>err &&
	test_grep "date: \"mid-december\" is no one day: give the day (Dec 15), or, for a report, the month (--in December)" err &&
	test_expect_code 65 circle report funder --from "early jan" 2>err &&
	test_grep "\"early jan\" is no one day: give the day (Jan 1)" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a day known by name with its year, and looking back, read as its day and month are' '
	circle session add "christmas eve 2027" 18:00 >out &&
	test_grep "2027-12-24T18:00" out &&
	circle session add "Christmas 2027" 10:00 >out &&
	test_grep "2027-12-25T10:00" out &&
	# a report looks back: the latest begun, as 24 dec is
	circle report funder --from "christmas eve" --to today >got &&
	circle report funder --from "24 dec" --to today >want &&
	test_cmp want got &&
	circle report funder --from "new year'"'"'s day" --to today >got &&
	circle report funder --from "1 jan" --to today >want &&
	test_cmp want got &&
	# the French first beside a month in French, in English: which month
	test_expect_code 65 circle report funder --from "1er janvier" \
	    --to today 2>err &&
	test_grep "\"janvier\" is French for January.*write \"1er Jan\"" err
'

test_done
