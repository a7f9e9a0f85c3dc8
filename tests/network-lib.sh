# network-lib.sh: the facilitators' and the coordinator's databases the
# network tests (t14*) share, sourced after test-lib.sh.  Ada and Bo are
# facilitators, Cy coordinates; each tool runs on one's own database.
ADA=$TRASH/ada.db
BO=$TRASH/bo.db
CY=$TRASH/cy.db

ada() { circle --db "$ADA" "$@"; }
bo() { circle --db "$BO" "$@"; }
cy() { circle --db "$CY" "$@"; }
sql() { _db=$1; shift; "$SQLITE3" -batch -noheader "$_db" "$@"; }

# resum FILE: an extract changed on purpose (by sql) gets its page sums
# written again, as anyone changing it on purpose can (tests/resum.c): a
# merge must then refuse it by what it holds, not by its sums.
resum() { "$CIRCLE_BUILD/tests/resum" "$1"; }

# marks DB MEMBER GROUP: a person's marks in a group of a database.
marks() {
	sql "$1" "SELECT count(*) FROM attendance a JOIN member m ON m.id =
	    a.member_id JOIN session s ON s.id = a.session_id JOIN grp g ON
	    g.id = s.grp_id WHERE m.handle = '$2' AND g.handle = '$3'"
}

# strays FILE: how many of a file's pairings carry a value taken that the
# record kept, as the file has it, no longer holds (extract.c: none).
strays() {
	sql "$1" "SELECT count(*) FROM merged_away w JOIN member k ON k.uid =
	    w.keep_uid WHERE (w.full_name IS NOT NULL AND w.full_name IS NOT
	    k.full_name) OR (w.pronouns IS NOT NULL AND w.pronouns IS NOT
	    k.pronouns) OR (w.email IS NOT NULL AND w.email IS NOT k.email) OR
	    (w.phone IS NOT NULL AND w.phone IS NOT k.phone) OR (w.emergency
	    IS NOT NULL AND w.emergency IS NOT k.emergency) OR (w.consent IS
	    NOT NULL AND w.consent IS NOT k.consent) OR (w.consent_on IS NOT
	    NULL AND w.consent_on IS NOT k.consent_on) OR (w.notes IS NOT NULL
	    AND coalesce(instr(k.notes, w.notes), 0) = 0)"
}

# kept DB [HANDLE]: a person's pronouns, phone and notes (dana-d's), one
# line each.
kept() {
	sql "$1" "SELECT coalesce(pronouns, '-') || char(10) ||
	    coalesce(phone, '-') || char(10) || coalesce(notes, '-') FROM
	    member WHERE handle = '${2:-dana-d}'"
}

# gone_from DB WORD...: fails if a database or its log holds one of the
# words, as they are and again after a checkpoint (which a forget leaves
# them at).
gone_from() {
	_d=$1
	shift
	for _pass in 1 2; do
		for _f in "$_d" "$_d-wal"; do
			test -e "$_f" || continue
			for _w in "$@"; do
				! grep -a -q -e "$_w" "$_f" || return 1
			done
		done
		sql "$_d" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	done
}

# bytes DB...: fails if a database or its log holds a byte of what Bo
# alone recorded of Dana and Eve (t1470, t1500).
bytes() {
	for _db in "$@"; do
		gone_from "$_db" 555-0100 555-0200 "bo words" "eve of bo" \
		    she/her || return 1
	done
}

# stale_entry FILE ID MEMBER: an extract's attendance row ID given to the
# person MEMBER in its table while its index attendance_member keeps the
# row's old entry (the index taken for one that holds no row while the row
# changes, its text then set back), its page sums written again: SQLite's
# quick check does not see it, its integrity check does.
stale_entry() {
	sql "$1" "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql =
	    sql || ' WHERE 0' WHERE name = 'attendance_member'" &&
	sql "$1" "UPDATE attendance SET member_id = $3 WHERE id = $2" &&
	sql "$1" "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql =
	    replace(sql, ' WHERE 0', '') WHERE name = 'attendance_member'" &&
	resum "$1" &&
	test "$(sql "$1" "PRAGMA quick_check")" = ok &&
	sql "$1" "PRAGMA integrity_check" >"$1.ic" &&
	grep -q "^row $2 missing from index attendance_member$" "$1.ic"
}

# merge_traced DB FILE: FILE merged into DB, a new database, its
# statements traced (DB.trace), what it said in DB.out.
merge_traced() {
	rm -f "$1" "$1-wal" "$1-shm" "$1-journal" &&
	circle --db "$1" db init >/dev/null &&
	CIRCLE_TRACE_SQL=1 circle --db "$1" db merge "$2" >"$1.out" \
	    2>"$1.trace"
}

# copied DB: merge_traced's merge copied the file's attendance whole
# (mergeattend.c: attendance_copy's statement).
copied() {
	grep -q "sql: INSERT INTO main.attendance SELECT \* FROM x.attendance" \
	    "$1.trace"
}

# attendance_of DB: a database's attendance by the uids of its sessions and
# people, read from its table, not from an index.
attendance_of() {
	sql "$1" "SELECT s.uid, m.uid, a.status FROM attendance AS a NOT
	    INDEXED JOIN session s ON s.id = a.session_id JOIN member m ON
	    m.id = a.member_id ORDER BY 1, 2"
}
