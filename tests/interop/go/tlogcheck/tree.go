package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/tlog"
)

// tree holds the stored hashes of an export's entries, as a tlog server would store them.
type tree struct {
	leaves []tlog.Hash // the record hash of each entry, by leaf index
	stored []tlog.Hash // indexed by tlog.StoredHashIndex
}

// readExport reads an NDJSON export; leaf i is the 32 bytes of the contentHash of sequence i+1.
func readExport(file string) (*tree, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	t := &tree{}
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; scanner.Scan(); line++ {
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var entry struct {
			Sequence    int64  `json:"sequence"`
			ContentHash string `json:"contentHash"`
		}
		if err := json.Unmarshal(scanner.Bytes(), &entry); err != nil {
			return nil, fmt.Errorf("export line %d is not JSON: %v", line, err)
		}
		if entry.Sequence != int64(len(t.leaves))+1 {
			return nil, fmt.Errorf("export line %d has sequence %d where %d was due", line, entry.Sequence, len(t.leaves)+1)
		}
		data, err := hex.DecodeString(entry.ContentHash)
		if err != nil || len(data) != sha256.Size {
			return nil, fmt.Errorf("export line %d: contentHash is not 64 hex digits", line)
		}
		if err := t.append(data); err != nil {
			return nil, err
		}
	}
	return t, scanner.Err()
}

func (t *tree) append(data []byte) error {
	hashes, err := tlog.StoredHashes(int64(len(t.leaves)), data, t)
	if err != nil {
		return err
	}
	t.leaves = append(t.leaves, tlog.RecordHash(data))
	t.stored = append(t.stored, hashes...)
	return nil
}

// ReadHashes makes tree a tlog.HashReader.
func (t *tree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, index := range indexes {
		if index < 0 || index >= int64(len(t.stored)) {
			return nil, fmt.Errorf("no stored hash %d", index)
		}
		out[i] = t.stored[index]
	}
	return out, nil
}

// root is the root hash of the tree of the first size entries.
func (t *tree) root(size int64) (tlog.Hash, error) {
	if size < 0 || size > int64(len(t.leaves)) {
		return tlog.Hash{}, fmt.Errorf("the export holds %d entries, not %d", len(t.leaves), size)
	}
	// tlog defines the empty tree's hash as zeros; RFC 9162 as the hash of nothing.
	if size == 0 {
		return sha256.Sum256(nil), nil
	}
	return tlog.TreeHash(size, t)
}
