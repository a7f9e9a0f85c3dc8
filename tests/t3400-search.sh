#!/bin/sh
test_description='circle roster search and circle session search: words
found in names, notes, topics and places, with no case and no accents,
by reading every row (no index: nothing left behind after forget)'
. "$(dirname "$0")/test-lib.sh"

# test_lines N FILE: FILE has N lines.
test_lines() {
	test "$(wc -l <"$2")" -eq "$1"
}

JOSE_NFD=$(printf 'Jose\314\201 Alvarez')

test_expect_success 'setup: people and sessions in two groups' '
	test_fresh_db &&
	circle group add --handle wed --tz UTC "Wednesday Circle" >/dev/null &&
	circle group add --handle sat --tz UTC "Saturday Circle" >/dev/null &&
	circle roster add --group wed --notes "likes the window seat" \
	    "José Álvarez" >/dev/null &&
	circle roster add --group sat --handle jose-nfd --new "$JOSE_NFD" \
	    >/dev/null &&
	circle roster add --group wed --full-name "Greta Straße" \
	    "Greta S" >/dev/null &&
	circle roster add --group sat --handle kim-l "ＫＩＭ Lee" >/dev/null &&
	circle roster add --group wed "Ann Lee" >/dev/null &&
	circle roster leave ann-l wed &&
	circle session add --group wed --topic "Grief and the holidays" \
	    2026-12-02 19:00 >/dev/null &&
	circle session add --group wed --location "Café Élan, back room" \
	    2026-12-09 19:00 >/dev/null &&
	circle session add --group sat --topic "GRIEF, again" \
	    2026-12-05 10:00 >/dev/null &&
	circle session edit --group sat --notes "a quiet one; snow" \
	    2026-12-05 &&
	circle session cancel --group wed --reason snow 2026-12-09 \
	    >/dev/null &&
	circle db dump >dump.before
'

test_expect_success 'roster search: no case, no accents, composed or not' '
	circle roster search jose >out &&
	cut -f1 out | sort >got &&
	printf "jose-a\njose-nfd\n" >want &&
	test_cmp want got &&
	circle roster search ÁLVAREZ >out &&
	test_lines 2 out &&
	circle roster search "josé" >out &&
	test_lines 2 out
'

test_expect_success 'roster search: full case folding and compatibility forms' '
	circle roster search strasse >out &&
	test_grep "^greta-s	Greta S	active	wed	full name$" out &&
	circle roster search kim >out &&
	test_grep "^kim-l	" out
'

test_expect_success 'roster search: every word, in any field; the fields named, never the notes' '
	circle roster search window JOSE >out &&
	printf "jose-a\tJosé Álvarez\tactive\twed\tname, handle, notes\n" \
	    >want &&
	test_cmp want out &&
	! grep -q "window" out &&
	test_expect_code 1 circle roster search window kim >out &&
	test_must_be_empty out
'

test_expect_success 'roster search: --group, former members too' '
	circle roster search --group wed lee >out &&
	test_grep "^ann-l	Ann Lee	active		name$" out &&
	test_lines 1 out &&
	circle roster search --group sat lee >out &&
	test_grep "^kim-l	" out &&
	test_lines 1 out &&
	test_expect_code 1 circle roster search --group nosuch lee 2>err &&
	test_grep "nosuch" err
'

test_expect_success 'search: no words is a usage error; a search writes nothing' '
	test_expect_code 2 circle roster search " " 2>err &&
	test_grep "give a word to look for" err &&
	test_expect_code 2 circle session search "" 2>err &&
	test_expect_code 2 circle roster search 2>err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'session search: topic, notes and place, cancelled ones too' '
	circle session search grief >out &&
	cut -f2,3,6,9 out >got &&
	printf "wed\t2026-12-02\tscheduled\ttopic\nsat\t2026-12-05\tscheduled\ttopic\n" \
	    >want &&
	test_cmp want got &&
	circle session search SNOW >out &&
	cut -f2,3,6,9 out >got &&
	printf "sat\t2026-12-05\tscheduled\tnotes\n" >want &&
	test_cmp want got &&
	circle session search cafe elan >out &&
	cut -f2,3,6,9 out >got &&
	printf "wed\t2026-12-09\tcancelled\tlocation\n" >want &&
	test_cmp want got &&
	circle session search --group sat grief >out &&
	test_lines 1 out &&
	test_expect_code 1 circle session search --group sat cafe
'

test_expect_success 'session search: JSON, and a table on request' '
	circle session search --json grief >out.json &&
	test_grep "\"found in\":\"topic\"" out.json &&
	circle session search --format table holidays >out &&
	test_grep "^id  group  date        start  end    status     topic                   location  found in$" out
'

test_expect_success 'forget: the person is no longer found, and nothing of them is left' '
	circle roster add --group wed --notes "Quillonzaberg notes" \
	    "Quillonzaberg Xyzzyvane" >/dev/null &&
	circle roster search quillonzaberg >out &&
	test_lines 1 out &&
	circle roster forget --yes quillonzaberg-x >/dev/null &&
	test_expect_code 1 circle roster search quillonzaberg &&
	for f in "$CIRCLE_DB" "$CIRCLE_DB-wal"; do
		test -e "$f" || continue
		! grep -a -i -q quillonzaberg "$f" || exit 1
	done
'

# As people type names on a keyboard without their letters: Lukasz for
# Łukasz, Muller or Mueller for Müller, Soren for Søren, yamada for やまだ.
test_expect_success 'roster search: a name typed in ASCII, either way' '
	circle roster add --group sat "Łukasz Nowak" >/dev/null &&
	circle roster add --group sat "Jörg Müller" >/dev/null &&
	circle roster add --group sat "Søren Ørsted" >/dev/null &&
	circle roster add --group sat "やまだ はなこ" >/dev/null &&
	circle roster search lukasz >out &&
	printf "lukasz-n\tŁukasz Nowak\tactive\tsat\tname, handle\n" >want &&
	test_cmp want out &&
	circle roster search "Lukasz Nowak" >out &&
	test_cmp want out &&
	for w in muller Mueller "joerg mueller" JÖRG; do
		circle roster search "$w" >out &&
		test "$(cut -f2 out)" = "Jörg Müller" || return 1
	done &&
	circle roster search orsted soren >out &&
	test "$(cut -f2 out)" = "Søren Ørsted" &&
	circle roster search yamada >out &&
	test "$(cut -f2 out)" = "やまだ はなこ" &&
	circle roster search はなこ >out &&
	test "$(cut -f2 out)" = "やまだ はなこ" &&
	test_expect_code 1 circle roster search muellerx
'

test_done
