/*
 * pagesum.c: a plain extract's page sums.  Each page of the file keeps its
 * last CIRCLE_PAGESUM_BYTES bytes for itself (SQLite's reserved bytes,
 * the header's byte 20), and there a sum of the rest of the page: written
 * once the extract is whole (extract.c), checked over the whole file
 * before a merge trusts it (mergecheck.c).  quick_check sees a damaged
 * b-tree but not a changed value (a date, a uid forgotten); a sum sees
 * any change to any byte, but only a change by accident: anyone who
 * changes the file on purpose can write the sums again.  The file stays
 * an SQLite database any tool reads (SQLite leaves reserved bytes alone).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circle-priv.h"

/* SQLite's lock-byte page holds the byte at 1 GiB: never written. */
#define LOCK_BYTE	0x40000000UL

/* The page size of SQLite's header (bytes 16 and 17; 1 is 65536). */
static size_t
header_page_size(const unsigned char *h)
{
	size_t	ps = ((size_t)h[16] << 8) | h[17];

	return ps == 1 ? 65536 : ps;
}

static int
page_size_valid(size_t ps)
{
	return ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0;
}

/*
 * A database's image (an extract, a plain backup: n bytes) cut short on
 * the way, by a mail program's size limit or a download or a copy
 * stopped: empty, a piece of SQLite's header, or fewer bytes than the
 * pages its header says it was made with (a count kept good beside the
 * change counter).  1, said, when it is; 0 for a whole one or for what
 * is no database at all (the caller's to say).
 */
int
circle_image_cut_short(const char *path, const unsigned char *img, size_t n,
    struct circle_err *e)
{
	static const char	magic[] = "SQLite format 3";
	unsigned long long	size;

	if (n == 0) {
		circle_err_set(e, CIRCLE_EDATA, "%s: empty: nothing came "
		    "through (an attachment not downloaded, or a copy "
		    "stopped); get the file again, whole", path);
		return 1;
	}
	if (memcmp(img, magic, n < sizeof magic ? n : sizeof magic) != 0)
		return 0;
	if (n < 100) {
		circle_err_set(e, CIRCLE_EDATA, "%s: cut short: %zu byte%s, "
		    "less than a database's header (a mail program's size "
		    "limit, or a download or a copy stopped); get the file "
		    "again, whole", path, n, n == 1 ? "" : "s");
		return 1;
	}
	if (memcmp(img + 24, img + 92, 4) != 0)
		return 0;
	size = (unsigned long long)header_page_size(img) *
	    circle_db_header_u32(img + 28);
	if (size <= n)
		return 0;
	circle_err_set(e, CIRCLE_EDATA, "%s: cut short: %zu bytes of the %llu "
	    "it was made with (a mail program's size limit, or a download "
	    "or a copy stopped); get the file again, whole", path, n, size);
	return 1;
}

/* The number of the page that holds the lock byte, for pages of ps. */
unsigned long
circle_pagesum_lock_page(size_t ps)
{
	return LOCK_BYTE / ps + 1;
}

/* A little-endian 32-bit word: one load where the machine is one. */
static uint32_t
le32(const unsigned char *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

/*
 * The sum of page pgno (its bytes p, less its reserved ones): Fletcher's
 * two running sums over little-endian 32-bit words, begun at the page's
 * number (a page written in another's place does not match), mod 2^64;
 * four words a turn (b gains the four running sums a passes through).
 */
static uint64_t
page_sum(const unsigned char *p, size_t ps, unsigned long pgno)
{
	uint64_t	 a = pgno, b = 0, w0, w1, w2, w3;
	size_t		 i, n = ps - CIRCLE_PAGESUM_BYTES;

	for (i = 0; i + 16 <= n; i += 16) {
		w0 = le32(p + i);
		w1 = le32(p + i + 4);
		w2 = le32(p + i + 8);
		w3 = le32(p + i + 12);
		b += 4 * a + 4 * w0 + 3 * w1 + 2 * w2 + w3;
		a += w0 + w1 + w2 + w3;
	}
	/* A page less its 8 bytes ends in a half turn. */
	for (; i < n; i += 4) {
		a += le32(p + i);
		b += a;
	}
	return a ^ (b * 0x9e3779b97f4a7c15ULL);
}

static void
put_le64(unsigned char *p, uint64_t v)
{
	int	i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get_le64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * The sums of n bytes of whole pages of ps, the first of them page first
 * (1-based), written (put) or checked; the page numbered lock is left
 * alone.  0, or the number of the first page whose sum is wrong.
 */
unsigned long
circle_pagesum_pages(unsigned char *img, size_t n, size_t ps,
    unsigned long first, unsigned long lock, int put)
{
	unsigned long	 pgno = first;
	unsigned char	*p, *end = img + n;
	uint64_t	 s;

	for (p = img; p < end; p += ps, pgno++) {
		if (pgno == lock)
			continue;
		s = page_sum(p, ps, pgno);
		if (put)
			put_le64(p + ps - CIRCLE_PAGESUM_BYTES, s);
		else if (get_le64(p + ps - CIRCLE_PAGESUM_BYTES) != s)
			return pgno;
	}
	return 0;
}

/*
 * A file's image: 0 when it has no sums (its pages keep no reserved
 * bytes of this size), 1 when every page's sum is right, -1 when one is
 * not (*bad its number; 0 when the file is no whole number of pages).
 */
int
circle_pagesum_check(const unsigned char *img, size_t n, unsigned long *bad)
{
	size_t	ps;

	*bad = 0;
	if (n < 100 || img[20] != CIRCLE_PAGESUM_BYTES)
		return 0;
	ps = header_page_size(img);
	if (!page_size_valid(ps) || n % ps != 0)
		return -1;
	*bad = circle_pagesum_pages((unsigned char *)img, n, ps, 1,
	    circle_pagesum_lock_page(ps), 0);
	return *bad == 0 ? 1 : -1;
}

/*
 * The sums written into the finished database file at path (made with
 * CIRCLE_PAGESUM_BYTES reserved), a piece at a time, before it is synced;
 * name: the file as an error says it.
 */
int
circle_pagesum_file(const char *path, const char *name, struct circle_err *e)
{
	unsigned char	 hdr[100], *buf = NULL;
	size_t		 ps, cap = 1 << 20;
	ssize_t		 got;
	off_t		 off = 0;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", name,
		    strerror(errno));
	if (pread(fd, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr ||
	    hdr[20] != CIRCLE_PAGESUM_BYTES ||
	    !page_size_valid(ps = header_page_size(hdr))) {
		circle_err_set(e, CIRCLE_EIO, "%s: not made with room for its "
		    "page sums", name);
		goto out;
	}
	buf = circle_xmalloc(cap);
	for (;;) {
		if ((got = pread(fd, buf, cap, off)) == -1)
			goto fail;
		if (got == 0)
			break;
		if ((size_t)got % ps != 0) {
			errno = EIO;
			goto fail;
		}
		circle_pagesum_pages(buf, (size_t)got, ps,
		    (unsigned long)(off / (off_t)ps) + 1,
		    circle_pagesum_lock_page(ps), 1);
		if (pwrite(fd, buf, (size_t)got, off) != got)
			goto fail;
		off += got;
	}
	rc = 0;
	goto out;
fail:
	circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
out:
	free(buf);
	if (close(fd) == -1 && rc == 0)
		rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", name,
		    strerror(errno));
	return rc;
}
