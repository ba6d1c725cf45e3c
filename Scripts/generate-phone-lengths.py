#!/usr/bin/env python3
"""Writes Sources/InteractionLogging/Phone/PhoneLengthData.swift from libphonenumber's metadata.

The normaliser refuses numbers whose length is impossible for their country. The lengths come
from the metadata that Google's libphonenumber publishes, as shipped by the Python package
`phonenumbers` (pinned in Scripts/phone-differential/requirements.txt, so that the
differential test checks against the same metadata):

    python3 -m venv .build-venv
    .build-venv/bin/pip install -r Scripts/phone-differential/requirements.txt
    .build-venv/bin/python Scripts/generate-phone-lengths.py

For the lengths that numbers starting with each two digits can have, the script reads the
patterns of each country's valid numbers of each type (fixed line, mobile, toll free, ...:
regular expressions in the metadata) as languages: for every two-digit start, the lengths of
the strings a pattern matches. It checks the result against random numbers the patterns
match.

The script also derives the Argentine area codes after which a national mobile number carries
"15" (011 15-2332-5418 is +54 9 11 2332-5418), from the pattern libphonenumber parses them with,
and checks that trying those area codes longest first reproduces that pattern on every prefix.
"""

import random
import re
import sys
from pathlib import Path

try:
    import re._constants as C
    import re._parser as sre_parse
except ImportError:  # Python before 3.11
    import sre_constants as C
    import sre_parse

import phonenumbers
from phonenumbers import PhoneMetadata

OUTPUT = Path(__file__).resolve().parent.parent / "Sources/InteractionLogging/Phone/PhoneLengthData.swift"

# libphonenumber allows national numbers of up to 17 digits; a 32-bit mask holds them all.
MAX_LENGTH = 17


def mask(lengths):
    """Bit n set when a national number of n digits is possible."""
    value = 0
    for length in lengths:
        if not 1 <= length <= MAX_LENGTH:
            sys.exit(f"unexpected possible length {length}")
        value |= 1 << length
    return value


# Bit 31 of a mask: national numbers are written with the trunk prefix 0, which E.164 drops.
TRUNK_ZERO = 1 << 31


def trunk_flag(metadata):
    return TRUNK_ZERO if metadata is not None and metadata.national_prefix == "0" else 0


def national_lengths(metadata):
    # Local-only lengths ("possible_length_local_only") are numbers dialled without an area
    # code; they are not numbers one can store and match, so they do not count.
    return set(metadata.general_desc.possible_length)


# The digits of a national number's start that the start table is keyed by.
START_DIGITS = 2


# A pattern is summarised as a dict from a "head" (the first START_DIGITS digits of a matched
# string, or the whole string when shorter) to the set of lengths of the matched strings with
# that head. Lengths beyond MAX_LENGTH are dropped: no number has them.

def union(a, b):
    out = {head: set(lengths) for head, lengths in a.items()}
    for head, lengths in b.items():
        out.setdefault(head, set()).update(lengths)
    return out


def all_lengths(a):
    return set().union(*a.values()) if a else set()


def concat(a, b, k):
    """The summary of the strings of a followed by the strings of b."""
    out = {}
    b_lengths = all_lengths(b)
    for head_a, lengths_a in a.items():
        if len(head_a) >= k:
            lengths = {x + y for x in lengths_a for y in b_lengths if x + y <= MAX_LENGTH}
            if lengths:
                out.setdefault(head_a, set()).update(lengths)
            continue
        # A head shorter than k is a whole string: lengths_a is {len(head_a)}.
        for head_b, lengths_b in b.items():
            head = head_a + head_b
            lengths = {len(head_a) + y for y in lengths_b if len(head_a) + y <= MAX_LENGTH}
            if lengths:
                out.setdefault(head[:k], set()).update(lengths)
    return out


EMPTY_STRING = {"": {0}}
DIGITS = "0123456789"


def digit_class(items):
    """The digits of a character class such as [2-9] or \\d."""
    digits = set()
    negate = False
    for op, value in items:
        if op == C.NEGATE:
            negate = True
        elif op == C.LITERAL:
            digits.add(chr(value))
        elif op == C.RANGE:
            digits |= {chr(c) for c in range(value[0], value[1] + 1)}
        elif op == C.CATEGORY and value == C.CATEGORY_DIGIT:
            digits |= set(DIGITS)
        else:
            sys.exit(f"unexpected character class item {op} {value}")
    digits &= set(DIGITS)
    return set(DIGITS) - digits if negate else digits


def summarize(parsed, k):
    out = EMPTY_STRING
    for op, value in parsed:
        out = concat(out, summarize_node(op, value, k), k)
    return out


def summarize_node(op, value, k):
    if op == C.LITERAL:
        return {chr(value): {1}} if chr(value) in DIGITS else {}
    if op == C.IN:
        return {digit: {1} for digit in digit_class(value)}
    if op == C.CATEGORY and value == C.CATEGORY_DIGIT:
        return {digit: {1} for digit in DIGITS}
    if op == C.SUBPATTERN:
        return summarize(value[-1], k)
    if op == C.BRANCH:
        out = {}
        for alternative in value[1]:
            out = union(out, summarize(alternative, k))
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, item = value
        item = summarize(item, k)
        out = EMPTY_STRING
        for _ in range(low):
            out = concat(out, item, k)
        every = out
        for _ in range(min(high, MAX_LENGTH) - low):
            out = concat(out, item, k)
            if not out:
                break
            every = union(every, out)
        return every
    sys.exit(f"unexpected pattern element {op} {value}")


NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
                "voip", "pager", "uan", "voicemail")


def number_types(metadata):
    """The descriptions of the types of number a region has."""
    for name in NUMBER_TYPES:
        description = getattr(metadata, name)
        if description is not None and description.national_number_pattern is not None:
            yield description


def start_lengths(pattern):
    """For each two-digit start, the lengths of the national numbers `pattern` matches."""
    return summarize(sre_parse.parse(pattern), START_DIGITS)


def check_start_lengths(code, pattern, lengths, table, rng):
    """Random strings the pattern matches must be allowed by the table: a table that refused
    a valid number would be worse than none."""
    compiled = re.compile(pattern)
    for _ in range(2000):
        length = rng.choice(sorted(lengths))
        text = "".join(rng.choice("0123456789") for _ in range(length))
        if compiled.fullmatch(text) and not table.get(text[:START_DIGITS], 0) & (1 << length):
            sys.exit(f"+{code}: {text} matches the pattern but the start table refuses it")


def lengths_of(bits):
    return {n for n in range(1, MAX_LENGTH + 1) if bits & (1 << n)}


def slot(region):
    """The index of a two-letter region in a 26 x 26 table, as CallingCodes computes it."""
    return (ord(region[0]) - ord("A")) * 26 + (ord(region[1]) - ord("A"))


def argentine_mobile_area_codes():
    """Area codes A such that libphonenumber reads '0' A '15' subscriber as 9 A subscriber."""
    metadata = PhoneMetadata.metadata_for_region("AR")
    pattern = re.compile(metadata.national_prefix_for_parsing)
    if metadata.national_prefix_transform_rule != "9\\1":
        sys.exit(f"AR transform rule changed: {metadata.national_prefix_transform_rule!r}")
    areas = set()
    for length in (2, 3, 4):
        for value in range(10 ** (length - 1), 10 ** length):
            area = str(value)
            match = pattern.match("0" + area + "15" + "0" * 8)
            if match and match.group(1) == area:
                areas.add(area)
    # The Swift reader drops the trunk prefix 0, then tries the area codes longest first;
    # check that this choice is the pattern's own on every six-digit start of a national
    # number, written with the 0 and without it.
    for value in range(10 ** 5, 10 ** 6):
        start = str(value)
        chosen = next((start[:n] for n in (4, 3, 2) if start[:n] in areas and start[n:n + 2] == "15"), None)
        for written in (start, "0" + start):
            match = pattern.match(written + "000000")
            expected = match.group(1) if match and match.group(1) else None
            if expected != chosen:
                sys.exit(f"AR: longest-first reads {written} as {chosen!r}, libphonenumber as {expected!r}")
    return sorted(areas, key=int)


def main():
    rng = random.Random(1)
    by_code = {}
    starts = {}
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        lengths = set()
        table = {}
        for region in regions:
            if region == "001":
                metadata = PhoneMetadata.metadata_for_nongeo_region(code)
            else:
                metadata = PhoneMetadata.metadata_for_region(region)
            if metadata is None:
                continue
            lengths |= national_lengths(metadata)
            # Lengths by start, from the pattern of each type of number (fixed line, mobile,
            # toll free, ...) within that type's lengths, for every region that shares the
            # code: libphonenumber finds a number valid when it is of a type of any of them.
            for description in number_types(metadata):
                lengths_of_type = {n for n in description.possible_length or () if n > 0}
                lengths_of_type = lengths_of_type or national_lengths(metadata)
                pattern = description.national_number_pattern
                type_table = {head: mask(lengths_of_head & lengths_of_type)
                              for head, lengths_of_head in start_lengths(pattern).items()
                              if len(head) == START_DIGITS}
                check_start_lengths(code, pattern, lengths_of_type, type_table, rng)
                for head, bits in type_table.items():
                    table[head] = table.get(head, 0) | bits
        starts[code] = table
        if lengths:
            main = regions[0]
            by_code[code] = (lengths, trunk_flag(PhoneMetadata.metadata_for_region(main)) if main != "001" else 0)
    by_region = {}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(region)
        by_region[region] = (metadata.country_code, national_lengths(metadata), trunk_flag(metadata))
    areas = argentine_mobile_area_codes()

    def lengths_comment(lengths):
        return ", ".join(str(n) for n in sorted(lengths))

    lines = [
        "// Generated by Scripts/generate-phone-lengths.py from libphonenumber's metadata",
        f"// (Python phonenumbers {phonenumbers.__version__}). Do not edit: change the script and run it again.",
        "",
        "/// Possible lengths of national numbers, per country calling code and per region, as",
        "/// libphonenumber's metadata gives them. A mask has bit n set when n digits are possible,",
        "/// and bit 31 when national numbers are written with the trunk prefix 0.",
        "enum PhoneLengthData {",
        f"    /// The version of Python `phonenumbers` whose metadata this is.",
        f"    static let version = \"{phonenumbers.__version__}\"",
        "",
        "    /// Pairs of a calling code and the mask of its national-number lengths (all the",
        "    /// regions and non-geographic services that share the code; the trunk prefix is the",
        "    /// main region's).",
        "    static let callingCodes: [UInt32] = [",
    ]
    for code in sorted(by_code):
        regions = ",".join(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code][:4])
        more = "…" if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]) > 4 else ""
        lengths, trunk = by_code[code]
        lines.append(f"        {code}, 0x{mask(lengths) | trunk:08X},  // {regions}{more}: {lengths_comment(lengths)}"
                     + (", trunk 0" if trunk else ""))
    lines += [
        "    ]",
        "",
        "    /// Triples of a region's table index (first letter × 26 + second letter, A = 0), its",
        "    /// calling code and the mask of its national-number lengths.",
        "    static let regions: [UInt32] = [",
    ]
    for region, (code, lengths, trunk) in by_region.items():
        lines.append(f"        {slot(region)}, {code}, 0x{mask(lengths) | trunk:08X},  // {region}: {lengths_comment(lengths)}"
                     + (", trunk 0" if trunk else ""))
    lines += [
        "    ]",
        "",
        "    /// Argentine area codes after which a national mobile number carries 15: tried",
        "    /// longest first, they read national numbers as libphonenumber does.",
        "    static let argentineMobileAreaCodes: [UInt32] = [",
    ]
    for start in range(0, len(areas), 12):
        lines.append("        " + ", ".join(areas[start:start + 12]) + ",")
    lines += [
        "    ]",
        "",
        "    /// The lengths of national numbers by their first two digits: quadruples of a calling",
        "    /// code, the first and last two-digit start of a run of starts, and the mask of the",
        "    /// lengths that valid numbers (of any type: fixed line, mobile, ...) with those starts",
        "    /// have. A start in no run has no number.",
        "    static let startRuns: [UInt32] = [",
    ]
    runs = 0
    for code in sorted(by_code):
        table = starts[code]
        head = 0
        while head < 100:
            bits = table.get(f"{head:02d}", 0)
            last = head
            while last + 1 < 100 and table.get(f"{last + 1:02d}", 0) == bits:
                last += 1
            if bits:
                lines.append(f"        {code}, {head}, {last}, 0x{bits:05X},  // +{code} {head:02d}"
                             + (f"-{last:02d}" if last > head else "") + f": {lengths_comment(lengths_of(bits))}")
                runs += 1
            head = last + 1
    lines += ["    ]", "}", ""]
    OUTPUT.write_text("\n".join(lines))
    print(f"wrote {OUTPUT} ({len(by_code)} calling codes, {len(by_region)} regions, "
          f"{runs} runs of starts, {len(areas)} Argentine area codes)")


if __name__ == "__main__":
    main()
