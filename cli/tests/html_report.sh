#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# html_report.sh JSON HTML OUTDIR: the kill matrix page (HTML) shows what its JSON says, as a
# browser sees it. Headless Chromium renders it to OUTDIR/killmatrix.png and dumps its DOM;
# every cell and clean cell of the JSON must be a td with its status, and every finding with
# a time must be a bar of the time-to-detect chart. Exit 77 without Chromium.
set -u
json=$1
page=$2
outdir=$3
chromium=/usr/bin/chromium

[ -x "$chromium" ] || { echo "chromium is not installed: SKIPPED"; exit 77; }
command -v jq >/dev/null || { echo "jq is not installed: SKIPPED"; exit 77; }
jq -e .cells "$json" >/dev/null || { echo "FAILED: $json is no kill matrix JSON"; exit 1; }
[ -f "$page" ] || { echo "FAILED: no page $page"; exit 1; }
page=$(realpath "$page")
mkdir -p "$outdir"
log=$outdir/chromium.log
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$log"

fail() {
  echo "FAILED: $1"
  [ $# -gt 1 ] && echo "$2"
  echo "--- chromium log ($log), without its D-Bus complaints:"
  grep -v ':ERROR:dbus/' "$log" | tail -40
  exit 1
}

# A fresh profile per call: no state, no lock shared with another Chromium.
browse() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1600,2400 "$@" "file://$page" 2>>"$log"
}

browse --screenshot="$outdir/killmatrix.png" >>"$log" || fail "chromium --screenshot exited $?"
png=$outdir/killmatrix.png
[ -f "$png" ] || fail "no screenshot $png"
[ "$(head -c 4 "$png" | tail -c 3)" = PNG ] || fail "$png is not a PNG"
size=$(stat -c %s "$png")
[ "$size" -gt 10240 ] || fail "$png has $size bytes: nothing rendered?"

browse --dump-dom >"$work/dom.html" || fail "chromium --dump-dom exited $?"

# The serialized DOM quotes every attribute value with " and escapes " inside it, so a start
# tag is `<name` then ` attr="value"` pairs: match those, not up to the first `>`.
start_tags() { grep -o "<$1\\( [a-zA-Z:-]*=\"[^\"]*\"\\)*/\\?>"; }
attribute() { sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p" <<<"$2"; }
unescape() { sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&#39;/'"'"'/g; s/&nbsp;/ /g; s/&amp;/\&/g'; }
# The markup from `<TAG id="ID"` to its closing tag, on one line.
element() { tr '\n' ' ' <"$work/dom.html" | sed -n "s/.*<$1 id=\"$2\"/<$1/; T; s/<\\/$1>.*//p"; }

# One line per tag carrying attribute KEY: the values of the attributes named, tab-separated.
attribute_table() {
  local key=$1 tag line
  shift
  while read -r tag; do
    line=""
    for name in "$key" "$@"; do
      line+=$(attribute "$name" "$tag")$'\t'
    done
    printf '%s\n' "${line%$'\t'}"
  done < <(grep " $key=\"") | unescape | sort
}

compare() {  # WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    fail "$1 differ (< JSON, > HTML)" "$(diff <(echo "$2") <(echo "$3"))"
  fi
  echo "ok: $1: $(grep -c . <<<"$2")"
}

matrix=$(element table killmatrix)
[ -n "$matrix" ] || fail "no table#killmatrix in the DOM"
cells=$(jq '.cells | length' "$json")
tds=$(start_tags td <<<"$matrix" | grep -c ' data-row="')
[ "$tds" = "$cells" ] || fail "table#killmatrix has $tds tds with data-row, the JSON $cells cells"
echo "ok: table#killmatrix has a td with data-row for each of the $cells cells"
compare "matrix cells (row, detector, status)" \
  "$(jq -r '.cells[] | [.row, .detector, (.status | gsub(" "; "-"))] | join("\t")' "$json" | sort)" \
  "$(start_tags td <<<"$matrix" | attribute_table data-row data-detector data-status)"

expected_clean=$(jq -r '.clean[] | .name as $n | .cells[] | [$n, .detector, (.status | gsub(" "; "-"))] | join("\t")' \
  "$json" | sort)
compare "clean cells (name, detector, status)" "$expected_clean" \
  "$(element table clean | start_tags td | attribute_table data-clean data-detector data-status)"

chart=$(element svg ttd-chart)
[ -n "$chart" ] || fail "no svg#ttd-chart in the DOM"
echo "ok: svg#ttd-chart is there"
bars=$(start_tags rect <<<"$chart" | grep -E ' class="bar( [^"]*)?"')
compare "chart bars (row, detector)" \
  "$(jq -r '.cells[] | select((.status == "found" or .status == "partly") and .median_seconds != null)
            | [.row, .detector] | join("\t")' "$json" | sort)" \
  "$(attribute_table data-row data-detector <<<"$bars")"

echo "ok: screenshot $png ($size bytes)"
