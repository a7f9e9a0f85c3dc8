# measure.py: one timing for the benchmarks (run.sh): runs a command and
# prints its wall-clock seconds, its CPU seconds (user + system, of it and
# the children it waited for), its peak resident set in KiB and the
# instructions it ran in user space (nan without -p), to the microsecond
# (GNU time prints hundredths, too coarse for the small ones).
#
# Usage: python3 measure.py [-m] [-p] [-i IN] OUT CMD [ARG...]
#
# CMD's standard output goes to OUT, its standard input comes from IN (or
# /dev/null); its standard error is left alone.  The exit status is CMD's
# (128 + N if a signal N ended it).  The peak resident set of a program
# started from Python counts Python's own (about 10 MB, Linux keeps the
# high-water mark across exec): with -m the command runs under GNU time
# (/usr/bin/time, when there is one), a small process, and its %M is
# printed instead.  With -p the command runs under "perf stat -e
# instructions:u", whose count hardly moves with the machine's load (the
# times do).  Only the standard library is used.
import os
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def tempname():
    fd, name = tempfile.mkstemp(prefix="measure.")
    os.close(fd)
    return name


def instructions(name):
    """The count in perf stat -x, output, or nan."""
    with open(name) as f:
        for line in f:
            v = line.split(",")
            if len(v) > 2 and v[2].startswith("instructions"):
                return v[0] if v[0].isdigit() else "nan"
    return "nan"


def main():
    args = sys.argv[1:]
    stdin = os.devnull
    rssfile = perffile = None
    while args and args[0] in ("-m", "-p", "-i"):
        if args[0] == "-m":
            if os.access(GNU_TIME, os.X_OK) and rssfile is None:
                rssfile = tempname()
            args = args[1:]
        elif args[0] == "-p":
            if perffile is None:
                perffile = tempname()
            args = args[1:]
        elif len(args) >= 2:
            stdin = args[1]
            args = args[2:]
    if len(args) < 2:
        sys.stderr.write("usage: measure.py [-m] [-p] [-i IN] OUT CMD "
                         "[ARG...]\n")
        return 2
    cmd = args[1:]
    if rssfile:
        cmd = [GNU_TIME, "-f", "%M", "-o", rssfile] + cmd
    if perffile:
        cmd = ["perf", "stat", "-x", ",", "-e", "instructions:u", "-o",
               perffile, "--"] + cmd
    instr = "nan"
    try:
        with open(stdin, "rb") as fin, open(args[0], "wb") as fout:
            t0 = time.perf_counter()
            child = subprocess.Popen(cmd, stdin=fin, stdout=fout)
            # this child's own usage (and its waited-for children's), not
            # that of whatever else this interpreter ran
            _, status, ru = os.wait4(child.pid, 0)
            wall = time.perf_counter() - t0
            child.returncode = 0
        rss = ru.ru_maxrss
        if rssfile:
            with open(rssfile) as f:
                lines = f.read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else rss
        if perffile:
            instr = instructions(perffile)
    finally:
        for name in (rssfile, perffile):
            if name:
                os.unlink(name)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    if os.WEXITSTATUS(status) != 0:
        return os.WEXITSTATUS(status)
    print("%.6f %.6f %d %s" % (wall, ru.ru_utime + ru.ru_stime, rss, instr))
    return 0


sys.exit(main())
