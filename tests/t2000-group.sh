#!/bin/sh
test_description='circle group: add, list, show, edit, archive, and the
change log each of them writes'
. "$(dirname "$0")/test-lib.sh"

PY=/usr/bin/python3

# field NAME: the value of NAME in the JSON object on stdin ("None" for null).
field() {
	"$PY" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# show_field GROUP NAME: one field of "circle group show GROUP".
show_field() {
	circle group show --json "$1" | field "$2"
}

log_count() {
	test_sql "SELECT count(*) FROM change_log"
}

test_expect_success 'setup' '
	circle init >/dev/null
'

test_expect_success 'no groups yet: list exits 1, show says how to add one' '
	test_expect_code 1 circle group list >out &&
	test_must_be_empty out &&
	test_expect_code 1 circle group show 2>err &&
	test_grep "circle group add" err
'

test_expect_success 'add makes the handle from the name' '
	circle group add "Tuesday Evening Circle" >out &&
	echo tuesday-evening-circle >expect &&
	test_cmp expect out &&
	test "$(show_field tuesday-evening-circle name)" = "Tuesday Evening Circle"
'

test_expect_success 'with one group, show needs no argument' '
	circle group show --json >out &&
	test "$(field handle <out)" = tuesday-evening-circle &&
	test "$(field duration <out)" = 90 &&
	test "$(field archived_at <out)" = None
'

test_expect_success 'add with an explicit --handle and every field' '
	circle group add --handle thursday --description "Peer support, open" \
	    --location "Community Hall, Room 2" --url https://meet.example.org/thu \
	    --tz Europe/London --duration 75 "Thursday Survivors Group" >out &&
	echo thursday >expect &&
	test_cmp expect out &&
	circle group show --json thursday >show.json &&
	test "$(field name <show.json)" = "Thursday Survivors Group" &&
	test "$(field description <show.json)" = "Peer support, open" &&
	test "$(field location <show.json)" = "Community Hall, Room 2" &&
	test "$(field online_url <show.json)" = https://meet.example.org/thu &&
	test "$(field tz <show.json)" = Europe/London &&
	test "$(field duration <show.json)" = 75
'

test_expect_success 'a handle asked for that is taken: exit 65, nothing added' '
	log_count >before &&
	test_expect_code 65 circle group add --handle thursday "Another" \
	    >out 2>err &&
	test_grep "handle" err &&
	test_grep "thursday" err &&
	test_must_be_empty out &&
	circle group list >list &&
	test $(wc -l <list) = 2 &&
	log_count >after &&
	test_cmp before after
'

test_expect_success 'add of a name a group has (any case, accents, spacing) is refused, nothing added' '
	log_count >before &&
	n=$(test_sql "SELECT count(*) FROM grp") &&
	test_expect_code 65 circle group add "tuesday  EVENING circle" \
	    >out 2>err &&
	test_must_be_empty out &&
	echo "circle-group: add: a group named \"tuesday  EVENING circle\" is there already: tuesday-evening-circle; give --new to add another" >expect &&
	test_cmp expect err &&
	log_count >after &&
	test_cmp before after &&
	test "$(test_sql "SELECT count(*) FROM grp")" = "$n"
'

test_expect_success 'a second group with the same name (--new) gets a -2 handle' '
	circle group add --new "Tuesday Evening Circle" >out &&
	echo tuesday-evening-circle-2 >expect &&
	test_cmp expect out &&
	test "$(show_field tuesday-evening-circle-2 name)" = \
	    "Tuesday Evening Circle"
'

test_expect_success 'the change log names the handle the group was given' '
	test_sql "SELECT detail FROM change_log WHERE action = '"'"'add'"'"'
	    ORDER BY id DESC LIMIT 1" >detail &&
	test_grep "\"handle\":\"tuesday-evening-circle-2\"" detail
'

test_expect_success 'add refuses bad values: exit 65, nothing added' '
	log_count >before &&
	test_expect_code 65 circle group add --tz Mars/Olympus X 2>err &&
	test_grep "tz" err &&
	test_expect_code 65 circle group add --url "javascript:alert(1)" X \
	    2>err &&
	test_grep "url" err &&
	test_expect_code 65 circle group add --duration 0 X 2>err &&
	test_grep "duration" err &&
	test_expect_code 65 circle group add --handle "Not A Handle" X 2>err &&
	test_grep "handle" err &&
	test_expect_code 65 circle group add "" 2>err &&
	test_grep "name" err &&
	log_count >after &&
	test_cmp before after &&
	test $(circle group list | wc -l) = 3
'

test_expect_success 'add without a name is a usage error' '
	test_expect_code 2 circle group add 2>err &&
	test_grep "usage: circle group add" err
'

test_expect_success 'list, piped: tab-separated, no header, by handle' '
	circle group list >out &&
	printf "%s\t%s\t%s\t%s\t%s\n" \
	    thursday "Thursday Survivors Group" Europe/London \
	    "Community Hall, Room 2" 0 >expect &&
	grep "^thursday	" out >actual &&
	test_cmp expect actual &&
	cut -f1 out >handles &&
	printf "%s\n" thursday tuesday-evening-circle \
	    tuesday-evening-circle-2 >expect &&
	test_cmp expect handles &&
	! grep "^handle" out
'

test_expect_success 'list --format tsv is the same as piped' '
	circle group list >piped &&
	circle group list --format tsv >tsv &&
	test_cmp piped tsv
'

test_expect_success 'list --format table: a header and aligned columns' '
	circle group list --format table >out &&
	head -n 1 out >header &&
	test_grep "^handle  *name  *tz  *location  *members" header &&
	test $(wc -l <out) = 4 &&
	! grep "	" out &&
	test_grep "^thursday  *Thursday Survivors Group  *Europe/London" out
'

if command -v script >/dev/null 2>&1; then
	test_expect_success 'list on a terminal is a table' '
		script -qec "circle group list" /dev/null >out </dev/null &&
		test_grep "^handle  *name" out
	'
else
	test_skip 'list on a terminal is a table' 'no script(1)'
fi

test_expect_success 'list --format csv parses, with a header' '
	circle group list --format csv >out.csv &&
	"$PY" -c "
import csv, sys
rows = list(csv.reader(open(\"out.csv\", newline=\"\")))
assert rows[0][:5] == [\"handle\", \"name\", \"tz\", \"location\", \"members\"], rows[0]
assert len(rows) == 4, rows
t = [r for r in rows if r[0] == \"thursday\"][0]
assert t[3] == \"Community Hall, Room 2\", t
"
'

test_expect_success 'list --format json is one JSON array' '
	circle group list --format json >out.json &&
	"$PY" -c "import json,sys; json.load(sys.stdin)" <out.json &&
	"$PY" -c "
import json
a = json.load(open(\"out.json\"))
assert isinstance(a, list) and len(a) == 3, a
t = [g for g in a if g[\"handle\"] == \"thursday\"][0]
assert t[\"location\"] == \"Community Hall, Room 2\", t
assert t[\"members\"] == 0, t
" &&
	circle group list --json >out2.json &&
	test_cmp out.json out2.json
'

test_expect_success 'list --format jsonl is one JSON object a line' '
	circle group list --format jsonl >out.jsonl &&
	test $(wc -l <out.jsonl) = 3 &&
	while IFS= read -r line; do
		printf "%s\n" "$line" |
		    "$PY" -c "import json,sys; assert isinstance(json.load(sys.stdin), dict)" ||
		    exit 1
	done <out.jsonl
'

test_expect_success 'an unknown --format is a usage error' '
	test_expect_code 2 circle group list --format yaml 2>err &&
	test_grep "format" err
'

test_expect_success 'with several groups, show without one: exit 2, all listed' '
	test_expect_code 2 circle group show >out 2>err &&
	test_must_be_empty out &&
	test_grep "thursday" err &&
	test_grep "tuesday-evening-circle," err &&
	test_grep "tuesday-evening-circle-2" err
'

test_expect_success 'show a group by name prefix and by handle' '
	test "$(show_field Thursday handle)" = thursday &&
	test "$(show_field thursday name)" = "Thursday Survivors Group"
'

test_expect_success 'an unknown group suggests the nearest handle' '
	test_expect_code 1 circle group show thursdy >out 2>err &&
	test_must_be_empty out &&
	test_grep "did you mean thursday" err &&
	test_expect_code 1 circle group edit --location X thursdy 2>err &&
	test_grep "did you mean thursday" err &&
	test_expect_code 1 circle group archive thursdy 2>err &&
	test_grep "did you mean thursday" err
'

test_expect_success 'edit each field' '
	g=tuesday-evening-circle-2 &&
	circle group edit --name "Tuesday Late Circle" $g &&
	test "$(show_field $g name)" = "Tuesday Late Circle" &&
	circle group edit --description "For partners and family" $g &&
	test "$(show_field $g description)" = "For partners and family" &&
	circle group edit --location "Library, upstairs" $g &&
	test "$(show_field $g location)" = "Library, upstairs" &&
	circle group edit --url "https://video.example.org/tue?room=7" $g &&
	test "$(show_field $g online_url)" = "https://video.example.org/tue?room=7" &&
	circle group edit --tz America/New_York $g &&
	test "$(show_field $g tz)" = America/New_York &&
	circle group edit --duration 120 $g &&
	test "$(show_field $g duration)" = 120 &&
	circle group edit --handle tuesday-late $g &&
	test "$(show_field tuesday-late name)" = "Tuesday Late Circle" &&
	test_expect_code 1 circle group show $g 2>err
'

test_expect_success 'edit several fields at once' '
	circle group edit --duration 60 --location "Hall B" tuesday-late &&
	circle group show --json tuesday-late >s.json &&
	test "$(field duration <s.json)" = 60 &&
	test "$(field location <s.json)" = "Hall B" &&
	test "$(field tz <s.json)" = America/New_York
'

test_expect_success 'edit "" clears the location, description and link' '
	circle group edit --location "" tuesday-late &&
	test "$(show_field tuesday-late location)" = None &&
	circle group edit --description "" --url "" tuesday-late &&
	test "$(show_field tuesday-late description)" = None &&
	test "$(show_field tuesday-late online_url)" = None
'

test_expect_success 'a required field cannot be cleared' '
	test_expect_code 65 circle group edit --name "" tuesday-late 2>err &&
	test_grep "name" err &&
	test_expect_code 65 circle group edit --tz "" tuesday-late 2>err &&
	test_grep "tz" err &&
	test "$(show_field tuesday-late name)" = "Tuesday Late Circle"
'

# edit_refused CODE FIELD-IN-MESSAGE OPTION VALUE: refused, nothing changes.
edit_refused() {
	circle group show --json thursday >before.json &&
	log_count >log.before &&
	test_expect_code "$1" circle group edit "$3" "$4" thursday \
	    >out 2>err &&
	test_grep "$2" err &&
	circle group show --json thursday >after.json &&
	test_cmp before.json after.json &&
	log_count >log.after &&
	test_cmp log.before log.after
}

test_expect_success 'edit: a bad time zone, exit 65 naming "tz"' '
	edit_refused 65 "tz" --tz Mars/Olympus &&
	edit_refused 65 "tz" --tz "Europe/../../etc/passwd" &&
	edit_refused 65 "tz" --tz "europe london"
'

test_expect_success 'edit: a link that is not http(s) is refused' '
	edit_refused 65 "url" --url "javascript:alert(1)" &&
	edit_refused 65 "url" --url "ftp://files.example.org/" &&
	edit_refused 65 "url" --url "file:///etc/passwd"
'

test_expect_success 'edit: a link with a space or a line break is refused' '
	edit_refused 65 "url" --url "https://meet.example.org/a b" &&
	edit_refused 65 "url" --url "https://meet.example.org/a
X-Injected: 1"
'

test_expect_success 'edit: durations 0 and 2000 are refused' '
	edit_refused 65 "duration" --duration 0 &&
	edit_refused 65 "duration" --duration 2000 &&
	edit_refused 65 "duration" --duration -5 &&
	edit_refused 65 "duration" --duration "a while"
'

test_expect_success 'edit: a duration as people write it is minutes' '
	circle group edit --duration "1.5 hours" thursday &&
	test "$(test_sql "SELECT duration FROM grp
	    WHERE handle = '\''thursday'\''")" = 90 &&
	circle group edit --duration 75 thursday
'

test_expect_success 'edit: a taken handle is refused' '
	edit_refused 65 "handle" --handle tuesday-late
'

test_expect_success 'edit with nothing to change: exit 2' '
	test_expect_code 2 circle group edit thursday 2>err &&
	test_grep "nothing to change" err
'

test_expect_success 'edit to the values it already has: exit 1, no log entry' '
	log_count >before &&
	test_expect_code 1 circle group edit --duration 75 thursday 2>err &&
	test_grep "nothing to change" err &&
	log_count >after &&
	test_cmp before after
'

test_expect_success 'archive hides a group from list, --all shows it' '
	circle group archive tuesday-late &&
	circle group list >out &&
	! grep "^tuesday-late	" out &&
	test $(wc -l <out) = 2 &&
	circle group list --all >all &&
	test $(wc -l <all) = 3 &&
	grep "^tuesday-late	" all >line &&
	test "$(cut -f6 line)" = yes &&
	grep "^thursday	" all >line &&
	test "$(cut -f6 line)" = no &&
	circle group list --all --json >all.json &&
	"$PY" -c "
import json
a = {g[\"handle\"]: g[\"archived\"] for g in json.load(open(\"all.json\"))}
assert a == {\"thursday\": False, \"tuesday-evening-circle\": False,
    \"tuesday-late\": True}, a
"
'

test_expect_success 'an archived group can still be shown by name' '
	circle group show --json tuesday-late >s.json &&
	test "$(field archived_at <s.json)" != None
'

test_expect_success 'archiving twice: exit 1' '
	log_count >before &&
	test_expect_code 1 circle group archive tuesday-late 2>err &&
	test_grep "already archived" err &&
	log_count >after &&
	test_cmp before after
'

test_expect_success 'archive --undo brings it back' '
	circle group archive --undo tuesday-late &&
	circle group list >out &&
	grep "^tuesday-late	" out &&
	test "$(show_field tuesday-late archived_at)" = None &&
	test_expect_code 1 circle group archive --undo tuesday-late 2>err &&
	test_grep "not archived" err
'

test_expect_success 'with the others archived, show takes the one left' '
	circle group archive thursday &&
	circle group archive tuesday-late &&
	circle group show --json >s.json &&
	test "$(field handle <s.json)" = tuesday-evening-circle
'

test_expect_success 'archive without a group is a usage error' '
	test_expect_code 2 circle group archive 2>err &&
	test_grep "usage: circle group archive" err
'

test_expect_success 'an unknown option is a usage error' '
	test_expect_code 2 circle group list --bogus 2>err &&
	test_grep "usage: circle group list" err &&
	test_expect_code 2 circle group add --bogus X 2>err &&
	test_grep "usage: circle group add" err
'

test_expect_success 'change_log has a row for each change, none for failures' '
	rm -rf data &&
	circle init >/dev/null &&
	circle group add "Monday Grief Group" >/dev/null &&
	circle group add --handle caregivers "Caregivers" >/dev/null &&
	test_expect_code 65 circle group add --handle caregivers "Again" \
	    2>/dev/null &&
	circle group edit --location "Room 1" monday-grief-group &&
	test_expect_code 65 circle group edit --tz Nowhere/Land caregivers \
	    2>/dev/null &&
	test_expect_code 1 circle group edit --location "Room 1" \
	    monday-grief-group 2>/dev/null &&
	circle group edit --name "Monday Grief Circle" --duration 100 \
	    monday-grief-group &&
	circle group archive caregivers &&
	test_expect_code 1 circle group archive caregivers 2>/dev/null &&
	circle group archive --undo caregivers &&
	test_sql "SELECT action FROM change_log ORDER BY id" >actions &&
	printf "%s\n" add add edit edit archive unarchive >expect &&
	test_cmp expect actions &&
	test_sql "SELECT DISTINCT entity FROM change_log" >entities &&
	echo grp >expect &&
	test_cmp expect entities &&
	test_sql "SELECT count(DISTINCT uid) FROM change_log" >uids &&
	echo 2 >expect &&
	test_cmp expect uids &&
	test_sql "SELECT detail FROM change_log WHERE action = '"'"'edit'"'"'
	    ORDER BY id DESC LIMIT 1" >detail &&
	test_grep "Monday Grief Circle" detail &&
	test_grep "duration" detail
'

test_expect_success 'add HANDLE --name NAME: the word is the handle' '
	circle group add fri-circle --name "Friday Circle" --tz Europe/London \
	    >out &&
	echo fri-circle >expect &&
	test_cmp expect out &&
	test "$(show_field fri-circle name)" = "Friday Circle"
'

test_expect_success 'add with --name and --handle both: a word too many, nothing added' '
	circle db dump >before &&
	test_expect_code 2 circle group add sat --name "Saturday" \
	    --handle sat-circle --tz Europe/London 2>err &&
	test_grep "\"sat\" is a word too many: --name gives the name and --handle the handle" err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
