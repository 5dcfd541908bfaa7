// The modelling state itself: what each of the five maps of CgoState.h holds
// at a point of the path, as the checker's printState shows it through
// clang_analyzer_printState() (debug.ExprInspection), and how the transitions
// of the state diagrams change it. One function a run (-analyze-function).
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,cgo,debug.ExprInspection \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister;GoForget;GoKeepInt;GoForgetInt' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoRegister:1;GoKeepInt:1' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoForget:1;GoForgetInt:1' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=set_name'
// RUN: %{analyze} -analyze-function=blocks -verify=blocks %s 2>&1 | FileCheck %s --check-prefix=BLOCKS
// RUN: %{analyze} -analyze-function=stack -verify=stack %s 2>&1 | FileCheck %s --check-prefix=STACK
// RUN: %{analyze} -analyze-function=set_name -verify=goargs %s 2>&1 | FileCheck %s --check-prefix=GOARGS
// blocks-no-diagnostics
// stack-no-diagnostics

#include "Inputs/system-malloc.h"

void clang_analyzer_printState(void);
void GoRegister(void *p);
void GoForget(void *p);
void GoKeepInt(int *p);
void GoForgetInt(int *p);
void use(void *, void *);

// CgoBlocks: HeldByGo after a retaining export, Released after free; a
// releasing export drops HeldByGo.
void blocks(void) {
  char *p = malloc(8);
  char *q = malloc(8);
  GoRegister(p);
  free(q);
  clang_analyzer_printState();
  // BLOCKS:      "checker": "cgo.BoundaryModel", "messages": [
  // BLOCKS-NEXT:   "CgoBlocks :",
  // BLOCKS-DAG:    "  conj_${{[0-9]+}}{void *, LC1, S{{[0-9]+}}, #1} : HeldByGo, kept as the 1st argument of 'GoRegister'",
  // BLOCKS-DAG:    "  conj_${{[0-9]+}}{void *, LC1, S{{[0-9]+}}, #1} : Released",
  // BLOCKS-NOT:  "Cgo
  // BLOCKS:      ]}
  GoForget(p);
  clang_analyzer_printState();
  // BLOCKS:      "checker": "cgo.BoundaryModel", "messages": [
  // BLOCKS-NEXT:   "CgoBlocks :",
  // BLOCKS-NEXT:   "  conj_${{[0-9]+}}{void *, LC1, S{{[0-9]+}}, #1} : Released",
  // BLOCKS-NEXT:   ""
  // BLOCKS-NEXT: ]}
  use(p, q);
}

// CgoHeldStack: a local that a retaining export keeps, until a releasing
// export drops it (else its frame's return would be reported).
void stack(void) {
  int local = 0;
  GoKeepInt(&local);
  clang_analyzer_printState();
  // STACK:      "checker": "cgo.BoundaryModel", "messages": [
  // STACK-NEXT:   "CgoHeldStack :",
  // STACK-NEXT:   "  local : kept as the 1st argument of 'GoKeepInt'",
  // STACK-NEXT:   ""
  // STACK-NEXT: ]}
  GoForgetInt(&local);
  clang_analyzer_printState();
  // STACK-NOT:  "checker": "cgo.BoundaryModel"
} // no-warning

// CgoGoArgs, CgoKept, CgoOutStores: in a Go-called frame, its pointer
// parameters are Go's; storing one in a global is kept, a store through one
// is Go's to read. The frame's end reports the kept one (at the closing brace).
char *g_name;
void set_name(char *s, char **out) {
  g_name = s;
  *out = 0;
  clang_analyzer_printState();
  // GOARGS:      "checker": "cgo.BoundaryModel", "messages": [
  // GOARGS-NEXT:   "CgoGoArgs :",
  // GOARGS-DAG:    "  reg_${{[0-9]+}}<char * s> : the 1st argument of 'set_name'",
  // GOARGS-DAG:    "  reg_${{[0-9]+}}<char ** out> : the 2nd argument of 'set_name'",
  // GOARGS:        "CgoKept :",
  // GOARGS-NEXT:   "  g_name : holds the 1st argument of 'set_name'",
  // GOARGS-NEXT:   "CgoOutStores :",
  // GOARGS-NEXT:   "  SymRegion{reg_${{[0-9]+}}<char ** out>} : written through the 2nd argument of 'set_name'",
  // GOARGS-NEXT:   ""
  // GOARGS-NEXT: ]}
} // goargs-warning{{'set_name' keeps its 1st argument 's' in global 'g_name' after returning to Go, which may free it}}
