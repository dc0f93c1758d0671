#!/usr/bin/env python3
"""Plays the insider of docs/audit-ledger.md against a stopped server's SQLite file.

    play-insider.py DB EXPORT rewrite SEQUENCE   change entry SEQUENCE's operatorReason
    play-insider.py DB EXPORT truncate KEEP      delete every entry after KEEP

Either way, like someone who can write the database and wants it to go unnoticed: the triggers in
the way are dropped and put back afterwards, every later hash and link and the chain head are
recomputed, and the Merkle tree and the stored checkpoints are deleted (the server rebuilds the
tree from the entries at its next start). EXPORT is the tenant's export (GET /audit/export).
Only for trying the ledger's defences on a throw-away store.
"""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "JobEngine.Core.Tests", "Audit", "independent"))
from verify_ledger import content_hash  # noqa: E402  (the independent verifier's hash rule)

TRIGGERS = ("audit_entries_refuse_update", "audit_entries_refuse_delete",
            "audit_tree_nodes_refuse_delete", "audit_checkpoints_refuse_delete")


def main(db_path, export_path, action, number):
    entries = [json.loads(line) for line in open(export_path, encoding="utf-8") if line.strip()]
    tenant = entries[0]["tenantId"]
    db = sqlite3.connect(db_path)
    saved = {name: sql for name, sql in db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({','.join('?' * len(TRIGGERS))})", TRIGGERS)}
    for name in saved:
        db.execute(f"DROP TRIGGER {name}")

    if action == "rewrite":
        first = number - 1
        entries[first]["operatorReason"] = "nothing to see here"
        for i in range(first, len(entries)):
            if i > 0:
                entries[i]["previousHash"] = entries[i - 1]["contentHash"]
            entries[i]["contentHash"] = content_hash(entries[i])
            db.execute("UPDATE audit_entries SET operator_reason = ?, previous_hash = ?, content_hash = ? "
                       "WHERE tenant_id = ? AND sequence = ?",
                       (entries[i].get("operatorReason"), entries[i]["previousHash"], entries[i]["contentHash"], tenant, i + 1))
        db.execute("UPDATE audit_chain_heads SET content_hash = ? WHERE tenant_id = ?", (entries[-1]["contentHash"], tenant))
    elif action == "truncate":
        db.execute("DELETE FROM audit_entries WHERE tenant_id = ? AND sequence > ?", (tenant, number))
        db.execute("UPDATE audit_chain_heads SET sequence = ?, content_hash = ? WHERE tenant_id = ?",
                   (number, entries[number - 1]["contentHash"], tenant))
    else:
        sys.exit(f"unknown action {action}: rewrite or truncate")

    db.execute("DELETE FROM audit_tree_nodes WHERE tenant_id = ?", (tenant,))
    db.execute("UPDATE audit_chain_heads SET tree_frontier = X'' WHERE tenant_id = ?", (tenant,))
    db.execute("DELETE FROM audit_checkpoints WHERE tenant_id = ?", (tenant,))
    for sql in saved.values():
        db.execute(sql)
    db.commit()
    print(f"{action} done on tenant {tenant}: the chain still verifies on its own; no stored checkpoint is left")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
