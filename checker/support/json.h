/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* JSON for the C tools, through jansson (libjansson, Debian's libjansson-dev):
 * parsing with the error's line and column, a stream of values as `go list
 * -json` prints them, the lookups the tools need, strings that are always
 * valid UTF-8, and the writer of the tools' layout. Values are jansson's
 * json_t (reference counted: json_decref releases a tree); the json_* calls
 * of jansson are used directly beside these. */
#ifndef CGO_SUPPORT_JSON_H
#define CGO_SUPPORT_JSON_H

#include "util.h"

#include <jansson.h>

/* Makes jansson allocate with cs_xmalloc: running out of memory ends the
 * program with one message, and no jansson constructor returns NULL for want
 * of memory. Call at the start of main, before any other json call. */
void cs_json_init(void);

/* A text that holds exactly one value, of any kind. NULL, with err "invalid
 * JSON at line L, column C: WHAT", when it does not parse. */
json_t *cs_json_parse(const char *text, size_t len, cs_error *err);

/* A text holding zero or more values one after another, white space between
 * them, as `go list -json` prints them. */
typedef struct cs_json_stream {
  const char *text;
  size_t len;
  size_t pos;  /* where the next value starts */
  size_t line; /* the line of pos, from 1 */
} cs_json_stream;
void cs_json_stream_init(cs_json_stream *s, const char *text, size_t len);
/* The next value into *out (the caller json_decref's it); at the end of the
 * text true with *out NULL; false (err filled) when it does not parse. */
bool cs_json_stream_next(cs_json_stream *s, json_t **out, cs_error *err);

/* Members of an object: NULL (or false) when obj is no object, or the member
 * is absent or of another kind. */
const char *cs_json_get_string(const json_t *obj, const char *key);
json_t *cs_json_get_array(const json_t *obj, const char *key);
/* An integer, or a real without a fraction, within +-1e15. */
bool cs_json_get_int(const json_t *obj, const char *key, long *out);
/* Appends the strings of array member key (others skipped) to list. */
void cs_json_get_strings(const json_t *obj, const char *key, cs_strlist *list);

/* A new string value; a byte that is not valid UTF-8 becomes U+FFFD, as in
 * Go's and LLVM's JSON. Never NULL. */
json_t *cs_json_string(const char *s);

/* The tools' layout: 2-space indentation; an object or array whose members
 * are all scalars fits on one line (`{ "index": 1, "effect": "retain" }`,
 * `["a", "b"]`), so that outputs are short, stable and diffable; members in
 * insertion order. Ends with a newline. */
void cs_json_write(const json_t *v, cs_buf *out);
/* Appends s as a JSON string literal (quoted and escaped). */
void cs_json_write_string(const char *s, cs_buf *out);

#endif
