package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

func keygen(args []string) error {
	if len(args) != 1 {
		usage()
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, args[0])
	if err != nil {
		return err
	}
	fmt.Println(skey)
	fmt.Println(vkey)
	return nil
}

func sign(args []string) error {
	if len(args) != 2 {
		usage()
	}
	skey, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	signer, err := note.NewSigner(strings.TrimSpace(string(skey)))
	if err != nil {
		return fmt.Errorf("the private key does not load with note.NewSigner: %v", err)
	}
	text, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	signed, err := note.Sign(&note.Note{Text: string(text)}, signer)
	if err != nil {
		return errors.New("note.Sign refused the text: " + err.Error())
	}
	_, err = os.Stdout.Write(signed)
	return err
}
