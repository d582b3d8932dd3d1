#!/bin/sh
# Checks that the Simplified Chinese catalog is complete: every msgid that
# xgettext finds in the sources (the same keywords as `make pot`) must have
# a translation, not fuzzy, in one of po/zh_CN/*.po (each area of the
# program keeps its own file). Prints each missing msgid with where it is
# used, then the closing "N passed, N failed" line that tests/run.sh reads.
# Usage: tests/check-po.sh [LANG]   (default zh_CN)
set -u
lang=${1:-zh_CN}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top" || exit 1

for tool in xgettext msgcat msgmerge msgattrib; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "FAIL check-po: $tool is missing (apt-get install gettext)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

# The sources exactly as the Makefile's pot target lists them.
find src -name '*.c' | LC_ALL=C sort >"$tmp/files"
if ! xgettext --from-code=UTF-8 -k_ -kN_ --no-wrap -o "$tmp/juwei.pot" \
        --files-from="$tmp/files" 2>"$tmp/err"; then
    echo "FAIL check-po: xgettext failed:"
    sed 's/^/    /' "$tmp/err"
    echo "0 passed, 1 failed"
    exit 1
fi

set -- po/"$lang"/*.po
if [ ! -f "$1" ]; then
    echo "FAIL check-po: no po/$lang/*.po"
    echo "0 passed, 1 failed"
    exit 1
fi
failed=0
if ! msgcat --use-first -o "$tmp/all.po" "$@" 2>"$tmp/err"; then
    echo "FAIL check-po: msgcat cannot join po/$lang/*.po:"
    sed 's/^/    /' "$tmp/err"
    echo "0 passed, 1 failed"
    exit 1
fi
# "file:line: msgid" for each entry of a PO file on stdin (header left out).
entries() {
    awk '
        /^#: / { ref = $2 ": "; next }
        /^msgid "/ { id = substr($0, 8, length($0) - 8); inid = 1; next }
        /^"/ && inid { id = id substr($0, 2, length($0) - 2); next }
        /^msgid_plural/ { inid = 0; next }
        /^msgstr/ { if (id != "") print ref id; id = ""; inid = 0; ref = "" }
    '
}

# A msgid translated differently in two files: msgcat --use-first would
# silently take one, so name it.
if [ $# -gt 1 ]; then
    msgcat --more-than=1 --no-wrap "$@" 2>/dev/null |
        msgattrib --only-fuzzy --no-wrap 2>/dev/null | entries >"$tmp/twice"
    if [ -s "$tmp/twice" ]; then
        echo "FAIL check-po: translated differently in two files of po/$lang" \
             "(keep one):"
        while IFS= read -r id; do
            files=$(grep -F -l -x "msgid \"$id\"" "$@" | tr '\n' ' ')
            echo "    $id    [$files]"
        done <"$tmp/twice"
        failed=$((failed + 1))
    fi
fi

msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" \
    "$tmp/all.po" "$tmp/juwei.pot" 2>"$tmp/err" || {
    echo "FAIL check-po: msgmerge failed:"
    sed 's/^/    /' "$tmp/err"
    echo "0 passed, 1 failed"
    exit 1
}
# Untranslated and fuzzy entries, one line each: "file:line: msgid".
{ msgattrib --untranslated --no-wrap "$tmp/merged.po"
  msgattrib --only-fuzzy --no-wrap "$tmp/merged.po"; } | entries >"$tmp/missing"

total=$(grep -c '^msgid "..*"$\|^msgid ""$' "$tmp/juwei.pot")
total=$((total - 1))            # the header
n=$(wc -l <"$tmp/missing")
if [ "$n" -gt 0 ]; then
    echo "FAIL check-po: $n of $total msgids have no $lang translation in po/$lang/*.po:"
    sed 's/^/    /' "$tmp/missing"
    failed=$((failed + 1))
else
    echo "ok   check-po: all $total msgids translated in po/$lang/*.po"
fi
if [ "$failed" -eq 0 ]; then
    echo "1 passed, 0 failed"
    exit 0
fi
echo "0 passed, $failed failed"
exit 1
