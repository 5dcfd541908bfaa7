package main

import "testing"

func TestGoAtLeast(t *testing.T) {
	for _, c := range []struct {
		have string
		ok   bool
	}{{"go1.19.8", true}, {"go1.26.8", true}, {"go1.18", false}, {"go1.20rc1", true}, {"go1.9", false}, {"devel +abc", true}} {
		if got := goAtLeast(c.have, minGo); got != c.ok {
			t.Errorf("goAtLeast(%q) = %v", c.have, got)
		}
	}
}

func TestVetProtocol(t *testing.T) {
	for _, c := range []struct {
		args []string
		vet  bool
	}{{[]string{"-V=full"}, true}, {[]string{"-flags"}, true}, {[]string{"-json", "/tmp/x/vet.cfg"}, true},
		{[]string{"./..."}, false}, {[]string{"-json", "."}, false}} {
		if got := isVetProtocol(c.args); got != c.vet {
			t.Errorf("isVetProtocol(%q) = %v", c.args, got)
		}
	}
}

func TestCheckerSet(t *testing.T) {
	if _, err := checkerSet("cgo.GoUsesFreed,cgo.Nope"); err == nil {
		t.Error("an unknown checker must be an error")
	}
	s, err := checkerSet("cgo.MissingKeepAlive")
	if err != nil || !s["cgo.MissingKeepAlive"] || s["cgo.GoUsesFreed"] {
		t.Errorf("checkerSet = %v, %v", s, err)
	}
}
