#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# kernel_src_fetched.sh FETCH VERSION EXPECT ARGS...: fetches linux-source-VERSION with
# FETCH (kernel-src/fetch; 77 when it cannot be had) and runs expect.sh EXPECT with
# "--source <the fetched tree>" appended to ARGS (a splicecheck command line). For a
# packaged source that `--source VERSION` does not name.
set -u
fetch=$1 version=$2 expect=$3
shift 3
tree=$("$fetch" "$version") || exit $?
exec "$expect" "$@" --source "$tree"
