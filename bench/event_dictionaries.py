"""Load time and memory of the shipped PETRARCH/Phoenix event dictionaries, in a fresh process.

    python bench/event_dictionaries.py [--rounds 3] [--json]

Each round starts a new Python process that imports newsgraph and reads the dictionaries once
(``newsgraph.extract.events.builtin.default_dictionaries``), as every analysis process does.
Reported: the wall and CPU time of the read, the Python memory it allocates (tracemalloc, peak
and kept) and the growth of the process's resident memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, resource, time, tracemalloc
import newsgraph.extract.events.builtin as builtin
def rss_mb():
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
before = rss_mb()
wall, cpu = time.perf_counter(), time.process_time()
shipped = builtin.default_dictionaries()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
after = rss_mb()
tracemalloc.start()
builtin.default_dictionaries.cache_clear()
builtin.default_dictionaries()
kept, peak = tracemalloc.get_traced_memory()
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "rss_growth_mb": after - before, "python_kept_mb": kept / 2**20,
                  "python_peak_mb": peak / 2**20, "verb_forms": len(shipped.verbs), "actor_phrases": len(shipped.actors),
                  "agent_phrases": len(shipped.agents), "discards": len(shipped.discards)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = []
    for _ in range(args.rounds):
        output = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    best = min(runs, key=lambda run: run["cpu_s"])
    if args.json:
        print(json.dumps({"rounds": runs, "best": best}, indent=2))
        return
    print(f"dictionaries: {best['verb_forms']:,} verb forms, {best['actor_phrases']:,} actor phrases, "
          f"{best['agent_phrases']:,} agent phrases, {best['discards']:,} discards")
    every = ", ".join(f"{run['cpu_s']:.2f}" for run in runs)
    print(f"load (best of {len(runs)}): {best['wall_s']:.2f} s wall, {best['cpu_s']:.2f} s CPU; all rounds CPU: {every} s")
    print(f"memory: resident +{best['rss_growth_mb']:.0f} MB; Python objects {best['python_kept_mb']:.0f} MB kept, "
          f"{best['python_peak_mb']:.0f} MB peak")


if __name__ == "__main__":
    main()
