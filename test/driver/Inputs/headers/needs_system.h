/* Needs <stdint.h> and <stdlib.h>, which the preamble includes before it: it
 * does not compile alone, so cgo-lifetime analyses it a second time after the
 * preambles' system includes. */
extern void GoUse(char *p);

void drop_bytes(uint8_t *b) {
	free(b);
	GoUse((char *)b);
}
