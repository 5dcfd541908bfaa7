// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

//go:build unix

package cfacts

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on path (created if need be) and returns
// the function that releases it. Without a lock (a read-only folder), two
// processes may compute the same summaries; each writes its own temporary
// file and renames it into place, so the cache stays whole.
func lockFile(path string) func() {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return func() {}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
