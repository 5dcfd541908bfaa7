#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { JSON_MAX_DEPTH = 256 };

void json_parser_init(json_parser *p, const char *text, size_t len) {
  p->text = text;
  p->len = len;
  p->pos = 0;
}

static json_value *new_value(json_kind kind) {
  json_value *v = cs_xcalloc(1, sizeof *v);
  v->kind = kind;
  return v;
}

void json_free(json_value *v) {
  if (!v)
    return;
  free(v->string);
  for (size_t i = 0; v->kind == JSON_ARRAY && i < v->len; i++)
    json_free(v->items[i]);
  for (size_t i = 0; v->kind == JSON_OBJECT && i < v->len; i++) {
    free(v->members[i].key);
    json_free(v->members[i].value);
  }
  free(v->items);
  free(v->members);
  free(v);
}

static void skip_space(json_parser *p) {
  while (p->pos < p->len) {
    char c = p->text[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    p->pos++;
  }
}

static bool syntax_error(json_parser *p, cs_error *err, const char *what) {
  size_t line = 1;
  for (size_t i = 0; i < p->pos && i < p->len; i++)
    if (p->text[i] == '\n')
      line++;
  return cs_fail(err, "invalid JSON at line %zu: %s", line, what);
}

static bool parse_value(json_parser *p, json_value **out, int depth, cs_error *err);

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static bool parse_hex4(json_parser *p, unsigned *out) {
  if (p->pos + 4 > p->len)
    return false;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    int d = hex_digit(p->text[p->pos + (size_t)i]);
    if (d < 0)
      return false;
    v = v * 16 + (unsigned)d;
  }
  p->pos += 4;
  *out = v;
  return true;
}

static void put_utf8(cs_buf *b, unsigned cp) {
  char s[4];
  size_t n;
  if (cp < 0x80) {
    s[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    s[0] = (char)(0xC0 | (cp >> 6));
    s[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    s[0] = (char)(0xE0 | (cp >> 12));
    s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    s[0] = (char)(0xF0 | (cp >> 18));
    s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  cs_buf_append(b, s, n);
}

/* After a backslash-u: reads one code point, joining surrogate pairs. */
static bool parse_unicode_escape(json_parser *p, cs_buf *b) {
  unsigned cp;
  if (!parse_hex4(p, &cp))
    return false;
  if (cp >= 0xD800 && cp < 0xDC00 && p->pos + 2 <= p->len && p->text[p->pos] == '\\' &&
      p->text[p->pos + 1] == 'u') {
    size_t save = p->pos;
    p->pos += 2;
    unsigned lo;
    if (parse_hex4(p, &lo) && lo >= 0xDC00 && lo < 0xE000)
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    else
      p->pos = save;
  }
  if (cp >= 0xD800 && cp < 0xE000)
    cp = 0xFFFD; /* a lone surrogate */
  put_utf8(b, cp);
  return true;
}

static bool parse_string_raw(json_parser *p, char **out, cs_error *err) {
  p->pos++; /* opening quote */
  cs_buf b = {0};
  while (p->pos < p->len) {
    char c = p->text[p->pos++];
    if (c == '"') {
      *out = cs_buf_take(&b);
      return true;
    }
    if ((unsigned char)c < 0x20)
      break;
    if (c != '\\') {
      cs_buf_putc(&b, c);
      continue;
    }
    if (p->pos >= p->len)
      break;
    char e = p->text[p->pos++];
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e && simple) {
      static const char decoded[] = "\"\\/\b\f\n\r\t";
      cs_buf_putc(&b, decoded[simple - "\"\\/bfnrt"]);
    } else if (e != 'u' || !parse_unicode_escape(p, &b)) {
      cs_buf_free(&b);
      return syntax_error(p, err, "bad escape in string");
    }
  }
  cs_buf_free(&b);
  return syntax_error(p, err, "unterminated string");
}

static bool parse_number(json_parser *p, json_value **out, cs_error *err) {
  size_t start = p->pos;
  if (p->text[p->pos] == '-')
    p->pos++;
  size_t digits = p->pos;
  while (p->pos < p->len && strchr("0123456789", p->text[p->pos]) && p->text[p->pos])
    p->pos++;
  if (p->pos == digits)
    return syntax_error(p, err, "bad number");
  while (p->pos < p->len && p->text[p->pos] && strchr("0123456789.eE+-", p->text[p->pos]))
    p->pos++;
  char *copy = cs_xstrndup(p->text + start, p->pos - start);
  char *end;
  double d = strtod(copy, &end);
  bool ok = *end == '\0';
  free(copy);
  if (!ok)
    return syntax_error(p, err, "bad number");
  *out = new_value(JSON_NUMBER);
  (*out)->number = d;
  return true;
}

static bool parse_literal(json_parser *p, json_value **out, cs_error *err) {
  static const struct {
    const char *word;
    json_kind kind;
    bool value;
  } words[] = {{"null", JSON_NULL, false}, {"true", JSON_BOOL, true}, {"false", JSON_BOOL, false}};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    size_t n = strlen(words[i].word);
    if (p->len - p->pos >= n && memcmp(p->text + p->pos, words[i].word, n) == 0) {
      p->pos += n;
      *out = new_value(words[i].kind);
      (*out)->boolean = words[i].value;
      return true;
    }
  }
  return syntax_error(p, err, "unexpected character");
}

static bool parse_array(json_parser *p, json_value **out, int depth, cs_error *err) {
  p->pos++; /* [ */
  json_value *arr = json_new_array();
  skip_space(p);
  if (p->pos < p->len && p->text[p->pos] == ']') {
    p->pos++;
    *out = arr;
    return true;
  }
  for (;;) {
    json_value *item;
    if (!parse_value(p, &item, depth + 1, err)) {
      json_free(arr);
      return false;
    }
    json_array_add(arr, item);
    skip_space(p);
    if (p->pos < p->len && p->text[p->pos] == ',') {
      p->pos++;
      continue;
    }
    if (p->pos < p->len && p->text[p->pos] == ']') {
      p->pos++;
      *out = arr;
      return true;
    }
    json_free(arr);
    return syntax_error(p, err, "expected ',' or ']'");
  }
}

static bool parse_member(json_parser *p, json_value *obj, int depth, cs_error *err) {
  skip_space(p);
  if (p->pos >= p->len || p->text[p->pos] != '"')
    return syntax_error(p, err, "expected a member name");
  char *key;
  if (!parse_string_raw(p, &key, err))
    return false;
  skip_space(p);
  if (p->pos >= p->len || p->text[p->pos] != ':') {
    free(key);
    return syntax_error(p, err, "expected ':'");
  }
  p->pos++;
  json_value *value;
  if (!parse_value(p, &value, depth + 1, err)) {
    free(key);
    return false;
  }
  json_object_add(obj, key, value);
  free(key);
  return true;
}

static bool parse_object(json_parser *p, json_value **out, int depth, cs_error *err) {
  p->pos++; /* { */
  json_value *obj = json_new_object();
  skip_space(p);
  if (p->pos < p->len && p->text[p->pos] == '}') {
    p->pos++;
    *out = obj;
    return true;
  }
  for (;;) {
    if (!parse_member(p, obj, depth, err)) {
      json_free(obj);
      return false;
    }
    skip_space(p);
    if (p->pos < p->len && p->text[p->pos] == ',') {
      p->pos++;
      continue;
    }
    if (p->pos < p->len && p->text[p->pos] == '}') {
      p->pos++;
      *out = obj;
      return true;
    }
    json_free(obj);
    return syntax_error(p, err, "expected ',' or '}'");
  }
}

static bool parse_value(json_parser *p, json_value **out, int depth, cs_error *err) {
  if (depth > JSON_MAX_DEPTH)
    return syntax_error(p, err, "nested too deeply");
  skip_space(p);
  if (p->pos >= p->len)
    return syntax_error(p, err, "unexpected end of input");
  char c = p->text[p->pos];
  if (c == '{')
    return parse_object(p, out, depth, err);
  if (c == '[')
    return parse_array(p, out, depth, err);
  if (c == '"') {
    char *s;
    if (!parse_string_raw(p, &s, err))
      return false;
    *out = new_value(JSON_STRING);
    (*out)->string = s;
    return true;
  }
  if (c == '-' || (c >= '0' && c <= '9'))
    return parse_number(p, out, err);
  return parse_literal(p, out, err);
}

bool json_parse_next(json_parser *p, json_value **out, cs_error *err) {
  *out = NULL;
  skip_space(p);
  if (p->pos >= p->len)
    return true;
  return parse_value(p, out, 0, err);
}

json_value *json_parse(const char *text, size_t len, cs_error *err) {
  json_parser p;
  json_parser_init(&p, text, len);
  json_value *v;
  if (!json_parse_next(&p, &v, err))
    return NULL;
  if (!v) {
    cs_fail(err, "invalid JSON: empty input");
    return NULL;
  }
  skip_space(&p);
  if (p.pos != p.len) {
    json_free(v);
    syntax_error(&p, err, "text after the value");
    return NULL;
  }
  return v;
}

json_value *json_get(const json_value *object, const char *key) {
  if (!object || object->kind != JSON_OBJECT)
    return NULL;
  /* The last duplicate wins, as in most readers. */
  for (size_t i = object->len; i-- > 0;)
    if (strcmp(object->members[i].key, key) == 0)
      return object->members[i].value;
  return NULL;
}

const char *json_get_string(const json_value *object, const char *key) {
  json_value *v = json_get(object, key);
  return v && v->kind == JSON_STRING ? v->string : NULL;
}

json_value *json_get_array(const json_value *object, const char *key) {
  json_value *v = json_get(object, key);
  return v && v->kind == JSON_ARRAY ? v : NULL;
}

bool json_get_int(const json_value *object, const char *key, long *out) {
  json_value *v = json_get(object, key);
  if (!v || v->kind != JSON_NUMBER || v->number != floor(v->number) || fabs(v->number) > 1e15)
    return false;
  *out = (long)v->number;
  return true;
}

void json_get_strings(const json_value *object, const char *key, cs_strlist *list) {
  json_value *arr = json_get_array(object, key);
  for (size_t i = 0; arr && i < arr->len; i++)
    if (arr->items[i]->kind == JSON_STRING)
      cs_strlist_push(list, arr->items[i]->string);
}

json_value *json_new_object(void) { return new_value(JSON_OBJECT); }

json_value *json_new_array(void) { return new_value(JSON_ARRAY); }

json_value *json_new_string(const char *s) {
  json_value *v = new_value(JSON_STRING);
  v->string = cs_xstrdup(s);
  return v;
}

json_value *json_new_int(long n) {
  json_value *v = new_value(JSON_NUMBER);
  v->number = (double)n;
  return v;
}

void json_object_add(json_value *object, const char *key, json_value *value) {
  object->members = cs_xrealloc(object->members, (object->len + 1) * sizeof *object->members);
  object->members[object->len].key = cs_xstrdup(key);
  object->members[object->len].value = value;
  object->len++;
}

void json_array_add(json_value *array, json_value *value) {
  array->items = cs_xrealloc(array->items, (array->len + 1) * sizeof *array->items);
  array->items[array->len++] = value;
}

void json_write_string(const char *s, cs_buf *out) {
  cs_buf_putc(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': cs_buf_puts(out, "\\\""); break;
    case '\\': cs_buf_puts(out, "\\\\"); break;
    case '\n': cs_buf_puts(out, "\\n"); break;
    case '\r': cs_buf_puts(out, "\\r"); break;
    case '\t': cs_buf_puts(out, "\\t"); break;
    default:
      if (*p < 0x20)
        cs_buf_printf(out, "\\u%04x", *p);
      else
        cs_buf_putc(out, (char)*p);
    }
  }
  cs_buf_putc(out, '"');
}

static bool is_container(const json_value *v) {
  return v->kind == JSON_ARRAY || v->kind == JSON_OBJECT;
}

static bool fits_one_line(const json_value *v) {
  for (size_t i = 0; i < v->len; i++) {
    const json_value *child = v->kind == JSON_ARRAY ? v->items[i] : v->members[i].value;
    if (is_container(child))
      return false;
  }
  return true;
}

static void write_indent(cs_buf *out, int depth) {
  for (int i = 0; i < depth; i++)
    cs_buf_puts(out, "  ");
}

static void write_value(const json_value *v, int depth, cs_buf *out);

static void write_container(const json_value *v, int depth, cs_buf *out) {
  bool object = v->kind == JSON_OBJECT;
  if (v->len == 0) {
    cs_buf_puts(out, object ? "{}" : "[]");
    return;
  }
  bool inline_ = fits_one_line(v);
  cs_buf_puts(out, object ? "{" : "[");
  for (size_t i = 0; i < v->len; i++) {
    if (inline_) {
      cs_buf_puts(out, i ? ", " : (object ? " " : ""));
    } else {
      cs_buf_puts(out, i ? ",\n" : "\n");
      write_indent(out, depth + 1);
    }
    if (object) {
      json_write_string(v->members[i].key, out);
      cs_buf_puts(out, ": ");
      write_value(v->members[i].value, depth + 1, out);
    } else {
      write_value(v->items[i], depth + 1, out);
    }
  }
  if (inline_) {
    cs_buf_puts(out, object ? " }" : "]");
  } else {
    cs_buf_putc(out, '\n');
    write_indent(out, depth);
    cs_buf_puts(out, object ? "}" : "]");
  }
}

static void write_value(const json_value *v, int depth, cs_buf *out) {
  switch (v->kind) {
  case JSON_NULL: cs_buf_puts(out, "null"); break;
  case JSON_BOOL: cs_buf_puts(out, v->boolean ? "true" : "false"); break;
  case JSON_NUMBER:
    if (!isfinite(v->number)) /* 1e999 parses to inf; JSON has no spelling for it */
      cs_buf_puts(out, "null");
    else if (v->number == floor(v->number) && fabs(v->number) < 1e15)
      cs_buf_printf(out, "%lld", (long long)v->number);
    else
      cs_buf_printf(out, "%.17g", v->number);
    break;
  case JSON_STRING: json_write_string(v->string, out); break;
  case JSON_ARRAY:
  case JSON_OBJECT: write_container(v, depth, out); break;
  }
}

void json_write(const json_value *v, cs_buf *out) {
  write_value(v, 0, out);
  cs_buf_putc(out, '\n');
}
