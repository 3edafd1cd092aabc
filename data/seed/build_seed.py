#!/usr/bin/env python3
"""Source of truth for kg's bundled seed dataset (data/seed/*.csv).

Hand-built from the two articles in data/sources/ (the 2025-07-16 media
exchange of NVIDIA's CEO Jensen Huang in China). Every relation quotes its
article verbatim; scripts/check_seed.py verifies that and the ontology rules.

Usage: python3 data/seed/build_seed.py [OUT_DIR]
Rewrites entities.csv and relations.csv in OUT_DIR (default: this directory;
ctest `data_seed_in_sync` writes to a temp dir and compares byte for byte).
Edit the lists in seed_entities.py, seed_relations.py and seed_stances.py,
never the CSVs by hand.
"""
import csv
import os
import re
import sys

# The lists, in the order their rows are written: entities and dates, then
# the factual relations, then the stances and later additions (importing
# seed_stances runs all three).
from seed_stances import *  # noqa: E402,F401,F403

# ---------------------------------------------------------------- output
def emit_date(d):
    """The date as written, or "" for none; a week, month or year only when
    EMIT_COARSE_DATES (a day-only engine would reject it)."""
    if not d:
        return ""
    if not EMIT_COARSE_DATES and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return ""
    return d


def write(out_dir=HERE):
    with open(os.path.join(out_dir, "entities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["id:ID", ":LABEL", "name", "aliases:string[]", "description",
                    "start:date", "end:date", "start_text", "end_text", "ongoing:boolean"])
        for eid, kind, name, aliases, desc in ENTITIES:
            d = EVENT_DATES.get(eid, {})
            w.writerow([eid, kind, name, ";".join(aliases), desc, emit_date(d.get("start")),
                        emit_date(d.get("end")), d.get("start_text", ""), d.get("end_text", ""),
                        "true" if d.get("ongoing") else ""])
    with open(os.path.join(out_dir, "relations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow([":START_ID", ":END_ID", ":TYPE", "stance:float", "valid_from:date", "valid_to:date",
                    "quote", "speaker", "source", "date:date", "confidence:float",
                    "valid_from_text", "valid_to_text", "modality", "component"])
        for r in R:
            stance = "" if r["stance"] is None else f"{r['stance']:g}"
            w.writerow([r["s"], r["e"], r["t"], stance, emit_date(r["vf"]), emit_date(r["vt"]),
                        r["quote"], r["speaker"], r["src"], r["date"], f"{r['conf']:g}",
                        r["vf_text"] or "", r["vt_text"] or "", r["modality"] or "", r["component"] or ""])
    print(f"wrote {len(ENTITIES)} entities, {len(R)} relations")


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help")):
        print(__doc__)
        sys.exit(2)
    write(sys.argv[1] if len(sys.argv) == 2 else HERE)
