# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a command and succeeds only when it exits with the expected status.

usage: expect_exit.py STATUS COMMAND [ARG...]
The command's stdout and stderr pass through unchanged.
"""
import subprocess
import sys


def main():
    want = int(sys.argv[1])
    got = subprocess.call(sys.argv[2:])
    if got != want:
        sys.stderr.write("expect_exit: exit status %d, expected %d\n" % (got, want))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
