#!/usr/bin/env python3
"""Independent check of a C2SP signed note, with the `cryptography` package and no JobEngine code.

  verify_note.py VERIFIER_KEY NOTE_FILE     exit 0 and print the text when the key signed the note

Verifier key: <name>+<hash>+<base64(0x01 || Ed25519 public key)>, hash = first 4 bytes (hex) of
SHA-256(name || "\\n" || 0x01 || public key). A note: text ending in a newline, a blank line, then
lines "\u2014 <name> <base64(4-byte key hash || Ed25519 signature of the text)>".
"""
import base64
import hashlib
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    name, key_hash, key64 = argv[1].strip().split("+", 2)
    key = base64.b64decode(key64)
    if key[0] != 1 or len(key) != 33:
        print("not an Ed25519 note key")
        return 1
    if hashlib.sha256(name.encode() + b"\n" + key).digest()[:4].hex() != key_hash:
        print("the key hash does not match the key")
        return 1
    with open(argv[2], "rb") as note_file:
        note = note_file.read().decode("utf-8")
    split = note.rindex("\n\n")
    text, signatures = note[: split + 1], note[split + 2 :]
    for line in signatures.splitlines():
        if not line.startswith("\u2014 "):
            print("malformed signature line")
            return 1
        signer, sig64 = line[2:].split(" ")
        signature = base64.b64decode(sig64)
        if signer != name or signature[:4].hex() != key_hash:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(key[1:]).verify(signature[4:], text.encode("utf-8"))
        except InvalidSignature:
            print("signature does not verify")
            return 1
        sys.stdout.write(text)
        return 0
    print("no signature by this key")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
