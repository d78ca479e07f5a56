#!/usr/bin/env python3
"""Fails when an #include crosses an edge docs/architecture.md does not allow.

Reads the table between `<!-- layering:begin -->` and `<!-- layering:end -->`
in docs/architecture.md (room -> rooms it may include), maps every source file
under core/, hwlib/, models/, widgets/ and app/ to its room, and checks each
quoted include. Also: no Qt header in core/, hwlib/ or app/cli, and QCustomPlot
only in widgets/plot/. Prints one line per violation (file:line: ...) and exits
1 if there is any. Usage: check_layering.py <repository root>
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCES = ("core", "hwlib", "models", "widgets", "app")
QT_FREE = ("core/", "hwlib", "app/cli")


def read_table(root):
    text = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("<!-- layering:begin -->")[1].split("<!-- layering:end -->")[0]
    allowed = {}
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("room", "---") or cells[0].startswith("-"):
            continue
        allowed[cells[0]] = {c.strip() for c in cells[1].split(",") if c.strip()}
    return allowed


def room_of(path, allowed):
    """The most specific room of the table that `path` (relative) lies in."""
    parts = path.split("/")
    for depth in (2, 1):
        candidate = "/".join(parts[:depth])
        if candidate in allowed and len(parts) > depth:
            return candidate
    return None


def may_include(source_room, target_room, allowed):
    if source_room == target_room:
        return True
    rules = allowed[source_room]
    return target_room in rules or ("core/*" in rules and target_room.startswith("core/"))


def check(root):
    allowed = read_table(root)
    problems = []
    for top in SOURCES:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".h", ".cpp") or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            source = room_of(relative, allowed)
            if source is None:
                problems.append(f"{relative}:1: not in any room of docs/architecture.md")
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                quote, header = match.groups()
                where = f"{relative}:{number}"
                if "qcustomplot" in header.lower() and not relative.startswith("widgets/plot/"):
                    problems.append(f"{where}: QCustomPlot belongs behind widgets/plot/")
                if quote == "<":
                    name = header.split("/")[0]
                    if relative.startswith(QT_FREE) and re.match(r"Q[A-Z]|Qt", name):
                        problems.append(f"{where}: {source} must not include the Qt header <{header}>")
                    continue
                target = room_of(header, allowed)
                if target is None:
                    continue  # a header of the same folder or a generated one
                if not may_include(source, target, allowed):
                    problems.append(f"{where}: {source} may not include {header} ({target})")
    return problems


def self_test():
    """The check must catch a planted violation of each kind (a test that can fail)."""
    import tempfile
    with tempfile.TemporaryDirectory() as directory:
        root = pathlib.Path(directory)
        (root / "docs").mkdir()
        (root / "docs" / "architecture.md").write_text(
            "<!-- layering:begin -->\n| room | may include |\n|---|---|\n| core/util | |\n"
            "| core/graph | core/util |\n| widgets | core/* |\n<!-- layering:end -->\n", encoding="utf-8")
        files = {
            "core/util/a.h": '#include "core/graph/b.h"\n',          # upward edge
            "core/graph/b.h": '#include "core/util/a.h"\n#include <QString>\n',  # ok, then Qt in core
            "widgets/w.cpp": '#include "core/graph/b.h"\n#include "qcustomplot.h"\n#include <qcustomplot.h>\n',
        }
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        found = check(root)
        expected = ["core/util/a.h:1: core/util may not include core/graph/b.h",
                    "core/graph/b.h:2: core/graph must not include the Qt header <QString>",
                    "widgets/w.cpp:2: QCustomPlot belongs behind widgets/plot/",
                    "widgets/w.cpp:3: QCustomPlot belongs behind widgets/plot/"]
        for fragment in expected:
            if not any(problem.startswith(fragment) for problem in found):
                print(f"self-test: the planted violation '{fragment}' was not reported; got {found}")
                return 1
        if len(found) != len(expected):
            print(f"self-test: expected {len(expected)} violations, got {found}")
            return 1
    print("layering self-test: 4 planted violations reported")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems = check(root)
    for problem in problems:
        print(problem)
    print(f"layering: {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
