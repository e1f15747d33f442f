#!/usr/bin/env bash
# Makes sure a `prometheus` binary is on PATH for the telemetry tests and the
# collection benchmark: installs Debian's `prometheus` package when missing
# (apt-get update first if the package is unknown). Prints the binary's path.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1; then command -v prometheus; exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show prometheus >/dev/null 2>&1; then $SUDO apt-get update -qq >&2; fi
$SUDO apt-get install -y -qq --no-install-recommends prometheus >&2
# The package starts a system service where systemd runs; the tests start their own.
command -v prometheus
