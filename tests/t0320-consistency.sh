#!/bin/sh
test_description='consistency: one word for one thing across every tool (issue 16 item 9)'
. "$(dirname "$0")/test-lib.sh"

TOOLS="db group roster session attend report export checkin"
MAN=$CIRCLE_SRC/man

# The usage lines of circle-TOOL --help, after "circle TOOL ".
usages() {
	"circle-$1" --help | sed -n "s/^  circle $1 \(.*\)/\1/p"
}

test_expect_success 'setup: a group with a past session and people' '
	test_fresh_db &&
	circle group add --tz UTC "Tuesday Circle" >/dev/null &&
	circle roster add --group tuesday-circle "Maya Lopez" >/dev/null &&
	circle roster add --group tuesday-circle "Jordan Kim" >/dev/null &&
	circle roster add --group tuesday-circle "Sam Wu" >/dev/null &&
	circle session add --group tuesday-circle 2026-01-06 19:00 >/dev/null
'

test_expect_success 'circle --help names every verb of every tool' '
	circle --help >top &&
	for tool in $TOOLS; do
		line=$(grep "^  $tool " top) || exit 1
		for verb in $(usages $tool | cut -d" " -f1 | sort -u); do
			case " $(echo "$line" | tr -d ",:") " in
			*" $verb "*) ;;
			*) echo "circle --help: $tool lacks $verb" >&2; exit 1 ;;
			esac
		done
	done
'

test_expect_success 'every format --format takes is in every tool'"'"'s help and page' '
	for f in table tsv csv json jsonl md; do
		circle roster --format $f list >/dev/null || exit 1
	done &&
	for tool in $TOOLS; do
		"circle-$tool" --help >help &&
		test_grep "table|tsv|csv|json|jsonl|md" help || exit 1
	done &&
	for page in "$MAN"/circle-*.1; do
		grep -q "Fl -format Cm table" "$page" || continue
		grep -q "Fl -format Cm table.*Cm md$" "$page" || {
			echo "$page: --format without md" >&2
			exit 1
		}
	done
'

# What a mark is called on the screen is what its flag says.
test_expect_success 'output words are the flags'"'"' words: left-early' '
	circle attend mark --left-early 2026-01-06 maya-l >out &&
	echo "1 marked left-early" >expect &&
	test_cmp expect out &&
	circle attend list --format tsv 2026-01-06 >out &&
	test_grep "^maya-l	.*	left-early	" out &&
	! grep left_early out
'

# --to is an end date (session list, reports, exports); a destination is
# --to-date, with --to kept for a while with a warning.
test_expect_success 'session move: the destination is --to-date, --to its old name' '
	circle session add --group tuesday-circle 2026-01-13 19:00 >/dev/null &&
	circle session move --to-date 2026-01-14 2026-01-13 >out 2>err &&
	echo "1 session moved" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle session move --to 2026-01-15 2026-01-14 >out 2>err &&
	test_cmp expect out &&
	test_grep "warning: move: --to is deprecated; use --to-date" err &&
	circle session list --format tsv --from 2026-01-15 --to 2026-01-15 >out &&
	test_grep "2026-01-15	19:00" out &&
	test_expect_code 2 circle session move --to 2026-01-16 \
	    --to-date 2026-01-16 2026-01-15 2>err &&
	circle session --help >help &&
	test_grep "move \[--group G\] \[--to-date DATE\]" help
'

# keys_are_options FILE TOOL VERB: each key in FILE is an --option of the
# verb's usage in circle-TOOL --help.
keys_are_options() {
	"circle-$2" --help | grep "^  circle $2 $3 " >help || return 1
	for _k in $(cat "$1"); do
		grep -q -- "--$_k " help || {
			echo "$1: $_k is no option of circle $2 $3" >&2
			return 1
		}
	done
}

# The keys of circle-group(5): a group's are group edit's options, a
# schedule's are session plan's.
test_expect_success 'the group file'"'"'s keys are the options of group edit and session plan' '
	awk "/^\\.Ss A schedule/ { exit } /^\\.It Ic / { print \$3 }" \
	    "$MAN/circle-group.5" | grep -v -x -e facilitators -e surveys -e schedules >group-keys &&
	test_grep -x online group-keys &&
	test_grep -x tz group-keys &&
	keys_are_options group-keys group edit &&
	awk "/^\\.Ss A schedule/ { on = 1 } on && /^\\.El/ { exit }
	    on && /^\\.It Ic / { print \$3 }" "$MAN/circle-group.5" \
	    >schedule-keys &&
	test_grep -x every schedule-keys &&
	keys_are_options schedule-keys session plan &&
	circle group add --online https://meet.example.org/a "Online A" >/dev/null &&
	circle group add --url https://meet.example.org/b "Online B" >/dev/null \
	    2>err &&
	test_grep "^circle-group: warning: add: --url is deprecated; use --online\$" err &&
	circle group show --format tsv online-a >out &&
	test_grep "https://meet.example.org/a" out &&
	circle group show --format tsv online-b >out &&
	test_grep "https://meet.example.org/b" out
'

# Where a verb takes one person or id, it takes several: all or none.
test_expect_success 'roster join and leave --group G take several people, all or none' '
	circle group add --tz UTC "Wednesday Circle" >/dev/null &&
	circle roster join --group wednesday-circle maya-l jordan-k >out &&
	echo "2 joined wednesday-circle" >expect &&
	test_cmp expect out &&
	test_expect_code 1 circle roster join --group wednesday-circle \
	    sam-w maya-l >out 2>err &&
	test_must_be_empty out &&
	test_grep "maya-l is already in wednesday-circle" err &&
	circle roster list --group wednesday-circle --format tsv >out &&
	! grep sam-w out &&
	circle roster leave --group wednesday-circle maya-l jordan-k >out &&
	echo "2 left wednesday-circle" >expect &&
	test_cmp expect out &&
	circle roster join sam-w wednesday-circle >out &&
	echo "1 joined wednesday-circle" >expect &&
	test_cmp expect out &&
	circle roster leave sam-w wednesday-circle >out &&
	circle roster join sam-w maya-l wednesday-circle >out &&
	echo "2 joined wednesday-circle" >expect &&
	test_cmp expect out &&
	circle roster leave sam-w maya-l wednesday >out &&
	echo "2 left wednesday-circle" >expect &&
	test_cmp expect out &&
	test_expect_code 2 circle roster join sam-w maya-l jordan-k 2>err &&
	test_grep "which group? there are" err &&
	test_expect_code 1 circle roster join sam-w nobody-here 2>err &&
	test_grep "no group \"nobody-here\"" err &&
	circle --db one.db init >/dev/null &&
	circle --db one.db group add --tz UTC "Only Group" >/dev/null &&
	circle --db one.db roster add "Ann Lee" >/dev/null &&
	circle --db one.db roster add "Bob Oneil" >/dev/null &&
	circle --db one.db roster join ann bob >out &&
	echo "2 joined only-group" >expect &&
	test_cmp expect out &&
	circle --db one.db roster leave ann bob >out &&
	echo "2 left only-group" >expect &&
	test_cmp expect out
'

test_expect_success 'checkin resolve and dismiss take several ids, all or none' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	for who in maya-l jordan-k sam-w; do
		circle checkin take --survey checkin 2026-01-06 $who mood=1 \
		    distress=9 safe=no >/dev/null 2>&1 || exit 1
	done &&
	test_sql "SELECT id FROM followup WHERE status = '\''open'\''
	    ORDER BY id" >ids &&
	test "$(wc -l <ids)" -ge 3 &&
	set -- $(cat ids) &&
	circle checkin resolve "$1" "$2" >out &&
	echo "follow-ups $1, $2 resolved" >expect &&
	test_cmp expect out &&
	test_expect_code 1 circle checkin dismiss "$3" "$1" >out 2>err &&
	test_must_be_empty out &&
	test "$(test_sql "SELECT status FROM followup WHERE id = $3")" = open &&
	circle checkin dismiss "$3" >out &&
	echo "follow-up $3 dismissed" >expect &&
	test_cmp expect out &&
	test_expect_code 2 circle checkin resolve 4x 2>err &&
	test_grep "\"4x\" is not a follow-up id" err
'

# A write that takes a file or makes many changes can be tried first.
test_expect_success 'every import, and session plan, takes --dry-run' '
	for v in "group import" "roster import" "session import" \
	    "session plan" "attend import" "checkin import" \
	    "checkin survey add"; do
		tool=${v%% *} &&
		circle-$tool --help | grep "^  circle $v " >usage &&
		test_grep -e "--dry-run" usage || exit 1
	done &&
	circle db dump >before &&
	circle session plan --group tuesday-circle --every week --at 18:00 \
	    --from 2026-03-03 --count 4 --dry-run >out &&
	echo "dry run: would be 4 added, 0 moved, 0 removed; 4 sessions from 2026-03-03 to 2026-03-24 at 18:00" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after &&
	circle session plan --group tuesday-circle --every week --at 18:00 \
	    --from 2026-03-03 --count 4 >out &&
	echo "4 added, 0 moved, 0 removed; 4 sessions from 2026-03-03 to 2026-03-24 at 18:00" >expect &&
	test_cmp expect out
'

# Every write says in one line what it changed; -q (or --quiet) says
# nothing, before or after the verb.
test_expect_success 'every write prints one line saying what changed; -q none' '
	while IFS="|" read -r cmd want; do
		eval "circle $cmd" >out 2>err || {
			echo "circle $cmd failed" >&2
			cat err >&2
			exit 1
		}
		echo "$want" >expect &&
		test_cmp expect out || exit 1
	done <<-\EOF &&
	group edit --location Hall tuesday-circle|group tuesday-circle updated
	group archive online-b|group online-b archived
	group archive --undo online-b|group online-b unarchived
	roster edit --pronouns she maya-l|maya-l updated
	roster deactivate jordan-k sam-w|2 deactivated
	roster reactivate jordan-k sam-w|2 reactivated
	session edit --group tuesday-circle --topic Boundaries 2026-01-06|session 2026-01-06 updated
	session cancel --group tuesday-circle 2026-03-10|session 2026-03-10 cancelled
	session cancel --group tuesday-circle --undo 2026-03-10|session 2026-03-10 no longer cancelled
	attend headcount --group tuesday-circle --force 2026-03-03 5|headcount 5 recorded at 2026-03-03
	export ics --group tuesday-circle -o t.ics|wrote t.ics
	export csv --group tuesday-circle -o m.csv members|wrote m.csv
	export xlsx --group tuesday-circle -o t.xlsx|wrote t.xlsx
	export signin --group tuesday-circle -o s.xlsx 2026-01-06|wrote s.xlsx
	db dump -o d.jsonl|wrote d.jsonl
	EOF
	while read -r cmd; do
		eval "circle $cmd" >out 2>err &&
		test_must_be_empty out || {
			echo "circle $cmd: not quiet" >&2
			exit 1
		}
	done <<-\EOF
	group edit -q --location Room tuesday-circle
	roster -q edit --pronouns they maya-l
	session edit --quiet --group tuesday-circle --topic Grief 2026-01-06
	attend mark -q --group tuesday-circle 2026-01-06 jordan-k
	export ics -q --group tuesday-circle -o t.ics
	db --quiet dump -o d.jsonl
	roster join -q --group online-a maya-l
	EOF
'

# The demo shows what the tools print: its own lines are only the step
# headers, notes in parentheses, and the closing "try it yourself".
test_expect_success 'examples/demo.sh prints only what the tools print' '
	grep -n -E "^[[:space:]]*(echo|printf)" "$EXAMPLES/demo.sh" >lines &&
	test_grep "== %s ==" lines &&
	! grep -v -e ">&2" -e "== %s ==" -e "echo \"(" -e "echo\$" \
	    -e "printf .  " -e "Done.  Try it" lines
'

test_done
