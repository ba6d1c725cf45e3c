"""The generated table both engines are timed on, written as a Switchboard rules file.

A `first`-hit table over 8 enum inputs (8 values each) and 4 integer inputs (0 to 1,000),
with random cells (a value, a list, a range, a comparison or a wildcard) and a catch-all
last rule, seeded by its number of rules; and rows drawn uniformly from the inputs' domains.
compare.py also writes it as a zen decision; Benchmarks/load.sh times loading it.

    python3 Benchmarks/Zen/tables.py 10000 /tmp/generated-10000.yaml
"""
import random
import sys

ENUM_VALUES = [f"v{i}" for i in range(8)]
ENUMS = [f"e{i}" for i in range(8)]
INTEGERS = [f"n{i}" for i in range(4)]
GRADES = ["low", "medium", "high", "urgent"]


def generate(rule_count, seed):
    """Rules as (id, {input: cell}, grade, note); a cell is ('in', [values]),
    ('range', low, high) or ('cmp', op, threshold)."""
    rng = random.Random(seed)
    rules = []
    for r in range(rule_count - 1):
        cells = {}
        for name in ENUMS:
            roll = rng.randrange(100)
            if roll < 30:
                continue
            if roll < 65:
                cells[name] = ("in", [rng.choice(ENUM_VALUES)])
            else:
                cells[name] = ("in", sorted(rng.sample(ENUM_VALUES, rng.randint(2, 3))))
        for name in INTEGERS:
            roll = rng.randrange(100)
            if roll < 30:
                continue
            if roll < 65:
                width = rng.randint(50, 500)
                low = rng.randint(0, 1000 - width)
                cells[name] = ("range", low, low + width)
            else:
                cells[name] = ("cmp", rng.choice([">=", ">", "<=", "<"]), rng.randint(1, 999))
        rules.append((f"r{r}", cells, rng.choice(GRADES), f"note {rng.randrange(64)}"))
    rules.append(("catch-all", {}, "low", "no rule matched"))
    return rules


def switchboard_yaml(rules):
    lines = ["tables:", "  - name: generated", "    hit: first", "    inputs:"]
    lines += [f"      - {{ name: {n}, values: [{', '.join(ENUM_VALUES)}] }}" for n in ENUMS]
    lines += [f"      - {{ name: {n}, type: integer, min: 0, max: 1000 }}" for n in INTEGERS]
    lines += ["    outputs:", f"      - {{ name: grade, values: [{', '.join(GRADES)}] }}",
              "      - { name: note, type: string }", "    rules:"]
    for rule_id, cells, grade, note in rules:
        when = []
        for name, cell in cells.items():
            if cell[0] == "in":
                when.append(f"{name}: {cell[1][0]}" if len(cell[1]) == 1 else f"{name}: [{', '.join(cell[1])}]")
            elif cell[0] == "range":
                when.append(f'{name}: "{cell[1]}..{cell[2]}"')
            else:
                when.append(f'{name}: "{cell[1]} {cell[2]}"')
        lines.append(f"      - {{ id: {rule_id}, when: {{ {', '.join(when)} }}, then: {{ grade: {grade}, note: {note} }} }}")
    return "\n".join(lines) + "\n"


def facts_rows(count, seed):
    rng = random.Random(seed)
    return [{**{n: rng.choice(ENUM_VALUES) for n in ENUMS}, **{n: rng.randint(0, 1000) for n in INTEGERS}}
            for _ in range(count)]


if __name__ == "__main__":
    count, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w") as out:
        out.write(switchboard_yaml(generate(count, seed=count)))
