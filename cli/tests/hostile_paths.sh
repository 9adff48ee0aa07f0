#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hostile_paths.sh GROUP SPLICECHECK SOURCE-DIR: hands every option of GROUP that takes a
# path names with quotes, spaces, $(...), backticks, a newline and a leading dash, in a
# scratch directory that is also HOME, TMPDIR and XDG_CACHE_HOME. Each command must work
# on the literal path (its output appears there) or refuse it with a message (exit 2, or
# the documented code: 4 for a file QEMU cannot boot); never crash. Afterwards no PWNED
# marker exists (nothing ran the names as commands), no shell word of a name became a
# file, and the temporary directory is empty again.
#   GROUP: oracle kernel-src tls files killmatrix gate run explore
set -u
group=$1 bin=$2 src=$3
real_home=$HOME
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/tmp" "$work/cache" "$work/w"
export HOME=$work/home TMPDIR=$work/tmp XDG_CACHE_HOME=$work/cache
cd "$work/w" || exit 1
# shellcheck disable=SC2016 # the names are meant literally: no shell may expand them
names=("it's" 'say "hi"' 'two words' '$(touch PWNED)' '`touch PWNED`' $'new\nline' '-dash' "'; touch PWNED; '")
fails=0 runs=0

fail() {
  echo "FAIL $*"
  fails=$((fails + 1))
}

# try WANT WHAT COMMAND...: the exit status is one of WANT ("0", "2", "0 1"); a refusal
# says why.
try() {
  local want=$1 what=$2 out got
  shift 2
  runs=$((runs + 1))
  out=$("$@" 2>&1)
  got=$?
  case " $want " in
    *" $got "*) ;;
    *) fail "$what: exit $got (want $want)"; printf '%s\n' "$out" | tail -5 ;;
  esac
  if [ "$got" = 2 ] && ! grep -q "splicecheck: " <<<"$out"; then
    fail "$what: exit 2 without a message"
  fi
}

# made PATH WHAT: the command wrote its output at the literal path.
made() {
  [ -s "$1" ] || [ -d "$1" ] || fail "$2: nothing written at the literal path"
}

for n in "${names[@]}"; do
  case $group in
    oracle)
      cp -- "$src/corpus/oracle/7.2.txt" "$n.results"
      cp -- "$src/corpus/oracle/scenarios.txt" "$n.txt"
      try 0 "oracle --results/--file/--save [$n]" "$bin" oracle --kernel 7.2 --results "$n.results" --file "$n.txt" \
        --save "$n.saved"
      cmp -s -- "$n.results" "$n.saved" || fail "oracle --save [$n]: not the stored output"
      try 2 "oracle --kernel missing [$n]" "$bin" oracle --kernel "$n.missing" --modules . --file "$n.txt"
      try 2 "oracle --modules missing [$n]" "$bin" oracle --kernel "$n.txt" --modules "$n.missing" --file "$n.txt"
      # A file QEMU cannot boot, by hostile path: the runner script gets it (exit 4).
      mkdir -p -- "$n.modules"
      try 4 "oracle --kernel/--modules [$n]" "$bin" oracle --kernel "$n.txt" --modules "$n.modules" --file "$n.txt"
      ;;
    kernel-src)
      mkdir -p -- "$n.empty"
      try 2 "kernel-src --source empty [$n]" "$bin" kernel-src --source "$n.empty"
      # A tree with the allocator's files (not compilable) and a patch that applies to it.
      mkdir -p -- "$n.tree/mm" "$n.tree/include/linux"
      printf 'not C\n' >"$n.tree/mm/page_frag_cache.c"
      touch -- "$n.tree/include/linux/page_frag_cache.h" "$n.tree/include/linux/mm_types_task.h"
      printf -- '--- a/mm/page_frag_cache.c\n+++ b/mm/page_frag_cache.c\n@@ -1 +1,2 @@\n not C\n+still not C\n' \
        >"$n.patch"
      try 2 "kernel-src --source/--patches [$n]" "$bin" kernel-src --source "$n.tree" --patches "$n.patch"
      try 2 "kernel-src --patches missing [$n]" "$bin" kernel-src --source "$n.tree" --patches "$n.missing"
      # The tree's name goes into generated C (#line, comments): it must stay a name there.
      t=$n$'\n#error injected\n'
      mkdir -p -- "$t/mm" "$t/include/linux"
      printf '%s\n' 'void *page_frag_alloc_align(struct page_frag_cache *nc, unsigned int fragsz,' \
        '                           gfp_t gfp_mask, unsigned int align_mask)' '{' '	return 0;' '}' >"$t/mm/page_alloc.c"
      printf 'struct page_frag_cache {\n\tvoid *va;\n};\n' >"$t/include/linux/mm_types.h"
      try 2 "kernel-src --source extracted [$n]" "$bin" kernel-src --source "$t"
      if grep -q "error: #error injected" <<<"$("$bin" kernel-src --source "$t" 2>&1)"; then
        fail "kernel-src --source [$n]: the tree's name became C code"
      fi
      ;;
    tls)
      cp -- "$src/cli/tests/scenarios/oracle_a_h.txt" "$n.txt"
      try 0 "tls --file [$n]" "$bin" tls --file "$n.txt"
      try 0 "tls --wire [$n]" "$bin" tls "x send:100" --wire "$n.wire"
      made "$n.wire" "tls --wire [$n]"
      try 2 "tls --file missing [$n]" "$bin" tls --file "$n.missing"
      ;;
    files)
      cp -- "$src/cli/tests/traces/spec_1_11.trace" "$n.trace"
      try 0 "replay [$n]" "$bin" replay "$n.trace"
      try 0 "encode --out [$n]" "$bin" encode "$n.trace" --out "$n.raw"
      made "$n.raw" "encode --out [$n]"
      try 0 "replay raw [$n]" "$bin" replay "$n.raw" --harness alloc_fuzz --profile pre-series
      try 0 "shrink --out [$n]" "$bin" shrink "$n.trace" --out "$n.shrunk"
      [ -n "$(ls -A -- "$n.shrunk" 2>/dev/null)" ] || fail "shrink --out [$n]: no regression written"
      try 2 "replay missing [$n]" "$bin" replay "$n.missing"
      ;;
    killmatrix)
      try 0 "killmatrix reports [$n]" "$bin" killmatrix --rows '^obs_v61_splice_more_ignored$' --detectors witness \
        --json "$n.json" --markdown "$n.md" --html "$n.html" --sarif "$n.sarif" --junit "$n.xml"
      for f in json md html sarif xml; do made "$n.$f" "killmatrix report [$n.$f]"; done
      try 2 "killmatrix --builds missing [$n]" "$bin" killmatrix --builds "$n.missing" --rows '^gfp_zero_reuse$'
      try 2 "killmatrix --json no directory [$n]" "$bin" killmatrix --json "$n.missing/x"
      ;;
    gate)
      cp -r -- "$src/cli/tests/gate" "$n.builds"
      try "0 1" "gate --builds and reports [$n]" "$bin" gate --builds "$n.builds" \
        --json "$n.json" --markdown "$n.md" --html "$n.html" --sarif "$n.sarif" --junit "$n.xml"
      for f in json md html sarif xml; do made "$n.$f" "gate report [$n.$f]"; done
      try 2 "gate --builds missing [$n]" "$bin" gate --builds "$n.missing"
      ;;
    run)
      try 0 "run --json [$n]" "$bin" run --profile p05 --cases 1 --json "$n.json"
      made "$n.json" "run --json [$n]"
      try 2 "run --json no directory [$n]" "$bin" run --profile p05 --cases 1 --json "$n.missing/x"
      ;;
    explore)
      mkdir -p -- "$n.saved"
      try "0 1" "explore --save [$n]" "$bin" explore --bug r1_shared_cache_unlocked --strategy bounded \
        --preemptions 2 --save "$n.saved"
      [ -n "$(ls -A -- "$n.saved" 2>/dev/null)" ] || fail "explore --save [$n]: no schedule written"
      ;;
    *) echo "usage: hostile_paths.sh oracle|kernel-src|tls|files|killmatrix|gate|run|explore SPLICECHECK SOURCE-DIR" >&2
       exit 2 ;;
  esac
done

# Nothing ran: no marker here, in the real home or in /tmp; no word of a name split off.
pwned=$(find "$work" -name 'PWNED*'; ls -d "$real_home/PWNED" /tmp/PWNED 2>/dev/null)
[ -z "$pwned" ] || fail "a name was run as a command: $pwned"
for word in it say two words new line touch; do
  [ ! -e "$word" ] || fail "a shell word of a name became a file: $word"
done
[ -z "$(ls -A "$work/tmp")" ] || fail "left in TMPDIR: $(ls -A "$work/tmp")"
echo "$group: $runs commands on ${#names[@]} hostile names, $fails failure(s)"
exit $((fails > 0))
