#define _GNU_SOURCE
#include "proc.h"

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
  char **env = cb_xcalloc(n + m + 1, sizeof *env);
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

/* In the child: never returns. Reports an exec failure's errno on errfd. */
static void exec_child(const cb_command *cmd, char **env, int out_fd, int err_fd, int report_fd) {
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0)
    dup2(devnull, STDIN_FILENO);
  if (cmd->cwd && chdir(cmd->cwd) != 0) {
    int e = errno;
    (void)!write(report_fd, &e, sizeof e);
    _exit(127);
  }
  environ = env;
  execvp(cmd->argv[0], (char *const *)cmd->argv);
  int e = errno;
  (void)!write(report_fd, &e, sizeof e);
  _exit(127);
}

static void drain(int out_fd, int err_fd, cb_buf *out, cb_buf *errb) {
  struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  cb_buf *bufs[2] = {out, errb};
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
        cb_buf_append(bufs[i], chunk, (size_t)n);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_fds--;
      }
    }
  }
}

bool cb_run(const cb_command *cmd, cb_proc_result *res, cb_error *err) {
  memset(res, 0, sizeof *res);
  int out_pipe[2], err_pipe[2], report[2];
  if (pipe(out_pipe) != 0)
    return cb_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(errno));
  if (pipe(err_pipe) != 0 || pipe2(report, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return cb_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(errno));
  }
  char **env = merged_environment(cmd->env);
  pid_t pid = fork();
  if (pid == 0)
    exec_child(cmd, env, out_pipe[1], err_pipe[1], report[1]);
  free(env);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(report[1]);
  if (pid < 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    close(report[0]);
    return cb_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(errno));
  }
  int child_errno = 0;
  ssize_t got = read(report[0], &child_errno, sizeof child_errno);
  close(report[0]);
  cb_buf out = {0}, errb = {0};
  drain(out_pipe[0], err_pipe[0], &out, &errb);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got == (ssize_t)sizeof child_errno) {
    cb_buf_free(&out);
    cb_buf_free(&errb);
    return cb_fail(err, "cannot run '%s': %s", cmd->argv[0], strerror(child_errno));
  }
  res->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  res->out_len = out.len;
  res->out = cb_buf_take(&out);
  res->err_text = cb_buf_take(&errb);
  return true;
}

void cb_proc_result_free(cb_proc_result *res) {
  free(res->out);
  free(res->err_text);
  res->out = res->err_text = NULL;
}

char *cb_first_line(const char *text) {
  const char *p = text;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
      p++;
    size_t n = strcspn(p, "\n");
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
      n--;
    if (n > 0)
      return cb_xstrndup(p, n);
    p += strcspn(p, "\n");
  }
  return cb_xstrdup("");
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
  if (cb_starts_with(line, "WORK=") || cb_starts_with(line, "In file included from"))
    return true;
  return line[n - 1] == ':';
}

/* The reason line at p (n bytes, trimmed), joined after a trailing ':' with
 * the tab-indented line go prints next ("\tgo get X"; gcc's source excerpts
 * are indented with spaces). */
static char *reason_line(const char *p, size_t n) {
  char *line = cb_xstrndup(p, n);
  const char *next = cb_next_line(p);
  if (n > 0 && p[n - 1] == ':' && *next) {
    size_t m = strcspn(next, "\n");
    size_t lead = strspn(next, "\t");
    if (lead > 0 && lead < m) {
      char *joined = cb_xasprintf("%s %.*s", line, (int)(m - lead), next + lead);
      free(line);
      line = joined;
    }
  }
  return line;
}

/* Collects the lines of text of one kind: 0 reasons, 1 positioned warnings
 * and notes, 2 any line that is not a header. */
static void collect_reasons(const char *text, int kind, cb_strlist *out) {
  for (const char *p = text; *p; p = cb_next_line(p)) {
    size_t n = strcspn(p, "\n");
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
      n--;
    const char *message = after_position(p, n);
    bool minor = message && (cb_starts_with(message, "warning:") || cb_starts_with(message, "note:"));
    bool take = false;
    if (kind == 0)
      take = message && !minor && !cb_starts_with(message, "In function");
    else if (kind == 1)
      take = message && minor;
    else
      take = !is_header(p, n);
    if (take) {
      char *line = reason_line(p, n);
      if (!cb_strlist_contains(out, line))
        cb_strlist_push(out, line);
      free(line);
    }
  }
}

char *cb_tool_reason(const char *text) {
  enum { MAX_LINES = 8 };
  cb_strlist lines = {0};
  for (int kind = 0; kind < 3 && lines.len == 0; kind++)
    collect_reasons(text, kind, &lines);
  cb_buf b = {0};
  for (size_t i = 0; i < lines.len && i < MAX_LINES; i++)
    cb_buf_printf(&b, "%s%s", i ? "\n    " : "", lines.items[i]);
  if (lines.len > MAX_LINES)
    cb_buf_printf(&b, "\n    (%zu more)", lines.len - MAX_LINES);
  cb_strlist_free(&lines);
  return cb_buf_take(&b);
}

char *cb_reason_from(const char *reason, const char *dir) {
  char *cwd = getcwd(NULL, 0);
  cb_buf b = {0};
  for (const char *p = reason; *p;) {
    size_t indent = strspn(p, " ");
    cb_buf_append(&b, p, indent);
    p += indent;
    size_t n = strcspn(p, "\n");
    size_t file_len = strcspn(p, ": \t\n");
    if (cwd && p[file_len] == ':' && after_position(p, n)) {
      char *file = cb_xstrndup(p, file_len);
      char *joined = cb_path_join(dir, cb_starts_with(file, "./") ? file + 2 : file);
      if (cb_file_exists(joined)) {
        char *shown = cb_path_relative(joined, cwd);
        cb_buf_puts(&b, shown);
        free(shown);
        p += file_len;
        n -= file_len;
      }
      free(joined);
      free(file);
    }
    cb_buf_append(&b, p, n);
    p += n;
    if (*p == '\n')
      cb_buf_putc(&b, *p++);
  }
  free(cwd);
  return cb_buf_take(&b);
}
