//! Files the program writes: backups, exports and reports never land on the database or its
//! sidecars, never replace a file unasked, never leave half a file or a world-readable copy.
