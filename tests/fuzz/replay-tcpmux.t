#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-tcpmux.t: the fuzz corpus of the tcpmux request line,
# replayed by replay-corpus (see there).
exec "${BASH:-bash}" "$(dirname "$0")/replay-corpus" tcpmux
