/* Compiled as C11 with -pedantic -Werror by checker-index.test: both shared
 * headers are plain C. Run, it checks the conventions of Checkers.def that
 * the compiler cannot: NAME is "cgo." ID, RULE is NAME, PAGE is ID ".md",
 * TIDY is "cgo-" and ID in kebab case, no ID twice. Prints one line per
 * violation and exits 1 if there is any. */
#include "cgo-lifetime/Schema.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

_Static_assert(CGO_MANIFEST_VERSION >= 1, "the schema version is a positive integer");

struct entry {
  const char *id, *name, *rule, *page, *side, *tidy;
};

static const struct entry entries[] = {
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, TITLE, HELP, DESCRIPTION, FIX)                   \
  {#ID, NAME, RULE, PAGE, "C", TIDY},
#define CGO_GO_CHECKER(ID, NAME, RULE, PAGE, TITLE, HELP, DESCRIPTION, FIX)                        \
  {#ID, NAME, RULE, PAGE, "GO", NULL},
#include "cgo-lifetime/Checkers.def"
};

static int violations;

static void expect(const struct entry *e, const char *what, const char *got, const char *want) {
  if (strcmp(got, want) != 0) {
    printf("%s: %s is \"%s\", expected \"%s\"\n", e->id, what, got, want);
    violations++;
  }
}

/* "cgo-" and FreeWhileGoHolds as free-while-go-holds. */
static void kebab(const char *id, char *out, size_t size) {
  size_t n = (size_t)snprintf(out, size, "cgo-");
  for (const char *c = id; *c && n + 2 < size; c++) {
    if (isupper((unsigned char)*c) && c != id)
      out[n++] = '-';
    out[n++] = (char)tolower((unsigned char)*c);
  }
  out[n] = '\0';
}

int main(void) {
  size_t count = sizeof entries / sizeof entries[0];
  for (size_t i = 0; i < count; i++) {
    const struct entry *e = &entries[i];
    char want[256];
    snprintf(want, sizeof want, "cgo.%s", e->id);
    expect(e, "NAME", e->name, want);
    expect(e, "RULE", e->rule, e->name);
    snprintf(want, sizeof want, "%s.md", e->id);
    expect(e, "PAGE", e->page, want);
    if (e->tidy) {
      kebab(e->id, want, sizeof want);
      expect(e, "TIDY", e->tidy, want);
    }
    for (size_t j = 0; j < i; j++)
      if (strcmp(entries[j].id, e->id) == 0) {
        printf("%s: listed twice\n", e->id);
        violations++;
      }
  }
  printf("%zu checkers, %d violations\n", count, violations);
  return violations ? 1 : 0;
}
