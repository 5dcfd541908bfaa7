package a

/*
typedef struct hdb { int rc; char msg[16]; } hdb;
static char *h_errmsg(hdb *db) { return db->msg; }
static int h_changes(hdb *db) { return db->rc; }
static int other_count(hdb *db) { return db->rc; }
*/
import "C"

// The next call of any h_* function may overwrite the message (a prefix in
// invalidated_by, as the shipped SQLite model's sqlite3_errmsg: "sqlite3_*").
func errmsgAfterCall(db *C.hdb) string {
	msg := C.h_errmsg(db)
	C.h_changes(db)
	return C.GoString(msg) // want `C memory msg \(from C.h_errmsg\) is used after C.h_changes invalidated it: copies it with C.GoString`
}

func errmsgCopied(db *C.hdb) string {
	s := C.GoString(C.h_errmsg(db)) // no-warning: copied before the next h_* call
	C.h_changes(db)
	return s
}

// other_count is not an h_* function.
func errmsgOtherCall(db *C.hdb) string {
	msg := C.h_errmsg(db)
	C.other_count(db)
	return C.GoString(msg) // no-warning
}
