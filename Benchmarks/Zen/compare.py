"""Times `switchboard evaluate` and zen-engine (GoRules' Rust engine, through its Python
binding) on the same generated table and the same rows, and checks that they agree.

The table is a `first`-hit table over 8 enum inputs (8 values each) and 4 integer inputs
(0 to 1,000), with random cells (a value, a list, a range, a comparison or a wildcard) and a
catch-all last rule; it is written both as a Switchboard rules file and as a zen decision
(JDM). Rows are drawn uniformly from the inputs' domains.

Run through ./compare, which builds switchboard and sets up zen-engine in a virtual
environment.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import zen

from tables import ENUMS, INTEGERS, facts_rows, generate, switchboard_yaml


def zen_decision(rules):
    inputs = [{"id": f"in-{n}", "name": n, "field": n} for n in ENUMS + INTEGERS]
    outputs = [{"id": "out-grade", "name": "grade", "field": "grade"},
               {"id": "out-note", "name": "note", "field": "note"}]
    rows = []
    for rule_id, cells, grade, note in rules:
        row = {"_id": rule_id, "out-grade": json.dumps(grade), "out-note": json.dumps(note)}
        for name in ENUMS + INTEGERS:
            cell = cells.get(name)
            if cell is None:
                row[f"in-{name}"] = ""
            elif cell[0] == "in":
                row[f"in-{name}"] = ", ".join(json.dumps(v) for v in cell[1])
            elif cell[0] == "range":
                row[f"in-{name}"] = f"[{cell[1]}..{cell[2]}]"
            else:
                row[f"in-{name}"] = f"{cell[1]} {cell[2]}"
        rows.append(row)
    return {
        "nodes": [
            {"id": "request", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "generated", "position": {"x": 200, "y": 0},
             "content": {"hitPolicy": "first", "inputs": inputs, "outputs": outputs, "rules": rows}},
            {"id": "response", "type": "outputNode", "name": "response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "request", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "response", "type": "edge"},
        ],
    }


def run_switchboard(binary, rules_path, facts_path):
    """Seconds the whole command takes, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run([binary, "evaluate", "--rules", rules_path, facts_path], stdout=subprocess.PIPE, check=True)
    return time.perf_counter() - start, done.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--switchboard", required=True)
    parser.add_argument("--rules", type=int, nargs="+", default=[13, 10_000])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="switchboard-zen-")
    rows = facts_rows(args.rows, seed=7)
    facts_path = os.path.join(folder, "facts.jsonl")
    with open(facts_path, "w") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    empty_path = os.path.join(folder, "empty.jsonl")
    open(empty_path, "w").close()
    # The process start of switchboard alone: a one-rule table, no facts.
    start_path = os.path.join(folder, "generated-1.yaml")
    with open(start_path, "w") as out:
        out.write(switchboard_yaml(generate(1, seed=1)))
    sb_start = min(run_switchboard(args.switchboard, start_path, empty_path)[0] for _ in range(args.runs))
    print(f"{args.rows:,} rows; best of {args.runs} runs; switchboard starts in {sb_start * 1000:.1f} ms; files in {folder}")
    for rule_count in args.rules:
        rules = generate(rule_count, seed=rule_count)
        rules_path = os.path.join(folder, f"generated-{rule_count}.yaml")
        with open(rules_path, "w") as out:
            out.write(switchboard_yaml(rules))
        decision_json = json.dumps(zen_decision(rules))

        # zen: load and compile once (from the decision's JSON text), then every row through
        # the precompiled decision, in one batch and one at a time.
        zen_loads = []
        for _ in range(args.runs):
            start = time.perf_counter()
            content = zen.ZenDecisionContent(decision_json)
            engine = zen.ZenEngine({"loader": lambda key, content=content: content})
            engine.get_decision("generated")
            zen_loads.append(time.perf_counter() - start)
        requests = [{"key": "generated", "context": row} for row in rows]
        zen_times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            results = engine.evaluate_batch(requests)
            zen_times.append(time.perf_counter() - start)
        # zen 2.1.3's batch calls the loader once per request; a loop of single evaluations
        # is faster, and the faster of the two is what switchboard is compared with.
        zen_loop_times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            loop_results = [engine.evaluate("generated", row) for row in rows]
            zen_loop_times.append(time.perf_counter() - start)
        assert [r["result"] for r in loop_results] == [r["data"]["result"] for r in results]

        # switchboard: the whole command, rows as JSON Lines in, results as JSON Lines out;
        # its load alone is the same command on no facts, less the process start.
        sb_times = []
        for _ in range(args.runs):
            elapsed, output = run_switchboard(args.switchboard, rules_path, facts_path)
            sb_times.append(elapsed)
        sb_load = min(run_switchboard(args.switchboard, rules_path, empty_path)[0] for _ in range(args.runs)) - sb_start

        # Every row decided alike.
        lines = output.decode().splitlines()
        assert len(lines) == len(rows) == len(results)
        for line, result, row in zip(lines, results, rows):
            ours = json.loads(line)["outputs"]
            theirs = result["data"]["result"]
            if ours != {"grade": theirs["grade"], "note": theirs["note"]}:
                sys.exit(f"disagreement on {row}: switchboard {ours}, zen {theirs}")
        zen_batch, zen_loop, sb_best, zen_load = min(zen_times), min(zen_loop_times), min(sb_times), min(zen_loads)
        zen_best = min(zen_batch, zen_loop)
        sb_rows = max(sb_best - sb_start - sb_load, 1e-9)
        # Below the process start's own spread, a load cannot be told apart from none.
        sb_load_text = f"{sb_load * 1000:.1f} ms" if sb_load > 0.005 else "within the process start's noise"
        print(f"{rule_count:>6} rules: switchboard evaluate {sb_best:.3f} s for the command "
              f"({args.rows / sb_best:,.0f} rows/s; load and compile {sb_load_text}, "
              f"rows alone {args.rows / sb_rows:,.0f}/s); "
              f"zen evaluate_batch {zen_batch:.3f} s ({args.rows / zen_batch:,.0f} rows/s), "
              f"zen evaluate per row {zen_loop:.3f} s ({args.rows / zen_loop:,.0f} rows/s), "
              f"load and compile {zen_load * 1000:.1f} ms: the command {zen_best / sb_best:.1f}x zen's faster path, "
              f"rows alone {zen_best / sb_rows:.1f}x; all {args.rows:,} rows agree")

if __name__ == "__main__":
    main()
