# lit configuration for the cgo-lifetime suite.
import os
import subprocess

import lit.formats
import lit.util

config.name = "cgo-lifetime"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test", ".sh"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cgo_obj_root, "test")

# Tools: the project's own binaries first, then FileCheck/not/count of the LLVM the build is for.
path = [os.path.join(config.cgo_obj_root, "bin"), config.cgo_tools_dir]
if config.cgo_go:
    path.append(os.path.dirname(config.cgo_go))
path.append(config.environment.get("PATH", os.environ.get("PATH", "")))
config.environment["PATH"] = os.pathsep.join(path)
for var in ("HOME", "GOPATH", "GOROOT", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# Go needs a writable cache; keep it inside the build tree so tests are hermetic.
config.environment["GOCACHE"] = os.path.join(config.cgo_obj_root, "test", "gocache")
config.environment["GOTOOLCHAIN"] = "local"
config.environment["GOFLAGS"] = "-mod=mod"
config.environment["GOPROXY"] = "off"

# A CGO_SANITIZE=ON build: clang-19 (unsanitized) loads the sanitized plugin only with the shared ASan
# runtime preloaded; the tools link the same runtime. clang leaks on purpose (-disable-free): no LSan.
# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons a new slab and unpoisons each allocation only in
# ASan-instrumented code (LLVM_ADDRESS_SANITIZER_BUILD). The plugin's inlined copy of the allocator may start
# a slab of the analyzer's shared allocator (an ImmutableMap node of the checker's state) that unsanitized
# clang then allocates ProgramStates from without unpoisoning them: a false use-after-poison in clang.
if getattr(config, "cgo_asan_runtime", ""):
    config.environment["LD_PRELOAD"] = config.cgo_asan_runtime
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=1:allow_user_poisoning=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    config.available_features.add("sanitize")
# Programs the tests build themselves (the examples' `go build -asan` binaries link ASan statically) run
# without the preloaded runtime ("incompatible ASan runtimes") and with their own defaults: `%native_env`.
if getattr(config, "cgo_asan_runtime", ""):
    config.substitutions.append(("%native_env", "env -u LD_PRELOAD -u ASAN_OPTIONS -u UBSAN_OPTIONS"))
else:
    config.substitutions.append(("%native_env", "env"))

plugin = os.path.join(config.cgo_obj_root, "lib", "CgoLifetime.so")
resource_dir = subprocess.check_output([config.cgo_clang, "-print-resource-dir"], text=True).strip()

config.substitutions.append(("%cgo_plugin", plugin))
# The analyzer tests run `clang -cc1` for one fixed target, with clang's own headers only: no host include
# path, so that they do not depend on the machine's libc. A test that needs <stdlib.h> and the like adds
# the stubs in test/analyzer/Inputs/include (-isystem %S/Inputs/include).
triple = "x86_64-unknown-linux-gnu"
config.substitutions.append(("%clang_analyze_cgo",
    "%s -cc1 -triple %s -internal-isystem %s/include -analyze -load %s"
    % (config.cgo_clang, triple, resource_dir, plugin)))
config.substitutions.append(("%clang_cc1", "%s -cc1 -triple %s -internal-isystem %s/include"
    % (config.cgo_clang, triple, resource_dir)))
config.substitutions.append(("%target_triple", triple))
# The LLVM release the build is for (cmake -DLLVM_VERSION=N; scripts/test.sh --llvm N): the feature
# llvm-N, and the tools of that release by the names a user types on Debian (clang-tidy-N,
# scan-build-N, analyze-build-N), else their paths in LLVM's bin directory. Tests that need what a
# release lacks say so with REQUIRES/UNSUPPORTED on the features below (docs/development.md, "LLVM
# versions").
major = int(config.cgo_llvm_major)
config.available_features.add("llvm-%d" % major)
def versioned_tool(name):
    named = "%s-%d" % (name, major)
    if lit.util.which(named, config.environment["PATH"]):
        return named
    return os.path.join(config.cgo_tools_dir, name)
# The sanitizer runtime of this clang (libclang-rt-N-dev on Debian; 15 has it in
# libclang-common-15-dev): the examples' `go build -asan` proofs need it.
asan_lib = subprocess.check_output(
    [config.cgo_clang, "-print-file-name=libclang_rt.asan-x86_64.a"], text=True).strip()
if os.path.isabs(asan_lib) and os.path.exists(
        os.path.join(resource_dir, "include", "sanitizer", "asan_interface.h")):
    config.available_features.add("asan-runtime")
else:
    lit_config.note("no ASan runtime for %s (Debian: libclang-rt-%d-dev): the examples' "
                    "asan-*.test are skipped" % (config.cgo_clang, major))
config.substitutions.append(("%clang_tidy", versioned_tool("clang-tidy")))
config.substitutions.append(("%scan_build", config.cgo_scan_build))
config.substitutions.append(("%compdb_cc", config.cgo_compdb_cc))
config.substitutions.append(("%analyze_build", versioned_tool("analyze-build")))
config.substitutions.append(("%clang_version", config.cgo_clang_version))
config.substitutions.append(("%llvm_major", str(major)))
config.substitutions.append(("%clang", config.cgo_clang))
config.substitutions.append(("%resource_dir", resource_dir))
config.substitutions.append(("%src_root", config.cgo_src_root))
config.substitutions.append(("%obj_root", config.cgo_obj_root))
config.substitutions.append(("%tools_dir", config.cgo_tools_dir))
config.substitutions.append(("%python", config.cgo_python))
config.substitutions.append(("%expect_exit", "%s %s" % (
    config.cgo_python, os.path.join(config.cgo_src_root, "test", "tools", "expect_exit.py"))))

# The style test (test/style/): the project's formatter, clang-format 19, whichever release
# the build is for (another release formats differently; scripts/setup.sh installs
# clang-format-19 with 19's packages), on a git checkout.
clang_format = lit.util.which("clang-format-19", config.environment["PATH"]) or \
    ("/usr/lib/llvm-19/bin/clang-format" if os.path.exists("/usr/lib/llvm-19/bin/clang-format") else None)
if clang_format:
    config.available_features.add("clang-format")
    # Before %clang, which would match its start.
    config.substitutions.insert(0, ("%clang_format", clang_format))
if os.path.exists(os.path.join(config.cgo_src_root, ".git")):
    config.available_features.add("git-checkout")

if config.cgo_go and os.path.exists(config.cgo_go):
    config.available_features.add("go")
    try:
        ver = subprocess.check_output([config.cgo_go, "env", "GOVERSION"], text=True,
                                      env=dict(os.environ, GOTOOLCHAIN="local")).strip()
        config.go_version = ver
        # go1.24+ knows '#cgo noescape' and '#cgo nocallback'.
        parts = ver[2:].split(".")
        if len(parts) >= 2 and (int(parts[0]), int(parts[1].split("rc")[0].split("beta")[0])) >= (1, 24):
            config.available_features.add("go1.24")
    except Exception:
        pass

# Debian's Go 1.19 beside the current Go: cgo-boundary's cross-version test.
if os.path.exists("/usr/lib/go-1.19/bin/go"):
    config.available_features.add("go119")

# CodeChecker from PyPI, installed into the build tree by scripts/codechecker-venv.sh (called by
# scripts/build.sh); without it (no network) integrations/codechecker.test is skipped, and says why here.
codechecker_venv = os.path.join(config.cgo_obj_root, "codechecker-venv")
if os.access(os.path.join(codechecker_venv, "bin", "CodeChecker"), os.X_OK):
    config.available_features.add("codechecker")
    config.substitutions.append(("%codechecker_venv", codechecker_venv))
else:
    lit_config.note("no CodeChecker in %s (scripts/codechecker-venv.sh installs it from PyPI): "
                    "integrations/codechecker.test is skipped" % codechecker_venv)

# The Go side (checker/vet): built only with Go 1.26 or newer. Its tests run
# `go test` with GOPROXY=off on the module cache that the build filled, and
# with the build's own Go cache.
if getattr(config, "cgo_vet_built", "") == "ON":
    config.available_features.add("cgo-vet")
    config.substitutions.append(("%vet_src", os.path.join(config.cgo_src_root, "checker", "vet")))
    config.substitutions.append(("%vet_go", "env GOCACHE=%s GOFLAGS=-mod=readonly %s" % (
        config.cgo_vet_gocache, config.cgo_vet_go)))
    config.substitutions.append(("%gofmt", os.path.join(os.path.dirname(config.cgo_vet_go), "gofmt")))
