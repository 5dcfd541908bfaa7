/* A small JSON reader and writer (RFC 8259), enough for `go list -json`, the
 * Go helper's output and the boundary manifest. Values form a tree; each
 * node owns its children, and json_free releases a whole tree. */
#ifndef CGO_BOUNDARY_JSON_H
#define CGO_BOUNDARY_JSON_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum json_kind {
  JSON_NULL,
  JSON_BOOL,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT
} json_kind;

typedef struct json_value json_value;

typedef struct json_member {
  char *key;
  json_value *value;
} json_member;

struct json_value {
  json_kind kind;
  bool boolean;
  double number;
  char *string;       /* JSON_STRING: NUL-terminated UTF-8 (embedded NULs cut it short) */
  json_value **items; /* JSON_ARRAY */
  json_member *members; /* JSON_OBJECT, in document order */
  size_t len;         /* items or members */
};

/* Reading. A parser walks a text holding zero or more values one after another
 * (whitespace between them), as `go list -json` prints them. */
typedef struct json_parser {
  const char *text;
  size_t len;
  size_t pos;
} json_parser;

void json_parser_init(json_parser *p, const char *text, size_t len);
/* Parses the next value into *out (caller frees). At the end of the text,
 * returns true with *out == NULL. On a syntax error returns false. */
bool json_parse_next(json_parser *p, json_value **out, cs_error *err);
/* Parses a text that holds exactly one value. */
json_value *json_parse(const char *text, size_t len, cs_error *err);
void json_free(json_value *v);

/* Lookups: NULL (or false) when absent or of another kind. */
json_value *json_get(const json_value *object, const char *key);
const char *json_get_string(const json_value *object, const char *key);
json_value *json_get_array(const json_value *object, const char *key);
bool json_get_int(const json_value *object, const char *key, long *out);
/* Appends the strings of array member `key` of object to list (others skipped). */
void json_get_strings(const json_value *object, const char *key, cs_strlist *list);

/* Building: each constructor returns a new node; adders take ownership. */
json_value *json_new_object(void);
json_value *json_new_array(void);
json_value *json_new_string(const char *s);
json_value *json_new_int(long n);
void json_object_add(json_value *object, const char *key, json_value *value);
void json_array_add(json_value *array, json_value *value);

/* Writing: 2-space indentation; an object or array whose members are all
 * scalars fits on one line (`{ "index": 1, "effect": "retain" }`), so that
 * outputs are short, stable and diffable. Ends with a newline. */
void json_write(const json_value *v, cs_buf *out);
/* Appends s as a JSON string literal (quoted, escaped). */
void json_write_string(const char *s, cs_buf *out);

#endif
