#!/bin/sh
test_description='completion: circle __complete, and the bash and zsh scripts that ask it'
. "$(dirname "$0")/test-lib.sh"

# Words the front door offers after "circle" WORD..., without descriptions.
comp() {
	circle __complete "$@" >comp.raw 2>comp.err &&
	test_must_be_empty comp.err &&
	cut -f1 comp.raw
}

# The verbs of a tool's --help, first words, in order, once each.
help_verbs() {
	"circle-$1" --help | sed -n "s/^  circle $1 \([^ ]*\).*/\1/p" |
	    awk '!seen[$0]++'
}

# Every verb of every tool, "TOOL<TAB>VERB<TAB>USAGE" a line, from --help.
all_usages() {
	for tool in db group roster session attend report export checkin; do
		"circle-$tool" --help |
		    sed -n "s/^  circle $tool \(.*\)/\1/p" >usages.raw || return 1
		while IFS= read -r usage; do
			verb=${usage%%[[ ]-*}
			verb=$(printf "%s\n" "$verb" | sed "s/ [A-Z].*//")
			printf "%s\t%s\t%s\n" "$tool" "$verb" "$usage"
		done <usages.raw
	done
}

# The --options a usage line names, once each.
usage_options() {
	printf "%s\n" "$1" | tr " " "\n" |
	    sed -n "s/^[[(]*\(--[a-z-]*\).*/\1/p" | sort -u
}

test_lazy_prereq BASH 'command -v bash'
test_lazy_prereq BASH_COMPLETION '
	command -v bash &&
	test -r /usr/share/bash-completion/bash_completion
'
test_lazy_prereq ZSH 'command -v zsh'

test_expect_success 'with no database, completion creates none and says nothing' '
	comp "" >out &&
	test_grep -x roster out &&
	comp roster show "" >out &&
	test_must_be_empty out &&
	comp session show "" >out &&
	test_grep -x next out &&
	! test -e "$CIRCLE_DB" &&
	! test -e "$TRASH/data"
'

test_expect_success 'setup: a group, people, sessions around today, a survey' '
	test_fresh_db &&
	circle group add --tz America/Chicago "Wednesday Circle" >/dev/null &&
	circle group add --tz Europe/London "Grief Online" >/dev/null &&
	circle roster add --group wednesday-circle "Maya Lopez" >/dev/null &&
	circle roster add --group grief-online "Jordan Kim" >/dev/null &&
	from=$(date -u -d "-14 days" +%F) &&
	circle session plan --group wednesday-circle --every week --at 19:00 \
	    --from "$from" --count 6 >/dev/null &&
	date -u -d "+3 days" +%F >day3 &&
	circle session add --group grief-online "$(cat day3)" 10:00 \
	    >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

test_expect_success 'the tools offered are the tools of circle --help' '
	circle --help | sed -n "s/^  \([a-z][a-z]*\) .*/\1/p" >expect &&
	echo help >>expect &&
	echo init >>expect &&
	comp "" >out &&
	test_cmp expect out &&
	comp r >out &&
	printf "roster\nreport\n" >expect &&
	test_cmp expect out &&
	comp help "" >out &&
	test_grep -x checkin out
'

test_expect_success 'tools and verbs come with what they do' '
	circle __complete ro >out &&
	test_grep "^roster	the people" out &&
	circle __complete roster j >out &&
	test_grep "^join	add people to a group" out
'

for tool in db group roster session attend report export checkin; do
	test_expect_success "the verbs of circle $tool are those of its --help" '
		help_verbs $tool >expect &&
		comp $tool "" >out &&
		test_cmp expect out
	'
done

test_expect_success 'a verb of two words: its second words' '
	"circle-checkin" --help |
	    sed -n "s/^  circle checkin survey \([^ ]*\).*/\1/p" >expect &&
	comp checkin survey "" >out &&
	test_cmp expect out
'

# Every --option in every usage line of every --help is offered after it,
# so that what --help shows and what completes cannot drift apart.
test_expect_success 'every option of every verb, as --help shows it' '
	all_usages >usages &&
	while IFS="	" read -r tool verb usage; do
		usage_options "$usage" >want &&
		comp $tool $verb -- >got || exit 1
		for o in $(cat want) --db --format --json --help; do
			grep -qx -- "$o" got || {
				echo "circle $tool $verb: $o not offered" >&2
				exit 1
			}
		done
	done <usages
'

test_expect_success 'values: groups, people, sessions, surveys, tables, words' '
	comp roster list --group "" >out &&
	printf "grief-online\nwednesday-circle\n" >expect &&
	sort out >sorted &&
	test_cmp expect sorted &&
	comp roster show "" >out &&
	sort out >sorted &&
	printf "jordan-k\nmaya-l\n" >expect &&
	test_cmp expect sorted &&
	comp roster list --status "" >out &&
	printf "active\ninactive\n" >expect &&
	test_cmp expect out &&
	comp checkin survey show "" >out &&
	test_grep -x checkin out &&
	comp export csv "" >out &&
	printf "members\nsessions\nattendance\nresponses\nfollowups\n" >expect &&
	test_cmp expect out &&
	comp session prep --format "" >out &&
	printf "text\nmd\njson\n" >expect &&
	test_cmp expect out &&
	comp roster list --format j >out &&
	printf "json\njsonl\n" >expect &&
	test_cmp expect out
'

test_expect_success 'an option without values of its own borrows another verb'"'"'s' '
	comp roster add --role "" >out &&
	printf "member\nfacilitator\nguest\n" >expect &&
	test_cmp expect out
'

test_expect_success 'sessions: next, last, today and the dates around today' '
	comp session show "" >out &&
	test_grep -x next out &&
	test_grep -x last out &&
	test_grep -x today out &&
	test_grep -x "$(cat day3)" out &&
	comp session show --group wednesday-circle "" >out &&
	! test_grep -x "$(cat day3)" out &&
	test "$(grep -c "^[0-9]" out)" = 6
'

test_expect_success 'a session date with two sessions also comes with each time' '
	day=$(cat day3) &&
	circle session add --group grief-online "$day" 18:00 >/dev/null &&
	comp session show --group grief-online "$day" >out &&
	printf "%s\n%sT10:00\n%sT18:00\n" "$day" "$day" "$day" >expect &&
	test_cmp expect out
'

test_expect_success 'a person'"'"'s handle where the usage asks for a person' '
	comp attend mark next "" >out &&
	test_grep -x maya-l out &&
	comp attend mark --group grief-online next "" >out &&
	echo jordan-k >expect &&
	test_cmp expect out &&
	comp checkin list --member m >out &&
	echo maya-l >expect &&
	test_cmp expect out
'

# No person, by handle or by name, anywhere else: every option value and
# the first three operands of every verb of every tool.
test_expect_success 'no person anywhere the usage does not ask for one' '
	all_usages >usages &&
	while IFS="	" read -r tool verb usage; do
		for o in $(usage_options "$usage"); do
			comp $tool $verb $o "" >got || exit 1
			ph=$(printf "%s\n" "$usage" |
			    sed -n "s/.*$o \([^][ ]*\).*/\1/p")
			case $ph in ""|-*|M|MEMBER) continue ;; esac
			if grep -q -e maya -e Maya -e Lopez got; then
				echo "circle $tool $verb $o: a person" >&2
				exit 1
			fi
		done
		case $usage in *MEMBER*|*" M "*|*" M]"*) continue ;; esac
		for ops in "" "x" "x x"; do
			comp $tool $verb $ops "" >got || exit 1
			if grep -q -e maya -e Maya got; then
				echo "circle $tool $verb $ops: a person" >&2
				exit 1
			fi
		done
	done <usages
'

test_expect_success 'names are never offered, only handles' '
	for w in "roster show" "attend mark next" "report member"; do
		circle __complete $w "" >got || exit 1
		! grep -e Maya -e Lopez -e Jordan got || exit 1
	done
'

test_expect_success 'files where the usage says FILE' '
	comp group import "" >out &&
	echo :file >expect &&
	test_cmp expect out &&
	comp --db "" >out &&
	test_cmp expect out &&
	comp export xlsx -o "" >out &&
	test_cmp expect out
'

test_expect_success '--db before the tool names the database read' '
	circle --db other.db init >/dev/null &&
	circle --db other.db group add "Other Group" >/dev/null &&
	comp --db other.db roster list --group "" >out &&
	echo other-group >expect &&
	test_cmp expect out &&
	comp roster --db=other.db list --group "" >out &&
	test_cmp expect out
'

test_expect_success 'completion reads without writing a byte' '
	cp "$CIRCLE_DB" before.db &&
	before=$(stat -c %Y "$CIRCLE_DB") &&
	comp roster show "" >/dev/null &&
	comp session show "" >/dev/null &&
	comp checkin survey show "" >/dev/null &&
	cmp before.db "$CIRCLE_DB" &&
	test "$(stat -c %Y "$CIRCLE_DB")" = "$before" &&
	test "$(test_sql "SELECT count(*) FROM change_log
	    WHERE tool LIKE '\''%complete%'\''")" = 0
'

test_expect_success 'a database of another version is not migrated for it' '
	circle --db old.db init >/dev/null &&
	"$SQLITE3" old.db "PRAGMA user_version = 1" &&
	cp old.db old.before &&
	comp --db old.db roster show "" >out &&
	test_must_be_empty out &&
	cmp old.db old.before
'

test_expect_success 'the scripts name no tool, verb or option' '
	for w in roster session attend checkin --group --format; do
		! grep -w -e "$w" "$CIRCLE_SRC/completions/circle.bash" \
		    "$CIRCLE_SRC/completions/_circle" || exit 1
	done
'

cb() {
	bash "$CIRCLE_SRC/tests/t0300/complete.bash" "$@"
}

test_expect_success BASH 'bash: tools, verbs and values' '
	cb "circle ro" >out &&
	echo roster >expect &&
	test_cmp expect out &&
	cb "circle roster j" >out &&
	echo join >expect &&
	test_cmp expect out &&
	cb "circle roster show m" >out &&
	echo maya-l >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: --opt=value and date-times, split where bash splits' '
	cb "circle roster list --group=w" >out &&
	echo wednesday-circle >expect &&
	test_cmp expect out &&
	cb "circle roster list --group=" >out &&
	test_grep -x grief-online out &&
	day=$(cat day3) &&
	cb "circle session show --group grief-online ${day}T1" >out &&
	printf "%sT10:00\n%sT18:00\n" "$day" "$day" >expect &&
	test_cmp expect out &&
	cb "circle session show --group grief-online ${day}T18:" >out &&
	echo 00 >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: file names where a file is asked for' '
	: >roster-new.csv &&
	cb "circle roster import roster-n" >out &&
	echo roster-new.csv >expect &&
	test_cmp expect out
'

test_expect_success BASH_COMPLETION 'bash with bash-completion loaded' '
	cb --bash-completion "circle ro" >out &&
	echo roster >expect &&
	test_cmp expect out &&
	cb --bash-completion "circle roster list --group=w" >out &&
	echo wednesday-circle >expect &&
	test_cmp expect out &&
	: >roster-new.csv &&
	cb --bash-completion "circle roster import roster-n" >out &&
	echo roster-new.csv >expect &&
	test_cmp expect out
'

cz() {
	zsh -f "$CIRCLE_SRC/tests/t0300/complete.zsh" "$@"
}

test_expect_success ZSH 'zsh: tools, verbs, values and files' '
	cz "circle ro" >out &&
	echo roster >expect &&
	test_cmp expect out &&
	cz "circle roster " >out &&
	help_verbs roster >expect &&
	test_cmp expect out &&
	cz "circle roster list --group=w" >out &&
	echo --group=wednesday-circle >expect &&
	test_cmp expect out &&
	cz "circle attend mark next m" >out &&
	echo maya-l >expect &&
	test_cmp expect out &&
	cz "circle group import " >out &&
	echo "(files)" >expect &&
	test_cmp expect out
'

test_done
