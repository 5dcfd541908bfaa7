/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Command-line options: one table per tool gives both the parsing (GNU
 * getopt_long: options and operands in any order, "--" ends the options,
 * "-oFILE", "-o FILE", "--opt=V", "--opt V") and the option lines of --help.
 *
 *   static const cs_option table[] = {
 *       {0, NULL, NULL, "options:"},
 *       {'o', NULL, "FILE", "write the manifest to FILE"},
 *       {'v', "verbose", NULL, "say what runs"},
 *       {OPT_GO, "go", "PATH", "the go command\n(default: $GO)"},
 *       {0},
 *   };
 *   cs_getopt g;
 *   cs_getopt_init(&g, table, argc, argv);
 *   while ((id = cs_getopt_next(&g, &value)) > 0)
 *     switch (id) { ... }
 *   operands: g.operands, g.noperands
 */
#ifndef CGO_SUPPORT_OPTIONS_H
#define CGO_SUPPORT_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Ids of long-only options start here, above every short option's letter. */
#define CS_LONG_ONLY 256

typedef struct cs_option {
  int id;           /* what cs_getopt_next returns: the short option's letter, or
                       CS_LONG_ONLY + N for a long-only option; 0: a heading */
  const char *name; /* the long name without "--", or NULL */
  const char *arg;  /* the value's name in --help ("FILE"); NULL: a flag */
  const char *help; /* what it does ('\n' starts a continuation line); a
                       heading's text; NULL ends the table */
} cs_option;

typedef struct cs_getopt {
  int argc;
  char **argv;
  char *shortopts; /* owned */
  void *longopts;  /* owned: struct option[] */
  char **operands; /* once cs_getopt_next returned 0: the arguments that are
                      not options, in order (owned; its strings are argv's) */
  size_t noperands;
} cs_getopt;

/* getopt_long's state is global: one parse at a time. */
void cs_getopt_init(cs_getopt *g, const cs_option *table, int argc, char **argv);
/* The next option's id, with its value in *value (NULL for a flag); 0 when
 * none is left; -1 for an unknown option or a missing value, said on stderr
 * ("PROGRAM: error: unknown option or missing value: '--x' (see --help)"). */
int cs_getopt_next(cs_getopt *g, const char **value);
void cs_getopt_free(cs_getopt *g);

/* The table's lines for --help: "  -o FILE, --output FILE  help" with the
 * help texts in one column, headings as they are, after a blank line. */
void cs_options_usage(const cs_option *table, FILE *to);

/* "PROGRAM: error: MESSAGE (see --help)" on stderr. */
void cs_say_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
