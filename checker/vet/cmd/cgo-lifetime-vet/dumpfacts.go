// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"flag"
	"io"
	"strings"

	"cgolifetime/vet/cfacts"
)

// dumpFacts is the hidden mode `cgo-lifetime-vet -dump-facts [-models
// LIST] [-summaries LIST]` (';'-separated files or folders, as the plugin's
// cgo:Models and cgo:Summaries): it prints what the reader read, in the
// canonical form of test/facts (cfacts.DumpFacts), for the fixtures that
// hold the Go reader and the plugin's to one reading.
func dumpFacts(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cgo-lifetime-vet -dump-facts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	models := fs.String("models", "", "models files or folders, ';'-separated")
	summaries := fs.String("summaries", "", "summaries files or folders, ';'-separated")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := cfacts.DumpFacts(stdout, splitList(*models), splitList(*summaries)); err != nil {
		return fatalf(stderr, "%v", err)
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
