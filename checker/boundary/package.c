/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "package.h"

#include "cgo-lifetime/Schema.h"

#include <stdlib.h>
#include <string.h>

const char *cb_effect_name(cb_effect e) {
  switch (e) {
  case CB_EFFECT_BORROW: return CGO_EFFECT_BORROW;
  case CB_EFFECT_RETAIN: return CGO_EFFECT_RETAIN;
  case CB_EFFECT_RELEASE: return CGO_EFFECT_RELEASE;
  case CB_EFFECT_UNKNOWN: break;
  }
  return CGO_EFFECT_UNKNOWN;
}

static void free_crefs(cb_cref *refs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(refs[i].name);
    free(refs[i].evidence);
  }
  free(refs);
}

static void free_export(cb_export *ex) {
  for (size_t i = 0; i < ex->nparams; i++) {
    free(ex->params[i].name);
    free(ex->params[i].c_type);
    free(ex->params[i].evidence);
  }
  free(ex->params);
  free(ex->name);
  free(ex->file);
  cs_strlist_free(&ex->hand_decls);
}

void cb_package_free(cb_package *pkg) {
  free(pkg->dir);
  free(pkg->import_path);
  free(pkg->name);
  cs_strlist_free(&pkg->go_files);
  cs_strlist_free(&pkg->cgo_files);
  cs_strlist_free(&pkg->c_files);
  cs_strlist_free(&pkg->h_files);
  cs_strlist_free(&pkg->cflags);
  free(pkg->objdir);
  for (size_t i = 0; i < pkg->nexports; i++)
    free_export(&pkg->exports[i]);
  free(pkg->exports);
  free_crefs(pkg->go_called, pkg->ngo_called);
  free_crefs(pkg->go_globals, pkg->ngo_globals);
  free_crefs(pkg->c_refs, pkg->nc_refs);
  free_crefs(pkg->noescape, pkg->nnoescape);
  free_crefs(pkg->nocallback, pkg->nnocallback);
  free_crefs(pkg->handle_args, pkg->nhandle_args);
  cs_strlist_free(&pkg->incomplete);
  memset(pkg, 0, sizeof *pkg);
}

cb_export *cb_package_find_export(cb_package *pkg, const char *name) {
  for (size_t i = 0; i < pkg->nexports; i++)
    if (strcmp(pkg->exports[i].name, name) == 0)
      return &pkg->exports[i];
  return NULL;
}

cb_param *cb_export_find_param(cb_export *ex, int index) {
  for (size_t i = 0; i < ex->nparams; i++)
    if (ex->params[i].index == index)
      return &ex->params[i];
  return NULL;
}

const char *cb_package_c_ref(const cb_package *pkg, const char *name) {
  for (size_t i = 0; i < pkg->nc_refs; i++)
    if (strcmp(pkg->c_refs[i].name, name) == 0)
      return pkg->c_refs[i].evidence;
  return NULL;
}

char *cb_cgo_output_name(const char *go_file, const char *suffix) {
  const char *base = cs_basename(go_file);
  size_t n = strlen(base);
  if (cs_ends_with(base, ".go"))
    n -= 3;
  return cs_xasprintf("%.*s%s", (int)n, base, suffix);
}
