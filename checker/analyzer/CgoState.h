//===- CgoState.h - What the cgo checkers remember along a path -*- C++ -*-===//
//
// The path-sensitive state of the cgo checkers: the five maps they keep in
// the program state, the values those maps hold, and the accessors that read
// and change them. The maps are registered in CgoState.cpp, the one file that
// names their traits (REGISTER_MAP_WITH_PROGRAMSTATE puts a trait in an
// anonymous namespace, so a second translation unit naming it would get a
// second, always empty map); everyone else goes through these accessors, as
// RetainCountChecker's files do with getRefBinding and setRefBinding.
//
// The state diagrams, one per map. "(untracked)" is "not in the map"; a box
// is a report, named by its checker's ID in Checkers.def.
//
// CgoBlocks: the block of C memory a symbol points into -> CgoBlockState.
// Keyed by the base symbol of the pointer's region, so that `p`, `p + 8` and
// `&p->field` share it. A dead symbol leaves the map.
//
//              free / realloc that moves / a deallocator
//  (untracked) ------------------------------------> Released
//      |                                                |
//      | passed to a Go export                          | reaches Go: an
//      | that retains it                                | export's argument,
//      v                                                | a Go-called
//   HeldByGo -- passed to an export that releases it    | function's result or
//      |        (Go dropped its reference) -> untracked | out-parameter, the
//      |                                                | cgo wrapper's result,
//      | free / realloc / a deallocator                 | a Go-read global
//      v                                                v
//  +-----------------------------+     +-----------------------------+
//  | FreeWhileGoHolds: "Memory   |     | FreedToGo: "Pointer to      |
//  | is freed while Go still     |     | freed memory is passed to   |
//  | holds it", "... may be      |     | Go export", "... returns a  |
//  | moved by 'realloc'"; ends   |     | pointer to freed memory to  |
//  | the path                    |     | Go", ...; ends the path     |
//  +-----------------------------+     +-----------------------------+
//
// CgoHeldStack: a stack region that a Go export keeps -> GoHold.
//
//              its address passed to a Go export that retains it
//  (untracked) -----------------------------------------------> Held
//      ^                                                         |  |
//      | passed to an export that releases it, or its frame      |  | its
//      | returns while FreeWhileGoHolds is off                   |  | frame
//      +---------------------------------------------------------+  | returns
//                                                                   v
//                                     +-----------------------------------+
//                                     | FreeWhileGoHolds: "Stack memory   |
//                                     | 'x' is still held by Go when 'f'  |
//                                     | returns"; ends the path           |
//                                     +-----------------------------------+
//
// CgoGoArgs: the symbol of a pointer parameter of a Go-called frame (memory
// that Go owns) -> GoArg. Kept alive while the frame runs (checkLiveSymbols).
//
//              a Go-called frame begins: each pointer parameter, unless the
//              function takes ownership of it or Go passes a handle there
//  (untracked) -----------------------------------------------------> GoArg
//      ^                                                               |
//      +------------------------- the frame ends ----------------------+
//
//  GoArg of a function under `#cgo noescape`, passed to a Go export:
//                                     +-----------------------------------+
//                                     | NoEscapePromise: "... but passes  |
//                                     | its 1st argument to Go export";   |
//                                     | ends the path                     |
//                                     +-----------------------------------+
//  GoArg of a function under `#cgo noescape`, returned:
//                                     +-----------------------------------+
//                                     | NoEscapePromise: "... but returns |
//                                     | its 1st argument"; ends the path  |
//                                     +-----------------------------------+
//  GoArg stored where it may outlive the call: a CgoKept entry.
//  A store through a GoArg (`*out = p`): a CgoOutStores entry.
//
// CgoKept: a place that may outlive a Go-called frame (a global, a static,
// the heap, memory reachable from a global) -> the GoArg stored there.
//
//              a GoArg stored there
//  (untracked) ----------------------> Kept
//      ^                                |  |
//      | the frame ends, and the place  |  | the frame ends, the place
//      | no longer holds the GoArg or   |  | still holds the GoArg and
//      | does not outlive the frame     |  | outlives the frame
//      +--------------------------------+  |
//                                          |
//              under `#cgo noescape`       |       otherwise
//                    +---------------------+---------------------+
//                    v                                           v
//  +-----------------------------------+  +-----------------------------------+
//  | NoEscapePromise: "... but stores  |  | KeepsGoArgument: "'f' keeps its   |
//  | its 1st argument in global 'g'";  |  | 1st argument in global 'g' after  |
//  | the path goes on                  |  | returning to Go"; the path goes   |
//  |                                   |  | on                                |
//  +-----------------------------------+  +-----------------------------------+
//
// CgoOutStores: a place that a Go-called frame wrote through a pointer
// parameter, which Go reads after the call -> the GoArg it belongs to.
//
//              a store into what a GoArg points to, where Go can read it
//  (untracked) --------------------------------------------> OutStore
//      ^                                                      |  |
//      | the frame ends, nothing freed there                  |  | the frame
//      +------------------------------------------------------+  | ends with a
//                                                                | freed
//                                                                | pointer
//                                                                v there
//                                     +-----------------------------------+
//                                     | FreedToGo: "'f' leaves a pointer  |
//                                     | to freed memory in '*out', which  |
//                                     | Go reads"; ends the path          |
//                                     +-----------------------------------+
//
// NoCallbackPromise needs no map: at the call of a Go export it walks the
// stack frames for a function under `#cgo nocallback` entered from Go.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CGOSTATE_H
#define CGO_LIFETIME_CGOSTATE_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymExpr.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/ImmutableMap.h"
#include "llvm/Support/raw_ostream.h"

namespace clang {
namespace ento {
class MemRegion;
class SymbolReaper;
} // namespace ento
} // namespace clang

namespace cgo {

using clang::ento::ProgramStateRef;
using clang::ento::SymbolRef;

/// What we know about one block of C memory (CgoBlocks).
class CgoBlockState {
public:
  enum Kind { Released, HeldByGo };

  static CgoBlockState released() {
    return CgoBlockState(Released, nullptr, 0);
  }
  static CgoBlockState heldByGo(const clang::FunctionDecl *Export,
                                unsigned Index) {
    return CgoBlockState(HeldByGo, Export, Index);
  }

  bool isReleased() const { return K == Released; }
  bool isHeldByGo() const { return K == HeldByGo; }
  /// HeldByGo: the Go export that keeps the block.
  const clang::FunctionDecl *exportFn() const { return Export; }
  /// HeldByGo: the export's parameter, 0-based.
  unsigned index() const { return Index; }

  bool operator==(const CgoBlockState &O) const {
    return K == O.K && Export == O.Export && Index == O.Index;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddPointer(Export);
    ID.AddInteger(Index);
  }

private:
  CgoBlockState(Kind K, const clang::FunctionDecl *Export, unsigned Index)
      : K(K), Export(Export), Index(Index) {}
  Kind K;
  const clang::FunctionDecl *Export;
  unsigned Index;
};

/// A Go export that keeps a stack region (CgoHeldStack): which export, which
/// 0-based parameter.
struct GoHold {
  const clang::FunctionDecl *Export;
  unsigned Index;
  bool operator==(const GoHold &O) const {
    return Export == O.Export && Index == O.Index;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Export);
    ID.AddInteger(Index);
  }
};

/// A pointer parameter of a Go-called frame: memory that Go owns (CgoGoArgs,
/// and the value of CgoKept and CgoOutStores).
struct GoArg {
  const clang::FunctionDecl *Fn;         ///< The Go-called function.
  unsigned Index;                        ///< Its parameter, 0-based.
  const clang::StackFrameContext *Frame; ///< The frame Go called.
  SymbolRef Sym;                         ///< The parameter's value.
  bool operator==(const GoArg &O) const {
    return Fn == O.Fn && Index == O.Index && Frame == O.Frame && Sym == O.Sym;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Fn);
    ID.AddInteger(Index);
    ID.AddPointer(Frame);
    ID.AddPointer(Sym);
  }
};

using RegionRef = const clang::ento::MemRegion *;
using BlockStateMap = llvm::ImmutableMap<SymbolRef, CgoBlockState>;
using StackHoldMap = llvm::ImmutableMap<RegionRef, GoHold>;
using GoArgMap = llvm::ImmutableMap<SymbolRef, GoArg>;
using PlaceMap = llvm::ImmutableMap<RegionRef, GoArg>;

// CgoBlocks.
const CgoBlockState *getBlockState(ProgramStateRef St, SymbolRef Sym);
ProgramStateRef setBlockState(ProgramStateRef St, SymbolRef Sym,
                              CgoBlockState S);
ProgramStateRef removeBlockState(ProgramStateRef St, SymbolRef Sym);
BlockStateMap blockStates(ProgramStateRef St);

// CgoHeldStack.
ProgramStateRef setStackHold(ProgramStateRef St, RegionRef R, GoHold H);
ProgramStateRef removeStackHold(ProgramStateRef St, RegionRef R);
StackHoldMap stackHolds(ProgramStateRef St);

// CgoGoArgs.
const GoArg *getGoArg(ProgramStateRef St, SymbolRef Sym);
ProgramStateRef setGoArg(ProgramStateRef St, SymbolRef Sym, GoArg A);
ProgramStateRef removeGoArg(ProgramStateRef St, SymbolRef Sym);
GoArgMap goArgs(ProgramStateRef St);

// CgoKept.
ProgramStateRef setKeptPlace(ProgramStateRef St, RegionRef Place, GoArg A);
ProgramStateRef removeKeptPlace(ProgramStateRef St, RegionRef Place);
PlaceMap keptPlaces(ProgramStateRef St);

// CgoOutStores.
ProgramStateRef setOutStore(ProgramStateRef St, RegionRef Place, GoArg A);
ProgramStateRef removeOutStore(ProgramStateRef St, RegionRef Place);
PlaceMap outStores(ProgramStateRef St);

/// Prints every non-empty map, for the checker's printState (and so for
/// clang_analyzer_printState() under debug.ExprInspection).
void printCgoState(llvm::raw_ostream &Out, ProgramStateRef St, const char *NL,
                   const char *Sep);

} // namespace cgo

#endif
