/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "goside.h"

#include "file.h"
#include "proc.h"
#include "resultcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cl_go_checkers[] = {
#define CGO_GO_CHECKER(ID, NAME, ...) NAME,
#define CGO_C_CHECKER(...)
#include "cgo-lifetime/Checkers.def"
    NULL,
};

bool cl_is_go_checker(const char *name) {
  for (size_t i = 0; cl_go_checkers[i]; i++)
    if (strcmp(cl_go_checkers[i], name) == 0)
      return true;
  return false;
}

/* cgo-lifetime-vet's arguments for one pattern. */
static void vet_argv(const cl_goside *g, const char *pattern, cs_strlist *argv) {
  cs_strlist_push(argv, g->vet);
  cs_strlist_push(argv, "-json");
  /* A budget hit is read from the warnings (relay_warnings), not the exit. */
  cs_strlist_push(argv, "-allow-incomplete");
  cs_strlist_push(argv, "-manifest");
  cs_strlist_push(argv, g->manifest);
  /* The C side's summaries are given; the tool does not compute its own. */
  cs_strlist_push(argv, "-compute-summaries=false");
  if (g->summaries) {
    cs_strlist_push(argv, "-summaries");
    cs_strlist_push(argv, g->summaries);
  }
  for (size_t i = 0; g->models && i < g->models->len; i++) {
    cs_strlist_push(argv, "-models");
    cs_strlist_push_owned(argv, cs_absolute_path(g->models->items[i]));
  }
  if (g->shape_callback_userdata >= 0)
    cs_strlist_push(argv, g->shape_callback_userdata ? "-shape-callback-userdata=true"
                                                     : "-shape-callback-userdata=false");
  if (g->shape_destructor_name >= 0)
    cs_strlist_push(argv, g->shape_destructor_name ? "-shape-destructor-name=true"
                                                   : "-shape-destructor-name=false");
  if (g->checks && g->checks->len > 0) {
    cs_buf b = {0};
    for (size_t i = 0; i < g->checks->len; i++)
      cs_buf_printf(&b, "%s%s", i ? "," : "", g->checks->items[i]);
    cs_strlist_push(argv, "-checks");
    cs_strlist_push_owned(argv, cs_buf_take(&b));
  }
  cs_strlist_push(argv, "--");
  cs_strlist_push(argv, pattern);
  cs_strlist_terminate(argv);
}

/* The reason of a failed run (new string): the tool's error lines without
 * their "cgo-lifetime-vet: error: " prefix, the way cgo-boundary quotes go
 * and gcc (cs_tool_reason), files relative to where the user is. */
static char *error_reason(const char *err_text, const char *dir) {
  cs_buf b = {0};
  for (const char *p = err_text; *p; p = cs_next_line(p)) {
    size_t n = strcspn(p, "\n");
    const char *line = p;
    static const char *const prefixes[] = {"cgo-lifetime-vet: ", "error: "};
    for (size_t i = 0; i < 2; i++)
      if (cs_starts_with(line, prefixes[i])) {
        n -= strlen(prefixes[i]);
        line += strlen(prefixes[i]);
      }
    if (n > 0 && !cs_starts_with(line, "warning: "))
      cs_buf_printf(&b, "%.*s\n", (int)n, line);
  }
  char *text = cs_buf_take(&b);
  char *reason = cs_tool_reason(text);
  if (!reason[0]) {
    free(reason);
    reason = text[0] ? cs_xstrndup(text, strcspn(text, "\n"))
                     : cs_xstrdup("cgo-lifetime-vet failed and said nothing");
  }
  char *shown = cs_reason_from(reason, dir ? dir : ".");
  free(reason);
  free(text);
  return shown;
}

/* The tool's warnings go to our stderr, except a function named for running
 * out of the path budget: a gap in gaps (the run is incomplete, exit 3, or a
 * warning with --allow-incomplete), never a silent pass. */
static void relay_warnings(const char *err_text, const char *arg, cs_strlist *gaps) {
  static const char budget[] = "the lifetime analysis ran out of its budget";
  for (const char *p = err_text; *p; p = cs_next_line(p)) {
    size_t n = strcspn(p, "\n");
    const char *warning = strstr(p, "warning: ");
    if (!warning || (size_t)(warning - p) >= n)
      continue;
    const char *text = warning + strlen("warning: ");
    const char *hit = strstr(text, budget);
    if (hit && (size_t)(hit - p) < n)
      cs_strlist_push_owned(gaps, cs_xasprintf("the Go code of %s was not analysed in full: %.*s",
                                               arg, (int)(n - (size_t)(text - p)), text));
    else
      cl_rc_relay_line(p, n);
  }
}

/* PATH with the --go command's folder first, so that go/packages runs the
 * same go as the companion (new string), or NULL. */
static char *path_for_go(const char *go) {
  if (!go || !strchr(go, '/'))
    return NULL;
  char *abs = cs_absolute_path(go);
  char *dir = cs_dirname(abs);
  const char *path = getenv("PATH");
  char *env = cs_xasprintf("PATH=%s%s%s", dir, path && *path ? ":" : "", path ? path : "");
  free(dir);
  free(abs);
  return env;
}

static bool run_one(const cl_goside *g, const char *arg, const cl_filter *filter, cl_findings *all,
                    cs_strlist *gaps, cs_error *err) {
  char *cwd = NULL;
  const char *pattern;
  cs_go_package_argument(arg, &cwd, &pattern);
  cs_strlist argv = {0};
  vet_argv(g, pattern, &argv);
  char *path_env = path_for_go(g->go);
  const char *env[] = {path_env, NULL};
  cs_command cmd = {
      .argv = (const char *const *)argv.items, .cwd = cwd, .env = path_env ? env : NULL};
  cs_proc_result res = {0};
  cs_error run_err = {{0}};
  bool ok = true;
  if (g->verbose)
    cs_say("Go side: %s on %s", g->vet, arg);
  if (!cs_run(&cmd, &res, &run_err)) {
    cs_strlist_push_owned(gaps,
                          cs_xasprintf("the Go code of %s was not analysed: cannot run %s: %s", arg,
                                       g->vet, run_err.msg));
  } else if (res.exit_code == 0 || res.exit_code == 1) {
    relay_warnings(res.err_text, arg, gaps);
    ok = cl_findings_add_vet_json(all, res.out, res.out_len, filter, err);
    if (!ok) {
      char *why = cs_xstrdup(err->msg);
      cs_fail(err, "cannot read the report of %s on %s: %s", g->vet, arg, why);
      free(why);
    }
  } else {
    char *why = error_reason(res.err_text, cwd);
    cs_strlist_push_owned(gaps, cs_xasprintf("the Go code of %s was not analysed: %s", arg, why));
    free(why);
  }
  cs_proc_result_free(&res);
  cs_strlist_free(&argv);
  free(path_env);
  free(cwd);
  return ok;
}

bool cl_goside_run(const cl_goside *g, const cs_strlist *packages, const cl_filter *filter,
                   cl_findings *all, cs_strlist *gaps, cs_error *err) {
  if (!g->vet) {
    cs_strlist_push(gaps, "the Go code was not analysed: cgo-lifetime-vet is not installed beside "
                          "this program (it needs Go 1.26 to build; --no-go-side analyses the C "
                          "side alone)");
    return true;
  }
  for (size_t i = 0; i < packages->len; i++)
    if (!run_one(g, packages->items[i], filter, all, gaps, err))
      return false;
  return true;
}
