// Reduced from the Go side's real-world run (docs/realworld.md): two library
// calls that the shape rules misread, and that the shipped models describe.
package main

/*
#include <stdlib.h>

typedef struct MDB_env { int fd; } MDB_env;
typedef unsigned int MDB_dbi;
typedef int (*pem_password_cb)(char *buf, int size, int rwflag, void *u);

static MDB_env *mdb_env_create_(void) { return calloc(1, sizeof(MDB_env)); }
// lmdb: closes the database handle (an integer); the environment stays open.
static void mdb_dbi_close(MDB_env *env, MDB_dbi dbi) { (void)env; (void)dbi; }
static void mdb_env_close(MDB_env *env) { free(env); }
// OpenSSL: u goes to the pass phrase callback during the call only.
static void *PEM_read_bio_PrivateKey(void *bio, void **x, pem_password_cb cb, void *u) {
	(void)bio; (void)x; (void)cb; (void)u;
	return NULL;
}
*/
import "C"

import "unsafe"

// lmdb-go's Env.CloseDBI, then Env.Close: mdb_dbi_close is no destructor of
// its first argument.
func closeDBI() {
	env := C.mdb_env_create_()
	C.mdb_dbi_close(env, 1)
	C.mdb_env_close(env)
}

// mendersoftware/openssl's LoadPrivateKeyFromPEMWithPassword.
func readKey(password string) {
	cs := C.CString(password)
	defer C.free(unsafe.Pointer(cs))
	C.PEM_read_bio_PrivateKey(nil, nil, nil, unsafe.Pointer(cs))
}

func main() {
	closeDBI()
	readKey("secret")
}
