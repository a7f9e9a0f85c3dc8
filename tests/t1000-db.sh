#!/bin/sh
test_description='circle db: init, path, privacy, check, backup, refusing
databases that are not ours or are newer, dump and load'
. "$(dirname "$0")/test-lib.sh"

DIR=$(dirname "$CIRCLE_DB")

# A few groups, people (accents, emoji) and memberships in the test database.
add_data() {
	circle group add "Tuesday Evening Circle" >/dev/null &&
	circle group add --tz Europe/Paris --location "Salle 3, Maison des Associations" \
	    "Groupe de parole du jeudi" >/dev/null &&
	circle roster add --email jose@example.org --pronouns "él" \
	    --group tuesday-evening-circle "José Núñez" >/dev/null &&
	circle roster add --notes "prefers 🌈 stickers; ünïcödé" \
	    --group tuesday-evening-circle "Zoë 🌈 Ødegård" >/dev/null &&
	circle roster add --group groupe-de-parole-du-jeudi "Amélie Poulain" \
	    >/dev/null &&
	circle roster add "李小龍" >/dev/null
}

test_expect_success 'init makes a 0700 directory and a 0600 file' '
	umask 000 &&
	circle init >out &&
	echo "$CIRCLE_DB" >expect &&
	test_cmp expect out &&
	test_mode "$DIR" 700 &&
	test_mode "$CIRCLE_DB" 600
'

test_expect_success 'init again keeps what is there' '
	add_data &&
	circle roster list >before &&
	circle init >out &&
	echo "$CIRCLE_DB" >expect &&
	test_cmp expect out &&
	circle db init >out &&
	test_cmp expect out &&
	circle roster list >after &&
	test_cmp before after &&
	test_mode "$CIRCLE_DB" 600
'

test_expect_success 'without CIRCLE_DB, the database is under XDG_DATA_HOME' '
	umask 022 &&
	(
		unset CIRCLE_DB &&
		circle init >out &&
		circle db path >path
	) &&
	echo "$XDG_DATA_HOME/circle/circle.db" >expect &&
	test_cmp expect out &&
	test_cmp expect path &&
	test_mode "$XDG_DATA_HOME/circle" 700 &&
	test_mode "$XDG_DATA_HOME/circle/circle.db" 600
'

test_expect_success 'without XDG_DATA_HOME either, it is under HOME' '
	(
		unset CIRCLE_DB XDG_DATA_HOME &&
		circle db path >out
	) &&
	echo "$HOME/.local/share/circle/circle.db" >expect &&
	test_cmp expect out
'

test_expect_success 'circle opened the XDG directory loosened: made 0700 again' '
	chmod 755 "$XDG_DATA_HOME/circle" &&
	(
		unset CIRCLE_DB &&
		test_expect_code 1 circle group list >out 2>err
	) &&
	test_grep "warning:.*made private" err &&
	test_mode "$XDG_DATA_HOME/circle" 700
'

test_expect_success 'path prints $CIRCLE_DB' '
	circle db path >out &&
	echo "$CIRCLE_DB" >expect &&
	test_cmp expect out
'

test_expect_success '--db wins over $CIRCLE_DB' '
	CIRCLE_DB="$TRASH/env.db" circle --db "$TRASH/cli.db" db path >out &&
	echo "$TRASH/cli.db" >expect &&
	test_cmp expect out &&
	CIRCLE_DB="$TRASH/env.db" circle-db --db "$TRASH/cli.db" init &&
	CIRCLE_DB="$TRASH/env.db" circle --db "$TRASH/cli2.db" init &&
	CIRCLE_DB="$TRASH/env.db" circle db init --db "$TRASH/cli3.db" &&
	test -f cli.db && test -f cli2.db && test -f cli3.db &&
	test_mode cli.db 600 && test_mode cli2.db 600 && test_mode cli3.db 600 &&
	! test -e env.db
'

test_expect_success 'no database at --db FILE: the init it says makes that file' '
	test_expect_code 1 circle --db "$TRASH/new dir/a.db" roster list \
	    >out 2>err &&
	test_must_be_empty out &&
	echo "circle-roster: no database at $TRASH/new dir/a.db (create it with '\''circle --db \"$TRASH/new dir/a.db\" init'\'')" >expect &&
	test_cmp expect err &&
	! test -e "new dir" &&
	hint=$(sed -n "s/.*with .circle --db \"\(.*\)\" init.)$/\1/p" err) &&
	circle --db "$hint" init >/dev/null &&
	test_mode "new dir/a.db" 600 &&
	CIRCLE_DB="$TRASH/env.db" test_expect_code 1 circle group list 2>err &&
	echo "circle-group: no database at $TRASH/env.db (create one with '\''circle init'\'')" >expect &&
	test_cmp expect err
'

test_expect_success 'check prints ok' '
	circle db check >out 2>err &&
	echo ok >expect &&
	test_cmp expect out &&
	test_must_be_empty err
'

test_expect_success 'a database others can read is made private, with a warning' '
	chmod 644 "$CIRCLE_DB" &&
	circle db check >out 2>err &&
	echo ok >expect &&
	test_cmp expect out &&
	test_grep "warning: .*circle.db: was readable by others" err &&
	test_mode "$CIRCLE_DB" 600
'

test_expect_success 'its -wal and -shm are made private too' '
	cp "$CIRCLE_DB" loose.db &&
	# A writer that dies leaves its -wal and -shm behind.
	/usr/bin/python3 -c "
import os, sqlite3
c = sqlite3.connect(\"loose.db\", isolation_level=None)
c.execute(\"PRAGMA journal_mode = WAL\")
c.execute(\"UPDATE member SET notes = notes\")
os._exit(0)
" &&
	test -f loose.db-wal && test -f loose.db-shm &&
	chmod 644 loose.db loose.db-wal loose.db-shm &&
	circle --db loose.db db check >out 2>err &&
	test_cmp expect out &&
	test_grep "loose.db: was readable by others" err &&
	test_grep "loose.db-wal: was readable by others" err &&
	test_grep "loose.db-shm: was readable by others" err &&
	test_mode loose.db 600 &&
	for f in loose.db-wal loose.db-shm; do
		! test -e $f || test_mode $f 600 || exit 1
	done
'

test_expect_success 'check on a corrupted file fails' '
	circle db init --db corrupt.db >/dev/null &&
	awk "BEGIN { print \"name,email\"
	    for (i = 1; i <= 300; i++) printf \"Person %d,p%d@example.org\\n\", i, i }" \
	    >people.csv &&
	circle --db corrupt.db roster import people.csv >/dev/null &&
	circle --db corrupt.db db check >/dev/null &&
	! test -s corrupt.db-wal &&
	size=$(stat -c %s corrupt.db) &&
	test "$size" -ge 32768 &&
	dd if=/dev/urandom of=corrupt.db bs=4096 seek=2 count=$((size / 4096 - 3)) \
	    conv=notrunc 2>/dev/null &&
	{ circle --db corrupt.db db check >out 2>err; st=$?; } &&
	echo "exit status $st" &&
	test $st -ne 0 &&
	! grep "^ok$" out &&
	test -s err
'

test_expect_success 'backup FILE: a whole, private, standalone copy' '
	circle db backup "$TRASH/copy.db" >out &&
	test_mode copy.db 600 &&
	! test -e copy.db-wal &&
	"$SQLITE3" copy.db "PRAGMA integrity_check" >ic &&
	echo ok >expect &&
	test_cmp expect ic &&
	circle roster list --everyone >orig &&
	circle --db copy.db roster list --everyone >backup &&
	test_cmp orig backup &&
	circle group list --with-archived >orig &&
	circle --db copy.db group list --with-archived >backup &&
	test_cmp orig backup &&
	test $(wc -l <orig) -eq 2
'

test_expect_success 'backup refuses to overwrite, unless --force' '
	echo precious >keep &&
	test_expect_code 1 circle db backup keep 2>err &&
	test_grep "already exists" err &&
	test_expect_code 1 circle db backup --encrypt keep </dev/null 2>err &&
	test_grep "keep: already exists (use --force to replace it)" err &&
	! test_grep "terminal" err &&
	echo precious >expect &&
	test_cmp expect keep &&
	circle db backup --force keep &&
	test_mode keep 600 &&
	circle --db keep roster list --everyone >backup &&
	circle roster list --everyone >orig &&
	test_cmp orig backup
'

test_expect_success 'backup with no FILE: a dated file beside the database, never over another' '
	circle --db "$TRASH/here/mine.db" db init >/dev/null &&
	# in every backup below, so that forget names each
	circle --db "$TRASH/here/mine.db" roster add "Zed Zu" >/dev/null &&
	circle --db "$TRASH/here/mine.db" db backup >out &&
	day=$(date +%F) &&
	echo "$TRASH/here/mine-backup-$day.db" >expect &&
	test_cmp expect out &&
	test_mode "here/mine-backup-$day.db" 600 &&
	"$SQLITE3" "here/mine-backup-$day.db" "PRAGMA integrity_check" >ic &&
	echo ok >expect &&
	test_cmp expect ic &&
	cp "here/mine-backup-$day.db" first &&
	circle --db "$TRASH/here/mine.db" db backup >out &&
	echo "$TRASH/here/mine-backup-$day-2.db" >expect &&
	test_cmp expect out &&
	cmp first "here/mine-backup-$day.db" &&
	circle --db "$TRASH/here/mine.db" db backup --force >out &&
	test_grep "mine-backup-$day-3.db\$" out &&
	# remembered for forget, as a named one is
	circle --db "$TRASH/here/mine.db" roster forget --yes zed-z >out &&
	test_grep "mine-backup-$day-2.db" out
'

test_expect_success 'backups with no FILE at once each take a name of their own; a failed one leaves none' '
	rm -f here/mine-backup-* &&
	for i in 1 2 3 4 5 6; do
		circle --db "$TRASH/here/mine.db" db backup >at.$i &
	done &&
	wait &&
	test "$(cat at.* | sort -u | wc -l)" -eq 6 &&
	test "$(ls here | grep -c "^mine-backup-")" -eq 6 &&
	for f in $(cat at.*); do
		test "$("$SQLITE3" "$f" "PRAGMA integrity_check")" = ok ||
		return 1
	done &&
	rm -f here/mine-backup-* &&
	test_expect_code 1 circle --db "$TRASH/here/mine.db" db backup \
	    --encrypt --passphrase-file "$TRASH/no-such-file" 2>err &&
	test "$(ls here | grep -c "^mine-backup-")" -eq 0
'

test_expect_success 'backup of a database that is not there makes nothing' '
	test_expect_code 1 circle --db nothere.db db backup nb.db 2>err &&
	! test -e nothere.db &&
	! test -e nb.db
'

# fingerprint FILE: mtime, bytes, and which side files exist.
fingerprint() {
	stat -c %Y "$1" && cksum <"$1" && ls "$1"* 2>/dev/null
}

test_expect_success 'a newer database is refused and left untouched' '
	cp "$CIRCLE_DB" newer.db &&
	"$SQLITE3" newer.db "PRAGMA user_version = 99" &&
	"$SQLITE3" newer.db "PRAGMA journal_mode" >mode &&
	echo wal >expect &&
	test_cmp expect mode &&
	! test -e newer.db-wal &&
	fingerprint newer.db >before &&
	sleep 1.1 &&
	for cmd in "roster list" "roster add Sam" "group add Group" \
	    "db check" "db migrate" "db init" "db dump" "db backup nb2.db"; do
		test_expect_code 74 circle --db newer.db $cmd >out 2>err &&
		test_grep "newer" err || exit 1
	done &&
	! test -e nb2.db &&
	fingerprint newer.db >after &&
	test_cmp before after &&
	"$SQLITE3" newer.db "PRAGMA user_version" >v &&
	echo 99 >expect &&
	test_cmp expect v
'

test_expect_success 'an SQLite file that is not circle'"'"'s is refused, untouched' '
	"$SQLITE3" other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1)" &&
	fingerprint other.db >before &&
	sleep 1.1 &&
	test_expect_code 74 circle --db other.db roster list >out 2>err &&
	test_grep "not a circle database" err &&
	test_expect_code 74 circle --db other.db db migrate >out 2>err &&
	test_grep "not a circle database" err &&
	test_expect_code 74 circle --db other.db group add X >out 2>err &&
	fingerprint other.db >after &&
	test_cmp before after &&
	"$SQLITE3" other.db ".tables" >tables &&
	echo t >expect &&
	test_cmp expect tables
'

test_expect_success 'a file that is not SQLite is refused, untouched' '
	printf "name,email\nAlex,a@example.org\n" >notdb.csv &&
	fingerprint notdb.csv >before &&
	sleep 1.1 &&
	test_expect_code 74 circle --db notdb.csv roster list >out 2>err &&
	test_grep "not a circle database" err &&
	test_expect_code 74 circle --db notdb.csv db init >out 2>err &&
	fingerprint notdb.csv >after &&
	test_cmp before after
'

test_expect_success 'dump, load into a new database, dump: the same bytes' '
	circle db dump >dump1 &&
	test_grep "José Núñez" dump1 &&
	test_grep "Zoë 🌈 Ødegård" dump1 &&
	test_grep "李小龍" dump1 &&
	test_grep "\"table\":\"membership\"" dump1 &&
	circle --db "$TRASH/restored.db" db load dump1 >out &&
	echo "loaded dump1 into $TRASH/restored.db" >expect &&
	test_cmp expect out &&
	test_mode restored.db 600 &&
	circle --db "$TRASH/restored.db" db dump >dump2 &&
	test_cmp dump1 dump2 &&
	circle --db "$TRASH/restored.db" roster list --everyone >after &&
	circle roster list --everyone >before &&
	test_cmp before after
'

test_expect_success 'dump -o FILE writes the same, privately' '
	circle db dump -o dump3 &&
	test_mode dump3 600 &&
	test_cmp dump1 dump3
'

test_expect_success 'load from stdin' '
	circle --db "$TRASH/stdin.db" db load - <dump1 &&
	circle --db "$TRASH/stdin.db" db dump >dump4 &&
	test_cmp dump1 dump4
'

test_expect_success 'load into a database with data is refused, nothing changes' '
	circle db dump >before &&
	! circle db load dump1 2>err &&
	test_grep "not empty" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a malformed line: file:line, exit 65, the new database not left behind' '
	sed "5s/.*/{\"table\":\"member\",\"row\":{/" dump1 >bad.jsonl &&
	test_expect_code 65 circle --db "$TRASH/bad.db" db load bad.jsonl 2>err &&
	test_grep "bad.jsonl:5:" err &&
	! test -e bad.db &&
	! test -e bad.db-wal &&
	! test -e bad.db-shm
'

test_expect_success 'a malformed line into an empty database made before: it stays, empty' '
	circle --db "$TRASH/made.db" db init >/dev/null &&
	test_expect_code 65 circle --db "$TRASH/made.db" db load bad.jsonl \
	    2>err &&
	circle --db "$TRASH/made.db" db dump >out &&
	test $(wc -l <out) -eq 1 &&
	test_grep "\"format\":\"circle-dump\"" out
'

test_expect_success 'a row for a table that does not exist: exit 65, no file left' '
	sed "4s/\"table\":\"[a-z_]*\"/\"table\":\"nosuch\"/" dump1 >bad2.jsonl &&
	test_expect_code 65 circle --db "$TRASH/bad2.db" db load bad2.jsonl \
	    2>err &&
	test_grep "bad2.jsonl:4" err &&
	! test -e bad2.db
'

test_expect_success 'a plain backup loads into a new database whole' '
	circle db backup plain-backup.db >/dev/null &&
	circle --db "$TRASH/fromplain.db" db load plain-backup.db &&
	test_mode fromplain.db 600 &&
	circle --db "$TRASH/fromplain.db" db dump >fromplain.dump &&
	circle db dump >now.dump &&
	test_cmp now.dump fromplain.dump &&
	test_expect_code 1 circle --db "$TRASH/fromplain.db" db load \
	    plain-backup.db 2>err &&
	test_grep "not empty" err
'

test_expect_success 'a database file copied as it is (circle closed) loads whole' '
	circle db check >/dev/null &&
	cp "$CIRCLE_DB" copied.db &&
	test "$(od -An -tu1 -j18 -N2 copied.db | tr -d " ")" = 22 &&
	circle --db "$TRASH/fromcopy.db" db load copied.db &&
	circle --db "$TRASH/fromcopy.db" db dump >fromcopy.dump &&
	circle db dump >now.dump &&
	test_cmp now.dump fromcopy.dump &&
	test "$(circle --db "$TRASH/fromcopy.db" db check)" = ok
'

test_expect_success 'a database copied with its write-ahead log beside it is refused, nothing left' '
	cp "$CIRCLE_DB" inuse.db &&
	printf "frames" >inuse.db-wal &&
	test_expect_code 65 circle --db "$TRASH/frominuse.db" db load \
	    inuse.db 2>err &&
	test_grep "a database in use (its latest changes are in inuse.db-wal)" err &&
	test_grep "db backup" err &&
	! test -e frominuse.db
'

# extract-v7.sql is an extract of schema 7: without what an extract says of
# itself (its network rows but its origin) it is a database of schema 7,
# as its backup would be.  The extract itself is no backup, and refused.
test_expect_success 'a backup made by an older circle is migrated in memory, the file untouched' '
	"$SQLITE3" old-backup.db <"$FIXTURES/extract-v7.sql" &&
	chmod 600 old-backup.db &&
	cp old-backup.db old-extract.db &&
	test_expect_code 65 circle --db "$TRASH/fromold.db" db load \
	    old-extract.db 2>err &&
	test_grep "old-extract.db: an extract, not a backup: bring it in with circle db merge old-extract.db" err &&
	! test -e "$TRASH/fromold.db" &&
	"$SQLITE3" old-backup.db "DELETE FROM network WHERE key != '"'origin'"'" &&
	cp old-backup.db old-backup.orig &&
	circle --db "$TRASH/fromold.db" db load old-backup.db &&
	cmp old-backup.db old-backup.orig &&
	circle --db "$TRASH/fromold.db" group list >out &&
	test_grep thursday-group out &&
	test "$(circle --db "$TRASH/fromold.db" db check)" = ok
'

test_expect_success 'a backup of a newer schema, or a damaged one, is refused, nothing left' '
	cp plain-backup.db newer-backup.db &&
	"$SQLITE3" newer-backup.db "PRAGMA user_version = 999" &&
	test_expect_code 65 circle --db "$TRASH/fromnewer.db" db load \
	    newer-backup.db 2>err &&
	test_grep "made by a newer circle" err &&
	! test -e fromnewer.db &&
	head -c 8192 plain-backup.db >cut-backup.db &&
	test_expect_code 65 circle --db "$TRASH/fromcut.db" db load \
	    cut-backup.db 2>err &&
	test_grep "cut-backup.db: cut short: 8192 bytes of the [0-9]* it was made with" err &&
	! test -e fromcut.db
'

test_expect_success 'a dump that is not a circle dump is refused' '
	echo "{\"hello\":1}" >notdump.jsonl &&
	test_expect_code 65 circle --db "$TRASH/bad3.db" db load notdump.jsonl \
	    2>err &&
	test_grep "notdump.jsonl:1" err &&
	printf "Name,Email\nAnn Lee,ann@example.org\n" >people.csv &&
	test_expect_code 65 circle --db "$TRASH/bad4.db" db load people.csv \
	    2>err &&
	test_grep "people.csv: a CSV file (or other table of rows), not a circle dump (what circle db dump writes)$" err
'

test_expect_success 'load stores names as every input does: NFC, spaces squeezed' '
	sed "s/\"display_name\":\"José Núñez\"/\"display_name\":\"Jose\\\\u0301\\\\u00a0 Nu\\\\u0301n\\\\u0303ez\"/" \
	    dump1 >nfd.jsonl &&
	! cmp -s dump1 nfd.jsonl &&
	circle --db "$TRASH/nfd.db" db load nfd.jsonl &&
	circle --db "$TRASH/nfd.db" db dump >out &&
	test_cmp dump1 out &&
	circle --db "$TRASH/nfd.db" roster show "jose nunez" >out &&
	test_grep "^name	José Núñez$" out
'

test_expect_success 'a dump holds no folded names; a line with one is refused' '
	! grep -q name_fold dump1 &&
	line=$(grep -n "\"table\":\"member\"" dump1 | head -n 1 | cut -d: -f1) &&
	sed "${line}s/\"row\":{/\"row\":{\"name_fold\":\"someone else\",/" \
	    dump1 >fold.jsonl &&
	test_expect_code 65 circle --db "$TRASH/fold.db" db load fold.jsonl \
	    2>err &&
	test_grep "fold.jsonl:$line: name_fold" err &&
	! test -e fold.db
'

test_expect_success 'migrate says up to date' '
	circle db migrate >out &&
	test_grep "up to date" out
'

test_expect_success 'an unknown option: exit 2 and the usage' '
	test_expect_code 2 circle db check --bogus >out 2>err &&
	test_grep "unknown option" err &&
	test_grep "usage: circle db check" err &&
	test_must_be_empty out &&
	test_expect_code 2 circle db backup --bogus x.db 2>err &&
	test_grep "usage: circle db backup" err &&
	! test -e x.db &&
	test_expect_code 2 circle-db --bogus check 2>err &&
	test_grep "unknown option --bogus" err
'

test_expect_success 'a missing argument or an extra one: exit 2 and the usage' '
	test_expect_code 2 circle db backup one two 2>err &&
	test_grep "usage: circle db backup" err &&
	test_expect_code 2 circle db path extra 2>err &&
	test_grep "usage: circle db path" err &&
	test_expect_code 2 circle db load 2>err &&
	test_grep "usage: circle db load" err
'

test_expect_success 'no database yet: exit 1 and a hint to run circle init' '
	test_expect_code 1 circle --db "$TRASH/none/none.db" roster list \
	    >out 2>err &&
	test_grep "circle --db \"$TRASH/none/none.db\" init" err &&
	test_must_be_empty out &&
	! test -e none &&
	test_expect_code 1 circle --db "$TRASH/none.db" db check 2>err &&
	test_grep "circle --db \"$TRASH/none.db\" init" err &&
	! test -e none.db
'

# The schema version this circle migrates to: the last of lib/schema.c.
latest=$(sed -n 's/^	{ \([0-9][0-9]*\),$/\1/p' "$CIRCLE_SRC/lib/schema.c" |
    tail -n 1)

test_expect_success 'a schema 1 database is migrated, its people kept' '
	test -n "$latest" &&
	"$SQLITE3" v1.db <"$FIXTURES/schema-v1.sql" &&
	chmod 600 v1.db &&
	circle --db latest.db db init >/dev/null &&
	latest=$("$SQLITE3" latest.db "PRAGMA user_version") &&
	circle --db v1.db db migrate >out &&
	echo "schema version $latest: migrated from 1" >expect &&
	test_cmp expect out &&
	test "$("$SQLITE3" v1.db "PRAGMA user_version")" = "$latest" &&
	circle --db v1.db roster list --everyone >out &&
	cut -f1 out >actual &&
	printf "alex-k\nalex-r\nzoe-c\n" >expect &&
	test_cmp expect actual &&
	circle --db v1.db db check >out &&
	echo ok >expect &&
	test_cmp expect out &&
	circle --db v1.db db migrate >out &&
	echo "schema version $latest: up to date" >expect &&
	test_cmp expect out
'

test_expect_success 'a tool opening a schema 1 database migrates it first' '
	"$SQLITE3" v1b.db <"$FIXTURES/schema-v1.sql" &&
	chmod 600 v1b.db &&
	test_expect_code 1 circle --db v1b.db session list --cancelled >/dev/null &&
	test "$("$SQLITE3" v1b.db "PRAGMA user_version")" = \
	    "$("$SQLITE3" latest.db "PRAGMA user_version")"
'

# José Núñez, Zoë as a Mac types them (NFD) with a NO-BREAK SPACE and
# two spaces, and as circle stores them (NFC, one space).
JOSE_NFD=$(printf 'Jose\314\201\302\240 Nu\314\201n\314\203ez')
JOSE_NFC=$(printf 'Jos\303\251 N\303\272\303\261ez')
ZOE_NFD=$(printf 'Zoe\314\210  Chen')
ZOE_NFC=$(printf 'Zo\303\253 Chen')
NBSP=$(printf '\302\240')

# sql DB SQL: what the sqlite3 shell says.
sql() {
	"$SQLITE3" -batch -noheader "$@"
}

test_expect_success 'a schema 7 database with NFD names: migrated to NFC, folded' '
	"$SQLITE3" v7.db <"$FIXTURES/schema-v7.sql" &&
	chmod 600 v7.db &&
	sql v7.db "INSERT INTO member (uid, handle, display_name, full_name,
	    pronouns, emergency, created_at, updated_at) VALUES
	    ('\''u-3'\'', '\''jose-n'\'', '\''$JOSE_NFD'\'',
	    '\''$JOSE_NFD'\'', '\''  '\'', '\''$ZOE_NFD'\'',
	    '\''2026-01-02T03:04:05Z'\'', '\''2026-01-02T03:04:05Z'\'');
	    UPDATE grp SET name = '\''$ZOE_NFD'\'', location =
	    '\''Room${NBSP} 4'\''" &&
	test "$(sql v7.db "PRAGMA user_version")" = 7 &&
	sql v7.db "SELECT count(*) FROM command; SELECT count(*) FROM
	    change_log; SELECT count(*) FROM undo_data" >before &&
	circle --db v7.db db migrate >out &&
	echo "schema version $latest: migrated from 7" >expect &&
	test_cmp expect out &&
	sql v7.db "SELECT display_name, full_name, pronouns IS NULL, emergency,
	    name_fold, updated_at FROM member WHERE handle = '\''jose-n'\''" \
	    >out &&
	echo "$JOSE_NFC|$JOSE_NFC|1|$ZOE_NFC|jose nunez|2026-01-02T03:04:05Z" \
	    >expect &&
	test_cmp expect out &&
	test "$(sql v7.db "SELECT name || '\''/'\'' || location FROM grp")" = \
	    "$ZOE_NFC/Room 4" &&
	sql v7.db "SELECT count(*) FROM member WHERE name_fold IS NULL" >out &&
	echo 0 >expect &&
	test_cmp expect out &&
	sql v7.db "SELECT count(*) FROM command; SELECT count(*) FROM
	    change_log; SELECT count(*) FROM undo_data" >after &&
	test_cmp before after
'

test_expect_success 'after the migration, the NFC spelling is the same person' '
	printf "name,pronouns\n%s,he/him\n" "$JOSE_NFC" >jose.csv &&
	circle --db v7.db roster import jose.csv >out &&
	test_grep "0 added, 1 updated, 0 unchanged" out &&
	test "$(sql v7.db "SELECT count(*) FROM member")" = 3 &&
	circle --db v7.db roster show "jose nunez" >out &&
	test_grep "^pronouns	he/him$" out
'

# A first merge into a database it makes writes under a rollback journal
# and goes back to WAL (db.c: circle_db_journal_once); killed between, it
# leaves the journal beside the file, and the next circle to open the
# file goes back to WAL.  Nothing else leaves WAL.
test_expect_success 'a rollback journal left beside a database: the next command puts it back in WAL' '
	rm -f j.db* && cp "$CIRCLE_DB" j.db &&
	"$SQLITE3" j.db "PRAGMA journal_mode = TRUNCATE;
	    UPDATE member SET notes = '\''kept'\'' WHERE id =
	    (SELECT min(id) FROM member)" >/dev/null &&
	test -e j.db-journal &&
	test "$("$SQLITE3" j.db "PRAGMA journal_mode")" = delete &&
	circle --db j.db roster list >out &&
	test_grep "José Núñez" out &&
	test "$("$SQLITE3" j.db "PRAGMA journal_mode")" = wal &&
	! test -e j.db-journal &&
	test "$(sql j.db "SELECT notes FROM member WHERE id =
	    (SELECT min(id) FROM member)")" = kept &&
	test "$(circle --db j.db db check)" = ok
'

test_expect_success 'an extract or a backup in rollback mode stays so when opened' '
	rm -f jb.db* jx.circle* &&
	circle db backup jb.db >/dev/null &&
	circle --db jb.db roster list >/dev/null &&
	test "$("$SQLITE3" jb.db "PRAGMA journal_mode")" = delete &&
	circle db extract --all -o jx.circle >/dev/null &&
	"$SQLITE3" jx.circle "PRAGMA journal_mode = TRUNCATE;
	    INSERT INTO network VALUES ('\''journal'\'', '\''kept'\'')" >/dev/null &&
	test -e jx.circle-journal &&
	circle --db jx.circle roster list >/dev/null &&
	test "$("$SQLITE3" jx.circle "PRAGMA journal_mode")" = delete
'

test_done
