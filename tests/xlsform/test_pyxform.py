#!/usr/bin/env python3
"""The XLSForm against the reference tools, and the round trip through a field export.

For the default framework and for tests/xlsform/custom_framework.json (three languages, nested
groups, a scale without anchors, a risk-framed indicator, an indicator with no scale, one at the
root, two questions named `access`):

1. `resilience xlsform` writes the form;
2. pyxform converts it with no warning, and ODK Validate (bundled with pyxform, run on Java)
   accepts the XForm;
3. the XForm is read back: one control per indicator, "don't know", "not applicable" and "unsafe
   to ask" in every choice list, every language present, each indicator's evidence questions and
   the warning signs;
4. round trip: from the XForm's own instance paths, labels and choices, build CSV exports the way
   KoboToolbox ("XML values" with `;`, BOM and decimal commas; "labels" in French) and ODK
   Central (`-` paths, metadata) write them, with random answers, evidence and warning signs;
   `resilience import-odk` must give the same scores, evidence and signs as the same answers
   entered by hand in the engine's JSON (respondents combined as docs/prevention-fields.md says);
5. `resilience export-xlsx` writes a workbook openpyxl reads, with the same overall scores.

Needs: python3 with `pip install pyxform` (brings openpyxl), `java` on PATH, cargo.
Run: python3 tests/xlsform/test_pyxform.py   (exit status 0 = pass)
Set RESILIENCE_BIN to use an already built binary instead of `cargo build --release`.
"""

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CUSTOM = os.path.join(ROOT, "tests", "xlsform", "custom_framework.json")
XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"

FAILURES = []
# The choices that give a reason instead of a score, and the engine's names for them.
REASONS = {"dk": "dont_know", "na": "not_applicable", "unsafe": "unsafe_to_ask"}


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def binary():
    if os.environ.get("RESILIENCE_BIN"):
        return os.environ["RESILIENCE_BIN"]
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "resilience"], cwd=ROOT, check=True
    )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "resilience")


BIN = None


def run(*args, stdin=None):
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"resilience {' '.join(args)} failed:\n{p.stderr}")
    return p.stdout, p.stderr


def convert(xlsx, xml):
    """pyxform with ODK Validate; returns pyxform's warnings."""
    from pyxform.xls2xform import xls2xform_convert

    return xls2xform_convert(xlsform_path=xlsx, xform_path=xml, validate=True)


def read_xform(path):
    """Questions in form order: {path: [names], type, labels: {lang: text}, choices: [(name, {lang: label})]}."""
    tree = ET.parse(path)
    root = tree.getroot()
    model = root.find(f"{H}head/{XF}model")
    itext = {}
    for tr in model.find(f"{XF}itext"):
        lang = tr.get("lang")
        for t in tr:
            vals = [v for v in t.findall(f"{XF}value") if v.get("form") is None]
            itext.setdefault(t.get("id"), {})[lang] = vals[0].text if vals else ""
    instances = {i.get("id"): i for i in model.findall(f"{XF}instance")}
    data = instances[None][0]
    binds = {b.get("nodeset"): b for b in model.findall(f"{XF}bind")}
    langs = [tr.get("lang") for tr in model.find(f"{XF}itext")]

    controls = {}

    def walk(el):
        for c in el:
            tag = c.tag.replace(XF, "")
            if tag in ("input", "select1", "select"):
                controls[c.get("ref")] = c
            walk(c)

    walk(root.find(f"{H}body"))

    questions = []
    groups = {}

    def leaves(el, prefix):
        for c in el:
            tag = c.tag.replace(XF, "")
            ref = prefix + "/" + tag
            if len(c):
                if tag != "meta":
                    lab = controls_group_label(root, ref, itext)
                    groups[ref] = lab
                leaves(c, ref)
            else:
                ctl = controls.get(ref)
                if ctl is None:
                    continue
                bind = binds.get(ref)
                kind = bind.get("type") if bind is not None else "string"
                label_ref = ctl.find(f"{XF}label").get("ref")
                labels = itext[label_ref[len("jr:itext('") : -2]]
                choices = []
                its = ctl.find(f"{XF}itemset")
                if its is not None:
                    inst = its.get("nodeset").split("'")[1]
                    for item in instances[inst][0]:
                        choices.append((item.find(f"{XF}name").text, itext[item.find(f"{XF}itextId").text]))
                questions.append(
                    {
                        "ref": ref,
                        "path": ref.split("/")[2:],
                        "type": {f"{XF}select1": "select1", f"{XF}select": "select"}.get(ctl.tag, kind),
                        "labels": labels,
                        "choices": choices,
                        "required": bind is not None and bind.get("required") == "true()",
                    }
                )

    leaves(data, "/" + data.tag.replace(XF, ""))
    return questions, groups, langs


def controls_group_label(root, ref, itext):
    for g in root.iter(f"{XF}group"):
        if g.get("ref") == ref:
            lab = g.find(f"{XF}label")
            if lab is not None:
                return itext[lab.get("ref")[len("jr:itext('") : -2]]
    return {}


def indicators(fw):
    """Indicator id → (English title, scale or None, anchors)."""
    out = {}

    def walk(n):
        if "children" in n:
            for c in n["children"]:
                walk(c)
        else:
            out[n["id"]] = n

    walk(fw["root"])
    return out


def round_trip(name, fw_path, fw, tmp):
    xlsx = os.path.join(tmp, f"{name}.xlsx")
    xml = os.path.join(tmp, f"{name}.xml")
    fw_args = ["--framework", fw_path] if fw_path else []
    run("xlsform", *fw_args, xlsx)
    warnings = convert(xlsx, xml)
    check(warnings == [], f"{name}: pyxform warnings {warnings}")
    print(f"{name}: pyxform converted with {len(warnings)} warning(s); ODK Validate passed")

    questions, groups, langs = read_xform(xml)
    inds = indicators(fw)
    want_langs = [
        {"en": "English (en)", "fr": "Français (fr)", "sw": "Kiswahili (sw)"}[l] for l in fw["languages"]
    ]
    check(sorted(langs) == sorted(want_langs), f"{name}: languages {langs}")
    by_title = {ind["title"]["en"]: iid for iid, ind in inds.items()}
    scored = [q for q in questions if q["labels"].get("English (en)") in by_title]
    check(len(scored) == len(inds), f"{name}: {len(scored)} questions for {len(inds)} indicators")
    for q in scored:
        ind = inds[by_title[q["labels"]["English (en)"]]]
        anchors = ind.get("scale", {}).get("anchors", [])
        if anchors:
            names = [c[0] for c in q["choices"]]
            check(q["type"] == "select1", f"{name}: {q['ref']} is {q['type']}")
            check(names[-3:] == list(REASONS), f"{name}: {q['ref']} lacks the dk, na, unsafe choices")
            check(
                [float(n) for n in names[:-3]] == [a["value"] for a in anchors],
                f"{name}: {q['ref']} choices {names}",
            )
            check(q["required"], f"{name}: {q['ref']} not required")
        else:
            check(q["type"] == "decimal", f"{name}: {q['ref']} is {q['type']}")
    # Each indicator's evidence questions and each sign's, by their labels (docs/prevention-fields.md).
    by_label = {q["labels"].get("English (en)"): q for q in questions}
    evidence = {}
    for iid, ind in inds.items():
        t = ind["title"]["en"]
        qs = [by_label.get(f"{t}: {w}") for w in ("sources", "date of the evidence", "confidence")]
        check(all(qs), f"{name}: {iid} lacks its evidence questions")
        if all(qs):
            check([q["type"] for q in qs] == ["select", "date", "select1"], f"{name}: {iid} evidence types")
            check(not any(q["required"] for q in qs), f"{name}: {iid} evidence required")
            evidence[iid] = qs
    signs = {}
    for item in fw.get("context", []):
        t = item["title"]["en"]
        qs = [by_label.get(t), by_label.get(f"{t}: date"), by_label.get(f"{t}: what was seen")]
        check(all(qs), f"{name}: sign {item['id']} lacks its questions")
        if all(qs):
            check(qs[0]["required"] and qs[0]["type"] == "select1", f"{name}: sign {item['id']} status")
            signs[item["id"]] = qs
    unit = next(q for q in questions if q["path"] == ["unit"])
    date = next(q for q in questions if q["path"] == ["date"])
    check(date["type"] == "date", f"{name}: date question type {date['type']}")

    # Random answers: 3 assessments of 1–6 respondents.
    rng = random.Random(8)
    subs = []
    for k, (u, d) in enumerate([("Nakuru County", "2026-03-14"), ("Kisumu; Lakeside", "2026-03-15"), ("Garissa \"North\"", "2026-03-16")]):
        for r in range(rng.randint(1, 6)):
            answers = {}
            for q in scored:
                ind = inds[by_title[q["labels"]["English (en)"]]]
                if q["choices"]:
                    answers[q["ref"]] = rng.choice(q["choices"])
                else:
                    s = ind.get("scale", {"min": 0, "max": 100})
                    v = round(rng.uniform(s["min"], s["max"]), 1)
                    answers[q["ref"]] = None if rng.random() < 0.1 else v
                iid = by_title[q["labels"]["English (en)"]]
                a = answers[q["ref"]]
                scored_here = a is not None and not (isinstance(a, tuple) and a[0] in REASONS)
                if iid in evidence and scored_here and rng.random() < 0.5:
                    src, day, conf = evidence[iid]
                    answers[src["ref"]] = rng.sample(src["choices"], rng.randint(1, 3))
                    if rng.random() < 0.7:
                        answers[day["ref"]] = f"2026-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}"
                    if rng.random() < 0.8:
                        answers[conf["ref"]] = rng.choice(conf["choices"])
            for sid, (status, day, note) in signs.items():
                if rng.random() < 0.6:
                    st = rng.choice(status["choices"])
                    answers[status["ref"]] = st
                    if st[0] == "present":
                        answers[day["ref"]] = f"2026-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}"
                        answers[note["ref"]] = rng.choice(["leaflets in the market", "a convoy; at night", "seen \"twice\""])
            subs.append((u, d, answers))

    def value_of(a):
        """The hand-entered value of an answer: anchor value, {"missing": reason}, None for blank."""
        if a is None:
            return None
        if isinstance(a, tuple):
            return {"missing": REASONS[a[0]]} if a[0] in REASONS else float(a[0])
        return a

    hand = []
    for u, d in dict.fromkeys((u, d) for u, d, _ in subs):
        rows = [ans for uu, dd, ans in subs if (uu, dd) == (u, d)]
        scores = {}
        for q in scored:
            scores[by_title[q["labels"]["English (en)"]]] = [value_of(r[q["ref"]]) for r in rows]
        item = {"id": f"{u} / {d}", "unit": u, "date": d, "scores": scores}
        ev = {}
        for iid, (src, day, conf) in evidence.items():
            e = {}
            for r in rows:
                if src["ref"] in r:
                    e.setdefault("source", set()).update(c[0] for c in r[src["ref"]])
                if day["ref"] in r:
                    e["date"] = max(e.get("date", ""), r[day["ref"]])
                if conf["ref"] in r:
                    order = ["low", "medium", "high"]
                    c = r[conf["ref"]][0]
                    e["confidence"] = min(e.get("confidence", "high"), c, key=order.index)
            if e:
                if "source" in e:
                    e["source"] = sorted(e["source"])
                ev[iid] = e
        ctx = {}
        for sid, (status, day, note) in signs.items():
            c = {}
            for r in rows:
                if status["ref"] not in r:
                    continue
                strength = ["unknown", "absent", "present"]
                st = r[status["ref"]][0]
                c["status"] = max(c.get("status", "unknown"), st, key=strength.index)
                if day["ref"] in r:
                    c["date"] = max(c.get("date", ""), r[day["ref"]])
                if note["ref"] in r:
                    notes = c.get("note", "").split("; ") if c.get("note") else []
                    if r[note["ref"]] not in notes:
                        c["note"] = "; ".join(notes + [r[note["ref"]]])
            if c:
                ctx[sid] = c
        item["evidence"], item["context"] = ev, ctx
        hand.append(item)
    hand_path = os.path.join(tmp, f"{name}-hand.json")
    with open(hand_path, "w") as f:
        json.dump({"assessments": hand}, f)
    expected, _ = run("score", *fw_args, hand_path)
    expected = json.loads(expected)

    def export(style):
        sep = {"kobo": ";", "kobo_labels": ";", "central": ","}[style]
        joiner = "-" if style == "central" else "/"
        lang = "Français (fr)" if "Français (fr)" in langs else langs[0]
        header = (["SubmissionDate"] if style == "central" else ["start", "end"])
        for q in questions:
            if style == "kobo_labels":
                if q["path"] in (["unit"], ["date"]):
                    header.append(q["labels"][lang])
                    continue
                parts = []
                for i in range(1, len(q["path"])):
                    ref = "/" + "/".join(["data"] + q["path"][:i])
                    parts.append(groups.get(ref, {}).get(lang, ""))
                header.append("/".join(parts + [q["labels"][lang]]))
            else:
                header.append(joiner.join(q["path"]))
        if style == "central":
            header += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
                       "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
        else:
            header += ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                       "_submitted_by", "__version__", "_tags", "_index"]
        out = io.StringIO()
        w = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_ALL if sep == ";" else csv.QUOTE_MINIMAL,
                       lineterminator="\r\n" if sep == ";" else "\n")
        w.writerow(header)
        for i, (u, d, ans) in enumerate(subs):
            uuid = f"00000000-0000-4000-8000-{i:012d}"
            row = [f"{d}T06:0{i % 10}:00.000Z"] if style == "central" else [f"{d}T09:00:00.000+03:00", f"{d}T09:40:00.000+03:00"]
            for q in questions:
                if q["path"] == ["unit"]:
                    row.append(u)
                elif q["path"] == ["date"]:
                    row.append(d)
                elif q["ref"] in ans:
                    a = ans[q["ref"]]
                    if a is None:
                        row.append("")
                    elif isinstance(a, list):
                        row.append(" ".join(c[1][lang] if style == "kobo_labels" else c[0] for c in a))
                    elif isinstance(a, str):
                        row.append(a)
                    elif isinstance(a, tuple):
                        row.append(a[1][lang] if style == "kobo_labels" else a[0])
                    else:
                        row.append(str(a).replace(".", ",") if sep == ";" else str(a))
                else:
                    row.append("")
            if style == "central":
                row += [f"uuid:{uuid}", f"uuid:{uuid}", "7", "Grace Atieno", "0", "0", "", "approved", "collect:x1", "0", fw["version"]]
            else:
                row += [str(1000 + i), uuid, f"{d}T07:00:00", "", "[]", "submitted_via_web", "team1", "vX1", "[]", str(i + 1)]
            w.writerow(row)
        text = out.getvalue()
        return ("\ufeff" + text) if style == "kobo" else text

    for style in ["kobo", "kobo_labels", "central"]:
        path = os.path.join(tmp, f"{name}-{style}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(export(style))
        imported, report = run("import-odk", *fw_args, "--group", "unit,date", path)
        check("problem" not in report, f"{name} {style}: import problems\n{report}")
        check(f"questions matched to indicators: {len(inds)}:" in report, f"{name} {style}: mapping\n{report}")
        imported_path = path + ".json"
        with open(imported_path, "w") as f:
            f.write(imported)
        got, _ = run("score", *fw_args, imported_path)
        got = json.loads(got)
        check(got == expected, f"{name} {style}: scores differ from the hand-entered ones")
        for a, h in zip(json.loads(imported)["assessments"], hand):
            ev = a.get("evidence", {})
            for e in ev.values():
                if isinstance(e.get("source"), str):
                    e["source"] = [e["source"]]
                if "source" in e:
                    e["source"] = sorted(e["source"])
            check(ev == h["evidence"], f"{name} {style}: {a['id']} evidence {ev} != {h['evidence']}")
            check(a.get("context", {}) == h["context"], f"{name} {style}: {a['id']} signs {a.get('context')} != {h['context']}")
        n_ev = sum(len(h["evidence"]) for h in hand)
        n_ctx = sum(len(h["context"]) for h in hand)
        print(f"{name} {style}: {len(subs)} submissions → {len(got['results'])} assessments, same scores, "
              f"evidence ({n_ev}) and signs ({n_ctx}) as by hand")

    # The results workbook.
    book = os.path.join(tmp, f"{name}-results.xlsx")
    run("export-xlsx", *fw_args, hand_path, book)
    import openpyxl

    wb = openpyxl.load_workbook(book)
    check(wb.sheetnames == ["Scores", "Indicator values", "Framework and method"], f"{name}: sheets {wb.sheetnames}")
    ws = wb["Scores"]
    head = [c.value for c in ws[1]]
    overall = [row[head.index("overall")] for row in ws.iter_rows(min_row=2, values_only=True)]
    want = [r["overall"]["score"] for r in expected["results"]]
    check(overall == want, f"{name}: workbook overall {overall} != {want}")
    print(f"{name}: results workbook read by openpyxl, {ws.max_row - 1} assessment row(s)")


def main():
    global BIN
    BIN = binary()
    with tempfile.TemporaryDirectory() as tmp:
        default_fw = json.loads(run("framework")[0])
        round_trip("default", None, default_fw, tmp)
        with open(CUSTOM) as f:
            round_trip("custom", CUSTOM, json.load(f), tmp)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
