#!/bin/sh
test_description='Roster imports of sign-up services: Eventbrite attendee reports, Mailchimp audience exports, Typeform and Jotform responses'
. "$(dirname "$0")/test-lib.sh"

# people: name, email, pronouns and consent of everyone.
people() {
	test_sql "SELECT display_name, coalesce(email, ''),
	    coalesce(pronouns, ''), coalesce(consent, '') FROM member
	    ORDER BY display_name"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db
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
