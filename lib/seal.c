/*
 * seal.c: a file sealed with a passphrase, for what travels (extracts,
 * backups): Argon2id makes the key, libsodium's secretstream (XChaCha20-
 * Poly1305, in chunks) seals the bytes, and a small versioned header says
 * how.  Opening gives the bytes in memory only; any change is refused.
 * Argon2id takes the same second or so whatever the file: it runs in a
 * thread of its own while the bytes are made or read.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "circle-priv.h"

/*
 * The header, 60 bytes, authenticated with every chunk:
 *   0  "CIRCSEAL"   8  version (1)   9  KDF (1: Argon2id 1.3)
 *  10  two zero bytes   12  opslimit (u32 LE)   16  memlimit in KiB
 *  (u32 LE)   20  salt (16)   36  secretstream header (24).
 * Then chunks of SEAL_CHUNK bytes, each 17 bytes longer sealed; the last
 * (maybe empty) is tagged final and ends the file.
 */
#define SEAL_MAGIC	"CIRCSEAL"
#define SEAL_VERSION	1
#define SEAL_KDF	1
#define SEAL_HEADER	60
#define SEAL_CHUNK	65536
#define SEAL_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define SEAL_MIN_PASS	8
/* What a file may ask of the machine that opens it. */
#define SEAL_MAX_OPS	16
#define SEAL_MAX_MEM_KIB (1024 * 1024)
/* The largest file read whole into memory. */
#define SEAL_MAX_BYTES	(4ULL << 30)

static const char damaged[] = "wrong passphrase or damaged file (check "
    "the passphrase with whoever sealed it, and type it again; if it is "
    "right, the file changed on the way: ask for it again)";
/* When the passphrase opened the file's beginning: only the file is wrong. */
static const char cut[] = "cut short or damaged on the way (the passphrase "
    "is right: it opens the file's beginning); ask for the file again";

struct circle_seal_key;
static int	header_check(const unsigned char *, size_t,
		    struct circle_err *);
struct sealed_in;
static int	unseal_pass(struct sealed_in *, const unsigned char *,
		    const char *, unsigned char **, size_t *,
		    struct circle_err *);
static int	read_upto(int, unsigned char *, size_t *, size_t);

static int
sodium_ready(struct circle_err *e)
{
	if (sodium_init() == -1)
		return circle_err_set(e, CIRCLE_EIO, "libsodium cannot start");
	return 0;
}

static void
put_u32(unsigned char *p, unsigned long v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static unsigned long
get_u32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

int
circle_sealed(const unsigned char *p, size_t n)
{
	return n >= 8 && memcmp(p, SEAL_MAGIC, 8) == 0;
}

/*
 * A key being made from a passphrase and a header's salt and limits, in a
 * thread of its own when one can be had (else when it is asked for).
 */
struct circle_seal_key {
	unsigned char	 hdr[SEAL_HEADER];
	unsigned char	 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	char		*pass;		/* owned, wiped */
	pthread_t	 thread;
	int		 running;	/* thread started, not yet joined */
	int		 done;		/* key made (or failed: rc) */
	int		 rc;
};

static void
derive_now(struct circle_seal_key *k)
{
	const unsigned char	*hdr = k->hdr;

	k->rc = crypto_pwhash(k->key, sizeof k->key, k->pass,
	    strlen(k->pass), hdr + 20, get_u32(hdr + 12),
	    (size_t)get_u32(hdr + 16) * 1024, crypto_pwhash_ALG_ARGON2ID13);
	k->done = 1;
}

static void *
derive_thread(void *arg)
{
	derive_now(arg);
	return NULL;
}

/*
 * Begin making the key of hdr (SEAL_HEADER bytes) from pass.  Argon2id's
 * thread (libsodium) maps its 256 MiB filled in at once and unmaps them at
 * the end, and for each of those whiles (0.1 s and more here) any other
 * thread of this process that grows or shrinks its heap, or maps memory,
 * waits.  So before it begins, the heap is grown by SEAL_HEAP_PAD (in
 * blocks of SEAL_HEAP_STEP, each under the size malloc maps on its own,
 * then given back to the heap), grows by as much at a time after, and is
 * not trimmed; a block under twice SEAL_HEAP_STEP comes from it, not from
 * a map of its own: the work beside the key (the extract being built)
 * seldom asks the system for memory.  Growing it once after the thread
 * had begun (M_TOP_PAD alone) was that wait itself, 0.2-0.5 s at load
 * 11-13 in two runs of three (strace: the main thread's brk).
 */
#define SEAL_HEAP_PAD	(64 << 20)
#define SEAL_HEAP_STEP	(16 << 20)

static void
heap_ready(void)
{
#if defined(M_TOP_PAD) && defined(M_TRIM_THRESHOLD) && \
    defined(M_MMAP_THRESHOLD)
	static int	 ready;
	void		*p[SEAL_HEAP_PAD / SEAL_HEAP_STEP];
	size_t		 i;

	/* Once a process: the heap is not trimmed after (a test opening a
	 * file a thousand times, under ASan, spent minutes here). */
	if (ready)
		return;
	ready = 1;
	(void)mallopt(M_TOP_PAD, SEAL_HEAP_PAD);
	(void)mallopt(M_TRIM_THRESHOLD, 2 * SEAL_HEAP_PAD);
	(void)mallopt(M_MMAP_THRESHOLD, 2 * SEAL_HEAP_STEP);
	for (i = 0; i < sizeof p / sizeof p[0]; i++)
		p[i] = malloc(SEAL_HEAP_STEP);
	for (i = 0; i < sizeof p / sizeof p[0]; i++)
		free(p[i]);
#endif
}

static struct circle_seal_key *
key_start(const char *pass, const unsigned char *hdr)
{
	struct circle_seal_key	*k = circle_xcalloc(1, sizeof *k);

	heap_ready();
	memcpy(k->hdr, hdr, SEAL_HEADER);
	k->pass = circle_xstrdup(pass);
	k->running = pthread_create(&k->thread, NULL, derive_thread, k) == 0;
	return k;
}

/* The key, once made (waited for). */
static const unsigned char *
key_wait(struct circle_seal_key *k, struct circle_err *e)
{
	if (k->running) {
		pthread_join(k->thread, NULL);
		k->running = 0;
	}
	if (!k->done)
		derive_now(k);
	if (k->rc != 0) {
		circle_err_set(e, CIRCLE_EIO, "not enough memory to derive "
		    "the key from the passphrase");
		return NULL;
	}
	return k->key;
}

void
circle_seal_key_free(struct circle_seal_key *k)
{
	if (k == NULL)
		return;
	if (k->running)
		pthread_join(k->thread, NULL);
	sodium_memzero(k->key, sizeof k->key);
	circle_passphrase_free(k->pass);
	free(k);
}

/*
 * The key to seal with under pass, with Argon2id's moderate limits (or
 * cost's, for tests: {ops, KiB}) and a new salt, begun now and made while
 * the caller makes what it will seal (circle_seal_write_key).
 */
struct circle_seal_key *
circle_seal_begin(const char *pass, const unsigned long *cost,
    struct circle_err *e)
{
	struct circle_seal_key	*k;
	unsigned char		 hdr[SEAL_HEADER];
	char			*text;

	if (sodium_ready(e) == -1)
		return NULL;
	text = circle_text_clean_secret(pass);
	if (circle_utf8_chars(text) < SEAL_MIN_PASS) {
		circle_passphrase_free(text);
		circle_err_set(e, CIRCLE_EDATA, "passphrase: shorter than %d "
		    "characters; choose a longer one, of several words that "
		    "are not a saying", SEAL_MIN_PASS);
		return NULL;
	}
	memset(hdr, 0, sizeof hdr);
	memcpy(hdr, SEAL_MAGIC, 8);
	hdr[8] = SEAL_VERSION;
	hdr[9] = SEAL_KDF;
	put_u32(hdr + 12, cost != NULL ? cost[0] :
	    crypto_pwhash_argon2id_OPSLIMIT_MODERATE);
	put_u32(hdr + 16, cost != NULL ? cost[1] :
	    crypto_pwhash_argon2id_MEMLIMIT_MODERATE / 1024);
	randombytes_buf(hdr + 20, crypto_pwhash_SALTBYTES);
	k = key_start(text, hdr);
	circle_passphrase_free(text);
	return k;
}

/* Seal n bytes to fp under pass (circle_seal_begin's limits). */
int
circle_seal_write(FILE *fp, const void *plain, size_t n, const char *pass,
    const unsigned long *cost, struct circle_err *e)
{
	struct circle_seal_key	*k;
	int			 rc;

	if ((k = circle_seal_begin(pass, cost, e)) == NULL)
		return -1;
	rc = circle_seal_write_key(fp, plain, n, k, e);
	circle_seal_key_free(k);
	return rc;
}

/*
 * The sealed chunks go to the file a batch at a time, on a thread of their
 * own while the next batch is sealed, so that the write (a copy into the
 * system's cache) is off the sealing's path; in turn, without a thread,
 * when the bytes are one batch or fewer or no thread can be had.  Only
 * sealed bytes pass through here: nothing in these buffers is secret.
 */
#define SEAL_BATCH	16	/* chunks a batch */
#define SEAL_SLOTS	3	/* batches sealed ahead of the writer */

struct seal_out {
	FILE		*fp;
	unsigned char	*buf[SEAL_SLOTS];
	size_t		 len[SEAL_SLOTS];
	size_t		 nslots;
	size_t		 filled, written;	/* batches so far */
	int		 err;	/* errno of the first failed write */
	int		 done;
	int		 running;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
};

/* 0, or the errno of a failed write. */
static int
out_write(FILE *fp, const unsigned char *p, size_t n)
{
	errno = 0;
	if (fwrite(p, 1, n, fp) == n)
		return 0;
	return errno != 0 ? errno : EIO;
}

static void *
out_thread(void *arg)
{
	struct seal_out	*o = arg;
	size_t		 slot;
	int		 err;

	pthread_mutex_lock(&o->mu);
	err = o->err;
	for (;;) {
		while (o->written == o->filled && !o->done)
			pthread_cond_wait(&o->cv, &o->mu);
		if (o->written == o->filled)
			break;
		slot = o->written % o->nslots;
		pthread_mutex_unlock(&o->mu);
		/* After a failed write, the rest is sealed but not written. */
		if (err == 0)
			err = out_write(o->fp, o->buf[slot], o->len[slot]);
		pthread_mutex_lock(&o->mu);
		o->err = err;
		o->written++;
		pthread_cond_signal(&o->cv);
	}
	pthread_mutex_unlock(&o->mu);
	return NULL;
}

/*
 * Ready to take n bytes sealed: with a writer when more than a batch.
 * err: the errno of a write before (the header's), or 0.
 */
static void
out_start(struct seal_out *o, FILE *fp, size_t n, int err)
{
	size_t	i;

	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->err = err;
	o->nslots = 1;
	if (n > (size_t)SEAL_BATCH * SEAL_CHUNK &&
	    pthread_mutex_init(&o->mu, NULL) == 0) {
		if (pthread_cond_init(&o->cv, NULL) == 0) {
			o->nslots = SEAL_SLOTS;
			o->running = pthread_create(&o->thread, NULL,
			    out_thread, o) == 0;
			if (!o->running) {
				pthread_cond_destroy(&o->cv);
				o->nslots = 1;
			}
		}
		if (!o->running)
			pthread_mutex_destroy(&o->mu);
	}
	for (i = 0; i < o->nslots; i++)
		o->buf[i] = circle_xmalloc((size_t)SEAL_BATCH *
		    (SEAL_CHUNK + SEAL_ABYTES));
}

/* The buffer of the next batch, once the writer is done with it. */
static unsigned char *
out_slot(struct seal_out *o)
{
	if (o->running) {
		pthread_mutex_lock(&o->mu);
		while (o->filled - o->written == o->nslots)
			pthread_cond_wait(&o->cv, &o->mu);
		pthread_mutex_unlock(&o->mu);
	}
	return o->buf[o->filled % o->nslots];
}

/* The batch out_slot gave, len bytes of it sealed, to the file. */
static void
out_put(struct seal_out *o, size_t len)
{
	size_t	slot = o->filled % o->nslots;

	if (!o->running) {
		if (o->err == 0)
			o->err = out_write(o->fp, o->buf[slot], len);
		o->filled++;
		o->written++;
		return;
	}
	pthread_mutex_lock(&o->mu);
	o->len[slot] = len;
	o->filled++;
	pthread_cond_signal(&o->cv);
	pthread_mutex_unlock(&o->mu);
}

/* Every batch written (the writer waited for): 0 or a write's errno. */
static int
out_end(struct seal_out *o)
{
	size_t	i;

	if (o->running) {
		pthread_mutex_lock(&o->mu);
		o->done = 1;
		pthread_cond_signal(&o->cv);
		pthread_mutex_unlock(&o->mu);
		pthread_join(o->thread, NULL);
		pthread_cond_destroy(&o->cv);
		pthread_mutex_destroy(&o->mu);
	}
	for (i = 0; i < o->nslots; i++)
		free(o->buf[i]);
	return o->err;
}

/* Seal n bytes to fp with a key begun by circle_seal_begin. */
int
circle_seal_write_key(FILE *fp, const void *plain, size_t n,
    struct circle_seal_key *k, struct circle_err *e)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	struct seal_out	 o;
	const unsigned char *key, *hdr = k->hdr;
	unsigned char	*c;
	unsigned long long clen;
	const unsigned char *p = plain;
	size_t		 off = 0, len, blen;
	int		 err, i, last = 0, tag;

	if ((key = key_wait(k, e)) == NULL)
		return -1;
	crypto_secretstream_xchacha20poly1305_init_push(&st, k->hdr + 36,
	    key);
	out_start(&o, fp, n, out_write(fp, hdr, SEAL_HEADER));
	do {
		c = out_slot(&o);
		blen = 0;
		for (i = 0; i < SEAL_BATCH && !last; i++) {
			len = n - off > SEAL_CHUNK ? SEAL_CHUNK : n - off;
			last = off + len == n;
			tag = last ?
			    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
			crypto_secretstream_xchacha20poly1305_push(&st,
			    c + blen, &clen, p + off, len, hdr, SEAL_HEADER,
			    (unsigned char)tag);
			blen += (size_t)clen;
			off += len;
		}
		out_put(&o, blen);
	} while (!last);
	err = out_end(&o);
	sodium_memzero(&st, sizeof st);
	if (err != 0)
		return circle_err_set(e, CIRCLE_EIO, "write error: %s",
		    strerror(err));
	return 0;
}

/*
 * A sealed file being opened: whole in memory (p), or read from fd a chunk
 * at a time into buf; n bytes in all, off of them taken.
 */
struct sealed_in {
	const unsigned char	*p;
	int			 fd;
	unsigned char		*buf;
	size_t			 n, off;
};

/* The next sealed chunk of in (*len bytes, fewer at the end); NULL on a
 * read error. */
static const unsigned char *
sealed_next(struct sealed_in *in, size_t *len)
{
	size_t	got = 0;

	*len = in->n - in->off > SEAL_CHUNK + SEAL_ABYTES ?
	    SEAL_CHUNK + SEAL_ABYTES : in->n - in->off;
	if (in->p != NULL)
		return in->p + in->off;
	if (read_upto(in->fd, in->buf, &got, *len) == -1 || got != *len)
		return NULL;
	return in->buf;
}

/*
 * The bytes a sealed file holds, in *plain (circle_bytes_alloc; the caller
 * wipes and frees it with circle_unsealed_free), or 65 "wrong passphrase
 * or damaged file" for any change at all: every chunk is authenticated
 * with the header, and the file must end with the final chunk.
 */
int
circle_unseal(const unsigned char *in, size_t n, const char *pass,
    unsigned char **plain, size_t *plainlen, struct circle_err *e)
{
	struct sealed_in	 s = { in, -1, NULL, n, SEAL_HEADER };

	*plain = NULL;
	*plainlen = 0;
	if (header_check(in, n, e) == -1)
		return -1;
	return unseal_pass(&s, in, pass, plain, plainlen, e);
}

/* A sealed file's header, whole and of a kind this circle opens. */
static int
header_check(const unsigned char *in, size_t n, struct circle_err *e)
{
	if (sodium_ready(e) == -1)
		return -1;
	if (!circle_sealed(in, n))
		return circle_err_set(e, CIRCLE_EDATA, "%s", damaged);
	if (n < SEAL_HEADER + SEAL_ABYTES)
		return circle_err_set(e, CIRCLE_EDATA, "cut short (%zu bytes, "
		    "less than a sealed file's header); ask for the file again",
		    n);
	if (in[8] > SEAL_VERSION)
		return circle_err_set(e, CIRCLE_EDATA, "sealed by a newer "
		    "circle (format %d); upgrade circle", in[8]);
	if (in[8] != SEAL_VERSION || in[9] != SEAL_KDF || in[10] != 0 ||
	    in[11] != 0 || get_u32(in + 12) < 1 ||
	    get_u32(in + 12) > SEAL_MAX_OPS || get_u32(in + 16) < 8 ||
	    get_u32(in + 16) > SEAL_MAX_MEM_KIB)
		return circle_err_set(e, CIRCLE_EDATA, "%s", damaged);
	return 0;
}

/*
 * The bytes of a sealed file whose header (k's) was checked, opened chunk
 * by chunk from in with k's key.  *opened: its first chunk opened (the
 * key is right, whatever is wrong after it).
 */
static int
unseal_key(struct sealed_in *in, struct circle_seal_key *k,
    unsigned char **plain, size_t *plainlen, int *opened,
    struct circle_err *e)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	const unsigned char *key, *c;
	unsigned char	*out, tag = 0;
	unsigned long long mlen;
	size_t		 len, outlen = 0, cap;
	int		 readerr = 0;

	if ((key = key_wait(k, e)) == NULL)
		return -1;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, k->hdr + 36,
	    key) != 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s", damaged);
	/*
	 * Room for every chunk the file may hold: a file cut short in its
	 * last chunk has its whole chunks opened before it is found out.
	 */
	cap = in->n - SEAL_HEADER;
	if ((out = circle_bytes_alloc(cap)) == NULL) {
		sodium_memzero(&st, sizeof st);
		return circle_err_set(e, CIRCLE_EIO, "no memory");
	}
	while (in->off < in->n &&
	    tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		if ((c = sealed_next(in, &len)) == NULL) {
			readerr = 1;
			break;
		}
		if (len < SEAL_ABYTES ||
		    crypto_secretstream_xchacha20poly1305_pull(&st,
		    out + outlen, &mlen, &tag, c, len, k->hdr,
		    SEAL_HEADER) != 0 ||
		    (tag != 0 &&
		    tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL))
			break;
		outlen += (size_t)mlen;
		in->off += len;
		*opened = 1;
	}
	sodium_memzero(&st, sizeof st);
	if (in->off != in->n ||
	    tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		circle_unsealed_free(out, outlen);
		if (readerr)
			return circle_err_set(e, CIRCLE_EIO, "read error");
		return circle_err_set(e, CIRCLE_EDATA, "%s", *opened ? cut :
		    damaged);
	}
	*plain = out;
	*plainlen = outlen;
	return 0;
}

/*
 * A sealed file opened with a passphrase as text (circle_text_clean: é
 * composed or decomposed, as a Mac may give it, spaces at the ends or two
 * for one, make no other key), as it was sealed; when that key opens not
 * even the first chunk and the bytes as given differ, with those, as
 * files sealed before passphrases were text took them.
 */
static int
unseal_pass(struct sealed_in *in, const unsigned char *hdr,
    const char *pass, unsigned char **plain, size_t *plainlen,
    struct circle_err *e)
{
	struct circle_seal_key	*k;
	char			*text = circle_text_clean_secret(pass);
	int			 rc, opened = 0;

	k = key_start(text, hdr);
	rc = unseal_key(in, k, plain, plainlen, &opened, e);
	circle_seal_key_free(k);
	if (rc == -1 && !opened && e->code == CIRCLE_EDATA &&
	    strcmp(text, pass) != 0 && (in->p != NULL ||
	    lseek(in->fd, SEAL_HEADER, SEEK_SET) == SEAL_HEADER)) {
		in->off = SEAL_HEADER;
		k = key_start(pass, hdr);
		rc = unseal_key(in, k, plain, plainlen, &opened, e);
		circle_seal_key_free(k);
	}
	circle_passphrase_free(text);
	return rc;
}

/*
 * The bytes of a whole file in memory (an extract being made, a file being
 * merged): a mapping of its own, its length kept before the bytes, with
 * transparent huge pages asked for where the system has them.  A file of
 * 100 MB is 25,000 small pages, each faulted in on its first touch; on
 * some virtual machines that costs more than reading the file.  Reserved,
 * not committed: only what is touched is memory.  NULL when there is no
 * memory for it.
 */
#define BYTES_HEAD	64

unsigned char *
circle_bytes_alloc(size_t n)
{
	unsigned char	*p;
	size_t		 len = BYTES_HEAD + n;

	if (len < n)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	memcpy(p, &len, sizeof len);
	return p + BYTES_HEAD;
}

/* Bytes of circle_bytes_alloc, the first n of them used: wiped, freed. */
void
circle_unsealed_free(unsigned char *p, size_t n)
{
	size_t	len;

	if (p == NULL)
		return;
	sodium_memzero(p, n);
	memcpy(&len, p - BYTES_HEAD, sizeof len);
	munmap(p - BYTES_HEAD, len);
}

/*
 * A passphrase kept in a file for scripts: its first line, and only from
 * a regular file no one else can read, or a pipe no one else can (a
 * password manager's, as in --passphrase-file <(pass show circle)).
 */
char *
circle_passphrase_file(const char *path, struct circle_err *e)
{
	struct stat	 sb;
	char		 buf[1024];
	ssize_t		 n;
	size_t		 len = 0, skip;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "passphrase file %s: %s", path,
		    strerror(errno)), NULL;
	if (fstat(fd, &sb) == -1 || (!S_ISREG(sb.st_mode) &&
	    !S_ISFIFO(sb.st_mode))) {
		close(fd);
		return circle_err_set(e, CIRCLE_EIO, "passphrase file %s: not "
		    "a regular file or a pipe", path), NULL;
	}
	/* A FAT or NTFS stick shows every file so, and chmod cannot help. */
	if ((sb.st_mode & 077) != 0) {
		close(fd);
		return circle_err_set(e, CIRCLE_EDATA, "passphrase file %s: "
		    "readable by others (mode %03o); chmod 600 it first (on a "
		    "disk that cannot keep that mode, a USB stick, move it to "
		    "your home directory)", path,
		    (unsigned int)(sb.st_mode & 0777)), NULL;
	}
	/* A pipe gives what its writer wrote so far: up to the first line. */
	while (len < sizeof buf - 1 && memchr(buf, '\n', len) == NULL &&
	    (n = read(fd, buf + len, sizeof buf - 1 - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			close(fd);
			sodium_memzero(buf, sizeof buf);
			return circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
			    strerror(saved)), NULL;
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	/* Notepad's byte order mark is no part of it; nor a CR LF. */
	skip = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	len = strcspn(buf + skip, "\r\n");
	memmove(buf, buf + skip, len);
	buf[len] = '\0';
	if (len == 0) {
		sodium_memzero(buf, sizeof buf);
		return circle_err_set(e, CIRCLE_EDATA, "passphrase file %s: "
		    "no passphrase on its first line", path), NULL;
	}
	return circle_passphrase_dup(buf, buf, sizeof buf);
}

/* A copy of a passphrase; the original (of size n) wiped. */
char *
circle_passphrase_dup(const char *s, void *wipe, size_t n)
{
	char	*p = circle_xstrdup(s);

	sodium_memzero(wipe, n);
	return p;
}

/*
 * Are two passphrases (typed twice when sealing) one key: the same as
 * text (circle_text_clean), as sealing and opening take them?
 */
int
circle_passphrase_same(const char *a, const char *b)
{
	char	*ta = circle_text_clean_secret(a);
	char	*tb = circle_text_clean_secret(b);
	int	 same = strcmp(ta, tb) == 0;

	circle_passphrase_free(ta);
	circle_passphrase_free(tb);
	return same;
}

void
circle_passphrase_free(char *p)
{
	if (p == NULL)
		return;
	sodium_memzero(p, strlen(p));
	free(p);
}

/*
 * A file whole in memory (circle_bytes_alloc; wiped and freed by the
 * caller with circle_unsealed_free), opened with pass when it is sealed:
 * its chunks read and opened one at a time, the key made (a thread) while
 * the first are read.
 */
int
circle_read_sealed(const char *path, const char *pass, unsigned char **p,
    size_t *n, struct circle_err *e)
{
	struct sealed_in	 s;
	struct stat		 sb;
	unsigned char		 hdr[SEAL_HEADER], *buf;
	size_t			 got = 0, size;
	int			 fd, rc;

	*p = NULL;
	*n = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (unsigned long long)sb.st_size > SEAL_MAX_BYTES) {
		close(fd);
		return circle_err_set(e, CIRCLE_EDATA, "%s: not a circle file "
		    "(not a regular file of a sane size)", path);
	}
	size = (size_t)sb.st_size;
	rc = read_upto(fd, hdr, &got, size < SEAL_HEADER ? size : SEAL_HEADER);
	if (rc == 0 && !circle_sealed(hdr, got)) {
		if ((buf = circle_bytes_alloc(size)) == NULL) {
			close(fd);
			return circle_err_set(e, CIRCLE_EIO, "%s: no memory",
			    path);
		}
		memcpy(buf, hdr, got);
		rc = read_upto(fd, buf, &got, size);
		close(fd);
		if (rc == -1 || got != size) {
			circle_unsealed_free(buf, 0);
			return circle_err_set(e, CIRCLE_EIO, "%s: read error",
			    path);
		}
		*p = buf;
		*n = size;
		return 0;
	}
	if (rc == -1) {
		close(fd);
		return circle_err_set(e, CIRCLE_EIO, "%s: read error", path);
	}
	if (pass == NULL) {
		close(fd);
		return circle_err_set(e, CIRCLE_EUSAGE, "%s: sealed; a "
		    "passphrase is needed", path);
	}
	if (header_check(hdr, size, e) == -1) {
		close(fd);
		return circle_err_prefix(e, "%s", path);
	}
	s = (struct sealed_in){ NULL, fd, circle_xmalloc(SEAL_CHUNK +
	    SEAL_ABYTES), size, SEAL_HEADER };
	rc = unseal_pass(&s, hdr, pass, p, n, e);
	free(s.buf);
	close(fd);
	if (rc == -1)
		return circle_err_prefix(e, "%s", path);
	return 0;
}

/* Read fd into buf from *got up to upto bytes, or to its end. */
static int
read_upto(int fd, unsigned char *buf, size_t *got, size_t upto)
{
	ssize_t	k;

	while (*got < upto && (k = read(fd, buf + *got, upto - *got)) != 0) {
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		*got += (size_t)k;
	}
	return 0;
}
