#!/bin/sh
test_description='Roster imports of sign-up services: Eventbrite attendee reports, Mailchimp audience exports, Typeform and Jotform responses'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# people: name, email, pronouns and consent of everyone.
people() {
	test_sql "SELECT display_name, coalesce(email, ''),
	    coalesce(pronouns, ''), coalesce(consent, '') FROM member
	    ORDER BY display_name"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# Eventbrite's attendee report (Reports > Attendee summary, exported as
# CSV): an order's columns, then the attendee's, Attendee Status among
# them; a question the organiser added as its own column.  A refunded
# ticket is someone who is not coming.
test_expect_success 'Eventbrite: attendees join, a refunded or cancelled one does not' '
	printf "%s\r\n" \
	    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Cell Phone,What are your pronouns?" \
	    "1200345601,2026-11-02 10:15:00,Aarti,Shah,aarti@example.org,1,,General Admission,2400000001,Free Order,USD,0.00,0.00,0.00,0.00,Attending,+1 503 555 0101,she/her" \
	    "1200345602,2026-11-03 09:00:00,Bina,Rao,bina@example.org,1,,General Admission,2400000002,Free Order,USD,0.00,0.00,0.00,0.00,Refunded,," \
	    "1200345603,2026-11-03 11:30:00,Chetan,Mehta,chetan@example.org,1,,General Admission,2400000003,Free Order,USD,0.00,0.00,0.00,0.00,Checked In,,he/him" \
	    "1200345604,2026-11-04 08:00:00,Dev,Iyer,dev@example.org,1,,General Admission,2400000004,Free Order,USD,0.00,0.00,0.00,0.00,Cancelled,," \
	    >eventbrite.csv &&
	circle roster import eventbrite.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Aarti Shah|aarti@example.org|she/her|
	Chetan Mehta|chetan@example.org|he/him|
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_grep "eventbrite.csv:3: Attendee Status \"Refunded\": not coming; left out" err &&
	test_grep "eventbrite.csv:5: Attendee Status \"Cancelled\": not coming; left out" err &&
	test_grep "eventbrite.csv:1: 12 columns ignored: \"Order #\", \"Order Date\", \"Quantity\"" err &&
	test $(wc -l <err) = 3
'

test_expect_success 'Eventbrite: the dry run says what each column is read as' '
	circle roster import --dry-run eventbrite.csv >out 2>/dev/null &&
	test_grep "^column 16 \"Attendee Status\" -> status\$" out &&
	test_grep "^column 17 \"Cell Phone\" -> phone\$" out &&
	test_grep "^column 18 \"What are your pronouns?\" -> pronouns\$" out &&
	test_grep "^column 9 \"Attendee #\": ignored\$" out
'

test_expect_success 'Eventbrite: a group registration names no group of ours: refused, or --map Group=ignore' '
	printf "%s\r\n" \
	    "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Group,Attendee Status" \
	    "1200345605,2026-11-05 10:00:00,Esra,Lee,esra@example.org,1,General Admission,2400000005,Lee family,Attending" \
	    >grouped.csv &&
	test_expect_code 65 circle roster import grouped.csv 2>err &&
	test_grep "grouped.csv:2:9 (Group): no group \"Lee family\"" err &&
	circle roster import --map Group=ignore grouped.csv >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

# Eventbrite's report saved as Excel: the same columns in a workbook,
# written here with openpyxl.
test_expect_success OPENPYXL 'Eventbrite as an Excel workbook: the refunded attendee left out too' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Attendees"
	ws.append(["Order #", "Order Date", "First Name", "Last Name",
	    "Email", "Quantity", "Ticket Type", "Attendee #",
	    "Attendee Status", "Cell Phone"])
	ws.append([1200345611, "2026-11-06 12:00:00", "Ines", "Prado",
	    "ines@example.org", 1, "General Admission", 2400000011,
	    "Attending", "07700 900456"])
	ws.append([1200345612, "2026-11-06 12:05:00", "Jon", "Vik",
	    "jon@example.org", 1, "General Admission", 2400000012,
	    "Refunded", None])
	wb.save("eventbrite.xlsx")
	EOF
	circle roster import eventbrite.xlsx >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(people)" = "Ines Prado|ines@example.org||" &&
	test_grep "eventbrite.xlsx:3: Attendee Status \"Refunded\": not coming; left out" err
'

# Mailchimp's audience export: a zip of one CSV a status (subscribed,
# unsubscribed, cleaned), its merge fields' labels first, then its own
# upper-case columns; the unsubscribed file adds UNSUB_TIME and why.
test_expect_success 'Mailchimp: subscribed members, the same address twice one person' '
	test_fresh_db &&
	printf "%s\n" \
	    "\"Email Address\",\"First Name\",\"Last Name\",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS" \
	    "dana@example.org,Dana,Okafor,2,,,\"2026-03-02 18:04:11\",,,,,,,,,\"2026-03-02 18:04:11\",118302,4f2a9c01de,,\"\"\"Thursday\"\"\"" \
	    "DANA@example.org,Dana,Okafor,3,,,\"2026-03-02 18:04:11\",,,,,,,,,\"2026-03-05 09:00:00\",118303,4f2a9c01df,," \
	    "femi@example.net,Femi,Adeyemi,2,\"2026-04-01 12:00:00\",,\"2026-04-01 12:01:00\",,,,,,,,,\"2026-04-01 12:01:00\",118304,4f2a9c01e0,," \
	    >subscribed.csv &&
	circle roster import subscribed.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Dana Okafor|dana@example.org||
	Femi Adeyemi|femi@example.net||
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_grep "subscribed.csv:3: same person as line 2 (by email); merged" err &&
	test_grep "subscribed.csv:1: 16 columns ignored: \"MEMBER_RATING\", \"OPTIN_TIME\"" err &&
	test $(wc -l <err) = 2
'

test_expect_success 'Mailchimp: an unsubscribed member has taken consent back' '
	printf "%s\n" \
	    "\"Email Address\",\"First Name\",\"Last Name\",MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,LAST_CHANGED,LEID,EUID,NOTES,TAGS,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER" \
	    "femi@example.net,Femi,Adeyemi,1,,\"2026-04-01 12:01:00\",\"2026-06-01 10:00:00\",118304,4f2a9c01e0,,,\"2026-06-01 10:00:00\",\"June news\",9d2e1a,\"I no longer want to receive these emails\"," \
	    >unsubscribed.csv &&
	circle roster import --dry-run unsubscribed.csv >out 2>/dev/null &&
	test_grep "^column 12 \"UNSUB_TIME\" -> opted_out\$" out &&
	circle roster import unsubscribed.csv >out 2>err &&
	echo "0 added, 1 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(people | grep femi)" = "Femi Adeyemi|femi@example.net||0"
'

test_expect_success 'an Email Marketing status is consent: Subscribed yes, the others no' '
	test_fresh_db &&
	printf "%s\n" "Email Address,First Name,Last Name,Email Marketing" \
	    "gus@example.org,Gus,Lind,Subscribed" \
	    "hana@example.org,Hana,Sato,Unsubscribed" \
	    "ivo@example.org,Ivo,Petrov,Non-Subscribed" \
	    "jo@example.org,Jo,March,Pending" \
	    "kai@example.org,Kai,Berg,Opted in" >marketing.csv &&
	circle roster import marketing.csv >out 2>err &&
	cat >expect <<-\EOF &&
	Gus Lind|gus@example.org||1
	Hana Sato|hana@example.org||0
	Ivo Petrov|ivo@example.org||0
	Jo March|jo@example.org||0
	Kai Berg|kai@example.org||1
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_must_be_empty err
'

# Meetup's attendee list of an event: names only (Meetup gives no
# member's email), the member's RSVP, when they joined the group.
test_expect_success 'Meetup: who said yes joins, an RSVP of No does not' '
	test_fresh_db &&
	printf "%s\n" \
	    "Name,Attendance,User ID,Title,Event Host,RSVP,Guests,RSVPed on,Joined Group on,URL of Member Profile,Notes" \
	    "Noor Haddad,,user 31004711,,No,Yes,0,2026-11-20 08:12 PM,2025-02-01 10:00 AM,https://example.com/members/31004711/,First time" \
	    "Omar Reyes,,user 31004712,Organizer,Yes,Yes,0,2026-11-19 09:00 AM,2024-06-11 07:30 PM,https://example.com/members/31004712/," \
	    "Pia Lund,,user 31004713,,No,No,0,2026-11-21 11:45 AM,2026-01-05 06:00 PM,https://example.com/members/31004713/," \
	    >meetup.csv &&
	circle roster import meetup.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Noor Haddad|||
	Omar Reyes|||
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_grep "meetup.csv:4: RSVP \"No\": not coming; left out" err &&
	test_grep "meetup.csv:1: 8 columns ignored: \"Attendance\", \"User ID\", \"Title\", \"Event Host\", \"Guests\" and 3 more" err &&
	test $(wc -l <err) = 2
'

# Eventbrite's report of orders with the buyer on every attendee's row
# ("Buyer Name", "Buyer Email" beside "Attendee First Name"): each
# attendee by their own name and email; the buyer is no one's name.  A
# report of orders alone (the buyer only) is refused, saying which to
# export.
test_expect_success 'Eventbrite: the buyer beside each attendee of an order is not the attendees'"'"' name' '
	test_fresh_db &&
	printf "%s\r\n" \
	    "Order #,Order Date,Buyer Name,Buyer Email,Attendee First Name,Attendee Last Name,Attendee Email,Ticket Type,Attendee Status" \
	    "1001,2026-11-20 10:00,Ann Oak,ann@example.org,Ann,Oak,ann@example.org,General,Attending" \
	    "1001,2026-11-20 10:00,Ann Oak,ann@example.org,Bob,Oak,,General,Attending" \
	    "1002,2026-11-21 11:30,Cy Lowe,cy@example.org,Dee,Marsh,dee@example.org,General,Attending" \
	    >orders.csv &&
	circle roster import orders.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Ann Oak|ann@example.org||
	Bob Oak|||
	Dee Marsh|dee@example.org||
	EOF
	people >actual &&
	test_cmp expect actual &&
	printf "%s\r\n" "Order #,Order Date,Buyer Name,Buyer Email,Quantity" \
	    "1003,2026-11-22 09:00,Eli Ross,eli@example.org,2" >buyers.csv &&
	test_expect_code 65 circle roster import buyers.csv >out 2>err &&
	echo "circle-roster: buyers.csv:1:3: \"Buyer Name\" is who paid for an order, not who comes, and no column names the attendees: export the attendee report (a row an attendee, their own name), or --map COLUMN=name" >expect &&
	test_cmp expect err &&
	people >actual2 &&
	test_cmp actual actual2
'

# Zoom's registration report (Reports > Meeting > Registration report):
# the meeting's summary (Topic, ID, times, counts), a blank line, then
# the registrants.
test_expect_success 'Zoom: the registration report, its meeting'"'"'s summary above the registrants' '
	test_fresh_db &&
	printf "%s\r\n" \
	    "Topic,ID,Scheduled Time,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled" \
	    "Online Circle,812 3456 7890,12/01/2026 07:00 PM,12/01/2026 06:58:40 PM,93,2,0" \
	    "" \
	    "First Name,Last Name,Email,Registration Time,Approval Status" \
	    "Ann,Oak,ann@example.org,11/20/2026 10:01:00 AM,approved" \
	    "Gus,Hale,gus@example.org,11/21/2026 09:12:30 AM,approved" \
	    >zoomreg.csv &&
	circle roster import --dry-run zoomreg.csv >out 2>/dev/null &&
	test_grep "^zoomreg.csv: UTF-8, comma-separated, header on line 4 (the 3 lines above it left out: a meeting.s summary, its start on line 2)\$" out &&
	circle roster import zoomreg.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Ann Oak|ann@example.org||
	Gus Hale|gus@example.org||
	EOF
	people >actual &&
	test_cmp expect actual
'

# Typeform's responses: "#" (the response's token), a column a question
# with the question as its header, then its own columns at the end.
test_expect_success 'Typeform: questions about the person read as their fields' '
	test_fresh_db &&
	printf "%s\n" \
	    "#,What is your first name?,What is your last name?,What is your email address?,What are your pronouns?,Anything you would like us to know?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID,Tags" \
	    "k2x9q1w8e7r6t5y4,Lena,Vogel,lena@example.de,sie/ihr,,completed,2026-10-01 18:02:11,,2026-10-01 18:04:40,3f9a12bc7d," \
	    >typeform.csv &&
	circle roster import --dry-run typeform.csv >out 2>/dev/null &&
	test_grep "^column 2 \"What is your first name?\" -> first_name\$" out &&
	test_grep "^column 3 \"What is your last name?\" -> last_name\$" out &&
	test_grep "^column 4 \"What is your email address?\" -> email\$" out &&
	test_grep "^column 5 \"What are your pronouns?\" -> pronouns\$" out &&
	circle roster import typeform.csv >out 2>err &&
	test "$(people)" = "Lena Vogel|lena@example.de|sie/ihr|"
'

# Jotform's submissions: Submission Date first, a full name field as one
# column, the question's label its header.
test_expect_success 'Jotform: a full name, an email and an agreement' '
	test_fresh_db &&
	printf "%s\n" \
	    "Submission Date,Your Name,Your Email,Phone Number,I agree to be contacted by the group,Submission ID" \
	    "\"Nov 3, 2026\",Marta Silva,marta@example.pt,(503) 555-0177,Yes,5812345678901234567" \
	    >jotform.csv &&
	circle roster import jotform.csv >out 2>err &&
	test "$(people)" = "Marta Silva|marta@example.pt||1"
'

test_done
