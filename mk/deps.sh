#!/bin/sh
# Checks the Debian packages juwei needs to build (and, with "check", to test).
# As root it installs what is missing; otherwise it prints the one
# apt-get line needed and fails, so a newcomer knows exactly what to run.
set -eu
want="gcc make pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libcrypt-dev libxlsxwriter-dev gettext"
case "${1:-build}" in
check) want="$want python3 python3-pyte python3-pexpect python3-openpyxl sqlite3 tmux e2fsprogs openssh-server openssh-client" ;;
fuzz)  want="$want clang libclang-rt-14-dev" ;;
# make bench: the driver and its pty, the sqlite3 shell and dialog as floors
bench) want="$want python3 python3-pyte python3-pexpect sqlite3 dialog time" ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    # Not Debian: trust pkg-config and let the compiler speak for the rest.
    exit 0
fi

missing=""
for p in $want; do
    s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$s" in
    *" installed") ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "juwei: installing missing build packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
    exit 0
fi
echo "juwei: missing packages; run this once, then try again:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
