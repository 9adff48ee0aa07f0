#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# killmatrix_interrupt.sh SPLICECHECK: a kill matrix stopped from outside (SIGTERM, then
# SIGINT) ends as that signal says, leaves none of its --cell workers running and none of
# its scratch files in the temporary directory. The matrix runs in a session of its own,
# so every process it started is found by session id.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
for sig in TERM INT; do
  mkdir -p "$work/tmp-$sig"
  # A cell far too big to end by itself (the budget buys a million cases).
  TMPDIR=$work/tmp-$sig setsid "$bin" killmatrix --rows '^gfp_zero_reuse$' --detectors stateful \
    --budget 20000 --seeds 2 >"$work/log-$sig" 2>&1 &
  pid=$!
  # Waits (bounded by count) for the workers to start: more than one process in the session.
  # The row's own cell ends at once (found); the clean counterpart's after it runs on, so
  # the signal may meet the matrix between two workers: what counts is that one ran.
  seen=0
  for _ in $(seq 600); do
    [ "$(ps -o pid= -s "$pid" | wc -l)" -gt 1 ] && { seen=1; break; }
    sleep 0.1
  done
  [ $seen = 1 ] || { echo "FAIL $sig: no worker started"; cat "$work/log-$sig"; fails=1; }
  kill -s "$sig" "$pid" 2>/dev/null
  # Bounded by count: a matrix that ignores the signal fails here instead of running on.
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL SIG$sig: the matrix is still running"
    fails=1
  fi
  # A killed worker may linger a moment as a zombie until init reaps it: not running.
  left=$(ps -o pid=,stat=,args= -s "$pid" | awk '$2 !~ /^Z/')
  # What is left of this test's own session goes now, found or not.
  for p in $(ps -o pid= -s "$pid"); do kill -KILL "$p" 2>/dev/null; done
  wait "$pid"
  status=$?
  want=$((128 + $(kill -l "$sig")))
  scratch=$(ls -A "$work/tmp-$sig")
  if [ "$status" != "$want" ] || [ -n "$left" ] || [ -n "$scratch" ] ||
     ! grep -q "killmatrix stopped by signal" "$work/log-$sig"; then
    printf 'FAIL SIG%s: exit %s (want %s); still running: %s; left in TMPDIR: %s\n' "$sig" "$status" "$want" \
      "${left:-nothing}" "${scratch:-nothing}"
    cat "$work/log-$sig"
    fails=1
  else
    echo "ok   SIG$sig: exit $status, no worker left, TMPDIR empty"
  fi
done
exit $fails
