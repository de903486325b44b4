#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-addr.t: the fuzz corpus of the address lists (only_from, no_access),
# replayed by replay-corpus (see there).
exec "${BASH:-bash}" "$(dirname "$0")/replay-corpus" addr
