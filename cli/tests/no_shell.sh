#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# no_shell.sh SOURCE-DIR: fails when a C or C++ source of the project runs a program
# through a shell: system(), std::system(), popen(), an exec of "sh"/"bash" with "-c", or a
# command line with "sh -c" in it. Programs are run from an argument vector (sys/process.h).
set -u
root=$1
hits=$(cd "$root" && grep -rnE --include='*.cc' --include='*.h' --include='*.c' --include='*.cpp' --include='*.hpp' \
  --exclude-dir=build --exclude-dir=.git \
  -e '(^|[^A-Za-z0-9_])(std::|::)?system\(' \
  -e '(^|[^A-Za-z0-9_])popen\(' \
  -e '"(/usr)?(/bin/)?(ba|da)?sh"[[:space:]]*,[[:space:]]*"-c"' \
  -e '(^|[^A-Za-z0-9_])(ba|da)?sh -c ' . )
if [ -n "$hits" ]; then
  printf 'a shell runs a command line here (use sc::sys::run with an argument vector):\n%s\n' "$hits"
  exit 1
fi
echo "ok: no system(), popen() or sh -c in the C/C++ sources under $root"
