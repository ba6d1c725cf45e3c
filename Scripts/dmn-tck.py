#!/usr/bin/env python3
"""Runs DMN TCK test cases through `switchboard evaluate` and compares the results.

Usage: dmn-tck.py [--switchboard PATH] TCK_FOLDER

TCK_FOLDER holds one folder per case (as the TCK's compliance-level folders do), each with
a model (*.dmn) and test-case files (*-test-*.xml, namespace .../DMN/20160719/testcase).
Every test case of every file is evaluated (one `switchboard evaluate` run per file, one
JSON line per test case), and each result node is compared as the TCK does: numbers by
exact decimal value, strings and booleans by equality, lists item by item, components
(contexts) by name, null as null. Prints one line per failed test case, then exactly
`N passed, N failed`; exits 1 when any case failed. Uses only the Python standard library.
"""
import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

TC = "{http://www.omg.org/spec/DMN/20160719/testcase}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
NUMBER_TYPES = {"decimal", "double", "float", "integer", "int", "long", "short", "byte"}


class RawNumber(float):
    """A number written into JSON with its exact decimal text."""

    def __new__(cls, text):
        value = super().__new__(cls, float(text))
        value.text = text
        return value

    def __repr__(self):
        return self.text


def plain(decimal):
    text = format(decimal, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_of(node):
    """The Python value of a <value>, <list> or <component> holder (inputNode, expected, item...)."""
    if node is None:
        return None
    value = node.find(TC + "value")
    if value is not None:
        if value.get(XSI + "nil") == "true":
            return None
        kind = (value.get(XSI + "type") or "").split(":")[-1]
        text = value.text or ""
        if kind in NUMBER_TYPES:
            return ("number", Decimal(text.strip()))
        if kind == "boolean":
            return text.strip() == "true"
        if len(value) == 0:
            return text
        return value_of(value)
    lst = node.find(TC + "list")
    if lst is not None:
        return [value_of(item) for item in lst.findall(TC + "item")]
    components = node.findall(TC + "component")
    if components:
        return {c.get("name"): value_of(c) for c in components}
    return None


def to_json(value):
    if isinstance(value, tuple) and value[0] == "number":
        return RawNumber(plain(value[1]))
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


class Encoder(json.JSONEncoder):
    def iterencode(self, o, _one_shot=False):
        return iter([self.render(o)])

    def render(self, o):
        if isinstance(o, RawNumber):
            return o.text
        if isinstance(o, dict):
            return "{" + ", ".join(json.dumps(k) + ": " + self.render(v) for k, v in o.items()) + "}"
        if isinstance(o, list):
            return "[" + ", ".join(self.render(v) for v in o) + "]"
        return json.dumps(o)


def same(expected, actual):
    """Whether an actual JSON result equals a TCK expected value."""
    if expected is None:
        return actual is None
    if isinstance(expected, tuple):
        if isinstance(actual, bool) or not isinstance(actual, (int, float, Decimal)):
            return False
        return Decimal(str(actual)) == expected[1]
    if isinstance(expected, bool):
        return actual is expected
    if isinstance(expected, str):
        return actual == expected
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(same, expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(actual) == set(expected) and all(same(v, actual[k]) for k, v in expected.items())
    return False


def show(value):
    return Encoder().render(to_json(value))


def run_file(switchboard, folder, test_file):
    """(passed, failures) for one test-case file."""
    root = ET.parse(os.path.join(folder, test_file)).getroot()
    model = (root.findtext(TC + "modelName") or "").strip()
    cases = root.findall(TC + "testCase")
    failures = []
    lines = []
    for case in cases:
        facts = {node.get("name"): to_json(value_of(node)) for node in case.findall(TC + "inputNode")}
        lines.append(Encoder().render(facts))
    label = os.path.join(os.path.basename(folder), test_file)
    if not cases:
        return 0, []
    try:
        process = subprocess.run([switchboard, "evaluate", "--rules", os.path.join(folder, model), "-"],
                                 input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return 0, [f"{label}: could not run switchboard: {error}"] * len(cases)
    outputs = process.stdout.splitlines()
    passed = 0
    for index, case in enumerate(cases):
        case_id = case.get("id") or str(index + 1)
        if case.get("type") not in (None, "decision"):
            failures.append(f"{label} case {case_id}: test case type '{case.get('type')}' is not supported")
            continue
        try:
            actual = json.loads(outputs[index], parse_float=Decimal)
        except (IndexError, ValueError):
            failures.append(f"{label} case {case_id}: no result (exit {process.returncode}): {process.stderr.strip()[:400]}")
            continue
        problems = []
        for node in case.findall(TC + "resultNode"):
            name = node.get("name")
            expected = value_of(node.find(TC + "expected"))
            got = actual.get(name, "<missing>") if isinstance(actual, dict) else "<missing>"
            if got == "<missing>" or not same(expected, got):
                problems.append(f"{name}: expected {show(expected)}, got {json.dumps(got, default=str)}")
        if problems:
            failures.append(f"{label} case {case_id}: " + "; ".join(problems))
        else:
            passed += 1
    return passed, failures


def main():
    parser = argparse.ArgumentParser(description="Run DMN TCK cases through switchboard evaluate.")
    parser.add_argument("--switchboard", default=".build/debug/switchboard", help="the switchboard executable")
    parser.add_argument("folder", help="a folder of TCK case folders")
    args = parser.parse_args()
    if not os.path.isdir(args.folder):
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 64
    passed = 0
    failed = 0
    for case_folder in sorted(os.listdir(args.folder)):
        path = os.path.join(args.folder, case_folder)
        if not os.path.isdir(path):
            continue
        for test_file in sorted(f for f in os.listdir(path) if f.endswith(".xml") and "-test-" in f):
            try:
                ok, failures = run_file(args.switchboard, path, test_file)
            except (ET.ParseError, InvalidOperation, OSError) as error:
                ok, failures = 0, [f"{case_folder}/{test_file}: unreadable test cases: {error}"]
            passed += ok
            failed += len(failures)
            for failure in failures:
                print("FAIL " + failure)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
