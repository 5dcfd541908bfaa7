// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Command cgo-lifetime-vet finds pointer-lifetime bugs in the Go code of cgo
// packages: Go using C memory after it was freed, freeing it twice or while C
// keeps it, Go pointers kept by C or stored in C memory, and C calls on values
// whose finalizer may run during the call.
//
// It runs three ways:
//
//	go vet -vettool=$(command -v cgo-lifetime-vet) ./...   # as a vet tool
//	cgo-lifetime-vet [flags] ./...                         # standalone
//	cgo-lifetime-vet -json ./...                           # for the cgo-lifetime driver
//
// See docs/go-side.md.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"cgolifetime/vet/cfacts"
	"cgolifetime/vet/lifetime"
	"cgolifetime/vet/passes/gofreescheld"
	"cgolifetime/vet/passes/gofreestwice"
	"cgolifetime/vet/passes/gopointerincmemory"
	"cgolifetime/vet/passes/gopointerkeptbyc"
	"cgolifetime/vet/passes/gousesfreed"
	"cgolifetime/vet/passes/missingkeepalive"
)

// version is the tool's version (go build -ldflags "-X main.version=...").
var version = "0.2.0"

// analyzers are the checkers, one package each.
var analyzers = []*analysis.Analyzer{
	gousesfreed.Analyzer,
	gofreestwice.Analyzer,
	gofreescheld.Analyzer,
	gopointerkeptbyc.Analyzer,
	gopointerincmemory.Analyzer,
	missingkeepalive.Analyzer,
}

// listFlag collects a repeatable flag; each value may hold several entries
// separated by the OS path list separator.
type listFlag struct{ list *[]string }

func (l listFlag) String() string {
	if l.list == nil {
		return ""
	}
	return strings.Join(*l.list, string(filepath.ListSeparator))
}

func (l listFlag) Set(s string) error {
	for _, p := range filepath.SplitList(s) {
		if p != "" {
			*l.list = append(*l.list, p)
		}
	}
	return nil
}

// registerFactFlags adds the flags that say where the C facts come from.
func registerFactFlags(fs *flag.FlagSet, c *cfacts.Config) {
	fs.Var(listFlag{&c.Summaries}, "summaries", "a summaries `file` of the package's C code (docs/summaries.md); repeatable; also $"+cfacts.EnvSummaries)
	fs.Var(listFlag{&c.Models}, "models", "a user's models `file or folder`, read after the shipped models; repeatable; also $"+cfacts.EnvModels)
	fs.StringVar(&c.Manifest, "manifest", "", "a boundary manifest `file` from cgo-boundary (allocators, deallocators, handle arguments); also $"+cfacts.EnvManifest)
	fs.BoolVar(&c.NoShippedModels, "no-shipped-models", false, "do not read the shipped models")
	fs.BoolVar(&c.CallbackUserdata, "shape-callback-userdata", true, "shape rule: a C function taking a function pointer and a void * keeps the void *")
	fs.BoolVar(&c.DestructorName, "shape-destructor-name", true, "shape rule: *_free, *_destroy, *_unref, *_release, *_close free their first pointer argument")
	fs.IntVar(&lifetime.MaxSteps, "max-steps", lifetime.MaxSteps, "the budget of the path exploration of one function, in instructions; a function that runs out of it is named in a warning")
	fs.Var(computeFlag{&c.Compute}, "compute-summaries", "compute the summaries of each package's own C code with cgo-lifetime --summaries (cached; $"+cfacts.EnvCommand+" names the command, $"+cfacts.EnvCacheDir+" the cache); default: unless -summaries names them")
}

// computeFlag is -compute-summaries: true, false, or not given (auto).
type computeFlag struct{ mode *cfacts.ComputeMode }

func (f computeFlag) IsBoolFlag() bool { return true }

func (f computeFlag) String() string {
	if f.mode == nil || *f.mode == cfacts.ComputeAuto {
		return "auto"
	}
	return strconv.FormatBool(*f.mode == cfacts.ComputeOn)
}

func (f computeFlag) Set(s string) error {
	if s == "auto" {
		*f.mode = cfacts.ComputeAuto
		return nil
	}
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("must be true, false or auto")
	}
	*f.mode = cfacts.ComputeOff
	if on {
		*f.mode = cfacts.ComputeOn
	}
	return nil
}

// vetUnitDir records the source directory of the package that go vet's unit
// configuration (the *.cfg argument) describes.
func vetUnitDir(args []string) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return // unitchecker reports it
	}
	var cfg struct{ ImportPath, Dir string }
	if json.Unmarshal(data, &cfg) == nil && cfg.Dir != "" {
		lifetime.PackageDirs[cfg.ImportPath] = cfg.Dir
	}
}

// isVetProtocol reports whether go vet runs us: -V=full, -flags, or a
// *.cfg unit description.
func isVetProtocol(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "--V=full" || a == "-flags" || a == "--flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// checkVetModels reads the user's models that a unit of go vet names (the
// environment's, and -models among the arguments, which unitchecker parses
// later): a malformed one is an error of each package go vet was asked about
// (not of the dependencies it analyses for facts only, whose errors it would
// not show), so that go vet neither hides it behind "failed prerequisites"
// nor caches a run that passed over it.
func checkVetModels(args []string) error {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return nil
	}
	data, err := os.ReadFile(args[len(args)-1])
	var unit struct{ VetxOnly bool }
	if err != nil || json.Unmarshal(data, &unit) != nil || unit.VetxOnly {
		return nil // unitchecker reports an unreadable unit
	}
	c := &cfacts.Config{Models: append([]string(nil), cfacts.Default.Models...)}
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "models" || !strings.HasPrefix(a, "-") {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		listFlag{&c.Models}.Set(value)
	}
	return c.CheckUserModels()
}

func main() {
	cfacts.ToolVersion = version
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if isVetProtocol(args) {
		registerFactFlags(flag.CommandLine, cfacts.Default)
		cfacts.Default.AddEnv()
		vetUnitDir(args)
		if err := checkVetModels(args); err != nil {
			fmt.Fprintf(stderr, "cgo-lifetime-vet: error: %s\n", err)
			return 1
		}
		// unitchecker parses the flags again (after AddEnv the flag values
		// append to what the environment said) and exits.
		unitchecker.Main(analyzers...)
		return 0
	}
	if len(args) > 0 && args[0] == "-dump-facts" {
		return dumpFacts(args[1:], stdout, stderr)
	}
	return standalone(args, stdout, stderr)
}

func fatalf(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "cgo-lifetime-vet: error: "+format+"\n", a...)
	return 2
}
