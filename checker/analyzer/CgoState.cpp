// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoState.cpp - What the cgo checkers remember ------------*- C++ -*-===//
//
// The registration of the cgo checkers' five program-state maps and their
// accessors, declared and diagrammed in CgoState.h. This is the only file
// that names the maps' traits.
//
//===----------------------------------------------------------------------===//

#include "CgoState.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;

REGISTER_MAP_WITH_PROGRAMSTATE(CgoBlocks, SymbolRef, cgo::CgoBlockState)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoHeldStack, const MemRegion *, cgo::GoHold)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoGoArgs, SymbolRef, cgo::GoArg)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoKept, const MemRegion *, cgo::GoArg)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoOutStores, const MemRegion *, cgo::GoArg)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoLibraryKeeps, SymbolRef, cgo::LibraryKeep)
REGISTER_SET_WITH_PROGRAMSTATE(CgoPendingPaths, cgo::PendingPath)
REGISTER_SET_WITH_PROGRAMSTATE(CgoFrameEffects, cgo::FrameEffect)

namespace cgo {

const CgoBlockState *getBlockState(ProgramStateRef St, SymbolRef Sym) {
  return St->get<CgoBlocks>(Sym);
}
ProgramStateRef setBlockState(ProgramStateRef St, SymbolRef Sym,
                              CgoBlockState S) {
  return St->set<CgoBlocks>(Sym, S);
}
ProgramStateRef removeBlockState(ProgramStateRef St, SymbolRef Sym) {
  return St->remove<CgoBlocks>(Sym);
}
BlockStateMap blockStates(ProgramStateRef St) { return St->get<CgoBlocks>(); }

ProgramStateRef setStackHold(ProgramStateRef St, RegionRef R, GoHold H) {
  return St->set<CgoHeldStack>(R, H);
}
ProgramStateRef removeStackHold(ProgramStateRef St, RegionRef R) {
  return St->remove<CgoHeldStack>(R);
}
StackHoldMap stackHolds(ProgramStateRef St) { return St->get<CgoHeldStack>(); }

const GoArg *getGoArg(ProgramStateRef St, SymbolRef Sym) {
  return St->get<CgoGoArgs>(Sym);
}
ProgramStateRef setGoArg(ProgramStateRef St, SymbolRef Sym, GoArg A) {
  return St->set<CgoGoArgs>(Sym, A);
}
ProgramStateRef removeGoArg(ProgramStateRef St, SymbolRef Sym) {
  return St->remove<CgoGoArgs>(Sym);
}
GoArgMap goArgs(ProgramStateRef St) { return St->get<CgoGoArgs>(); }

ProgramStateRef setKeptPlace(ProgramStateRef St, RegionRef Place, GoArg A) {
  return St->set<CgoKept>(Place, A);
}
ProgramStateRef removeKeptPlace(ProgramStateRef St, RegionRef Place) {
  return St->remove<CgoKept>(Place);
}
PlaceMap keptPlaces(ProgramStateRef St) { return St->get<CgoKept>(); }

ProgramStateRef setOutStore(ProgramStateRef St, RegionRef Place, GoArg A) {
  return St->set<CgoOutStores>(Place, A);
}
ProgramStateRef removeOutStore(ProgramStateRef St, RegionRef Place) {
  return St->remove<CgoOutStores>(Place);
}
PlaceMap outStores(ProgramStateRef St) { return St->get<CgoOutStores>(); }

const LibraryKeep *getLibraryKeep(ProgramStateRef St, SymbolRef Sym) {
  return St->get<CgoLibraryKeeps>(Sym);
}
ProgramStateRef setLibraryKeep(ProgramStateRef St, SymbolRef Sym,
                               LibraryKeep K) {
  return St->set<CgoLibraryKeeps>(Sym, K);
}
ProgramStateRef removeLibraryKeep(ProgramStateRef St, SymbolRef Sym) {
  return St->remove<CgoLibraryKeeps>(Sym);
}
LibraryKeepMap libraryKeeps(ProgramStateRef St) {
  return St->get<CgoLibraryKeeps>();
}

ProgramStateRef addPendingPath(ProgramStateRef St, PendingPath P) {
  return St->add<CgoPendingPaths>(P);
}
ProgramStateRef removePendingPath(ProgramStateRef St, const PendingPath &P) {
  return St->remove<CgoPendingPaths>(P);
}
PendingPathSet pendingPaths(ProgramStateRef St) {
  return St->get<CgoPendingPaths>();
}

ProgramStateRef addFrameEffect(ProgramStateRef St, FrameEffect E) {
  return St->add<CgoFrameEffects>(E);
}
ProgramStateRef removeFrameEffect(ProgramStateRef St, const FrameEffect &E) {
  return St->remove<CgoFrameEffects>(E);
}
FrameEffectSet frameEffects(ProgramStateRef St) {
  return St->get<CgoFrameEffects>();
}

/// "1st argument of 'f'" for parameter \p Index (0-based) of \p Fn.
static std::string parameter(const FunctionDecl *Fn, unsigned Index) {
  return std::to_string(Index + 1) + llvm::getOrdinalSuffix(Index + 1).str() +
         " argument of '" + Fn->getNameAsString() + "'";
}

/// Prints the map \p M under its name \p Title, one entry a line.
template <typename MapT, typename PrintValue>
static void printMap(raw_ostream &Out, const MapT &M, StringRef Title,
                     const char *NL, const char *Sep, PrintValue Print) {
  if (M.isEmpty())
    return;
  Out << Sep << Title << " :" << NL;
  for (const auto &E : M) {
    Out << "  " << E.first << " : ";
    Print(E.second);
    Out << NL;
  }
}

/// Prints the set \p S under its name \p Title, one element a line.
template <typename SetT, typename PrintElem>
static void printSet(raw_ostream &Out, const SetT &S, StringRef Title,
                     const char *NL, const char *Sep, PrintElem Print) {
  if (S.isEmpty())
    return;
  Out << Sep << Title << " :" << NL;
  for (const auto &E : S) {
    Out << "  ";
    Print(E);
    Out << NL;
  }
}

void printCgoState(raw_ostream &Out, ProgramStateRef St, const char *NL,
                   const char *Sep) {
  printMap(
      Out, blockStates(St), "CgoBlocks", NL, Sep, [&](const CgoBlockState &S) {
        if (S.isReleased())
          Out << "Released";
        else if (const RemoteHold *H = S.remote())
          Out << "HeldByGo, handed to '" << H->Export << "' by '" << H->Function
              << "' as " << H->Path;
        else
          Out << "HeldByGo, kept as the " << parameter(S.exportFn(), S.index());
      });
  printMap(Out, stackHolds(St), "CgoHeldStack", NL, Sep, [&](const GoHold &H) {
    Out << "kept as the " << parameter(H.Export, H.Index);
  });
  printMap(Out, goArgs(St), "CgoGoArgs", NL, Sep,
           [&](const GoArg &A) { Out << "the " << parameter(A.Fn, A.Index); });
  printMap(Out, keptPlaces(St), "CgoKept", NL, Sep, [&](const GoArg &A) {
    Out << "holds the " << parameter(A.Fn, A.Index);
  });
  printMap(Out, outStores(St), "CgoOutStores", NL, Sep, [&](const GoArg &A) {
    Out << "written through the " << parameter(A.Fn, A.Index);
  });
  printMap(Out, libraryKeeps(St), "CgoLibraryKeeps", NL, Sep,
           [&](const LibraryKeep &K) {
             Out << "kept by '" << K.Callee->getNameAsString() << "' as its "
                 << (K.Arg + 1) << llvm::getOrdinalSuffix(K.Arg + 1)
                 << " argument";
           });
  printSet(Out, pendingPaths(St), "CgoPendingPaths", NL, Sep,
           [&](const PendingPath &P) {
             Out << P.Sym << " before the call, effect " << P.EffectIndex;
           });
  printSet(Out, frameEffects(St), "CgoFrameEffects", NL, Sep,
           [&](const FrameEffect &E) {
             static const char *const Names[] = {"frees",     "moves", "to_go",
                                                 "releases",  "keeps", "param",
                                                 "null value"};
             Out << Names[E.K];
             if (E.K == FrameEffect::ParamValue)
               Out << " $" << E.Param;
             if (E.Path)
               Out << " " << E.Path;
             if (E.Sym)
               Out << " " << E.Sym;
             if (const auto *FD = dyn_cast_or_null<FunctionDecl>(
                     E.Frame ? E.Frame->getDecl() : nullptr))
               Out << " (frame of '" << FD->getNameAsString() << "')";
           });
}

} // namespace cgo
