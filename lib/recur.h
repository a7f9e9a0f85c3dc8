/*
 * recur.h: schedules to RRULEs and their bounded expansion (recur.c).
 */
#ifndef CIRCLE_RECUR_H
#define CIRCLE_RECUR_H

#define CIRCLE_MAX_OCCURRENCES	10000

struct circle_rule {
	char		*rrule;		/* owned */
	char		 dtstart[17];	/* local YYYY-MM-DDTHH:MM */
	int		 duration;	/* minutes */
	char		**exdates;	/* owned: local dates */
	size_t		 nexdates;
};

int	 circle_rule_from_schedule(const struct circle_schedule *,
	    const char *, int, struct circle_rule *, struct circle_err *);
void	 circle_rule_release(struct circle_rule *);
char	*circle_rule_shift(const char *, long, const char *, int,
	    struct circle_err *);
int	 circle_rule_expand(const char *, const char *, const char *,
	    const char *const *, size_t, const char *,
	    int (*)(void *, const char *), void *, struct circle_err *);
int	 circle_rule_count(void *, const char *);
int	 circle_rule_expand_ical(const char *, const char *, const char *,
	    const char *const *, size_t, const char *,
	    int (*)(void *, const char *), void *, struct circle_err *);
long	 circle_day_number(int, int, int);
int	 circle_rule_short_months(const char *, const char *, const char *,
	    char *, size_t, int *);

#endif
