#!/bin/sh
test_description='circle db extract and merge: two facilitators and a
coordinator; updates, conflicts, idempotence, forgets carried byte for byte,
pseudonymized and sealed extracts, refused files, kill -9 during a merge'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

# Ada keeps the Tuesday circle and Open Door (export-scenario.sh), Bo the
# Thursday group; Cy coordinates.  Each is a database of its own.
TH=thursday-group

test_sql_cy() { "$SQLITE3" -batch -noheader "$CY" "$@"; }

# no_marker FILE...: none of the files that exist holds the marker person's
# name, e-mail or note, in any case, as raw bytes.
no_marker() {
	for _f in "$@"; do
		test -e "$_f" || continue
		for _m in quillonzaberg xyzzyvane; do
			if grep -a -i -q "$_m" "$_f"; then
				echo "no_marker: $_m found in $_f" >&2
				return 1
			fi
		done
	done
}

# totals FILE: the last line of a merge's output, without the file name.
totals() {
	tail -n 1 "$1" | sed 's/^.*: \([0-9]* added\)/\1/'
}

# reports DB GROUP: every report of a group, as a facilitator reads them.
reports() {
	for _k in attendance sessions monthly checkins; do
		echo "== $_k" &&
		circle --db "$1" report $_k --group "$2" >report.out 2>&1
		echo "exit $?"
		# Session ids are each database's own: the rest must agree.
		if [ $_k = sessions ]; then
			cut -f2- report.out
		else
			cat report.out
		fi
	done &&
	circle --db "$1" report funder --from 2025-01-01 --to 2025-12-31 \
	    --group "$2"
}

printf 'correct horse battery staple\n' >pass &&
chmod 600 pass

test_expect_success 'setup: Ada and Bo, each with their own groups' '
	CIRCLE_DB=$ADA export_scenario &&
	bo init >/dev/null &&
	bo group add --tz America/Chicago "Thursday Group" >/dev/null &&
	bo roster add --email ben@example.org "Benjamin Brooks" >/dev/null &&
	bo roster add --phone 555-0199 "Rosa Rivera" >/dev/null &&
	bo roster add "Tam Tran" >/dev/null &&
	for m in benjamin-b rosa-r tam-t; do
		bo roster join --on 2025-01-01 $m $TH || return 1
	done &&
	for d in 2025-03-06 2025-03-13 2025-03-20; do
		bo session add --group $TH $d 18:00 >/dev/null || return 1
	done &&
	bo attend mark --group $TH 2025-03-06 benjamin-b rosa-r tam-t \
	    >/dev/null &&
	bo attend mark --group $TH --excused 2025-03-13 rosa-r >/dev/null &&
	bo attend mark --group $TH 2025-03-13 tam-t >/dev/null &&
	bo session edit --group $TH --online https://zoom.us/j/5550199 \
	    2025-03-20 >/dev/null &&
	cy init >/dev/null
'

test_expect_success 'an extract is a private circle database of its groups only' '
	ada db extract --group tuesday-circle -o ada-tc.circle >out &&
	test_grep "^ada-tc.circle: 1 group, 10 people, 5 sessions" out &&
	test_mode ada-tc.circle 600 &&
	test "$("$SQLITE3" ada-tc.circle "PRAGMA integrity_check")" = ok &&
	test "$("$SQLITE3" ada-tc.circle "SELECT group_concat(handle)
	    FROM grp")" = tuesday-circle &&
	test "$("$SQLITE3" ada-tc.circle "SELECT count(*) FROM session
	    WHERE grp_id NOT IN (SELECT id FROM grp)")" = 0 &&
	test "$("$SQLITE3" ada-tc.circle "SELECT count(*) FROM change_log")" = 0 &&
	test_expect_code 1 ada db extract --group tuesday-circle \
	    -o ada-tc.circle 2>err &&
	test_grep "already exists" err &&
	test_expect_code 1 ada db extract --group tuesday-circle --encrypt \
	    -o ada-tc.circle </dev/null 2>err &&
	test_grep "ada-tc.circle: already exists (use --force to replace it)" err &&
	! test_grep "terminal" err &&
	test_expect_code 2 ada db extract -o all.circle 2>err &&
	test_grep "^circle-db: more than one group ([a-z-]*, [a-z, -]*): give the groups with --group, or --all\$" err &&
	circle --db empty.db init >/dev/null &&
	test_expect_code 1 circle --db empty.db db extract -o none.circle 2>err &&
	test_grep "^circle-db: no groups yet, nothing to extract (add one with '"'"'circle group add NAME'"'"')\$" err &&
	test ! -e none.circle
'

# A plain extract is made by SQLite in a temporary file beside its name,
# renamed when whole; one that fails leaves nothing, not even that file,
# and an extract to a pipe is the same database.
test_expect_success 'an extract that fails leaves no file; one to a pipe is whole' '
	mkdir xdir &&
	test_expect_code 1 ada db extract --group nosuch -o xdir/n.circle \
	    2>err &&
	test_grep "no group \"nosuch\"" err &&
	test "$(ls -A xdir)" = "" &&
	cp ada-tc.circle kept.circle &&
	test_expect_code 1 ada db extract --group nosuch --force \
	    -o ada-tc.circle 2>err &&
	cmp kept.circle ada-tc.circle &&
	ada db extract --group tuesday-circle --force -o xdir/tc.circle \
	    >out &&
	test_grep "^xdir/tc.circle: 1 group, 10 people, 5 sessions" out &&
	test "$(ls -A xdir)" = tc.circle &&
	test_mode xdir/tc.circle 600 &&
	ada db extract --group tuesday-circle -o /dev/stdout 2>/dev/null |
	    cat >piped.circle &&
	for f in xdir/tc.circle piped.circle; do
		test "$("$SQLITE3" $f "PRAGMA integrity_check")" = ok &&
		"$SQLITE3" $f "SELECT handle FROM grp; SELECT count(*) FROM
		    attendance; PRAGMA journal_mode" >$f.rows || return 1
	done &&
	test_cmp xdir/tc.circle.rows piped.circle.rows &&
	test_grep "^delete$" piped.circle.rows
'

test_expect_success 'the coordinator merges both; again, nothing changes' '
	ada db extract --all -o ada.circle >/dev/null &&
	bo db extract -o bo.circle >/dev/null &&
	cy db merge ada.circle >out &&
	test_grep "^group *2 added, 0 updated, 0 removed, 0 unchanged" out &&
	test_grep "^attendance *11 added" out &&
	cy db merge bo.circle >out &&
	test_grep "^member *3 added" out &&
	test "$(cy db check)" = ok &&
	cy db dump >before &&
	cy db merge ada.circle >out &&
	totals out >actual &&
	test_grep "^0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged, 0 conflicts" actual &&
	cy db merge bo.circle >out &&
	test_grep "0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged" out &&
	cy db dump | grep -v "\"change_log\"" | grep -v "\"network\"" >after &&
	grep -v "\"change_log\"" before | grep -v "\"network\"" >before.rows &&
	test_cmp before.rows after
'

test_expect_success 'a session'\''s own online link travels in the merge' '
	cy session show --group $TH 2025-03-20 >show &&
	test_grep "^online_url	https://zoom.us/j/5550199\$" show
'

test_expect_success 'group show says where a merged group belongs and when its extract came' '
	cy group show $TH >show &&
	test_grep "^belongs_to	[0-9a-f]\{32\}\$" show &&
	test_grep "^extracted_at	[0-9-]*T[0-9:]*Z\$" show &&
	test_grep "^merged_at	[0-9-]*T[0-9:]*Z\$" show &&
	from=$(sed -n "s/^belongs_to	//p" show) &&
	test "$from" = "$("$SQLITE3" -batch -noheader bo.circle "SELECT value FROM network WHERE key = '\''origin'\''")" &&
	bo group show $TH >mine &&
	test_grep "^belongs_to	\$" mine &&
	test_grep "^extracted_at	\$" mine &&
	cy group show --format json $TH >json &&
	test_grep "\"belongs_to\":\"$from\"" json
'

test_expect_success 'the coordinator reports what each facilitator reports' '
	reports "$ADA" tuesday-circle >expect &&
	reports "$CY" tuesday-circle >actual &&
	test_cmp expect actual &&
	reports "$ADA" open-door >expect &&
	reports "$CY" open-door >actual &&
	test_cmp expect actual &&
	reports "$BO" $TH >expect &&
	reports "$CY" $TH >actual &&
	test_cmp expect actual
'

test_expect_success 'a person under two uids is listed, never merged' '
	cy db merge bo.circle >/dev/null &&
	rm -f cy2.db* &&
	circle --db cy2.db init >/dev/null &&
	circle --db cy2.db db merge ada.circle >/dev/null &&
	circle --db cy2.db db merge bo.circle >out &&
	test_grep "^look-alike: benjamin-b and ben-b: the same e-mail" out &&
	test "$(circle --db cy2.db roster list --everyone | grep -c "Brooks")" = 2
'

test_expect_success 'people whose handles are taken here get free ones' '
	rm -f bo2.db* &&
	circle --db bo2.db init >/dev/null &&
	circle --db bo2.db group add --tz UTC "Friday Group" >/dev/null &&
	circle --db bo2.db roster add "Ben Bloom" >/dev/null &&
	circle --db bo2.db roster add --handle ben-b-2 "Ben Baker" \
	    >/dev/null &&
	circle --db bo2.db roster join ben-b friday-group &&
	circle --db bo2.db roster join ben-b-2 friday-group &&
	circle --db bo2.db db extract -o bo2.circle >/dev/null &&
	circle --db cy2.db db merge bo2.circle >out &&
	test_grep "^member *2 added" out &&
	circle --db cy2.db roster list --everyone >list &&
	test_grep "^ben-b	Ben Brooks" list &&
	test_grep "^ben-b-2	Ben Baker" list &&
	test_grep "^ben-b-3	Ben Bloom" list
'

test_expect_success 'an edit there is brought in; a dry run writes nothing' '
	sleep 1 &&
	ada attend mark --group tuesday-circle --late 2025-03-04 ben-b \
	    >/dev/null &&
	ada roster edit --pronouns they/them cara-c &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db dump >before &&
	cy db merge --dry-run ada.circle >out &&
	test_grep "^dry run, nothing written: ada.circle: 0 added, 2 updated" out &&
	cy db dump >after &&
	test_cmp before after &&
	cy db merge ada.circle >out &&
	test_grep "^attendance *0 added, 1 updated" out &&
	test_grep "^member *0 added, 1 updated" out &&
	reports "$ADA" tuesday-circle >expect &&
	reports "$CY" tuesday-circle >actual &&
	test_cmp expect actual
'

test_expect_success 'an edit on both sides is a conflict: this side kept, or --theirs' '
	sleep 1 &&
	cy attend mark --group tuesday-circle --excused 2025-04-01 ben-b \
	    >/dev/null &&
	ada attend mark --group tuesday-circle --absent 2025-04-01 ben-b \
	    >/dev/null &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db merge ada.circle >out &&
	test_grep "^attendance .*1 conflict" out &&
	test_grep "^conflict: attendance ben-b at tuesday-circle 2025-04-01 19:30: changed here (.*) and there (.*); kept this side" out &&
	test "$(test_sql_cy "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id JOIN session s ON s.id = a.session_id
	    WHERE m.handle = '"'ben-b'"' AND s.local_start LIKE
	    '"'2025-04-01%'"'")" = excused &&
	test_grep "^ada.circle: 1 conflict kept this side, said again by each merge from that database; '"'"'circle db merge --theirs ada.circle'"'"' takes the file'"'"'s side of every one\$" out &&
	cy db merge ada.circle >out &&
	test_grep "^conflict: attendance ben-b at tuesday-circle 2025-04-01 19:30: changed here (.*) and there (.*); kept this side" out &&
	test_grep "^ada.circle: 1 conflict kept this side" out &&
	cy db merge --theirs ada.circle >out &&
	! grep -q "kept this side" out &&
	test_grep "took theirs" out &&
	test "$(test_sql_cy "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id JOIN session s ON s.id = a.session_id
	    WHERE m.handle = '"'ben-b'"' AND s.local_start LIKE
	    '"'2025-04-01%'"'")" = absent &&
	cy db merge ada.circle >out &&
	test_grep "0 added, 0 updated, 0 removed, [0-9]* unchanged, 0 conflicts" out
'

test_expect_success 'a person forgotten by a facilitator leaves no byte at the coordinator' '
	h=$(ada roster add --email quillonzaberg@xyzzyvane.example \
	    --notes "Quillonzaberg said: first night" \
	    "Quillonzaberg Xyzzyvane") &&
	ada roster join --on 2025-01-01 $h open-door &&
	ada db extract --group open-door --force -o od.circle >/dev/null &&
	cy db merge od.circle >/dev/null &&
	cy roster show $h >/dev/null &&
	! no_marker "$CY" "$CY-wal" 2>/dev/null &&
	ada roster forget --yes $h >/dev/null &&
	ada db extract --group open-door --since "$(date -u +%F)" \
	    -o od-since.circle >out &&
	test_grep "1 forgotten" out &&
	no_marker od-since.circle &&
	cy db merge od-since.circle >out &&
	test_grep ", 1 forgotten$" out &&
	test_expect_code 1 cy roster show $h 2>/dev/null &&
	no_marker "$CY" "$CY-wal" "$CY-shm" &&
	cy db merge od.circle >out &&
	test_expect_code 1 cy roster show $h 2>/dev/null &&
	no_marker "$CY" "$CY-wal" "$CY-shm"
'

test_expect_success 'a pseudonymized extract holds no name, e-mail, phone or note' '
	ada roster edit --notes "Secretive notebook entry" ben-b &&
	ada attend mark --group tuesday-circle --note "Whispered aside" \
	    2025-03-04 ana-a >/dev/null &&
	ada db extract --all --pseudonymize -o p.circle >/dev/null &&
	"$SQLITE3" -batch -noheader "$ADA" "SELECT display_name FROM member
	    WHERE length(display_name) > 4 UNION SELECT email FROM member
	    UNION SELECT phone FROM member UNION SELECT notes FROM member
	    UNION SELECT note FROM attendance UNION SELECT a.text FROM answer a
	    JOIN response r ON r.id = a.response_id JOIN question q ON
	    q.survey_id = r.survey_id AND q.key = a.question WHERE
	    q.kind = '"'text'"'" | grep . >secrets &&
	test_grep "Ben Brooks" secrets &&
	test_grep "better, thanks" secrets &&
	while IFS= read -r s; do
		if grep -a -F -q -e "$s" p.circle; then
			echo "found in p.circle: $s" >&2
			return 1
		fi
	done <secrets &&
	code=$("$SQLITE3" p.circle "SELECT display_name FROM member
	    ORDER BY display_name LIMIT 1") &&
	case $code in P-?????-?????) ;; *) false ;; esac &&
	rm -f p.db* &&
	circle --db p.db db merge p.circle >/dev/null &&
	circle --db "$ADA" report funder --from 2025-01-01 --to 2025-12-31 \
	    --group tuesday-circle >expect &&
	circle --db p.db report funder --from 2025-01-01 --to 2025-12-31 \
	    --group tuesday-circle >actual &&
	test_cmp expect actual
'

test_expect_success 'merging a pseudonymized extract keeps the names here' '
	ada db extract --all --pseudonymize --force -o p.circle >/dev/null &&
	cy db merge p.circle >/dev/null &&
	cy roster show ben-b >out &&
	test_grep "Ben Brooks" out
'

test_expect_success 'a sealed extract holds no plaintext, and merges with its passphrase' '
	bo db extract --group $TH --encrypt --passphrase-file pass --force \
	    -o sealed.circle >out &&
	test_grep ", sealed$" out &&
	test_mode sealed.circle 600 &&
	! grep -a -q -e Rosa -e Rivera -e 555-0199 -e SQLite sealed.circle &&
	rm -f s.db* &&
	circle --db s.db init >/dev/null &&
	CIRCLE_PASSPHRASE_FILE=$TRASH/pass circle --db s.db db merge \
	    sealed.circle >out &&
	test_grep "^member *3 added" out
'

test_expect_success 'a passphrase too short to seal with: 65, says to choose a longer one, nothing written' '
	printf "short\n" >short &&
	chmod 600 short &&
	test_expect_code 65 circle --db s.db db extract --all --encrypt \
	    --passphrase-file short -o short.circle 2>err &&
	test_grep "^circle-db: passphrase: shorter than 8 characters; choose a longer one, of several words that are not a saying\$" err &&
	test ! -e short.circle
'

test_expect_success 'a wrong passphrase or a changed byte: exit 65, nothing written' '
	printf "correct horse battery stapler\n" >wrong &&
	chmod 600 wrong &&
	circle --db s.db db dump >before &&
	test_expect_code 65 circle --db s.db db merge --passphrase-file wrong \
	    sealed.circle 2>err &&
	test_grep "^circle-db: sealed.circle: wrong passphrase or damaged file (check the passphrase with whoever sealed it, and type it again; if it is right, the file changed on the way: ask for it again)\$" err &&
	size=$(wc -c <sealed.circle) &&
	for at in 9 12 20 44 100 $((size - 1)); do
		cp sealed.circle flipped.circle &&
		b=$(od -An -tu1 -j $at -N1 flipped.circle | tr -d " ") &&
		printf "$(printf "\\\\%03o" $((b ^ 1)))" |
		    dd of=flipped.circle bs=1 seek=$at conv=notrunc \
		    2>/dev/null &&
		! cmp -s sealed.circle flipped.circle &&
		test_expect_code 65 circle --db s.db db merge \
		    --passphrase-file pass flipped.circle 2>err || return 1
	done &&
	head -c $((size - 1)) sealed.circle >short.circle &&
	test_expect_code 65 circle --db s.db db merge --passphrase-file pass \
	    short.circle 2>err &&
	test_grep "short.circle: cut short or damaged on the way (the passphrase is right" err &&
	circle --db s.db db dump >after &&
	test_cmp before after
'

test_expect_success 'the passphrase: a file others can read, or none at all, is refused' '
	chmod 644 pass &&
	test_expect_code 65 bo db extract --group $TH --encrypt \
	    --passphrase-file pass -o loose.circle 2>err &&
	test_grep "readable by others" err &&
	! test -e loose.circle &&
	chmod 600 pass &&
	if command -v setsid >/dev/null; then
		test_expect_code 2 setsid -w circle --db s.db db merge \
		    sealed.circle </dev/null 2>err &&
		test_grep "passphrase-file" err
	fi
'

test_expect_success 'the passphrase from a pipe, as a password manager gives it' '
	cy db dump >before &&
	printf "%s\n" "$(cat pass)" |
	    circle --db s.db db merge --dry-run --passphrase-file /dev/stdin \
	    sealed.circle >out &&
	test_grep "^dry run, nothing written" out &&
	mkfifo pp &&
	chmod 600 pp &&
	{ cat pass >pp & } &&
	circle --db s.db db merge --dry-run --passphrase-file pp \
	    sealed.circle >out &&
	wait &&
	test_grep "^dry run, nothing written" out &&
	chmod 644 pp &&
	{ cat pass >pp & } &&
	test_expect_code 65 circle --db s.db db merge --passphrase-file pp \
	    sealed.circle 2>err &&
	{ wait || :; } &&
	test_grep "pp: readable by others (mode 644)" err &&
	test_expect_code 74 circle --db s.db db merge --passphrase-file . \
	    sealed.circle 2>err &&
	test_grep "\.: not a regular file or a pipe" err &&
	cy db dump >after &&
	test_cmp before after
'

test_expect_success 'a sealed backup loads into a new database whole' '
	ada db backup --encrypt --passphrase-file pass ada.sealed >/dev/null &&
	test_mode ada.sealed 600 &&
	! grep -a -q -e "Ben Brooks" -e SQLite ada.sealed &&
	rm -f r.db* &&
	circle --db r.db db load --passphrase-file pass ada.sealed &&
	ada db dump >expect &&
	circle --db r.db db dump >actual &&
	test_cmp expect actual &&
	test_expect_code 65 circle --db r2.db db load --passphrase-file wrong \
	    ada.sealed 2>err &&
	test_grep "wrong passphrase or damaged file" err
'

test_expect_success 'a file that is not an extract, or of a newer schema, is refused' '
	cy db dump >before &&
	echo "not a database" >junk.circle &&
	test_expect_code 65 cy db merge junk.circle 2>err &&
	test_grep "not a circle extract" err &&
	test_expect_code 65 cy db merge "$BO" 2>err &&
	test_grep "a circle database but not an extract" err &&
	bo db backup bo-backup.db >/dev/null &&
	test_expect_code 65 cy db merge bo-backup.db 2>err &&
	test_grep "not an extract" err &&
	cp bo.circle newer.circle &&
	"$SQLITE3" newer.circle "PRAGMA user_version = 99" &&
	test_expect_code 65 cy db merge newer.circle 2>err &&
	test_grep "made by a newer circle" err &&
	cp bo.circle evil.circle &&
	"$SQLITE3" evil.circle "CREATE TRIGGER t AFTER INSERT ON grp
	    BEGIN DELETE FROM member; END" &&
	test_expect_code 65 cy db merge evil.circle 2>err &&
	test_grep "not circle" err &&
	cp bo.circle ctl.circle &&
	"$SQLITE3" ctl.circle "UPDATE member SET display_name =
	    '"'Tam'"' || char(27) || '"'[2J'"' WHERE handle = '"'tam-t'"'" &&
	test_expect_code 65 cy db merge ctl.circle 2>err &&
	test_grep "member: text with a control character" err &&
	cy db dump >after &&
	test_cmp before after
'

# Attendance, a million rows at scale, is checked in the rows a merge
# writes: a row newer there with a control character is refused; the
# same row older there is not written, and its text not looked at.
test_expect_success 'attendance text circle refuses is refused where it would be written' '
	cy db dump >before &&
	cp bo.circle ctl-att.circle &&
	"$SQLITE3" ctl-att.circle "UPDATE attendance SET note = '"'late'"' ||
	    char(27) || '"'[2J'"', updated_at = '"'2999-01-01T00:00:00Z'"'
	    WHERE id = (SELECT min(id) FROM attendance)" &&
	resum ctl-att.circle &&
	test_expect_code 65 cy db merge ctl-att.circle 2>err &&
	test_grep "attendance: text with a control character or not UTF-8 in 1 row$" err &&
	CIRCLE_MERGE_ROW_BY_ROW=1 test_expect_code 65 cy db merge \
	    ctl-att.circle 2>err &&
	test_grep "attendance: text with a control character" err &&
	rm -f ctl1.db* &&
	circle --db ctl1.db init >/dev/null &&
	test_expect_code 65 circle --db ctl1.db db merge ctl-att.circle 2>err &&
	test_grep "attendance: text with a control character" err &&
	test "$("$SQLITE3" ctl1.db "SELECT count(*) FROM member")" = 0 &&
	"$SQLITE3" ctl-att.circle "UPDATE attendance SET updated_at =
	    '"'2000-01-01T00:00:00Z'"' WHERE id = (SELECT min(id) FROM
	    attendance)" &&
	resum ctl-att.circle &&
	cy db merge ctl-att.circle >out &&
	test_grep "^attendance *0 added, 0 updated" out &&
	cy db dump >after &&
	test_cmp before after
'

# extract-v7.sql: Bo'"'"'s extract as circle made it at schema 7, the first
# that had extracts.  Once a later migration exists, merging it runs the
# migrations in memory; the file itself is never changed.
test_expect_success 'an extract of an older schema is migrated in memory and merged' '
	"$SQLITE3" old.circle <"$FIXTURES/extract-v7.sql" &&
	chmod 600 old.circle &&
	cp old.circle old.orig &&
	rm -f o.db* &&
	circle --db o.db db init >/dev/null &&
	circle --db o.db db merge old.circle >out &&
	test_grep "^member *3 added" out &&
	test_grep "^attendance *4 added" out &&
	cmp old.circle old.orig &&
	test "$(circle --db o.db db check)" = ok &&
	circle --db o.db roster list --format tsv | cut -f1 >actual &&
	printf "benjamin-b\nrosa-r\ntam-t\n" >expect &&
	test_cmp expect actual &&
	circle --db o.db db merge old.circle >out &&
	test_grep ": 0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged" out
'

test_expect_success 'a group is changed only from its own database, or with --adopt' '
	bo db merge ada.circle >/dev/null &&
	bo session edit --group tuesday-circle --topic "Bo was here" \
	    2025-03-25 &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db merge bo.circle >out &&
	test_grep "^not merged: group tuesday-circle: belongs to another database" out &&
	! cy session list --group tuesday-circle --from 2025-03-25 \
	    --to 2025-03-25 | grep -q "Bo was here" &&
	cy db merge --adopt bo.circle >out &&
	! grep -q "not merged" out &&
	cy session show --group tuesday-circle 2025-03-25 >show &&
	test_grep "Bo was here" show &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db merge ada.circle >out &&
	test_grep "^not merged: group tuesday-circle" out
'

test_expect_success 'several files are merged in turn: one that fails stops none, each is its own command' '
	rm -f cz.db* &&
	test_expect_code 65 circle --db cz.db db merge ada.circle junk.circle \
	    bo.circle >out 2>err &&
	test_grep "^ada.circle: [1-9][0-9]* added" out &&
	test_grep "^bo.circle: [1-9][0-9]* added" out &&
	test_grep "^2 of 3 files merged\$" out &&
	test_grep "junk.circle: not a circle extract" err &&
	test "$("$SQLITE3" cz.db "SELECT count(*) FROM grp")" = 3 &&
	circle --db cz.db undo --yes >/dev/null &&
	test "$("$SQLITE3" cz.db "SELECT count(*) FROM grp")" = 2 &&
	circle --db cz.db db merge ada.circle bo.circle >out &&
	test_grep "^ada.circle: 0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged" out &&
	test_grep "^bo.circle: [1-9][0-9]* added" out &&
	rm -f cw.db* &&
	test_expect_code 65 circle --db cw.db db merge junk.circle junk.circle 2>err &&
	! test -e cw.db
'

test_expect_success 'a passphrase file saved by Notepad (a byte order mark, CR LF) opens the file' '
	printf "\357\273\277first long passphrase\r\n" >pbom && chmod 600 pbom &&
	printf "first long passphrase\n" >pplain && chmod 600 pplain &&
	ada db extract --all --encrypt --passphrase-file pbom -o bom.circle >/dev/null &&
	rm -f cu.db* &&
	circle --db cu.db db merge --passphrase-file pplain bom.circle >out &&
	test_grep "^bom.circle: [1-9][0-9]* added" out
'

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty, termios"'

test_expect_success PTY 'several sealed files: each passphrase asked for, naming its file' '
	printf "first long passphrase\n" >p1 && chmod 600 p1 &&
	printf "second long passphrase\n" >p2 && chmod 600 p2 &&
	ada db extract --all --encrypt --passphrase-file p1 -o s1.circle >/dev/null &&
	bo db extract --all --encrypt --passphrase-file p2 -o s2.circle >/dev/null &&
	rm -f cv.db* &&
	printf "%s\n" "expect Passphrase for s1.circle: " "send first long passphrase\\r" \
	    "expect Passphrase for s2.circle: " "send second long passphrase\\r" \
	    "expect files merged" >script &&
	TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" script \
	    circle --db cv.db db merge s1.circle s2.circle >screen &&
	test_grep "2 of 2 files merged" screen &&
	test "$("$SQLITE3" cv.db "SELECT count(*) FROM grp")" = 3
'

test_expect_success 'a first extract is no command to undo: undo after it undoes the one before, and the id stays' '
	DY=$TRASH/dy.db &&
	circle --db "$DY" init >/dev/null &&
	circle --db "$DY" group add --tz Europe/London "Dy Group" >/dev/null &&
	circle --db "$DY" db extract --all -o dy.circle >/dev/null &&
	"$SQLITE3" "$DY" "SELECT value FROM network WHERE key = '\''origin'\''" >id1 &&
	test -s id1 &&
	circle --db "$DY" undo --yes >out &&
	test_grep "group add" out &&
	"$SQLITE3" "$DY" "SELECT value FROM network WHERE key = '\''origin'\''" >id2 &&
	test_cmp id1 id2 &&
	test_expect_code 1 circle --db "$DY" undo --yes 2>err &&
	test_grep "nothing to undo" err
'

test_expect_success 'setup: a larger extract to merge' '
	SQLITE3=$SQLITE3 sh "$CIRCLE_SRC/tests/bench/gen-large.sh" \
	    "$CIRCLE_BUILD" large.db 0.02 >/dev/null &&
	circle --db large.db db extract --all -o large.circle >/dev/null &&
	cp "$CY" cy-base.db &&
	rm -f cy-new.db && cp cy-base.db cy-new.db &&
	circle --db cy-new.db db merge large.circle >/dev/null &&
	circle --db cy-new.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >new.rows
'

# rows DB: the rows a merge brings, without the record of the commands
# and the times it forgot people at
rows() {
	circle --db "$1" db dump | grep -v -e "\"change_log\"" \
	    -e "\"network\"" -e "\"command\"" -e "\"undo_data\"" |
	    sed "/^{\"table\":\"forgotten\"/s/\"at\":\"[^\"]*\"/\"at\":0/"
}

# schema DB: the text of every table, index, view and trigger, by name.
schema() {
	"$SQLITE3" -batch "$1" "SELECT type, name, tbl_name, sql FROM
	    sqlite_schema ORDER BY name"
}

# merge_both [OPTION...] FILE: FILE merged into e1.db as a merge may settle
# or copy rows, and into e2.db row by row: the same exit status (in $st),
# output, errors, schema and rows, and both whole.
merge_both() {
	st=0 &&
	circle --db e1.db db merge "$@" >out1 2>err1 || st=$?
	_st2=0 &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge "$@" >out2 \
	    2>err2.raw || _st2=$?
	sed "s/e2\.db/e1.db/g" err2.raw >err2 &&
	test "$st" = "$_st2" &&
	test_cmp out2 out1 &&
	test_cmp err2 err1 &&
	schema e2.db >schema2 &&
	schema e1.db >schema1 &&
	test_cmp schema2 schema1 &&
	rows e2.db >rows2 &&
	rows e1.db >rows1 &&
	test_cmp rows2 rows1 &&
	test "$(circle --db e1.db db check)" = ok
}

# first_merge FILE: merged into two new databases, one as a first merge
# may copy it, one row by row; both the same, and whole (the first
# merge's output in first1); and merged again.
first_merge() {
	rm -f e1.db* e2.db* &&
	circle --db e1.db db init >/dev/null &&
	circle --db e2.db db init >/dev/null &&
	merge_both "$1" &&
	test "$st" = 0 &&
	cp out1 first1 &&
	cp rows1 rows0 &&
	merge_both "$1" &&
	test "$st" = 0 &&
	test_cmp rows0 rows1
}

test_expect_success 'a first merge too large to keep undo data for says so, and is not undone' '
	rm -f big.db* &&
	circle --db big.db db init >/dev/null &&
	CIRCLE_UNDO_MAX_BYTES=2000 circle --db big.db db merge large.circle \
	    >/dev/null &&
	test "$("$SQLITE3" big.db "SELECT verb, undo FROM command ORDER BY id
	    DESC LIMIT 1")" = "merge|large" &&
	test "$("$SQLITE3" big.db "SELECT count(*) FROM undo_data")" = 0 &&
	rows big.db >big.rows &&
	test_expect_code 1 circle --db big.db undo --yes >out 2>err &&
	test_grep "changed too much for circle to keep what it changed" err &&
	rows big.db >big.after &&
	test_cmp big.rows big.after
'

test_expect_success 'a first merge into an empty database adds what the merge row by row adds' '
	first_merge large.circle &&
	test_grep "^attendance *[1-9][0-9]* added" first1 &&
	circle --db e1.db db merge large.circle >out &&
	test_grep ": 0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged" out &&
	rows e1.db >again &&
	test_cmp rows1 again &&
	g=$(circle --db large.db group list --format tsv | sed -n "3p" |
	    cut -f1) &&
	circle --db large.db db extract --group "$g" -o one.circle \
	    >/dev/null &&
	first_merge one.circle &&
	first_merge ada.circle &&
	first_merge p.circle
'

# Sessions copied whole into an empty database (mergeproof.c) are in the
# merge's undo data like any row: undone, nothing of the file is left.
test_expect_success 'a first merge whose sessions were copied whole is undone whole' '
	rm -f u.db* &&
	circle --db u.db db init >/dev/null &&
	circle --db u.db db merge large.circle >/dev/null &&
	test "$("$SQLITE3" u.db "SELECT count(*) > 100 FROM session")" = 1 &&
	test "$("$SQLITE3" u.db "SELECT undo FROM command ORDER BY id DESC
	    LIMIT 1")" = kept &&
	circle --db u.db undo --yes >/dev/null &&
	test "$("$SQLITE3" u.db "SELECT (SELECT count(*) FROM session) +
	    (SELECT count(*) FROM attendance) + (SELECT count(*) FROM grp)")" = 0 &&
	test "$("$SQLITE3" u.db "PRAGMA integrity_check")" = ok
'

# The newest time a first merge brought is kept with the file's origin,
# attendance's included (found by the scan of a copied file, else by
# SQL's max(): a value that is no text, a blob, is the greatest there).
test_expect_success 'a first merge keeps the newest time it brought, as row by row' '
	for v in "'"'2097-01-01T00:00:00Z'"'" \
	    "CAST('"'2096-01-01T00:00:00Z'"' AS BLOB)"; do
		cp large.db newest.db &&
		"$SQLITE3" newest.db "UPDATE attendance SET updated_at = $v
		    WHERE id = 7" &&
		rm -f newest.circle &&
		circle --db newest.db db extract --all -o newest.circle \
		    >/dev/null &&
		first_merge newest.circle &&
		test_grep "^attendance *[1-9][0-9]* added" first1 &&
		for d in e1.db e2.db; do
			"$SQLITE3" $d "SELECT substr(value, instr(value, '"'|'"')
			    + 1) FROM network WHERE key LIKE '"'merged:%'"'" \
			    >newest.$d || return 1
		done &&
		test_cmp newest.e2.db newest.e1.db &&
		grep -q "^209[67]-01-01T00:00:00Z$" newest.e1.db || return 1
	done
'

# swap_indexes OUT INDEX1 INDEX2: a copy of large.circle whose two indexes
# hold each other's rows (their root pages swapped), which SQLite's quick
# check does not see.
swap_indexes() {
	cp large.circle "$1" &&
	_p1=$("$SQLITE3" "$1" "SELECT rootpage FROM sqlite_schema WHERE
	    name = '$2'") &&
	_p2=$("$SQLITE3" "$1" "SELECT rootpage FROM sqlite_schema WHERE
	    name = '$3'") &&
	"$SQLITE3" "$1" "PRAGMA writable_schema = ON; UPDATE sqlite_schema
	    SET rootpage = $_p2 WHERE name = '$2'; UPDATE sqlite_schema SET
	    rootpage = $_p1 WHERE name = '$3'" &&
	resum "$1" &&
	test "$("$SQLITE3" "$1" "PRAGMA quick_check")" = ok
}

# The file'"'"'s two attendance indexes swapped (each holds the other'"'"'s
# rows): SQLite'"'"'s quick check does not see it; a copy of the indexes
# would make a broken database.
test_expect_success 'a file whose indexes disagree with its rows is merged row by row' '
	swap_indexes swapped.circle attendance_member \
	    sqlite_autoindex_attendance_1 &&
	first_merge large.circle &&
	rm -f e3.db* &&
	circle --db e3.db db init >/dev/null &&
	circle --db e3.db db merge swapped.circle >/dev/null &&
	test "$(circle --db e3.db db check)" = ok &&
	rows e3.db >rows3 &&
	test_cmp rows1 rows3
'

# A file whose attendance holds one person at one session twice, under
# two ids, in its table and in its unique index (made by hand: the index
# taken for a plain one while the row is added): SQLite's quick check
# does not see it; a copy of the index would break its uniqueness here.
# Merged by the upsert, the pair once, as row by row (whose count of rows
# added is made before they are written: it counts the pair twice).
test_expect_success 'a file whose unique index holds a pair twice is merged row by row' '
	cp large.circle twice.circle &&
	"$SQLITE3" twice.circle "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql,
	    '"'UNIQUE (session_id, member_id)'"', '"'CHECK (1)'"') WHERE
	    name = '"'attendance'"'; UPDATE sqlite_schema SET type =
	    '"'index'"', name = '"'twice'"', sql = '"'CREATE INDEX twice ON
	    attendance (session_id, member_id)'"' WHERE name =
	    '"'sqlite_autoindex_attendance_1'"'" &&
	"$SQLITE3" twice.circle "INSERT INTO attendance (session_id,
	    member_id, status, created_at, updated_at) SELECT session_id,
	    member_id, status, created_at, updated_at FROM attendance
	    WHERE id = 1" &&
	"$SQLITE3" twice.circle "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql, '"'CHECK (1)'"',
	    '"'UNIQUE (session_id, member_id)'"') WHERE name =
	    '"'attendance'"'; UPDATE sqlite_schema SET name =
	    '"'sqlite_autoindex_attendance_1'"', sql = NULL WHERE name =
	    '"'twice'"'" &&
	resum twice.circle &&
	test "$("$SQLITE3" twice.circle "PRAGMA quick_check")" = ok &&
	"$SQLITE3" twice.circle "PRAGMA integrity_check" >ic &&
	test_grep "non-unique entry in index sqlite_autoindex_attendance_1" ic &&
	schema large.circle >schema.large &&
	schema twice.circle >schema.twice &&
	test_cmp schema.large schema.twice &&
	rm -f e1.db* e2.db* &&
	circle --db e1.db db merge twice.circle >out1 &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge twice.circle \
	    >out2 &&
	test "$("$SQLITE3" e1.db "PRAGMA integrity_check")" = ok &&
	n=$("$SQLITE3" large.circle "SELECT count(*) FROM attendance") &&
	test_grep "^attendance *$n added" out1 &&
	test "$("$SQLITE3" e1.db "SELECT count(*) FROM attendance")" = $n &&
	rows e1.db >rows1 &&
	rows e2.db >rows2 &&
	test_cmp rows2 rows1
'

# Sessions are copied whole into a database that has none (their table
# and indexes as they are in the file) only once each index is proved to
# hold its table's rows: two of the file's session indexes swapped (each
# holds the other's rows, of the same shape), which SQLite's quick check
# does not see, are merged row by row and leave a whole database.
test_expect_success 'a file whose session indexes disagree with its rows is merged row by row' '
	swap_indexes sswapped.circle session_start session_local &&
	"$SQLITE3" sswapped.circle "PRAGMA integrity_check" >ic &&
	test_grep "missing from index session_start" ic &&
	first_merge large.circle &&
	rm -f e3.db* &&
	circle --db e3.db db init >/dev/null &&
	circle --db e3.db db merge sswapped.circle >/dev/null &&
	test "$("$SQLITE3" e3.db "PRAGMA integrity_check")" = ok &&
	rows e3.db >rows3 &&
	test_cmp rows1 rows3
'

# extra_field FILE INDEX COLUMNS: large.circle with an index's records
# carrying a field more than its text says (made with one more column,
# the text then set back): quick_check and the proofs (key columns and
# rowids) pass; SQLite stops a whole copy of it as corrupt.
extra_field() {
	cp large.circle "$1" &&
	_sql=$("$SQLITE3" "$1" "SELECT sql FROM sqlite_schema WHERE
	    name = '$2'") &&
	"$SQLITE3" "$1" "DROP INDEX $2; CREATE INDEX $2 ON $3" &&
	"$SQLITE3" "$1" "PRAGMA writable_schema = ON; UPDATE sqlite_schema
	    SET sql = '$_sql' WHERE name = '$2'" &&
	resum "$1" &&
	test "$("$SQLITE3" "$1" "PRAGMA quick_check")" = ok &&
	test "$("$SQLITE3" "$1" "SELECT sql FROM sqlite_schema WHERE
	    name = '$2'")" = "$_sql"
}

# Such a file is the file's fault, never this database's ("COORDINATOR.db:
# malformed", exit 74): merged again without the copy, as row by row.
test_expect_success 'a file whose index records carry a field more is merged without the copy' '
	extra_field xsession.circle session_start "session (starts_at, grp_id)" &&
	extra_field xatt.circle attendance_member \
	    "attendance (member_id, session_id, status)" &&
	first_merge large.circle &&
	for f in xsession xatt; do
		rm -f e3.db* &&
		circle --db e3.db db init >/dev/null &&
		circle --db e3.db db merge $f.circle >out3 2>err3 &&
		test_must_be_empty err3 &&
		sed "s/^$f\.circle:/large.circle:/" out3 >out3.named &&
		test_cmp first1 out3.named &&
		test "$("$SQLITE3" e3.db "PRAGMA integrity_check")" = ok &&
		rows e3.db >rows3 &&
		test_cmp rows1 rows3 || return 1
	done
'

# hidden_field FILE TABLE: large.circle with bytes hidden in each record of
# a table (a column added and filled, the table's text then set back):
# quick_check passes, and no column of the table names them.
hidden_field() {
	cp large.circle "$1" &&
	_sql=$("$SQLITE3" "$1" "SELECT sql FROM sqlite_schema WHERE
	    name = '$2'") &&
	"$SQLITE3" "$1" "ALTER TABLE $2 ADD COLUMN hid TEXT;
	    UPDATE $2 SET hid = 'zorblefrinx'" &&
	printf '%s' "$_sql" >sql.txt &&
	"$SQLITE3" "$1" "PRAGMA writable_schema = ON; UPDATE sqlite_schema
	    SET sql = CAST(readfile('sql.txt') AS TEXT) WHERE name = '$2'" &&
	resum "$1" &&
	test "$("$SQLITE3" "$1" "PRAGMA quick_check")" = ok &&
	test "$("$SQLITE3" "$1" "SELECT sql FROM sqlite_schema WHERE
	    name = '$2'")" = "$_sql" &&
	grep -a -q zorblefrinx "$1"
}

# A whole copy would bring the hidden bytes; the rows are added one by
# one, with their columns only.
test_expect_success 'bytes hidden in session or attendance records never come in' '
	hidden_field hsession.circle session &&
	hidden_field hatt.circle attendance &&
	for f in hsession hatt; do
		rm -f e3.db* &&
		circle --db e3.db db init >/dev/null &&
		circle --db e3.db db merge $f.circle >out3 2>err3 &&
		test_must_be_empty err3 &&
		sed "s/^$f\.circle:/large.circle:/" out3 >out3.named &&
		test_cmp first1 out3.named &&
		! grep -a -q zorblefrinx e3.db e3.db-wal &&
		rows e3.db >rows3 &&
		test_cmp rows1 rows3 || return 1
	done
'

# A value a row by row merge would change by its column's affinity (text
# that reads as a number, in an INTEGER column: made with the column's
# type taken away for a moment) is never copied as it is: such a file is
# refused (SQLite's quick check), as row by row, nothing written.
test_expect_success 'a session whose value is not its column'"'"'s type is refused as row by row' '
	cp large.circle typed.circle &&
	"$SQLITE3" typed.circle "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql,
	    '"'headcount	INTEGER'"', '"'headcount	BLOB'"') WHERE name =
	    '"'session'"'" &&
	"$SQLITE3" typed.circle "UPDATE session SET headcount = '"'7'"'
	    WHERE id = 3" &&
	"$SQLITE3" typed.circle "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(sql,
	    '"'headcount	BLOB'"', '"'headcount	INTEGER'"') WHERE name =
	    '"'session'"'" &&
	schema large.circle >schema.large &&
	schema typed.circle >schema.typed &&
	test_cmp schema.large schema.typed &&
	test "$("$SQLITE3" typed.circle "SELECT typeof(headcount) FROM
	    session WHERE id = 3")" = text &&
	rm -f e1.db* e2.db* &&
	circle --db e1.db db init >/dev/null &&
	circle --db e2.db db init >/dev/null &&
	merge_both typed.circle &&
	test "$st" = 65 &&
	test_grep "quick_check" err1 &&
	test "$("$SQLITE3" e1.db "SELECT count(*) FROM session")" = 0
'

# Edits there, and the same rows edited here too since the last merge:
# updates and conflicts, the rest settled unchanged by id, as row by row.
test_expect_success 'a file merged again after edits gives what the merge row by row gives' '
	first_merge large.circle &&
	cp large.db edited.db &&
	"$SQLITE3" edited.db "UPDATE session SET topic = '"'changed'"',
	    updated_at = '"'2099-01-01T00:00:00Z'"' WHERE id % 7 = 3;
	    UPDATE member SET pronouns = '"'they'"', updated_at =
	    '"'2099-01-01T00:00:00Z'"' WHERE id % 11 = 2" &&
	circle --db edited.db db extract --all -o edited.circle >/dev/null &&
	for d in e1.db e2.db; do
		"$SQLITE3" $d "UPDATE session SET location = '"'here'"',
		    updated_at = '"'2098-01-01T00:00:00Z'"' WHERE id % 14 = 3" ||
		return 1
	done &&
	rows e1.db >before.rows &&
	merge_both --dry-run edited.circle &&
	test "$st" = 0 &&
	test_cmp before.rows rows1 &&
	merge_both edited.circle &&
	test "$st" = 0 &&
	test_grep "^session .* [1-9][0-9]* updated" out1 &&
	test_grep "^member .* [1-9][0-9]* updated" out1 &&
	test_grep "^conflict: session .* kept this side" out1 &&
	merge_both edited.circle &&
	test "$st" = 0 &&
	test_grep "^member .* 0 updated" out1 &&
	merge_both large.circle &&
	test "$st" = 0
'

# A merge again compares each row's times only (MERGE_SETTLED): a row
# changed here, newer than the file's, is unchanged whatever else differs;
# one older here is updated; one changed on both sides is a conflict.
test_expect_success 'attendance and sessions edited here, merged again, give what the merge row by row gives' '
	first_merge large.circle &&
	for d in e1.db e2.db; do
		"$SQLITE3" $d "UPDATE attendance SET status = '"'excused'"',
		    note = '"'here'"', updated_at = '"'2098-01-01T00:00:00Z'"'
		    WHERE id % 13 = 1;
		    UPDATE attendance SET note = '"'older'"', updated_at =
		    '"'2000-01-01T00:00:00Z'"' WHERE id % 17 = 2;
		    UPDATE session SET topic = '"'here'"', updated_at =
		    '"'2098-01-01T00:00:00Z'"' WHERE id % 5 = 1" || return 1
	done &&
	merge_both large.circle &&
	test "$st" = 0 &&
	n=$("$SQLITE3" large.db "SELECT count(*) FROM attendance WHERE
	    id % 17 = 2") &&
	test_grep "^attendance .* $n updated" out1 &&
	test_grep "^session .* 0 updated" out1 &&
	test "$("$SQLITE3" e1.db "SELECT count(*) FROM attendance WHERE
	    id % 13 = 1 AND id % 17 != 2 AND status != '"'excused'"'")" = 0 &&
	cp large.db both.db &&
	"$SQLITE3" both.db "UPDATE attendance SET status = '"'late'"',
	    updated_at = '"'2099-01-01T00:00:00Z'"' WHERE id % 26 = 1" &&
	circle --db both.db db extract --all -o both.circle >/dev/null &&
	merge_both both.circle &&
	test "$st" = 0 &&
	test_grep "^conflict: attendance .* kept this side" out1 &&
	merge_both both.circle &&
	test "$st" = 0 &&
	test_grep "^conflict: attendance .* kept this side" out1
'

# Someone forgotten here is not brought back, even into a database with
# no one: the others numbered from 1 as row by row.
test_expect_success 'a first merge leaves out a person forgotten here' '
	u=$("$SQLITE3" large.circle "SELECT uid FROM member WHERE id = 1") &&
	rm -f e1.db* e2.db* &&
	for d in e1.db e2.db; do
		circle --db $d db init >/dev/null &&
		"$SQLITE3" $d "INSERT INTO forgotten (uid, at) VALUES
		    ('"'$u'"', '"'2020-01-01T00:00:00Z'"')" || return 1
	done &&
	merge_both large.circle &&
	test "$st" = 0 &&
	test "$("$SQLITE3" e1.db "SELECT count(*) FROM member WHERE uid =
	    '"'$u'"'")" = 0 &&
	test "$("$SQLITE3" e1.db "SELECT max(id) = count(*) FROM member")" = 1 &&
	merge_both large.circle &&
	test "$st" = 0
'

# dup_handle FILE: a copy of large.circle with two people under one
# handle: the second one's bytes changed in its row, not in the index of
# handles, which SQLite's quick check does not compare with the rows.
dup_handle() {
	set -- "$1" $("$SQLITE3" -separator " " large.circle "SELECT a.handle,
	    b.handle, b.display_name FROM member a JOIN member b ON
	    length(a.handle) = length(b.handle) AND a.id < b.id WHERE
	    b.display_name NOT GLOB '*[^ -~]*' LIMIT 1") &&
	_out=$1 _h1=$2 _h2=$3 &&
	shift 3 &&
	H1=$_h1 H2=$_h2 D2="$*" perl -0777 -pe \
	    "s/\\Q\$ENV{H2}\$ENV{D2}\\E/\$ENV{H1}\$ENV{D2}/ or die" \
	    large.circle >"$_out" &&
	test "$("$SQLITE3" "$_out" "PRAGMA quick_check")" = ok &&
	test "$("$SQLITE3" "$_out" "SELECT count(*) FROM member NOT INDEXED
	    WHERE handle = '$_h1'")" = 2
}

test_expect_success 'a file with two people under one handle is refused, nothing written' '
	dup_handle dup.circle &&
	rm -f e1.db* e2.db* &&
	circle --db e1.db db init >/dev/null &&
	circle --db e2.db db init >/dev/null &&
	schema e1.db >schema0 &&
	rows e1.db >rows0 &&
	merge_both dup.circle &&
	test "$st" = 65 &&
	test_grep "dup.circle: .*UNIQUE constraint failed: member.handle" err1 &&
	test_cmp schema0 schema1 &&
	test_cmp rows0 rows1
'

test_expect_success 'a file with two sessions under one uid is refused into an empty database, merged again as row by row' '
	u1=$("$SQLITE3" large.circle "SELECT uid FROM session WHERE id = 1") &&
	u2=$("$SQLITE3" large.circle "SELECT uid FROM session WHERE id = 2") &&
	U1=$u1 U2=$u2 perl -0777 -pe "s/\\Q\$ENV{U2}\\E/\$ENV{U1}/g" \
	    large.circle >dupuid.circle &&
	test "$("$SQLITE3" dupuid.circle "PRAGMA quick_check")" = ok &&
	rm -f e1.db* e2.db* &&
	circle --db e1.db db init >/dev/null &&
	circle --db e2.db db init >/dev/null &&
	merge_both dupuid.circle &&
	test "$st" = 65 &&
	test_grep "UNIQUE constraint failed: session.uid" err1 &&
	test_cmp schema0 schema1 &&
	test_cmp rows0 rows1 &&
	first_merge large.circle &&
	merge_both dupuid.circle &&
	merge_both dup.circle
'

# The file'"'"'s indexes of sessions swapped: a first merge reads the file'"'"'s
# rows, never its indexes.
test_expect_success 'a first merge of a file whose session indexes are swapped is whole' '
	first_merge large.circle &&
	cp rows1 clean.rows &&
	swap_indexes swapped2.circle session_start session_local &&
	rm -f e3.db* &&
	circle --db e3.db db init >/dev/null &&
	circle --db e3.db db merge swapped2.circle >/dev/null &&
	test "$(circle --db e3.db db check)" = ok &&
	rows e3.db >rows3 &&
	test_cmp clean.rows rows3
'

# kill_merge BASE ROWS DELAY: kill -9 a merge of the large extract into a
# copy of BASE after DELAY seconds; the database is whole, its schema the
# same (a first merge drops indexes and makes them again), and all old or
# all new (ROWS).
kill_merge() {
	rm -f k.db k.db-wal k.db-shm && cp "$1" k.db &&
	circle --db k.db db dump >old.dump &&
	schema k.db >k.schema || return 1
	circle-db --db k.db merge large.circle >/dev/null 2>merge.err &
	_pid=$!
	sleep "$3"
	kill -9 $_pid 2>/dev/null
	wait $_pid
	_st=$?
	echo "merge exit status $_st"
	test "$(circle --db k.db db check)" = ok &&
	schema k.db >now.schema &&
	test_cmp k.schema now.schema &&
	circle --db k.db db dump >now.dump &&
	case $_st in
	0)	grep -v "\"change_log\"" now.dump | grep -v "\"network\"" |
		    grep -v "\"command\"" >now.rows &&
		test_cmp "$2" now.rows ;;
	137)	test_cmp old.dump now.dump 2>/dev/null || {
		    grep -v "\"change_log\"" now.dump |
		    grep -v "\"network\"" | grep -v "\"command\"" >now.rows &&
		    test_cmp "$2" now.rows; } ;;
	*)	cat merge.err >&2; false ;;
	esac
}

for delay in 0.05 0.2 0.4 0.7 1.0; do
	test_expect_success "kill -9 a merge after ${delay}s leaves the database as it was" '
		kill_merge cy-base.db new.rows $delay
	'
done

test_expect_success 'setup: a first merge of the large extract' '
	rm -f empty.db* fresh.db* &&
	circle --db empty.db db init >/dev/null &&
	cp empty.db fresh.db &&
	circle --db fresh.db db merge large.circle >/dev/null &&
	circle --db fresh.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >fresh.rows
'

for delay in 0.1 0.3; do
	test_expect_success "kill -9 a first merge after ${delay}s leaves the database as it was" '
		kill_merge empty.db fresh.rows $delay
	'
done

# A first merge into a database it makes is written under a rollback
# journal, then WAL again (db.c: circle_db_journal_once).  kill_new ROWS
# DELAY: kill -9 such a merge of the large extract after DELAY seconds;
# the next circle to open the file finds it whole, in WAL again, with no
# journal beside it, and empty or all merged (ROWS).
kill_new() {
	rm -f k.db k.db-wal k.db-shm k.db-journal
	circle-db --db k.db merge large.circle >/dev/null 2>merge.err &
	_pid=$!
	sleep "$2"
	kill -9 $_pid 2>/dev/null
	wait $_pid
	_st=$?
	echo "merge exit status $_st"
	if ! test -e k.db; then
		echo "killed before it made the file: nothing changed"
		return 0
	fi
	# db migrate, which also makes a file killed while it was being
	# made, before the merge began (schema 0); another program first:
	# the test after.
	# Each step says so when it fails (seen only under a load of 8 or
	# more, never reproduced by hand: say which).
	ls -l k.db* >&2
	circle --db k.db db migrate >/dev/null ||
	    { echo "kill_new: db migrate failed" >&2; return 1; }
	_c=$(circle --db k.db db check 2>&1)
	test "$_c" = ok || { echo "kill_new: db check: $_c" >&2; return 1; }
	_j=$("$SQLITE3" k.db "PRAGMA journal_mode")
	test "$_j" = wal || { echo "kill_new: journal_mode $_j" >&2; return 1; }
	! test -e k.db-journal ||
	    { echo "kill_new: a journal beside k.db" >&2; return 1; }
	circle --db k.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >now.rows ||
	    { echo "kill_new: db dump failed" >&2; return 1; }
	case $_st in
	0)	test_cmp "$1" now.rows ;;
	137)	test_cmp empty.rows now.rows 2>/dev/null ||
		    test_cmp "$1" now.rows ||
		    { echo "kill_new: neither empty nor whole" >&2; return 1; } ;;
	*)	cat merge.err >&2; false ;;
	esac
}

test_expect_success 'a first merge into a database it makes leaves it in WAL, no journal beside it' '
	rm -f new.db* &&
	circle --db new.db db merge large.circle >/dev/null &&
	test "$("$SQLITE3" new.db "PRAGMA journal_mode")" = wal &&
	! test -e new.db-journal &&
	test "$(circle --db new.db db check)" = ok &&
	circle --db new.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >new.rows &&
	test_cmp fresh.rows new.rows &&
	circle --db empty.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >empty.rows
'

# A write killed before its journal's sync leaves a journal whose magic
# is zero: SQLite takes it for none and keeps it; circle removes it.
test_expect_success 'a journal never synced beside a database in WAL is removed when it is opened; the data as it was' '
	rm -f cold.db* &&
	cp new.db cold.db &&
	{ head -c 8 /dev/zero && head -c 4608 /dev/urandom; } >cold.db-journal &&
	circle --db cold.db db migrate >/dev/null &&
	! test -e cold.db-journal &&
	test "$(circle --db cold.db db check)" = ok &&
	test "$("$SQLITE3" cold.db "PRAGMA journal_mode")" = wal &&
	circle --db cold.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >cold.rows &&
	test_cmp fresh.rows cold.rows &&
	: >cold.db-journal &&
	circle --db cold.db db migrate >/dev/null &&
	! test -e cold.db-journal
'

for delay in 0.1 0.2 0.3; do
	test_expect_success "kill -9 a first merge into a database it makes after ${delay}s leaves it whole, in WAL" '
		kill_new fresh.rows $delay
	'
done

# journal_hot DB: DB in rollback mode (header byte 18: 1) and its journal
# hot (not empty, its first byte not 0: pages of the file were written,
# by the merge or by a write after it before WAL again).
journal_hot() {
	test -s "$1-journal" &&
	    test "$(od -An -tu1 -N1 "$1-journal" | tr -d " ")" != 0 &&
	    test "$(od -An -tu1 -j18 -N1 "$1" | tr -d " ")" = 1
}

# kill_journaled DB: kill -9 a first merge of the large extract into DB
# while its journal is hot, seen so while the merge is stopped; 0 when so.
kill_journaled() {
	rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
	circle-db --db "$1" merge large.circle >/dev/null 2>&1 &
	_pid=$!
	_caught=1
	while kill -0 $_pid 2>/dev/null; do
		journal_hot "$1" 2>/dev/null || continue
		kill -STOP $_pid 2>/dev/null
		if journal_hot "$1"; then
			kill -9 $_pid
			_caught=0
		fi
		kill -CONT $_pid 2>/dev/null
		test $_caught = 1 || break
	done
	wait $_pid
	return $_caught
}

test_expect_success 'a merge killed under its journal, the journal rolled back by the sqlite3 shell first: circle puts the file back in WAL' '
	_n=0 &&
	while test $_n -lt 30; do
		_n=$((_n + 1)) &&
		if kill_journaled kj.db 2>/dev/null; then
			"$SQLITE3" kj.db "SELECT count(*) FROM grp" >out &&
			if ! test -e kj.db-journal; then
				break
			fi
		fi
	done &&
	# No kill landed while the journal was hot (a slow build, a busy
	# machine): the file as such a kill and the shell leave it, made so.
	if test "$("$SQLITE3" kj.db "PRAGMA journal_mode")" != delete; then
		rm -f kj.db kj.db-wal kj.db-shm kj.db-journal &&
		circle --db kj.db db init >/dev/null &&
		"$SQLITE3" kj.db "INSERT INTO network VALUES
		    ('\''rollback_journal'\'', '\''2026-12-07T12:00:00Z'\'');
		    PRAGMA journal_mode = delete" >/dev/null
	fi &&
	! test -e kj.db-journal &&
	test "$("$SQLITE3" kj.db "PRAGMA journal_mode")" = delete &&
	test "$(circle --db kj.db db check)" = ok &&
	test "$("$SQLITE3" kj.db "PRAGMA journal_mode")" = wal &&
	test "$("$SQLITE3" kj.db "SELECT count(*) FROM network WHERE
	    key = '\''rollback_journal'\''")" = 0 &&
	circle --db kj.db db merge large.circle >/dev/null &&
	circle --db kj.db db dump | grep -v "\"change_log\"" |
	    grep -v "\"network\"" | grep -v "\"command\"" >now.rows &&
	test_cmp fresh.rows now.rows
'

test_expect_success 'a group whose handle is taken here comes in under another, and the merge says so' '
	rm -f dee.db* dd.db* dee.circle &&
	circle --db dee.db db init >/dev/null &&
	circle --db dd.db db init >/dev/null &&
	circle --db dee.db group add --tz Europe/London --handle $TH \
	    "Thursday Group (North)" >/dev/null &&
	circle --db dee.db db extract --all -o dee.circle >/dev/null &&
	circle --db dd.db group add --tz Europe/London --handle $TH \
	    "Thursday Here" >/dev/null &&
	circle --db dd.db db merge dee.circle >out &&
	test_grep "^renamed: group $TH-2: $TH in the file; a group here has that handle\$" out &&
	circle --db dd.db group show --json $TH-2 >show &&
	test_grep "Thursday Group (North)" show &&
	circle --db dd.db db merge dee.circle >again &&
	! grep -q "^renamed" again
'

test_done
