"""Each organization rule of the entities component measured by leaving it out, on CoNLL-2003.

    python scripts/ner_rules.py ../shared/eval/ner/eng.testa
    python scripts/ner_rules.py ../shared/eval/ner/eng.train --limit 300

The documents are parsed once by the spaCy model; the entities step then runs once with every
rule and once without each rule (or cue), and PER+ORG+LOC exact-span P/R/F1 and ORG F1 are
printed for each run, as ``newsgraph eval ner`` scores them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsgraph.eval.ner import MAIN_TYPES, predicted_mentions, read_conll
from newsgraph.extract.entities import component, organizations
from newsgraph.pipeline import load_pipeline

CUES = ("kind before the name", "shares or fans after the name", "office holder after the name", "joined",
        "apposition", "based", "plural verb")


def score(documents, docs) -> str:
    tp, predicted, gold = Counter(), Counter(), Counter()
    for document, doc in zip(documents, docs):
        doc.user_data.clear()
        found = predicted_mentions(component.find_entities(doc))
        for kind in MAIN_TYPES:
            mine = {item for item in found if item[2] == kind}
            theirs = {item for item in document.gold if item[2] == kind}
            for key in (kind, "all"):
                tp[key] += len(mine & theirs)
                predicted[key] += len(mine)
                gold[key] += len(theirs)
    f1 = {key: 2 * tp[key] / (predicted[key] + gold[key]) for key in ("all", "ORG")}
    return (f"P {tp['all'] / predicted['all']:.3f}  R {tp['all'] / gold['all']:.3f}  "
            f"F1 {f1['all']:.3f}  ORG F1 {f1['ORG']:.3f}")


def without_cue(reason, cue):
    def filtered(doc, name):
        found = cue(doc, name)
        return None if found == reason else found
    return filtered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conll", type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    documents = list(read_conll(args.conll))[: args.limit]
    nlp = load_pipeline(components=())
    docs = list(nlp.pipe(document.text for document in documents))
    runs = {
        "every rule": {},
        "without results tables": {"team_names": lambda doc: []},
        "without name patterns": {"pattern_names": lambda doc: []},
        "without known organizations": {"known_names": lambda doc: []},
        "without acronym definitions": {"acronym_definitions": lambda doc, names: []},
        "without any cue": {"apply_cues": lambda doc, names: None},
        "without the headline filter": {"drop_headline_fragments": lambda doc, names: names},
    }
    original_cue = organizations.organization_cue
    for reason in CUES:
        runs[f"without the cue '{reason}'"] = {"organization_cue": without_cue(reason, original_cue)}
    for label, patches in runs.items():
        saved = {}
        for name, replacement in patches.items():
            owner = organizations if name == "organization_cue" else component
            saved[name] = (owner, getattr(owner, name))
            setattr(owner, name, replacement)
        print(f"{label:45s} {score(documents, docs)}")
        for name, (owner, value) in saved.items():
            setattr(owner, name, value)


if __name__ == "__main__":
    main()
