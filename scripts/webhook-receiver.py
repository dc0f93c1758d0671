#!/usr/bin/env python3
"""A SIEM's side of JobEngine's webhook sink, with Python's standard library only.

Listens on http://127.0.0.1:PORT/, checks each batch's X-JobEngine-Signature (HMAC-SHA256 of the
exact body with the shared secret), recomputes every entry's contentHash and checks it extends the
entry before it (per tenant), and appends the entries to an NDJSON file, synced before it answers.
Prints one line per entry; a forged batch is refused (401), and a batch with a changed entry, a
broken link or a missing sequence is refused (409) from that entry on, so the sender keeps it.
A repeated entry (a batch delivered again after a crash) is counted and skipped, also across a
restart of the receiver (it resumes from the file).

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
            self.answer(401)
            return
        accepted, refused = [], False
        for entry in json.loads(body):
            tenant, sequence = entry["tenantId"], entry["sequence"]
            last_sequence, last_hash = Receiver.heads.get(tenant, (0, GENESIS))
            if sequence <= last_sequence:
                Receiver.duplicates += 1
                print(f"duplicate {tenant} #{sequence} skipped ({Receiver.duplicates} so far)", flush=True)
                continue
            problem = None
            if sequence != last_sequence + 1:
                problem = f"GAP in {tenant}: #{last_sequence + 1} to #{sequence - 1} missing"
            elif content_hash(entry) != entry["contentHash"]:
                problem = f"CHANGED {tenant} #{sequence}: contentHash does not recompute"
            elif entry["previousHash"] != last_hash:
                problem = f"BROKEN chain at {tenant} #{sequence}"
            if problem:
                # Refused: the sender keeps its cursor, and nothing after the problem is kept here.
                print(problem, flush=True)
                refused = True
                break
            Receiver.heads[tenant] = (sequence, entry["contentHash"])
            accepted.append(entry)
            print(f"{tenant} #{sequence} {entry['eventType']} {entry['resourceType']}/{entry['resourceId']} by {entry['actorId']}"
                  f" ({entry.get('operatorTicket') or '-'})", flush=True)
        for entry in accepted:
            Receiver.out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        Receiver.out.flush()
        os.fsync(Receiver.out.fileno())
        self.answer(409 if refused else 200)

    def answer(self, status):
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


def resume(path):
    """The last entry kept per tenant, so that a restarted receiver neither reports a gap nor keeps a repeat."""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as kept:
            for line in kept:
                if line.strip():
                    entry = json.loads(line)
                    Receiver.heads[entry["tenantId"]] = (entry["sequence"], entry["contentHash"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--out", default="received.ndjson")
    args = parser.parse_args()
    Receiver.secret = args.secret.encode()
    resume(args.out)
    Receiver.out = open(args.out, "a", encoding="utf-8")
    print(f"listening on http://127.0.0.1:{args.port}/", flush=True)
    # One request at a time: batches are checked in the order they arrive.
    HTTPServer(("127.0.0.1", args.port), Receiver).serve_forever()


if __name__ == "__main__":
    main()
