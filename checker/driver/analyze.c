/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "analyze.h"

#include "cgo-lifetime/Schema.h"
#include "file.h"
#include "json.h"
#include "lenient.h"
#include "proc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_boilerplate(const char *file) {
  const char *base = cs_basename(file);
  return strcmp(base, CGO_EXPORT_SOURCE) == 0 || strcmp(base, CGO_MAIN_FILE) == 0;
}

/* Flags whose value is a path that may be relative to the unit's directory. */
static bool takes_path(const char *flag) {
  static const char *const flags[] = {"-I", "-isystem", "-iquote", "-idirafter", "-include", NULL};
  for (size_t i = 0; flags[i]; i++)
    if (strcmp(flag, flags[i]) == 0)
      return true;
  return false;
}

/* The flags every analysis and CTU parse ends with: clang as lenient as gcc
 * (lenient.h), and no noise about gcc's attributes. */
static void push_tail_flags(cs_strlist *args) {
  static const char *const lenient[] = CS_LENIENT_FLAGS;
  for (size_t i = 0; lenient[i]; i++)
    cs_strlist_push(args, lenient[i]);
  cs_strlist_push(args, "-Wno-unknown-attributes");
}

/* Splits a "command" string on blanks, honouring simple quotes. */
static void split_command(const char *cmd, cs_strlist *out) {
  cs_buf word = {0};
  bool in_word = false;
  char quote = 0;
  for (const char *p = cmd;; p++) {
    char c = *p;
    if (c == 0 || (!quote && (c == ' ' || c == '\t'))) {
      if (in_word)
        cs_strlist_push_owned(out, cs_buf_take(&word));
      in_word = false;
      if (c == 0)
        break;
      continue;
    }
    in_word = true;
    if (quote && c == quote) {
      quote = 0;
    } else if (!quote && (c == '"' || c == '\'')) {
      quote = c;
    } else if (c == '\\' && p[1] && quote != '\'') {
      cs_buf_putc(&word, *++p);
    } else {
      cs_buf_putc(&word, c);
    }
  }
  cs_buf_free(&word);
}

/* Keeps the flags of argv that matter to the analyzer. */
static void keep_flags(const cs_strlist *argv, const char *file, const char *dir, cs_strlist *out) {
  for (size_t i = 1; i < argv->len; i++) {
    const char *a = argv->items[i];
    if (strcmp(a, "-c") == 0 || strcmp(a, file) == 0)
      continue;
    if (strcmp(a, "-o") == 0) {
      i++;
      continue;
    }
    if (cs_starts_with(a, "-o") && strlen(a) > 2)
      continue;
    if (takes_path(a) && i + 1 < argv->len) {
      cs_strlist_push(out, a);
      cs_strlist_push_owned(out, cs_path_join(dir, argv->items[++i]));
      continue;
    }
    if (cs_starts_with(a, "-I") && a[2]) {
      char *p = cs_path_join(dir, a + 2);
      cs_strlist_push_owned(out, cs_xasprintf("-I%s", p));
      free(p);
      continue;
    }
    /* The file itself, given relative to the directory. */
    if (a[0] != '-') {
      char *abs = cs_path_join(dir, a);
      bool same = strcmp(abs, file) == 0;
      free(abs);
      if (same)
        continue;
    }
    cs_strlist_push(out, a);
  }
}

bool cl_load_units(const char *compdb_path, cl_units *units, cs_strlist *package_dirs,
                   cs_error *err) {
  char *text = NULL;
  size_t len = 0;
  if (!cs_read_file(compdb_path, &text, &len, err))
    return false;
  json_t *doc = cs_json_parse(text, len, err);
  free(text);
  if (!doc) {
    char *why = cs_xstrdup(err->msg);
    cs_fail(err, "%s is not valid JSON: %s", compdb_path, why);
    free(why);
    return false;
  }
  if (!json_is_array(doc)) {
    json_decref(doc);
    return cs_fail(err, "%s is not a compilation database (not an array)", compdb_path);
  }
  units->items = cs_xcalloc(json_array_size(doc) + 1, sizeof *units->items);
  units->len = 0;
  size_t i;
  json_t *e;
  json_array_foreach (doc, i, e) {
    const char *dir = cs_json_get_string(e, "directory");
    const char *file = cs_json_get_string(e, "file");
    if (!dir || !file)
      continue;
    char *abs = cs_path_join(dir, file);
    if (!cs_strlist_contains(package_dirs, dir))
      cs_strlist_push(package_dirs, dir);
    if (is_boilerplate(abs)) {
      free(abs);
      continue;
    }
    cs_strlist argv = {0};
    const json_t *args = cs_json_get_array(e, "arguments");
    if (args)
      cs_json_get_strings(e, "arguments", &argv);
    else if (cs_json_get_string(e, "command"))
      split_command(cs_json_get_string(e, "command"), &argv);
    cl_unit *u = &units->items[units->len++];
    *u = (cl_unit){.file = abs, .dir = cs_xstrdup(dir)};
    keep_flags(&argv, abs, dir, &u->args);
    cs_strlist_free(&argv);
  }
  json_decref(doc);
  return true;
}

void cl_units_free(cl_units *units) {
  for (size_t i = 0; i < units->len; i++) {
    free(units->items[i].file);
    free(units->items[i].dir);
    free(units->items[i].fallback);
    cs_strlist_free(&units->items[i].args);
  }
  free(units->items);
  memset(units, 0, sizeof *units);
}

/* The CTU invocation list: file -> the command that parses it. YAML accepts
 * JSON's flow syntax, so it is written as JSON strings. */
static char *invocation_list(const cl_config *cfg, const cl_units *units) {
  cs_buf b = {0};
  for (size_t i = 0; i < units->len; i++) {
    const cl_unit *u = &units->items[i];
    cs_json_write_string(u->file, &b);
    cs_buf_puts(&b, ": [");
    cs_json_write_string(cfg->clang, &b);
    cs_strlist args = {0};
    cs_strlist_extend(&args, &u->args);
    push_tail_flags(&args);
    for (size_t k = 0; k < args.len; k++) {
      cs_buf_puts(&b, ", ");
      cs_json_write_string(args.items[k], &b);
    }
    cs_strlist_free(&args);
    cs_buf_puts(&b, ", \"-c\", ");
    cs_json_write_string(u->file, &b);
    cs_buf_puts(&b, "]\n");
  }
  return cs_buf_take(&b);
}

/* A compile_commands.json of the units, for clang-extdef-mapping. */
static char *units_compdb(const cl_config *cfg, const cl_units *units) {
  json_t *arr = json_array();
  for (size_t i = 0; i < units->len; i++) {
    const cl_unit *u = &units->items[i];
    json_t *e = json_object();
    json_object_set_new(e, "directory", cs_json_string(u->dir));
    json_object_set_new(e, "file", cs_json_string(u->file));
    json_t *args = json_array();
    json_array_append_new(args, cs_json_string(cfg->clang));
    cs_strlist flags = {0};
    cs_strlist_extend(&flags, &u->args);
    push_tail_flags(&flags);
    for (size_t k = 0; k < flags.len; k++)
      json_array_append_new(args, cs_json_string(flags.items[k]));
    cs_strlist_free(&flags);
    json_array_append_new(args, cs_json_string("-c"));
    json_array_append_new(args, cs_json_string(u->file));
    json_object_set_new(e, "arguments", args);
    json_array_append_new(arr, e);
  }
  cs_buf b = {0};
  cs_json_write(arr, &b);
  json_decref(arr);
  return cs_buf_take(&b);
}

/* The USR of a line of clang-extdef-mapping's output (new string), or NULL:
 * "LEN:USR PATH" since LLVM 15 (a C++ USR may hold blanks), "USR PATH" in 14.
 * The line is kept as it is, in the format the same release's analyzer reads. */
static char *mapping_usr(const char *line) {
  const char *colon = strchr(line, ':');
  size_t digits = strspn(line, "0123456789");
  if (digits > 0 && colon == line + digits) {
    long usr_len = strtol(line, NULL, 10);
    if (usr_len <= 0 || strlen(colon + 1) <= (size_t)usr_len || colon[1 + usr_len] != ' ')
      return NULL;
    return cs_xstrndup(colon + 1, (size_t)usr_len);
  }
  const char *blank = strchr(line, ' ');
  return blank && blank > line && blank[1] ? cs_xstrndup(line, (size_t)(blank - line)) : NULL;
}

/* Adds clang-extdef-mapping's lines to index; a USR defined twice (a preamble
 * copied into several files) keeps its first definition, since CTU refuses an
 * ambiguous index. */
static void merge_mapping(const char *out, cs_strlist *usrs, cs_buf *index) {
  const char *line = out;
  while (*line) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    char *copy = cs_xstrndup(line, n);
    char *usr = mapping_usr(copy);
    if (usr && !cs_strlist_contains(usrs, usr)) {
      cs_strlist_push(usrs, usr);
      cs_buf_puts(index, copy);
      cs_buf_putc(index, '\n');
    }
    free(usr);
    free(copy);
    line += n + (end ? 1 : 0);
  }
}

bool cl_prepare_ctu(const cl_config *cfg, const cl_units *units, cs_error *err) {
  char *ctu_dir = cs_path_join(cfg->workdir, "ctu");
  bool ok = cs_mkdir_p(ctu_dir, err);
  char *compdb_text = units_compdb(cfg, units);
  char *compdb = cs_path_join(ctu_dir, "compile_commands.json");
  ok = ok && cs_write_file(compdb, compdb_text, strlen(compdb_text), err);
  free(compdb_text);
  free(compdb);
  cs_strlist usrs = {0};
  cs_buf index = {0};
  for (size_t i = 0; ok && i < units->len; i++) {
    const char *argv[] = {cfg->extdef_mapping, "-p", ctu_dir, units->items[i].file, NULL};
    cs_command cmd = {.argv = argv};
    cs_proc_result res = {0};
    if (!cs_run(&cmd, &res, err)) {
      ok = false;
      break;
    }
    if (res.exit_code == 0)
      merge_mapping(res.out, &usrs, &index);
    else if (cfg->verbose)
      cs_say("no CTU index for %s: %s", units->items[i].file, res.err_text);
    cs_proc_result_free(&res);
  }
  if (ok) {
    char *map = cs_path_join(ctu_dir, "externalDefMap.txt");
    char *list_text = invocation_list(cfg, units);
    char *list = cs_path_join(ctu_dir, "invocations.yaml");
    ok = cs_write_file(map, index.data ? index.data : "", index.len, err) &&
         cs_write_file(list, list_text, strlen(list_text), err);
    free(map);
    free(list_text);
    free(list);
  }
  cs_buf_free(&index);
  cs_strlist_free(&usrs);
  free(ctu_dir);
  return ok;
}

/* The unit whose flags a header of package dir `dir` is compiled with: the
 * cgo-generated one (it has cgo's output directory on the include path). */
static const cl_unit *template_unit(const cl_units *units, size_t n, const char *dir) {
  const cl_unit *found = NULL;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(units->items[i].dir, dir) != 0)
      continue;
    if (!found || cs_ends_with(units->items[i].file, CGO_CGO2_SUFFIX))
      found = &units->items[i];
  }
  return found;
}

/* The `#include <...>` lines of the preambles of the package in dir (its
 * *.cgo2.c units among the first n), each once, in order of appearance. */
static char *system_includes(const cl_units *units, size_t n, const char *dir) {
  cs_strlist seen = {0};
  cs_buf b = {0};
  for (size_t i = 0; i < n; i++) {
    const cl_unit *u = &units->items[i];
    char *text = NULL;
    cs_error ignored;
    if (strcmp(u->dir, dir) != 0 || !cs_ends_with(u->file, CGO_CGO2_SUFFIX) ||
        !cs_read_file(u->file, &text, NULL, &ignored))
      continue;
    for (const char *p = text; *p; p = cs_next_line(p)) {
      const char *q = p + strspn(p, " \t");
      if (!cs_starts_with(q, "#include <"))
        continue;
      char *line = cs_xstrndup(q, strcspn(q, "\n"));
      if (!cs_strlist_contains(&seen, line)) {
        cs_buf_printf(&b, "%s\n", line);
        cs_strlist_push(&seen, line);
      }
      free(line);
    }
    free(text);
  }
  cs_strlist_free(&seen);
  return cs_buf_take(&b);
}

/* Writes WORKDIR/NAME: prelude, then `#line 1 "HEADER"` and the header's text. */
static bool write_header_unit(const char *path, const char *prelude, const char *header,
                              const char *text, size_t len, cs_error *err) {
  cs_buf b = {0};
  cs_buf_puts(&b, prelude);
  cs_buf_puts(&b, "#line 1 ");
  cs_json_write_string(header, &b);
  cs_buf_putc(&b, '\n');
  cs_buf_append(&b, text, len);
  cs_buf_putc(&b, '\n');
  bool ok = cs_write_file(path, b.data, b.len, err);
  cs_buf_free(&b);
  return ok;
}

bool cl_add_header_units(const cl_config *cfg, cl_units *units, const cs_strlist *package_dirs,
                         cs_error *err) {
  size_t n = units->len;
  for (size_t d = 0; d < package_dirs->len; d++) {
    const char *dir = package_dirs->items[d];
    const cl_unit *tmpl = template_unit(units, n, dir);
    DIR *dh = tmpl ? opendir(dir) : NULL;
    if (!dh)
      continue;
    cs_strlist headers = {0};
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
      if (cs_ends_with(e->d_name, ".h") && e->d_name[0] != '.' &&
          strcmp(e->d_name, CGO_EXPORT_HEADER) != 0)
        cs_strlist_push(&headers, e->d_name);
    closedir(dh);
    cs_strlist_sort(&headers);
    char *prelude = headers.len ? system_includes(units, n, dir) : NULL;
    for (size_t h = 0; h < headers.len; h++) {
      char *header = cs_path_join(dir, headers.items[h]);
      char *text = NULL;
      size_t len = 0;
      bool ok = cs_read_file(header, &text, &len, err);
      char *unit_file = cs_xasprintf("%s/hdr-%zu.cgo-header.c", cfg->workdir, units->len);
      char *fallback =
          prelude[0] ? cs_xasprintf("%s/hdr-%zu-pre.cgo-header.c", cfg->workdir, units->len) : NULL;
      ok = ok && write_header_unit(unit_file, "", header, text, len, err) &&
           (!fallback || write_header_unit(fallback, prelude, header, text, len, err));
      if (ok) {
        units->items = cs_xrealloc(units->items, (units->len + 1) * sizeof *units->items);
        tmpl = template_unit(units, n, dir); /* the array moved */
        cl_unit *u = &units->items[units->len++];
        *u = (cl_unit){
            .file = unit_file, .dir = cs_xstrdup(dir), .optional = true, .fallback = fallback};
        cs_strlist_extend(&u->args, &tmpl->args);
        unit_file = fallback = NULL;
      }
      free(unit_file);
      free(fallback);
      free(text);
      free(header);
      if (!ok) {
        free(prelude);
        cs_strlist_free(&headers);
        return false;
      }
    }
    free(prelude);
    cs_strlist_free(&headers);
  }
  return true;
}

char *cl_unit_summaries_path(const cl_config *cfg, size_t i) {
  return cs_xasprintf("%s/sum-%zu.json", cfg->workdir, i);
}

/* -analyzer-config NAME=VALUE through the driver. */
static void push_config(cs_strlist *argv, char *name_value) {
  cs_strlist_push(argv, "-Xanalyzer");
  cs_strlist_push(argv, "-analyzer-config");
  cs_strlist_push(argv, "-Xanalyzer");
  cs_strlist_push_owned(argv, name_value);
}

/* Models, summaries in and out (docs/summaries.md): one option each, so that
 * a path with a comma stays whole. */
static void push_summary_options(const cl_config *cfg, size_t i, cs_strlist *argv) {
  if (cfg->no_shipped_models)
    push_config(argv, cs_xstrdup("cgo:ShippedModels=false"));
  if (cfg->models && cfg->models[0])
    push_config(argv, cs_xasprintf("cgo:Models=%s", cfg->models));
  if (cfg->summaries)
    push_config(argv, cs_xasprintf("cgo:Summaries=%s", cfg->summaries));
  if (cfg->shape_callback_userdata >= 0)
    push_config(argv, cs_xasprintf("cgo:ShapeCallbackUserdata=%s",
                                   cfg->shape_callback_userdata ? "true" : "false"));
  if (cfg->shape_destructor_name >= 0)
    push_config(argv, cs_xasprintf("cgo:ShapeDestructorName=%s",
                                   cfg->shape_destructor_name ? "true" : "false"));
  if (cfg->write_summaries) {
    char *out = cl_unit_summaries_path(cfg, i);
    push_config(argv, cs_xasprintf("cgo:SummaryOutput=%s", out));
    free(out);
  }
}

/* The clang command that analyses unit i. */
static void analysis_argv(const cl_config *cfg, const cl_unit *u, size_t i, cs_strlist *argv) {
  cs_strlist_push(argv, cfg->clang);
  cs_strlist_push(argv, "--analyze");
  cs_strlist_push(argv, "--analyzer-no-default-checks");
  cs_strlist_push_owned(argv, cs_xasprintf("-fplugin=%s", cfg->plugin));
  cs_strlist_push(argv, "-Xanalyzer");
  cs_strlist_push_owned(argv, cs_xasprintf("-analyzer-checker=%s", cfg->checkers));
  cs_strlist_push(argv, "-Xanalyzer");
  cs_strlist_push(argv, "-analyzer-config");
  cs_strlist_push(argv, "-Xanalyzer");
  if (cfg->ctu) {
    char *ctu_dir = cfg->ctu_dir ? cs_xstrdup(cfg->ctu_dir) : cs_path_join(cfg->workdir, "ctu");
    cs_strlist_push_owned(
        argv, cs_xasprintf("cgo:Manifest=%s,experimental-enable-naive-ctu-analysis=true,"
                           "ctu-dir=%s,ctu-invocation-list=%s/invocations.yaml",
                           cfg->manifest, ctu_dir, ctu_dir));
    free(ctu_dir);
  } else {
    cs_strlist_push_owned(argv, cs_xasprintf("cgo:Manifest=%s", cfg->manifest));
  }
  push_summary_options(cfg, i, argv);
  cs_strlist_push(argv, "-Xanalyzer");
  cs_strlist_push(argv, cfg->html ? "-analyzer-output=sarif-html" : "-analyzer-output=sarif");
  for (size_t k = 0; k < u->args.len; k++)
    cs_strlist_push(argv, u->args.items[k]);
  /* The package's -Werror, and clang's errors for what gcc only warns
   * about, must not turn C that `go build` accepts into "not analysed". */
  push_tail_flags(argv);
  cs_strlist_push(argv, u->file);
  cs_strlist_push(argv, "-o");
  if (cfg->html)
    cs_strlist_push_owned(argv, cs_xasprintf("%s/html-%zu/unit.sarif", cfg->workdir, i));
  else
    cs_strlist_push_owned(argv, cs_xasprintf("%s/unit-%zu.sarif", cfg->workdir, i));
}

/* Starts unit i in the background; its stdout and stderr go to a log. */
static bool start_unit(const cl_config *cfg, const cl_unit *u, size_t i, pid_t *pid,
                       cs_error *err) {
  cs_strlist argv = {0};
  analysis_argv(cfg, u, i, &argv);
  if (cfg->html) {
    char *dir = cs_xasprintf("%s/html-%zu", cfg->workdir, i);
    cs_error ignored;
    cs_mkdir_p(dir, &ignored);
    free(dir);
  }
  if (cfg->verbose) {
    char *line = cs_join((const char *const *)argv.items, argv.len, " ");
    cs_say("(cd %s && %s)", u->dir, line);
    free(line);
  }
  char *log = cs_xasprintf("%s/unit-%zu.log", cfg->workdir, i);
  cs_strlist_terminate(&argv);
  cs_command cmd = {.argv = (const char *const *)argv.items, .cwd = u->dir, .log = log};
  bool ok = cs_start(&cmd, pid, err);
  free(log);
  cs_strlist_free(&argv);
  return ok;
}

/* Why unit i failed: the reason lines of clang's log (its errors, with
 * file:line; paths inside the unit's directory shortened), else its status. */
static char *failure_reason(const cl_config *cfg, const cl_unit *u, size_t i, int status) {
  char *log = cs_xasprintf("%s/unit-%zu.log", cfg->workdir, i);
  char *text = NULL;
  cs_error e;
  char *reason = NULL;
  if (cs_read_file(log, &text, NULL, &e)) {
    char *raw = cs_tool_reason(text);
    char *prefix = cs_xasprintf("%s/", u->dir);
    cs_buf b = {0};
    for (const char *p = raw; *p;) {
      if (cs_starts_with(p, prefix))
        p += strlen(prefix);
      size_t n = strcspn(p, "\n");
      cs_buf_append(&b, p, n);
      p += n;
      if (*p == '\n') {
        cs_buf_putc(&b, '\n');
        p++;
        size_t indent = strspn(p, " ");
        cs_buf_append(&b, p, indent);
        p += indent;
      }
    }
    reason = cs_buf_take(&b);
    free(prefix);
    free(raw);
  }
  if (!reason || !reason[0]) {
    free(reason);
    reason = cs_xasprintf("the analyzer exited with status %d", status);
  } else if (status != 1) {
    char *with_status = cs_xasprintf("the analyzer exited with status %d: %s", status, reason);
    free(reason);
    reason = with_status;
  }
  free(text);
  free(log);
  return reason;
}

/* A unit whose analyzer could not be started (err: which and why). */
static void not_started(cs_strlist *failures, const char *file, const cs_error *err) {
  cs_strlist_push_owned(failures, cs_xasprintf("%s was not analysed: %s", file, err->msg));
}

void cl_analyze_all(const cl_config *cfg, const cl_units *units, cs_strlist *sarif_paths,
                    cs_strlist *html_dirs, cs_strlist *failures) {
  size_t n = units->len, next = 0, done = 0;
  pid_t *pids = cs_xcalloc(n ? n : 1, sizeof *pids);
  bool *ok = cs_xcalloc(n ? n : 1, sizeof *ok);
  bool *retried = cs_xcalloc(n ? n : 1, sizeof *retried);
  int running = 0;
  int jobs = cfg->jobs > 0 ? cfg->jobs : 1;
  while (done < n) {
    while (running < jobs && next < n) {
      if (cfg->progress)
        cs_say("[%zu/%zu] %s", next + 1, n, units->items[next].file);
      cs_error err = {{0}};
      if (start_unit(cfg, &units->items[next], next, &pids[next], &err)) {
        running++;
      } else {
        not_started(failures, units->items[next].file, &err);
        done++;
      }
      next++;
    }
    int code = 0;
    pid_t pid = cs_wait(-1, &code);
    if (pid < 0)
      break;
    for (size_t i = 0; i < n; i++) {
      if (pids[i] != pid)
        continue;
      running--;
      done++;
      pids[i] = 0;
      /* clang exits 1 on a compile error; a header unit may fail so, but a
       * crash is reported like any unit's. */
      bool rejected = code == 1 && units->items[i].optional;
      if (rejected && units->items[i].fallback && !retried[i]) {
        /* A header that needs the preambles' system includes before it. */
        cl_unit again = units->items[i];
        again.file = again.fallback;
        retried[i] = true;
        if (cfg->verbose)
          cs_say("header unit %s does not compile alone; trying %s", units->items[i].file,
                 again.file);
        cs_error err = {{0}};
        if (start_unit(cfg, &again, i, &pids[i], &err)) {
          running++;
          done--;
        } else {
          not_started(failures, units->items[i].file, &err);
        }
      } else if (rejected) {
        /* A header that needs more than the preambles' system includes. */
        if (cfg->verbose) {
          char *reason = failure_reason(cfg, &units->items[i], i, code);
          cs_say("header unit %s skipped: %s", units->items[i].file, reason);
          free(reason);
        }
      } else if (code != 0) {
        char *reason = failure_reason(cfg, &units->items[i], i, code);
        cs_strlist_push_owned(failures,
                              cs_xasprintf("%s was not analysed: %s%s", units->items[i].file,
                                           code == 1 ? "clang rejects it: " : "", reason));
        free(reason);
      } else {
        ok[i] = true;
      }
    }
  }
  /* Results in unit order, not in the order the jobs finished: the findings
   * merge keeps the first of two duplicates, so the output must not depend on
   * which analysis finished first. */
  for (size_t i = 0; i < n; i++) {
    if (!ok[i])
      continue;
    if (cfg->html) {
      cs_strlist_push_owned(sarif_paths, cs_xasprintf("%s/html-%zu/unit.sarif", cfg->workdir, i));
      cs_strlist_push_owned(html_dirs, cs_xasprintf("%s/html-%zu", cfg->workdir, i));
    } else {
      cs_strlist_push_owned(sarif_paths, cs_xasprintf("%s/unit-%zu.sarif", cfg->workdir, i));
    }
  }
  free(retried);
  free(ok);
  free(pids);
}
