#!/usr/bin/env python3
"""Times commands in turns (a, b, c, a, b, c, ...) rather than one after the
other as hyperfine does, so that a drift of the machine (page-cache
writeback, another process, the disk's fsync latency) falls on all of them
alike: what a ratio of two of them needs. Prints each command's median
wall time in milliseconds, one per line, in the order given.

    alternate.py RUNS 'PREPARE ; COMMAND' ...

PREPARE (may be empty) runs through the shell before each timed run of its
COMMAND and is not timed; COMMAND is split on spaces and run without a
shell, its output discarded. Three untimed warm-up turns come first.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    jobs = []
    for spec in sys.argv[2:]:
        prepare, _, command = spec.rpartition(";")
        jobs.append((prepare.strip(), shlex.split(command)))
    times = [[] for _ in jobs]
    devnull = os.open(os.devnull, os.O_WRONLY)
    for turn in range(runs + 3):
        for index, (prepare, argv) in enumerate(jobs):
            if prepare:
                subprocess.run(prepare, shell=True, check=True)
            start = time.perf_counter()
            pid = os.posix_spawn(argv[0], argv, os.environ,
                                 file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                               (os.POSIX_SPAWN_DUP2, devnull, 2)])
            _, status = os.waitpid(pid, 0)
            elapsed = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"alternate.py: failed: {' '.join(argv)}")
            if turn >= 3:
                times[index].append(elapsed * 1000)
    for samples in times:
        print(f"{statistics.median(samples):.3f}")


if __name__ == "__main__":
    main()
