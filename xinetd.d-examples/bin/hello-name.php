<?php
// SPDX-License-Identifier: ISC
// Copyright (c) 2026 The xinetd-ng authors
// One line in, one line out; a trailing CR (telnet) is dropped.
$line = fgets(STDIN);
if ($line === false) {
    $line = "";
}
echo "hello " . rtrim($line, "\r\n") . "\n";
