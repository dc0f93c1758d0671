#!/usr/bin/env python3
"""Independent check of JobEngine's audit ledger, written without JobEngine's code.

  verify_ledger.py verify EXPORT.ndjson              verify an export (GET /api/v1/audit/export), print its tree root
  verify_ledger.py proof EXPORT.ndjson PROOF.json    check an inclusion proof (GET /audit/{entryId}/proof) against the export
  verify_ledger.py consistency EXPORT.ndjson C.json  check a consistency proof (GET /audit/consistency) against the export
  verify_ledger.py checkpoint EXPORT.ndjson CHECKPOINT   check that a checkpoint's root is the export's tree root at its size
  verify_ledger.py extends OLD NEW C.json            check a consistency proof between two checkpoints' roots, no export
  verify_ledger.py hash FIXTURES.json                print the contentHash of each fixture entry
  verify_ledger.py fill FIXTURES.json                write those hashes into the fixtures' "expectedContentHash"

contentHash = lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the entry as served,
without its contentHash member. previousHash = the previous entry's contentHash, 64 zeros first.
The tree is RFC 9162's: leaf i is the 32 bytes of the contentHash of sequence i+1, leaf hash
SHA-256(0x00 || leaf), node SHA-256(0x01 || left || right); proofs are checked as RFC 9162 2.1.3.2
and 2.1.4.2 say, against roots this script computes from the export itself or takes from checkpoints.
A CHECKPOINT file is a C2SP tlog-checkpoint (origin, tree size, base64 root, one per line), as
verify_note.py prints it once the note's signature holds; a whole note is read up to its blank line.
"""
import base64
import hashlib
import json
import re
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


NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def jcs_string(text):
    if not NEEDS_ESCAPE.search(text):
        return '"' + text + '"'  # nothing to escape: the text is its own JCS form
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


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def tree_root(leaves):
    """MTH(D[n]) of RFC 9162 2.1.1, straight from its definition."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaf_hash(leaves[0])
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(tree_root(leaves[:k]), tree_root(leaves[k:]))


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, proof):
    """RFC 9162 2.1.4.2."""
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    if not proof or first > second:
        return False
    if first & (first - 1) == 0:
        proof = [first_root] + proof
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def export_leaves(path):
    with open(path, encoding="utf-8") as export:
        return [bytes.fromhex(json.loads(line)["contentHash"]) for line in export if line.strip()]


def check_proof(export_path, proof_path):
    leaves = export_leaves(export_path)
    with open(proof_path, encoding="utf-8") as proof_file:
        proof = json.load(proof_file)
    index, size = proof["leafIndex"], proof["treeSize"]
    root = tree_root(leaves[:size])
    if base64.b64decode(proof["rootHash"]) != root:
        print(f"rootHash is not the root of the export's first {size} entries")
        return 1
    path = [base64.b64decode(h) for h in proof["auditPath"]]
    if not verify_inclusion(index, size, leaf_hash(leaves[index]), path, root):
        print(f"the audit path does not prove leaf {index} in the tree of {size}")
        return 1
    print(f"valid: leaf {index} (sequence {index + 1}) is in the tree of {size}")
    return 0


def check_consistency(export_path, proof_path):
    leaves = export_leaves(export_path)
    with open(proof_path, encoding="utf-8") as proof_file:
        proof = json.load(proof_file)
    first, second = proof["first"], proof["second"]
    hashes = [base64.b64decode(h) for h in proof["proof"]]
    if not verify_consistency(first, second, tree_root(leaves[:first]), tree_root(leaves[:second]), hashes):
        print(f"the proof does not show the tree of {first} to be a prefix of the tree of {second}")
        return 1
    print(f"valid: the tree of {first} is a prefix of the tree of {second}")
    return 0


def read_checkpoint(path):
    with open(path, encoding="utf-8") as checkpoint_file:
        text = checkpoint_file.read().split("\n\n")[0] + "\n"
    lines = text.split("\n")
    if len(lines) < 4 or not lines[0] or not lines[1].isdigit() or str(int(lines[1])) != lines[1]:
        raise ValueError(f"{path} is not a checkpoint (origin, tree size, root hash, one per line)")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise ValueError(f"{path}: the root hash is not 32 bytes")
    return lines[0], int(lines[1]), root


def check_checkpoint(export_path, checkpoint_path):
    leaves = export_leaves(export_path)
    origin, size, root = read_checkpoint(checkpoint_path)
    if size > len(leaves):
        print(f"the checkpoint vouches for {size} entries; the export holds {len(leaves)}")
        return 1
    if tree_root(leaves[:size]) != root:
        print(f"the root of the export's first {size} entries is not the checkpoint's root")
        return 1
    print(f"valid: the export's first {size} entries have the root of the checkpoint of {origin}")
    return 0


def check_extends(old_path, new_path, proof_path):
    old_origin, first, first_root = read_checkpoint(old_path)
    new_origin, second, second_root = read_checkpoint(new_path)
    with open(proof_path, encoding="utf-8") as proof_file:
        proof = json.load(proof_file)
    if old_origin != new_origin:
        print(f"the checkpoints are of two logs: {old_origin} and {new_origin}")
        return 1
    if (proof["first"], proof["second"]) != (first, second):
        print(f"the proof is between {proof['first']} and {proof['second']}, not the checkpoints' {first} and {second}")
        return 1
    hashes = [base64.b64decode(h) for h in proof["proof"]]
    if not verify_consistency(first, second, first_root, second_root, hashes):
        print(f"the proof does not show the checkpoint of {first} to be a prefix of the checkpoint of {second}")
        return 1
    print(f"valid: the checkpoint of {second} extends the checkpoint of {first}")
    return 0


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
    root = base64.b64encode(tree_root(export_leaves(path))).decode()
    print(f"valid: {checked} entries, head sequence {expected_sequence - 1}, head hash {previous}, tree root {root}")
    return 0


def main(argv):
    if argv[1:2] in (["proof"], ["consistency"]) and len(argv) == 4:
        return check_proof(argv[2], argv[3]) if argv[1] == "proof" else check_consistency(argv[2], argv[3])
    try:
        if argv[1:2] == ["checkpoint"] and len(argv) == 4:
            return check_checkpoint(argv[2], argv[3])
        if argv[1:2] == ["extends"] and len(argv) == 5:
            return check_extends(argv[2], argv[3], argv[4])
    except ValueError as error:  # a malformed checkpoint or base64 hash
        print(error)
        return 1
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
