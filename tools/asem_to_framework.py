#!/usr/bin/env python3
"""Converts the ASEM composite-indicator data (COINr's example: 51 countries, 49 indicators,
4 levels) into a Resilience framework and assessment CSV, and computes the expected index
independently of the engine (min-max per indicator, inverted where lower is better, weighted
arithmetic means over the scored children, min_coverage 0), so a test can prove the engine
general. Denominators are not applied: the raw values are scored as they are.

Usage: tools/asem_to_framework.py ../shared/data/asem tests/fixtures/asem
"""
import csv
import json
import sys
from pathlib import Path

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
meta = [r for r in csv.DictReader(open(src / "ASEM_iMeta.csv", encoding="utf-8"))
        if r["Type"] in ("Indicator", "Aggregate")]
children = {}
for r in meta:
    children.setdefault(r["Parent"], []).append(r)
by_code = {r["iCode"]: r for r in meta}
root = next(r for r in meta if not r["Parent"])


def node(r):
    n = {"id": r["iCode"], "title": {"en": r["iName"]}, "weight": float(r["Weight"] or 1)}
    if r["Type"] == "Indicator":
        n["direction"] = "higher_is_worse" if float(r["Direction"]) < 0 else "higher_is_better"
        n["normalisation"] = "minmax"
    else:
        n["aggregation"] = "arithmetic"
        n["min_coverage"] = 0
        n["children"] = [node(c) for c in children[r["iCode"]]]
    return n


tree = node(root)
del tree["weight"]
framework = {
    "id": "asem-connectivity", "version": "2018",
    "title": {"en": "ASEM Sustainable Connectivity (COINr example data)"},
    "bands": [{"id": "low", "min": 0}, {"id": "middle", "min": 33.3}, {"id": "high", "min": 66.7}],
    "root": tree,
}
json.dump(framework, open(out / "framework.json", "w"), indent=1, ensure_ascii=False)

indicators = [r["iCode"] for r in meta if r["Type"] == "Indicator"]
rows = list(csv.DictReader(open(src / "ASEM_iData.csv", encoding="utf-8")))
with open(out / "data.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "unit", "date"] + indicators)
    for r in rows:
        w.writerow([r["uCode"], r["uName"], ""] + [r[i] for i in indicators])

# The expected scores, computed here without the engine.
values = {i: {r["uCode"]: float(r[i]) for r in rows if r[i] != ""} for i in indicators}
norm = {}
for i in indicators:
    lo, hi = min(values[i].values()), max(values[i].values())
    worse = float(by_code[i]["Direction"]) < 0
    norm[i] = {u: (100 - 100 * (v - lo) / (hi - lo)) if worse else 100 * (v - lo) / (hi - lo)
               for u, v in values[i].items()}


def score(code, unit):
    r = by_code[code]
    if r["Type"] == "Indicator":
        return norm[code].get(unit)
    scored = [(float(c["Weight"] or 1), score(c["iCode"], unit)) for c in children[code]]
    scored = [(w, s) for w, s in scored if s is not None]
    if not scored:
        return None
    return sum(w * s for w, s in scored) / sum(w for w, _ in scored)


expected = {r["uCode"]: {code: score(code, r["uCode"]) for code in by_code if by_code[code]["Type"] == "Aggregate"}
            for r in rows}
json.dump(expected, open(out / "expected.json", "w"), indent=1, sort_keys=True)
print(f"{len(indicators)} indicators, {len(rows)} units, "
      f"{sum(1 for r in rows for i in indicators if r[i] == '')} missing cells")
