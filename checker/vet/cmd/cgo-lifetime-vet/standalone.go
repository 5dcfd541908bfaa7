// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"cgolifetime/vet/cfacts"
	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// minGo is the oldest go command this tool loads packages with (go list,
// cgo). Building the tool needs Go 1.26 (golang.org/x/tools v0.52.0); the
// built tool analyses packages with Debian's Go 1.19 too, standalone and as
// a vet tool (test/vet/go119.test).
const minGo = "go1.19"

const usage = `usage: cgo-lifetime-vet [flags] PACKAGE...
       go vet -vettool=$(command -v cgo-lifetime-vet) PACKAGE...

Finds pointer-lifetime bugs in the Go code of cgo packages (docs/go-side.md).
Exit status: 0 no findings, 1 findings, 2 error, 3 incomplete: a function ran
out of the path budget (-max-steps; named in a warning); with -allow-incomplete
the findings decide.

Flags:
`

func standalone(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cgo-lifetime-vet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := cfacts.Default
	registerFactFlags(fs, cfg)
	jsonOut := fs.Bool("json", false, "print the findings as JSON (docs/go-side.md, \"JSON output\")")
	fix := fs.Bool("fix", false, "apply the safe fixes (runtime.KeepAlive after a C call) to the source files")
	checks := fs.String("checks", "", "comma-separated checkers to report (default: all), e.g. cgo.GoUsesFreed,cgo.MissingKeepAlive")
	tests := fs.Bool("test", false, "also analyse the packages' tests")
	allowIncomplete := fs.Bool("allow-incomplete", false, "a function that runs out of the path budget is a warning only (else exit status 3)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the analysis to `file` (go tool pprof)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "cgo-lifetime-vet %s (golang.org/x/tools v0.52.0)\n", version)
		return 0
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cfg.AddEnv()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fatalf(stderr, "%v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return fatalf(stderr, "%v", err)
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	enabled, err := checkerSet(*checks)
	if err != nil {
		return fatalf(stderr, "%v", err)
	}
	if err := checkGo(); err != nil {
		return fatalf(stderr, "%v", err)
	}
	if dir := missingDir(fs.Args()); dir != "" {
		return fatalf(stderr, "'%s': no such directory", dir)
	}
	pcfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: *tests}
	pkgs, err := packages.Load(pcfg, fs.Args()...)
	if err != nil {
		return fatalf(stderr, "%s", oneLine(err.Error()))
	}
	if n := printLoadErrors(pkgs, stderr); n > 0 {
		return 2
	}
	if len(pkgs) == 0 {
		return fatalf(stderr, "no packages match %s", strings.Join(fs.Args(), " "))
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Dir != "" {
			lifetime.PackageDirs[p.PkgPath] = p.Dir
		}
	})
	// The lifetime analysis is a root too, so that its result (the fixes)
	// is kept.
	graph, err := checker.Analyze(append([]*analysis.Analyzer{lifetime.Analyzer}, analyzers...), pkgs, nil)
	if err != nil {
		return fatalf(stderr, "%v", err)
	}
	fset := pkgs[0].Fset
	diags, results, failed := collect(graph, pkgs, enabled, stderr)
	if failed {
		return 2
	}
	diags = sortDiagnostics(diags)
	if *fix {
		fixed, err := applyFixes(fset, pkgs, results, enabled)
		if err != nil {
			return fatalf(stderr, "%v", err)
		}
		for _, f := range fixed {
			fmt.Fprintf(stderr, "cgo-lifetime-vet: fixed %s\n", f)
		}
	}
	if *jsonOut {
		if err := writeJSON(stdout, diags, keepsOf(fset, results)); err != nil {
			return fatalf(stderr, "%v", err)
		}
	} else {
		writeText(stdout, diags)
	}
	if lifetime.Incomplete() > 0 && !*allowIncomplete {
		return 3
	}
	if len(diags) > 0 {
		return 1
	}
	return 0
}

// checkerSet parses -checks: full names of Go-side checkers (Checkers.def).
func checkerSet(list string) (map[string]bool, error) {
	all := map[string]bool{}
	for _, name := range checkers.Names() {
		all[name] = true
	}
	if list == "" {
		return all, nil
	}
	enabled := map[string]bool{}
	for _, c := range strings.Split(list, ",") {
		c = strings.TrimSpace(c)
		if !all[c] {
			return nil, fmt.Errorf("unknown checker %q in -checks (known: %s)", c, strings.Join(checkers.Names(), ", "))
		}
		enabled[c] = true
	}
	return enabled, nil
}

// checkGo fails with one line when the go command is older than minGo.
func checkGo() error {
	gocmd := "go"
	out, err := exec.Command(gocmd, "env", "GOVERSION").Output()
	if err != nil {
		return fmt.Errorf("cannot run 'go env GOVERSION': %v (cgo-lifetime-vet needs the go command, %s or newer)", err, minGo)
	}
	v := strings.TrimSpace(string(out))
	if !goAtLeast(v, minGo) {
		path, _ := exec.LookPath(gocmd)
		return fmt.Errorf("needs a go command of Go %s or newer, found %s (%s)", strings.TrimPrefix(minGo, "go"), v, path)
	}
	return nil
}

// goAtLeast compares Go versions "go1.N[.P][rcX]"; an unparsable version
// (a development build) passes.
func goAtLeast(have, want string) bool {
	h, ok1 := goMinor(have)
	w, ok2 := goMinor(want)
	if !ok1 || !ok2 {
		return true
	}
	return h >= w
}

func goMinor(v string) (int, bool) {
	v = strings.TrimPrefix(v, "go")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 || parts[0] != "1" {
		return 0, false
	}
	minor := parts[1]
	for i, c := range minor {
		if c < '0' || c > '9' {
			minor = minor[:i]
			break
		}
	}
	n, err := strconv.Atoi(minor)
	return n, err == nil
}

// collect gathers the enabled checkers' diagnostics of the root packages and
// the lifetime analysis's results (their fixes and keeps); an analysis error
// is printed once, and failed says there was one.
func collect(graph *checker.Graph, pkgs []*packages.Package, enabled map[string]bool, stderr io.Writer) (diags []diagnostic, results []*lifetime.Result, failed bool) {
	fset := pkgs[0].Fset
	seen := map[string]bool{}
	roots := map[*packages.Package]bool{}
	for _, p := range pkgs {
		roots[p] = true
	}
	for act := range graph.All() {
		if act.Err != nil && !strings.HasPrefix(act.Err.Error(), "failed prerequisites") {
			msg := act.Err.Error()
			if !seen[msg] {
				seen[msg] = true
				fatalf(stderr, "%s", strings.TrimPrefix(msg, "cgolifetime: "))
			}
			failed = true
			continue
		}
		if act.Analyzer == lifetime.Analyzer && roots[act.Package] {
			if r, ok := act.Result.(*lifetime.Result); ok {
				results = append(results, r)
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			if enabled[d.Category] {
				diags = append(diags, toDiagnostic(fset, d))
			}
		}
	}
	return diags, results, failed
}

// missingDir returns the first pattern that names a directory the way the go
// command reads one ("." and "..", or starting with "./", "../" or "/";
// "/..." patterns by the part before it) that does not exist, or "".
func missingDir(patterns []string) string {
	for _, p := range patterns {
		if p != "." && p != ".." && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") &&
			!strings.HasPrefix(p, "/") {
			continue
		}
		dir := strings.TrimSuffix(p, "/...")
		if dir == "" {
			continue
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return p
		}
	}
	return ""
}

// printLoadErrors prints the errors of loading the packages, one line each.
func printLoadErrors(pkgs []*packages.Package, stderr io.Writer) int {
	n := 0
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := oneLine(e.Error())
			if e.Pos == "" || e.Pos == "-" {
				msg = oneLine(e.Msg) // no position: not "-: ..."
			}
			if !seen[msg] {
				seen[msg] = true
				fmt.Fprintf(stderr, "cgo-lifetime-vet: error: %s\n", msg)
			}
			n++
		}
	})
	return n
}

// diagnostic is one finding as the command prints it.
type diagnostic struct {
	Checker string `json:"checker"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Notes   []note `json:"notes"`
}

type note struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func toDiagnostic(fset tokenFileSet, d analysis.Diagnostic) diagnostic {
	p := fset.Position(d.Pos)
	out := diagnostic{Checker: d.Category, File: p.Filename, Line: p.Line, Column: p.Column, Message: d.Message, Notes: []note{}}
	for _, r := range d.Related {
		q := fset.Position(r.Pos)
		out.Notes = append(out.Notes, note{File: q.Filename, Line: q.Line, Column: q.Column, Message: r.Message})
	}
	return out
}

// sortDiagnostics sorts by file, line, column, checker and drops duplicates
// (a package and its test variant report the same finding).
func sortDiagnostics(ds []diagnostic) []diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Checker != b.Checker {
			return a.Checker < b.Checker
		}
		return a.Message < b.Message
	})
	var out []diagnostic
	for i, d := range ds {
		if i > 0 && d.File == ds[i-1].File && d.Line == ds[i-1].Line && d.Column == ds[i-1].Column &&
			d.Checker == ds[i-1].Checker && d.Message == ds[i-1].Message {
			continue
		}
		out = append(out, d)
	}
	return out
}

// goListNoise is what go/packages puts before the go command's own message.
var goListNoise = regexp.MustCompile(`^(-: )?err: exit status \d+: stderr: `)

// oneLine turns a go list error into one line.
func oneLine(msg string) string {
	msg = goListNoise.ReplaceAllString(strings.TrimSpace(msg), "")
	return strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", " ")), " ")
}
