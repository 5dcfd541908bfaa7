/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "cdecls.h"

#include "cgo-lifetime/Schema.h"
#include "file.h"
#include "lenient.h"

#include <clang-c/Index.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cb_c_flags(const cb_package *pkg, cs_strlist *out) {
  static const char *const lenient[] = CS_LENIENT_FLAGS;
  cs_strlist_push(out, "-I");
  cs_strlist_push(out, pkg->dir);
  cs_strlist_push(out, "-I");
  cs_strlist_push(out, pkg->objdir);
  cs_strlist_extend(out, &pkg->cflags);
  for (size_t i = 0; lenient[i]; i++)
    cs_strlist_push(out, lenient[i]);
}

/* Parses path as C with the package's flags, and the text of path from
 * `unsaved` when it is not NULL; NULL on failure. Errors do not stop the
 * parse: declarations after them, even after clang's "too many errors", are
 * still seen. */
static CXTranslationUnit parse_c_text(CXIndex index, const cb_package *pkg, const char *path,
                                      const char *unsaved, bool verbose) {
  cs_strlist flags = {0};
  cs_strlist_push(&flags, "-x");
  cs_strlist_push(&flags, "c");
  cb_c_flags(pkg, &flags);
  struct CXUnsavedFile file = {path, unsaved, unsaved ? (unsigned long)strlen(unsaved) : 0};
  CXTranslationUnit tu = NULL;
  enum CXErrorCode rc = clang_parseTranslationUnit2(
      index, path, (const char *const *)flags.items, (int)flags.len, unsaved ? &file : NULL,
      unsaved ? 1 : 0, CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing, &tu);
  cs_strlist_free(&flags);
  if (rc != CXError_Success)
    return NULL;
  unsigned n = clang_getNumDiagnostics(tu);
  for (unsigned i = 0, shown = 0; verbose && i < n && shown < 20; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
      cs_say("note: %s", clang_getCString(s));
      clang_disposeString(s);
      shown++;
    }
    clang_disposeDiagnostic(d);
  }
  return tu;
}

static CXTranslationUnit parse_c(CXIndex index, const cb_package *pkg, const char *path,
                                 bool verbose) {
  return parse_c_text(index, pkg, path, NULL, verbose);
}

static char *cursor_name(CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *name = cs_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return name;
}

/* The presumed file name (after #line) of a cursor. */
static char *presumed_file(CXCursor c, unsigned *line) {
  CXString file;
  unsigned col;
  clang_getPresumedLocation(clang_getCursorLocation(c), &file, line, &col);
  char *name = cs_xstrdup(clang_getCString(file));
  clang_disposeString(file);
  return name;
}

/* The physical file of a cursor (NULL when it has none) and its line. */
static char *physical_file(CXCursor c, unsigned *line) {
  CXFile file;
  unsigned col, offset;
  clang_getSpellingLocation(clang_getCursorLocation(c), &file, line, &col, &offset);
  if (!file)
    return NULL;
  CXString s = clang_getFileName(file);
  char *name = cs_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return name;
}

static void set_param_types(cb_export *ex, CXCursor fn) {
  int n = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < n; i++) {
    cb_param *p = cb_export_find_param(ex, i + 1);
    if (!p)
      continue;
    CXType t = clang_getCursorType(clang_Cursor_getArgument(fn, (unsigned)i));
    CXType canonical = clang_getCanonicalType(t);
    p->is_pointer = canonical.kind == CXType_Pointer;
    CXString s = clang_getTypeSpelling(t);
    free(p->c_type);
    p->c_type = cs_xstrdup(clang_getCString(s));
    clang_disposeString(s);
  }
}

static enum CXChildVisitResult visit_export(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  cb_package *pkg = data;
  if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
    return CXChildVisit_Continue;
  unsigned line;
  char *presumed = presumed_file(c, &line);
  char *physical = physical_file(c, &line);
  bool is_export = strcmp(presumed, CGO_EXPORT_PROLOG) == 0 && physical &&
                   strcmp(cs_basename(physical), CGO_EXPORT_HEADER) == 0;
  if (is_export) {
    char *name = cursor_name(c);
    cb_export *ex = cb_package_find_export(pkg, name);
    if (ex)
      set_param_types(ex, c);
    free(name);
  }
  free(presumed);
  free(physical);
  return CXChildVisit_Continue;
}

bool cb_cdecls_export_types(cb_package *pkg, bool verbose, cs_error *err) {
  if (pkg->nexports == 0)
    return true;
  char *header = cs_path_join(pkg->objdir, CGO_EXPORT_HEADER);
  CXIndex index = clang_createIndex(0, 0);
  CXTranslationUnit tu = parse_c(index, pkg, header, verbose);
  bool ok = tu != NULL;
  if (ok) {
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_export, pkg);
    clang_disposeTranslationUnit(tu);
  } else {
    cs_fail(err, "libclang cannot parse '%s'", header);
  }
  clang_disposeIndex(index);
  free(header);
  return ok;
}

/* cgo's own functions, which _cgo_gotypes.go declares as _Cfunc_NAME too. */
static bool is_cgo_helper(const char *name) {
  static const char *const helpers[] = {"CString", "CBytes", "GoString", "GoStringN", "GoBytes"};
  /* cgo's internals (_CMalloc, _cgo_*) and future ones spell "_C..." or "_cgo";
   * a package's own "_g_closure_new" (gotk3) is not one of them. */
  if (strncmp(name, "_C", 2) == 0 || strncmp(name, "_cgo", 4) == 0)
    return true;
  for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
    if (strcmp(name, helpers[i]) == 0)
      return true;
  return false;
}

/* Appends NAME for each line "PREFIXNAME<stop>" of text. */
static void scan_names(const char *text, const char *prefix, const char *stops, cs_strlist *out) {
  size_t n = strlen(prefix);
  for (const char *p = text; *p; p += strcspn(p, "\n"), p += *p == '\n') {
    if (strncmp(p, prefix, n) != 0)
      continue;
    size_t len = strcspn(p + n, stops);
    char *name = cs_xstrndup(p + n, len);
    if (len && !cs_strlist_contains(out, name))
      cs_strlist_push_owned(out, name);
    else
      free(name);
  }
}

/* Where the names Go uses are declared: library (system-header-only) or
 * package-owned. Only the names in `wanted` are recorded: a preamble that
 * includes GLib declares tens of thousands of others. */
typedef struct decl_scan {
  const cs_strlist *wanted_funcs; /* sorted */
  const cs_strlist *wanted_vars;  /* sorted */
  cs_strlist system_only;         /* every declaration seen is in a system header */
  cs_strlist own;                 /* at least one declaration outside system headers */
} decl_scan;

static enum CXChildVisitResult visit_decl(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  decl_scan *scan = data;
  enum CXCursorKind kind = clang_getCursorKind(c);
  if (kind != CXCursor_FunctionDecl && kind != CXCursor_VarDecl)
    return CXChildVisit_Continue;
  char *name = cursor_name(c);
  if (!cs_strlist_sorted_contains(scan->wanted_funcs, name) &&
      !cs_strlist_sorted_contains(scan->wanted_vars, name)) {
    free(name);
    return CXChildVisit_Continue;
  }
  if (clang_Location_isInSystemHeader(clang_getCursorLocation(c))) {
    if (!cs_strlist_contains(&scan->system_only, name))
      cs_strlist_push(&scan->system_only, name);
  } else if (!cs_strlist_contains(&scan->own, name)) {
    cs_strlist_push(&scan->own, name);
  }
  free(name);
  return CXChildVisit_Continue;
}

static bool is_library_name(const decl_scan *scan, const char *name) {
  return cs_strlist_contains(&scan->system_only, name) && !cs_strlist_contains(&scan->own, name);
}

static cb_cref *make_crefs(const cb_package *pkg, const cs_strlist *names, const decl_scan *scan,
                           const char *verb, size_t *count, bool verbose) {
  cb_cref *refs = cs_xcalloc(names->len, sizeof *refs);
  *count = 0;
  for (size_t i = 0; i < names->len; i++) {
    const char *name = names->items[i];
    if (is_cgo_helper(name) || is_library_name(scan, name)) {
      if (verbose)
        cs_say("%s C.%s left out (%s)", pkg->import_path, name,
               is_cgo_helper(name) ? "cgo helper" : "declared in a system header");
      continue;
    }
    const char *where = cb_package_c_ref(pkg, name);
    refs[*count].name = cs_xstrdup(name);
    refs[*count].evidence = where ? cs_xasprintf("Go %s C.%s at %s", verb, name, where) : NULL;
    (*count)++;
  }
  return refs;
}

bool cb_cdecls_go_uses(cb_package *pkg, bool verbose, cs_error *err) {
  char *gotypes = cs_path_join(pkg->objdir, CGO_GOTYPES_FILE);
  char *text;
  bool ok = cs_read_file(gotypes, &text, NULL, err);
  free(gotypes);
  if (!ok)
    return false;
  cs_strlist funcs = {0}, vars = {0};
  scan_names(text, "func _Cfunc_", "(", &funcs);
  scan_names(text, "var _Cvar_", " ", &vars);
  free(text);
  cs_strlist_sort(&funcs);
  cs_strlist_sort(&vars);

  /* One translation unit that includes every *.cgo2.c: the headers the
   * preambles share (all of GLib, say) are read once, not once per cgo file.
   * Definitions repeated across the files (cgo's static helpers) are errors
   * that change no declaration's file. */
  decl_scan scan = {&funcs, &vars, {0}, {0}};
  cs_buf all = {0};
  for (size_t i = 0; i < pkg->cgo_files.len; i++) {
    char *c_name = cb_cgo_output_name(pkg->cgo_files.items[i], CGO_CGO2_SUFFIX);
    cs_buf_printf(&all, "#include \"%s/%s\"\n", pkg->objdir, c_name);
    free(c_name);
  }
  char *includes = cs_buf_take(&all);
  char *path = cs_path_join(pkg->objdir, "cgo-boundary-uses.c");
  CXIndex index = clang_createIndex(0, 0);
  CXTranslationUnit tu = parse_c_text(index, pkg, path, includes, verbose);
  if (tu) {
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_decl, &scan);
    clang_disposeTranslationUnit(tu);
  } else if (verbose) {
    cs_say("note: libclang cannot parse the cgo files of %s", pkg->import_path);
  }
  clang_disposeIndex(index);
  free(path);
  free(includes);

  pkg->go_called = make_crefs(pkg, &funcs, &scan, "calls", &pkg->ngo_called, verbose);
  pkg->go_globals = make_crefs(pkg, &vars, &scan, "reads", &pkg->ngo_globals, verbose);
  cs_strlist_free(&scan.system_only);
  cs_strlist_free(&scan.own);
  cs_strlist_free(&funcs);
  cs_strlist_free(&vars);
  return true;
}

typedef struct hand_scan {
  cb_package *pkg;
} hand_scan;

static enum CXChildVisitResult visit_hand_decl(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  cb_package *pkg = ((hand_scan *)data)->pkg;
  if (clang_getCursorKind(c) != CXCursor_FunctionDecl || clang_isCursorDefinition(c))
    return CXChildVisit_Continue;
  char *name = cursor_name(c);
  cb_export *ex = cb_package_find_export(pkg, name);
  free(name);
  if (!ex)
    return CXChildVisit_Continue;
  unsigned line = 0;
  char *file = physical_file(c, &line);
  if (file && strcmp(cs_basename(file), CGO_EXPORT_HEADER) != 0) {
    char *rel = cs_path_relative(file, pkg->dir);
    if (rel[0] != '/') {
      char *where = cs_xasprintf("%s:%u", rel, line);
      if (!cs_strlist_contains(&ex->hand_decls, where))
        cs_strlist_push(&ex->hand_decls, where);
      free(where);
    }
    free(rel);
  }
  free(file);
  return CXChildVisit_Continue;
}

/* Whether the text of path names some export of pkg: a file that does not
 * cannot declare one, and need not be parsed (gotk3/glib has eight headers,
 * each including all of GLib). Unreadable files are parsed, to say why. */
static bool mentions_export(const cb_package *pkg, const char *path) {
  char *text = NULL;
  cs_error ignored;
  if (!cs_read_file(path, &text, NULL, &ignored))
    return true;
  bool found = false;
  for (size_t i = 0; !found && i < pkg->nexports; i++)
    found = strstr(text, pkg->exports[i].name) != NULL;
  free(text);
  return found;
}

bool cb_cdecls_hand_declared(cb_package *pkg, bool verbose, cs_error *err) {
  (void)err;
  if (pkg->nexports == 0)
    return true;
  cs_strlist files = {0};
  cs_strlist_extend(&files, &pkg->c_files);
  cs_strlist_extend(&files, &pkg->h_files);
  CXIndex index = clang_createIndex(0, 0);
  hand_scan scan = {pkg};
  for (size_t i = 0; i < files.len; i++) {
    char *path = cs_path_join(pkg->dir, files.items[i]);
    if (!mentions_export(pkg, path)) {
      free(path);
      continue;
    }
    CXTranslationUnit tu = parse_c(index, pkg, path, verbose);
    if (tu) {
      clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_hand_decl, &scan);
      clang_disposeTranslationUnit(tu);
    } else if (verbose) {
      cs_say("note: libclang cannot parse '%s'", path);
    }
    free(path);
  }
  clang_disposeIndex(index);
  cs_strlist_free(&files);
  for (size_t i = 0; i < pkg->nexports; i++)
    cs_strlist_sort(&pkg->exports[i].hand_decls);
  return true;
}
