#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-ident.t: the fuzz corpus of the RFC 1413 ident reply parser,
# replayed by replay-corpus (see there).
exec "${BASH:-bash}" "$(dirname "$0")/replay-corpus" ident
