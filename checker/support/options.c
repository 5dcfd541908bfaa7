/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE /* getopt_long, program_invocation_short_name */
#include "options.h"

#include "util.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* In --help, a longer spelling of an option does not move its section's
 * column of help texts. */
enum { MAX_SPELLING = 28 };

static bool is_short(int id) { return id > 0 && id < CS_LONG_ONLY; }

static size_t table_size(const cs_option *table) {
  size_t n = 0;
  while (table[n].help)
    n++;
  return n;
}

void cs_getopt_init(cs_getopt *g, const cs_option *table, int argc, char **argv) {
  size_t n = table_size(table);
  /* '-': operands come back one by one, in order, also after options (and
   * whatever POSIXLY_CORRECT says); ':': a missing value is told apart from
   * an unknown option. */
  char *shortopts = cs_xcalloc(2 * n + 3, 1), *s = shortopts;
  struct option *longopts = cs_xcalloc(n + 1, sizeof *longopts);
  size_t nlong = 0;
  *s++ = '-';
  *s++ = ':';
  for (size_t i = 0; i < n; i++) {
    const cs_option *o = &table[i];
    if (is_short(o->id)) {
      *s++ = (char)o->id;
      if (o->arg)
        *s++ = ':';
    }
    if (o->id && o->name)
      longopts[nlong++] =
          (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->id};
  }
  *g = (cs_getopt){.argc = argc,
                   .argv = argv,
                   .shortopts = shortopts,
                   .longopts = longopts,
                   .operands = cs_xcalloc((size_t)argc + 1, sizeof *g->operands)};
  optind = 0; /* glibc: start afresh */
  opterr = 0; /* the errors are ours */
}

/* The argument getopt_long stopped at, as the user wrote it. */
static char *bad_argument(const cs_getopt *g) {
  const char *last = optind > 0 && optind <= g->argc ? g->argv[optind - 1] : "";
  if (cs_starts_with(last, "--") || !is_short(optopt))
    return cs_xstrdup(last);
  return cs_xasprintf("-%c", optopt);
}

int cs_getopt_next(cs_getopt *g, const char **value) {
  *value = NULL;
  int id;
  while ((id = getopt_long(g->argc, g->argv, g->shortopts, g->longopts, NULL)) == 1)
    g->operands[g->noperands++] = optarg;
  if (id == -1) {
    while (optind < g->argc) /* after "--" */
      g->operands[g->noperands++] = g->argv[optind++];
    return 0;
  }
  if (id == '?' || id == ':') {
    char *arg = bad_argument(g);
    cs_say_usage_error("unknown option or missing value: '%s'", arg);
    free(arg);
    return -1;
  }
  *value = optarg;
  return id;
}

void cs_getopt_free(cs_getopt *g) {
  free(g->operands);
  free(g->shortopts);
  free(g->longopts);
  g->operands = NULL;
  g->shortopts = NULL;
  g->longopts = NULL;
}

/* "-o FILE", "-v, --verbose", "--format FORMAT" (new string). */
static char *spelling(const cs_option *o) {
  char *s = is_short(o->id) ? cs_xasprintf("-%c", o->id) : cs_xstrdup("");
  if (o->name) {
    char *both = cs_xasprintf("%s%s--%s", s, s[0] ? ", " : "", o->name);
    free(s);
    s = both;
  }
  if (o->arg) {
    char *with_arg = cs_xasprintf("%s %s", s, o->arg);
    free(s);
    s = with_arg;
  }
  return s;
}

/* The column where the help texts of the section starting at o begin: after
 * the longest spelling in it, within reason. */
static int help_column(const cs_option *o) {
  size_t longest = 0;
  for (; o->help && o->id; o++) {
    char *left = spelling(o);
    if (strlen(left) > longest && strlen(left) <= MAX_SPELLING)
      longest = strlen(left);
    free(left);
  }
  return (int)longest + 4;
}

void cs_options_usage(const cs_option *table, FILE *to) {
  int column = help_column(table);
  for (const cs_option *o = table; o->help; o++) {
    if (!o->id) {
      fprintf(to, "%s%s\n", o == table ? "" : "\n", o->help);
      column = help_column(o + 1);
      continue;
    }
    char *left = spelling(o);
    int width = (int)strlen(left) + 2;
    /* A spelling too long for the column pushes the first line's text right. */
    fprintf(to, "  %s%*s", left, width + 2 <= column ? column - width : 2, "");
    for (const char *p = o->help; *p;) {
      size_t n = strcspn(p, "\n");
      fprintf(to, "%.*s\n", (int)n, p);
      p += n;
      if (*p == '\n' && *++p)
        fprintf(to, "%*s", column, "");
    }
    free(left);
  }
}

void cs_say_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *message = cs_xvasprintf(fmt, ap);
  va_end(ap);
  cs_say_error("%s (see --help)", message);
  free(message);
}
