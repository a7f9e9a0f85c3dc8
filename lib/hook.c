/*
 * hook.c: a facilitator's own script run on an event, such as a follow-up
 * opening: $XDG_CONFIG_HOME/circle/hooks/NAME, given the event as JSON on
 * its stdin.  A hook runs after the data is saved, so its failure loses
 * nothing; it is reported, and killed if it runs too long.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "circle.h"

#define HOOK_SECONDS	30

static char *
hook_path(const char *name)
{
	const char	*base = getenv("XDG_CONFIG_HOME"), *home;
	char		*p;

	if (base != NULL && *base == '/')
		circle_xasprintf(&p, "%s/circle/hooks/%s", base, name);
	else if ((home = getenv("HOME")) != NULL && *home == '/')
		circle_xasprintf(&p, "%s/.config/circle/hooks/%s", home, name);
	else
		return NULL;
	return p;
}

static int
feed(int fd, const char *json)
{
	size_t	len = strlen(json), off = 0;
	ssize_t	n;

	while (off < len) {
		if ((n = write(fd, json + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;	/* the hook stopped reading: its choice */
		}
		off += (size_t)n;
	}
	return write(fd, "\n", 1) == 1 ? 0 : -1;
}

static int
reap(pid_t pid, const char *name, struct circle_err *e)
{
	struct timespec	 ts = { 0, 10 * 1000 * 1000 };
	int		 status, i;
	pid_t		 r;

	for (i = 0; i < HOOK_SECONDS * 100; i++) {
		if ((r = waitpid(pid, &status, WNOHANG)) == pid)
			break;
		if (r == -1 && errno != EINTR)
			return circle_err_set(e, CIRCLE_EIO, "hook %s: %s",
			    name, strerror(errno));
		nanosleep(&ts, NULL);
	}
	if (i == HOOK_SECONDS * 100) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return circle_err_set(e, CIRCLE_EFAIL, "hook %s: still running "
		    "after %d seconds; stopped", name, HOOK_SECONDS);
	}
	if (WIFSIGNALED(status))
		return circle_err_set(e, CIRCLE_EFAIL, "hook %s: killed by "
		    "signal %d", name, WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return circle_err_set(e, CIRCLE_EFAIL, "hook %s: exited with "
		    "status %d", name, WEXITSTATUS(status));
	return 0;
}

/*
 * Run hook name with json on its stdin and its output on our stderr.
 * 0 when it ran and succeeded, 1 when there is no such hook, -1 when it
 * could not run or failed.
 */
int
circle_hook_run(const char *name, const char *json, struct circle_err *e)
{
	struct sigaction	 ign, old;
	struct stat		 sb;
	char			*path;
	int			 fds[2], rc;
	pid_t			 pid;

	if ((path = hook_path(name)) == NULL || stat(path, &sb) == -1) {
		free(path);
		return 1;
	}
	if (!S_ISREG(sb.st_mode) || access(path, X_OK) == -1) {
		circle_err_set(e, CIRCLE_EFAIL, "hook %s: %s is not an "
		    "executable file; not run", name, path);
		free(path);
		return -1;
	}
	if (pipe(fds) == -1) {
		free(path);
		return circle_err_set(e, CIRCLE_EIO, "hook %s: %s", name,
		    strerror(errno));
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		free(path);
		return circle_err_set(e, CIRCLE_EIO, "hook %s: %s", name,
		    strerror(errno));
	}
	if (pid == 0) {
		close(fds[1]);
		if (dup2(fds[0], 0) == -1 || dup2(2, 1) == -1)
			_exit(127);
		close(fds[0]);
		execl(path, path, name, (char *)NULL);
		_exit(127);
	}
	free(path);
	close(fds[0]);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	(void)feed(fds[1], json);
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	rc = reap(pid, name, e);
	return rc;
}
