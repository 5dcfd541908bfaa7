/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Running tools (go, pkg-config, clang, cgo-boundary): one runner for both C
 * tools. A tool that cannot be started (not found, not executable, a missing
 * directory to run in) is an error of its own, reported by the child through
 * a close-on-exec pipe, never mistaken for a tool that ran and failed. */
#ifndef CGO_SUPPORT_PROC_H
#define CGO_SUPPORT_PROC_H

#include "util.h"

#include <sys/types.h>

typedef struct cs_command {
  const char *const *argv; /* argv[0] is looked up on PATH when it has no '/' */
  const char *cwd;         /* NULL: the current directory */
  const char *const *env;  /* NULL-terminated "NAME=VALUE" overrides, or NULL */
  const char *log;         /* cs_start: stdout and stderr go to this new file; NULL: ours */
} cs_command;

typedef struct cs_proc_result {
  int exit_code; /* the tool's exit status; 128+N when killed by signal N */
  char *out;     /* all of stdout, NUL-terminated (owned) */
  size_t out_len;
  char *err_text; /* all of stderr, NUL-terminated (owned) */
} cs_proc_result;

/* Runs cmd to completion and captures its output (cmd->log is not used).
 * Returns false (and fills err) only when the tool could not be started; a
 * tool that ran and failed returns true with a nonzero exit_code. Standard
 * input is /dev/null. */
bool cs_run(const cs_command *cmd, cs_proc_result *res, cs_error *err);
void cs_proc_result_free(cs_proc_result *res);

/* Starts cmd in the background (several may run at once) with /dev/null as
 * standard input and its output to cmd->log, or to ours. Returns false (err
 * filled) when it could not be started. */
bool cs_start(const cs_command *cmd, pid_t *pid, cs_error *err);
/* Waits for the child pid, or for any child when pid is -1; *code is its exit
 * status, 128+N when killed by signal N. Returns the child's pid, or -1 when
 * there is none to wait for. */
pid_t cs_wait(pid_t pid, int *code);

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
char *cs_tool_reason(const char *text);
/* reason (from cs_tool_reason) with each line's file, relative to dir (where
 * the tool ran: "./x.go", "x.go") or absolute, made relative to the current
 * directory when it exists and is inside it ("pkg/x.go"), so that it can be
 * opened from where the user is (new string). */
char *cs_reason_from(const char *reason, const char *dir);

#endif
