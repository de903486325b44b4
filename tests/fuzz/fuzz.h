/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz.h: the libFuzzer entry point, shared by the fuzz targets and the
 * plain replay driver (replay.c) that "make check" uses without clang, and
 * the helpers of fuzz-common.c that every target links.
 */
#ifndef XINETD_FUZZ_H
#define XINETD_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct conf_set;

/* Results are added here so the compiler cannot drop the reads. */
extern volatile size_t fuzz_sink;

/* XT_FUZZ_VERBOSE=1: targets print what they saw on stderr. */
bool fuzz_verbose(void);

/* "fuzz: what: strerror(errno)" on stderr, then abort(). */
void fuzz_die(const char *what) __attribute__((noreturn));

/*
 * An invariant does not hold: "fuzz-NAME: message" on stderr, then
 * abort(), so libFuzzer keeps the input (and the replay fails).
 */
void fuzz_fail(const char *target, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* malloc that aborts, for exact-size copies ASan can check. */
void *fuzz_alloc(size_t n);
/* A NUL-terminated copy of n bytes in a buffer of exactly n + 1 bytes. */
char *fuzz_strndup(const uint8_t *data, size_t n);

/*
 * A memfd and its /proc/self/fd/N path, so a reader opens the input by
 * name without touching the disk; fuzz_memfd_put replaces its contents.
 */
int fuzz_memfd(const char *name, char *path, size_t pathlen);
void fuzz_memfd_put(int fd, const void *data, size_t len);

/*
 * The configuration readers (fuzz-conf, fuzz-inetd): conf_load with every
 * diagnostic read and discarded (printed with XT_FUZZ_VERBOSE=1); aborts
 * if the file cannot be opened at all.
 */
struct conf_set *fuzz_conf_load(const char *path, const char *inetd_conf);
/* What the daemon does with each kept service: build the server's argv. */
void fuzz_conf_use(const struct conf_set *cs);
/*
 * dump.h's promise: the kept services, dumped, load back (as xinetd.conf)
 * without an error into the same dump. Aborts with both dumps otherwise.
 */
void fuzz_conf_round_trip(const struct conf_set *cs, const char *target);

#endif
