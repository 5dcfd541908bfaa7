// Frames that are blocks (-fblocks), not functions, are named as such.
//
// RUN: %clang_analyze_cgo -fblocks -analyzer-checker=core,cgo \
// RUN:   -analyzer-config cgo:RetainingParams=GoRegister:1 -verify %s

void GoRegister(void *p);

void run_block(void) {
  void (^b)(void) = ^{
    char buf[8];
    GoRegister(buf);
  }; // expected-warning{{Stack memory 'buf' is still held by Go when the block returns: Go export 'GoRegister' kept its 1st argument 'p'}}
  b();
}
