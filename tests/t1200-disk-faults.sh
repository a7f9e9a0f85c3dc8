#!/bin/sh
test_description='read-only and full disks: a clear error, exit 74, and
nothing changed; every file a tool writes is private whatever the umask;
-o never renames over a device or a pipe'
. "$(dirname "$0")/test-lib.sh"

# as_user CMD...: CMD as a user the permission bits bind.  Root ignores
# them, so when the tests run as root (CI) CMD runs as nobody through
# setpriv(1), in a directory nobody owns.
if [ "$(id -u)" != 0 ]; then
	as_user() { "$@"; }
elif command -v setpriv >/dev/null 2>&1; then
	as_user() {
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	}
	chmod 711 "$TRASH"
	# make check-valgrind: nobody's runs log there too.
	if [ -n "$CIRCLE_VALGRIND" ]; then
		chmod 1777 "$TRASH/.valgrind"
	fi
fi
mkdir ro || exit 99
if [ "$(id -u)" = 0 ]; then
	chown 65534:65534 ro || exit 99
fi
if command -v as_user >/dev/null 2>&1 &&
    as_user "$CIRCLE_BUILD/circle" --version >/dev/null 2>&1 &&
    as_user sh -c 'echo x >ro/probe' 2>/dev/null; then
	have_user=yes
else
	have_user=
fi

# in_ns SCRIPT: run SCRIPT (sh) as root of a new user and mount namespace,
# where it may mount a small tmpfs at mnt (unprivileged, if the kernel
# allows user namespaces).
mkdir mnt || exit 99
if command -v unshare >/dev/null 2>&1 &&
    unshare -rm sh -c 'mount -t tmpfs -o size=64k tmpfs mnt' 2>/dev/null; then
	have_ns=yes
else
	have_ns=
fi
in_ns() {
	unshare -rm sh -e -c "$1"
}

big_roster() {
	awk "BEGIN { print \"name,email\"
	    for (i = 1; i <= $1; i++)
		printf \"Person %d,p%d@example.org\\n\", i, i }"
}

test_expect_success 'setup: a small database and a big roster file' '
	circle init >/dev/null &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle session plan --group tc --every week --on tuesday --at 19:00 \
	    --from 2026-01-06 --count 6 >/dev/null &&
	circle session plan --group tc --name daily --every day --at 08:00 \
	    --from 2026-01-01 --count 1000 >/dev/null &&
	circle roster add "Ann Bee" >/dev/null &&
	big_roster 20000 >big.csv &&
	big_roster 10 >ten.csv &&
	circle db dump >before.dump &&
	cp "$CIRCLE_DB" small.db &&
	chmod 644 small.db
'

# Read-only: the file, its directory, the file system.

# ro_db: a copy of the database in ro/data, owned by the user of as_user;
# RO is its path.
RO=$TRASH/ro/data/circle.db
ro_db() {
	as_user sh -c "rm -rf ro/data && mkdir -m 700 ro/data &&
	    cat small.db >ro/data/circle.db && chmod 600 ro/data/circle.db"
}

# ro_unchanged: the database in ro/ holds what it held (read by the user
# of as_user, so no -wal or -shm of root is left there).
ro_unchanged() {
	as_user sh -c "chmod 700 ro/data && chmod 600 ro/data/circle.db &&
	    rm -f ro/data/circle.db-wal ro/data/circle.db-shm" &&
	as_user env CIRCLE_DB=$RO circle db dump >after.dump &&
	test_cmp before.dump after.dump
}

if [ -n "$have_user" ]; then
	test_expect_success 'a read-only database file: a write fails clearly, a read works' '
		ro_db &&
		as_user chmod 400 "$RO" &&
		test_expect_code 74 as_user env CIRCLE_DB=$RO circle roster add \
		    "Cy Dee" >out 2>err &&
		test_must_be_empty out &&
		test_grep "^circle-roster: $RO: .*readonly database (the file is not writable)$" err &&
		as_user env CIRCLE_DB=$RO circle roster list >out &&
		test_grep "Ann Bee" out &&
		test_mode "$RO" 400 &&
		ro_unchanged
	'

	test_expect_success 'a read-only directory: reads and writes fail clearly' '
		ro_db &&
		as_user chmod 500 ro/data &&
		test_expect_code 74 as_user env CIRCLE_DB=$RO circle roster add \
		    "Cy Dee" >out 2>err &&
		test_must_be_empty out &&
		test_grep "^circle-roster: $RO: .*(its directory is not writable)$" err &&
		test_expect_code 74 as_user env CIRCLE_DB=$RO circle roster list \
		    >out 2>err &&
		test_grep "(its directory is not writable)$" err &&
		ls ro/data >files &&
		echo circle.db >expect &&
		test_cmp expect files &&
		ro_unchanged
	'

	test_expect_success 'a -shm left read-only by a reader is named' '
		ro_db &&
		as_user chmod 400 "$RO" &&
		as_user env CIRCLE_DB=$RO circle roster list >/dev/null &&
		as_user chmod 600 "$RO" &&
		test_expect_code 74 as_user env CIRCLE_DB=$RO circle roster add \
		    "Cy Dee" >out 2>err &&
		test_grep "(its -shm file is not writable)$" err &&
		ro_unchanged
	'
else
	test_skip 'read-only files and directories' \
	    'as root without setpriv, or nobody cannot run the build'
fi

if [ -n "$have_ns" ]; then
	test_expect_success 'a read-only file system: reads and writes fail clearly' '
		in_ns "
			mount -t tmpfs -o size=1m tmpfs mnt
			cp small.db mnt/circle.db
			chmod 600 mnt/circle.db
			mount -o remount,ro,bind mnt
			export CIRCLE_DB=$TRASH/mnt/circle.db
			circle roster add \"Cy Dee\" >add.out 2>add.err ||
			    echo \$? >add.status
			circle roster list >list.out 2>list.err ||
			    echo \$? >list.status
			cmp small.db mnt/circle.db
		" &&
		echo 74 >expect &&
		test_cmp expect add.status &&
		test_cmp expect list.status &&
		test_must_be_empty add.out &&
		test_grep "^circle-roster: .*mnt/circle.db: .*(the file system is read-only)$" add.err &&
		test_grep "(the file system is read-only)$" list.err
	'

	# Room for the database and a little more: the import does not fit.
	room=$(($(stat -c %s small.db) / 1024))
	test_expect_success 'a full disk: an import fails clearly and changes nothing' '
		in_ns "
			mount -t tmpfs -o size=$((room + 300))k tmpfs mnt
			cp small.db mnt/circle.db
			chmod 600 mnt/circle.db
			dd if=/dev/zero of=mnt/filler bs=1k count=200 2>/dev/null
			export CIRCLE_DB=$TRASH/mnt/circle.db
			circle roster import big.csv >import.out 2>import.err ||
			    echo \$? >import.status
			circle db check >check.out
			circle db dump >after.dump
			# Once there is room again, it imports.
			rm mnt/filler
			circle roster import ten.csv >import2.out
		" &&
		echo 74 >expect &&
		test_cmp expect import.status &&
		test_must_be_empty import.out &&
		test_grep "^circle-roster: .*mnt/circle.db: commit: database or disk is full$" import.err &&
		echo ok >expect &&
		test_cmp expect check.out &&
		test_cmp before.dump after.dump &&
		test_grep "^10 added" import2.out
	'

	test_expect_success 'a disk with no room at all: even a read says so' '
		in_ns "
			mount -t tmpfs -o size=$((room + 300))k tmpfs mnt
			cp small.db mnt/circle.db
			chmod 600 mnt/circle.db
			dd if=/dev/zero of=mnt/filler bs=1k count=1024 2>/dev/null || :
			export CIRCLE_DB=$TRASH/mnt/circle.db
			circle roster list >list.out 2>list.err ||
			    echo \$? >list.status
			rm mnt/filler
			circle db dump >after.dump
		" &&
		echo 74 >expect &&
		test_cmp expect list.status &&
		test_grep "(No space left on device)$" list.err &&
		test_cmp before.dump after.dump
	'

	test_expect_success 'exports, dumps and backups to a full disk: nothing left' '
		in_ns "
			mount -t tmpfs -o size=64k tmpfs mnt
			dd if=/dev/zero of=mnt/filler bs=1k count=64 2>/dev/null || :
			for c in \"export ics -o mnt/out.ics\" \"db dump -o mnt/out.dump\" \
			    \"db backup mnt/out.db\"; do
				circle \$c >>out 2>>err || echo \$? >>status
			done
			rm mnt/filler
			ls -A mnt >left
		" &&
		printf "74\n74\n74\n" >expect &&
		test_cmp expect status &&
		test_must_be_empty out &&
		test_grep "^circle-export: mnt/out.ics: No space left on device$" err &&
		test_grep "^circle-db: dump: write error: No space left on device$" err &&
		test_grep "^circle-db: mnt/out.db: backup failed: database or disk is full$" err &&
		test_must_be_empty left
	'
else
	test_skip 'read-only file systems and full disks' \
	    'no unshare, or user namespaces are not allowed here'
fi

# A file size limit (ulimit -f, with SIGXFSZ ignored) makes every write
# past it fail with EFBIG: a full disk for this process only, anywhere.
test_expect_success 'a file size limit: an import fails clearly, nothing changes' '
	(
		ulimit -f 300 &&
		trap "" XFSZ &&
		circle roster import big.csv >out 2>err
		echo $? >status
	) &&
	echo 74 >expect &&
	test_cmp expect status &&
	test_must_be_empty out &&
	test_grep "^circle-roster: $CIRCLE_DB: commit: disk I/O error" err &&
	circle db check >out &&
	echo ok >expect &&
	test_cmp expect out &&
	circle db dump >after.dump &&
	test_cmp before.dump after.dump
'

test_expect_success 'a file size limit: -o leaves neither the file nor a temporary' '
	mkdir lim &&
	(
		ulimit -f 100 &&
		trap "" XFSZ &&
		circle export ics --per-session -o lim/out.ics 2>err
		echo $? >status
	) &&
	echo 74 >expect &&
	test_cmp expect status &&
	test_grep "^circle-export: lim/out.ics: File too large$" err &&
	ls -A lim >left &&
	test_must_be_empty left
'

test_expect_success '/dev/full: a tool that prints fails with a write error' '
	for c in "roster list" "group list" "session list" \
	    "export ics" "db dump" "report sessions"; do
		test_expect_code 74 circle $c >/dev/full 2>err &&
		test_grep "write error: No space left on device" err || return 1
	done
'

test_expect_success '-o names a pipe: it is written to, not replaced' '
	mkfifo pipe &&
	{ cat pipe >got.ics & } &&
	circle export ics -o pipe &&
	wait &&
	test -p pipe &&
	test_grep "^BEGIN:VCALENDAR" got.ics &&
	{ cat pipe >got.dump & } &&
	circle db dump -o pipe &&
	wait &&
	test -p pipe &&
	test_cmp before.dump got.dump &&
	test_expect_code 74 circle db backup --force pipe 2>err &&
	test_grep "^circle-db: pipe: not a regular file$" err &&
	test -p pipe &&
	{ cat pipe >got.xlsx & } &&
	circle export xlsx -o pipe &&
	wait &&
	test -p pipe &&
	test "$(head -c 2 got.xlsx)" = PK &&
	{ cat pipe >got.csv & } &&
	circle export csv -o pipe sessions &&
	wait &&
	test -p pipe &&
	test_grep "^1,2026-01-06,19:00,tc," got.csv &&
	! ls -A | grep "^\.pipe\."
'

test_expect_success '-o /dev/full: written to, so the disk-full error shows' '
	test_expect_code 74 circle export ics -o /dev/full 2>err &&
	test_grep "^circle-export: /dev/full: write error: No space left on device$" err &&
	test_expect_code 74 circle db dump -o /dev/full 2>err &&
	test_grep "No space left on device$" err &&
	test_expect_code 74 circle export xlsx -o /dev/full 2>err &&
	test_grep "^circle-export: /dev/full: write error: No space left on device$" err &&
	test_expect_code 74 circle export csv -o /dev/full members 2>err &&
	test_grep "^circle-export: /dev/full: write error: No space left on device$" err &&
	test -c /dev/full
'

# The one $TMPDIR rule (lib/atomic.c), for each writer: a device, a pipe
# or the standard output gets the file from a temporary file made in
# $TMPDIR when that is an absolute path, else in /tmp.

# libxlsxwriter's own temporary files (tmp.*, unlinked as soon as they are
# made) may show in $TMPDIR for a moment: the test looks for circle's.
test_expect_success 'a pipe gets each export from a 0600 file of $TMPDIR' '
	mkdir tmpd &&
	mkfifo fifo &&
	for c in "export ics" "export csv sessions" "export xlsx" \
	    "export signin --group tc 2026-01-13T19:00" "db dump"; do
		(umask 000 && TMPDIR="$PWD/tmpd" && export TMPDIR &&
		    circle $c -o fifo) &
		_pid=$! &&
		_n=0 &&
		while ! ls tmpd | grep -q "^circle-out" && [ $_n -lt 600 ]; do
			sleep 0.1
			_n=$((_n + 1))
		done &&
		ls tmpd | grep "^circle-out" >names &&
		test_grep "^circle-out\.[A-Za-z0-9]\{6\}$" names &&
		test $(wc -l <names) -eq 1 &&
		test_mode "tmpd/$(cat names)" 600 &&
		timeout 120 cat fifo >got &&
		wait $_pid &&
		test -s got &&
		ls -A tmpd >left &&
		test_must_be_empty left || return 1
	done
'

test_expect_success 'an absolute $TMPDIR is used, a relative one is not' '
	mkfifo fifo2 &&
	for c in "export ics" "export csv sessions" "export xlsx" \
	    "export signin --group tc 2026-01-13T19:00" "db dump"; do
		(TMPDIR="$PWD/none" && export TMPDIR &&
		    test_expect_code 74 circle $c -o fifo2 2>err) &&
		test_grep "fifo2: No such file or directory$" err &&
		{ timeout 120 cat fifo2 >got & } &&
		(TMPDIR=none && export TMPDIR && circle $c -o fifo2) &&
		wait &&
		test -s got || return 1
	done &&
	(TMPDIR="$PWD/none" && export TMPDIR &&
	    test_expect_code 74 circle export xlsx >book.xlsx 2>err) &&
	test_grep "^circle-export: $PWD/none/circle-out\.[A-Za-z0-9]\{6\}: No such file or directory$" err &&
	(TMPDIR=none && export TMPDIR && circle export xlsx >book.xlsx) &&
	test "$(head -c 2 book.xlsx)" = PK &&
	! test -e none
'

# Privacy: every file every tool writes, with a umask that hides nothing.

# wal_modes: while an import runs, the modes of the -wal and -shm it made.
wal_modes() {
	circle roster import big.csv >/dev/null &
	_pid=$!
	_i=0
	while ! { test -e "$CIRCLE_DB-wal" && test -e "$CIRCLE_DB-shm"; } &&
	    [ $_i -lt 500 ]; do
		sleep 0.01
		_i=$((_i + 1))
	done
	stat -c "%n %a" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" |
	    sed "s|^$TRASH/||"
	wait $_pid
}

test_expect_success 'every file a tool writes is private, even with umask 000' '
	umask 000 &&
	export CIRCLE_DB="$TRASH/new/data/circle.db" &&
	circle init >/dev/null &&
	test_mode new/data 700 &&
	test_mode new/data/circle.db 600 &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle session plan --group tc --every week --on tuesday --at 19:00 \
	    --from 2026-01-06 --count 6 >/dev/null &&
	wal_modes >modes &&
	printf "%s\n" "new/data/circle.db-wal 600" \
	    "new/data/circle.db-shm 600" >expect &&
	test_cmp expect modes &&
	circle db backup new/backup.db &&
	test_mode new/backup.db 600 &&
	circle db dump -o new/dump.jsonl &&
	test_mode new/dump.jsonl 600 &&
	circle export ics -o new/groups.ics &&
	test_mode new/groups.ics 600 &&
	circle export xlsx -o new/groups.xlsx &&
	test_mode new/groups.xlsx 600 &&
	circle export csv -o new/sessions.csv sessions &&
	test_mode new/sessions.csv 600 &&
	circle export signin -o new/signin.xlsx --group tc 2026-01-13 &&
	test_mode new/signin.xlsx 600 &&
	echo old >new/old.ics &&
	chmod 644 new/old.ics &&
	circle export ics -o new/old.ics &&
	test_mode new/old.ics 600 &&
	CIRCLE_DB="$TRASH/new/loaded/circle.db" circle db load new/dump.jsonl &&
	test_mode new/loaded 700 &&
	test_mode new/loaded/circle.db 600 &&
	find new ! -perm 600 ! -perm 700 >loose &&
	test_must_be_empty loose
'

test_done
