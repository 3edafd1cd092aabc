#!/usr/bin/env python3
"""Turns vendored openCypher TCK feature files into kg's scenario lines.

Usage: python3 scripts/tck_convert.py [--check] OUT.jsonl FEATURES_DIR GRAPHS_DIR

Reads every *.feature file below FEATURES_DIR (Gherkin as the TCK writes it)
and writes one JSON object per scenario to OUT.jsonl, in the format of
tests/tck/sample.jsonl (documented in tests/tck/README.md): Scenario Outline
rows are expanded, named graphs ("Given the binary-tree-1 graph") become the
creation script from GRAPHS_DIR/<name>/<name>.cypher as the first setup query.
With --check, OUT.jsonl is not written but compared with what would be
written; exit 1 when they differ (the committed file is stale).

Standard library only. Exits 2 on a step it does not understand, naming the
file and line, rather than dropping a scenario.
"""
import json
import os
import re
import sys

ERROR_RE = re.compile(r"^Then an? (\w+) should be raised at (compile time|runtime|any time): (\w+|\*)$")
RESULT_RE = re.compile(r"^Then the result should be(?:, in (any order|order))?"
                       r"(?: ?\(ignoring element order for lists\))?:$")


class FeatureError(Exception):
    pass


def read_docstring(lines, i, where):
    """Returns (text, next index) for a \"\"\" block starting at lines[i]."""
    if i >= len(lines) or lines[i].strip() != '"""':
        raise FeatureError(f"{where}: expected a \"\"\" block")
    indent = len(lines[i]) - len(lines[i].lstrip())
    body = []
    i += 1
    while i < len(lines) and lines[i].strip() != '"""':
        line = lines[i]
        body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
        i += 1
    if i >= len(lines):
        raise FeatureError(f"{where}: unterminated \"\"\" block")
    return "\n".join(body), i + 1


def split_row(line):
    """Cells of a Gherkin table row; '|' inside quotes or escaped stays."""
    s = line.strip()
    if not (s.startswith("|") and s.endswith("|")):
        raise FeatureError("not a table row")
    cells, cur, quote, k = [], "", None, 1
    while k < len(s) - 1:
        c = s[k]
        if c == "\\" and k + 1 < len(s) - 1 and s[k + 1] == "|":
            cur += "|"
            k += 2
            continue
        if c == "\\" and quote and k + 1 < len(s) - 1:
            cur += c + s[k + 1]
            k += 2
            continue
        if c in "'\"":
            quote = None if quote == c else (c if quote is None else quote)
        if c == "|" and quote is None:
            cells.append(cur.strip())
            cur = ""
        else:
            cur += c
        k += 1
    cells.append(cur.strip())
    return cells


def read_table(lines, i):
    rows = []
    while i < len(lines) and lines[i].strip().startswith("|"):
        rows.append(split_row(lines[i]))
        i += 1
    return rows, i


def substitute(text, example):
    for key, value in example.items():
        text = text.replace(f"<{key}>", value)
    return text


def parse_steps(steps, example, graphs_dir, where):
    """Builds the scenario dict from its (keyword line, argument) steps."""
    sc = {"graph": "empty", "setup": [], "parameters": {}, "query": None,
          "expect": None, "side_effects": None, "control": []}
    target = sc  # where the next Then goes: the query or the last control
    for text, arg, line_no in steps:
        text = substitute(text, example)
        loc = f"{where}:{line_no}"
        if text in ("Given an empty graph", "Given any graph"):
            sc["graph"] = "empty" if text.endswith("empty graph") else "any"
        elif m := re.match(r"^Given the ([\w-]+) graph$", text):
            name = m.group(1)
            sc["graph"] = name
            path = os.path.join(graphs_dir, name, name + ".cypher")
            try:
                with open(path, encoding="utf-8") as f:
                    sc["setup"].append(f.read().strip())
            except OSError:
                raise FeatureError(f"{loc}: named graph {name} not found at {path}")
        elif text == "And having executed:":
            sc["setup"].append(substitute(arg, example))
        elif text == "And parameters are:":
            for row in arg:
                if len(row) != 2:
                    raise FeatureError(f"{loc}: a parameter row needs name and value")
                sc["parameters"][row[0]] = substitute(row[1], example)
        elif text == "When executing query:":
            sc["query"] = substitute(arg, example)
            target = sc
        elif text == "When executing control query:":
            target = {"query": substitute(arg, example), "expect": None}
            sc["control"].append(target)
        elif m := RESULT_RE.match(text):
            header, *rows = [[substitute(c, example) for c in r] for r in arg]
            target["expect"] = {"kind": "rows", "ordered": m.group(1) == "order",
                                "lists_unordered": "ignoring element order" in text,
                                "columns": header, "rows": rows}
        elif text == "Then the result should be empty":
            target["expect"] = {"kind": "empty"}
        elif m := ERROR_RE.match(text):
            target["expect"] = {"kind": "error", "type": m.group(1), "phase": m.group(2),
                                "detail": m.group(3)}
        elif text == "And no side effects":
            sc["side_effects"] = {}
        elif text == "And the side effects should be:":
            sc["side_effects"] = {r[0]: int(substitute(r[1], example)) for r in arg}
        else:
            raise FeatureError(f"{loc}: unknown step '{text}'")
    if sc["query"] is None or sc["expect"] is None:
        raise FeatureError(f"{where}: a scenario needs a query and an expectation")
    return sc


def parse_feature(path, rel, graphs_dir, commit):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, i, n = [], 0, len(lines)
    feature_id = rel[:-len(".feature")]
    background = []
    while i < n:
        s = lines[i].strip()
        if s.startswith("Background:"):
            i, background, _, _ = read_scenario(lines, i + 1, rel)
            continue
        m = re.match(r"^(Scenario|Scenario Outline): (.*)$", s)
        if not m:
            i += 1
            continue
        title = m.group(2)
        num = re.match(r"^\[(\d+)\]", title)
        tags = [t for t in lines[i - 1].split() if t.startswith("@")] if i else []
        i, steps, examples, _ = read_scenario(lines, i + 1, rel)
        base = f"{feature_id}#{num.group(1) if num else len(out) + 1}"
        rows = examples if m.group(1) == "Scenario Outline" else [None]
        for k, example in enumerate(rows, 1):
            sc = parse_steps(background + steps, example or {}, graphs_dir, rel)
            record = {"id": base + (f".{k}" if example is not None else ""),
                      "feature": "tck/features/" + rel,
                      "scenario": substitute(title, example or {}), "tier": "tier1"}
            record.update(sc)
            record.update({"procedures": [], "tags": tags, "source_commit": commit})
            out.append(record)
    return out


def read_scenario(lines, i, where):
    """Reads steps (and Examples) up to the next scenario; returns
    (index, steps, examples, tags)."""
    steps, examples, n = [], [], len(lines)
    while i < n:
        s = lines[i].strip()
        if re.match(r"^(Scenario|Scenario Outline|Background):", s) or s.startswith("@"):
            break
        if s.startswith("Examples:"):
            table, i = read_table(lines, i + 1)
            header, *rows = table
            examples += [dict(zip(header, r)) for r in rows]
            continue
        if re.match(r"^(Given|When|Then|And|But) ", s):
            line_no = i + 1
            arg = None
            i += 1
            if i < n and lines[i].strip() == '"""':
                arg, i = read_docstring(lines, i, f"{where}:{line_no}")
            elif i < n and lines[i].strip().startswith("|"):
                arg, i = read_table(lines, i)
            text = s
            if s.endswith(":") is False and ERROR_RE.match(s) is None and arg is not None:
                raise FeatureError(f"{where}:{line_no}: step '{s}' takes no argument")
            steps.append((text, arg, line_no))
            continue
        i += 1
    return i, steps, examples, []


def convert(features_dir, graphs_dir, commit):
    records = []
    for root, _, files in sorted(os.walk(features_dir)):
        for name in sorted(files):
            if name.endswith(".feature"):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, features_dir)
                records += parse_feature(path, rel, graphs_dir, commit)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv[1:] if a != "--check"]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, features_dir, graphs_dir = args
    commit_file = os.path.join(os.path.dirname(os.path.abspath(features_dir)), "COMMIT")
    try:
        with open(commit_file, encoding="utf-8") as f:
            commit = f.read().strip()
        text = convert(features_dir, graphs_dir, commit)
    except (OSError, FeatureError) as e:
        print(f"tck_convert: {e}", file=sys.stderr)
        return 2
    if check:
        try:
            with open(out, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            print(f"tck_convert: {out} is stale; rerun scripts/tck_convert.py", file=sys.stderr)
            return 1
        return 0
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"tck_convert: {text.count(chr(10))} scenarios -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
