/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cs_json_init(void) { json_set_alloc_funcs(cs_xmalloc, free); }

enum { PARSE_FLAGS = JSON_DECODE_ANY | JSON_ALLOW_NUL };

static bool syntax_error(cs_error *err, int line, int column, const char *what) {
  return cs_fail(err, "invalid JSON at line %d, column %d: %s", line, column, what);
}

json_t *cs_json_parse(const char *text, size_t len, cs_error *err) {
  json_error_t e;
  json_t *v = json_loadb(text, len, PARSE_FLAGS, &e);
  if (!v)
    syntax_error(err, e.line, e.column, e.text);
  return v;
}

void cs_json_stream_init(cs_json_stream *s, const char *text, size_t len) {
  *s = (cs_json_stream){.text = text, .len = len, .line = 1};
}

/* Moves s->pos over n bytes, counting lines. */
static void advance(cs_json_stream *s, size_t n) {
  for (size_t end = s->pos + n; s->pos < end; s->pos++)
    if (s->text[s->pos] == '\n')
      s->line++;
}

bool cs_json_stream_next(cs_json_stream *s, json_t **out, cs_error *err) {
  *out = NULL;
  size_t blank = 0;
  while (s->pos + blank < s->len && s->text[s->pos + blank] &&
         strchr(" \t\r\n", s->text[s->pos + blank]))
    blank++;
  advance(s, blank);
  if (s->pos >= s->len)
    return true;
  /* jansson stops after the value and says how far it read. */
  json_error_t e;
  json_t *v =
      json_loadb(s->text + s->pos, s->len - s->pos, PARSE_FLAGS | JSON_DISABLE_EOF_CHECK, &e);
  if (!v) {
    size_t line_start = s->pos;
    while (line_start > 0 && s->text[line_start - 1] != '\n')
      line_start--;
    int column = e.line == 1 ? (int)(s->pos - line_start) + e.column : e.column;
    return syntax_error(err, (int)s->line + e.line - 1, column, e.text);
  }
  advance(s, (size_t)e.position);
  *out = v;
  return true;
}

const char *cs_json_get_string(const json_t *obj, const char *key) {
  return json_string_value(json_object_get(obj, key));
}

json_t *cs_json_get_array(const json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_array(v) ? v : NULL;
}

bool cs_json_get_int(const json_t *obj, const char *key, long *out) {
  const double limit = 1e15;
  const json_t *v = json_object_get(obj, key);
  double d;
  if (json_is_integer(v))
    d = (double)json_integer_value(v);
  else if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)))
    d = json_real_value(v);
  else
    return false;
  if (fabs(d) > limit)
    return false;
  *out = json_is_integer(v) ? (long)json_integer_value(v) : (long)d;
  return true;
}

void cs_json_get_strings(const json_t *obj, const char *key, cs_strlist *list) {
  size_t i;
  json_t *item;
  json_array_foreach (cs_json_get_array(obj, key), i, item) {
    if (json_is_string(item))
      cs_strlist_push(list, json_string_value(item));
  }
}

/* The length of the valid UTF-8 sequence at p (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_sequence(const unsigned char *p) {
  unsigned c = p[0], cp, min;
  size_t n;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    n = 3, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) /* also stops at the NUL */
      return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

json_t *cs_json_string(const char *s) {
  json_t *v = json_string(s);
  if (v)
    return v;
  cs_buf b = {0};
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    size_t n = utf8_sequence(p);
    if (n) {
      cs_buf_append(&b, (const char *)p, n);
      p += n;
    } else {
      cs_buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFD */
      p++;
    }
  }
  v = json_string(b.data ? b.data : "");
  cs_buf_free(&b);
  return v;
}

static int append(const char *text, size_t size, void *data) {
  cs_buf_append(data, text, size);
  return 0;
}

/* A string, number, true, false or null, as jansson spells it. */
static void write_scalar(const json_t *v, cs_buf *out) {
  json_dump_callback(v, append, out, JSON_ENCODE_ANY);
}

void cs_json_write_string(const char *s, cs_buf *out) {
  json_t *v = cs_json_string(s);
  write_scalar(v, out);
  json_decref(v);
}

static bool is_container(const json_t *v) { return json_is_array(v) || json_is_object(v); }

static bool fits_one_line(const json_t *v) {
  size_t i;
  const char *key;
  json_t *child;
  json_array_foreach (v, i, child) {
    if (is_container(child))
      return false;
  }
  json_object_foreach ((json_t *)v, key, child) {
    if (is_container(child))
      return false;
  }
  return true;
}

static void write_value(const json_t *v, int depth, cs_buf *out);

/* Before the i-th member: on the same line, or on a line of its own. */
static void separate(size_t i, bool one_line, bool object, int depth, cs_buf *out) {
  if (one_line) {
    cs_buf_puts(out, i ? ", " : (object ? " " : ""));
    return;
  }
  cs_buf_puts(out, i ? ",\n" : "\n");
  for (int d = 0; d <= depth; d++)
    cs_buf_puts(out, "  ");
}

static void write_container(const json_t *v, int depth, cs_buf *out) {
  bool object = json_is_object(v);
  size_t n = object ? json_object_size(v) : json_array_size(v);
  if (n == 0) {
    cs_buf_puts(out, object ? "{}" : "[]");
    return;
  }
  bool one_line = fits_one_line(v);
  cs_buf_puts(out, object ? "{" : "[");
  const char *key;
  size_t key_len, i = 0;
  json_t *child;
  if (object) {
    json_object_keylen_foreach((json_t *)v, key, key_len, child) {
      separate(i++, one_line, true, depth, out);
      /* A key is valid UTF-8 (jansson checks it) and may hold a NUL. */
      json_t *name = json_stringn_nocheck(key, key_len);
      write_scalar(name, out);
      json_decref(name);
      cs_buf_puts(out, ": ");
      write_value(child, depth + 1, out);
    }
  } else {
    json_array_foreach (v, i, child) {
      separate(i, one_line, false, depth, out);
      write_value(child, depth + 1, out);
    }
  }
  if (one_line) {
    cs_buf_puts(out, object ? " }" : "]");
    return;
  }
  cs_buf_putc(out, '\n');
  for (int d = 0; d < depth; d++)
    cs_buf_puts(out, "  ");
  cs_buf_puts(out, object ? "}" : "]");
}

static void write_value(const json_t *v, int depth, cs_buf *out) {
  if (is_container(v))
    write_container(v, depth, out);
  else
    write_scalar(v, out);
}

void cs_json_write(const json_t *v, cs_buf *out) {
  write_value(v, 0, out);
  cs_buf_putc(out, '\n');
}
