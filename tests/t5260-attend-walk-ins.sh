#!/bin/sh
test_description='attend import --walk-ins: someone a sheet names who is no one on the roster added as attend walk-in adds them, said a line each; a name near or equal to someone'\''s, or two people'\''s, refused or marked as without it'
APOS=\'
. "$(dirname "$0")/test-lib.sh"

# marks SESSION: handle, mark and note of everyone marked at SESSION.
marks() {
	test_sql "SELECT m.handle, a.status, coalesce(a.note, '')
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id
	    WHERE s.local_start = '$1' ORDER BY m.handle"
}

# groups HANDLE: group|role|joined_on of each membership of HANDLE.
groups() {
	test_sql "SELECT g.handle || '|' || p.role || '|' || p.joined_on
	    FROM membership p JOIN member m ON m.id = p.member_id
	    JOIN grp g ON g.id = p.grp_id WHERE m.handle = '$1'
	    ORDER BY g.handle"
}

test_expect_success 'setup: a group, five people, two sessions' '
	test_fresh_db &&
	circle group add --tz Europe/London "Thursday Circle" >/dev/null &&
	circle session add 2026-01-08 19:00 >/dev/null &&
	circle session add 2026-01-15 19:00 >/dev/null &&
	for n in "Rosa Quintero" "Tomasz Nowak" "Ina Berg" "Sam Lee" \
	    "Sam Wu"; do
		circle roster add --group thursday-circle "$n" >/dev/null ||
		exit 1
	done &&
	circle roster add --email cy@example.org "Cy Diaz" >/dev/null
'

# The printed sheet typed back: Olu signed a blank row; Nia wrote her
# name on one and did not sign; "Tomasz Nowk" (not signed) is near
# Tomasz, "Sam" is two people, Rosa (printed) did not sign.
test_expect_success 'the printed sheet: a name on a blank row, signed or not, is a walk-in added, said' '
	printf "%s\r\n" "When,2026-01-08,19:00-20:30 (Europe/London),," \
	    "#,Name,Pronouns,Signature,Notes" "1,Ina Berg,,I. Berg," \
	    "2,Rosa Quintero,,," "6,Olu Ade,he/him,Olu,first time" \
	    "7,Nia Obi,,," "8,Tomasz Nowk,,," "9,Sam,,," >walkin.csv &&
	circle db dump >before &&
	circle attend import --dry-run --walk-ins walkin.csv >out 2>err &&
	test_grep "^dry run: would be 3 marked, 0 unchanged; 1 session recorded; 2 walk-ins added to the roster\$" out &&
	test_grep "^circle-attend: walkin.csv:5: would be added to the roster and the group: Olu Ade (olu-a), a guest of thursday-circle from 2026-01-08\$" err &&
	test_grep "^circle-attend: walkin.csv:6: would be added to the roster and the group: Nia Obi (nia-o), a guest of thursday-circle from 2026-01-08\$" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend import --walk-ins walkin.csv >out 2>err &&
	echo "3 marked, 0 unchanged; 1 session recorded; 2 walk-ins added to the roster" >expect &&
	test_cmp expect out &&
	test_grep "^circle-attend: walkin.csv:5: added to the roster and the group: Olu Ade (olu-a), a guest of thursday-circle from 2026-01-08\$" err &&
	test_grep "^circle-attend: walkin.csv:6: added to the roster and the group: Nia Obi (nia-o), a guest of thursday-circle from 2026-01-08\$" err &&
	test_grep "^circle-attend: walkin.csv:7:2 (Name): no member \"Tomasz Nowk\"; did you mean tomasz-n (Tomasz Nowak)?; the row is not signed: nobody marked\$" err &&
	test_grep "^circle-attend: walkin.csv:8:2 (Name): member \"Sam\" is ambiguous: sam-l (Sam Lee), sam-w (Sam Wu); the row is not signed: nobody marked\$" err &&
	cat >expect <<-\EOF &&
	ina-b|present|
	nia-o|present|
	olu-a|present|first time
	EOF
	marks 2026-01-08T19:00 >actual &&
	test_cmp expect actual &&
	test "$(groups olu-a)" = "thursday-circle|guest|2026-01-08" &&
	test "$(groups nia-o)" = "thursday-circle|guest|2026-01-08" &&
	circle log >log &&
	test_grep "olu-a added to the roster (walk-in)" log
'

# Nia, on the roster now, is a row not signed: it marks no one (her mark
# stays, as an import never takes one away).
test_expect_success 'the same sheet again: nobody added twice, nothing changed' '
	circle attend import --walk-ins walkin.csv >out 2>err &&
	echo "0 marked, 2 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT count(*) FROM member")" = 8 &&
	! grep "added to the roster" err
'

test_expect_success 'undo takes the walk-ins off the roster with the marks' '
	circle attend undo --yes >out &&
	test_grep "olu-a added to the roster (walk-in)" out &&
	test "$(test_sql "SELECT count(*) FROM member")" = 6 &&
	test -z "$(marks 2026-01-08T19:00)"
'

# Never a second record of one person: near, two people, someone'"'"'s
# email with another name; equal with case and accents aside is them.
test_expect_success 'a name near someone'"'"'s, two people'"'"'s, or another on someone'"'"'s email: refused as before, nothing recorded' '
	circle db dump >before &&
	printf "%s\n" "Date,Name,Signature" "2026-01-15,Tomasz Nowk,TN" \
	    "2026-01-15,Sam,S" "2026-01-15,Zed Quux,ZQ" >near.csv &&
	test_expect_code 65 circle attend import --walk-ins near.csv 2>err &&
	test_grep "near.csv:2:2 (Name): no member \"Tomasz Nowk\"; did you mean tomasz-n (Tomasz Nowak)?\$" err &&
	test_grep "near.csv:3:2 (Name): member \"Sam\" is ambiguous: sam-l (Sam Lee), sam-w (Sam Wu)\$" err &&
	test_grep "near.csv: 2 errors; nothing recorded" err &&
	! grep "added" err &&
	printf "%s\n" "Date,Email,Name" "2026-01-15,cy@example.org,Pat Diaz" >account.csv &&
	test_expect_code 65 circle attend import --walk-ins account.csv 2>err &&
	test_grep "Pat Diaz" err &&
	circle db dump >after &&
	test_cmp before after &&
	printf "%s\n" "Date,Name" "2026-01-15,ina  BERG" >same.csv &&
	circle attend import --walk-ins same.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT count(*) FROM member")" = 6
'

# Zoom: a guest with an email, a phone, a bot, a rejoin.
test_expect_success 'a call report: a guest added with their email; a device refused, with --skip-unknown passed over' '
	printf "%s\r\n" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest" \
	    "Ina Berg,,01/15/2026 06:58:10 PM,01/15/2026 08:30:00 PM,92,No" \
	    "Kofi Mensah,kofi@example.org,01/15/2026 07:05:00 PM,01/15/2026 07:30:00 PM,25,Yes" \
	    "Ann${APOS}s iPhone,,01/15/2026 07:06:00 PM,01/15/2026 08:30:00 PM,84,Yes" \
	    "+44 20 7946 0000,,01/15/2026 07:06:00 PM,01/15/2026 08:30:00 PM,84,Yes" \
	    "Otter.ai,,01/15/2026 07:00:00 PM,01/15/2026 08:30:00 PM,90,Yes" \
	    "Kofi Mensah,kofi@example.org,01/15/2026 07:40:00 PM,01/15/2026 08:30:00 PM,50,Yes" \
	    >zoom.csv &&
	circle db dump >before &&
	test_expect_code 65 circle attend import --walk-ins --date-order mdy zoom.csv 2>err &&
	test_grep "zoom.csv:4:1 (Name (Original Name)): \"Ann${APOS}s iPhone\" is a device${APOS}s name or a phone${APOS}s (iphone), not a person${APOS}s: no walk-in added; give the row the person${APOS}s name, or leave the row out\$" err &&
	test_grep "zoom.csv:5:1 (Name (Original Name)): \"+44 20 7946 0000\" is a device${APOS}s name or a phone${APOS}s (a phone number)" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend import --walk-ins --skip-unknown --date-order mdy zoom.csv >out 2>err &&
	echo "1 marked, 1 unchanged; 0 sessions recorded; 1 walk-in added to the roster" >expect &&
	test_cmp expect out &&
	test_grep "zoom.csv:3: added to the roster and the group: Kofi Mensah (kofi-m), a guest of thursday-circle from 2026-01-15\$" err &&
	test_grep "iPhone.*; passed over (--skip-unknown)\$" err &&
	test_grep "\"Otter.ai\" is a note-taking bot" err &&
	test "$(test_sql "SELECT email FROM member WHERE handle = ${APOS}kofi-m${APOS}")" = kofi@example.org &&
	test "$(marks 2026-01-15T19:00 | grep kofi)" = "kofi-m|present|"
'

# A register: Lena absent on the first day (no walk-in then), there on
# the second; a couple, both new, on one line.
test_expect_success 'a register: a walk-in added at the first session they came to; a couple each added' '
	printf "%s\n" "Name,2026-01-08,2026-01-15" "Lena Vogel,absent,x" \
	    "Ana & Ben Costa,x," "Rosa Quintero,x,x" >register.csv &&
	circle attend import --walk-ins --group thursday-circle register.csv >out 2>err &&
	echo "5 marked, 0 unchanged; 1 session recorded; 3 walk-ins added to the roster" >expect &&
	test_cmp expect out &&
	test_grep "^circle-attend: register.csv:2: \"Lena Vogel\" is no one on the roster, and the row marks them absent at thursday-circle 2026-01-08: not a walk-in (someone who came is), passed over\$" err &&
	test_grep "^circle-attend: register.csv:2: added to the roster and the group: Lena Vogel (lena-v), a guest of thursday-circle from 2026-01-15\$" err &&
	test_grep "^circle-attend: register.csv:3: added to the roster and the group: Ana Costa (ana-c), a guest of thursday-circle from 2026-01-08\$" err &&
	test_grep "^circle-attend: register.csv:3: added to the roster and the group: Ben Costa (ben-c), a guest of thursday-circle from 2026-01-08\$" err &&
	test "$(groups lena-v)" = "thursday-circle|guest|2026-01-15" &&
	cat >expect <<-\EOF &&
	ana-c|present|
	ben-c|present|
	rosa-q|present|
	EOF
	marks 2026-01-08T19:00 >actual &&
	test_cmp expect actual &&
	test "$(marks 2026-01-15T19:00 | grep lena)" = "lena-v|present|"
'

test_expect_success 'a walk-in marked at sessions of two groups is a guest of each' '
	circle group add --tz Europe/London "Monday Circle" >/dev/null &&
	circle session add --group monday-circle 2026-01-12 19:00 >/dev/null &&
	printf "%s\n" "Date,Group,Name" "2026-01-08,thursday-circle,Mo Reyes" \
	    "2026-01-12,monday-circle,Mo Reyes" >two.csv &&
	circle attend import --walk-ins two.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded; 1 walk-in added to the roster" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	monday-circle|guest|2026-01-12
	thursday-circle|guest|2026-01-08
	EOF
	groups mo-r >actual &&
	test_cmp expect actual &&
	test "$(grep -c "added to the roster" err)" = 1
'

test_expect_success 'without --walk-ins: refused with the walk-in command, as before' '
	printf "%s\n" "Date,Name" "2026-01-15,Zed Quux" >new.csv &&
	test_expect_code 65 circle attend import --group thursday-circle new.csv 2>err &&
	test_grep "no member \"Zed Quux\" (someone new: add them with .circle attend walk-in --session \"2026-01-15\" \"Zed Quux\"., then import the sheet again)" err
'

# Liz Moore is Elizabeth Moore by another form of her first name, Alex
# Chen Alexander Chen: never a second record of them, on a sheet, by
# walk-in or by roster add; --new for someone else of the name.
test_expect_success 'another form of someone'"'"'s first name beside their last: refused at its cell, nothing recorded' '
	circle roster add "Elizabeth Moore" >/dev/null &&
	circle roster add --group thursday-circle "Alexander Chen" >/dev/null &&
	printf "%s\n" "Date,Name" "2026-01-15,Liz Moore" "2026-01-15,Alex Chen" \
	    "2026-01-15,E. Moore" "2026-01-15,Ann Moore" >short.csv &&
	circle db dump >before &&
	test_expect_code 65 circle attend import --walk-ins --group thursday-circle short.csv 2>err &&
	test_grep "^circle-attend: short.csv:2:2 (Name): \"Liz Moore\" may be, by another form of the first name, elizabeth-m (Elizabeth Moore) on the roster; did you mean them? no walk-in added; write the name as the roster has it, or for someone else: ${APOS}circle attend walk-in --new --group thursday-circle --session \"2026-01-15\" \"Liz Moore\"${APOS}, then import the sheet again\$" err &&
	test_grep "^circle-attend: short.csv:3:2 (Name): \"Alex Chen\" may be, by another form of the first name, alexander-c (Alexander Chen)" err &&
	test_grep "^circle-attend: short.csv:4:2 (Name): \"E. Moore\" may be" err &&
	test_grep "^circle-attend: short.csv: 3 errors; nothing recorded\$" err &&
	! grep "added to the roster" err &&
	test_expect_code 65 circle attend walk-in --session 2026-01-15 "Liz Moore" 2>err &&
	test_grep "walk-in: \"Liz Moore\" may be, by another form of the first name, elizabeth-m (Elizabeth Moore) on the roster; did you mean them? give --new to add another person\$" err &&
	test_expect_code 65 circle roster add "Alex Chen" 2>err &&
	test_grep "add: \"Alex Chen\" may be" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend import --walk-ins --skip-unknown --group thursday-circle short.csv >out 2>err &&
	test_grep "short.csv:2:2 (Name): \"Liz Moore\" may be.*; passed over (--skip-unknown)\$" err &&
	test_grep "short.csv:5: added to the roster and the group: Ann Moore (ann-m)" err &&
	test "$(test_sql "SELECT count(*) FROM member WHERE handle LIKE ${APOS}liz%${APOS} OR handle LIKE ${APOS}alex-%${APOS}")" = 0 &&
	circle attend walk-in --new --session 2026-01-15 "Liz Moore" >/dev/null &&
	test "$(test_sql "SELECT count(*) FROM member WHERE display_name = ${APOS}Liz Moore${APOS}")" = 1
'

test_done
