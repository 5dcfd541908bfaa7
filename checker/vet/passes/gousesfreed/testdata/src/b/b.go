// Package b uses package a's wrappers: what a frees is known here through
// analysis facts.
package b

import "a"

func crossPackage() int {
	b := a.NewBuf()
	b.Close()
	return b.Get() // want `is used after \(\*a.Buf\).Close freed it: \(\*a.Buf\).Get uses it`
}

func crossPackageFixed() int {
	b := a.NewBuf()
	n := b.Get()
	b.Close()
	return n
}
