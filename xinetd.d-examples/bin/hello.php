<?php
// SPDX-License-Identifier: ISC
// Copyright (c) 2026 The xinetd-ng authors
// The connection is this program's stdin and stdout.
echo "HELLO\n";
