#!/bin/sh
test_description='circle db extract, merge, backup and load as facilitators
and a coordinator use them from habit: passphrases typed and kept as people
do (a Mac'"'"'s decomposed letters, spaces at the ends, Ctrl-C at the
prompt, a file named by a forgotten variable), files cut short on the way,
- for a file, a directory or a missing one for -o, a --since to come'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

test_expect_success 'setup: Ada and her group' '
	ada init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	ada roster add "Dana Diaz" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday-group >/dev/null &&
	ada session add --group monday-group 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-02 dana-d >/dev/null
'

# A passphrase is text: é typed on one side composed (NFC) opens the file
# sealed with é decomposed (NFD, as a Mac may give it), and spaces left at
# the end of a passphrase file are no part of it.
test_expect_success 'a passphrase with é composed opens a file sealed with é decomposed, spaces at its end no matter' '
	printf "cafe\314\201 au lait tous les jours\n" >nfd && chmod 600 nfd &&
	printf "caf\303\251 au lait tous les jours  \r\n" >nfc &&
	chmod 600 nfc &&
	ada db extract --encrypt --passphrase-file nfd -o mac.circle >/dev/null &&
	rm -f c1.db* &&
	circle --db c1.db db merge --passphrase-file nfc mac.circle >out &&
	test_grep "^mac.circle: [1-9][0-9]* added" out &&
	printf "cafe au lait tous les jours\n" >bare && chmod 600 bare &&
	rm -f c2.db* &&
	test_expect_code 65 circle --db c2.db db merge --passphrase-file bare \
	    mac.circle 2>err &&
	test_grep "wrong passphrase or damaged file" err &&
	! test -e c2.db
'

test_expect_success 'a passphrase of fewer than 8 characters without the spaces around it seals nothing' '
	printf "   short    \n" >spaced && chmod 600 spaced &&
	test_expect_code 65 ada db extract --encrypt --passphrase-file spaced \
	    -o short.circle 2>err &&
	test_grep "passphrase: shorter than 8 characters" err &&
	! test -e short.circle
'

# Characters, not bytes: "ééééééé" is 7 letters (14 bytes composed, 21
# decomposed), too short however it was typed; one more letter seals.
test_expect_success 'the 8-character minimum counts characters: 7 accented letters (14 or 21 bytes) seal nothing, 8 do' '
	printf "\303\251\303\251\303\251\303\251\303\251\303\251\303\251\n" >seven &&
	printf "e\314\201e\314\201e\314\201e\314\201e\314\201e\314\201e\314\201\n" \
	    >sevend &&
	chmod 600 seven sevend &&
	for f in seven sevend
	do
		test_expect_code 65 ada db extract --encrypt --passphrase-file \
		    $f -o seven.circle 2>err &&
		test_grep "passphrase: shorter than 8 characters" err &&
		! test -e seven.circle || return 1
	done &&
	printf "\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\n" >eight &&
	chmod 600 eight &&
	ada db extract --encrypt --passphrase-file eight -o eight.circle \
	    >/dev/null &&
	test -s eight.circle
'

test_expect_success '--passphrase-file without --encrypt: said, no plain file written for a sealed one' '
	test_expect_code 2 ada db extract --passphrase-file nfd \
	    -o plain.circle 2>err &&
	test_grep "extract: --passphrase-file seals nothing alone: give --encrypt as well" err &&
	! test -e plain.circle &&
	test_expect_code 2 ada db backup --passphrase-file nfd plain.db 2>err &&
	test_grep "backup: --passphrase-file seals nothing alone" err &&
	! test -e plain.db
'

test_expect_success 'CIRCLE_PASSPHRASE_FILE naming no file: said as that, exit 1, nothing written' '
	test_expect_code 1 env CIRCLE_PASSPHRASE_FILE="$TRASH/gone/pass" \
	    circle --db "$ADA" db extract --encrypt -o gone.circle 2>err &&
	test_grep "CIRCLE_PASSPHRASE_FILE: passphrase file $TRASH/gone/pass: No such file or directory" err &&
	! test -e gone.circle &&
	rm -f c3.db* &&
	test_expect_code 1 circle --db c3.db db merge --passphrase-file \
	    nowhere mac.circle 2>err &&
	test_grep "passphrase file nowhere: No such file or directory" err &&
	! test -e c3.db
'

test_expect_success 'a passphrase file others can read: the fix said, for a USB stick too' '
	cp nfd loose && chmod 644 loose &&
	test_expect_code 65 ada db extract --encrypt --passphrase-file loose \
	    -o loose.circle 2>err &&
	test_grep "passphrase file loose: readable by others (mode 644); chmod 600 it first (on a disk that cannot keep that mode, a USB stick, move it to your home directory)" err &&
	! test -e loose.circle
'

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty, termios"'

# The shell after the command: sh -c goes on after it (a trap of its
# own), and stty says whether the terminal echoes again.
test_expect_success PTY 'Ctrl-C at the passphrase prompt: the terminal echoes again, nothing written' '
	printf "%s\n" "expect Passphrase: " "send \\x03" "expect echo:" >script &&
	TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" script \
	    sh -c "trap \"echo caught\" INT; circle --db \"$ADA\" db extract \
	    --encrypt -o cc.circle; echo \"status \$?\"; stty -a | tr \" ;\" \
	    \"\\n\\n\" | grep -x -- \"-\\{0,1\\}echo\" | sed \"s/^/echo: /\"" \
	    >screen &&
	test_grep "status 130" screen &&
	test_grep "^echo: echo" screen &&
	! test -e cc.circle
'

test_expect_success PTY 'a wrong passphrase typed at the merge: asked again, three tries in all; Ctrl-C at a try leaves no database' '
	printf "%s\n" "expect Passphrase: " "send not the passphrase\\r" \
	    "expect Passphrase for mac.circle: " \
	    "send caf\303\251 au lait tous les jours\\r" \
	    "expect conflicts" >script &&
	rm -f r1.db* &&
	TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" script \
	    circle --db r1.db db merge mac.circle >screen &&
	test_grep "mac.circle: wrong passphrase or damaged file" screen &&
	test_grep "^mac.circle: [1-9][0-9]* added" screen &&
	test "$("$SQLITE3" r1.db "SELECT args FROM command")" = "[\"mac.circle\"]" &&
	printf "%s\n" "expect Passphrase: " "send one wrong\\r" \
	    "expect Passphrase for mac.circle: " "send two wrong\\r" \
	    "expect Passphrase for mac.circle: " "send three wrong\\r" \
	    "expect wrong passphrase" >script &&
	rm -f r2.db* &&
	test_expect_code 65 env TERM=xterm /usr/bin/python3 \
	    "$CIRCLE_SRC/tests/pty-script.py" script \
	    circle --db r2.db db merge mac.circle >screen &&
	test "$(grep -c "wrong passphrase" screen)" = 3 &&
	! test -e r2.db &&
	printf "%s\n" "expect Passphrase: " "send one wrong\\r" \
	    "expect Passphrase for mac.circle: " "send \\x03" >script &&
	{ TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" \
	    script circle --db r3.db db merge mac.circle >screen || :; } &&
	test_grep "Passphrase for mac.circle: " screen &&
	! test -e r3.db
'

# db load asks again as db merge does (one home, pass_again): three tries
# at the terminal, the database made only when one opens the backup;
# never with a passphrase file, which would give the same again.
test_expect_success PTY 'a wrong passphrase typed at a load: asked again, three tries in all, never from a passphrase file' '
	ada db backup --encrypt --passphrase-file nfd lb.sealed >/dev/null &&
	printf "%s\n" "expect Passphrase: " "send not the passphrase\\r" \
	    "expect Passphrase for lb.sealed: " \
	    "send caf\303\251 au lait tous les jours\\r" \
	    "expect loaded" >script &&
	rm -f l1.db* &&
	TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" script \
	    circle --db l1.db db load lb.sealed >screen &&
	test_grep "lb.sealed: wrong passphrase or damaged file" screen &&
	test_grep "loaded lb.sealed into" screen &&
	circle --db l1.db roster list >out &&
	test_grep "Dana Diaz" out &&
	printf "%s\n" "expect Passphrase: " "send one wrong\\r" \
	    "expect Passphrase for lb.sealed: " "send two wrong\\r" \
	    "expect Passphrase for lb.sealed: " "send three wrong\\r" \
	    "expect wrong passphrase" >script &&
	rm -f l2.db* &&
	test_expect_code 65 env TERM=xterm /usr/bin/python3 \
	    "$CIRCLE_SRC/tests/pty-script.py" script \
	    circle --db l2.db db load lb.sealed >screen &&
	test "$(grep -c "wrong passphrase" screen)" = 3 &&
	! test -e l2.db &&
	printf "%s\n" "expect Passphrase: " "send one wrong\\r" \
	    "expect Passphrase for lb.sealed: " "send \\x03" >script &&
	{ TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" \
	    script circle --db l3.db db load lb.sealed >screen || :; } &&
	test_grep "Passphrase for lb.sealed: " screen &&
	! test -e l3.db &&
	rm -f l4.db* &&
	test_expect_code 65 circle --db l4.db db load --passphrase-file bare \
	    lb.sealed 2>err &&
	test "$(grep -c "wrong passphrase" err)" = 1 &&
	! test -e l4.db
'

test_expect_success 'a plain extract cut short by a mail program: said as cut short, nothing written' '
	ada db extract -o whole.circle >/dev/null &&
	size=$(wc -c <whole.circle) &&
	head -c $((size / 2)) whole.circle >half.circle &&
	rm -f c4.db* &&
	test_expect_code 65 circle --db c4.db db merge half.circle 2>err &&
	test_grep "half.circle: cut short: $((size / 2)) bytes of the $size it was made with" err &&
	! test -e c4.db &&
	ada db backup plain.db >/dev/null &&
	size=$(wc -c <plain.db) &&
	head -c 20000 plain.db >cut.db &&
	test_expect_code 65 circle --db c5.db db load cut.db 2>err &&
	test_grep "cut.db: cut short: 20000 bytes of the $size it was made with" err &&
	! test -e c5.db
'

# An attachment not downloaded (0 bytes) or cut inside SQLite's header:
# the same words, for a merge and a load, never "not a circle extract"
# (a facilitator would ask for another kind of file) nor a dump's error.
test_expect_success 'a plain file empty or cut inside its header (0, 1, 16, 99 bytes): said as empty or cut short, nothing written' '
	: >empty.circle &&
	rm -f c7.db* c8.db* &&
	test_expect_code 65 circle --db c7.db db merge empty.circle 2>err &&
	test_grep "empty.circle: empty: nothing came through" err &&
	test_expect_code 65 circle --db c8.db db load empty.circle 2>err &&
	test_grep "empty.circle: empty: nothing came through" err &&
	for n in 1 16 99
	do
		head -c $n whole.circle >h$n.circle &&
		test_expect_code 65 circle --db c7.db db merge h$n.circle \
		    2>err &&
		test_grep "h$n.circle: cut short: $n bytes*, less than a database.s header" err &&
		test_expect_code 65 circle --db c8.db db load h$n.circle \
		    2>err &&
		test_grep "h$n.circle: cut short: $n bytes*, less than a database.s header" err ||
		return 1
	done &&
	! test -e c7.db && ! test -e c8.db
'

test_expect_success 'a sealed backup cut short after its first part: the passphrase said to be right' '
	ada db backup --encrypt --passphrase-file nfd sealed.db >/dev/null &&
	head -c 100000 sealed.db >cut.sealed &&
	test_expect_code 65 circle --db c6.db db load --passphrase-file nfc \
	    cut.sealed 2>err &&
	test_grep "cut.sealed: cut short or damaged on the way (the passphrase is right: it opens the file.s beginning); ask for the file again" err &&
	! test -e c6.db &&
	head -c 70 sealed.db >tiny.sealed &&
	test_expect_code 65 circle --db c6.db db load --passphrase-file nfc \
	    tiny.sealed 2>err &&
	test_grep "tiny.sealed: cut short (70 bytes" err &&
	circle --db c7.db db load --passphrase-file nfc sealed.db >out &&
	test_grep "^loaded sealed.db" out
'

test_expect_success '-o - for an extract or - for a backup: said, no file named -; dump -o - is the standard output' '
	test_expect_code 2 ada db extract -o - >out 2>err &&
	test_grep "extract: give the file to write (-o mine.circle), not -" err &&
	test_expect_code 2 ada db backup - >out 2>err &&
	test_grep "circle db backup alone writes a dated one beside the database" err &&
	test_grep "circle db dump writes everything to the standard output" err &&
	! test -e ./- &&
	ada db dump -o - >dump.out &&
	! test -e ./- &&
	head -n 1 dump.out | grep "^{\"format\":\"circle-dump\""
'

test_expect_success '-o a directory, or in one that is not there: said, exit 2 and 1' '
	mkdir outdir &&
	test_expect_code 2 ada db extract -o outdir 2>err &&
	test_grep "outdir: a directory; give the name of the file to write in it (outdir/FILE)" err &&
	test_expect_code 2 ada db backup outdir/ 2>err &&
	test_grep "outdir/: a directory; give the name of the file to write in it (outdir/FILE)" err &&
	test_expect_code 1 ada db extract -o nodir/m.circle 2>err &&
	test_grep "nodir/m.circle: no directory nodir; make it first (mkdir -p nodir)" err &&
	test_expect_code 1 ada db backup nodir/b.db 2>err &&
	test_grep "no directory nodir" err &&
	! test -e nodir &&
	test_expect_code 1 ada db extract -o "~/m.circle" 2>err &&
	test_grep "~/m.circle: no directory ~ (a ~ in quotes is not your home directory: leave the quotes off, or write \$HOME instead)" err
'

test_expect_success '--since a day to come: refused before a passphrase is asked, nothing written' '
	test_expect_code 65 ada db extract --since 2099-01-01 --encrypt \
	    -o later.circle 2>err </dev/null &&
	test_grep "^circle-db: --since 2099-01-01: after today, so nothing has changed since" err &&
	! test -e later.circle &&
	ada db extract --since 2026-11-01 -o nov.circle >out &&
	test_grep "1 attendance row" out
'

test_expect_success 'the database itself as the file to write (--force, a dump, an export): refused, the database kept' '
	ada db dump >before &&
	test_expect_code 2 ada db extract --force -o "$ADA" 2>err &&
	test_grep "ada.db: the database itself (circle db path); write to another file" err &&
	test_expect_code 2 ada db backup --force "$ADA" 2>err &&
	test_grep "the database itself" err &&
	test_expect_code 2 ada db dump -o "$ADA" 2>err &&
	test_grep "the database itself" err &&
	test_expect_code 2 ada export csv sessions -o "$ADA" 2>err &&
	test_grep "the database itself" err &&
	test_expect_code 2 ada export xlsx -o "$ADA" 2>err &&
	test_grep "the database itself" err &&
	if test -e "$ADA-wal"; then
		test_expect_code 2 ada db dump -o "$ADA-wal" 2>err &&
		test_grep "ada.db-wal: the database.s own wal file" err
	fi &&
	test_expect_code 2 ada db dump -o "$ADA-journal" 2>err &&
	test_grep "ada.db-journal: the database.s own journal file" err &&
	test_expect_code 2 ada db backup --force \
	    "$(dirname "$ADA")/./$(basename "$ADA")-journal" 2>err &&
	test_grep "the database.s own journal file" err &&
	! test -e "$ADA-journal" &&
	test "$(ada db check)" = ok &&
	ada db dump >after &&
	test_cmp before after
'

test_expect_success 'a verb typed without its tool, restore for load, the file without -o: what to type said, exit 2' '
	test_expect_code 2 circle merge mine.circle 2>err &&
	test_grep "^circle: unknown tool \"merge\"; did you mean \"circle db merge\" or \"circle roster merge\"?\$" err &&
	test_expect_code 2 circle extract -o x.circle 2>err &&
	test_grep "did you mean \"circle db extract\"?\$" err &&
	test_expect_code 2 ada db restore sealed.db 2>err &&
	test_grep "no verb \"restore\": .load. brings a backup (sealed or not) or a dump back" err &&
	test_expect_code 2 ada db extract --group monday-group mine.circle \
	    2>err &&
	test_grep "too many arguments, from \"mine.circle\" on (the file to write is given with -o: -o mine.circle)" err &&
	! test -e mine.circle
'

# /dev/stdout with the output sent to a file is a link to that file
# (/proc/self/fd/1): the file is written, never the link replaced (root
# would replace /dev/stdout itself).  A link of one's own the same way.
test_expect_success 'a symbolic link to a regular file as -o (/dev/stdout sent to a file): the file written, the link kept' '
	ln -s /proc/self/fd/1 mystdout &&
	ada db dump -o mystdout >dumped &&
	test -L mystdout &&
	ada db dump >whole &&
	test_cmp whole dumped &&
	: >real.sql && ln -s real.sql link.sql &&
	ada db dump -o link.sql &&
	test -L link.sql &&
	test_cmp whole real.sql &&
	! ls .mystdout.* .link.sql.* .real.sql.* 2>/dev/null
'

# Through /dev/stdout sent to a file the file is written (renamed over)
# and remembered by its name; sent to a pipe, or without -o, where it
# went cannot be known, and forget says so; the words of the write go to
# the standard error, never into the file.
test_expect_success 'dump and extract through /dev/stdout to a file or a pipe: the file clean, remembered, forget honest about pipes' '
	rm -f w.db* &&
	circle --db w.db init >/dev/null &&
	circle --db w.db group add --tz UTC "Wed" >/dev/null &&
	circle --db w.db roster add "Wren Walsh" >/dev/null &&
	circle --db w.db roster join wren-w wed >/dev/null &&
	circle --db w.db db dump -o /dev/stdout >through.sql 2>err &&
	test_grep "^wrote /dev/stdout\$" err &&
	! grep "could not be remembered" err &&
	circle --db w.db db dump >plain.sql &&
	test_cmp plain.sql through.sql &&
	circle --db w.db db extract -o /dev/stdout 2>err | cat >piped.circle &&
	test_grep "^/dev/stdout: 1 group, 1 person" err &&
	rm -f wc.db* &&
	circle --db wc.db db merge piped.circle >out &&
	test_grep "^member *1 added" out &&
	circle --db w.db db dump | cat >/dev/null &&
	circle --db w.db roster forget --yes wren-w >out &&
	test_grep "^wren-w may still be in .*the dump ~/through.sql ([0-9-]*)" out &&
	test_grep "the dump ~/plain.sql ([0-9-]*)" out &&
	test_grep "sql ([0-9-]*), and in what circle sent to a pipe, where it cannot follow: .*a dump ([0-9-]*)" out &&
	test_grep "where it cannot follow: .*an extract ([0-9-]*)" out
'

test_done
