# export-scenario.sh: the small world the export and funder tests share,
# sourced after test-lib.sh.  export_scenario builds it in $CIRCLE_DB.
#
# The Tuesday circle meets at 19:30 in New York:
#
#   S1 2025-03-04 held       present: ana ben dev and the four "formula"
#                            names (=HYPERLINK(...), +1, -2, @SUM(A1))
#   S2 2025-03-11 held       ana excused, dev absent (marked), gus walks in
#   S3 2025-03-18 cancelled
#   S4 2025-03-25 unrecorded (still scheduled)
#   S5 2025-04-01 held       ana late
#
# Members from 2025-01-01 except cara (joins 2025-03-15); dev leaves
# 2025-03-20; eli is inactive; gus is a guest.  The Open Door group keeps
# no names: head counts 7 (March) and 5 (April).
#
# Check-ins (examples/surveys/checkin.yaml, score the mean of mood and
# 10 - distress): ana 4 at S1 and 8 at S5 (+4), ben 6 and 5 (-1), dev 4
# at S1 only, one anonymous 7 at S2.  dev said they do not feel safe: one
# follow-up.
#
# Held sessions: 5 (7.5 hours); people who came: ana ben dev gus and the
# four formula names (8), none three times; contacts 7 + 1 + 1 + 7 + 5 = 21.

TC=tuesday-circle
# The names a spreadsheet would take for formulas.
F1='=HYPERLINK("http://x","y")'
F2='+1'
F3='-2'
F4='@SUM(A1)'

export_scenario() {
	test_fresh_db &&
	circle group add --tz America/New_York "Tuesday Circle" >/dev/null &&
	circle group add --tz UTC "Open Door" >/dev/null &&
	circle roster add --email ben@example.org --phone 555-0100 \
	    --consent yes --pronouns he/him "Ben Brooks" >/dev/null &&
	circle roster add --email cara@example.org --consent no \
	    "Cara Chen" >/dev/null &&
	for n in "Ana Alvarez" "Dev Desai" "Eli Evans" "$F1" "$F2" "$F3" \
	    "$F4"; do
		circle roster add -- "$n" >/dev/null || return 1
	done &&
	for m in ana-a ben-b dev-d eli-e hyperlink-y m-1 m-2 sum-a; do
		circle roster join --on 2025-01-01 $m $TC || return 1
	done &&
	circle roster join --on 2025-03-15 cara-c $TC &&
	circle roster leave --on 2025-03-20 dev-d $TC &&
	circle roster deactivate eli-e &&
	for d in 2025-03-04 2025-03-11 2025-03-18 2025-03-25 2025-04-01; do
		circle session add --group $TC $d 19:30 >/dev/null || return 1
	done &&
	circle session add --group open-door 2025-03-06 18:00 >/dev/null &&
	circle session add --group open-door 2025-04-03 18:00 >/dev/null &&
	circle session cancel --group $TC 2025-03-18 &&
	circle session edit --group $TC --topic "Boundaries, part 1" \
	    2025-03-04 &&
	circle attend mark --group $TC 2025-03-04 ana-a ben-b dev-d \
	    hyperlink-y m-1 m-2 sum-a >/dev/null &&
	circle attend mark --group $TC --excused 2025-03-11 ana-a >/dev/null &&
	circle attend mark --group $TC --absent 2025-03-11 dev-d >/dev/null &&
	circle attend walk-in --group $TC --session 2025-03-11 \
	    "Gus Green" >/dev/null &&
	circle attend mark --group $TC --late 2025-04-01 ana-a >/dev/null &&
	circle attend headcount --group open-door 2025-03-06 7 &&
	circle attend headcount --group open-door 2025-04-03 5 &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" \
	    >/dev/null &&
	take() {
		circle checkin take --group $TC --survey checkin "$@" >/dev/null
	} &&
	take 2025-03-04 ana-a mood=4 distress=6 safe=yes &&
	take 2025-04-01 ana-a mood=8 distress=2 safe=yes \
	    "note=better, thanks" &&
	take 2025-03-04 ben-b mood=6 distress=4 safe=yes &&
	take 2025-04-01 ben-b mood=5 distress=5 safe=yes &&
	take 2025-03-04 dev-d mood=3 distress=5 safe=no &&
	take --anonymous 2025-03-11 mood=7 distress=3 safe=yes &&
	test "$(test_sql "SELECT count(*) FROM followup")" = 1
}
