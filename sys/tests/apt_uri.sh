#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# apt_uri.sh APT-URI FETCH ORACLE-RUN: sys/apt-uri on fake apt configuration directories
# (deb822 *.sources, one-line sources.list / *.list, neither), and the two scripts that
# build private apt states failing cleanly, offline, when no entry serves bookworm.
set -u
apt_uri=$1 fetch=$2 oracle_run=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
# check NAME WANT-STATUS WANT-OUTPUT-REGEX COMMAND...
check() {
  local name=$1 want=$2 regex=$3 out got
  shift 3
  out=$("$@" 2>&1)
  got=$?
  if [ "$got" != "$want" ] || ! grep -Eq -- "$regex" <<<"$out"; then
    printf 'FAIL %s: exit %s (want %s), output:\n%s\n' "$name" "$got" "$want" "$out"
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}

# deb822: a disabled entry, the security archive and a deb-src entry come first; the entry
# serving bookworm has a comment inside it and several URIs and suites.
mkdir -p "$work/deb822/sources.list.d"
cat >"$work/deb822/sources.list.d/a-disabled.sources" <<'EOF2'
Types: deb
URIs: http://disabled.example/pool
Suites: bookworm
Components: main
Enabled: no
EOF2
cat >"$work/deb822/sources.list.d/b-debian.sources" <<'EOF2'
Types: deb
URIs: http://security.example/pool-security
Suites: bookworm-security
Components: main

Types: deb-src
URIs: http://src.example/pool
Suites: bookworm
Components: main

Types: deb
# a comment inside the entry
URIs: http://mirror.example/pool http://second.example/pool
Suites: bookworm-updates bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF2
echo "deb http://ignored.example/pool bookworm main" >"$work/deb822/sources.list.d/c.list.disabled"
check deb822 0 '^http://mirror\.example/pool$' env SC_APT_ETC="$work/deb822" "$apt_uri"
check deb822_other_suite 0 '^http://security\.example/pool-security$' \
  env SC_APT_ETC="$work/deb822" "$apt_uri" bookworm-security

# One-line form: comments, deb-src, options in brackets, the main file before the parts.
mkdir -p "$work/oneline/sources.list.d"
cat >"$work/oneline/sources.list" <<'EOF2'
# deb http://commented.example/pool bookworm main
deb-src http://src.example/pool bookworm main
deb http://security.example/pool-security bookworm-security main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://proxy.example:3142/pool bookworm main contrib
EOF2
echo "deb http://later.example/pool bookworm main" >"$work/oneline/sources.list.d/later.list"
check one_line 0 '^http://proxy\.example:3142/pool$' env SC_APT_ETC="$work/oneline" "$apt_uri"
rm "$work/oneline/sources.list"
check one_line_parts 0 '^http://later\.example/pool$' env SC_APT_ETC="$work/oneline" "$apt_uri"

# Neither: other suites only, and an empty directory.
mkdir -p "$work/neither/sources.list.d" "$work/empty"
printf 'Types: deb\nURIs: http://other.example/node\nSuites: nodistro\nComponents: main\n' \
  >"$work/neither/sources.list.d/node.sources"
echo "deb http://security.example/pool-security bookworm-security main" >"$work/neither/sources.list"
check neither 77 "no apt source serves 'bookworm'" env SC_APT_ETC="$work/neither" "$apt_uri"
check empty 77 "no apt source serves 'bookworm'" env SC_APT_ETC="$work/empty" "$apt_uri"
check bad_usage 2 "usage: apt-uri" "$apt_uri" 'bookworm main'

# The scripts that write private sources: no archive named, so a skip (77) or the
# runner's "no kernel to be had" (3), before anything is downloaded.
touch "$work/scenarios"
check fetch_no_archive 77 "fetch: no archive to read sid from: skipped" \
  env SC_APT_ETC="$work/neither" "$fetch" 7.2 "$work/cache"
check oracle_run_no_archive 3 "oracle/run: no archive to read sid from" \
  env SC_APT_ETC="$work/neither" XDG_CACHE_HOME="$work/xdg" "$oracle_run" 7.2 /bin/true "$work/scenarios" "$work/out"
[ ! -e "$work/cache/sid-apt/sources" ] || { echo "FAIL fetch made a private apt state anyway"; fails=$((fails + 1)); }
exit $((fails > 0))
