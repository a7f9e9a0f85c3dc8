/*
 * tzif.c: a zone's changes of offset as the system's tzdata writes them
 * (RFC 8536), read to check the zone libical builds from the same file:
 * libical turns the changes into rules, and for some zones the rules it
 * finds leave changes out (Pacific/Easter's of September 2020 and 2021).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

#define TZIF_MAX	(512 * 1024)	/* a zone's file is a few KiB */
#define TZIF_HEADER	44

/* A big-endian number of n bytes at p, sign extended. */
static int64_t
tzif_num(const unsigned char *p, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	if (n < 8 && (v & (UINT64_C(1) << (n * 8 - 1))))
		v |= ~UINT64_C(0) << (n * 8);
	return (int64_t)v;
}

/* The six counts of the header at p: isut, isstd, leap, time, type, char. */
static void
tzif_counts(const unsigned char *p, size_t c[6])
{
	size_t	i;

	for (i = 0; i < 6; i++)
		c[i] = (size_t)(uint32_t)tzif_num(p + 20 + 4 * i, 4);
}

/* The length of a data block of counts c, with times of tsize bytes. */
static size_t
tzif_block(const size_t c[6], size_t tsize)
{
	return c[3] * tsize + c[3] + c[4] * 6 + c[5] + c[2] * (tsize + 4) +
	    c[1] + c[0];
}

/*
 * The changes in buf: each one's time (UTC, seconds), the offset before
 * and after it, whether after it is summer time, and its abbreviation.
 */
static int
tzif_parse(const unsigned char *buf, size_t len, struct circle_tzif *z)
{
	const unsigned char	*p = buf, *types, *idx, *chars;
	size_t			 c[6], tsize = 4, i, t;
	int32_t			 before;

	if (len < TZIF_HEADER || memcmp(buf, "TZif", 4) != 0)
		return -1;
	tzif_counts(p, c);
	if (buf[4] >= '2') {
		p += TZIF_HEADER + tzif_block(c, 4);
		if ((size_t)(p - buf) + TZIF_HEADER > len ||
		    memcmp(p, "TZif", 4) != 0)
			return -1;
		tzif_counts(p, c);
		tsize = 8;
	}
	if (c[4] == 0 || (size_t)(p - buf) + TZIF_HEADER + tzif_block(c,
	    tsize) > len)
		return -1;
	p += TZIF_HEADER;
	idx = p + c[3] * tsize;
	types = idx + c[3];
	chars = types + c[4] * 6;
	z->n = 0;
	z->change = circle_xmalloc((c[3] + 1) * sizeof *z->change);
	before = (int32_t)tzif_num(types, 4);
	for (i = 0; i < c[3]; i++) {
		if ((t = idx[i]) >= c[4])
			return -1;
		z->change[z->n].at = tzif_num(p + i * tsize, tsize);
		z->change[z->n].from = before;
		z->change[z->n].to = (int32_t)tzif_num(types + t * 6, 4);
		z->change[z->n].dst = types[t * 6 + 4] != 0;
		if (types[t * 6 + 5] < c[5])
			snprintf(z->change[z->n].abbr, sizeof
			    z->change[z->n].abbr, "%.*s", (int)(c[5] -
			    types[t * 6 + 5]), chars + types[t * 6 + 5]);
		else
			z->change[z->n].abbr[0] = '\0';
		before = z->change[z->n].to;
		z->n++;
	}
	return 0;
}

/*
 * The changes of the zone in file path, in *z (circle_tzif_release
 * frees them).  -1 when it cannot be read or is not a zone's file.
 */
int
circle_tzif_read(const char *path, struct circle_tzif *z)
{
	unsigned char	*buf;
	FILE		*f;
	size_t		 len;
	int		 rc;

	memset(z, 0, sizeof *z);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	buf = circle_xmalloc(TZIF_MAX);
	len = fread(buf, 1, TZIF_MAX, f);
	rc = ferror(f) || len == TZIF_MAX ? -1 : tzif_parse(buf, len, z);
	fclose(f);
	free(buf);
	if (rc == -1)
		circle_tzif_release(z);
	return rc;
}

void
circle_tzif_release(struct circle_tzif *z)
{
	free(z->change);
	z->change = NULL;
	z->n = 0;
}
