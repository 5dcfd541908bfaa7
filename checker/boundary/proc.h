/* Running a tool (go, pkg-config) and capturing what it prints. */
#ifndef CGO_BOUNDARY_PROC_H
#define CGO_BOUNDARY_PROC_H

#include "util.h"

typedef struct cb_proc_result {
  int exit_code;  /* the tool's exit status; 128+N when killed by signal N */
  char *out;      /* all of stdout, NUL-terminated (owned) */
  size_t out_len;
  char *err_text; /* all of stderr, NUL-terminated (owned) */
} cb_proc_result;

typedef struct cb_command {
  const char *const *argv; /* argv[0] is looked up on PATH when it has no '/' */
  const char *cwd;         /* NULL: the current directory */
  const char *const *env;  /* NULL-terminated "NAME=VALUE" overrides, or NULL */
} cb_command;

/* Runs cmd to completion. Returns false (and fills err) only when the tool
 * could not be started at all; a tool that ran and failed returns true with a
 * nonzero exit_code. */
bool cb_run(const cb_command *cmd, cb_proc_result *res, cb_error *err);
void cb_proc_result_free(cb_proc_result *res);
/* The first non-empty line of text, trimmed, as a new string ("" if none). */
char *cb_first_line(const char *text);
/* The lines of a tool's error output (gcc's, go's) that state the reason, as
 * a new string: the first one, then each further one on a line of its own
 * indented by four spaces (at most 8, then "    (N more)"). A reason is a
 * line with a position ("x.go:3:28: cannot use ...", "bad.c:3:2: error: ...",
 * "go.mod:5: syntax error ...") that is not a warning or a note; a line
 * ending in ':' takes the indented line after it ("...; to add it: go get
 * X"). Headers without a reason ("In function 'f':", "# import/path",
 * "WORK=...", "go: errors parsing go.mod:", "In file included from ...") and
 * source excerpts are left out. Without any such line: the warnings and notes
 * with a position, else the first line that is not a header. "" if none. */
char *cb_tool_reason(const char *text);
/* reason (from cb_tool_reason) with each line's file, relative to dir (where
 * the tool ran: "./x.go", "x.go") or absolute, made relative to the current
 * directory when it exists and is inside it ("pkg/x.go"), so that it can be
 * opened from where the user is (new string). */
char *cb_reason_from(const char *reason, const char *dir);

#endif
