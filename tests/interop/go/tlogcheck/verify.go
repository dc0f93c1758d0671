package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"strings"
)

// files is a flag that may be given more than once.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func verify(args []string) error {
	flags := flag.NewFlagSet("verify", flag.ExitOnError)
	key := flags.String("key", "", "verifier key <name>+<hash>+<base64 key>")
	noteFile := flags.String("note", "", "the signed checkpoint note")
	exportFile := flags.String("export", "", "an NDJSON export of the tenant's ledger")
	var inclusions, consistencies files
	flags.Var(&inclusions, "proof", "an inclusion proof (JSON), repeatable")
	flags.Var(&consistencies, "consistency", "a consistency proof (JSON), repeatable")
	flags.Parse(args)
	if *key == "" || *noteFile == "" || flags.NArg() != 0 {
		usage()
	}

	signed, err := openCheckpoint(*key, *noteFile)
	if err != nil {
		return err
	}
	fmt.Printf("checkpoint: %s, tree of %d, root %s\n", signed.origin, signed.size, base64.StdEncoding.EncodeToString(signed.root[:]))

	r := roots{signed: signed}
	if *exportFile != "" {
		if r.export, err = readExport(*exportFile); err != nil {
			return err
		}
		root, err := r.export.root(signed.size)
		if err != nil {
			return err
		}
		if root != signed.root {
			return fmt.Errorf("the root of the export's first %d entries is %s, not the checkpoint's root", signed.size, base64.StdEncoding.EncodeToString(root[:]))
		}
		fmt.Printf("export: its first %d entries have the checkpoint's root\n", signed.size)
	}
	for _, file := range inclusions {
		checked, err := checkInclusion(file, r)
		if err != nil {
			return err
		}
		fmt.Println("inclusion:", checked)
	}
	for _, file := range consistencies {
		checked, err := checkConsistency(file, r)
		if err != nil {
			return err
		}
		fmt.Println("consistency:", checked)
	}
	return nil
}
