#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# leaves_a_child.sh PIDFILE: starts a sleeper in the background, writes its pid to
# PIDFILE and waits; a timeout must end both (process_test).
sleep 300 &
echo "$!" >"$1"
wait
