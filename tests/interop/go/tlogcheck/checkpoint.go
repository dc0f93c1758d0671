package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// checkpoint is a C2SP tlog-checkpoint body: origin, tree size, root hash.
type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// openCheckpoint opens the signed note in file with the one verifier key and parses its text.
func openCheckpoint(vkey, file string) (checkpoint, error) {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return checkpoint{}, fmt.Errorf("note.NewVerifier refused the verifier key: %v", err)
	}
	msg, err := os.ReadFile(file)
	if err != nil {
		return checkpoint{}, err
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, fmt.Errorf("note.Open refused the checkpoint note: %v", err)
	}
	return parseCheckpoint(n.Text)
}

func parseCheckpoint(text string) (checkpoint, error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" || lines[0] == "" {
		return checkpoint{}, fmt.Errorf("the note's text is not an origin, a tree size and a root hash, one per line")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return checkpoint{}, fmt.Errorf("the checkpoint's tree size %q is not a decimal number", lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("the checkpoint's root hash %q is not 32 bytes of base64", lines[2])
	}
	c := checkpoint{origin: lines[0], size: size}
	copy(c.root[:], root)
	return c, nil
}
