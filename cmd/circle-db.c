/*
 * circle-db: the database file itself: create it, say where it is, check
 * it, back it up, migrate it, and dump or load all of it as JSON lines.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tool.h"

/* Long-only options (tool.h: 0x80 to 0xff). */
enum {
	OPT_SINCE = 0x80,
	OPT_PSEUDONYMIZE,
	OPT_WITHOUT_CONTACTS,
	OPT_WITHOUT_NOTES,
	OPT_ENCRYPT,
	OPT_PASSPHRASE_FILE,
	OPT_ADOPT,
	OPT_THEIRS,
	OPT_OLDER
};

/*
 * The signals that end a command at its prompt (Ctrl-C, Ctrl-\\, the
 * terminal closed, kill): caught while echo is off, so that the terminal
 * gets its echo back before the command ends of the same signal.
 */
static const int	 prompt_signals[] = { SIGINT, SIGQUIT, SIGHUP,
			    SIGTERM };
#define NPROMPT_SIGNALS	 (sizeof prompt_signals / sizeof prompt_signals[0])
static volatile sig_atomic_t	 prompt_caught;

static void
prompt_catch(int sig)
{
	prompt_caught = sig;
}

/* Catch (on) or no longer catch (old given back) the prompt's signals. */
static void
prompt_signals_set(int on, struct sigaction *old)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = prompt_catch;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NPROMPT_SIGNALS; i++) {
		if (on)
			sigaction(prompt_signals[i], &sa, &old[i]);
		else
			sigaction(prompt_signals[i], &old[i], NULL);
	}
}

/*
 * A line from the terminal with echo off; NULL at the end of input.  Echo
 * goes off (what was typed before dropped) before the prompt is shown, as
 * readpassphrase(3) does: a passphrase typed or pasted as soon as the
 * prompt shows is never dropped, nor echoed.  Ctrl-C at the prompt gives
 * the terminal its echo back, then ends the command as it would have.
 */
static char *
read_hidden(int fd, const char *prompt)
{
	struct termios		 old, quiet;
	struct sigaction	 oldsa[NPROMPT_SIGNALS];
	char			 buf[1024];
	size_t			 n = 0;
	ssize_t			 k;
	int			 restore, sig;

	prompt_caught = 0;
	prompt_signals_set(1, oldsa);
	restore = tcgetattr(fd, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, prompt, strlen(prompt)) == -1) {
		if (restore)
			tcsetattr(fd, TCSANOW, &old);
		prompt_signals_set(0, oldsa);
		return NULL;
	}
	/* No SA_RESTART: a signal ends the read (EINTR). */
	while (prompt_caught == 0 && n < sizeof buf - 1 &&
	    (k = read(fd, buf + n, 1)) == 1 && buf[n] != '\n')
		n++;
	if (restore)
		tcsetattr(fd, TCSANOW, &old);
	prompt_signals_set(0, oldsa);
	if ((sig = prompt_caught) != 0) {
		circle_passphrase_free(circle_passphrase_dup("", buf,
		    sizeof buf));
		/* The line end the terminal did not echo, then the signal. */
		if (write(fd, "\n", 1) == -1) {
			/* The signal ends the command all the same. */
		}
		raise(sig);
		return NULL;
	}
	if (n == 0 && buf[0] != '\n') {
		circle_passphrase_dup("", buf, sizeof buf);
		return NULL;
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[n - 1] = '\0';
	return circle_passphrase_dup(buf, buf, sizeof buf);
}

/*
 * The passphrase of a sealed file: from --passphrase-file or
 * $CIRCLE_PASSPHRASE_FILE (a file only its owner can read), else asked on
 * the terminal without echo, twice when sealing.  Never an argument: the
 * command line is seen by everyone on the machine.  NULL with the error
 * said and in t->err.
 */
/* The file a passphrase is read from: the option's, else the
 * environment's; NULL when it is asked for. */
static const char *
passphrase_file_of(struct tool *t)
{
	const char	*file = tool_opt(t, OPT_PASSPHRASE_FILE);

	if (file == NULL && (file = getenv("CIRCLE_PASSPHRASE_FILE")) !=
	    NULL && *file == '\0')
		file = NULL;
	return file;
}

static char *
passphrase(struct tool *t, int twice, const char *what)
{
	const char	*file = passphrase_file_of(t);
	char		*p, *again, *prompt;
	int		 fd;

	if (file != NULL) {
		if ((p = circle_passphrase_file(file, &t->err)) == NULL) {
			/* A setting long forgotten: said where it comes from. */
			if (tool_opt(t, OPT_PASSPHRASE_FILE) == NULL)
				circle_err_prefix(&t->err,
				    "CIRCLE_PASSPHRASE_FILE");
			tool_fail(t);
		}
		return p;
	}
	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		circle_err_set(&t->err, CIRCLE_EUSAGE, "no terminal to ask "
		    "for the passphrase: give --passphrase-file FILE or set "
		    "CIRCLE_PASSPHRASE_FILE");
		tool_fail(t);
		return NULL;
	}
	if (what != NULL) {
		circle_xasprintf(&prompt, "Passphrase for %s: ", what);
		p = read_hidden(fd, prompt);
		free(prompt);
	} else
		p = read_hidden(fd, "Passphrase: ");
	if (p != NULL && twice) {
		again = read_hidden(fd, "The same passphrase again: ");
		if (again == NULL || !circle_passphrase_same(p, again)) {
			circle_passphrase_free(p);
			p = NULL;
			circle_err_set(&t->err, CIRCLE_EUSAGE, "the two "
			    "passphrases differ; nothing written");
			tool_fail(t);
		}
		circle_passphrase_free(again);
	} else if (p == NULL) {
		circle_err_set(&t->err, CIRCLE_EUSAGE, "no passphrase given");
		tool_fail(t);
	}
	close(fd);
	return p;
}

static int
db_init(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;

	if ((db = tool_db(t, CIRCLE_DB_CREATE)) == NULL)
		return t->err.code;
	printf("%s\n", circle_db_path(db));
	return 0;
}

static int
db_path(struct tool *t, int argc, char **argv)
{
	char	*p;

	if (t->dbpath != NULL) {
		printf("%s\n", t->dbpath);
		return 0;
	}
	if ((p = circle_db_default_path(&t->err)) == NULL)
		return tool_fail(t);
	printf("%s\n", p);
	free(p);
	return 0;
}

static int
db_check(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	char			**probs;
	size_t			 n, i;

	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	if (circle_db_check(db, &probs, &n, &t->err) == -1)
		return tool_fail(t);
	for (i = 0; i < n; i++)
		printf("%s\n", probs[i]);
	circle_strv_free(probs, n);
	if (n > 0)
		return tool_error(t, CIRCLE_EFAIL, "%s: %zu problem%s found",
		    circle_db_path(db), n, n == 1 ? "" : "s");
	/* A good moment to fold the log back in (and finish a forget). */
	if (circle_db_checkpoint(db, &t->err) == -1)
		tool_warn(t, "warning: %s", t->err.msg);
	printf("ok\n");
	return 0;
}

/*
 * A backup or an extract is a file, written whole or not at all, never
 * the standard output ("-" would be a file of that name): said.
 */
static int
no_dash(struct tool *t, const char *path)
{
	if (strcmp(path, "-") != 0)
		return 0;
	if (strcmp(t->verb->name, "backup") == 0)
		return tool_error(t, CIRCLE_EUSAGE, "backup: a backup goes "
		    "to a file, not -: circle db backup alone writes a dated "
		    "one beside the database (or name it: circle db backup "
		    "FILE); circle db dump writes everything to the standard "
		    "output");
	return tool_error(t, CIRCLE_EUSAGE, "%s: give the file to write "
	    "(-o mine.circle), not -: an extract goes to a file, to be sent "
	    "as it is", t->verb->name);
}

/*
 * --passphrase-file without --encrypt would write the file plain, to a
 * facilitator who gave a passphrase and thinks it sealed: said, nothing
 * written.  (CIRCLE_PASSPHRASE_FILE, set for merges too, is no such ask.)
 */
static int
passphrase_without_encrypt(struct tool *t)
{
	if (!tool_has(t, OPT_PASSPHRASE_FILE) || tool_has(t, OPT_ENCRYPT))
		return 0;
	return tool_error(t, CIRCLE_EUSAGE, "%s: --passphrase-file seals "
	    "nothing alone: give --encrypt as well to seal the file (or "
	    "leave the passphrase out for a plain one)", t->verb->name);
}

static int
db_backup(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	char			*pass = NULL, *named = NULL;
	const char		*file = argc > 0 ? argv[0] : NULL;
	int			 rc, force = tool_has(t, 'f');

	if ((argc > 0 && (rc = no_dash(t, argv[0])) != 0) ||
	    (rc = passphrase_without_encrypt(t)) != 0)
		return rc;
	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	/* Said before a passphrase is asked for. */
	if (file != NULL && (circle_atomic_not_db(db, file, &t->err) == -1 ||
	    circle_atomic_new(file, force, &t->err) == -1))
		return tool_fail(t);
	if (tool_has(t, OPT_ENCRYPT) && (pass = passphrase(t, 1, NULL)) ==
	    NULL)
		return t->err.code;
	/*
	 * No FILE: a dated one beside the database, never over another,
	 * taken (made empty) once nothing is left to ask: this backup's to
	 * write over, removed when it fails.
	 */
	if (file == NULL && (file = named = circle_db_backup_name(db,
	    pass != NULL, &t->err)) == NULL)
		rc = -1;
	else if (pass != NULL)
		rc = circle_db_backup_sealed(db, file, force || named != NULL,
		    pass, &t->err);
	else
		rc = circle_db_backup(db, file, force || named != NULL,
		    &t->err);
	circle_passphrase_free(pass);
	if (rc == 0) {
		tool_wrote(t, file, "backup");
		fprintf(tool_said_fp(file), "%s\n", file);
	} else if (named != NULL)
		unlink(named);
	free(named);
	return rc == 0 ? 0 : tool_fail(t);
}

static int
db_extract(struct tool *t, int argc, char **argv)
{
	struct circle_extract_opts	 o;
	struct circle_extract_result	 r;
	struct circle_db		*db;
	FILE				*said;
	char				*pass = NULL;
	int				 rc;

	memset(&o, 0, sizeof o);
	o.groups = tool_values(t, 'g', &o.ngroups);
	o.all = tool_has(t, 'a');
	o.since = tool_opt(t, OPT_SINCE);
	o.pseudonymize = tool_has(t, OPT_PSEUDONYMIZE);
	o.without_contacts = tool_has(t, OPT_WITHOUT_CONTACTS);
	o.without_notes = tool_has(t, OPT_WITHOUT_NOTES);
	o.path = tool_opt(t, 'o');
	o.force = tool_has(t, 'f');
	if (o.path == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "extract: give the file "
		    "to write with -o FILE");
	if (o.all && o.ngroups > 0)
		return tool_error(t, CIRCLE_EUSAGE, "extract: --group and "
		    "--all do not go together");
	if ((rc = no_dash(t, o.path)) != 0 ||
	    (rc = passphrase_without_encrypt(t)) != 0)
		return rc;
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	/* Said before a passphrase is asked for. */
	if (circle_atomic_not_db(db, o.path, &t->err) == -1 ||
	    circle_atomic_new(o.path, o.force, &t->err) == -1 ||
	    circle_extract_since_check(db, &o, &t->err) == -1)
		return tool_fail(t);
	if (tool_has(t, OPT_ENCRYPT) && (pass = passphrase(t, 1, NULL)) == NULL)
		return t->err.code;
	o.passphrase = pass;
	rc = circle_db_extract(db, &o, &r, &t->err);
	circle_passphrase_free(pass);
	if (rc == -1)
		return tool_fail(t);
	/* -o /dev/stdout to a file or a pipe: not said into the file. */
	said = tool_said_fp(o.path);
	/* --since last: from when, said (the time as circle writes it). */
	if (r.since[0] != '\0')
		fprintf(said, "%s: what changed since %.10s %.8s UTC, when the "
		    "last extract of these groups was made here\n", o.path,
		    r.since, r.since + 11);
	fprintf(said, "%s: %zu group%s, %zu %s, %zu session%s, %zu "
	    "attendance row%s, %zu check-in%s, %zu follow-up%s, %zu removed, "
	    "%zu forgotten",
	    o.path, r.groups, r.groups == 1 ? "" : "s", r.members,
	    r.members == 1 ? "person" : "people", r.sessions,
	    r.sessions == 1 ? "" : "s", r.attendance,
	    r.attendance == 1 ? "" : "s", r.responses,
	    r.responses == 1 ? "" : "s", r.followups,
	    r.followups == 1 ? "" : "s", r.removed, r.forgotten);
	/* Which records made one here the file pairs (uids only). */
	if (r.pairings > 0)
		fprintf(said, ", %zu made one with another", r.pairings);
	fprintf(said, "%s\n", pass != NULL ? ", sealed" : "");
	/* An extract holds people too: forget says where it went. */
	tool_wrote(t, o.path, "extract");
	return 0;
}

/* A table said as people say it. */
static const char *
table_word(const char *table)
{
	static const char *const words[][2] = {
		{ "grp", "group" }, { "response", "check-in" },
		{ "followup", "follow-up" },
	};
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(table, words[i][0]) == 0)
			return words[i][1];
	return table;
}

/*
 * A merge's notes, their values from the file made visible: a merge
 * again that writes nothing does not check the file's text (mergecheck.c).
 */
static void
print_notes(const char *label, const struct circle_merge_note *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		printf("%s: ", label);
		tool_print_text(stdout, v[i].what);
		fputs(": ", stdout);
		tool_print_text(stdout, v[i].detail);
		putchar('\n');
	}
}

/*
 * The database closed and, when this command made the file (a load or a
 * coordinator's first merge that failed, a dry run), removed.
 */
static void
discard_made(struct tool *t)
{
	char	*made;

	if (t->db == NULL)
		return;
	made = circle_xstrdup(circle_db_path(t->db));
	if (circle_db_discard(t->db) == -1)
		tool_warn(t, "%s: not removed: %s", made, strerror(errno));
	free(made);
	t->db = NULL;
}

/* "record" or "records", as a list of handles (", " between) names. */
static const char *
keeps_word(const char *keeps)
{
	return keeps != NULL && strchr(keeps, ',') != NULL ? "records" :
	    "record";
}

/*
 * The files written here that may still hold what the merge forgot, as
 * circle roster forget says them.
 */
static void
merge_written(const struct circle_merge_result *r)
{
	const struct circle_merge_written	*mw;
	char					*who;
	size_t					 i;

	for (i = 0; i < r->nwritten; i++) {
		mw = &r->written[i];
		if (mw->took)
			circle_xasprintf(&who, "what %s took of the record "
			    "forgotten there", mw->who);
		else
			who = circle_xstrdup(mw->who);
		tool_print_written(who, mw->w, mw->n);
		free(who);
	}
}

/*
 * What a pairing's end did here (mergeaway.c): the rows of the records
 * kept in the groups of the database that forgot, when there were any
 * (none where this database held the record forgotten too: its rows there
 * came with that database's own extracts), and what was taken.
 */
static void
unmerged_said(const struct circle_merge_opts *o,
    const struct circle_merge_result *r)
{
	const char	*removed = o->dry_run ? "would be removed" :
			    "are removed";

	printf("%s: %ld %s made one here with another record %s forgotten "
	    "there: ", o->path, r->unmerged, r->unmerged == 1 ? "person" :
	    "people", r->unmerged == 1 ? "was" : "were");
	if (r->unmerged_rows > 0)
		printf("their memberships, marks, check-ins and follow-ups in "
		    "that database's groups (%ld row%s), and the details and "
		    "notes taken from them that are still as taken, %s from "
		    "the %s kept, ", r->unmerged_rows, r->unmerged_rows == 1 ?
		    "" : "s", removed, keeps_word(r->unmerged_keeps));
	else
		printf("the details and notes taken from them that are still "
		    "as taken %s from the %s kept, ", removed,
		    keeps_word(r->unmerged_keeps));
	tool_print_text(stdout, r->unmerged_keeps != NULL ?
	    r->unmerged_keeps : "");
	if (r->unmerged_rows == 0)
		printf("; %s memberships, marks, check-ins and follow-ups stay "
		    "(none here came from the record forgotten)",
		    r->unmerged_keeps != NULL && strchr(r->unmerged_keeps,
		    ',') != NULL ? "their" : "its");
	printf("\n");
	if (r->unmerged_edited == NULL)
		return;
	/* Without the pairing, what was taken is known only unchanged. */
	printf("%s: the %s kept, ", o->path, keeps_word(r->unmerged_edited));
	tool_print_text(stdout, r->unmerged_edited);
	printf(", changed here since the file's database sent %s (or not in "
	    "the file): what %s took of the record forgotten there cannot "
	    "be told from this database's own words, and %s in %s details "
	    "and notes as they are; look with circle roster show, and take "
	    "it out with circle roster edit\n", strchr(r->unmerged_edited,
	    ',') != NULL ? "them" : "it", strchr(r->unmerged_edited, ',') !=
	    NULL ? "they" : "it", o->dry_run ? "would stay" : "stays",
	    strchr(r->unmerged_edited, ',') != NULL ? "their" : "its");
}

/* What a merge brought, said: each table, the notes, the totals. */
static void
merge_said(const struct circle_merge_opts *o,
    const struct circle_merge_result *r)
{
	const struct circle_merge_count	*c;
	long				 add = 0, upd = 0, same = 0, conf = 0;
	long				 rem = 0;
	size_t				 i;

	for (i = 0; i < r->ncounts; i++) {
		c = &r->counts[i];
		printf("%-11s %ld added, %ld updated, %ld removed, %ld "
		    "unchanged", table_word(c->table),
		    c->added, c->updated, c->removed, c->unchanged);
		if (c->conflicts > 0)
			printf(", %ld conflict%s", c->conflicts,
			    c->conflicts == 1 ? "" : "s");
		printf("\n");
		add += c->added;
		upd += c->updated;
		rem += c->removed;
		same += c->unchanged;
		conf += c->conflicts;
	}
	print_notes("conflict", r->conflicts, r->nconflicts);
	/* A conflict kept stays one: said until the file's side is taken. */
	if (r->nconflicts > 0 && !o->theirs)
		printf("%s: %zu conflict%s kept this side, said again by each "
		    "merge from that database; 'circle db merge --theirs %s' "
		    "takes the file's side of every one\n", o->path,
		    r->nconflicts, r->nconflicts == 1 ? "" : "s", o->path);
	print_notes("not merged", r->skipped, r->nskipped);
	print_notes("look-alike", r->alike, r->nalike);
	print_notes("renamed", r->renamed, r->nrenamed);
	if (r->left_out > 0 && r->self)
		printf("%s: %ld %s forgotten here since the file was made, "
		    "left out with %ld attendance row%s and the rest of their records: "
		    "the file still holds them; if forgotten at their "
		    "request, delete it and every copy of it (circle db "
		    "extract makes a new one)\n", o->path, r->left_out,
		    r->left_out == 1 ? "person" : "people", r->left_out_att,
		    r->left_out_att == 1 ? "" : "s");
	else if (r->left_out > 0)
		printf("%s: %ld %s forgotten here, not there, left out with "
		    "%ld attendance row%s and the rest of their records, as "
		    "at every merge: if forgotten at their request, ask the "
		    "file's facilitator to forget them there too\n",
		    o->path, r->left_out, r->left_out == 1 ? "person" :
		    "people", r->left_out_att, r->left_out_att == 1 ? "" : "s");
	if (r->merged_in > 0) {
		printf("%s: %ld %s the file records made one here with "
		    "another record (circle roster merge): what it records of "
		    "%s is counted under the %s kept, ", o->path, r->merged_in,
		    r->merged_in == 1 ? "person" : "people",
		    r->merged_in == 1 ? "them" : "each",
		    keeps_word(r->merged_keeps));
		tool_print_text(stdout, r->merged_keeps != NULL ?
		    r->merged_keeps : "");
		printf("\n");
	}
	if (r->unmerged > 0)
		unmerged_said(o, r);
	if (!o->dry_run)
		merge_written(r);
	if (r->took_id)
		printf("%s: this database had no id yet and holds the file's "
		    "groups, made here: it takes the file's, its own before a "
		    "backup older than its first extract was loaded\n",
		    o->path);
	if (r->self && add + upd + rem + r->forgotten == 0)
		printf("%s: an extract of this database itself: nothing in it "
		    "is newer than here\n", o->path);
	else if (r->self)
		printf("%s: an extract of this database itself: what it holds "
		    "newer than here (as after loading a backup older than "
		    "it) is brought back, the rest left as it is\n",
		    o->path);
	printf("%s%s: %ld added, %ld updated, %ld removed, %ld unchanged, "
	    "%ld conflict%s, %ld forgotten\n", o->dry_run ? "dry run, nothing "
	    "written: " : "", o->path, add, upd, rem, same, conf,
	    conf == 1 ? "" : "s", r->forgotten);
}

/*
 * Of several files, the merge of file k is a command of its own (one
 * circle undo takes it back): its words the options and that file.
 */
static void
merge_command(struct tool *t, int argc, char **argv, int k)
{
	char	**w;
	int	  i, j, n = 0;

	w = circle_xcalloc((size_t)t->nwords + 1, sizeof *w);
	for (i = 1; i < t->nwords; i++) {
		for (j = 0; j < argc; j++)
			if (j != k && t->words[i] == argv[j])
				break;
		if (j == argc)
			w[n++] = t->words[i];
	}
	circle_db_command(t->db, "merge", n, w, 0);
	free(w);
}

/*
 * The passphrase of a sealed file of several: one from a file serves
 * them all (a pipe is read once); on the terminal each is asked for,
 * naming the file, since each facilitator has their own.
 */
static char *
merge_passphrase(struct tool *t, int argc, const char *path, char **kept)
{
	if (argc == 1)
		return passphrase(t, 0, NULL);
	if (passphrase_file_of(t) == NULL)
		return passphrase(t, 0, path);
	if (*kept == NULL)
		*kept = passphrase(t, 0, NULL);
	return *kept != NULL ? circle_xstrdup(*kept) : NULL;
}

/*
 * A sealed file's passphrase typed at the terminal and refused as wrong
 * (tries so far): said, and asked again, three tries in all, as sudo
 * does, rather than the whole command typed again; never when it came
 * from a file, which would give the same again.  The one home of the
 * asking again, for a merge and a load.  A database this command made
 * and nothing written into yet (none) is removed while it asks (a reader
 * who gives up, or Ctrl-C, leaves no file), and made again after.  1
 * when asked again (*pass the new one, the database open), 0 when not
 * (the error left to say), -1 when the new asking failed (said).
 */
#define PASS_TRIES	3

static int
pass_again(struct tool *t, const char *path, int tries, int none,
    char **pass)
{
	if (*pass == NULL || passphrase_file_of(t) != NULL ||
	    tries >= PASS_TRIES || strstr(t->err.msg, "wrong passphrase") ==
	    NULL)
		return 0;
	tool_fail(t);
	circle_err_clear(&t->err);
	circle_passphrase_free(*pass);
	if (none)
		discard_made(t);
	if ((*pass = passphrase(t, 0, path)) == NULL ||
	    tool_db(t, CIRCLE_DB_CREATE) == NULL)
		return -1;
	return 1;
}

/*
 * Each file merged in turn, each in its own transaction; one that fails
 * is said and the rest are still merged, the exit status the first
 * failure's.  A coordinator's first merge may make their database: the
 * passphrase first, so that a reader who gives up leaves no file, and
 * one made for merges that all failed, or dry runs, is removed.
 */
static int
db_merge(struct tool *t, int argc, char **argv)
{
	struct circle_merge_opts	 o;
	struct circle_merge_result	 r;
	char				*pass, *kept = NULL;
	int				 i, rc = 0, code = 0, merged = 0;
	int				 tries, again;

	memset(&o, 0, sizeof o);
	o.dry_run = tool_has(t, 'n');
	o.adopt = tool_has(t, OPT_ADOPT);
	o.theirs = tool_has(t, OPT_THEIRS);
	o.older = tool_has(t, OPT_OLDER);
	for (i = 0; i < argc; i++) {
		/* A blank line after each merge said, before the next. */
		if (i > 0 && rc == 0 && merged > 0)
			printf("\n");
		fflush(stdout);
		o.path = argv[i];
		pass = NULL;
		if ((rc = circle_file_sealed(o.path, &t->err)) == -1)
			rc = tool_fail(t);
		else if ((rc == 1 && (pass = merge_passphrase(t, argc, o.path,
		    &kept)) == NULL) || tool_db(t, CIRCLE_DB_CREATE) == NULL)
			rc = t->err.code;
		else {
			if (argc > 1)
				merge_command(t, argc, argv, i);
			o.passphrase = pass;
			tries = again = 0;
			while ((rc = circle_db_merge(t->db, &o, &r, &t->err)) ==
			    -1 && (again = pass_again(t, o.path, ++tries,
			    merged == 0, &pass)) == 1) {
				circle_merge_result_release(&r);
				if (argc > 1)
					merge_command(t, argc, argv, i);
				o.passphrase = pass;
			}
			if (rc == -1 && again == -1)
				rc = t->err.code;
			else if (rc == -1)
				rc = tool_fail(t);
			else {
				merge_said(&o, &r);
				merged++;
			}
			circle_merge_result_release(&r);
		}
		circle_passphrase_free(pass);
		if (rc != 0 && code == 0)
			code = rc;
		circle_err_clear(&t->err);
	}
	circle_passphrase_free(kept);
	if (merged == 0 || o.dry_run)
		discard_made(t);
	if (argc > 1)
		printf("%s%d of %d files %s\n", rc == 0 ? "\n" : "",
		    merged, argc, o.dry_run ? "would be merged (dry run, "
		    "nothing written)" : "merged");
	return code;
}

static int
db_migrate(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	int			 before;

	/* Opening applies what is missing, each in its own transaction. */
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_db_fold_names(db, &t->err) == -1)
		return tool_fail(t);
	before = circle_db_opened_version(db);
	if (before == circle_db_version(db))
		tool_say(t, "schema version %d: up to date\n", before);
	else
		tool_say(t, "schema version %d: migrated from %d\n",
		    circle_db_version(db), before);
	return 0;
}

static int
db_dump(struct tool *t, int argc, char **argv)
{
	struct circle_atomic	 a;
	struct circle_db	*db;
	const char		*out = tool_opt(t, 'o');
	FILE			*fp = stdout;
	int			 rc;

	/* -o - is the standard output, as without -o. */
	if (out != NULL && strcmp(out, "-") == 0)
		out = NULL;
	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	if (out != NULL && (circle_atomic_not_db(db, out, &t->err) == -1 ||
	    (fp = circle_atomic_fopen(out, 0600, &a, &t->err)) == NULL))
		return tool_fail(t);
	rc = circle_db_dump(db, fp, &t->err) == -1 ? tool_fail(t) : 0;
	if (out != NULL && circle_atomic_fclose(&a, fp, rc == 0, &t->err) ==
	    -1 && rc == 0)
		rc = tool_fail(t);
	if (rc == 0) {
		tool_wrote(t, out, "dump");
		if (out != NULL)
			tool_say_wrote(t, out);
	}
	return rc;
}

/*
 * Whether a file is an SQLite database (a plain backup, or an extract),
 * or the beginning of one cut short, or empty (said as that by the
 * restore).
 */
static int
is_sqlite_file(const char *path)
{
	char	 hdr[16];
	FILE	*fp;
	size_t	 n;
	int	 yes;

	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	n = fread(hdr, 1, sizeof hdr, fp);
	yes = !ferror(fp) && memcmp(hdr, "SQLite format 3", n) == 0;
	fclose(fp);
	return yes;
}

/*
 * A backup, sealed or plain, is copied in whole; a dump is read line by
 * line.  A load that fails into a database it made leaves no file.
 */
static int
db_load(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	const char		*name;
	char			*pass = NULL;
	FILE			*fp = NULL;
	int			 rc, sealed = 0, tries = 0, again = 0;

	name = argv[0];
	if (strcmp(name, "-") == 0)
		fp = stdin;
	else if ((sealed = circle_file_sealed(name, &t->err)) == 1 ||
	    is_sqlite_file(name))
		;
	else if ((fp = fopen(name, "r")) == NULL)
		return tool_error(t, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", name, strerror(errno));
	/* The passphrase first: a reader who gives up leaves no file. */
	if ((sealed == 1 && (pass = passphrase(t, 0, NULL)) == NULL) ||
	    (db = tool_db(t, CIRCLE_DB_CREATE)) == NULL) {
		rc = t->err.code;
		goto out;
	}
	if (fp == NULL) {
		/* A wrong passphrase typed: asked again (pass_again). */
		while ((rc = circle_db_restore(t->db, name, pass, &t->err)) ==
		    -1 && (again = pass_again(t, name, ++tries, 1, &pass)) ==
		    1)
			;
	} else
		rc = circle_db_load(db, fp, fp == stdin ? "stdin" : name,
		    &t->err);
	if (rc == -1 && again == -1)
		rc = t->err.code;
	else if (rc == -1)
		rc = tool_fail(t);
	else
		tool_say(t, "loaded %s into %s\n", fp == stdin ? "stdin" :
		    name, circle_db_path(t->db));
out:
	circle_passphrase_free(pass);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	if (rc != 0)
		discard_made(t);
	return rc;
}

static const struct option backup_opts[] = {
	OPTION_FORCE,
	{ "encrypt", no_argument, NULL, OPT_ENCRYPT },
	{ "passphrase-file", required_argument, NULL, OPT_PASSPHRASE_FILE },
	OPTION_END
};

static const struct option load_opts[] = {
	{ "passphrase-file", required_argument, NULL, OPT_PASSPHRASE_FILE },
	OPTION_END
};

static const struct option extract_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "pseudonymize", no_argument, NULL, OPT_PSEUDONYMIZE },
	{ "without-contacts", no_argument, NULL, OPT_WITHOUT_CONTACTS },
	{ "without-notes", no_argument, NULL, OPT_WITHOUT_NOTES },
	{ "encrypt", no_argument, NULL, OPT_ENCRYPT },
	{ "passphrase-file", required_argument, NULL, OPT_PASSPHRASE_FILE },
	{ "output", required_argument, NULL, 'o' },
	OPTION_FORCE,
	OPTION_END
};

static const struct option merge_opts[] = {
	OPTION_DRY_RUN,
	{ "adopt", no_argument, NULL, OPT_ADOPT },
	{ "theirs", no_argument, NULL, OPT_THEIRS },
	{ "older", no_argument, NULL, OPT_OLDER },
	{ "passphrase-file", required_argument, NULL, OPT_PASSPHRASE_FILE },
	OPTION_END
};

static const struct option dump_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "init", "", "create the database (0600, in a 0700 directory)",
	    db_init, 0, NULL, NULL, 0, 0 },
	{ "path", "", "print where the database is", db_path,
	    VERB_NODB, NULL, NULL, 0, 0 },
	{ "check", "", "check the database's integrity and references",
	    db_check, 0, NULL, NULL, 0, 0 },
	{ "backup", "[--force] [--encrypt [--passphrase-file FILE]] [FILE]",
	    "copy the whole database to FILE (0600; without it, a dated file "
	    "beside the database), sealed with --encrypt",
	    db_backup, 0, backup_opts, NULL, 0, 1 },
	{ "migrate", "", "bring the database to this version's schema",
	    db_migrate, 0, NULL, NULL, 0, 0 },
	{ "dump", "[-o FILE]", "write every table as JSON lines", db_dump,
	    0, dump_opts, "o:", 0, 0 },
	{ "load", "[--passphrase-file FILE] FILE", "load a dump or a backup "
	    "(sealed or not) into a new, empty database", db_load, VERB_NOUNDO, load_opts, NULL,
	    1, 1 },
	{ "extract", "[--group G]... [--all] [--since DATE | last] "
	    "[--pseudonymize] [--without-contacts] [--without-notes] [--encrypt "
	    "[--passphrase-file FILE]] [--force] -o FILE", "write some "
	    "groups as a database of their own, for a coordinator",
	    db_extract, VERB_BACK, extract_opts, "g:ao:", 0, 0 },
	{ "merge", "[--dry-run] [--adopt] [--theirs] [--older] "
	    "[--passphrase-file FILE] FILE...", "bring an extract into this database by uid",
	    db_merge, 0, merge_opts, "n", 1, VERB_MANY },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "db",
		.summary = "the circle database file",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
