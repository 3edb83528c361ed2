#!/usr/bin/env python3
"""Writes a zip of many small entries for the import benchmarks and tests: VALID postmortems
(cState Markdown, two by default) and COUNT - VALID notes without a date, which the import
rejects alike.

usage: gen_zip.py COUNT OUT.zip [VALID]
"""
import sys
import zipfile

POST = """---
title: {title}
date: {start}
resolvedWhen: {end}
resolved: true
severity: disrupted
section: issue
---
{body}
"""


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    valid = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.md", POST.format(title="Queue stalled", start="2024-03-05T10:20:00Z",
                                       end="2024-03-05T11:40:00Z", body="Jobs waited."))
        for i in range(valid - 2):
            z.writestr(f"posts/{i:05}.md", POST.format(
                title=f"Incident {i}", start=f"2024-05-{1 + i % 28:02}T10:00:00Z",
                end=f"2024-05-{1 + i % 28:02}T10:30:00Z", body="Errors."))
        for i in range(count - valid):
            z.writestr(f"notes/{i:05}.md", f"Note {i}: remember to water the plants.\n")
        z.writestr("z.md", POST.format(title="Cache down", start="2024-04-05T10:20:00Z",
                                       end="2024-04-05T10:40:00Z", body="Misses."))


if __name__ == "__main__":
    main()
