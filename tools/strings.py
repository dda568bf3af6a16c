#!/usr/bin/env python3
"""Adds or updates UI strings in both resource files.

Usage: tools/strings.py key "English text" "Русский текст" [key en ru ...]
The .resx files stay the source of truth; this only saves typing XML by hand.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

RES = Path(__file__).resolve().parent.parent / "src/Letopis.Web/Resources"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.find("value").text or "") for d in root.findall("data")}


def save(path, entries):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [HEADER]
    for key in sorted(entries):
        lines.append(f'  <data name="{esc(key)}" xml:space="preserve"><value>{esc(entries[key])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def main(args):
    if len(args) % 3 != 0 or not args:
        sys.exit(__doc__)
    en_path, ru_path = RES / "SharedResource.resx", RES / "SharedResource.ru.resx"
    en, ru = load(en_path), load(ru_path)
    for i in range(0, len(args), 3):
        key, e, r = args[i:i + 3]
        en[key], ru[key] = e, r
    save(en_path, en)
    save(ru_path, ru)


if __name__ == "__main__":
    main(sys.argv[1:])
