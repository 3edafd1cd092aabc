#!/usr/bin/env python3
"""A stand-in for a language-model extractor, for tests/ingest/extractor_test.cc.

Reads kg's request (source, text, sentences, known entities) on stdin and
answers with candidates in the review format: two good ones (a new entity and
a relation using it and a known entity, quotes cut from the text by code-point
offsets) and four bad ones (an invented quote, a type outside the ontology, an
unknown endpoint, a line that is not JSON).
"""
import json
import sys

req = json.load(sys.stdin)
text = req["text"]
known = {e["name"]: e["id"] for e in req["entities"]}
sentence = next(s for s in req["sentences"] if "Da Vinci" in s["text"])


def line(**kw):
    base = {"source": req["source"]["id"], "start": sentence["start"], "end": sentence["end"],
            "quote": text[sentence["start"]:sentence["end"]], "confidence": 0.9, "accept": True,
            "why": "fake extractor"}
    base.update(kw)
    print(json.dumps(base))


line(kind="entity", id="x1", name="Da Vinci architecture", label="Technology")
line(kind="relation", id="x2", type="DEVELOPS", **{"from": known["Huawei"], "to": "x1"})
line(kind="relation", id="x3", type="DEVELOPS", quote="Huawei invented the transistor.",
     **{"from": known["Huawei"], "to": "x1"})
line(kind="relation", id="x4", type="OWNS", **{"from": known["Huawei"], "to": "x1"})
line(kind="relation", id="x5", type="DEVELOPS", **{"from": "nobody", "to": "x1"})
print("this is not json")
