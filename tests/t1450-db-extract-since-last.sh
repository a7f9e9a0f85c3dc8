#!/bin/sh
test_description='circle db extract --since last: what changed since the
last extract of the same groups made here, its time said, none refused
saying what to type'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

test_expect_success 'setup: Ada, two groups, marks' '
	ada init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	ada group add --tz UTC "Tuesday Group" >/dev/null &&
	ada roster add "Dana Diaz" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday-group >/dev/null &&
	ada session add --group monday-group 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-02 dana-d >/dev/null &&
	ada session add --group tuesday-group 2026-11-03 18:00 >/dev/null
'

test_expect_success 'no extract of those groups before: refused before a passphrase is asked, saying what to type, nothing written' '
	sql "$ADA" "SELECT * FROM network ORDER BY key" >before &&
	test_expect_code 1 ada db extract --group monday-group --since last \
	    -o m.circle 2>err &&
	echo "circle-db: --since last: no extract with --group monday-group was made here before (circle keeps the time of each one from this version on; one that left out what this one holds does not count, as what it left out would never travel); nothing written: send the first one whole ('"'"'circle db extract --group monday-group -o FILE'"'"', without --since), or give the date of the last one you sent ('"'"'--since YYYY-MM-DD'"'"')" >expect &&
	test_cmp expect err &&
	test ! -e m.circle &&
	test_expect_code 1 ada db extract --group monday-group --since last \
	    --encrypt -o m.circle 2>err </dev/null &&
	test_cmp expect err &&
	test ! -e m.circle &&
	test_expect_code 1 ada db extract --all --since last -o m.circle \
	    2>err &&
	test_grep "no extract with --all was made here before" err &&
	test_grep "circle db extract --all -o FILE" err &&
	test ! -e m.circle &&
	sql "$ADA" "SELECT * FROM network ORDER BY key" | sed "/^origin|/d" \
	    >after &&
	sed "/^origin|/d" before >expect &&
	test_cmp expect after
'

test_expect_success 'a word that is neither a date nor last is refused as before' '
	test_expect_code 65 ada db extract --group monday-group --since lastt \
	    -o m.circle 2>err &&
	test_grep "\"lastt\" is not a date" err &&
	test ! -e m.circle
'

# The rows changed in the second an extract began travel again (never one
# less): each step here is a second apart.
test_expect_success 'after a first extract, --since last takes what changed since it, and says from when' '
	sleep 1 &&
	ada db extract --group monday-group -o m1.circle >out &&
	cy db merge m1.circle >/dev/null &&
	t1=$(sql "$ADA" "SELECT value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"'") &&
	test -n "$t1" &&
	sleep 1 &&
	ada session add --group monday-group 2026-11-09 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-09 dana-d >/dev/null &&
	ada db extract --group monday-group --since last -o m2.circle >out &&
	d=$(echo "$t1" | sed "s/T/ /; s/Z\$//") &&
	test_grep "^m2.circle: what changed since $d UTC, when the last extract of these groups was made here\$" out &&
	test_grep "^m2.circle: 1 group, 1 person, 2 sessions, 1 attendance row," out &&
	test "$(sql m2.circle "SELECT value FROM network WHERE key =
	    '"'"'since'"'"'")" = "$t1" &&
	cy db merge m2.circle >/dev/null &&
	ada report attendance --group monday-group >expect &&
	cy report attendance --group monday-group >actual &&
	test_cmp expect actual
'

test_expect_success 'each set of groups has its own last extract; the order given is no matter' '
	t2=$(sql "$ADA" "SELECT value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"'") &&
	test_expect_code 1 ada db extract --group tuesday-group --since last \
	    -o t.circle 2>err &&
	test_grep "no extract with --group tuesday-group" err &&
	ada db extract --group tuesday-group --group monday-group \
	    -o tm.circle >/dev/null &&
	ada db extract --group monday-group --group tuesday-group \
	    --since last -o tm2.circle >out &&
	test_grep "^tm2.circle: what changed since" out &&
	test "$(sql "$ADA" "SELECT value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"' AND key NOT LIKE '"'"'% %'"'"'")" = "$t2"
'

test_expect_success 'an extract that fails keeps the last one'"'"'s time; an undo never takes it back' '
	sql "$ADA" "SELECT key, value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"' ORDER BY key" >before &&
	sleep 1 &&
	test_expect_code 1 ada db extract --group monday-group --since last \
	    -o m2.circle 2>err &&
	test_grep "m2.circle" err &&
	sql "$ADA" "SELECT key, value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"' ORDER BY key" >after &&
	test_cmp before after &&
	ada attend mark --group monday-group --late 2026-11-09 dana-d \
	    >/dev/null &&
	ada db extract --group monday-group --since last -o m3.circle \
	    >/dev/null &&
	sql "$ADA" "SELECT key, value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"' ORDER BY key" >made &&
	! test_cmp before made >/dev/null &&
	ada undo --yes >out &&
	test_grep "attend mark" out &&
	sql "$ADA" "SELECT key, value FROM network WHERE key LIKE
	    '"'"'extract:%'"'"' ORDER BY key" >after &&
	test_cmp made after
'

# A note of a mark made after the last whole extract, then an extract
# --without-notes: the next whole one --since last starts from the last
# whole one, so that the note travels.
test_expect_success 'since last starts from the last extract that held as much: a note left out by a --without-notes one travels in the next' '
	sleep 1 &&
	ada attend mark --group monday-group --note "came back after a while" \
	    2026-11-09 dana-d >/dev/null &&
	sleep 1 &&
	ada db extract --group monday-group --without-notes --since last \
	    -o wn.circle >out &&
	test "$(sql wn.circle "SELECT count(*) FROM attendance WHERE note IS
	    NOT NULL")" = 0 &&
	test "$(sql wn.circle "SELECT count(*) FROM attendance")" = 1 &&
	ada db extract --group monday-group --since last -o full.circle >out &&
	test "$(sql full.circle "SELECT count(*) FROM attendance WHERE note =
	    '"'"'came back after a while'"'"'")" = 1 &&
	ada db extract --group monday-group --without-notes --since last \
	    -o wn2.circle >out &&
	test "$(sql wn2.circle "SELECT count(*) FROM attendance")" = 0 &&
	test_expect_code 1 ada db extract --group monday-group --pseudonymize \
	    --since last -o p.circle 2>err &&
	test_grep "no extract with --group monday-group --pseudonymize was made here before" err &&
	test_grep "circle db extract --group monday-group --pseudonymize -o FILE" err &&
	test ! -e p.circle
'

test_done
