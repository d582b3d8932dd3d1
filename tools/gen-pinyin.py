#!/usr/bin/python3
"""Generates src/pinyin_table.c: the pinyin initial of every CJK Unified
Ideograph in U+4E00..U+9FFF and Extension A (U+3400..U+4DBF), taken from the
first kMandarin reading in Unihan (the most customary mainland reading).

    /usr/bin/python3 tools/gen-pinyin.py > src/pinyin_table.c

Reads /usr/share/unicode/Unihan_Readings.txt.bz2 (Debian: unicode-data), or
the path given as the first argument (.bz2 or plain text). Standard library
only, so it runs on a bare Debian 12.
"""
import bz2
import re
import sys
import unicodedata

DEFAULT = "/usr/share/unicode/Unihan_Readings.txt.bz2"
BLOCKS = [  # (C name, first code point, last code point)
    ("ext_a", 0x3400, 0x4DBF),
    ("uro", 0x4E00, 0x9FFF),
]
NONE = "-"   # no reading: pinyin_initials drops the character
PER_LINE = 64


def initial(reading):
    # NFD splits tone marks (and the umlaut of ü) off the base letter, so the
    # first character is always the plain initial: "lǜ" -> "l", "ńg" -> "n".
    c = unicodedata.normalize("NFD", reading)[0].lower()
    if not ("a" <= c <= "z"):
        raise ValueError("reading %r has no Latin initial" % reading)
    return c


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    opener = bz2.open if path.endswith(".bz2") else open
    version = "unknown"
    initials = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
            if m:
                version = m.group(1)
            if line.startswith("#") or "\tkMandarin\t" not in line:
                continue
            cp, _, readings = line.rstrip("\n").split("\t")
            initials[int(cp[2:], 16)] = initial(readings.split()[0])

    out = sys.stdout
    out.write("/* pinyin_table.c — GENERATED, do not edit. Regenerate with\n"
              " *     /usr/bin/python3 tools/gen-pinyin.py > src/pinyin_table.c\n"
              " * from Unihan_Readings.txt (Unicode %s, Debian unicode-data).\n"
              " * One byte per code point: the initial letter of the first\n"
              " * kMandarin reading, or '%s' where Unihan gives none. */\n"
              % (version, NONE))
    out.write('#include "juwei/pinyin.h"\n\n')
    for name, lo, hi in BLOCKS:
        out.write("static const char %s[] =\n" % name)
        for start in range(lo, hi + 1, PER_LINE):
            row = "".join(initials.get(cp, NONE)
                          for cp in range(start, min(start + PER_LINE, hi + 1)))
            end = ";" if start + PER_LINE > hi else ""
            out.write('    /* %04X */ "%s"%s\n' % (start, row, end))
        out.write("_Static_assert(sizeof %s == 0x%04X - 0x%04X + 2, \"%s\");\n\n"
                  % (name, hi, lo, name))
    out.write("int\npinyin_table_initial(uint32_t cp)\n{\n    char c = 0;\n\n")
    for i, (name, lo, hi) in enumerate(BLOCKS):
        kw = "if" if i == 0 else "else if"
        out.write("    %s (cp >= 0x%04X && cp <= 0x%04X)\n" % (kw, lo, hi))
        out.write("        c = %s[cp - 0x%04X];\n" % (name, lo))
    out.write("    return c == '%s' ? 0 : c;\n}\n" % NONE)


if __name__ == "__main__":
    main()
