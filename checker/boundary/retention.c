/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "retention.h"

#include <stdlib.h>
#include <string.h>

/* The strongest fact about one parameter: a retaining report wins over a
 * borrowing one (the compiler may print both for one parameter). */
static const cb_escape_fact *best_fact(const cb_export *ex, const cb_param *p,
                                       const cb_escape_fact *facts, size_t nfacts) {
  const cb_escape_fact *best = NULL;
  for (size_t i = 0; i < nfacts; i++) {
    const cb_escape_fact *f = &facts[i];
    if (f->line != p->line || strcmp(f->file, ex->file) != 0 || strcmp(f->param, p->name) != 0)
      continue;
    if (!best || (f->effect == CB_EFFECT_RETAIN && best->effect != CB_EFFECT_RETAIN))
      best = f;
  }
  return best;
}

void cb_apply_escape(cb_package *pkg, const cb_escape_fact *facts, size_t nfacts) {
  for (size_t i = 0; i < pkg->nexports; i++) {
    cb_export *ex = &pkg->exports[i];
    for (size_t j = 0; j < ex->nparams; j++) {
      cb_param *p = &ex->params[j];
      if (p->effect != CB_EFFECT_UNKNOWN)
        continue;
      const cb_escape_fact *f = best_fact(ex, p, facts, nfacts);
      if (!f)
        continue;
      p->effect = f->effect;
      p->evidence =
          cs_xasprintf("Go escape analysis reports '%s' at %s:%d", f->report, f->file, f->line);
    }
  }
}
