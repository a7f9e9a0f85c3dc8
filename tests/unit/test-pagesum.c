/*
 * test-pagesum.c: a plain extract's page sums (lib/pagesum.c) on small
 * images made here: every byte changed is found but the header's byte 20
 * (which says there are no sums: a merge then asks the file's network
 * table), pages written in pieces sum as pages written whole, and the
 * lock-byte page, at 1 GiB in a real file (too big for a test), is
 * skipped by its number, given here as a small one.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "circle-priv.h"

#define PS	512
#define NPAGES	8

/* NPAGES pages of PS with a header that says so and has room for sums. */
static unsigned char *
image(void)
{
	unsigned char	*p;
	size_t		 i;

	p = malloc(PS * NPAGES);
	assert_non_null(p);
	for (i = 0; i < PS * NPAGES; i++)
		p[i] = (unsigned char)(i * 7 + i / 509);
	memcpy(p, "SQLite format 3", 16);
	p[16] = PS >> 8;
	p[17] = PS & 0xff;
	p[20] = CIRCLE_PAGESUM_BYTES;
	circle_pagesum_pages(p, PS * NPAGES, PS, 1,
	    circle_pagesum_lock_page(PS), 1);
	return p;
}

static void
lock_page_numbers(void **state)
{
	(void)state;
	/* The page holding byte 0x40000000, counted from 1. */
	assert_int_equal(circle_pagesum_lock_page(512), 2097153);
	assert_int_equal(circle_pagesum_lock_page(1024), 1048577);
	assert_int_equal(circle_pagesum_lock_page(4096), 262145);
	assert_int_equal(circle_pagesum_lock_page(65536), 16385);
}

static void
whole_image_checks(void **state)
{
	unsigned char	*p = image();
	unsigned long	 bad;

	(void)state;
	assert_int_equal(circle_pagesum_check(p, PS * NPAGES, &bad), 1);
	assert_int_equal(bad, 0);
	/* Not a whole number of pages. */
	assert_int_equal(circle_pagesum_check(p, PS * NPAGES - 1, &bad), -1);
	assert_int_equal(bad, 0);
	/* No room for sums: none to check. */
	p[20] = 0;
	assert_int_equal(circle_pagesum_check(p, PS * NPAGES, &bad), 0);
	free(p);
}

/* Every byte, each bit and all of it flipped: never right. */
static void
every_byte_changed(void **state)
{
	unsigned char	*p = image();
	unsigned long	 bad;
	size_t		 i;
	int		 f, rc;
	const int	 flips[] = { 0x01, 0x80, 0xff };

	(void)state;
	for (i = 0; i < PS * NPAGES; i++)
		for (f = 0; f < 3; f++) {
			p[i] ^= flips[f];
			rc = circle_pagesum_check(p, PS * NPAGES, &bad);
			p[i] ^= flips[f];
			if (i == 20) {
				assert_int_equal(rc, 0);
				continue;
			}
			assert_int_equal(rc, -1);
			/* The page size said otherwise: no page is right. */
			if (i != 16 && i != 17)
				assert_int_equal(bad, i / PS + 1);
		}
	assert_int_equal(circle_pagesum_check(p, PS * NPAGES, &bad), 1);
	free(p);
}

/* Two pages swapped, each whole and summed: their numbers differ. */
static void
pages_swapped(void **state)
{
	unsigned char	*p = image(), t[PS];
	unsigned long	 bad;

	(void)state;
	memcpy(t, p + 2 * PS, PS);
	memcpy(p + 2 * PS, p + 5 * PS, PS);
	memcpy(p + 5 * PS, t, PS);
	assert_int_equal(circle_pagesum_check(p, PS * NPAGES, &bad), -1);
	assert_int_equal(bad, 3);
	free(p);
}

/* Written in pieces (the file a megabyte at a time): the same bytes. */
static void
pieces_as_whole(void **state)
{
	unsigned char	*p = image(), *q = image();

	(void)state;
	memset(q + PS - 8, 0, 8);
	memset(q + 6 * PS - 8, 0, 8);
	circle_pagesum_pages(q, 3 * PS, PS, 1, 0, 1);
	circle_pagesum_pages(q + 3 * PS, 5 * PS, PS, 4, 0, 1);
	assert_memory_equal(p, q, PS * NPAGES);
	free(p);
	free(q);
}

/*
 * The lock-byte page (here page 5) is neither written nor checked:
 * whatever it holds, the rest is right; a page after it still is checked.
 */
static void
lock_page_skipped(void **state)
{
	unsigned char	*p = image();
	unsigned char	 was[PS];
	size_t		 i;

	(void)state;
	memset(p + 4 * PS, 0xee, PS);
	circle_pagesum_pages(p, PS * NPAGES, PS, 1, 5, 1);
	memcpy(was, p + 4 * PS, PS);
	for (i = 0; i < PS; i++)
		assert_int_equal(was[i], 0xee);
	assert_int_equal(circle_pagesum_pages(p, PS * NPAGES, PS, 1, 5, 0), 0);
	p[4 * PS + 100] ^= 1;
	p[5 * PS - 1] ^= 1;
	assert_int_equal(circle_pagesum_pages(p, PS * NPAGES, PS, 1, 5, 0), 0);
	/* Not skipped when it is not the lock page. */
	assert_int_equal(circle_pagesum_pages(p, PS * NPAGES, PS, 1, 0, 0), 5);
	p[6 * PS + 3] ^= 1;
	assert_int_equal(circle_pagesum_pages(p, PS * NPAGES, PS, 1, 5, 0), 7);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lock_page_numbers),
		cmocka_unit_test(whole_image_checks),
		cmocka_unit_test(every_byte_changed),
		cmocka_unit_test(pages_swapped),
		cmocka_unit_test(pieces_as_whole),
		cmocka_unit_test(lock_page_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
