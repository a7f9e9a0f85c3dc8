#!/bin/sh
test_description='circle roster forget: a person erased from every byte'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# no_marker FILE...: none of the files that exist holds the marker, in any
# case, as raw bytes.
no_marker() {
	for _f in "$@"; do
		test -e "$_f" || continue
		for _m in quillonzaberg xyzzyvane; do
			_n=$(grep -a -i -c "$_m" "$_f")
			if [ "$_n" != 0 ]; then
				echo "no_marker: $_m found in $_f ($_n lines)" >&2
				return 1
			fi
		done
	done
}

MARKER_NAME='Quillonzaberg Xyzzyvane'
MARKER_EMAIL='quillonzaberg@xyzzyvane.example'

# Add the marker person, edit them a few times (so old values sit in the
# change log and the WAL), and join them to a group; print the handle.
add_marker() {
	_h=$(circle roster add --email "$MARKER_EMAIL" --phone "555 0100" \
	    --notes "Quillonzaberg said: first night" "$MARKER_NAME") &&
	circle roster edit -q --notes "Quillonzaberg said: second night" \
	    --pronouns "xyzzyvane/them" "$_h" &&
	circle roster edit -q --full-name "Quillonzaberg Xyzzyvane Senior" \
	    --phone "555 0101" "$_h" &&
	circle roster edit -q --name "Quill Xyzzyvane" "$_h" &&
	circle roster join -q --role facilitator "$_h" tuesday &&
	circle roster leave -q --on 2099-01-01 "$_h" tuesday &&
	echo "$_h"
}

test_expect_success 'setup: a group, other members, and the marker person' '
	test_fresh_db &&
	circle group add --handle tuesday "Tuesday Circle" >/dev/null &&
	circle roster add --group tuesday --email ana@example.org "Ana Bell" \
	    >/dev/null &&
	circle roster add --group tuesday --notes "keeps the key" "Bo Chen" \
	    >/dev/null &&
	circle roster edit --pronouns he/him "Bo Chen" &&
	h=$(add_marker) &&
	test -n "$h" &&
	echo "$h" >handle &&
	uid=$(test_sql "SELECT uid FROM member WHERE handle = '\''$h'\''") &&
	test -n "$uid" &&
	echo "$uid" >uid &&
	test "$(count change_log "member_uid = '\''$uid'\''")" -ge 5 &&
	test "$(count membership "member_id = (SELECT id FROM member WHERE
	    uid = '\''$uid'\'')")" = 1 &&
	cat "$CIRCLE_DB"* | grep -a -i -q quillonzaberg
'

# undo_holding MARKER: commands whose undo data holds the marker's bytes.
undo_holding() {
	test_sql "SELECT count(*) FROM undo_data WHERE
	    instr(lower(CAST(changes AS TEXT)), '$1') > 0"
}

test_expect_success 'setup: the marker in a sign-in sheet with Ana, and marked' '
	h=$(cat handle) &&
	circle session add --group tuesday 2026-01-06 19:00 >/dev/null &&
	circle session add --group tuesday 2026-01-13 19:00 >/dev/null &&
	printf "date,handle,status\n2026-01-06,%s,late\n2026-01-06,ana-b,x\n" \
	    "$h" >sheet.csv &&
	circle attend import --group tuesday sheet.csv >/dev/null &&
	circle attend mark --group tuesday --note "came late" \
	    2026-01-13 "$h" bo-c >/dev/null &&
	circle attend mark --group tuesday --excused 2026-01-13 "$h" \
	    >/dev/null &&
	test "$(undo_holding quillonzaberg)" -ge 3
'

test_expect_success 'forget without --yes, not on a terminal: 2, nothing deleted' '
	h=$(cat handle) &&
	circle db dump >before &&
	test_expect_code 2 circle roster forget "$h" >out 2>err </dev/null &&
	test_must_be_empty out &&
	test_grep "give --yes" err &&
	circle db dump >after &&
	test_cmp before after &&
	test "$(count member "handle = '\''$h'\''")" = 1
'

test_expect_success 'forget of someone unknown exits 1, nothing deleted' '
	circle db dump >before &&
	test_expect_code 1 circle roster forget --yes nobody-here >out 2>err &&
	test_grep "no member \"nobody-here\"" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'forget --yes erases the person, memberships and history' '
	h=$(cat handle) && uid=$(cat uid) &&
	others=$(circle roster list --all --format tsv | grep -v "^$h	") &&
	logs=$(count change_log "member_uid IS NOT '\''$uid'\''
	    AND uid IS NOT '\''$uid'\''") &&
	rm before after &&
	circle roster forget --yes "$h" >out &&
	echo "forgot $h" >expect &&
	test_cmp expect out &&
	test "$(count member "uid = '\''$uid'\''")" = 0 &&
	test "$(count membership "member_id NOT IN (SELECT id FROM member)")" = 0 &&
	test "$(count change_log "member_uid = '\''$uid'\'' OR
	    uid = '\''$uid'\'' OR detail LIKE '\''%$uid%'\''")" = 0 &&
	test "$(count change_log "action = '\''forget'\''")" = 1 &&
	test "$(count change_log "action != '\''forget'\''")" = "$logs" &&
	test_expect_code 1 circle roster show "$h" 2>err &&
	test_grep "no member" err &&
	circle roster list --all --format tsv >now &&
	printf "%s\n" "$others" >expect &&
	test_cmp expect now
'

test_expect_success 'forget leaves no undo data or words of theirs' '
	h=$(cat handle) &&
	test "$(undo_holding quillonzaberg)" = 0 &&
	test "$(count command "args LIKE '\''%$h%'\''")" = 0 &&
	test "$(count command "verb = '\''edit'\'' AND tool =
	    '\''circle-roster'\'' AND args IS NULL")" = 0 &&
	test "$(count command "undo = '\''forgotten'\''")" -ge 2 &&
	test "$(count command "verb = '\''forget'\'' AND undo =
	    '\''never'\'' AND args IS NULL")" = 1 &&
	circle log >log &&
	! grep -i -e quillonzaberg -e "$h" log &&
	test_grep "roster forget	someone was forgotten" log &&
	test_grep "bo-c marked present at tuesday 2026-01-13" log
'

test_expect_success 'undo after forget cannot bring them back' '
	circle db backup "$TRASH/undo.db" >/dev/null &&
	for id in $(test_sql "SELECT id FROM command ORDER BY id DESC"); do
		# Most are refused (later ones depend on them): any may be.
		CIRCLE_DB="$TRASH/undo.db" circle undo --yes "$id" \
		    >>undo.out 2>>undo.err || true
	done &&
	test_grep "forgot someone: that is never undone" undo.err &&
	test_grep "someone it changed has been forgotten since" undo.err &&
	! grep -i quillonzaberg undo.out undo.err &&
	no_marker "$TRASH/undo.db" "$TRASH/undo.db-wal" &&
	test "$("$SQLITE3" "$TRASH/undo.db" "SELECT count(*) FROM member
	    WHERE display_name LIKE '\''%Xyzzyvane%'\''")" = 0 &&
	CIRCLE_DB="$TRASH/undo.db" circle db check >out &&
	test_grep "^ok$" out
'

test_expect_success 'the forgotten name is in no byte of the database files' '
	ls -la "$(dirname "$CIRCLE_DB")" >&2 &&
	no_marker "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" \
	    "$CIRCLE_DB-journal"
'

test_expect_success 'the others are untouched' '
	test_sql "SELECT display_name, email, pronouns, notes FROM
	    member ORDER BY display_name" >actual &&
	printf "%s\n" "Ana Bell|ana@example.org||" \
	    "Bo Chen||he/him|keeps the key" >expect &&
	test_cmp expect actual &&
	test "$(count membership)" = 2 &&
	circle roster list --group tuesday >out &&
	test "$(wc -l <out)" = 2
'

test_expect_success 'circle db check is ok after forget' '
	circle db check >out &&
	test_grep "^ok$" out &&
	test "$(test_sql "PRAGMA integrity_check")" = ok
'

test_expect_success 'a backup made after forget has no trace of them' '
	circle db backup "$TRASH/after.db" >/dev/null &&
	test -s "$TRASH/after.db" &&
	no_marker "$TRASH/after.db" &&
	test "$("$SQLITE3" "$TRASH/after.db" "SELECT count(*) FROM member")" = 2
'

# A connection held open elsewhere (a second terminal, a GUI browser) keeps
# the -wal file in place after each command: forget must still empty it.
if test_have_python_module sqlite3; then
test_expect_success 'forget empties the WAL while another connection holds it' '
	rm -f release ready &&
	{ /usr/bin/python3 -c "
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute(\"SELECT count(*) FROM member\").fetchall()
open(\"ready\", \"w\").close()
deadline = time.time() + 60
while not os.path.exists(\"release\") and time.time() < deadline:
    time.sleep(0.02)
c.close()
" "$CIRCLE_DB" & } &&
	holder=$! &&
	if i=0 &&
	    while [ ! -e ready ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done &&
	    test -e ready &&
	    h=$(add_marker | tail -n 1) &&
	    test -s "$CIRCLE_DB-wal" &&
	    grep -a -c -i quillonzaberg "$CIRCLE_DB-wal" >/dev/null &&
	    circle roster forget --yes "$h" >out &&
	    test_grep "^forgot " out &&
	    no_marker "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm"
	then
		ok=0
	else
		ok=1
	fi &&
	touch release &&
	wait $holder &&
	test "$ok" = 0 &&
	no_marker "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" &&
	test "$(count member)" = 2
'
else
test_skip 'forget empties the WAL while another connection holds it' \
    'no python3 sqlite3 module'
fi

test_expect_success 'forget by name prefix resolves to one person first' '
	circle roster add "Quillonzaberg Twin" >/dev/null &&
	circle roster add "Quillonzaberg Other" >/dev/null &&
	test_expect_code 1 circle roster forget --yes quillon 2>err &&
	test_grep "ambiguous" err &&
	test "$(count member "display_name LIKE '\''Quillonzaberg%'\''")" = 2
'

test_done
