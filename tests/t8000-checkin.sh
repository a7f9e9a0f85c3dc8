#!/bin/sh
test_description='circle checkin survey: check, add, list, show, versions; bad and hostile survey files'
. "$(dirname "$0")/test-lib.sh"

SURVEYS="$FIXTURES/surveys"

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# bad_msg FILE: what circle-checkin says about a fixture, without the path.
bad_msg() {
	test_expect_code 65 timeout 5 circle checkin survey check \
	    "$SURVEYS/$1" 2>err &&
	sed "s|^circle-checkin: $SURVEYS/||" err
}

# A small survey to change, version by version.
write_t() {
	cat >t.yaml <<-EOF
	# a comment
	key: t
	title: Test survey
	questions:
	  - key: mood
	    kind: scale
	    prompt: ${1:-How is your mood?}
	    min: 0
	    max: 10
	  - key: note
	    kind: text
	    prompt: Anything else?
	    required: no
	EOF
}

# check

test_expect_success 'survey check: the example surveys are good' '
	circle checkin survey check "$EXAMPLES/surveys/checkin.yaml" >out &&
	echo "$EXAMPLES/surveys/checkin.yaml: survey checkin, 4 questions, 4 flags: ok" >expect &&
	test_cmp expect out &&
	circle checkin survey check "$EXAMPLES/surveys/checkout.yaml" >out &&
	echo "$EXAMPLES/surveys/checkout.yaml: survey checkout, 3 questions, 1 flag: ok" >expect &&
	test_cmp expect out
'

test_expect_success 'survey check needs no database and makes none' '
	test ! -e "$CIRCLE_DB" &&
	circle checkin survey check "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	test ! -e "$CIRCLE_DB" &&
	test ! -e "$XDG_DATA_HOME/circle"
'

test_expect_success 'survey add before circle init makes no database: it says to run circle init' '
	test_expect_code 1 circle checkin survey add \
	    "$EXAMPLES/surveys/checkin.yaml" >out 2>err &&
	test_grep "no database at .*(create one with .circle init.)" err &&
	test_must_be_empty out &&
	test_expect_code 1 circle checkin survey add --dry-run \
	    "$EXAMPLES/surveys/checkin.yaml" 2>err &&
	test ! -e "$CIRCLE_DB" &&
	test ! -e "$XDG_DATA_HOME/circle"
'

test_expect_success 'a workbook, a calendar or a CSV file given as a survey: what it is, and what survey add reads' '
	printf "PK\003\004\024\000xl/workbook.xml" >autumn.xlsx &&
	test_expect_code 65 circle checkin survey check autumn.xlsx 2>err &&
	test_grep "^circle-checkin: autumn.xlsx: an Excel workbook (.xlsx), not a survey: .circle checkin survey add. reads a survey written as YAML text (key:, title:, questions:; circle-survey(5)); a form.s answers go in with .circle checkin import.\$" err &&
	printf "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" >autumn.ics &&
	test_expect_code 65 circle checkin survey check autumn.ics 2>err &&
	test_grep "^circle-checkin: autumn.ics: an iCalendar file (.ics), not a survey: .*; a calendar.s meetings go in with .circle session import --group G autumn.ics.\$" err &&
	printf "Timestamp,How are you?\n2026-11-03,ok\n" >autumn.csv &&
	test_expect_code 65 circle checkin survey check autumn.csv 2>err &&
	test_grep "^circle-checkin: autumn.csv: a CSV file (or other table of rows), not a survey: " err &&
	test ! -e "$CIRCLE_DB"
'

test_expect_success 'survey check of a missing file exits 1' '
	test_expect_code 1 circle checkin survey check nothere.yaml 2>err &&
	test_grep "nothere.yaml: No such file" err
'

test_expect_success 'every bad fixture has its expected message' '
	ls "$SURVEYS" | grep "^bad-.*\.yaml\$" >files &&
	cut -d: -f1 "$SURVEYS/bad.expect" >listed &&
	test_cmp files listed &&
	test "$(wc -l <files)" -ge 80
'

# Each mistake: exit 65 and the message, file:line:column first.
for f in $(cd "$SURVEYS" && ls bad-*.yaml); do
	test_expect_success "survey check $f" '
		bad_msg '"$f"' >actual &&
		grep "^'"$f"':" "$SURVEYS/bad.expect" >expect &&
		test_cmp expect actual
	'
done

test_expect_success 'the messages name line and column where there is one' '
	sed -e "/^bad-yaml-two-docs.yaml:/d" \
	    -e "/^bad-[a-z0-9-]*\.yaml:[0-9][0-9]*:[0-9][0-9]*: /d" \
	    "$SURVEYS/bad.expect" >nolc &&
	test_must_be_empty nolc
'

# hostile files: refused at once, with a clear message; timeout 5 turns a
# hang into a failure (speed itself is for make bench)

test_expect_success 'billion laughs: refused at the first anchor' '
	cat >laughs.yaml <<-\EOF &&
	key: lol
	a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
	b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
	c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
	d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
	e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
	f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
	g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
	h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
	i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
	EOF
	test_expect_code 65 timeout 5 circle checkin survey check laughs.yaml \
	    2>err &&
	echo "circle-checkin: laughs.yaml:2:4: anchors (&name) are not allowed" >expect &&
	test_cmp expect err
'

test_expect_success 'aliases without anchors are refused too' '
	printf "key: t\ntitle: *x\n" >alias.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check alias.yaml \
	    2>err &&
	echo "circle-checkin: alias.yaml:2:8: aliases (*name) are not allowed" >expect &&
	test_cmp expect err
'

test_expect_success 'a self-referencing anchor (&a [*a]) is refused' '
	printf "key: &a [*a]\n" >self.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check self.yaml \
	    2>err &&
	echo "circle-checkin: self.yaml:1:6: anchors (&name) are not allowed" >expect &&
	test_cmp expect err
'

test_expect_success '100,000-deep nesting is refused at level 65' '
	awk "BEGIN { for (i = 0; i < 100000; i++) printf \"[\";
	    for (i = 0; i < 100000; i++) printf \"]\"; print \"\" }" >deep.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check deep.yaml \
	    2>err &&
	echo "circle-checkin: deep.yaml:1:65: nested more than 64 levels deep" >expect &&
	test_cmp expect err &&
	awk "BEGIN { printf \"key: t\ntitle: \"; for (i = 0; i < 100000; i++)
	    printf \"{a: \"; printf \"1\"; for (i = 0; i < 100000; i++)
	    printf \"}\"; print \"\" }" >deepmap.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check \
	    deepmap.yaml 2>err &&
	test_grep "^circle-checkin: deepmap.yaml:2:[0-9]*: nested more than 64 levels deep\$" err
'

test_expect_success 'a 2 MiB survey file is refused, from a file or stdin' '
	awk "BEGIN { print \"key: big\ntitle: Big\nquestions:\";
	    for (i = 0; i < 40000; i++)
	    printf \"  - {key: q%d, kind: text, prompt: Question number %d}\n\",
	    i, i }" >big.yaml &&
	test "$(wc -c <big.yaml)" -ge 2097152 &&
	test_expect_code 65 timeout 5 circle checkin survey check big.yaml \
	    2>err &&
	echo "circle-checkin: big.yaml: larger than 1024 KiB; not a file circle reads" >expect &&
	test_cmp expect err &&
	test_expect_code 65 timeout 5 circle checkin survey check - <big.yaml \
	    2>err &&
	test_grep "larger than 1024 KiB" err
'

test_expect_success 'invalid UTF-8 is refused at its line and column' '
	printf "key: t\ntitle: Caf\351 night\nquestions: []\n" >latin1.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check latin1.yaml \
	    2>err &&
	echo "circle-checkin: latin1.yaml:2:11: not valid UTF-8" >expect &&
	test_cmp expect err &&
	printf "key: t\ntitle: ok\n\300\200: x\n" >overlong.yaml &&
	test_expect_code 65 timeout 5 circle checkin survey check \
	    overlong.yaml 2>err &&
	test_grep "overlong.yaml:3:1: not valid UTF-8" err
'

test_expect_success 'a hostile file added changes nothing' '
	circle init >/dev/null &&
	circle db dump >before &&
	for f in laughs self deep deepmap big latin1; do
		test_expect_code 65 timeout 5 circle checkin survey add $f.yaml \
		    2>/dev/null || return 1
	done &&
	circle db dump >after &&
	test_cmp before after &&
	test "$(count survey)" = 0
'

# add, list, show

test_expect_success 'survey add: the example surveys' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >out &&
	echo "survey checkin version 1: added" >expect &&
	test_cmp expect out &&
	circle checkin survey add "$EXAMPLES/surveys/checkout.yaml" >out &&
	echo "survey checkout version 1: added" >expect &&
	test_cmp expect out &&
	test "$(count survey)" = 2 &&
	test "$(count question)" = 7 &&
	test "$(count change_log "entity = '\''survey'\'' AND action = '\''add'\''")" = 2
'

test_expect_success 'survey add again: unchanged, nothing written' '
	circle db dump >before &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >out &&
	echo "survey checkin version 1: unchanged" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'survey list' '
	circle checkin survey list >out &&
	printf "checkin\t1\tcheckin\t4\t0\tCheck-in\n" >expect &&
	printf "checkout\t1\tcheckout\t3\t0\tCheck-out\n" >>expect &&
	test_cmp expect out &&
	circle checkin survey list --json >out.json &&
	test_grep "\"key\":\"checkin\",\"version\":1,\"phase\":\"checkin\",\"questions\":4,\"responses\":0" out.json
'

test_expect_success 'survey show: each question, what it accepts, scored' '
	circle checkin survey show checkin >out &&
	cat >expect <<-\EOF &&
	mood	scale	yes	0-10, 0 = very low, 5 = okay, 10 = very good	yes	How is your mood right now?
	distress	scale	yes	0-10, 0 = none, 10 = overwhelming	reversed	How much distress are you carrying today?
	safe	yes/no	yes	yes/no	no	Do you feel safe today?
	note	text	no	words	no	Anything you want the facilitators to know?
	EOF
	test_cmp expect out
'

test_lazy_prereq SCRIPT 'command -v script'
test_expect_success SCRIPT 'survey show on a terminal: title, score and flags first' '
	script -qec "circle checkin survey show checkin" /dev/null >tty.raw &&
	tr -d "\r" <tty.raw >tty &&
	test_grep "^Check-in (checkin, version 1, checkin; 0 responses)\$" tty &&
	test_grep "^score: wellbeing, the mean of the scored answers\$" tty &&
	test_grep "^flag: safe:is:no: Said they do not feel safe today" tty &&
	test_grep "^flag: mood:drop:4: Mood much lower than last time\$" tty &&
	test_grep "^flag: score:at-most:2: Low wellbeing\$" tty &&
	test_grep "^question  *kind  *required  *accepts" tty
'

test_expect_success 'survey show of an unknown survey or version' '
	test_expect_code 1 circle checkin survey show nope 2>err &&
	test_grep "no survey nope" err &&
	test_expect_code 1 circle checkin survey show --version 2 checkin 2>err &&
	test_expect_code 2 circle checkin survey show --version two checkin 2>err &&
	test_grep "\"two\" is not a version number" err
'

test_expect_success 'survey add --dry-run keeps nothing' '
	write_t &&
	circle checkin survey add --dry-run t.yaml >out &&
	echo "dry run: survey t version 1: added" >expect &&
	test_cmp expect out &&
	test "$(count survey "key = '\''t'\''")" = 0
'

test_expect_success 'survey add from stdin' '
	circle checkin survey add - <t.yaml >out &&
	echo "survey t version 1: added" >expect &&
	test_cmp expect out
'

test_expect_success 'survey add of a bad file: 65, nothing kept' '
	test_expect_code 65 circle checkin survey add \
	    "$SURVEYS/bad-flag-same.yaml" 2>err &&
	test_grep "bad-flag-same.yaml:23:5: flags: the same flag twice" err &&
	test "$(count survey)" = 3
'

# versions

test_expect_success 'setup: a group, a past session, a member' '
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 3 >/dev/null &&
	circle roster add --group tc "Alex Rivera" >/dev/null
'

test_expect_success 'a change before anyone answered: updated in place' '
	write_t "How are you, really?" &&
	circle checkin survey add t.yaml >out &&
	echo "survey t version 1: updated" >expect &&
	test_cmp expect out &&
	test "$(count survey "key = '\''t'\''")" = 1 &&
	test "$(test_sql "SELECT q.prompt FROM question q JOIN survey s ON
	    s.id = q.survey_id WHERE s.key = '\''t'\'' AND q.key = '\''mood'\''")" = \
	    "How are you, really?" &&
	test "$(count change_log "entity = '\''survey'\'' AND action = '\''edit'\''")" = 1
'

test_expect_success 'a response, then the same file with other comments: unchanged' '
	circle checkin take --survey t --group tc 2026-01-06 alex-r mood=6 \
	    note="first words" >out &&
	echo "t saved for alex-r" >expect &&
	test_cmp expect out &&
	sed "s/^# a comment/# another comment/" t.yaml >t2.yaml &&
	circle db dump >before &&
	circle checkin survey add t2.yaml >out &&
	echo "survey t version 1: unchanged" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a change once answered: a new version; old responses keep theirs' '
	write_t "Mood, 0 to 10?" &&
	circle checkin survey add t.yaml >out &&
	echo "survey t version 2: added (version 1 has responses; they keep it)" >expect &&
	test_cmp expect out &&
	test "$(count survey "key = '\''t'\''")" = 2 &&
	test "$(test_sql "SELECT s.version FROM response r JOIN survey s ON
	    s.id = r.survey_id")" = 1 &&
	circle checkin list --survey t | cut -f4-6 >out &&
	printf "alex-r\tt\t1\n" >expect &&
	test_cmp expect out &&
	circle checkin survey show --version 1 t | cut -f1,6 | head -1 >out &&
	printf "mood\tHow are you, really?\n" >expect &&
	test_cmp expect out &&
	circle checkin survey show t | cut -f1,6 | head -1 >out &&
	printf "mood\tMood, 0 to 10?\n" >expect &&
	test_cmp expect out
'

test_expect_success 'survey list shows the latest; --every-version every version' '
	circle checkin survey list | grep "^t	" >out &&
	printf "t\t2\tcheckin\t2\t0\tTest survey\n" >expect &&
	test_cmp expect out &&
	circle checkin survey list --every-version | grep "^t	" >out &&
	printf "t\t1\tcheckin\t2\t1\tTest survey\n" >expect &&
	printf "t\t2\tcheckin\t2\t0\tTest survey\n" >>expect &&
	test_cmp expect out
'

test_expect_success 'the new version, not yet answered, changes in place' '
	write_t "Mood today, 0 to 10?" &&
	circle checkin survey add t.yaml >out &&
	echo "survey t version 2: updated" >expect &&
	test_cmp expect out &&
	test "$(count survey "key = '\''t'\''")" = 2
'

test_expect_success 'taking it now uses the latest version' '
	circle checkin take --survey t --group tc 2026-01-13 alex-r mood=7 \
	    >out &&
	circle checkin list --survey t | cut -f2,6 >out &&
	printf "2026-01-06T19:00\t1\n2026-01-13T19:00\t2\n" >expect &&
	test_cmp expect out
'

test_expect_success 'replacing an old answer moves it to the latest version' '
	circle checkin take --survey t --group tc 2026-01-06 alex-r mood=5 \
	    >out &&
	echo "t replaced for alex-r" >expect &&
	test_cmp expect out &&
	circle checkin list --survey t | cut -f2,6,9 >out &&
	printf "2026-01-06T19:00\t2\tmood=5\n2026-01-13T19:00\t2\tmood=7\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a version in the file is taken when it is larger' '
	{ write_t "Mood (v5)?" && sed "s/^title:/version: 5\ntitle:/" t.yaml >t5.yaml; } &&
	circle checkin survey add t5.yaml >out &&
	echo "survey t version 5: added (version 2 has responses; they keep it)" >expect &&
	test_cmp expect out &&
	circle checkin survey list --every-version | grep "^t	" | cut -f2 | tr "\n" " " >out &&
	printf "1 2 5 " >expect &&
	test_cmp expect out
'

test_expect_success 'a new survey takes the version of its file' '
	sed "s/^key: t\$/key: u/" t5.yaml >u.yaml &&
	circle checkin survey add u.yaml >out &&
	echo "survey u version 5: added" >expect &&
	test_cmp expect out
'

test_done
