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

void printCgoState(raw_ostream &Out, ProgramStateRef St, const char *NL,
                   const char *Sep) {
  printMap(
      Out, blockStates(St), "CgoBlocks", NL, Sep, [&](const CgoBlockState &S) {
        if (S.isReleased())
          Out << "Released";
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
}

} // namespace cgo
