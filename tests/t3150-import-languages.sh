#!/bin/sh
test_description='Imports of spreadsheets and forms in other languages, and a Name column beside half a name: Name and Surname, Vorname and Name'
. "$(dirname "$0")/test-lib.sh"

# people: display name, email and consent of everyone.
people() {
	test_sql "SELECT display_name, coalesce(email, ''),
	    coalesce(consent, '') FROM member ORDER BY display_name"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# A British form: Name is the first name when Surname is beside it.
# Read as the name alone, the surname was lost.
test_expect_success 'Name beside Surname: the first and the last name' '
	printf "%s\n" "Name,Surname,Email" \
	    "Sam,Whitfield,sam@example.org" >uk.csv &&
	circle roster import --dry-run uk.csv >out 2>err &&
	test_grep "^column 1 \"Name\" -> first_name" out &&
	test_grep "^column 2 \"Surname\" -> last_name" out &&
	circle roster import uk.csv &&
	test "$(test_sql "SELECT display_name FROM member")" = "Sam Whitfield"
'

test_expect_success 'a whole name under Name beside its Surname is not said twice' '
	printf "%s\n" "Name,Surname,Email" \
	    "Priya Raman,Raman,priya@example.org" \
	    "Raman,Raman,r@example.org" >whole.csv &&
	circle roster import whole.csv &&
	test_sql "SELECT display_name FROM member WHERE email IN
	    (\"priya@example.org\", \"r@example.org\") ORDER BY 1" >actual &&
	printf "%s\n" "Priya Raman" "Raman Raman" >expect &&
	test_cmp expect actual
'

test_expect_success 'German: Vorname and Name are the first and the last name' '
	printf "%s\n" "Vorname,Name,E-Mail-Adresse,Telefon,Einwilligung" \
	    "Lena,Schmidt,lena@example.de,0151 2345678,Ja" \
	    "Tom,Berg,tom@example.de,,Nein" >de.csv &&
	circle roster import --dry-run de.csv >out 2>err &&
	test_must_be_empty err &&
	test_grep "^column 2 \"Name\" -> last_name" out &&
	test_grep "^column 3 \"E-Mail-Adresse\" -> email" out &&
	test_grep "^column 4 \"Telefon\" -> phone" out &&
	test_grep "^column 5 \"Einwilligung\" -> consent" out &&
	circle roster import de.csv &&
	people | grep example.de >actual &&
	printf "%s\n" "Lena Schmidt|lena@example.de|1" \
	    "Tom Berg|tom@example.de|0" >expect &&
	test_cmp expect actual &&
	test "$(test_sql "SELECT phone FROM member WHERE email = \"lena@example.de\"")" = "0151 2345678"
'

test_expect_success 'French: Prénom, Nom, Courriel, and oui or non as consent' '
	printf "%s\n" "Nom,Prénom,Courriel,Consentement" \
	    "Dubois,Léa,lea@example.fr,Oui" \
	    "Petit,Marc,marc@example.fr,\"Non, merci\"" \
	    "Roy,Jeanne,jeanne@example.fr,\"Oui, par courriel\"" >fr.csv &&
	circle roster import fr.csv >out 2>err &&
	test_grep "fr.csv:4:4: consent \"Oui, par courriel\" read as yes" err &&
	people | grep example.fr >actual &&
	printf "%s\n" "Jeanne Roy|jeanne@example.fr|1" \
	    "Léa Dubois|lea@example.fr|1" \
	    "Marc Petit|marc@example.fr|0" >expect &&
	test_cmp expect actual
'

test_expect_success 'a consent that says yes and no, in French, is refused, nothing added' '
	printf "%s\n" "Prénom,Nom,Consentement" \
	    "Anne,Leroy,\"Oui, mais ne me contactez pas\"" >both.csv &&
	test_sql "SELECT count(*) FROM member" >before &&
	test_expect_code 65 circle roster import both.csv 2>err &&
	test_grep "both.csv:2:3 (Consentement): consent: \"Oui, mais ne me contactez pas\" is not a yes or a no" err &&
	test_sql "SELECT count(*) FROM member" >after &&
	test_cmp before after
'

test_expect_success 'Spanish and Portuguese: accents aside, sí and não' '
	printf "%s\n" "Nombre,Apellidos,Correo electrónico,Teléfono,Consentimiento" \
	    "Ana Sofía,Cruz,ana@example.es,612 345 678,Sí" >es.csv &&
	printf "%s\n" "Nome,Sobrenome,Endereço de e-mail,Telemóvel,Consentimento" \
	    "João,Silva,joao@example.pt,912 345 678,Não" >pt.csv &&
	circle roster import es.csv &&
	circle roster import pt.csv &&
	people | grep "example.es\|example.pt" >actual &&
	printf "%s\n" "Ana Sofía Cruz|ana@example.es|1" \
	    "João Silva|joao@example.pt|0" >expect &&
	test_cmp expect actual
'

test_expect_success 'the date one joined, in French: Date d'"'"'inscription' '
	printf "%s\n" "Prénom,Nom,Date d'"'"'inscription" \
	    "Inès,Moreau,14/09/2026" >joined.csv &&
	circle roster import --dry-run --date-order dmy joined.csv >out &&
	test_grep "^column 3 \"Date d'"'"'inscription\" -> joined" out
'

test_expect_success 'a word of two meanings is not read: Apelido' '
	printf "%s\n" "Nome,Apelido,Email" "Rita,Costa,rita@example.pt" >apelido.csv &&
	circle roster import --dry-run apelido.csv >out 2>err &&
	test_grep "^column 1 \"Nome\" -> name" out &&
	test_grep "column \"Apelido\" ignored" err
'

test_expect_success '--map COLUMN=name keeps the column the whole name' '
	printf "%s\n" "Name,Surname" "Kim Lee,Lee" >mapped.csv &&
	circle roster import --dry-run --map Name=name mapped.csv >out 2>err &&
	test_grep "^column 1 \"Name\" -> name" out
'

test_expect_success 'setup: a group, a session, the check-in survey' '
	circle group add --tz Europe/Paris "Cercle du mardi" >/dev/null &&
	circle roster join --group cercle lea-d marc-p >/dev/null &&
	circle session add --group cercle 2026-12-01 19:00 >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

test_expect_success 'a French Google Form: Horodateur, Adresse e-mail, oui and non' '
	printf "%s\n" "Horodateur,Adresse e-mail,mood,distress,safe" \
	    "01/12/2026 19:05:00,lea@example.fr,7,3,Oui" \
	    "01/12/2026 19:06:00,marc@example.fr,5,4,Non" >form.csv &&
	circle checkin import --dry-run --date-order dmy --survey checkin \
	    --group cercle form.csv >out &&
	test_grep "^column 1 \"Horodateur\" -> timestamp" out &&
	test_grep "^column 2 \"Adresse e-mail\" -> email" out &&
	circle checkin import --date-order dmy --survey checkin \
	    --group cercle form.csv &&
	test_sql "SELECT m.email, CAST(a.num AS INTEGER) FROM answer a
	    JOIN response r ON r.id = a.response_id
	    JOIN member m ON m.id = r.member_id
	    WHERE a.question = \"safe\" ORDER BY 1" >actual &&
	printf "%s\n" "lea@example.fr|1" "marc@example.fr|0" >expect &&
	test_cmp expect actual
'

test_expect_success 'a Spanish sign-in sheet: Fecha, Nombre, Firma' '
	printf "%s\n" "Fecha,Nombre,Firma" "01/12/2026,Léa Dubois,LD" \
	    "01/12/2026,Marc Petit," >hoja.csv &&
	circle attend import --dry-run --date-order dmy hoja.csv >out &&
	test_grep "^column 1 \"Fecha\" -> date" out &&
	test_grep "^column 2 \"Nombre\" -> name" out &&
	test_grep "^column 3 \"Firma\" -> signature" out
'

test_expect_success 'marks in other languages: Presente, Ausente, En retard, Verspätet, Sí' '
	circle roster add --group cercle "Ana Cruz" >/dev/null &&
	circle roster join --group cercle jeanne-r >/dev/null &&
	printf "%s\n" "Fecha;Nombre;Asistencia" "01/12/2026;Léa Dubois;Presente" \
	    "01/12/2026;Marc Petit;Ausente" "01/12/2026;Jeanne Roy;En retard" \
	    "01/12/2026;Ana Cruz;Sí" >marks.csv &&
	circle attend import --date-order dmy marks.csv >out &&
	test_sql "SELECT m.display_name, a.status FROM attendance a
	    JOIN member m ON m.id = a.member_id ORDER BY 1" >actual &&
	printf "%s\n" "Ana Cruz|present" "Jeanne Roy|late" \
	    "Léa Dubois|present" "Marc Petit|absent" >expect &&
	test_cmp expect actual &&
	printf "%s\n" "Datum;Name;Anwesenheit" "01.12.2026;Léa Dubois;Verspätet" \
	    "01.12.2026;Marc Petit;vielleicht" >de-marks.csv &&
	test_expect_code 65 circle attend import de-marks.csv 2>err &&
	test_grep "vielleicht" err &&
	test_sql "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE m.display_name = \"Léa Dubois\"" >actual &&
	echo present >expect &&
	test_cmp expect actual
'

test_done
