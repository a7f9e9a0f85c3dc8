/*
 * hook.c: a facilitator's own script run on an event, such as a follow-up
 * opening: $XDG_CONFIG_HOME/circle/hooks/NAME, given the event as JSON on
 * its stdin.  A hook runs after the data is saved, so its failure loses
 * nothing; it is reported, and killed if it runs too long.  What it writes
 * (stdout and stderr, as they come) is handed back to the caller to show:
 * the hook never writes to the caller's descriptors, nor touches its stdio.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "circle.h"

#define HOOK_SECONDS	30
#define HOOK_OUTPUT	(64 * 1024)	/* kept of what a hook writes */

static char *
hook_path(const char *name)
{
	const char	*base = getenv("XDG_CONFIG_HOME"), *home;
	const char	*dir = circle_setting("hooks");
	char		*p;

	/* The config's hooks directory (circle-config(5)), ~/ as $HOME. */
	home = getenv("HOME");
	if (dir != NULL && *dir == '/')
		circle_xasprintf(&p, "%s/%s", dir, name);
	else if (dir != NULL && home != NULL && *home == '/')
		circle_xasprintf(&p, "%s/%s/%s", home, dir + 2, name);
	else if (base != NULL && *base == '/')
		circle_xasprintf(&p, "%s/circle/hooks/%s", base, name);
	else if (home != NULL && *home == '/')
		circle_xasprintf(&p, "%s/.config/circle/hooks/%s", home, name);
	else
		return NULL;
	return p;
}

/* A hook being run: its process, its pipes, what is left to write. */
struct hook_run {
	const char	*name;
	pid_t		 pid;
	int		 in;		/* pipe the event goes out on, or -1 */
	int		 out;		/* pipe its output comes back on, or -1 */
	const char	*event;		/* the JSON and a newline */
	size_t		 len, off;
	char		*output;	/* owned: what it wrote */
	size_t		 noutput;
	int		 status;
	int		 exited;
};

static void
hook_close(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

/* Write what the hook will take of its event now. */
static void
hook_write_event(struct hook_run *h)
{
	ssize_t	n;

	while (h->off < h->len) {
		if ((n = write(h->in, h->event + h->off, h->len - h->off)) ==
		    -1) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				hook_close(&h->in);	/* it stopped */
			return;
		}
		h->off += (size_t)n;
	}
	hook_close(&h->in);
}

/* Read what the hook has written, keeping the first HOOK_OUTPUT bytes. */
static void
hook_read_output(struct hook_run *h)
{
	char	buf[4096];
	size_t	keep;
	ssize_t	n;

	for (;;) {
		if ((n = read(h->out, buf, sizeof buf)) == -1) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				hook_close(&h->out);
			return;
		}
		if (n == 0) {
			hook_close(&h->out);
			return;
		}
		keep = h->noutput + (size_t)n > HOOK_OUTPUT ?
		    HOOK_OUTPUT - h->noutput : (size_t)n;
		if (keep > 0) {
			h->output = circle_xrealloc(h->output,
			    h->noutput + keep + 1);
			memcpy(h->output + h->noutput, buf, keep);
			h->noutput += keep;
			h->output[h->noutput] = '\0';
		}
	}
}

/*
 * Feed the hook its event and gather its output until it exits and its
 * output ends (or, once it has exited, until nothing more is waiting), or
 * until HOOK_SECONDS pass.
 */
static int
hook_wait(struct hook_run *h, struct circle_err *e)
{
	struct timespec	 start, now;
	struct pollfd	 p[2];
	nfds_t		 n;
	pid_t		 r;
	int		 rc, failed = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= HOOK_SECONDS)
			break;
		n = 0;
		if (h->in != -1)
			p[n++] = (struct pollfd){ h->in, POLLOUT, 0 };
		if (h->out != -1)
			p[n++] = (struct pollfd){ h->out, POLLIN, 0 };
		if (n > 0 && poll(p, n, 10) == -1 && errno != EINTR) {
			failed = errno;
			break;
		}
		if (h->in != -1)
			hook_write_event(h);
		if (h->out != -1)
			hook_read_output(h);
		if (!h->exited) {
			if ((r = waitpid(h->pid, &h->status, WNOHANG)) ==
			    h->pid)
				h->exited = 1;
			else if (r == -1 && errno != EINTR) {
				failed = errno;
				break;
			}
		}
		/* Exited: what is in the pipe now is all it said. */
		if (h->exited) {
			hook_close(&h->in);
			if (h->out != -1)
				hook_read_output(h);
			return 0;
		}
		if (n == 0)
			nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 },
			    NULL);
	}
	/* Out of time, or poll(2) or waitpid(2) failed: stop it. */
	if (failed != 0)
		rc = circle_err_set(e, CIRCLE_EIO, "hook %s: %s", h->name,
		    strerror(failed));
	else
		rc = circle_err_set(e, CIRCLE_EFAIL, "hook %s: still running "
		    "after %d seconds; stopped", h->name, HOOK_SECONDS);
	kill(h->pid, SIGKILL);
	waitpid(h->pid, &h->status, 0);
	return rc;
}

/* The child: event on stdin, stdout and stderr into the output pipe. */
static void
hook_exec(const char *path, const char *name, int in, int out)
{
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(127);
	/* A pipe that is already 0, 1 or 2 keeps its close-on-exec flag. */
	fcntl(0, F_SETFD, 0);
	fcntl(1, F_SETFD, 0);
	fcntl(2, F_SETFD, 0);
	if (in > 2)
		close(in);
	if (out > 2)
		close(out);
	execl(path, path, name, (char *)NULL);
	_exit(127);
}

/*
 * Run hook name with json on its stdin.  0 when it ran and succeeded, 1
 * when there is no such hook, -1 when it could not run or failed.  What it
 * wrote, if anything, is in *output (the caller's to free) whether it
 * failed or not.
 */
int
circle_hook_run(const char *name, const char *json, char **output,
    struct circle_err *e)
{
	struct sigaction	 ign, old;
	struct hook_run		 h;
	struct stat		 sb;
	char			*path, *event;
	int			 in[2], out[2], rc;

	*output = NULL;
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
	if (pipe2(in, O_CLOEXEC) == -1) {
		free(path);
		return circle_err_set(e, CIRCLE_EIO, "hook %s: %s", name,
		    strerror(errno));
	}
	if (pipe2(out, O_CLOEXEC) == -1) {
		rc = circle_err_set(e, CIRCLE_EIO, "hook %s: %s", name,
		    strerror(errno));
		close(in[0]);
		close(in[1]);
		free(path);
		return rc;
	}
	memset(&h, 0, sizeof h);
	h.name = name;
	h.in = in[1];
	h.out = out[0];
	if ((h.pid = fork()) == -1) {
		rc = circle_err_set(e, CIRCLE_EIO, "hook %s: %s", name,
		    strerror(errno));
		close(in[0]);
		close(out[1]);
		hook_close(&h.in);
		hook_close(&h.out);
		free(path);
		return rc;
	}
	if (h.pid == 0)
		hook_exec(path, name, in[0], out[1]);
	free(path);
	close(in[0]);
	close(out[1]);
	fcntl(h.in, F_SETFL, fcntl(h.in, F_GETFL) | O_NONBLOCK);
	fcntl(h.out, F_SETFL, fcntl(h.out, F_GETFL) | O_NONBLOCK);
	circle_xasprintf(&event, "%s\n", json);
	h.event = event;
	h.len = strlen(event);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	rc = hook_wait(&h, e);
	sigaction(SIGPIPE, &old, NULL);
	hook_close(&h.in);
	hook_close(&h.out);
	free(event);
	*output = h.output;
	if (rc == -1)
		return -1;
	if (WIFSIGNALED(h.status))
		return circle_err_set(e, CIRCLE_EFAIL, "hook %s: killed by "
		    "signal %d", name, WTERMSIG(h.status));
	if (WEXITSTATUS(h.status) != 0)
		return circle_err_set(e, CIRCLE_EFAIL, "hook %s: exited with "
		    "status %d", name, WEXITSTATUS(h.status));
	return 0;
}

void
circle_hook_reports_free(struct circle_hook_report *r, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(r[i].output);
		free(r[i].warning);
	}
	free(r);
}
