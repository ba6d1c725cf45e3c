"""Random lines of facts in Examples/contact.yaml's domains, seeded so that every run reads
the same lines; shared by Benchmarks/Evaluate/run and Benchmarks/Evaluate/command.

    python3 Benchmarks/Evaluate/facts.py LINES PATH
"""
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(14)
with open(path, "w") as out:
    for _ in range(n):
        out.write('{"contact_matches": %d, "kind": "%s", "contact_projects": %d, "log_on_all_projects": %s}\n' % (
            rng.choice([0, 1, 1, 1, 2, 3]), rng.choice(["call", "message"]), rng.choice([0, 1, 2, 5]),
            rng.choice(["true", "false"])))
