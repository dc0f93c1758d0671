package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/tlog"
)

// inclusionProof is the JSON of GET /api/v1/audit/{entryId}/proof.
type inclusionProof struct {
	LeafIndex int64    `json:"leafIndex"`
	TreeSize  int64    `json:"treeSize"`
	RootHash  string   `json:"rootHash"`
	AuditPath []string `json:"auditPath"`
}

// consistencyProof is the JSON of GET /api/v1/audit/consistency.
type consistencyProof struct {
	First  int64    `json:"first"`
	Second int64    `json:"second"`
	Proof  []string `json:"proof"`
}

// roots answers the root hash of a tree size: the signed checkpoint's for its own size, else the
// one computed from the export.
type roots struct {
	signed checkpoint
	export *tree
}

func (r roots) of(size int64) (tlog.Hash, error) {
	if size == r.signed.size {
		return r.signed.root, nil
	}
	if r.export == nil {
		return tlog.Hash{}, fmt.Errorf("no export to compute the root of the tree of %d from (the checkpoint is of %d)", size, r.signed.size)
	}
	return r.export.root(size)
}

func checkInclusion(file string, r roots) (string, error) {
	var p inclusionProof
	if err := readJSON(file, &p); err != nil {
		return "", err
	}
	if r.export == nil || p.LeafIndex < 0 || p.LeafIndex >= int64(len(r.export.leaves)) {
		return "", fmt.Errorf("%s: leaf %d is not in the export", file, p.LeafIndex)
	}
	root, err := r.of(p.TreeSize)
	if err != nil {
		return "", err
	}
	if claimed, err := decodeHash(p.RootHash); err != nil || claimed != root {
		return "", fmt.Errorf("%s: rootHash is not the root of the tree of %d", file, p.TreeSize)
	}
	path, err := decodeHashes(p.AuditPath)
	if err != nil {
		return "", fmt.Errorf("%s: auditPath: %v", file, err)
	}
	if err := tlog.CheckRecord(path, p.TreeSize, root, p.LeafIndex, r.export.leaves[p.LeafIndex]); err != nil {
		return "", fmt.Errorf("%s: tlog.CheckRecord refused the proof of leaf %d in the tree of %d: %v", file, p.LeafIndex, p.TreeSize, err)
	}
	return fmt.Sprintf("leaf %d is in the tree of %d", p.LeafIndex, p.TreeSize), nil
}

func checkConsistency(file string, r roots) (string, error) {
	var p consistencyProof
	if err := readJSON(file, &p); err != nil {
		return "", err
	}
	proof, err := decodeHashes(p.Proof)
	if err != nil {
		return "", fmt.Errorf("%s: proof: %v", file, err)
	}
	// tlog.CheckTree takes no empty tree: every tree extends it, with an empty proof.
	if p.First == 0 {
		if len(proof) != 0 || p.Second < 0 {
			return "", fmt.Errorf("%s: the proof from the empty tree is not empty", file)
		}
		return fmt.Sprintf("the tree of 0 is a prefix of the tree of %d", p.Second), nil
	}
	first, err := r.of(p.First)
	if err != nil {
		return "", err
	}
	second, err := r.of(p.Second)
	if err != nil {
		return "", err
	}
	if err := tlog.CheckTree(proof, p.Second, second, p.First, first); err != nil {
		return "", fmt.Errorf("%s: tlog.CheckTree refused the proof that the tree of %d is a prefix of the tree of %d: %v", file, p.First, p.Second, err)
	}
	return fmt.Sprintf("the tree of %d is a prefix of the tree of %d", p.First, p.Second), nil
}

func readJSON(file string, v interface{}) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s is not the JSON of a proof: %v", file, err)
	}
	return nil
}

func decodeHash(b64 string) (tlog.Hash, error) {
	var h tlog.Hash
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(data) != tlog.HashSize {
		return h, fmt.Errorf("%q is not 32 bytes of base64", b64)
	}
	copy(h[:], data)
	return h, nil
}

func decodeHashes(list []string) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(list))
	for i, b64 := range list {
		h, err := decodeHash(b64)
		if err != nil {
			return nil, err
		}
		hashes[i] = h
	}
	return hashes, nil
}
