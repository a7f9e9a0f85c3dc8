/*
 * csvwords.c: the header words of spreadsheets and forms written in other
 * languages, read as the English header each import's table knows, the
 * aside a header may end with, and the one fold headers are matched by
 * (circle_csv_fold, circle_csv_field_of).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>

#include "circle-priv.h"

/*
 * Header words of the other languages forms and spreadsheets are written
 * in (French, Spanish, Portuguese, Italian, German, Dutch), folded, and
 * the English header each means: every import's table is English, and a
 * file's header is matched as its English word.  Google Forms' own
 * headers are here in each language ("Horodateur", "Marca temporal",
 * "Adresse e-mail").  A name alone ("Nom", "Nombre") is a name; beside a
 * first or a last name an import may read it as the other half (import.c).
 * A word that means two things (Brazil's "apelido" is a nickname,
 * Portugal's a surname; "data") is not here: --map says which.  A few
 * English headers of one program's own are here too, as the word every
 * import knows.
 */
static const struct {
	const char	*word;
	const char	*en;
} header_words[] = {
	/* names */
	{ "nom", "name" }, { "nombre", "name" }, { "nome", "name" },
	{ "naam", "name" }, { "nomcomplet", "fullname" },
	{ "nombrecompleto", "fullname" }, { "nomecompleto", "fullname" },
	{ "vollstandigername", "fullname" }, { "volledigenaam", "fullname" },
	{ "prenom", "firstname" }, { "prenoms", "firstname" },
	{ "nombres", "firstname" }, { "primernombre", "firstname" },
	{ "primeironome", "firstname" }, { "vorname", "firstname" },
	{ "voornaam", "firstname" }, { "nomdefamille", "lastname" },
	{ "apellido", "lastname" }, { "apellidos", "lastname" },
	{ "sobrenome", "lastname" }, { "cognome", "lastname" },
	{ "nachname", "lastname" }, { "familienname", "lastname" },
	{ "achternaam", "lastname" },
	/* e-mail */
	{ "courriel", "email" }, { "adressecourriel", "email" },
	{ "adressedecourriel", "email" }, { "adresseemail", "email" },
	{ "adressemail", "email" }, { "adresseelectronique", "email" },
	{ "correo", "email" }, { "correoelectronico", "email" },
	{ "direcciondecorreo", "email" },
	{ "direcciondecorreoelectronico", "email" },
	{ "enderecodeemail", "email" }, { "indirizzoemail", "email" },
	{ "postaelettronica", "email" }, { "emailadresse", "email" },
	{ "mailadresse", "email" }, { "emailadres", "email" },
	/* telephones */
	{ "numerodetelephone", "phone" }, { "portable", "phone" },
	{ "telefono", "phone" }, { "numerodetelefono", "phone" },
	{ "movil", "phone" }, { "telefonomovil", "phone" },
	{ "celular", "phone" }, { "telefone", "phone" },
	{ "nodetelefone", "phone" }, { "telemovel", "phone" },
	{ "cellulare", "phone" }, { "numeroditelefono", "phone" },
	{ "telefon", "phone" }, { "telefonnummer", "phone" },
	{ "handy", "phone" }, { "handynummer", "phone" }, { "mobil", "phone" },
	{ "mobilnummer", "phone" }, { "telefoon", "phone" },
	{ "telefoonnummer", "phone" }, { "mobiel", "phone" },
	/* the rest of a person, and their group */
	{ "pronoms", "pronouns" }, { "pronombres", "pronouns" },
	{ "pronomes", "pronouns" }, { "pronomi", "pronouns" },
	{ "pronomen", "pronouns" }, { "voornaamwoorden", "pronouns" },
	{ "remarques", "notes" }, { "commentaires", "notes" },
	{ "notas", "notes" }, { "comentarios", "notes" },
	{ "observaciones", "notes" }, { "observacoes", "notes" },
	{ "commenti", "notes" }, { "notizen", "notes" },
	{ "bemerkungen", "notes" }, { "anmerkungen", "notes" },
	{ "notities", "notes" }, { "opmerkingen", "notes" },
	{ "remarque", "notes" }, { "commentaire", "notes" },
	{ "comentario", "notes" }, { "observacion", "notes" },
	{ "observacao", "notes" }, { "commento", "notes" },
	{ "bemerkung", "notes" }, { "anmerkung", "notes" },
	{ "kommentar", "notes" }, { "opmerking", "notes" },
	{ "consentement", "consent" }, { "consentimiento", "consent" },
	{ "consentimento", "consent" }, { "consenso", "consent" },
	{ "einwilligung", "consent" }, { "einverstandnis", "consent" },
	{ "toestemming", "consent" },
	{ "contactdurgence", "emergencycontact" },
	{ "personneaprevenir", "emergencycontact" },
	{ "contactodeemergencia", "emergencycontact" },
	{ "contatodeemergencia", "emergencycontact" },
	{ "contattodiemergenza", "emergencycontact" },
	{ "notfallkontakt", "emergencycontact" },
	{ "noodcontact", "emergencycontact" },
	{ "groupe", "group" }, { "grupo", "group" }, { "gruppo", "group" },
	{ "gruppe", "group" }, { "groep", "group" },
	{ "datedinscription", "joined" }, { "membredepuis", "joined" },
	{ "fechadeinscripcion", "joined" }, { "fechadealta", "joined" },
	{ "datadeinscricao", "joined" }, { "datadiiscrizione", "joined" },
	{ "beitrittsdatum", "joined" }, { "mitgliedseit", "joined" },
	{ "inschrijfdatum", "joined" }, { "lidsinds", "joined" },
	/* a form's time stamp, a sheet's date, time and signature */
	{ "horodateur", "timestamp" }, { "marcatemporal", "timestamp" },
	{ "carimbodedatahora", "timestamp" },
	{ "informazionicronologiche", "timestamp" },
	{ "zeitstempel", "timestamp" }, { "tijdstempel", "timestamp" },
	{ "fecha", "date" }, { "datum", "date" }, { "heure", "time" },
	{ "hora", "time" }, { "uhrzeit", "time" }, { "tijd", "time" },
	{ "firma", "signature" }, { "assinatura", "signature" },
	{ "unterschrift", "signature" }, { "handtekening", "signature" },
	{ "presence", "attendance" }, { "asistencia", "attendance" },
	{ "presenca", "attendance" }, { "presenza", "attendance" },
	{ "anwesenheit", "attendance" }, { "aanwezigheid", "attendance" },
	{ "presente", "present" }, { "anwesend", "present" },
	{ "aanwezig", "present" },
	/*
	 * Microsoft Teams' attendance report in German and in Portuguese:
	 * its sections' titles (csvsection.c) and when each person first
	 * joined.  Only these two languages' words could be found (each in
	 * one other reader's sample of the report): a report in another
	 * language is not read as one yet.
	 */
	{ "zusammenfassung", "summary" }, { "teilnehmer", "participants" },
	{ "ersterbeitritt", "firstjoin" }, { "resumo", "summary" },
	{ "participantes", "participants" },
	{ "primeiroingresso", "firstjoin" },
	/*
	 * Qualtrics' own columns for the person a survey was sent to, in
	 * its row of texts (csvsection.c): who answered a personal link.
	 */
	{ "recipientemail", "email" }, { "recipientfirstname", "firstname" },
	{ "recipientlastname", "lastname" },
};

/* A file's header folded (circle_csv_fold), as its English word. */
void
circle_csv_header_fold(const char *h, char *f, size_t len)
{
	size_t	i;

	circle_csv_fold(h, f, len);
	for (i = 0; i < sizeof header_words / sizeof header_words[0]; i++)
		if (strcmp(f, header_words[i].word) == 0) {
			(void)snprintf(f, len, "%s", header_words[i].en);
			return;
		}
}

/*
 * A header without the aside at its end that form makers write, as
 * "Pronouns (optional)", "Phone [mobile]", "Groups (check all that
 * apply)" (try 0); then the aside alone (try 1), as Google Forms heads a
 * grid's row, "Check-in [How is your mood?]": a new string, or NULL when
 * it has none or is nothing else.
 */
char *
circle_csv_header_aside(const char *h, int try)
{
	size_t		 n = strlen(h);
	const char	*open;
	char		 close;

	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '*'))
		n--;
	if (n == 0 || (h[n - 1] != ')' && h[n - 1] != ']'))
		return NULL;
	close = h[n - 1];
	for (open = h + n - 1; open > h && *open != (close == ')' ? '(' :
	    '['); open--)
		;
	if (open == h || (try == 1 && open + 2 >= h + n))
		return NULL;
	if (try == 0)
		return circle_xstrndup(h, (size_t)(open - h));
	return circle_xstrndup(open + 1, (size_t)(h + n - 1 - (open + 1)));
}

/*
 * A header that is a form's question about the person, as Typeform,
 * Jotform and Google Forms head a column with the question asked: "What
 * is your email address?", "What's your first name?", "Your phone
 * number": what follows its opening, a new string, or NULL when it opens
 * with none of these.
 */
char *
circle_csv_header_question(const char *h)
{
	static const char *const openings[] = { "what is your ",
	    "what's your ", "what\u2019s your ", "whats your ",
	    "what are your ", "please enter your ", "enter your ",
	    "please provide your ", "your " };
	size_t	i, n;

	h += strspn(h, " ");
	for (i = 0; i < sizeof openings / sizeof openings[0]; i++) {
		n = strlen(openings[i]);
		if (strncasecmp(h, openings[i], n) == 0 && h[n] != '\0')
			return circle_xstrdup(h + n);
	}
	return NULL;
}

/*
 * Whether a header asks a question ("Join?", "Joined?"): a column of yes
 * and no, never of dates or times, whatever its words would be alone.
 */
int
circle_csv_header_asks(const char *h)
{
	size_t	n = strlen(h);

	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '*'))
		n--;
	return n > 0 && h[n - 1] == '?';
}

/* Left out of a folded header: marks, punctuation, spaces, controls. */
static int
header_ignores(unsigned int cp)
{
	return u_getCombiningClass((UChar32)cp) != 0 ||
	    (U_GET_GC_MASK((UChar32)cp) & (U_GC_M_MASK | U_GC_P_MASK |
	    U_GC_Z_MASK | U_GC_CC_MASK | U_GC_CF_MASK)) != 0 ||
	    u_isUWhiteSpace((UChar32)cp);
}

/*
 * A header folded, the one rule headers are matched by: a name's fold
 * (circle_name_fold: compatibility forms, case and accents aside), then
 * any mark left, white space and punctuation of any script left out:
 * "E-mail Address?", "email address" and "ÉMAIL_ADDRESS" are all
 * "emailaddress".  Cut at a whole character to fit len bytes.
 */
void
circle_csv_fold(const char *h, char *f, size_t len)
{
	const unsigned char	*u;
	unsigned int		 cp;
	size_t			 k = 0, i, n, l;
	char			*folded;

	if (len == 0)
		return;
	folded = circle_name_fold(h);
	u = (const unsigned char *)folded;
	n = strlen(folded);
	for (i = 0; i < n; i += l) {
		if ((l = circle_utf8_decode(u + i, n - i, &cp)) == 0) {
			l = 1;
			continue;
		}
		if (header_ignores(cp))
			continue;
		if (k + l + 1 > len)
			break;
		memcpy(f + k, u + i, l);
		k += l;
	}
	f[k] = '\0';
	free(folded);
}

/*
 * The field a header names in a table, or -1; then without its aside,
 * then its aside alone, then a question's words after its opening ("What
 * is your email address?": circle_csv_header_question).
 */
int
circle_csv_field_of(const struct circle_csv_field *t, size_t n,
    const char *header)
{
	char	f[1024], g[1024], *part;
	size_t	i;
	int	field = -1, try;

	circle_csv_header_fold(header, f, sizeof f);
	for (i = 0; i < n; i++) {
		circle_csv_fold(t[i].header, g, sizeof g);
		if (strcmp(f, g) == 0)
			return t[i].field;
	}
	for (try = 0; try < 2 && field == -1; try++) {
		if ((part = circle_csv_header_aside(header, try)) == NULL)
			continue;
		field = circle_csv_field_of(t, n, part);
		free(part);
	}
	if (field == -1 && (part = circle_csv_header_question(header)) !=
	    NULL) {
		field = circle_csv_field_of(t, n, part);
		free(part);
	}
	return field;
}
