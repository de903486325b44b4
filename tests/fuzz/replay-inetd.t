#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-inetd.t: the fuzz corpus of the inetd.conf reader (-inetd_compat),
# replayed by replay-corpus (see there).
exec "${BASH:-bash}" "$(dirname "$0")/replay-corpus" inetd
