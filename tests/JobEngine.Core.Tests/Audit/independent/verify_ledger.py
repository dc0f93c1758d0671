#!/usr/bin/env python3
"""Independent check of JobEngine's audit ledger, written without JobEngine's code.

  verify_ledger.py verify EXPORT.ndjson       verify an export (GET /api/v1/audit/export)
  verify_ledger.py hash FIXTURES.json         print the contentHash of each fixture entry
  verify_ledger.py fill FIXTURES.json         write those hashes into the fixtures' "expectedContentHash"

contentHash = lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the entry as served,
without its contentHash member. previousHash = the previous entry's contentHash, 64 zeros first.
"""
import hashlib
import json
import sys

GENESIS = "0" * 64


def jcs(value):
    """RFC 8785 for JSON without fractional numbers: sorted members, minimal escapes, no spaces."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > 2**53 - 1:
            raise ValueError("integer outside the ledger's value space")
        return str(value)
    if isinstance(value, float):
        raise ValueError("fractional numbers are outside the ledger's value space")
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(jcs_string(key) + ":" + jcs(value[key]) for key in keys) + "}"
    raise TypeError(type(value))


def jcs_string(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20:
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def content_hash(entry):
    body = {key: value for key, value in entry.items() if key != "contentHash"}
    return hashlib.sha256(jcs(body).encode("utf-8")).hexdigest()


def verify(path):
    expected_sequence, previous, checked = 1, GENESIS, 0
    with open(path, encoding="utf-8") as export:
        for number, line in enumerate(export, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"line {number}: not JSON ({error})")
                return 1
            checked += 1
            problems = []
            if entry.get("sequence") != expected_sequence:
                problems.append(f"sequence {entry.get('sequence')} where {expected_sequence} was due")
            if entry.get("previousHash") != previous:
                problems.append("previousHash does not link to the entry before")
            if entry.get("contentHash") != content_hash(entry):
                problems.append("contentHash does not match the content")
            if problems:
                print(f"line {number} (sequence {entry.get('sequence')}): " + "; ".join(problems))
                return 1
            expected_sequence, previous = entry["sequence"] + 1, entry["contentHash"]
    print(f"valid: {checked} entries, head sequence {expected_sequence - 1}, head hash {previous}")
    return 0


def main(argv):
    if len(argv) != 3 or argv[1] not in ("verify", "hash", "fill"):
        print(__doc__)
        return 2
    if argv[1] == "verify":
        return verify(argv[2])
    with open(argv[2], encoding="utf-8") as fixtures_file:
        fixtures = json.load(fixtures_file)
    for fixture in fixtures:
        fixture["expectedContentHash"] = content_hash(fixture["entry"])
        print(fixture["name"], fixture["expectedContentHash"])
    if argv[1] == "fill":
        with open(argv[2], "w", encoding="utf-8") as fixtures_file:
            json.dump(fixtures, fixtures_file, ensure_ascii=False, indent=2)
            fixtures_file.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
