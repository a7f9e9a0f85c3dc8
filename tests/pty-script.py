#!/usr/bin/python3
"""pty-script.py: run a command on a pseudo-terminal, as a person would.

usage: pty-script.py SCRIPT COMMAND [ARG...]

SCRIPT says what to wait for and what to type, a line each:
    expect TEXT    wait (10 s at most, 120 under valgrind) until TEXT has appeared on the
                   terminal since the last one expected
    send TEXT      write TEXT to the terminal at once
    type TEXT      wait (as expect) until the command reads the terminal
                   a key at a time (a line editor's raw mode: the kernel
                   no longer echoes), then write TEXT
    # ...          a comment; blank lines are ignored
TEXT takes Python's backslash escapes: \\r is Enter, \\x1b[D the left
arrow, \\x01 Ctrl-A, \\x04 Ctrl-D.  Everything the command wrote to the
terminal (stdout and stderr, as a terminal shows them) is written to our
stdout, raw; the exit status is the command's, or 124 when a text
expected never came (what came is then on stderr).
"""
import codecs
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

# Under make check-valgrind every circle program runs under valgrind.
WAIT = 120.0 if os.environ.get("CIRCLE_VALGRIND") else 10.0


def unescape(text):
    return codecs.decode(text.encode("utf-8"), "unicode_escape").encode(
        "latin-1")


def read_some(fd, seen, until):
    left = until - time.monotonic()
    if left <= 0:
        return False
    ready, _, _ = select.select([fd], [], [], left)
    if not ready:
        return False
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # EIO: the command has ended
        return False
    if not chunk:
        return False
    seen.extend(chunk)
    return True


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: pty-script.py SCRIPT COMMAND [ARG...]")
    with open(sys.argv[1], encoding="utf-8") as f:
        steps = [l.rstrip("\n").split(" ", 1) for l in f
                 if l.strip() and not l.startswith("#")]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm")
        try:
            os.execvp(sys.argv[2], sys.argv[2:])
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = bytearray()
    mark = 0
    for step in steps:
        word, text = step[0], unescape(step[1] if len(step) > 1 else "")
        if word == "send":
            os.write(fd, text)
        elif word == "type":
            until = time.monotonic() + WAIT
            while termios.tcgetattr(fd)[3] & termios.ICANON:
                if time.monotonic() > until:
                    sys.stdout.buffer.write(bytes(seen))
                    sys.stderr.write("pty-run: never read a key at a "
                                     "time, for %r\n" % text)
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    sys.exit(124)
                time.sleep(0.01)
            os.write(fd, text)
        elif word == "expect":
            until = time.monotonic() + WAIT
            while seen.find(text, mark) < 0:
                if not read_some(fd, seen, until):
                    sys.stdout.buffer.write(bytes(seen))
                    sys.stderr.write("pty-run: never came: %r\n" % text)
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    sys.exit(124)
            mark = seen.find(text, mark) + len(text)
        else:
            sys.exit("pty-run: %s: expected expect or send" % word)
    until = time.monotonic() + WAIT
    while read_some(fd, seen, until):
        pass
    sys.stdout.buffer.write(bytes(seen))
    done, status = os.waitpid(pid, os.WNOHANG)
    while done == 0 and time.monotonic() < until:
        time.sleep(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        sys.stderr.write("pty-run: still running after the script\n")
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(124)
    sys.exit(os.waitstatus_to_exitcode(status) if status else 0)


main()
