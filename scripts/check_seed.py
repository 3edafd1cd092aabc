#!/usr/bin/env python3
"""Checks kg's bundled seed dataset (data/seed/entities.csv, relations.csv).

Usage: python3 scripts/check_seed.py [SEEDS_DIR]
SEEDS_DIR holds the source articles (default: data/sources relative to the
repository root). Standard library only. Reports every problem it finds, then
a summary line "seed: N entities, M relations, K problems"; exits 1 if K > 0.

Checks: CSV headers; ids unique and non-empty; kinds known; name present;
no alias (case-insensitively) repeated within an entity, equal to its own
name, shared by two entities or equal to another entity's name; endpoints
exist; relation type known and endpoint kinds allowed by
schema/ontology/builtin.json; stance only on stance types, numeric, in
[-1, 1], > 0 for PRAISES/RESPECTS/WELCOMES and < 0 for CRITICIZES;
confidence in [0, 1]; dates ISO (YYYY-MM-DD) and valid_from <= valid_to;
quote, speaker, source, date present; source is a seed file and the quote
an exact (byte for byte) substring of it; no exact duplicate relation; the
names the articles use for an entity (REQUIRED_NAMES: ticker forms, Chinese
names, transcript spellings) are its name or alias.
"""
import csv
import datetime
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENTITIES = os.path.join(ROOT, "data", "seed", "entities.csv")
RELATIONS = os.path.join(ROOT, "data", "seed", "relations.csv")
ONTOLOGY = os.path.join(ROOT, "schema", "ontology", "builtin.json")
ENTITY_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "description",
                 "start:date", "end:date", "start_text", "end_text", "ongoing:boolean"]
RELATION_HEADER = [":START_ID", ":END_ID", ":TYPE", "stance:float", "valid_from:date", "valid_to:date",
                   "quote", "speaker", "source", "date:date", "confidence:float",
                   "valid_from_text", "valid_to_text", "modality", "component"]
# Intentions are their own types and say how they were worded.
MODALITY_TYPES = {"INTENDS_TO_SUPPLY", "INTENDS_TO_INVEST_IN"}
MODALITIES = {"hope", "plan", "pledge"}
# Types that state the start does the end; none may meet an ABSTAINS_FROM.
DOING_TYPES = {"DEVELOPS", "MAKES", "MAKES_KIND_OF", "PROVIDES_SERVICE"}
# Each spelling an article uses (or a reader will type) -> the canonical name
# it must belong to. The ticker forms are every `[A-Za-z]*[A-Z]{2,5}--` of 001.
REQUIRED_NAMES = {
    "NVIDIANVDA--": "NVIDIA", "英伟达": "NVIDIA",
    "AMDAMD--": "AMD", "QualcommQCOM--": "Qualcomm", "AmazonAMZN--": "Amazon",
    "Yushu": "Unitree Robotics", "宇树科技": "Unitree Robotics",
    "Qianwen": "Qwen", "Tongyi Qianwen": "Qwen", "通义千问": "Qwen",
    "Moonlight": "Moonshot AI", "华为": "Huawei", "Xiaomi Auto": "Xiaomi", "小米": "Xiaomi",
    "黄仁勋": "Jensen Huang", "雷军": "Lei Jun", "Gentle AI": "Agentic AI",
    "Chain Expo": "3rd China International Supply Chain Expo", "CISCE": "3rd China International Supply Chain Expo",
}
POSITIVE = {"PRAISES", "RESPECTS", "WELCOMES"}
NEGATIVE = {"CRITICIZES"}


class Report:
    def __init__(self):
        self.problems = 0

    def error(self, where, msg):
        self.problems += 1
        print(f"{where}: {msg}")


def read_csv(path, header, rep):
    """Returns [(line_number, row_dict)]; line numbers are 1-based file lines."""
    name = os.path.relpath(path, ROOT)
    try:
        f = open(path, newline="", encoding="utf-8")
    except OSError as e:
        rep.error(name, f"cannot open: {e}")
        return []
    with f:
        reader = csv.reader(f, strict=True)
        rows = []
        try:
            got = next(reader, None)
            if got != header:
                rep.error(f"{name}:1", f"header must be {','.join(header)}, got {got}")
                return []
            for row in reader:
                line = reader.line_num
                if not row:
                    rep.error(f"{name}:{line}", "empty line")
                    continue
                if len(row) != len(header):
                    rep.error(f"{name}:{line}", f"expected {len(header)} fields, got {len(row)}")
                    continue
                rows.append((line, dict(zip(header, row))))
        except csv.Error as e:
            rep.error(f"{name}:{reader.line_num}", f"CSV error: {e}")
        return rows


def parse_date(text):
    """A date at its precision -> (first day, last day), or None.
    "2025-07-16" (day), "2025-W28" (ISO week), "2025-04" (month), "1999" (year)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            d = datetime.date.fromisoformat(text)
            return d, d
        m = re.fullmatch(r"(\d{4})-W(\d{2})", text)
        if m:
            first = datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + datetime.timedelta(days=6)
        m = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if m:
            first = datetime.date(int(m[1]), int(m[2]), 1)
            nxt = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - datetime.timedelta(days=1)
        if re.fullmatch(r"\d{4}", text):
            return datetime.date(int(text), 1, 1), datetime.date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def parse_float(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return v if v == v and abs(v) != float("inf") else None


def check_entity_dates(where, eid, kind, r, rep):
    """Events carry start/end at their precision; ongoing means no end known."""
    dated = [c for c in ("start:date", "end:date", "start_text", "end_text", "ongoing:boolean") if r[c]]
    if dated and kind != "Event":
        rep.error(where, f"'{eid}' is a {kind}; only an Event has {', '.join(dated)}")
        return
    span = {}
    for col in ("start:date", "end:date"):
        if r[col]:
            span[col] = parse_date(r[col])
            if span[col] is None:
                rep.error(where, f"'{eid}' {col.split(':')[0]} '{r[col]}' is not a date (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY)")
    if span.get("start:date") and span.get("end:date") and span["start:date"][0] > span["end:date"][1]:
        rep.error(where, f"'{eid}' starts after it ends")
    if r["ongoing:boolean"] not in ("", "true"):
        rep.error(where, f"'{eid}' ongoing must be true or empty, got '{r['ongoing:boolean']}'")
    if r["ongoing:boolean"] and r["end:date"]:
        rep.error(where, f"'{eid}' is ongoing but has an end")


def check_entities(rows, kinds, rep):
    """Returns {id: kind}."""
    name = "data/seed/entities.csv"
    ids, names, aliases = {}, {}, {}  # lowercased name/alias -> (id, line)
    for line, r in rows:
        where = f"{name}:{line}"
        eid, kind, ename = r["id:ID"], r[":LABEL"], r["name"]
        if not eid:
            rep.error(where, "empty id")
            continue
        if eid in ids:
            rep.error(where, f"duplicate id '{eid}'")
            continue
        ids[eid] = kind
        if kind not in kinds:
            rep.error(where, f"unknown kind '{kind}' for '{eid}' (kinds: {', '.join(sorted(kinds))})")
        if not ename.strip():
            rep.error(where, f"'{eid}' has no name")
        elif ename.lower() in names:
            rep.error(where, f"name '{ename}' also names '{names[ename.lower()][0]}'")
        else:
            names[ename.lower()] = (eid, line)
        if not r["description"].strip():
            rep.error(where, f"'{eid}' has no description")
        check_entity_dates(where, eid, kind, r, rep)
    for line, r in rows:
        where = f"{name}:{line}"
        eid, ename = r["id:ID"], r["name"]
        seen = set()
        for alias in (a for a in r["aliases:string[]"].split(";") if r["aliases:string[]"]):
            key = alias.lower()
            if not alias.strip() or alias != alias.strip():
                rep.error(where, f"'{eid}' has an empty or padded alias '{alias}'")
            if key == ename.lower():
                rep.error(where, f"'{eid}' alias '{alias}' equals its own name (case-insensitively)")
            elif key in seen:
                rep.error(where, f"'{eid}' lists alias '{alias}' twice (case-insensitively)")
            seen.add(key)
            if key in names and names[key][0] != eid:
                rep.error(where, f"'{eid}' alias '{alias}' is the name of '{names[key][0]}'")
            other = aliases.get(key)
            if other and other[0] != eid:
                rep.error(where, f"alias '{alias}' belongs to both '{other[0]}' (line {other[1]}) and '{eid}'")
            aliases.setdefault(key, (eid, line))
    canonical = {r["name"]: r for _, r in rows}
    for spelling, want in REQUIRED_NAMES.items():
        r = canonical.get(want)
        found = r is not None and (spelling.lower() == want.lower() or spelling.lower() in
                                   (a.lower() for a in r["aliases:string[]"].split(";")))
        if not found:
            rep.error(name, f"'{spelling}' must be a name or alias of '{want}'")
    return ids


def check_relations(rows, ids, types, seeds_dir, rep):
    name = "data/seed/relations.csv"
    texts, seen, pairs = {}, {}, {}
    for line, r in rows:
        where = f"{name}:{line}"
        s, e, t = r[":START_ID"], r[":END_ID"], r[":TYPE"]
        for col in ("quote", "speaker", "source", "date:date"):
            if not r[col].strip():
                rep.error(where, f"missing {col.split(':')[0]}")
        for end, col in ((s, "start"), (e, "end")):
            if end not in ids:
                rep.error(where, f"{col} id '{end}' is not an entity")
        d = types.get(t)
        if d is None:
            rep.error(where, f"unknown relation type '{t}'")
        elif s in ids and e in ids:
            if ids[s] not in d["from"]:
                rep.error(where, f"{t} starts at {'/'.join(d['from'])}, got {ids[s]} '{s}'")
            if ids[e] not in d["to"]:
                rep.error(where, f"{t} ends at {'/'.join(d['to'])}, got {ids[e]} '{e}'")
        # stance
        st = r["stance:float"]
        if st:
            v = parse_float(st)
            if d is not None and not d.get("stance"):
                rep.error(where, f"{t} carries no stance, got {st}")
            elif v is None or not -1 <= v <= 1:
                rep.error(where, f"stance must be a number in [-1, 1], got '{st}'")
            elif t in POSITIVE and v <= 0:
                rep.error(where, f"{t} stance must be > 0, got {st}")
            elif t in NEGATIVE and v >= 0:
                rep.error(where, f"{t} stance must be < 0, got {st}")
        elif d is not None and d.get("stance"):
            rep.error(where, f"{t} is a stance type but has no stance")
        # confidence
        c = r["confidence:float"]
        if c:
            v = parse_float(c)
            if v is None or not 0 <= v <= 1:
                rep.error(where, f"confidence must be a number in [0, 1], got '{c}'")
        else:
            rep.error(where, "missing confidence")
        # dates
        dates = {}
        for col in ("valid_from:date", "valid_to:date", "date:date"):
            if r[col]:
                dates[col] = parse_date(r[col])
                if dates[col] is None:
                    rep.error(where, f"{col.split(':')[0]} '{r[col]}' is not a date (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY)")
        vf, vt = dates.get("valid_from:date"), dates.get("valid_to:date")
        if vf and vt and vf[0] > vt[1]:
            rep.error(where, f"valid_from {r['valid_from:date']} is after valid_to {r['valid_to:date']}")
        if r["date:date"] and len(r["date:date"]) != 10:
            rep.error(where, f"date (the statement date) must be a day, got '{r['date:date']}'")
        # intentions, components
        if t in MODALITY_TYPES and r["modality"] not in MODALITIES:
            rep.error(where, f"{t} needs a modality in {sorted(MODALITIES)}, got '{r['modality']}'")
        elif t not in MODALITY_TYPES and r["modality"]:
            rep.error(where, f"modality only on {sorted(MODALITY_TYPES)}, got it on {t}")
        if r["component"] and t != "SUPPLIES":
            rep.error(where, f"component only on SUPPLIES, got it on {t}")
        pairs.setdefault((s, e), {}).setdefault(t, line)
        # quote provenance
        src = r["source"]
        if src:
            if os.path.basename(src) != src:
                rep.error(where, f"source must be a seed file name, got '{src}'")
            elif src not in texts:
                try:
                    with open(os.path.join(seeds_dir, src), "rb") as f:
                        texts[src] = f.read()
                except OSError:
                    texts[src] = None
                    rep.error(where, f"source '{src}' not found in {seeds_dir}")
            text = texts.get(src)
            q = r["quote"]
            if text is not None and q and q.encode("utf-8") not in text:
                rep.error(where, f"quote is not an exact substring of {src}: {q!r}")
        key = (s, e, t, r["quote"], r["source"])
        if key in seen:
            rep.error(where, f"duplicates line {seen[key]}")
        seen.setdefault(key, line)
    for (s, e), by_type in pairs.items():
        if "ABSTAINS_FROM" in by_type:
            for t in DOING_TYPES & by_type.keys():
                rep.error(f"{name}:{by_type['ABSTAINS_FROM']}",
                          f"'{s}' ABSTAINS_FROM '{e}' but also {t} it (line {by_type[t]})")


def check_sources(seeds_dir, rows, rep):
    """sources.json in seeds_dir describes every article: its SHA-256 matches the
    file, and every relation's source is one of its records."""
    path = os.path.join(seeds_dir, "sources.json")
    try:
        with open(path, encoding="utf-8") as f:
            records = json.load(f)
    except (OSError, ValueError) as e:
        rep.error(path, f"cannot load the source records: {e}")
        return
    known = set()
    for i, rec in enumerate(records, 1):
        where = f"{path}: record {i}"
        if not isinstance(rec, dict) or not rec.get("file") or not rec.get("title"):
            rep.error(where, "needs at least 'file' and 'title'")
            continue
        known.add(rec["file"])
        try:
            with open(os.path.join(seeds_dir, rec["file"]), "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            rep.error(where, f"file '{rec['file']}' not found")
            continue
        if digest != rec.get("sha256"):
            rep.error(where, f"sha256 of {rec['file']} is {digest}, the record says {rec.get('sha256')}")
    for line, r in rows:
        if r.get("source") and r["source"] not in known:
            rep.error(f"data/seed/relations.csv:{line}", f"source '{r['source']}' has no record in {path}")


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__)
        return 2
    seeds_dir = argv[1] if len(argv) == 2 else os.path.join(ROOT, "data", "sources")
    rep = Report()
    try:
        with open(ONTOLOGY, encoding="utf-8") as f:
            onto = json.load(f)
        kinds = {k["name"] for k in onto["kinds"]}
        types = {r["type"]: r for r in onto["relations"]}
    except (OSError, ValueError, KeyError, TypeError) as e:
        rep.error("schema/ontology/builtin.json", f"cannot load ontology: {e}")
        print(f"seed: 0 entities, 0 relations, {rep.problems} problems")
        return 1
    for t, d in types.items():
        for k in d["from"] + d["to"]:
            if k not in kinds:
                rep.error("schema/ontology/builtin.json", f"relation '{t}' names unknown kind '{k}'")
    if not os.path.isdir(seeds_dir):
        rep.error(seeds_dir, "seeds directory not found")
    erows = read_csv(ENTITIES, ENTITY_HEADER, rep)
    rrows = read_csv(RELATIONS, RELATION_HEADER, rep)
    ids = check_entities(erows, kinds, rep)
    check_relations(rrows, ids, types, seeds_dir, rep)
    check_sources(seeds_dir, rrows, rep)
    print(f"seed: {len(erows)} entities, {len(rrows)} relations, {rep.problems} problems")
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
