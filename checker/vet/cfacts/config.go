// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Environment variables read by Config.FromEnv.
const (
	EnvSummaries = "CGO_LIFETIME_SUMMARIES" // summaries files, separated by the OS path list separator
	EnvModels    = "CGO_LIFETIME_MODELS"    // extra models files or folders, same separator
	EnvManifest  = "CGO_LIFETIME_MANIFEST"  // a boundary manifest
)

// BuildTreeModels is the source checker/models folder, set at build time
// (go build -ldflags "-X cgolifetime/vet/cfacts.BuildTreeModels=DIR") so that
// a binary in the build tree finds the shipped models before installation.
var BuildTreeModels = ""

// Config says where the C facts come from.
type Config struct {
	Summaries        []string // summaries files (-summaries, $CGO_LIFETIME_SUMMARIES)
	Models           []string // extra models files or folders (-models, $CGO_LIFETIME_MODELS): a user's models
	Manifest         string   // a boundary manifest (-manifest, $CGO_LIFETIME_MANIFEST)
	NoShippedModels  bool     // do not read the shipped models (-no-shipped-models)
	CallbackUserdata bool     // shape rule callback-userdata
	DestructorName   bool     // shape rule destructor-name
	// Compute says when the summaries of the package's own C code are
	// computed with cgo-lifetime --summaries (-compute-summaries).
	Compute ComputeMode
}

// Default is the configuration the command-line flags fill in.
var Default = &Config{CallbackUserdata: true, DestructorName: true, Compute: ComputeAuto}

// AddEnv adds what the environment names to the lists of c. A user's models
// are searched in one order on both sides of the tool (docs/models.md, "Where
// cgo-lifetime looks"): $XDG_CONFIG_HOME/cgo-lifetime/models, then
// $CGO_LIFETIME_MODELS, then -models; a later one overrides an earlier one.
func (c *Config) AddEnv() {
	c.Summaries = append(c.Summaries, splitList(os.Getenv(EnvSummaries))...)
	var user []string
	if dir := UserConfigModels(); dir != "" {
		user = append(user, dir)
	}
	user = append(user, splitList(os.Getenv(EnvModels))...)
	c.Models = append(user, c.Models...)
	if c.Manifest == "" {
		c.Manifest = os.Getenv(EnvManifest)
	}
}

// UserConfigModels returns the user's models folder of the configuration
// directory, $XDG_CONFIG_HOME/cgo-lifetime/models (an absolute
// XDG_CONFIG_HOME; else $HOME/.config/cgo-lifetime/models), when it exists;
// else "".
func UserConfigModels() string {
	var dir string
	if xdg := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(xdg) {
		dir = filepath.Join(xdg, "cgo-lifetime", "models")
	} else if home := os.Getenv("HOME"); home != "" {
		dir = filepath.Join(home, ".config", "cgo-lifetime", "models")
	}
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

func splitList(s string) []string {
	var out []string
	for _, p := range filepath.SplitList(s) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ShippedModelsDirs returns the folders searched for the shipped models, in
// order: <exe>/../share/cgo-lifetime/models (an installed tool), then the
// source checker/models of the build tree the binary was built from. The first
// that exists is used.
func ShippedModelsDirs() []string {
	var dirs []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dirs = append(dirs, filepath.Join(filepath.Dir(exe), "..", "share", "cgo-lifetime", "models"))
	}
	if BuildTreeModels != "" {
		dirs = append(dirs, BuildTreeModels)
	}
	return dirs
}

// PackageInputs is what the C facts of one Go package depend on.
type PackageInputs struct {
	ImportPath string
	Dir        string   // the package's source directory (never the build's $WORK)
	GoFiles    []string // the package's Go files (preambles live in the cgo files)
	OtherFiles []string // its C, C++, header and assembly files
}

// ComputedSummaries returns the summaries of the package's own C code, or
// nil when there are none to be had, and warnings to print once. It reads
// the summaries files of the configuration (dropping any whose inputs
// changed) and, unless they are named (ComputeAuto) or computing is off,
// the summaries that cgo-lifetime --summaries computes for the package,
// from a cache keyed by the SHA-256 of their inputs (compute.go).
var ComputedSummaries = func(c *Config, pkg PackageInputs) ([]*File, []string, error) {
	var files []*File
	var warnings []string
	for _, path := range c.Summaries {
		f, err := cachedRead(path)
		if err != nil {
			return nil, nil, err
		}
		if f.Kind != "summaries" {
			return nil, nil, &Error{File: path, Msg: "'kind' must be \"summaries\" for a summaries file"}
		}
		if why := stale(f); why != "" {
			warnings = append(warnings, fmt.Sprintf("ignoring stale summaries %s: %s", path, why))
			continue
		}
		files = append(files, f)
	}
	if c.Compute == ComputeOn || c.Compute == ComputeAuto && len(c.Summaries) == 0 {
		f, warning := computeSummaries(pkg)
		if f != nil {
			files = append(files, f)
		}
		if warning != "" {
			warnings = append(warnings, warning)
		}
	}
	return files, warnings, nil
}

// stale returns why a summaries file no longer describes its inputs, or "".
func stale(f *File) string {
	for _, in := range f.Inputs {
		p := in.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(f.Path), p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Sprintf("input %s: %s", in.File, errText(err))
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != in.SHA256 {
			return fmt.Sprintf("%s changed since they were computed", in.File)
		}
	}
	return ""
}

var readCache sync.Map // path -> *readResult

type readResult struct {
	once sync.Once
	f    *File
	err  error
}

func cachedRead(path string) (*File, error) {
	v, _ := readCache.LoadOrStore(path, &readResult{})
	r := v.(*readResult)
	r.once.Do(func() { r.f, r.err = ReadFile(path) })
	return r.f, r.err
}

var shippedCache sync.Map // path -> *readResult

// shippedRead reads a shipped models file; its facts cite it by its name in
// the models folder (libc.json:90), which is the same wherever the tool is
// installed, and the reports stay the same from machine to machine.
func shippedRead(path string) (*File, error) {
	v, _ := shippedCache.LoadOrStore(path, &readResult{})
	r := v.(*readResult)
	r.once.Do(func() {
		r.f, r.err = ReadFile(path)
		if r.err != nil {
			return
		}
		base := filepath.Base(path)
		for i := range r.f.Functions {
			for j := range r.f.Functions[i].Effects {
				r.f.Functions[i].Effects[j].Source.File = base
			}
		}
	})
	return r.f, r.err
}

// modelFiles lists the *.json files of a models folder, sorted, or the file
// itself.
func modelFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + errText(err)}
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + errText(err)}
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(files)
	return files, nil
}

// Facts is everything known about C functions for one package.
type Facts struct {
	DB       *DB
	Manifest *Manifest
	Warnings []string
}

// readModels reads the models files of a file or folder (shipped ones
// through their own cache, cited by name).
func readModels(rank Rank, path string) ([]*File, error) {
	files, err := modelFiles(path)
	if err != nil {
		return nil, err
	}
	var out []*File
	for _, p := range files {
		read := cachedRead
		if rank == RankShipped {
			read = shippedRead
		}
		f, err := read(p)
		if err != nil {
			return nil, err
		}
		if f.Kind != "models" {
			return nil, &Error{File: p, Msg: "'kind' must be \"models\" for a models file"}
		}
		out = append(out, f)
	}
	return out, nil
}

// CheckUserModels reads the user's models files of c and returns the first
// error: a malformed file stops the tool before any package is analysed (under
// go vet too, where an analysis error of a dependency would pass in silence).
func (c *Config) CheckUserModels() error {
	for _, m := range c.Models {
		if _, err := readModels(RankUser, m); err != nil {
			return err
		}
	}
	return nil
}

// Load collects the facts for one package: builtins, shipped models, the
// user's models, the manifest, then the package's computed summaries.
func (c *Config) Load(pkg PackageInputs) (*Facts, error) {
	db := NewDB()
	db.CallbackUserdata, db.DestructorName = c.CallbackUserdata, c.DestructorName
	addModels := func(rank Rank, path string) error {
		files, err := readModels(rank, path)
		for _, f := range files {
			db.AddFile(rank, f)
		}
		return err
	}
	if !c.NoShippedModels {
		for _, dir := range ShippedModelsDirs() {
			if st, err := os.Stat(dir); err == nil && st.IsDir() {
				if err := addModels(RankShipped, dir); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	for _, m := range c.Models {
		if err := addModels(RankUser, m); err != nil {
			return nil, err
		}
	}
	facts := &Facts{DB: db, Manifest: &Manifest{HandleArgs: map[string][]int{}}}
	if c.Manifest != "" {
		m, err := ReadManifest(c.Manifest, db)
		if err != nil {
			return nil, err
		}
		facts.Manifest = m
	}
	sums, warnings, err := ComputedSummaries(c, pkg)
	if err != nil {
		return nil, err
	}
	for _, f := range sums {
		db.AddFile(RankComputed, f)
	}
	facts.Warnings = warnings
	return facts, nil
}
