# SPDX-License-Identifier: GPL-2.0-only
# Sourced by oracle/run and oracle/kmod/run. apt_state SUITE CACHE WHO: a private apt
# state for SUITE under CACHE/apt-SUITE that leaves the system's apt configuration alone,
# read from the archive (mirror, proxy) the system takes bookworm from (sys/apt-uri);
# sets the array `opts` to apt's -o options. Lists are refreshed once a day. Not to be
# run in a subshell: its `exit 3` (the suite cannot be read; WHO names the caller in the
# message) ends the calling script.
apt_state() {
  local suite=$1 state=$2/apt-$1 who=$3 uri
  uri=$("$(dirname "${BASH_SOURCE[0]}")/../sys/apt-uri" bookworm) ||
    { echo "$who: no archive to read $suite from" >&2; exit 3; }
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/sources"
  cat >"$state/sources/$suite.sources" <<SOURCES
Types: deb
URIs: $uri
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$state/sources"
        -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
        -o Dir::State::status=/var/lib/dpkg/status)
  if [ ! -e "$state/updated" ] || [ -n "$(find "$state/updated" -mmin +1440)" ]; then
    apt-get "${opts[@]}" update -q >"$state/update.log" 2>&1 ||
      { echo "$who: cannot read $suite (see $state/update.log)" >&2; exit 3; }
    touch "$state/updated"
  fi
}
