#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-conf.t: the fuzz corpus of the configuration reader (conf_load),
# replayed by replay-corpus (see there).
exec "${BASH:-bash}" "$(dirname "$0")/replay-corpus" conf
