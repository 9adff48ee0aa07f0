#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# help_flags.sh SPLICECHECK EXPLORE FLAGS_DEF [COMMAND]: for every command (or COMMAND), its --help (and -h, and
# `help COMMAND`) lists exactly the flags its parser takes, and its exit codes with 70.
# A flag in the help must be taken (given twice it is refused as "given twice", which the
# parser says only of a flag it took); every other known flag must be refused naming the
# command. The known flags are flags.def's and the explorer's. Each try ends in a flag no
# command takes, so that a parser that wrongly takes the flag still runs nothing.
set -u
sc=$1 explore=$2 def=$3 stop=--no-command-takes-this
fail=0
bad() {
  echo "$*"
  fail=1
}
mapfile -t commands < <("$sc" help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 && $1 != "commands:" {print $1}')
[ "${#commands[@]}" -ge 14 ] || bad "splicecheck help lists ${#commands[@]} commands"
if [ $# -gt 3 ]; then
  [[ " ${commands[*]} " == *" $4 "* ]] || bad "splicecheck help does not list $4"
  commands=("$4")
fi
mapfile -t known < <( (grep -Eo '^FLAG(_ALSO)?\([a-z-]+' "$def" | sed 's/.*(/--/'
  "$explore" --help | grep -Eo '^  --[a-z-]+' | sed 's/^ *//') | sort -u)
[ "${#known[@]}" -ge 30 ] || bad "only ${#known[@]} known flags"
for c in "${commands[@]}"; do
  if [ "$c" = explore ]; then run=("$explore"); else run=("$sc" "$c"); fi
  help=$("${run[@]}" --help) || bad "$c --help: exit $?"
  [ "$("${run[@]}" -h)" = "$help" ] || bad "$c: -h differs from --help"
  [ "$("$sc" help "$c")" = "$help" ] || bad "$c: 'help $c' differs from '$c --help'"
  [[ $help == "usage: splicecheck $c"* ]] || bad "$c: no usage line"
  for code in 0 2 70; do
    [[ $help =~ $'\n'"  $code "+[a-z] ]] || bad "$c: exit code $code not listed"
  done
  for f in "${known[@]}"; do
    if [[ $help =~ $'\n'"  $f VALUE " ]]; then
      out=$("${run[@]}" "$f" 1 "$f" 1 $stop 2>&1)
    elif [[ $help =~ $'\n'"  $f " ]]; then
      out=$("${run[@]}" "$f" "$f" $stop 2>&1)
    else
      out=$("${run[@]}" "$f" 1 $stop 2>&1)
      st=$?
      [[ $st = 2 && $out =~ ("$f belongs to ".*"not '$c'"|"unknown "(flag|argument)" '$f'") ]] ||
        bad "$c: $f is not in its help but not refused (exit $st): $out"
      continue
    fi
    [[ $out == *"$f given twice"* ]] || bad "$c: $f is in its help but not taken: $out"
  done
done
exit $fail
