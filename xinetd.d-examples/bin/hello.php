<?php
// The connection is this program's stdin and stdout.
echo "HELLO\n";
