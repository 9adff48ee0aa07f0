#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# html_no_script.sh PAGE: the kill matrix page of hostile names, as headless Chromium builds
# it, has only the elements the writer makes (no script) and no event handler: a name such as
# `</script><script>alert(1)</script>` stays text. Exit 77 without Chromium.
set -u
page=$(realpath "$1")
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "chromium is not installed: SKIPPED"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/chromium.log" ||
  { rc=$?; echo "FAILED: chromium exited $rc$( [ $rc = 124 ] && echo ': a dialog (alert) holds the page?')"
    grep -v ':ERROR:dbus/' "$work/chromium.log" | tail -20; exit 1; }
grep -q 'id="killmatrix"' "$work/dom.html" || { echo "FAILED: no table#killmatrix in the DOM"; exit 1; }
# The serialized DOM escapes < in text and attribute values: each `<name` is an element.
# Chromium adds none of its own to a page with head and body.
written="html head meta title style body h1 h2 p b div span table thead tbody tr th td small ul li svg rect text line"
others=$(grep -oE '<[a-zA-Z][^ />]*' "$work/dom.html" | cut -c2- | sort -u | grep -vxF -f <(tr ' ' '\n' <<<"$written"))
[ -z "$others" ] || { echo "FAILED: the DOM has elements no report writes:"; head -5 <<<"$others"; exit 1; }
if grep -qiE ' on[a-z]+="' "$work/dom.html"; then
  echo "FAILED: the DOM has an event handler:"
  grep -oiE ' on[a-z]+="[^"]*"' "$work/dom.html" | head -5
  exit 1
fi
n=$(grep -o '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' "$work/dom.html" | wc -l)
[ "$n" -gt 0 ] || { echo "FAILED: the script name is not in the page as text"; exit 1; }
echo "ok: the DOM has only the elements the page writes, no handler; the script name is text $n times"
