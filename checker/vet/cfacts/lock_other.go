// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

//go:build !unix

package cfacts

// lockFile does not lock where flock is missing: two processes may compute
// the same summaries; each writes its own temporary file and renames it into
// place, so the cache stays whole.
func lockFile(path string) func() { return func() {} }
