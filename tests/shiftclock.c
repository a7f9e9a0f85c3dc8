/*
 * shiftclock.c: an LD_PRELOAD shim that moves the wall clock by
 * $SHIFT_SECONDS (a signed whole number of seconds) for every program it
 * is loaded into: clock_gettime for CLOCK_REALTIME and
 * CLOCK_REALTIME_COARSE, gettimeofday, time and timespec_get.  The clock
 * still runs; only its origin moves.  Monotonic clocks, file times and
 * timers are left alone.
 *
 * tests/on-every-day.sh builds it and runs tests under it on the days and
 * hours where a test that assumed today would break (tests/README).  It is
 * not part of the build or of make check.
 *
 *	cc -shared -fPIC -o shiftclock.so tests/shiftclock.c -ldl
 *	SHIFT_SECONDS=86400 LD_PRELOAD=$PWD/shiftclock.so date
 */

#define _GNU_SOURCE

#include <sys/time.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>

static int	(*real_clock_gettime)(clockid_t, struct timespec *);
static int	(*real_gettimeofday)(struct timeval *, void *);
static int	(*real_timespec_get)(struct timespec *, int);
static long long shift;
static int	 ready;

/* Read $SHIFT_SECONDS and find the real functions, once. */
static void
shiftclock_init(void)
{
	const char	*s;
	char		*end;
	long long	 v;

	if (ready)
		return;
	s = getenv("SHIFT_SECONDS");
	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0')
			shift = v;
	}
	real_clock_gettime = dlsym(RTLD_NEXT, "clock_gettime");
	real_gettimeofday = dlsym(RTLD_NEXT, "gettimeofday");
	real_timespec_get = dlsym(RTLD_NEXT, "timespec_get");
	ready = 1;
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	int	 rc;

	shiftclock_init();
	if (real_clock_gettime == NULL) {
		errno = ENOSYS;
		return (-1);
	}
	rc = real_clock_gettime(id, ts);
	if (rc == 0 &&
	    (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
		ts->tv_sec += shift;
	return (rc);
}

int
gettimeofday(struct timeval *tv, void *tz)
{
	struct timeval	*p;
	int		 rc;

	shiftclock_init();
	if (real_gettimeofday == NULL) {
		errno = ENOSYS;
		return (-1);
	}
	/* tv is declared nonnull, but old callers pass NULL for tz alone. */
	p = tv;
	rc = real_gettimeofday(tv, tz);
	if (rc == 0 && p != NULL)
		p->tv_sec += shift;
	return (rc);
}

time_t
time(time_t *t)
{
	struct timespec	 ts;
	time_t		 now;

	shiftclock_init();
	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return ((time_t)-1);
	now = ts.tv_sec;
	if (t != NULL)
		*t = now;
	return (now);
}

int
timespec_get(struct timespec *ts, int base)
{
	shiftclock_init();
	if (base != TIME_UTC)
		return (real_timespec_get != NULL ?
		    real_timespec_get(ts, base) : 0);
	if (clock_gettime(CLOCK_REALTIME, ts) == -1)
		return (0);
	return (base);
}
