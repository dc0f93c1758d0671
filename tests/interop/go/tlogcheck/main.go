// Command tlogcheck checks JobEngine's signed checkpoints, exports and proofs with Go's reference
// transparency-log code (golang.org/x/mod/sumdb/note and tlog), and signs notes with it, so that
// tests can show the two implementations agree byte for byte.
//
//	tlogcheck verify -key VERIFIER_KEY -note NOTE_FILE [-export EXPORT.ndjson] [-proof PROOF.json]... [-consistency CONSISTENCY.json]...
//	tlogcheck keygen NAME                        print a new private key, then its verifier key
//	tlogcheck sign PRIVATE_KEY_FILE TEXT_FILE    print the note signed with that key
//
// Exit status: 0 when everything checked holds, 1 when something does not, 2 on bad usage.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "verify":
		err = verify(os.Args[2:])
	case "keygen":
		err = keygen(os.Args[2:])
	case "sign":
		err = sign(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tlogcheck:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: tlogcheck verify -key KEY -note NOTE [-export EXPORT] [-proof PROOF]... [-consistency PROOF]...")
	fmt.Fprintln(os.Stderr, "       tlogcheck keygen NAME")
	fmt.Fprintln(os.Stderr, "       tlogcheck sign PRIVATE_KEY_FILE TEXT_FILE")
	os.Exit(2)
}
