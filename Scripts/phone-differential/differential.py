#!/usr/bin/env python3
"""Differential test of Switchboard's phone normaliser against libphonenumber.

Generates a corpus of phone numbers as people and systems write them (national and
international forms, 00 and 011 prefixes, separators, extensions, labels, tel: URIs, digits
of other scripts) and invalid inputs (unknown calling codes, impossible lengths, numbers read
in the wrong region, letters, short codes), reads every input with Python `phonenumbers`
(Google's libphonenumber) and with Switchboard's `phone-normalize` tool, and compares.

libphonenumber's verdict is the reference: an input is valid when it parses and
`is_valid_number` holds, and then Switchboard must give the same E.164 number; otherwise it is
rejected, and Switchboard must refuse it. Where Switchboard differs on purpose, the difference
is named and counted as agreement:

- `00` read as the international prefix in a country whose own prefix is another
  (011 in North America, 0011 in Australia, ...): people copy numbers written for Europe;
- E.164's cap of 15 digits, which libphonenumber does not enforce;
- a word in parentheses after the number, such as "(cell)": Switchboard drops it, while
  libphonenumber reads its letters as keypad digits;
- letters in a number (vanity numbers such as 1-800-FLOWERS): Switchboard refuses them, as a
  directory field holding words is more often a mistake than a keypad spelling;
- Canada's seven-digit 310 numbers, which libphonenumber takes as +1 numbers of 7 digits:
  Switchboard holds North American numbers to 10 digits.

Usage: differential.py PHONE_NORMALIZE [--seed N] [--show N]
Exits 1 when agreement is below 99.5 % on valid inputs or below 90 % on rejected ones.
"""

import argparse
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType

GENERATED = Path(__file__).resolve().parents[2] / "Sources/InteractionLogging/Phone/PhoneLengthData.swift"
VALID_THRESHOLD = 99.5
REJECTED_THRESHOLD = 90.0

# 39 regions from every continent, each with a trunk prefix or without, with a calling code of
# one, two or three digits. North America is represented by three regions.
REGIONS = [
    "US", "CA", "JM", "GB", "IE", "FR", "DE", "ES", "IT", "NL", "BE", "CH", "AT", "PT", "SE",
    "NO", "DK", "FI", "PL", "CZ", "GR", "TR", "IL", "AU", "NZ", "JP", "KR", "CN", "HK", "SG",
    "IN", "PH", "AE", "ZA", "MX", "BR", "AR", "CL", "CO",
]
NORTH_AMERICA = {"US", "CA", "JM"}
TYPES = [
    PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.UAN,
]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def valid_numbers(region, rng, per_type):
    """Valid numbers of a region: each type's example number, with its last digits varied."""
    numbers = []
    for number_type in TYPES:
        example = phonenumbers.example_number_for_type(region, number_type)
        if example is None:
            continue
        national = str(example.national_number)
        if example.italian_leading_zero:
            national = "0" * (example.number_of_leading_zeros or 1) + national
        found = {national}
        for _ in range(per_type * 20):
            if len(found) >= per_type:
                break
            k = rng.randint(1, min(4, len(national) - 2))
            candidate = national[:-k] + "".join(rng.choice("0123456789") for _ in range(k))
            try:
                parsed = phonenumbers.parse("+" + str(example.country_code) + candidate, None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed) and phonenumbers.region_code_for_number(parsed) == region:
                found.add(candidate)
        for candidate in sorted(found):
            numbers.append(phonenumbers.parse("+" + str(example.country_code) + candidate, None))
    return numbers


def separators(text, rng):
    """The same text with its spaces as dots, dashes, nothing, or a no-break space."""
    return text.replace(" ", rng.choice([".", "-", "", "\u00a0", " - "]))


def valid_forms(number, region, rng):
    """(category, region to read in, text) for the ways one valid number is written."""
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    other = rng.choice([r for r in REGIONS if r != region])
    digits_after_plus = international[1:]
    forms = [
        ("e164", region, e164),
        ("international", other, international),
        ("international-separators", other, "+" + separators(digits_after_plus, rng)),
        ("national", region, national),
        ("national-digits", region, re.sub(r"\D", "", national)),
        ("national-separators", region, separators(national, rng)),
        ("prefix-00", region, "00 " + digits_after_plus),
        ("tel-uri", other, phonenumbers.format_number(number, PhoneNumberFormat.RFC3966)),
        ("extension", region, national + rng.choice([" x204", " ext. 204", " #204", " extension 7", " Ext 45"])),
        ("extension-international", other, international + rng.choice([";ext=204", " x12", " ext. 3"])),
        ("label-before", region, rng.choice(["(cell) ", "(home) ", "(work) "]) + national),
        ("label-after", region, national + rng.choice([" (cell)", " (mobile)", " (office)"])),
        ("other-script-digits", region, national.translate(rng.choice([ARABIC_INDIC, FULLWIDTH]))),
    ]
    if region not in NORTH_AMERICA:
        forms.append(("prefix-011", rng.choice(sorted(NORTH_AMERICA)), "011 " + digits_after_plus))
    return forms


def invalid_forms(region, numbers, rng):
    """(category, region, text) for inputs that are not numbers or not this region's."""
    code = PhoneMetadata.metadata_for_region(region).country_code
    assigned = set(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    forms = []
    for number in numbers:
        national = re.sub(r"\D", "", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
        nsn = phonenumbers.national_significant_number(number)
        cut = rng.randint(1, 3)
        forms.append(("too-short-national", region, national[:-cut]))
        forms.append(("too-long-national", region, national + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 3)))))
        forms.append(("too-short-international", region, f"+{code} {nsn[:-cut]}"))
        forms.append(("too-long-international", region, f"+{code} {nsn}{rng.randint(1, 999)}"))
        forms.append(("wrong-region", rng.choice([r for r in REGIONS if r != region]), national))
    for _ in range(len(numbers)):
        unassigned = rng.choice([c for c in range(1, 1000) if c not in assigned and not any(
            str(c).startswith(str(a)) or str(a).startswith(str(c)) for a in assigned)])
        forms.append(("unknown-calling-code", region, f"+{unassigned} {rng.randint(10 ** 7, 10 ** 9)}"))
    forms += [
        ("letters", region, "call me"), ("letters", region, "1-800-FLOWERS"),
        ("letters", region, "604-555-01OO"), ("letters", region, "12ab34cd56"),
        ("short-code", region, rng.choice(["112", "911", "999", "118118", "123", "1000", "44"])),
    ]
    return forms


def reference(text, region):
    """libphonenumber's reading: the E.164 number, or None when it is not a valid number."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def deliberate(case, ours):
    """The name of Switchboard's deliberate difference that explains a disagreement, or None."""
    category, region, _text, expected, intended = case
    if intended is not None and ours == intended and expected != intended:
        # The country's international prefix is another (011, 0011, 010) or 00 followed by
        # carrier digits (Hong Kong's 00[126-9]? swallows the 8 of +852).
        if category == "prefix-00" and PhoneMetadata.metadata_for_region(region).international_prefix != "00":
            return "00 read as the international prefix where the country's own is another"
        if category == "label-after":
            return "a word in parentheses after the number is dropped, not read as keypad digits"
    if expected is not None and len(expected) > 16 and ours.startswith("error\tdigit-count"):
        return "E.164 allows 15 digits"
    if expected is not None and category == "letters" and ours.startswith("error\tletters"):
        return "letters are refused, not read as keypad digits (vanity numbers such as 1-800-FLOWERS)"
    if (expected is not None and expected.startswith("+1") and len(expected) == 9
            and ours.startswith("error\tnorth-american-digit-count")):
        return "North American numbers have 10 digits (libphonenumber also takes Canada's 7-digit 310 numbers)"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tool", help="the built phone-normalize executable")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-type", type=int, default=6, help="valid numbers per region and number type")
    parser.add_argument("--show", type=int, default=8, help="disagreements shown per category")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # Comparing against other metadata than the tables were generated from would measure
    # the metadata's changes, not the normaliser.
    generated = re.search(r'static let version = "([^"]+)"', GENERATED.read_text())
    if generated is None or generated.group(1) != phonenumbers.__version__:
        sys.exit(f"{GENERATED.name} was generated from phonenumbers {generated and generated.group(1)}, "
                 f"but {phonenumbers.__version__} is installed: install the version in requirements.txt, "
                 f"or run Scripts/generate-phone-lengths.py")

    # (category, region, text, libphonenumber's E.164 or None, the number the text was made from or None)
    cases = []
    for region in REGIONS:
        numbers = valid_numbers(region, rng, args.per_type)
        for number in numbers:
            intended = phonenumbers.format_number(number, PhoneNumberFormat.E164)
            for category, read_in, text in valid_forms(number, region, rng):
                cases.append((category, read_in, text, reference(text, read_in), intended))
        for category, read_in, text in invalid_forms(region, rng.sample(numbers, min(len(numbers), 12)), rng):
            cases.append((category, read_in, text, reference(text, read_in), None))
    for number, region in [("+999 123 456 789", "US"), ("118118", "GB"), ("011 15-2332-5418", "AR"),
                           ("604-555-3007 #204", "CA"), ("(cell) 604-555-3007", "CA"), ("tel:+1-604-555-0100", "CA"),
                           ("+1 604 555 0100;ext=204", "CA"), ("604-555-3007 x204", "CA"),
                           ("604-555-3007 ext. 204", "CA"), ("٦٠٤-٥٥٥-٣٠٠٧", "CA"), ("６０４-５５５-３００７", "CA")]:
        cases.append(("examples", region, number, reference(number, region), None))

    lines = "".join(f"{region}\t{text}\n" for _, region, text, _, _ in cases)
    result = subprocess.run([args.tool], input=lines, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{args.tool} failed with status {result.returncode}:\n{result.stderr}")
    answers = result.stdout.split("\n")[:-1]
    if len(answers) != len(cases):
        sys.exit(f"{args.tool} answered {len(answers)} lines for {len(cases)} inputs")

    totals = {"valid": Counter(), "rejected": Counter()}
    strict = {"valid": Counter(), "rejected": Counter()}
    by_category = defaultdict(Counter)
    disagreements = defaultdict(list)
    deliberate_counts = Counter()
    for case, ours in zip(cases, answers):
        category, region, text, expected, _ = case
        kind = "valid" if expected is not None else "rejected"
        plain = ours == expected if expected is not None else not ours.startswith("+")
        reason = None if plain else deliberate(case, ours)
        agree = plain or reason is not None
        if reason:
            deliberate_counts[reason] += 1
        else:
            strict[kind]["agree" if agree else "disagree"] += 1
        totals[kind]["agree" if agree else "disagree"] += 1
        by_category[(kind, category)]["agree" if agree else "disagree"] += 1
        if not agree:
            disagreements[(kind, category)].append((region, text, expected, ours))

    def percent(counter):
        total = counter["agree"] + counter["disagree"]
        return 100.0 * counter["agree"] / total if total else 100.0

    print(f"phonenumbers {phonenumbers.__version__}, {len(REGIONS)} regions, {len(cases)} inputs (seed {args.seed})")
    print(f"{'reference':<12} {'category':<28} {'inputs':>7} {'agree':>7} {'%':>7}")
    for (kind, category), counter in sorted(by_category.items()):
        total = counter["agree"] + counter["disagree"]
        print(f"{kind:<12} {category:<28} {total:>7} {counter['agree']:>7} {percent(counter):>6.2f}%")
    for reason, count in deliberate_counts.most_common():
        print(f"deliberate difference, counted as agreement ({count}): {reason}")
    for (kind, category), items in sorted(disagreements.items()):
        print(f"\ndisagreements: {kind} / {category} ({len(items)})")
        for region, text, expected, ours in items[:args.show]:
            print(f"  {region}  {text!r}: libphonenumber {expected or 'rejects'}; switchboard {ours.replace(chr(9), ' ')}")
    valid, rejected = percent(totals["valid"]), percent(totals["rejected"])
    for kind, value, threshold in (("valid", valid, VALID_THRESHOLD), ("rejected", rejected, REJECTED_THRESHOLD)):
        total, rest = sum(totals[kind].values()), sum(strict[kind].values())
        print(f"{kind + ' inputs:':<17}{total:>6}, agreement {value:.2f}% (threshold {threshold}%); "
              f"leaving out the {total - rest} deliberate differences, {percent(strict[kind]):.2f}% of {rest}")
    if valid < VALID_THRESHOLD or rejected < REJECTED_THRESHOLD:
        print("FAILED: agreement below threshold")
        return 1
    print("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
