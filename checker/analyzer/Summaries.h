// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Summaries.h - What C functions do to the pointers they get -*- C++ -*-=//
//
// Function summaries and library models (docs/summaries.md, schema version
// 1) as plain data: the effects of a function (frees, moves, returns, keeps,
// to_go, releases) on access paths rooted at its arguments and at C globals,
// each with the source of the fact (computed at file:line, a model file at
// file:line with its cite, a shape rule). The plugin reads models files and a
// previous run's summaries into a SummaryTable, one entry per function name,
// by precedence (a computed summary over a user's model over a shipped one;
// files of one origin merge), and writes the summaries it computes for a
// translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_SUMMARIES_H
#define CGO_LIFETIME_SUMMARIES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace cgo {

/// The schema version read and written.
constexpr int SummariesVersion = 1;

enum class EffectKind { Frees, Moves, Returns, Keeps, ToGo, Releases };
enum class Ownership { None, Fresh, Borrowed, Static, Argument };

const char *effectKindName(EffectKind K);
const char *ownershipName(Ownership O);

/// An entry of `invalidated_by` or `until`: a call of Name (or of any
/// function whose name starts with Name without its trailing '*') whose
/// Arg-th argument (1-based; 0: any call) is the value of SameAs (an access
/// path at the described call; empty: the root of the effect's path).
struct CallRef {
  std::string Name;
  unsigned Arg = 0;
  std::string SameAs;
  bool matchesName(llvm::StringRef Callee) const;
  bool operator<(const CallRef &O) const;
  bool operator==(const CallRef &O) const {
    return Name == O.Name && Arg == O.Arg && SameAs == O.SameAs;
  }
};

/// Where a fact comes from, so that a report can cite it.
struct FactSource {
  enum Kind { Computed, Model, Shape };
  Kind K = Computed;
  std::string File;  ///< Computed, Model.
  unsigned Line = 0; ///< Computed, Model.
  std::string Cite;  ///< Model.
  std::string Rule;  ///< Shape: callback-userdata, destructor-name.

  /// "summary computed from rec.c:19", "model sqlite3.json:123,
  /// https://www.sqlite.org/c3ref/close.html", "shape rule destructor-name":
  /// the words the Go side cites a fact with too (cfacts.Source.String).
  std::string describe() const;
};

/// When an effect happens (an addition within version 1): on the paths where
/// the value On (`$ret`, or `*$N`: what the N-th argument points to after the
/// call) is Is (zero, nonzero, null, nonnull, negative, nonnegative,
/// positive), and on none where it is not. Empty: on every path.
struct Condition {
  std::string On;
  std::string Is;
  bool empty() const { return On.empty(); }
  /// Is: null and nonnull are zero and nonzero.
  bool isZero() const { return Is == "zero" || Is == "null"; }
  bool isNonZero() const { return Is == "nonzero" || Is == "nonnull"; }
  /// "its result is 0", "'*$2' is not null": for notes.
  std::string describe() const;
  bool operator==(const Condition &O) const { return On == O.On && Is == O.Is; }
};

/// The values of a condition's `is`, in the schema's order.
extern const char *const ConditionValues[7];

/// One effect. Which members mean something depends on Kind (the table in
/// docs/summaries.md).
struct Effect {
  EffectKind Kind = EffectKind::Frees;
  std::string Path;                   ///< All but releases.
  bool Always = false;                ///< frees, moves: `when`.
  Ownership Own = Ownership::None;    ///< returns.
  std::string Out;                    ///< returns borrowed/argument.
  std::string ReleaseWith;            ///< returns fresh.
  std::vector<CallRef> InvalidatedBy; ///< returns borrowed.
  std::string Where;                  ///< keeps.
  std::vector<CallRef> Until;         ///< keeps.
  std::string Export;                 ///< to_go, releases.
  unsigned Param = 0;                 ///< to_go, 1-based.
  bool Retained = false;              ///< to_go.
  /// Computed effects: the C type of the path's root (an addition within
  /// version 1: "struct session *"), so that paths of two functions can be
  /// matched only when they start from the same type.
  std::string RootType;
  /// On which of the function's paths it happens (empty: every one).
  Condition Cond;
  FactSource Source;

  /// The sort key of the schema: (effect, path, out, condition on, is).
  bool sortsBefore(const Effect &O) const;
};

/// What one function does.
struct FunctionSummary {
  std::string Name;
  std::string Location;  ///< "rec.c:14", computed summaries.
  bool GoCalled = false; ///< Computed: Go calls it (an addition).
  std::vector<Effect> Effects;
  /// Where the entry itself was read (a models entry with no effects cites
  /// why nothing is kept).
  FactSource Origin;
};

/// An access path (docs/summaries.md): `$1`, `$ret`, `NAME`, `library`,
/// then `->f`, `.f`, `[N]`, `[*]`; an optional leading `*`.
struct AccessPath {
  enum RootKind { Param, Ret, Global, Library };
  struct Step {
    enum Kind { Arrow, Dot, Index, AnyIndex };
    Kind K;
    std::string Field; ///< Arrow, Dot.
    unsigned N = 0;    ///< Index.
  };
  RootKind Root = Param;
  unsigned Index = 0; ///< Param: 1-based.
  std::string GlobalName;
  bool Deref = false;
  llvm::SmallVector<Step, 2> Steps;

  static std::optional<AccessPath> parse(llvm::StringRef Text);
  /// The selectors as written ("->user", "->items[*]").
  std::string selectors() const;
};

/// Where an entry of the table came from, lowest precedence first.
enum class SummaryOrigin { Shipped = 0, User = 1, Computed = 2 };

/// One summary per function name, by precedence (docs/summaries.md,
/// "Precedence"): an entry of a higher origin replaces one of a lower origin;
/// entries of one origin merge (each effect once: of two that differ only by
/// their source, the first in load order stays); a lower origin adds nothing.
class SummaryTable {
public:
  void add(FunctionSummary S, SummaryOrigin O);
  const FunctionSummary *lookup(llvm::StringRef Name) const;
  /// Every computed summary, in name order.
  std::vector<const FunctionSummary *> computed() const;
  /// Every entry, in name order.
  std::vector<const FunctionSummary *> all() const;
  bool empty() const { return Map.empty(); }
  size_t size() const { return Map.size(); }

private:
  llvm::StringMap<std::pair<SummaryOrigin, FunctionSummary>> Map;
};

/// Reads one models or summaries file into \p Out. Errors are
/// "FILE:LINE:COL: message".
llvm::Error readSummaryFile(llvm::StringRef Path,
                            std::vector<FunctionSummary> &Out);
/// The same, from text (tests and fuzzing); \p Name is the file's name.
llvm::Error parseSummaryText(llvm::StringRef Text, llvm::StringRef Name,
                             std::vector<FunctionSummary> &Out);

/// Loads every file of \p Paths (';'-separated models files, summaries
/// files, or folders of them: every *.json, in name order) into \p T, in
/// order, with origin \p O.
llvm::Error loadSummaries(llvm::StringRef Paths, SummaryOrigin O,
                          SummaryTable &T);

/// The canonical reading of \p Functions (test/facts, docs/development.md):
/// one line per effect, every member the reader kept, in the form the Go
/// reader's dump (cfacts) writes too, so that the two readers cannot drift.
void dumpFacts(llvm::raw_ostream &OS,
               const std::vector<const FunctionSummary *> &Functions);

/// Writes computed summaries as a schema-1 file of kind "summaries":
/// functions sorted by name, effects by (effect, path, out, condition), so that
/// the same input gives the same bytes.
std::string writeSummaries(std::vector<FunctionSummary> Functions,
                           llvm::StringRef Generator);

} // namespace cgo

#endif
