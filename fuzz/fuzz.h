/*
 * fuzz.h: what the fuzz targets share (fuzz.c): the input as a file for the
 * lib/ functions that read a path, a database with a few groups, people
 * and sessions for the imports to find, and checks of what lib/ promises.
 */
#ifndef CIRCLE_FUZZ_H
#define CIRCLE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "circle-priv.h"

/* libFuzzer's entry points; replay.c calls the same ones. */
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int		 LLVMFuzzerInitialize(int *, char ***);

/* The input as a file, for the lib/ functions that read a path. */
const char	*fuzz_file(const uint8_t *, size_t);
/* The seeded database, made on first use and kept open. */
struct circle_db *fuzz_db(void);
/* Abort unless a lib/ call kept its promises (see fuzz.c). */
void		 fuzz_check(int, const struct circle_err *, const char *);

#endif
