#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
"""The SPDX header every source file starts with (issue 20).

    tools/spdx_headers.py          list the tracked files that lack it (exit 1 if any)
    tools/spdx_headers.py --fix    add it to them, as their first lines

Only files with a comment syntax are handled here; the rest (images,
fuzz corpora, Markdown, translations) are covered by .reuse/dep5. After
--fix, run `reuse lint` (Debian's reuse package) to see the whole tree
compliant. tests/packaging/tst_licence runs both checks.
"""
import os
import subprocess
import sys

# REUSE-IgnoreStart (the header itself, not this file's)
COPYRIGHT = "SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers"
LICENSE = "SPDX-License-Identifier: MIT"
# The metainfo files are metadata, under the licence AppStream asks for.
LICENSE_OVERRIDES = {".metainfo.xml": "SPDX-License-Identifier: CC0-1.0"}
# REUSE-IgnoreEnd

HASH_NAMES = {"CMakeLists.txt", ".gitignore", "build", "fuzz", "run", "sanitize"}
HASH_SUFFIXES = (".cmake", ".sh", ".py", ".service", ".desktop", ".supp", ".dict", ".in")
SLASH_SUFFIXES = (".cpp", ".h")
XML_SUFFIXES = (".xml", ".svg")
ROFF_SUFFIXES = (".1",)


def style(path):
    """The comment syntax for path: 'slash', 'hash', 'xml', 'roff', or None (dep5)."""
    name = os.path.basename(path)
    if path.startswith("tests/fuzz/corpus/") or path.startswith("tests/fuzz/regressions/"):
        return None
    if name.endswith(SLASH_SUFFIXES):
        return "slash"
    if name in HASH_NAMES or name.endswith(HASH_SUFFIXES):
        return "hash"
    if name.endswith(XML_SUFFIXES):
        return "xml"
    if name.endswith(ROFF_SUFFIXES):
        return "roff"
    return None


def header_lines(path, kind):
    licence = LICENSE
    for suffix, other in LICENSE_OVERRIDES.items():
        if path.endswith(suffix):
            licence = other
    if kind == "slash":
        return [f"// {COPYRIGHT}", f"// {licence}"]
    if kind == "hash":
        return [f"# {COPYRIGHT}", f"# {licence}"]
    if kind == "roff":
        return [f'.\\" {COPYRIGHT}', f'.\\" {licence}']
    return [f"<!-- {COPYRIGHT} -->", f"<!-- {licence} -->"]


def has_header(text):
    head = "\n".join(text.splitlines()[:6])
    return COPYRIGHT.split(":")[0] in head and LICENSE.split(":")[0] in head


def add_header(text, lines):
    rows = text.splitlines(keepends=True)
    keep = 0
    # A #! line and an XML declaration must stay first.
    if rows and (rows[0].startswith("#!") or rows[0].startswith("<?xml")):
        keep = 1
    return "".join(rows[:keep]) + "".join(line + "\n" for line in lines) + "".join(rows[keep:])


def main():
    fix = "--fix" in sys.argv[1:]
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True,
                          capture_output=True, text=True).stdout.strip()
    os.chdir(root)
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           check=True, capture_output=True, text=True).stdout.split("\n")
    missing = []
    for path in sorted(f for f in files if f and os.path.isfile(f)):
        kind = style(path)
        if kind is None:
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if has_header(text):
            continue
        missing.append(path)
        if fix:
            with open(path, "w", encoding="utf-8") as f:
                f.write(add_header(text, header_lines(path, kind)))
    for path in missing:
        print(("added the SPDX header to " if fix else "no SPDX header: ") + path)
    if missing and not fix:
        print(f"{len(missing)} file(s) lack the SPDX header; tools/spdx_headers.py --fix adds it", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
