#!/usr/bin/python3
# pty-run.py: run a command with its stdout on a pseudo-terminal, as a
# person at a terminal would, and copy what it wrote to our stdout with
# the terminal's CR LF made LF again; exit with the command's status.
#
# Usage: pty-run.py [--cols N] [--rows N] [--stderr] [--] COMMAND [ARG...]
#   --cols N, --rows N  the window's size (ioctl TIOCSWINSZ; default 80x24)
#   --stderr            stderr on the terminal too (default: ours, a pipe
#                       or file, so that a test reads it apart)
# stdin stays ours (the tests give /dev/null).
import fcntl
import os
import struct
import subprocess
import sys
import termios


def main(argv):
    cols, rows, err_pty = 80, 24, False
    while argv and argv[0].startswith('--'):
        opt = argv.pop(0)
        if opt == '--':
            break
        if opt == '--stderr':
            err_pty = True
        elif opt in ('--cols', '--rows') and argv:
            val = int(argv.pop(0))
            if opt == '--cols':
                cols = val
            else:
                rows = val
        else:
            sys.stderr.write('pty-run.py: unknown option %s\n' % opt)
            return 2
    if not argv:
        sys.stderr.write('usage: pty-run.py [--cols N] [--rows N] '
                         '[--stderr] COMMAND [ARG...]\n')
        return 2
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack('HHHH', rows, cols, 0, 0))
    proc = subprocess.Popen(argv, stdout=slave,
                            stderr=slave if err_pty else None,
                            close_fds=True)
    os.close(slave)
    out = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:		# EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        out += chunk
    status = proc.wait()
    os.close(master)
    sys.stdout.buffer.write(bytes(out).replace(b'\r\n', b'\n'))
    sys.stdout.flush()
    return status if status >= 0 else 128 - status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
