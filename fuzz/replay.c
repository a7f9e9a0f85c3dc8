/*
 * replay.c: main() for a fuzz target built without libFuzzer.  It runs the
 * target once on each file named, or on each file of each directory named,
 * so that make check replays the seed corpus and every crash ever found
 * (tests/t9000-fuzz.sh), under ASan or valgrind when the build has them.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/* Optional in a target, as with libFuzzer. */
int	LLVMFuzzerInitialize(int *, char ***) __attribute__((weak));

static int	 one(const char *);
static int	 wanted(const struct dirent *);

static size_t	 runs;
static unsigned	 timeout = 60;

static int
one(const char *path)
{
	FILE	*fp;
	uint8_t	*buf;
	size_t	 len = 0, cap = 4096, n;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = circle_xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len, fp)) > 0)
		if ((len += n) == cap)
			buf = circle_xrealloc(buf, cap *= 2);
	fclose(fp);
	/* A copy of its own, so ASan sees a read past the end. */
	buf = circle_xrealloc(buf, len > 0 ? len : 1);
	fprintf(stderr, "replay: %s\n", path);
	alarm(timeout);		/* a hang is a failure too */
	LLVMFuzzerTestOneInput(buf, len);
	alarm(0);
	free(buf);
	runs++;
	return 0;
}

static int
wanted(const struct dirent *d)
{
	return d->d_name[0] != '.' && strcmp(d->d_name, "README") != 0;
}

int
main(int argc, char **argv)
{
	struct dirent	**list;
	struct stat	  sb;
	const char	 *t;
	char		 *p;
	int		  i, j, n, rc = 0;

	if ((t = getenv("CIRCLE_FUZZ_TIMEOUT")) != NULL && atoi(t) > 0)
		timeout = (unsigned)atoi(t);
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;	/* libFuzzer's options */
		if (stat(argv[i], &sb) == -1) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (!S_ISDIR(sb.st_mode)) {
			if (one(argv[i]) == -1)
				rc = 1;
		} else if ((n = scandir(argv[i], &list, wanted,
		    alphasort)) == -1) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else {
			for (j = 0; j < n; j++) {
				circle_xasprintf(&p, "%s/%s", argv[i],
				    list[j]->d_name);
				if (one(p) == -1)
					rc = 1;
				free(p);
				free(list[j]);
			}
			free(list);
		}
	}
	printf("replayed %zu inputs\n", runs);
	return rc;
}
