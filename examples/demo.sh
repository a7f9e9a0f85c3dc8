#!/bin/sh
# demo.sh: the Quick start, run by "make demo".  Builds a small database for
# two made-up groups from examples/ (a roster and two group files with their
# schedules) with the tools just built, plans their sessions, records three
# weeks of attendance and check-ins (examples/surveys/), and prints the
# follow-ups, the reports and the facilitator's prep sheet for the next
# meeting.  Run it again at will: it starts from a fresh database every
# time.
#
# Usage: demo.sh BUILDDIR SRCDIR [DEMODIR]
#
# It ends with the coordinator's workbook, demo/attendance.xlsx, and the
# funder's figures.
set -e

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: demo.sh BUILDDIR SRCDIR [DEMODIR]" >&2
	exit 2
fi
builddir=$1
srcdir=$2
demodir=${3:-$builddir/demo}

for tool in circle circle-db circle-group circle-roster circle-session \
    circle-attend circle-report circle-export circle-checkin; do
	if [ ! -x "$builddir/$tool" ]; then
		echo "demo.sh: $builddir/$tool is not built; run make first" >&2
		exit 1
	fi
done

PATH=$builddir:$PATH
export PATH
# Everything below works on the demo database only, never on your own.
CIRCLE_DB=$demodir/circle.db
export CIRCLE_DB
unset XDG_CONFIG_HOME

fail() {
	echo "demo.sh: FAILED: $*" >&2
	exit 1
}

step() {
	printf '\n== %s ==\n' "$*"
}

# The database holds (made-up) personal details: keep the directory private,
# as circle itself does.
umask 077
mkdir -p "$demodir"
chmod 700 "$demodir"
rm -f "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" "$CIRCLE_DB-journal" \
    "$demodir/backup.db" "$demodir/groups.ics"

step "circle init: a new database ($CIRCLE_DB)"
circle init || fail "circle init"

step "circle roster import: the people, from examples/roster.csv"
circle roster import "$srcdir/examples/roster.csv" ||
    fail "circle roster import"

step "circle group import: two groups, their facilitators and schedules"
circle group import "$srcdir/examples/groups/tuesday-circle.yaml" ||
    fail "circle group import tuesday-circle"
circle group import "$srcdir/examples/groups/grief-online.yaml" ||
    fail "circle group import grief-online"
circle group list --format table || fail "circle group list"

step "circle roster join: who comes to which group"
circle roster join --group tuesday-circle --on 2026-09-01 daniel-r \
    siobhan-m tomas-a lea-d kenji-w amara-n sam-w ||
    fail "circle roster join tuesday-circle"
circle roster join --group grief-online --on 2026-09-10 rahim-c zoe-l \
    chris-n || fail "circle roster join grief-online"
# Someone who joined this week is marked new on the prep sheet.
circle roster join fatima-h tuesday-circle || fail "circle roster join"

step "circle roster list --group tuesday-circle (contacts stay hidden)"
circle roster list --group tuesday-circle --format table ||
    fail "circle roster list"

step "circle session list: the Tuesday circle's next weeks"
circle session list --group tuesday-circle --upcoming --format table |
    head -n 7

step "circle attend: the last three meetings, and a walk-in"
set -- $(circle session list --group tuesday-circle --past --format tsv |
    tail -n 3 | cut -f1)
if [ $# -eq 3 ]; then
	circle attend mark --group tuesday-circle "$1" maya-o daniel-r \
	    siobhan-m tomas-a lea-d kenji-w amara-n sam-w >/dev/null &&
	circle attend mark --group tuesday-circle "$2" maya-o daniel-r \
	    siobhan-m kenji-w sam-w >/dev/null &&
	circle attend mark --group tuesday-circle --late "$2" tomas-a \
	    >/dev/null &&
	circle attend mark --group tuesday-circle --excused "$2" lea-d \
	    >/dev/null &&
	circle attend mark --group tuesday-circle "$3" maya-o daniel-r \
	    siobhan-m sam-w lea-d >/dev/null ||
	    fail "circle attend mark"
	circle attend walk-in --group tuesday-circle --session "$3" \
	    "River Stone" >/dev/null || fail "circle attend walk-in"
	circle attend list --group tuesday-circle --format table "$3" ||
	    fail "circle attend list"
else
	echo "(no past meetings yet to record)"
fi

step "circle checkin survey add: the check-in and check-out surveys"
circle checkin survey add "$srcdir/examples/surveys/checkin.yaml" ||
    fail "circle checkin survey add checkin"
circle checkin survey add "$srcdir/examples/surveys/checkout.yaml" ||
    fail "circle checkin survey add checkout"
circle checkin survey list --format table || fail "circle checkin survey list"

step "circle checkin take: how people arrived, three weeks running"
if [ $# -eq 3 ]; then
	# who, session, mood, distress, safe: a check-in a line.  The group
	# names its check-in survey, so none is given here.
	while read -r who s mood distress safe; do
		circle checkin take --group tuesday-circle "$s" "$who" \
		    mood="$mood" distress="$distress" safe="$safe" ||
		    fail "circle checkin take $who"
	done <<CHECKINS
maya-o $1 7 3 yes
daniel-r $1 6 4 yes
siobhan-m $1 8 2 yes
tomas-a $1 7 3 yes
sam-w $1 7 2 yes
maya-o $2 8 2 yes
daniel-r $2 5 5 yes
siobhan-m $2 7 3 yes
tomas-a $2 6 4 yes
sam-w $2 3 6 yes
maya-o $3 7 3 yes
daniel-r $3 6 3 yes
siobhan-m $3 6 4 yes
CHECKINS
	circle checkin take --group tuesday-circle "$3" sam-w mood=4 \
	    distress=7 safe=no note="A rough week at home" ||
	    fail "circle checkin take sam-w"
	circle checkin take --group tuesday-circle --anonymous "$3" mood=6 \
	    distress=3 safe=yes || fail "circle checkin take --anonymous"
	circle checkin take --group tuesday-circle --checkout "$3" maya-o \
	    heard=5 safe=5 >/dev/null &&
	circle checkin take --group tuesday-circle --checkout "$3" sam-w \
	    heard=4 safe=4 >/dev/null || fail "circle checkin take --checkout"

	step "circle checkin followups: who may want a word"
	circle checkin followups --format table ||
	    fail "circle checkin followups"

	step "circle report checkins: per session, and each person's trend"
	circle report checkins --group tuesday-circle --survey checkin \
	    --format table || fail "circle report checkins"
	echo
	circle report checkins --group tuesday-circle --survey checkin \
	    --by-member --format table ||
	    fail "circle report checkins --by-member"
else
	echo "(no past meetings yet to record)"
fi

step "circle session edit: a topic for the next meeting"
if circle session show --group tuesday-circle next >/dev/null 2>&1; then
	circle session edit --group tuesday-circle --topic "Boundaries" next ||
	    fail "circle session edit"
	prep=next
else
	echo "(the example schedule is over; showing its last session)"
	prep=last
fi

step "circle session prep: the facilitator's sheet"
circle session prep --group tuesday-circle "$prep" ||
    fail "circle session prep"

step "circle report attendance: who comes, who has been away"
circle report attendance --group tuesday-circle --format table ||
    echo "(no attendance recorded yet)"

step "circle export ics: both groups' meetings for a calendar"
circle export ics --all -o "$demodir/groups.ics" || fail "circle export ics"

step "circle export xlsx: the Tuesday circle's workbook, for a coordinator"
rm -f "$demodir/attendance.xlsx"
circle export xlsx --group tuesday-circle -o "$demodir/attendance.xlsx" ||
    fail "circle export xlsx"
from=$(circle session list --group tuesday-circle --format tsv | head -n 1 |
    cut -f3)
circle report funder --group tuesday-circle --from "$from" \
    --to "$(date +%Y-%m-%d)" --format table || fail "circle report funder"

step "circle db check: the file is sound"
circle db check || fail "circle db check"

step "circle db backup: a whole, private copy"
circle db backup --force "$demodir/backup.db" || fail "circle db backup"

printf '\nDone.  Try it yourself:\n'
printf '  export CIRCLE_DB=%s\n' "$CIRCLE_DB"
# shellcheck disable=SC2016 # $PATH is for the reader to type
printf '  export PATH=%s:$PATH\n' "$builddir"
printf '  circle roster list --with-contacts\n'
printf '  circle checkin followups\n'
printf '  circle session prep --group grief-online --format md\n'
printf '  circle session --help\n'
