/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "proc.h"

#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* A new environment: the current one with each override replacing or adding
 * its NAME. The array is owned by the caller; its strings are borrowed. */
static char **merged_environment(const char *const *overrides) {
  size_t n = 0, m = 0;
  while (environ[n])
    n++;
  while (overrides && overrides[m])
    m++;
  char **env = cs_xcalloc(n + m + 1, sizeof *env);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    bool replaced = false;
    for (size_t j = 0; j < m && !replaced; j++) {
      size_t name_len = strcspn(overrides[j], "=");
      replaced = strncmp(environ[i], overrides[j], name_len + 1) == 0;
    }
    if (!replaced)
      env[k++] = environ[i];
  }
  for (size_t j = 0; j < m; j++)
    env[k++] = (char *)overrides[j];
  env[k] = NULL;
  return env;
}

/* What the child reports on the close-on-exec pipe when it cannot exec. */
typedef struct start_failure {
  int in_chdir; /* 1: cmd->cwd could not be entered; 0: exec failed */
  int errno_value;
} start_failure;

static void report_and_exit(int report_fd, int in_chdir) {
  start_failure f = {in_chdir, errno};
  (void)!write(report_fd, &f, sizeof f);
  _exit(127);
}

/* In the child: never returns. out_fd and err_fd < 0 stay ours. */
static void exec_child(const cs_command *cmd, char **env, int out_fd, int err_fd, int report_fd) {
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0)
    dup2(devnull, STDIN_FILENO);
  if (out_fd >= 0)
    dup2(out_fd, STDOUT_FILENO);
  if (err_fd >= 0)
    dup2(err_fd, STDERR_FILENO);
  if (cmd->cwd && chdir(cmd->cwd) != 0)
    report_and_exit(report_fd, 1);
  environ = env;
  execvp(cmd->argv[0], (char *const *)cmd->argv);
  report_and_exit(report_fd, 0);
}

/* Forks and execs cmd with its stdout and stderr on out_fd and err_fd (< 0:
 * ours); true once the exec succeeded. The parent's ends of out_fd and err_fd
 * stay open. */
static bool spawn(const cs_command *cmd, int out_fd, int err_fd, pid_t *pid, cs_error *err) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0)
    return cs_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(errno));
  char **env = merged_environment(cmd->env);
  fflush(NULL);
  *pid = fork();
  if (*pid == 0)
    exec_child(cmd, env, out_fd, err_fd, report[1]);
  int fork_errno = errno;
  free(env);
  close(report[1]);
  if (*pid < 0) {
    close(report[0]);
    return cs_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(fork_errno));
  }
  start_failure f;
  ssize_t got;
  while ((got = read(report[0], &f, sizeof f)) < 0 && errno == EINTR) {
  }
  close(report[0]);
  if (got != (ssize_t)sizeof f)
    return true; /* the pipe closed at exec */
  int code;
  cs_wait(*pid, &code);
  if (f.in_chdir)
    return cs_fail(err, "cannot run '%s' in '%s': %s", cmd->argv[0], cmd->cwd,
                   strerror(f.errno_value));
  return cs_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(f.errno_value));
}

static void drain(int out_fd, int err_fd, cs_buf *out, cs_buf *errb) {
  struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  cs_buf *bufs[2] = {out, errb};
  int open_fds = 2;
  char chunk[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
      if (n > 0) {
        cs_buf_append(bufs[i], chunk, (size_t)n);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_fds--;
      }
    }
  }
}

bool cs_run(const cs_command *cmd, cs_proc_result *res, cs_error *err) {
  memset(res, 0, sizeof *res);
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0)
    return cs_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(errno));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    int e = errno;
    close(out_pipe[0]);
    close(out_pipe[1]);
    return cs_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(e));
  }
  pid_t pid;
  bool started = spawn(cmd, out_pipe[1], err_pipe[1], &pid, err);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (!started) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return false;
  }
  cs_buf out = {0}, errb = {0};
  drain(out_pipe[0], err_pipe[0], &out, &errb);
  cs_wait(pid, &res->exit_code);
  res->out_len = out.len;
  res->out = cs_buf_take(&out);
  res->err_text = cs_buf_take(&errb);
  return true;
}

bool cs_start(const cs_command *cmd, pid_t *pid, cs_error *err) {
  int fd = -1;
  if (cmd->log) {
    fd = open(cmd->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
      return cs_fail(err, "cannot write '%s': %s", cmd->log, strerror(errno));
  }
  bool ok = spawn(cmd, fd, fd, pid, err);
  if (fd >= 0)
    close(fd);
  return ok;
}

pid_t cs_wait(pid_t pid, int *code) {
  int status = 0;
  pid_t got;
  while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  if (got > 0)
    *code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return got;
}

void cs_proc_result_free(cs_proc_result *res) {
  free(res->out);
  free(res->err_text);
  res->out = res->err_text = NULL;
}

/* Digits then ':' at line[*i]: advances past them. */
static bool skip_number(const char *line, size_t n, size_t *i) {
  size_t start = *i;
  while (*i < n && line[*i] >= '0' && line[*i] <= '9')
    (*i)++;
  if (*i == start || *i >= n || line[*i] != ':')
    return false;
  (*i)++;
  return true;
}

/* "FILE:LINE[:COL]: MESSAGE" with no blank in FILE: the start of MESSAGE, or NULL. */
static const char *after_position(const char *line, size_t n) {
  size_t i = 0;
  while (i < n && line[i] != ':' && line[i] != ' ' && line[i] != '\t')
    i++;
  if (i == 0 || i >= n || line[i] != ':')
    return NULL;
  i++;
  if (!skip_number(line, n, &i))
    return NULL;
  if (i < n && line[i] == ' ')
    return line + i + 1;
  if (!skip_number(line, n, &i))
    return NULL;
  return i < n && line[i] == ' ' ? line + i + 1 : NULL;
}

static bool is_header(const char *line, size_t n) {
  if (n == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '#')
    return true;
  if (cs_starts_with(line, "WORK=") || cs_starts_with(line, "In file included from"))
    return true;
  return line[n - 1] == ':';
}

/* The reason line at p (n bytes, trimmed), joined after a trailing ':' with
 * the tab-indented line go prints next ("\tgo get X"; gcc's source excerpts
 * are indented with spaces). */
static char *reason_line(const char *p, size_t n) {
  char *line = cs_xstrndup(p, n);
  const char *next = cs_next_line(p);
  if (n > 0 && p[n - 1] == ':' && *next) {
    size_t m = strcspn(next, "\n");
    size_t lead = strspn(next, "\t");
    if (lead > 0 && lead < m) {
      char *joined = cs_xasprintf("%s %.*s", line, (int)(m - lead), next + lead);
      free(line);
      line = joined;
    }
  }
  return line;
}

/* Collects the lines of text of one kind: 0 reasons, 1 positioned warnings
 * and notes, 2 any line that is not a header. */
static void collect_reasons(const char *text, int kind, cs_strlist *out) {
  for (const char *p = text; *p; p = cs_next_line(p)) {
    size_t n = strcspn(p, "\n");
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
      n--;
    const char *message = after_position(p, n);
    bool minor =
        message && (cs_starts_with(message, "warning:") || cs_starts_with(message, "note:"));
    bool take = false;
    if (kind == 0)
      take = message && !minor && !cs_starts_with(message, "In function");
    else if (kind == 1)
      take = message && minor;
    else
      take = !is_header(p, n);
    if (take) {
      char *line = reason_line(p, n);
      if (!cs_strlist_contains(out, line))
        cs_strlist_push(out, line);
      free(line);
    }
  }
}

char *cs_tool_reason(const char *text) {
  enum { MAX_LINES = 8 };
  cs_strlist lines = {0};
  for (int kind = 0; kind < 3 && lines.len == 0; kind++)
    collect_reasons(text, kind, &lines);
  cs_buf b = {0};
  for (size_t i = 0; i < lines.len && i < MAX_LINES; i++)
    cs_buf_printf(&b, "%s%s", i ? "\n    " : "", lines.items[i]);
  if (lines.len > MAX_LINES)
    cs_buf_printf(&b, "\n    (%zu more)", lines.len - MAX_LINES);
  cs_strlist_free(&lines);
  return cs_buf_take(&b);
}

char *cs_reason_from(const char *reason, const char *dir) {
  char *cwd = getcwd(NULL, 0);
  cs_buf b = {0};
  for (const char *p = reason; *p;) {
    size_t indent = strspn(p, " ");
    cs_buf_append(&b, p, indent);
    p += indent;
    size_t n = strcspn(p, "\n");
    size_t file_len = strcspn(p, ": \t\n");
    if (cwd && p[file_len] == ':' && after_position(p, n)) {
      char *file = cs_xstrndup(p, file_len);
      char *joined = cs_path_join(dir, cs_starts_with(file, "./") ? file + 2 : file);
      if (cs_file_exists(joined)) {
        char *shown = cs_path_relative(joined, cwd);
        cs_buf_puts(&b, shown);
        free(shown);
        p += file_len;
        n -= file_len;
      }
      free(joined);
      free(file);
    }
    cs_buf_append(&b, p, n);
    p += n;
    if (*p == '\n')
      cs_buf_putc(&b, *p++);
  }
  free(cwd);
  return cs_buf_take(&b);
}
