/*
 * test-seal.c: sealed files (lib/seal.c) byte by byte, which a shell test
 * cannot afford at the real cost of Argon2id: sealed here with its
 * smallest limits, every single flipped byte (and bit of the header),
 * truncations and a wrong passphrase are refused as "wrong passphrase or
 * damaged file" (a file cut short after a chunk that opens, as "cut short
 * or damaged"); a passphrase is taken as text.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "circle-priv.h"

/* Argon2id's smallest limits: one pass over 8 KiB. */
static const unsigned long cheap[2] = { 1, 8 };

/* n bytes of plain text sealed under pass, in *out. */
static size_t
seal(const unsigned char *plain, size_t n, const char *pass,
    unsigned char **out)
{
	struct circle_err	 e;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp;

	circle_err_clear(&e);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(circle_seal_write(fp, plain, n, pass, cheap, &e), 0);
	assert_int_equal(fclose(fp), 0);
	*out = (unsigned char *)buf;
	return len;
}

static void
text(unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)("Quill Xyzzyvane, 555 0100. "[i % 27]);
}

/* Sealed and opened: the same bytes, and none of them in the clear. */
static void
test_seal_round_trip(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 65535, 65536, 65537,
					     200000 };
	struct circle_err	 e;
	unsigned char		*plain, *sealed, *back;
	size_t			 i, n, blen;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		plain = malloc(sizes[i] + 1);
		text(plain, sizes[i]);
		n = seal(plain, sizes[i], "correct horse", &sealed);
		assert_true(circle_sealed(sealed, n));
		assert_null(memmem(sealed, n, "Xyzzyvane", 9));
		circle_err_clear(&e);
		assert_int_equal(circle_unseal(sealed, n, "correct horse",
		    &back, &blen, &e), 0);
		assert_int_equal(blen, sizes[i]);
		assert_memory_equal(back, plain, sizes[i]);
		circle_unsealed_free(back, blen);
		free(sealed);
		free(plain);
	}
}

static void
refused(const unsigned char *p, size_t n, const char *pass)
{
	struct circle_err	 e;
	unsigned char		*back = (unsigned char *)"x";
	size_t			 blen = 7;

	circle_err_clear(&e);
	assert_int_equal(circle_unseal(p, n, pass, &back, &blen, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_null(back);
	assert_int_equal(blen, 0);
}

/* Every byte flipped in turn, every length cut short: refused. */
static void
test_seal_every_byte(void **state)
{
	unsigned char	plain[65536 + 50], *sealed;
	size_t		i, n;
	int		bit;

	(void)state;
	text(plain, sizeof plain);
	/* Two chunks: a whole one and the short last one. */
	n = seal(plain, sizeof plain, "correct horse", &sealed);
	for (i = 0; i < n; i++) {
		sealed[i] ^= 0x01;
		refused(sealed, n, "correct horse");
		sealed[i] ^= 0x01;
	}
	/* Each bit of the header. */
	for (i = 0; i < 60; i++)
		for (bit = 1; bit < 0x100; bit <<= 1) {
			sealed[i] ^= (unsigned char)bit;
			refused(sealed, n, "correct horse");
			sealed[i] ^= (unsigned char)bit;
		}
	for (i = 0; i < n; i += i < 200 ? 1 : 997)
		refused(sealed, i, "correct horse");
	/*
	 * Cut short by up to 17 bytes after the whole first chunk, which
	 * opens before the short rest is found out: refused.
	 */
	for (i = 60 + 65536 + 17; i < 60 + 65536 + 17 + 18; i++)
		refused(sealed, i, "correct horse");
	free(sealed);
}

/* s opens p (n bytes) under pass, or is refused with a message holding s. */
static void
opens(const unsigned char *p, size_t n, const char *pass, const char *s)
{
	struct circle_err	 e;
	unsigned char		*back = NULL;
	size_t			 blen = 0;

	circle_err_clear(&e);
	if (s == NULL) {
		assert_int_equal(circle_unseal(p, n, pass, &back, &blen, &e),
		    0);
		circle_unsealed_free(back, blen);
		return;
	}
	assert_int_equal(circle_unseal(p, n, pass, &back, &blen, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_non_null(strstr(e.msg, s));
}

/*
 * Cut short after a chunk that opens: the passphrase is right, and the
 * message says so; cut in the first chunk or in the header, it cannot.
 */
static void
test_seal_cut_short(void **state)
{
	unsigned char	plain[3 * 65536], *sealed;
	size_t		n;

	(void)state;
	text(plain, sizeof plain);
	n = seal(plain, sizeof plain, "correct horse", &sealed);
	opens(sealed, 60 + 65536 + 17, "correct horse", "cut short or "
	    "damaged on the way (the passphrase is right");
	opens(sealed, n - 1, "correct horse", "the passphrase is right");
	opens(sealed, n - 1, "correct horsee", "wrong passphrase");
	opens(sealed, 60 + 1000, "correct horse", "wrong passphrase");
	opens(sealed, 70, "correct horse", "cut short (70 bytes");
	/* Grown rather than cut (a chunk's length is the file's): damaged. */
	sealed = realloc(sealed, n + 5);
	assert_non_null(sealed);
	memcpy(sealed + n, "junk\n", 5);
	opens(sealed, n + 5, "correct horse", "cut short or damaged on the "
	    "way (the passphrase is right");
	opens(sealed, n + 5, "correct horsee", "wrong passphrase");
	free(sealed);
}

/*
 * A passphrase is text: composed or decomposed (a Mac's), spaces at the
 * ends or two for one, one passphrase; a letter more or less is another.
 */
static void
test_seal_pass_as_text(void **state)
{
	struct circle_err	 e;
	unsigned char		 plain[100], *sealed;
	size_t			 n;
	FILE			*fp;

	(void)state;
	text(plain, sizeof plain);
	n = seal(plain, sizeof plain, "caf\xc3\xa9 au lait", &sealed);
	opens(sealed, n, "cafe\xcc\x81 au lait", NULL);
	opens(sealed, n, " caf\xc3\xa9  au lait \xc2\xa0", NULL);
	opens(sealed, n, "cafe au lait", "wrong passphrase");
	free(sealed);
	n = seal(plain, sizeof plain, "cafe\xcc\x81 au lait  ", &sealed);
	opens(sealed, n, "caf\xc3\xa9 au lait", NULL);
	free(sealed);
	n = seal(plain, sizeof plain, "correct horse", &sealed);
	opens(sealed, n, "correct horse ", NULL);
	opens(sealed, n, "correct  horse", NULL);
	opens(sealed, n, "correcthorse", "wrong passphrase");
	free(sealed);
	/* Eight characters with its spaces, five without: too short. */
	fp = tmpfile();
	circle_err_clear(&e);
	assert_int_equal(circle_seal_write(fp, plain, sizeof plain,
	    "  short  ", cheap, &e), -1);
	assert_non_null(strstr(e.msg, "shorter than 8"));
	assert_int_equal(ftell(fp), 0);
	fclose(fp);
	/* Typed twice when sealing: the same as text is the same. */
	assert_true(circle_passphrase_same("caf\xc3\xa9 au lait ",
	    "cafe\xcc\x81  au lait"));
	assert_false(circle_passphrase_same("correct horse",
	    "correcthorse"));
	assert_false(circle_passphrase_same("Correct horse",
	    "correct horse"));
}

/*
 * A file sealed before passphrases were text, under the bytes as typed
 * (two spaces at the end): made here as circle made it then, one chunk.
 */
static void
test_seal_pass_as_typed(void **state)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	static const char	 pass[] = "correct horse  ";
	unsigned char		 key[32], blob[60 + 100 + 17], plain[100];
	unsigned long long	 clen;

	(void)state;
	assert_true(sodium_init() >= 0);
	text(plain, sizeof plain);
	memset(blob, 0, 60);
	memcpy(blob, "CIRCSEAL", 8);
	blob[8] = 1;
	blob[9] = 1;
	blob[12] = 1;		/* one pass */
	blob[16] = 8;		/* over 8 KiB */
	randombytes_buf(blob + 20, 16);
	assert_int_equal(crypto_pwhash(key, sizeof key, pass, strlen(pass),
	    blob + 20, 1, 8 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
	crypto_secretstream_xchacha20poly1305_init_push(&st, blob + 36, key);
	crypto_secretstream_xchacha20poly1305_push(&st, blob + 60, &clen,
	    plain, sizeof plain, blob, 60,
	    crypto_secretstream_xchacha20poly1305_TAG_FINAL);
	assert_int_equal(clen, 100 + 17);
	opens(blob, sizeof blob, pass, NULL);
	opens(blob, sizeof blob, "correct horse", "wrong passphrase");
}

/* A wrong passphrase, an added byte, a newer format: refused. */
static void
test_seal_refusals(void **state)
{
	struct circle_err	 e;
	unsigned char		 plain[100], *sealed, *longer, *back;
	size_t			 n, blen;
	FILE			*fp;

	(void)state;
	text(plain, sizeof plain);
	n = seal(plain, sizeof plain, "correct horse", &sealed);
	refused(sealed, n, "correct hors");
	refused(sealed, n, "correct horsee");
	longer = malloc(n + 1);
	memcpy(longer, sealed, n);
	longer[n] = 0;
	refused(longer, n + 1, "correct horse");
	free(longer);
	sealed[8] = 2;
	circle_err_clear(&e);
	assert_int_equal(circle_unseal(sealed, n, "correct horse", &back,
	    &blen, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_non_null(strstr(e.msg, "newer circle"));
	free(sealed);
	/* A short passphrase seals nothing. */
	fp = tmpfile();
	circle_err_clear(&e);
	assert_int_equal(circle_seal_write(fp, plain, sizeof plain, "short",
	    cheap, &e), -1);
	assert_int_equal(ftell(fp), 0);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_round_trip),
		cmocka_unit_test(test_seal_every_byte),
		cmocka_unit_test(test_seal_refusals),
		cmocka_unit_test(test_seal_cut_short),
		cmocka_unit_test(test_seal_pass_as_text),
		cmocka_unit_test(test_seal_pass_as_typed),
	};

	return cmocka_run_group_tests_name("seal", tests, NULL, NULL);
}
