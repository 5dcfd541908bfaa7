// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoState.h - What the cgo checkers remember along a path -*- C++ -*-===//
//
// The path-sensitive state of the cgo checkers: the maps and sets they keep in
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
// CgoBlocks also holds, from the start of a Go-called frame, the blocks that
// another Go-called function handed to a retaining Go export and left where
// this frame's parameters or the globals reach them (a RemoteHold, from the
// package's summaries): HeldByGo, so that a free before the releasing
// export's call is a FreeWhileGoHolds report naming the other function.
//
// CgoLibraryKeeps: a block whose pointer a library function keeps (its
// model or a shape rule says `keeps`) -> LibraryKeep.
//
//              passed to a function that keeps it
//  (untracked) ----------------------------------> Kept by the library
//      ^                                              |  |
//      | an `until` call with the same value, or the  |  | a Go-called
//      | symbol dies                                  |  | frame ends and
//      +----------------------------------------------+  | it is Go's
//                                                        v pointer
//                                     +-----------------------------------+
//                                     | KeepsGoArgument: "'f' keeps its   |
//                                     | 1st argument 'p' in a call of     |
//                                     | 'g_idle_add', which keeps ..."    |
//                                     +-----------------------------------+
//  A place in a kept block outlives the frame too (CgoKept, at frame end).
//
// CgoPendingPaths: the value a deeper effect path of a summarised call
// (`frees $1->name`) had just before the call: added at PreCall, used and
// removed at PostCall (when the body did not run; else just removed).
//
// CgoFrameEffects: while summaries are computed (SummaryBuilder), the events
// of each frame on the stack, in that frame's terms; read when the frame
// ends, dropped when it is no longer on the stack (checkDeadSymbols). No
// report comes from it.
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
#include "llvm/ADT/ImmutableSet.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <tuple>

namespace clang {
namespace ento {
class MemRegion;
class SymbolReaper;
} // namespace ento
} // namespace clang

namespace cgo {

struct Effect;
using clang::ento::ProgramStateRef;
using clang::ento::SymbolRef;

/// A hand-over to Go by another Go-called function, read from the
/// package's summaries (a `to_go` effect with `retained`): the block at Path,
/// rooted at a parameter of type RootType or at a global, that Go still holds
/// when a Go-called function begins. Owned by the checker.
struct RemoteHold {
  std::string Function; ///< The Go-called function that hands it over.
  std::string File;     ///< Where: the call of the export.
  unsigned Line = 0;
  std::string Export;   ///< The retaining Go export.
  unsigned Param = 0;   ///< Its parameter, 1-based.
  std::string Path;     ///< "$1->user", "g_ctx->user".
  std::string RootType; ///< "struct session *"; empty for a global.
};

/// What we know about one block of C memory (CgoBlocks).
class CgoBlockState {
public:
  enum Kind { Released, HeldByGo };

  static CgoBlockState released() {
    return CgoBlockState(Released, nullptr, 0, nullptr);
  }
  static CgoBlockState heldByGo(const clang::FunctionDecl *Export,
                                unsigned Index) {
    return CgoBlockState(HeldByGo, Export, Index, nullptr);
  }
  /// Held by Go since another Go-called function handed it over.
  static CgoBlockState heldSince(const RemoteHold *Remote) {
    return CgoBlockState(HeldByGo, nullptr, Remote->Param - 1, Remote);
  }

  bool isReleased() const { return K == Released; }
  bool isHeldByGo() const { return K == HeldByGo; }
  /// HeldByGo: the Go export that keeps the block (null for a remote hold,
  /// whose export may not be declared in this translation unit).
  const clang::FunctionDecl *exportFn() const { return Export; }
  /// HeldByGo: the export's parameter, 0-based.
  unsigned index() const { return Index; }
  /// HeldByGo by another Go-called function's hand-over, else null.
  const RemoteHold *remote() const { return Remote; }

  bool operator==(const CgoBlockState &O) const {
    return K == O.K && Export == O.Export && Index == O.Index &&
           Remote == O.Remote;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddPointer(Export);
    ID.AddInteger(Index);
    ID.AddPointer(Remote);
  }

private:
  CgoBlockState(Kind K, const clang::FunctionDecl *Export, unsigned Index,
                const RemoteHold *Remote)
      : K(K), Export(Export), Index(Index), Remote(Remote) {}
  Kind K;
  const clang::FunctionDecl *Export;
  unsigned Index;
  const RemoteHold *Remote;
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

/// A library function, by its model (or a shape rule), keeps a pointer it
/// was given (CgoLibraryKeeps): which call, which argument, which effect,
/// and the value that ends the keeping (an `until` call's argument).
struct LibraryKeep {
  const clang::FunctionDecl *Callee;
  unsigned Arg;              ///< 0-based.
  const struct Effect *Fact; ///< The `keeps` effect, owned by the checker.
  SymbolRef UntilValue;      ///< The `same_as` value of `until`, if any.
  bool operator==(const LibraryKeep &O) const {
    return Callee == O.Callee && Arg == O.Arg && Fact == O.Fact &&
           UntilValue == O.UntilValue;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Callee);
    ID.AddInteger(Arg);
    ID.AddPointer(Fact);
    ID.AddPointer(UntilValue);
  }
};

/// The value a summarised call's effect path had before the call
/// (CgoPendingPaths): a call evaluated without its body invalidates what
/// its arguments reach, so `frees $1->name` must find the old block.
struct PendingPath {
  const clang::Expr *Call;
  const clang::StackFrameContext *Frame;
  unsigned EffectIndex;
  SymbolRef Sym;
  bool operator==(const PendingPath &O) const {
    return Call == O.Call && Frame == O.Frame && EffectIndex == O.EffectIndex &&
           Sym == O.Sym;
  }
  bool operator<(const PendingPath &O) const {
    return std::tie(Call, Frame, EffectIndex, Sym) <
           std::tie(O.Call, O.Frame, O.EffectIndex, O.Sym);
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Call);
    ID.AddPointer(Frame);
    ID.AddInteger(EffectIndex);
    ID.AddPointer(Sym);
  }
};

/// An event that belongs in the summary of a function on the stack
/// (CgoFrameEffects): recorded, while summaries are computed, for every
/// frame whose parameters or globals describe it, and read when that frame
/// ends (SummaryBuilder).
struct FrameEffect {
  /// ParamValue: an inlined frame's parameter Param (1-based) began as Sym (or
  /// pointing to Dest), so that its value names it after the parameter is
  /// dead and its binding gone.
  /// NullValue: Sym was assumed null on this path (Frame is null: the
  /// top-level frame), so a release of it is not missed on this path.
  enum Kind { Frees, Moves, ToGo, Releases, Keeps, ParamValue, NullValue };
  Kind K;
  const clang::StackFrameContext *Frame;
  const char *Path; ///< Frees, Moves, Keeps: interned; the kept path.
  SymbolRef Sym;    ///< ToGo: the pointer handed; Keeps: the value stored.
  const clang::ento::MemRegion *Dest; ///< Keeps: where; null: a library.
  const clang::FunctionDecl *Callee;  ///< ToGo, Releases: the export;
                                      ///< Keeps by a library: the callee.
  unsigned Param;             ///< ToGo: the export's parameter, 1-based.
  bool Flag;                  ///< ToGo: retained. Frees, Moves: only maybe.
                              ///< ParamValue: a `T **` parameter.
  unsigned Loc;               ///< The event's SourceLocation, raw.
  const struct Effect *Fact;  ///< Keeps by a library: its model effect.
  SymbolRef Anchor = nullptr; ///< Keeps by a library: what ends it.

  bool operator==(const FrameEffect &O) const {
    return std::tie(K, Frame, Path, Sym, Dest, Callee, Param, Flag, Loc, Fact,
                    Anchor) == std::tie(O.K, O.Frame, O.Path, O.Sym, O.Dest,
                                        O.Callee, O.Param, O.Flag, O.Loc,
                                        O.Fact, O.Anchor);
  }
  bool operator<(const FrameEffect &O) const {
    return std::tie(K, Frame, Path, Sym, Dest, Callee, Param, Flag, Loc, Fact,
                    Anchor) < std::tie(O.K, O.Frame, O.Path, O.Sym, O.Dest,
                                       O.Callee, O.Param, O.Flag, O.Loc, O.Fact,
                                       O.Anchor);
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddPointer(Frame);
    ID.AddPointer(Path);
    ID.AddPointer(Sym);
    ID.AddPointer(Dest);
    ID.AddPointer(Callee);
    ID.AddInteger(Param);
    ID.AddBoolean(Flag);
    ID.AddInteger(Loc);
    ID.AddPointer(Fact);
    ID.AddPointer(Anchor);
  }
};

using RegionRef = const clang::ento::MemRegion *;
using LibraryKeepMap = llvm::ImmutableMap<SymbolRef, LibraryKeep>;
using PendingPathSet = llvm::ImmutableSet<PendingPath>;
using FrameEffectSet = llvm::ImmutableSet<FrameEffect>;
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

// CgoLibraryKeeps.
const LibraryKeep *getLibraryKeep(ProgramStateRef St, SymbolRef Sym);
ProgramStateRef setLibraryKeep(ProgramStateRef St, SymbolRef Sym,
                               LibraryKeep K);
ProgramStateRef removeLibraryKeep(ProgramStateRef St, SymbolRef Sym);
LibraryKeepMap libraryKeeps(ProgramStateRef St);

// CgoPendingPaths.
ProgramStateRef addPendingPath(ProgramStateRef St, PendingPath P);
ProgramStateRef removePendingPath(ProgramStateRef St, const PendingPath &P);
PendingPathSet pendingPaths(ProgramStateRef St);

// CgoFrameEffects.
ProgramStateRef addFrameEffect(ProgramStateRef St, FrameEffect E);
ProgramStateRef removeFrameEffect(ProgramStateRef St, const FrameEffect &E);
FrameEffectSet frameEffects(ProgramStateRef St);

/// Prints every non-empty map, for the checker's printState (and so for
/// clang_analyzer_printState() under debug.ExprInspection).
void printCgoState(llvm::raw_ostream &Out, ProgramStateRef St, const char *NL,
                   const char *Sep);

} // namespace cgo

#endif
