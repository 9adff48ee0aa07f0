#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""readme_commands.py BIN_DIR README MODE: runs every splicecheck command README.md shows
and checks it exits as the text says.

Commands are the lines of ```sh blocks that start with `splicecheck ` and the
`splicecheck …` code spans of the Findings table. A trailing `# exit N` names the expected
exit code (default 0). MODE `local` runs every command that needs no kernel boot; MODE
`oracle` runs only those that boot one (`oracle --kernel` without `--results`), and exits
77 when one of them says the kernel cannot be had. Broad runs get a small budget
(`--cases 100` on run/series/kernel-src without --cases or --bug). Each command runs from
an argument vector (shlex), never through a shell.
"""
import re
import shlex
import subprocess
import sys

BUDGETED = {"run", "series", "kernel-src"}


def commands(readme):
    found, in_sh, in_findings = [], False, False
    for line in open(readme, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("```"):
            in_sh = not in_sh and line.strip() == "```sh"
            continue
        if line.startswith("## "):
            in_findings = line.strip() == "## Findings"
        if in_sh and line.startswith("splicecheck "):
            found.append(line)
        elif in_findings and line.startswith("|"):
            found += re.findall(r"`(splicecheck [^`]+)`", line)
    return found


def plan(line):
    text, _, comment = line.partition("#")
    m = re.search(r"exit (\d+)", comment)
    argv = shlex.split(text)[1:]
    if argv and argv[0] in BUDGETED and "--cases" not in argv and "--bug" not in argv:
        argv += ["--cases", "100"]
    return argv, int(m.group(1)) if m else 0


def boots_kernel(argv):
    return argv[:1] == ["oracle"] and "--results" not in argv


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("local", "oracle"):
        print("usage: readme_commands.py BIN_DIR README local|oracle", file=sys.stderr)
        return 2
    bin_dir, readme, mode = sys.argv[1:]
    lines = commands(readme)
    if not lines:
        print(f"{readme}: no splicecheck commands found", file=sys.stderr)
        return 1
    failed = ran = skipped = 0
    for line in lines:
        argv, want = plan(line)
        if boots_kernel(argv) != (mode == "oracle"):
            continue
        got = subprocess.run([f"{bin_dir}/splicecheck"] + argv, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).returncode
        ran += 1
        if got == 77 and mode == "oracle":
            skipped += 1
            print(f"skipped (exit 77): {line}")
        elif got != want:
            failed += 1
            print(f"FAILED: exit {got}, README says {want}: {line}")
        else:
            print(f"ok (exit {got}): {' '.join(argv)}")
    print(f"{ran} command(s) run, {failed} failed, {skipped} skipped")
    if failed:
        return 1
    return 77 if ran and skipped == ran else 0


if __name__ == "__main__":
    sys.exit(main())
