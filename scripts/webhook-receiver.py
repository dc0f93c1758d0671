#!/usr/bin/env python3
"""A SIEM's side of JobEngine's webhook sink, with Python's standard library only.

Listens on http://127.0.0.1:PORT/, checks each batch's X-JobEngine-Signature (HMAC-SHA256 of the
exact body with the shared secret), recomputes every entry's contentHash and checks it extends the
entry before it (per tenant), and appends the entries to an NDJSON file. Prints one line per
entry, and says so loudly when a batch is forged, an entry was changed, or a sequence is missing.
A repeated entry (a batch delivered again after a crash) is counted and skipped.

    python3 scripts/webhook-receiver.py --port 9000 --secret "$SECRET" --out received.ndjson
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "JobEngine.Core.Tests", "Audit", "independent"))
from verify_ledger import content_hash  # noqa: E402  the independent implementation of the hash rule

GENESIS = "0" * 64


class Receiver(BaseHTTPRequestHandler):
    secret: bytes = b""
    out = None
    heads: dict = {}
    duplicates = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        expected = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.headers.get("X-JobEngine-Signature", "")):
            print("FORGED batch refused: the signature does not match", flush=True)
            self.send_response(401)
            self.end_headers()
            return
        for entry in json.loads(body):
            tenant, sequence = entry["tenantId"], entry["sequence"]
            last_sequence, last_hash = Receiver.heads.get(tenant, (0, GENESIS))
            if sequence <= last_sequence:
                Receiver.duplicates += 1
                print(f"duplicate {tenant} #{sequence} skipped ({Receiver.duplicates} so far)", flush=True)
                continue
            if sequence != last_sequence + 1:
                print(f"GAP in {tenant}: #{last_sequence + 1} to #{sequence - 1} missing", flush=True)
            if content_hash(entry) != entry["contentHash"]:
                print(f"CHANGED {tenant} #{sequence}: contentHash does not recompute", flush=True)
            elif entry["previousHash"] != last_hash and sequence == last_sequence + 1:
                print(f"BROKEN chain at {tenant} #{sequence}", flush=True)
            Receiver.heads[tenant] = (sequence, entry["contentHash"])
            Receiver.out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            print(f"{tenant} #{sequence} {entry['eventType']} {entry['resourceType']}/{entry['resourceId']} by {entry['actorId']}"
                  f" ({entry.get('operatorTicket') or '-'})", flush=True)
        Receiver.out.flush()
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--out", default="received.ndjson")
    args = parser.parse_args()
    Receiver.secret = args.secret.encode()
    Receiver.out = open(args.out, "a", encoding="utf-8")
    print(f"listening on http://127.0.0.1:{args.port}/", flush=True)
    # One request at a time: batches are checked in the order they arrive.
    HTTPServer(("127.0.0.1", args.port), Receiver).serve_forever()


if __name__ == "__main__":
    main()
