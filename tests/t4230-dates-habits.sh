#!/bin/sh
test_description='dates and times as facilitators type them from habit,
at the tools: a month and its days without a year looking back, a day and
a time glued, times in words and the French hour, three digits without am
or pm, tomorrow in another language, and a month'"'"'s days listed for plan'
. "$(dirname "$0")/test-lib.sh"

# TZ is UTC and LC_ALL C.UTF-8 here: today is the UTC date.
day() {
	date -u -d "$1" +%F
}
TODAY=$(day today)
# The month after this one: ahead, so the latest begun is a year before.
NEXT=$(day "$(date -u +%Y-%m-01) + 1 month")
NAME=$(date -u -d "$NEXT" +%b | tr A-Z a-z)
LAST=$(day "$NEXT - 1 year")
LASTY=${LAST%%-*}
NEXTY=${NEXT%%-*}
MM=$(date -u -d "$NEXT" +%m)

test_expect_success 'setup: a group' '
	circle init >/dev/null &&
	circle group add --tz UTC Circle >/dev/null
'

test_expect_success 'looking back, a month and its days without a year are the latest begun' '
	circle report funder --in "$NAME 1-15" --format tsv >got &&
	test_grep "^from	$LASTY-$MM-01\$" got &&
	test_grep "^to	$LASTY-$MM-15\$" got &&
	circle report funder --in "$NAME 1 to $NAME 15" --format tsv >got &&
	test_grep "^from	$LASTY-$MM-01\$" got &&
	circle report funder --in "1-15 $NAME" --format tsv >got &&
	test_grep "^to	$LASTY-$MM-15\$" got &&
	circle report funder --in "$NAME" --format tsv >got &&
	test_grep "^from	$LASTY-$MM-01\$" got &&
	# a day with its month: the latest come, as since is
	circle report funder --from "$NAME 5" --to today --format tsv >got &&
	test_grep "^from	$LASTY-$MM-05\$" got &&
	circle report funder --in "since $NAME 5" --format tsv >got &&
	test_grep "^from	$LASTY-$MM-05\$" got &&
	# with its year: as said
	circle report funder --in "$NAME 1-15 $NEXTY" --format tsv >got &&
	test_grep "^from	$NEXTY-$MM-01\$" got
'

test_expect_success '--from and --to apart, looking back, read as one stretch as --in reads them' '
	THIS=$(date -u +%b | tr A-Z a-z) &&
	FIRST=$(date -u +%Y-%m-01) &&
	# the month ahead alone is a year before, before --from: one stretch
	circle report funder --from "$THIS 1" --to "$NAME 5" --format tsv >got &&
	test_grep "^from	$FIRST\$" got &&
	test_grep "^to	$NEXTY-$MM-05\$" got &&
	circle report funder --in "$THIS 1 to $NAME 5" --format tsv >want &&
	test_cmp want got &&
	# no stretch either way: refused as before
	test_expect_code 65 circle report funder --from today --to yesterday \
	    2>err &&
	test_grep "is before from" err
'

# A day of this month after today (none on the month's last day; and
# February 29th has none a year before).
AHEAD=$(day "$TODAY + 1 day")
test "${AHEAD%-*}" = "${TODAY%-*}" && test "${AHEAD#*-}" != 02-29 &&
    test_set_prereq DAY_AHEAD
test_expect_success DAY_AHEAD '--from or --since alone, looking back, a day ahead: since it, last year'"'"'s' '
	was=$(day "$AHEAD - 1 year") &&
	circle session add --group circle "$was" 19:00 >/dev/null &&
	circle report sessions --group circle \
	    --from "$(date -u -d "$AHEAD" "+%b %-d")" --format tsv >got &&
	test_grep "	$was	19:00	" got &&
	circle report sessions --group circle --in \
	    "since $(date -u -d "$AHEAD" "+%b %-d")" --format tsv >want &&
	test_cmp want got &&
	# log --since too: what was done today is since it
	circle log --since "$(date -u -d "$AHEAD" "+%b %-d")" >got &&
	test_grep "session add" got
'

test_expect_success '--from alone, looking back, after today and no since: refused, not an empty report' '
	test_expect_code 65 circle report sessions --group circle \
	    --from "next monday" 2>err &&
	test_grep "from: \"next monday\" is [0-9-]*, after today, and report sessions looks back: give a day come" err &&
	test_expect_code 65 circle log --since tomorrow 2>err &&
	test_grep "since: \"tomorrow\" is .*, after today" err &&
	# typed as YYYY-MM-DD: as before
	test_expect_code 1 circle report sessions --group circle \
	    --from "$(day "$TODAY + 3 days")"
'

test_expect_success 'planning keeps the nearest: the month ahead' '
	circle session add --group circle "$NAME 5" 19:00 >out &&
	test_grep "$NEXTY-$MM-05T19:00" out &&
	circle session list --group circle --from "$NAME 1" \
	    --to "$NAME 15" >out &&
	test_grep "$NEXTY-$MM-05" out
'

test_expect_success 'a stretch of days with a hyphen is not a month and hours' '
	circle report funder --in "$NAME 5-12" --format tsv >got &&
	test_grep "^from	$LASTY-$MM-05\$" got &&
	test_grep "^to	$LASTY-$MM-12\$" got
'

test_expect_success 'a day and a time glued: refused naming both readings, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "dec 7 30pm" 2>err &&
	test_grep "\"dec 7 30pm\" reads two ways: dec 7 at \"30pm\", which is no time, or 7 30pm (19:30) in dec with no day: write the day, then the time (dec 7 19:30)" err &&
	test_expect_code 65 circle session add --group circle \
	    "dec 7 30pm" 19:00 2>err &&
	test_grep "reads two ways" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'times in words, the French hour set apart, twelve noon' '
	d=$(day "$TODAY + 20 days") &&
	circle session add --group circle "$d" "seven thirty pm" >out &&
	test_grep "${d}T19:30" out &&
	circle session add --group circle "$d" "nineteen fifteen" >out &&
	test_grep "${d}T19:15" out &&
	circle session add --group circle "$d" "19 h 45" >out &&
	test_grep "${d}T19:45" out &&
	circle session add --group circle "$d" "twelve noon" >out &&
	test_grep "${d}T12:00" out &&
	circle session add --group circle "$d seven oh five pm" >out &&
	test_grep "${d}T19:05" out
'

test_expect_success 'three digits or an hour in words without am or pm: refused with both, nothing written' '
	d=$(day "$TODAY + 21 days") &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle "$d" 730 2>err &&
	test_grep "\"730\" is 07:30 or 19:30: add am or pm, or write 07:30 or 19:30" err &&
	test_expect_code 65 circle session add --group circle "$d" \
	    "seven thirty" 2>err &&
	test_grep "\"seven thirty\" is 07:30 or 19:30: add am or pm" err &&
	test_expect_code 65 circle session plan --group circle --every tue \
	    --at 930 --from "$d" --count 2 2>err &&
	test_grep "\"930\" is 09:30 or 21:30" err &&
	test_expect_code 65 circle session add --group circle \
	    "$d at 730" 2>err &&
	test_grep "730 is 07:30 or 19:30" err &&
	test_expect_code 65 circle session add --group circle $NAME 5 730 \
	    2>err &&
	test_grep "\"$NAME 5 730\": 730 is 07:30 or 19:30: add am or pm" err &&
	test_expect_code 65 circle session add --group circle "$d 730" 2>err &&
	test_grep "730 is 07:30 or 19:30" err &&
	test_expect_code 65 circle session add --group circle "$d" seven 2>err &&
	test_grep "\"seven\" is 07:00 or 19:00: add am or pm, or write 19:00" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'tomorrow in another language: refused naming the day, read in the locale'"'"'s' '
	tomorrow=$(day "$TODAY + 1 day") &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle demain \
	    19:00 2>err &&
	test_grep "\"demain\" is French for tomorrow (.* $tomorrow), and days are read in English or the locale'"'"'s language: write tomorrow" err &&
	test_expect_code 65 circle session list --from "mañana" 2>err &&
	test_grep "Spanish for tomorrow" err &&
	test_expect_code 65 circle checkin list --from gestern 2>err &&
	test_grep "German for yesterday" err &&
	circle db dump >after &&
	test_cmp before after &&
	LC_ALL=fr_FR.UTF-8 circle session add --group circle demain \
	    19:00 >out &&
	test_grep "${tomorrow}T19:00" out
'

test_expect_success 'plan --every a month'"'"'s days listed; bimonthly refused with both' '
	circle session plan --group circle --every "monthly on the 1st and 15th" \
	    --at 19:00 --from "$NEXT" --count 4 --dry-run >out &&
	test_grep "4 sessions from $NEXT to $(day "$NEXT + 1 month + 14 days") at 19:00" out &&
	circle db dump >before &&
	test_expect_code 65 circle session plan --group circle \
	    --every bimonthly --at 19:00 --from "$NEXT" --count 4 2>err &&
	test_grep "\"bimonthly\" is every two months to some and twice a month to others" err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
