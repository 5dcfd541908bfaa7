// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// The summaries of a package's own C code (the preamble and its .c files) are
// computed by the C side, `cgo-lifetime --summaries FILE --summaries-only DIR`, and kept in a
// cache keyed by the SHA-256 of everything they depend on, so that under
// `go vet -vettool` they are there without a manual step and never stale
// (docs/go-side.md, "How facts are found").

// Environment variables of the computation.
const (
	// EnvCommand names the cgo-lifetime command that computes summaries;
	// by default the cgo-lifetime beside this executable.
	EnvCommand = "CGO_LIFETIME_COMMAND"
	// EnvCacheDir names the folder of the cache; by default
	// $XDG_CACHE_HOME/cgo-lifetime/summaries (os.UserCacheDir).
	EnvCacheDir = "CGO_LIFETIME_CACHE_DIR"
)

// ComputeMode says when the package's summaries are computed.
type ComputeMode int

const (
	ComputeOff  ComputeMode = iota // never (the zero value: tests, other drivers)
	ComputeAuto                    // unless summaries files are named (-summaries, $CGO_LIFETIME_SUMMARIES)
	ComputeOn                      // always, beside any named files
)

// ToolVersion is the version of cgo-lifetime-vet (set by the command); it is
// part of the cache key.
var ToolVersion = "devel"

// cExtensions are the files of a package directory whose change may change
// the summaries of its C code, besides its cgo Go files: C and C++ sources,
// and every header of the directory (whether a file includes it or not).
var cExtensions = map[string]bool{
	".c": true, ".cc": true, ".cpp": true, ".cxx": true, ".m": true,
	".h": true, ".hh": true, ".hpp": true, ".hxx": true, ".inc": true,
}

// keyGoEnv are the go command's settings that change how the C code
// compiles (the compiler, cgo's flags, the target). Their effective values
// (go env: the environment, go's own defaults) enter the key, so that go vet,
// which sets CC for its tools, and a standalone run agree.
var keyGoEnv = []string{"CC", "CXX", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS",
	"GOOS", "GOARCH"}

// goEnv returns the effective values of keyGoEnv, or an error.
var goEnv = sync.OnceValues(func() (map[string]string, error) {
	out, err := exec.Command("go", append([]string{"env", "-json"}, keyGoEnv...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("'go env' failed: %v", err)
	}
	vals := map[string]string{}
	if err := json.Unmarshal(out, &vals); err != nil {
		return nil, fmt.Errorf("'go env -json' printed no JSON: %v", err)
	}
	return vals, nil
})

// computeSummaries returns the summaries of the package's own C code from the
// cache, or runs cgo-lifetime --summaries to compute them. It returns nil and
// no warning when the package has no C code of its own (no cgo file) or is
// part of the standard library (described by the models only), and nil and
// one warning line when the summaries cannot be had.
func computeSummaries(pkg PackageInputs) (*File, string) {
	if pkg.Dir == "" {
		return nil, ""
	}
	files, err := cInputs(pkg.Dir)
	if err != nil {
		return nil, noSummaries(pkg, "cannot read the package directory: "+errText(err))
	}
	if files == nil || InGOROOT(pkg.Dir) {
		return nil, ""
	}
	cmd, why := summariesCommand()
	if cmd == "" {
		return nil, noSummaries(pkg, why)
	}
	key, err := cacheKey(cmd, pkg.Dir, files)
	if err != nil {
		return nil, noSummaries(pkg, err.Error())
	}
	dir, err := cacheDir()
	if err != nil {
		// No cache: compute into a folder of our own, used once.
		tmp, terr := os.MkdirTemp("", "cgo-lifetime-summaries-")
		if terr != nil {
			return nil, noSummaries(pkg, "no cache folder: "+errText(err))
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	final := filepath.Join(dir, key+".json")
	if f := fromCache(final); f != nil {
		return f, ""
	}
	unlock := lockFile(filepath.Join(dir, key+".lock"))
	defer unlock()
	// Another process (go vet runs packages in parallel, and a package with
	// its test variant) may have computed it while we waited.
	if f := fromCache(final); f != nil {
		return f, ""
	}
	return runSummaries(pkg, cmd, dir, key, final)
}

func noSummaries(pkg PackageInputs, why string) string {
	return fmt.Sprintf("no summaries of the C code of package %s: %s; its C functions are known from the models only", pkg.ImportPath, why)
}

// fromCache returns the cached summaries at path when they are there, read
// cleanly and still describe their inputs.
func fromCache(path string) *File {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	f, err := ReadFile(path)
	if err != nil || f.Kind != "summaries" || stale(f) != "" {
		os.Remove(path)
		return nil
	}
	return f
}

// runSummaries runs `cgo-lifetime --summaries TMP --summaries-only DIR` in
// the package directory (the C side's first pass only: no findings, no
// second pass) and moves the result into the cache.
func runSummaries(pkg PackageInputs, cmd, dir, key, final string) (*File, string) {
	tmp := filepath.Join(dir, fmt.Sprintf("%s.%d.tmp.json", key, os.Getpid()))
	os.Remove(tmp)
	defer os.Remove(tmp)
	var stderr bytes.Buffer
	c := exec.Command(cmd, "--summaries", tmp, "--summaries-only", pkg.Dir)
	c.Dir = pkg.Dir
	c.Stdout = io.Discard
	c.Stderr = &stderr
	err := c.Run()
	status := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() < 0 {
			return nil, noSummaries(pkg, fmt.Sprintf("'%s --summaries' did not run: %v", cmd, err))
		}
		status = ee.ExitCode()
	}
	// 0: done; 1: done, with findings of the C side; 3: done, but part of
	// the C code could not be analysed. Anything else is a failure.
	if status != 0 && status != 1 && status != 3 {
		return nil, noSummaries(pkg, fmt.Sprintf("'%s --summaries' failed (exit status %d)%s", cmd, status, lastLine(stderr.String())))
	}
	f, err := ReadFile(tmp)
	if err == nil && f.Kind != "summaries" {
		err = &Error{File: tmp, Msg: "'kind' must be \"summaries\" for a summaries file"}
	}
	if err != nil {
		return nil, noSummaries(pkg, fmt.Sprintf("'%s --summaries' wrote no usable file: %v", cmd, err))
	}
	if why := stale(f); why != "" {
		return nil, noSummaries(pkg, "they went stale while they were computed: "+why)
	}
	if status == 3 {
		// Incomplete: used this once, with a warning, and never cached.
		return f, fmt.Sprintf("the summaries of the C code of package %s are incomplete: '%s --summaries' could not analyse all of it (exit status 3)%s",
			pkg.ImportPath, cmd, lastLine(stderr.String()))
	}
	if err := os.Rename(tmp, final); err == nil {
		f.Path = final
	}
	return f, ""
}

// lastLine returns ": " and the last non-empty line of a command's stderr,
// or "".
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if last == "" {
		return ""
	}
	if len(last) > 200 {
		last = last[:200] + "..."
	}
	return ": " + last
}

// summariesCommand returns the cgo-lifetime command to run, or why there is
// none: $CGO_LIFETIME_COMMAND, else cgo-lifetime beside this executable (as
// invoked, then with symbolic links resolved).
func summariesCommand() (string, string) {
	if cmd := os.Getenv(EnvCommand); cmd != "" {
		if !isExecutable(cmd) {
			return "", fmt.Sprintf("$%s names %s, which is not an executable file", EnvCommand, cmd)
		}
		return cmd, ""
	}
	exe, err := os.Executable()
	if err != nil {
		return "", "cannot locate this executable to find cgo-lifetime beside it (set $" + EnvCommand + ")"
	}
	dirs := []string{filepath.Dir(exe)}
	if real, err := filepath.EvalSymlinks(exe); err == nil && filepath.Dir(real) != dirs[0] {
		dirs = append(dirs, filepath.Dir(real))
	}
	for _, d := range dirs {
		if cmd := filepath.Join(d, "cgo-lifetime"); isExecutable(cmd) {
			return cmd, ""
		}
	}
	return "", fmt.Sprintf("cgo-lifetime is not installed beside %s (set $%s to run another)", exe, EnvCommand)
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o111 != 0
}

// cInputs lists the files of dir that the summaries depend on: the Go files
// that import "C" (preambles, #cgo flags, //export), the C and C++ sources and
// the headers; nil when no Go file imports "C". Names are sorted.
func cInputs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	cgo := false
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		ext := filepath.Ext(name)
		switch {
		case ext == ".go":
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				continue // not Go code the go command would build
			}
			for _, imp := range f.Imports {
				if imp.Path.Value == `"C"` {
					files = append(files, name)
					cgo = true
					break
				}
			}
		case cExtensions[ext]:
			files = append(files, name)
		}
	}
	if !cgo {
		return nil, nil
	}
	sort.Strings(files)
	return files, nil
}

// InGOROOT reports whether dir is a package of the standard library, whose
// cgo packages (runtime/cgo, net, os/user) the models describe.
func InGOROOT(dir string) bool {
	for _, root := range []func() string{func() string { return os.Getenv("GOROOT") }, goroot} {
		root := root()
		if root == "" {
			continue
		}
		src := filepath.Join(root, "src") + string(filepath.Separator)
		if strings.HasPrefix(dir+string(filepath.Separator), src) {
			return true
		}
		if real, err := filepath.EvalSymlinks(root); err == nil {
			src = filepath.Join(real, "src") + string(filepath.Separator)
			if d, err := filepath.EvalSymlinks(dir); err == nil && strings.HasPrefix(d+string(filepath.Separator), src) {
				return true
			}
		}
	}
	return false
}

// goroot is the GOROOT of `go env`, which standalone runs see when the
// environment does not set it (go vet sets it for its tools).
var goroot = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// cacheKey is the SHA-256 over what the summaries depend on: this tool's
// version, the cgo-lifetime command (path, size, modification time: a new
// C side recomputes), the settings of keyGoEnv and $CGO_LIFETIME_MODELS, the
// package directory, and the names and contents
// of the package's cgo Go files, C sources and headers.
func cacheKey(cmd, dir string, files []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "cgo-lifetime-vet summaries key 1\nversion %q\n", ToolVersion)
	st, err := os.Stat(cmd)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "command %q %d %d\n", cmd, st.Size(), st.ModTime().UnixNano())
	env, err := goEnv()
	if err != nil {
		return "", err
	}
	for _, v := range keyGoEnv {
		fmt.Fprintf(h, "go env %s %q\n", v, env[v])
	}
	// Which models the C side reads.
	fmt.Fprintf(h, "env %s %q\n", EnvModels, os.Getenv(EnvModels))
	fmt.Fprintf(h, "dir %q\n", dir)
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", fmt.Errorf("cannot read %s: %s", name, errText(err))
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "file %q %s\n", name, hex.EncodeToString(sum[:]))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cacheDir returns the cache folder, created if need be.
func cacheDir() (string, error) {
	dir := os.Getenv(EnvCacheDir)
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(base, "cgo-lifetime", "summaries")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}
