/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz.h: the libFuzzer entry point, shared by the fuzz targets and the
 * plain replay driver (replay.c) that "make check" uses without clang.
 */
#ifndef XINETD_FUZZ_H
#define XINETD_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
