#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
"""Fills the English plural forms in resources/translations/sockethub_en.ts.

Run after lupdate (cmake --build build --target sockethub_translations_lupdate)
adds a numerus text such as tr("%n client(s)", nullptr, n): its singular is
the source without "(s)", its plural with "s". Only numerus texts are
translated in this file; every other text stays the source.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

# Plural nouns written in full in a source ("%n clients (%1)") and their singular.
SINGULAR = {"clients": "client", "characters": "character", "lines": "line"}


def forms(source):
    singular = source.replace("(s)", "")
    singular = re.sub(r"(%L?n )(\w+)", lambda m: m.group(1) + SINGULAR.get(m.group(2), m.group(2)), singular)
    return singular, source.replace("(s)", "s")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "resources", "translations", "sockethub_en.ts")
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.find("source").text
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        translation.text = None
        for text in forms(source):
            form = ET.SubElement(translation, "numerusform")
            form.text = text
    ET.indent(tree, space="    ")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")


if __name__ == "__main__":
    main()
