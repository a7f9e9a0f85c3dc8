/*
 * test-seal.c: sealed files (lib/seal.c) byte by byte, which a shell test
 * cannot afford at the real cost of Argon2id: sealed here with its
 * smallest limits, every single flipped byte (and bit of the header),
 * truncations and a wrong passphrase are refused as "wrong passphrase or
 * damaged file".
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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
	refused(sealed, n, "correct horse ");
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
	};

	return cmocka_run_group_tests_name("seal", tests, NULL, NULL);
}
