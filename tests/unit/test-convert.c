/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-convert.c: --convert-inetd (src/conf/convert.c), table-driven: an
 * inetd.conf text, the entries written for it, the "FILE:LINE: reason"
 * lines for what was not converted and the exit status; then -o DIR
 * (one file per id, never overwritten) and the command line.
 */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf/convert.h"

struct convert_case {
	const char *name;
	const char *daemon_dir;
	const char *in;
	const char *out;	/* stdout, exactly */
	const char *err;	/* stderr, exactly */
	int status;		/* the exit status it means */
};

/* Entries that several cases expect, after their "# FILE:LINE:" line. */
#define CAT_ENTRY \
	"service cat\n" \
	"{\n" \
	"\tsocket_type\t= stream\n" \
	"\tprotocol\t= tcp\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= nobody\n" \
	"\tgroups\t\t= yes\n" \
	"\tserver\t\t= /bin/cat\n" \
	"\tdisable\t\t= no\n" \
	"}\n"
#define ECHO_STREAM_ENTRY \
	"service echo\n" \
	"{\n" \
	"\tid\t\t= echo-stream\n" \
	"\ttype\t\t= INTERNAL\n" \
	"\tsocket_type\t= stream\n" \
	"\tprotocol\t= tcp\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= root\n" \
	"\tdisable\t\t= no\n" \
	"}\n"
#define ECHO_DGRAM_ENTRY \
	"service echo\n" \
	"{\n" \
	"\tid\t\t= echo-dgram\n" \
	"\ttype\t\t= INTERNAL\n" \
	"\tsocket_type\t= dgram\n" \
	"\tprotocol\t= udp\n" \
	"\twait\t\t= yes\n" \
	"\tuser\t\t= root\n" \
	"\tdisable\t\t= no\n" \
	"}\n"

static const struct convert_case cases[] = {
	{ "empty", NULL,
	    "",
	    "",
	    "", 0 },
	{ "comments", NULL,
	    "# inetd.conf\n"
	    "\n"
	    "   \n"
	    "#:STANDARD: These are standard services.\n"
	    "\t# indented\n"
	    "#discard stream tcp nowait root internal\n",
	    "",
	    "", 0 },
	{ "argv0", NULL,
	    "daytime\tstream\ttcp\tnowait\tnobody\t/bin/date\tdate -u\n",
	    "# inetd.conf:1: daytime\tstream\ttcp\tnowait\tnobody\t/bin/date\tdate -u\n"
	    "service daytime\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/date\n"
	    "\tserver_args\t= -u\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "argv0-only", NULL,
	    "cat stream tcp nowait nobody /bin/cat cat\n",
	    "# inetd.conf:1: cat stream tcp nowait nobody /bin/cat cat\n"
	    CAT_ENTRY,
	    "", 0 },
	{ "no-args", NULL,
	    "cat stream tcp nowait nobody /bin/cat\n",
	    "# inetd.conf:1: cat stream tcp nowait nobody /bin/cat\n"
	    CAT_ENTRY,
	    "", 0 },
	{ "nameinargs", NULL,
	    "cat stream tcp nowait nobody /bin/cat kitty -n\n",
	    "# inetd.conf:1: cat stream tcp nowait nobody /bin/cat kitty -n\n"
	    "service cat\n"
	    "{\n"
	    "\tflags\t\t= NAMEINARGS\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tserver_args\t= kitty -n\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "off", NULL,
	    "#<off># daytime stream tcp nowait nobody /bin/date date\n"
	    "#<off>#\tfinger stream tcp nowait nobody /usr/sbin/in.fingerd in.fingerd\n",
	    "# inetd.conf:1: #<off># daytime stream tcp nowait nobody /bin/date date\n"
	    "service daytime\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/date\n"
	    "\tdisable\t\t= yes\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: #<off>#\tfinger stream tcp nowait nobody /usr/sbin/in.fingerd in.fingerd\n"
	    "service finger\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/in.fingerd\n"
	    "\tdisable\t\t= yes\n"
	    "}\n",
	    "", 0 },
	{ "bind", NULL,
	    "127.0.0.1:ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "*:cat stream tcp nowait nobody /bin/cat cat\n"
	    "[::1]:echo stream tcp6 nowait root internal\n",
	    "# inetd.conf:1: 127.0.0.1:ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "service ftp\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: *:cat stream tcp nowait nobody /bin/cat cat\n"
	    CAT_ENTRY
	    "\n"
	    "# inetd.conf:3: [::1]:echo stream tcp6 nowait root internal\n"
	    "service echo\n"
	    "{\n"
	    "\tid\t\t= echo-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tflags\t\t= IPv6\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tbind\t\t= ::1\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tv6only\t\t= yes\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "default-host", NULL,
	    "10.0.0.1:\n"
	    "ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "*:cat stream tcp nowait nobody /bin/cat cat\n"
	    "[::1]:\n"
	    "time stream tcp nowait root internal\n"
	    "*:\n"
	    "discard stream tcp nowait root internal\n",
	    "# inetd.conf:2: ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "service ftp\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tbind\t\t= 10.0.0.1\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:3: *:cat stream tcp nowait nobody /bin/cat cat\n"
	    CAT_ENTRY
	    "\n"
	    "# inetd.conf:5: time stream tcp nowait root internal\n"
	    "service time\n"
	    "{\n"
	    "\tid\t\t= time-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tbind\t\t= ::1\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:7: discard stream tcp nowait root internal\n"
	    "service discard\n"
	    "{\n"
	    "\tid\t\t= discard-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "protocols", NULL,
	    "echo stream tcp4 nowait root internal\n"
	    "echo dgram udp6 wait root internal\n"
	    "finger stream tcp46 nowait nobody /usr/sbin/in.fingerd in.fingerd\n",
	    "# inetd.conf:1: echo stream tcp4 nowait root internal\n"
	    "service echo\n"
	    "{\n"
	    "\tid\t\t= echo-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tflags\t\t= IPv4\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: echo dgram udp6 wait root internal\n"
	    "service echo\n"
	    "{\n"
	    "\tid\t\t= echo-dgram\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tflags\t\t= IPv6\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tv6only\t\t= yes\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:3: finger stream tcp46 nowait nobody /usr/sbin/in.fingerd in.fingerd\n"
	    "service finger\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/in.fingerd\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "rpc", NULL,
	    "rstatd/1-3 dgram rpc/udp wait root /usr/lib/rpc.rstatd rpc.rstatd\n"
	    "rusersd/2 stream rpc/tcp nowait root /usr/lib/rpc.rusersd rpc.rusersd\n"
	    "100099/1 dgram rpc/udp wait root /usr/lib/rpc.x rpc.x\n",
	    "# inetd.conf:1: rstatd/1-3 dgram rpc/udp wait root /usr/lib/rpc.rstatd rpc.rstatd\n"
	    "service rstatd\n"
	    "{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\trpc_version\t= 1-3\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/lib/rpc.rstatd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: rusersd/2 stream rpc/tcp nowait root /usr/lib/rpc.rusersd rpc.rusersd\n"
	    "service rusersd\n"
	    "{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\trpc_version\t= 2\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/lib/rpc.rusersd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:3: 100099/1 dgram rpc/udp wait root /usr/lib/rpc.x rpc.x\n"
	    "service 100099\n"
	    "{\n"
	    "\ttype\t\t= RPC UNLISTED\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\trpc_number\t= 100099\n"
	    "\trpc_version\t= 1\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/lib/rpc.x\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "socktypes", NULL,
	    "ping raw udp nowait root /usr/sbin/pingd pingd\n"
	    "sq seqpacket tcp nowait root /usr/sbin/sqd sqd\n",
	    "# inetd.conf:1: ping raw udp nowait root /usr/sbin/pingd pingd\n"
	    "service ping\n"
	    "{\n"
	    "\tsocket_type\t= raw\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/pingd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: sq seqpacket tcp nowait root /usr/sbin/sqd sqd\n"
	    "service sq\n"
	    "{\n"
	    "\tsocket_type\t= seqpacket\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/sqd\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "wait-rate", NULL,
	    "ident stream tcp wait.40 identd /usr/sbin/identd identd -w\n",
	    "# inetd.conf:1: ident stream tcp wait.40 identd /usr/sbin/identd identd -w\n"
	    "# wait.40: at most 40 starts in 60 s, then a 10-minute pause;\n"
	    "# cps = 40 600 pauses as long and admits every burst that did\n"
	    "service ident\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= identd\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/identd\n"
	    "\tserver_args\t= -w\n"
	    "\tcps\t\t= 40 600\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "freebsd-limits", NULL,
	    "ftp stream tcp nowait/10/5/2 root /usr/libexec/ftpd ftpd -l\n"
	    "ssh stream tcp nowait/0/0/3 root /usr/sbin/sshd sshd -i\n",
	    "# inetd.conf:1: ftp stream tcp nowait/10/5/2 root /usr/libexec/ftpd ftpd -l\n"
	    "# max-connections-per-ip-per-minute 5 dropped: xinetd has no equivalent\n"
	    "service ftp\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/libexec/ftpd\n"
	    "\tserver_args\t= -l\n"
	    "\tinstances\t= 10\n"
	    "\tper_source\t= 2\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: ssh stream tcp nowait/0/0/3 root /usr/sbin/sshd sshd -i\n"
	    "service ssh\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/sshd\n"
	    "\tserver_args\t= -i\n"
	    "\tper_source\t= 3\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "users", NULL,
	    "a stream tcp nowait nobody.nogroup /bin/cat cat\n"
	    "b stream tcp nowait nobody:tty /bin/cat cat\n"
	    "c stream tcp nowait nobody/daemon /bin/cat cat\n",
	    "# inetd.conf:1: a stream tcp nowait nobody.nogroup /bin/cat cat\n"
	    "service a\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroup\t\t= nogroup\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: b stream tcp nowait nobody:tty /bin/cat cat\n"
	    "service b\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroup\t\t= tty\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:3: c stream tcp nowait nobody/daemon /bin/cat cat\n"
	    "# login class daemon dropped: xinetd has no login classes\n"
	    "service c\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "internal", NULL,
	    "echo stream tcp nowait root internal\n"
	    "echo dgram udp wait root internal\n"
	    "chargen stream tcp nowait root internal\n"
	    "tcpmux stream tcp nowait root internal\n",
	    "# inetd.conf:1: echo stream tcp nowait root internal\n"
	    ECHO_STREAM_ENTRY
	    "\n"
	    "# inetd.conf:2: echo dgram udp wait root internal\n"
	    ECHO_DGRAM_ENTRY
	    "\n"
	    "# inetd.conf:3: chargen stream tcp nowait root internal\n"
	    "service chargen\n"
	    "{\n"
	    "\tid\t\t= chargen-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:4: tcpmux stream tcp nowait root internal\n"
	    "service tcpmux\n"
	    "{\n"
	    "\tid\t\t= tcpmux-stream\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "tcpmux", NULL,
	    "tcpmux/hello stream tcp nowait nobody /bin/echo echo hi\n"
	    "tcpmux/+help stream tcp nowait nobody /usr/sbin/helpd helpd\n",
	    "# inetd.conf:1: tcpmux/hello stream tcp nowait nobody /bin/echo echo hi\n"
	    "service hello\n"
	    "{\n"
	    "\ttype\t\t= TCPMUX UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/echo\n"
	    "\tserver_args\t= hi\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: tcpmux/+help stream tcp nowait nobody /usr/sbin/helpd helpd\n"
	    "service help\n"
	    "{\n"
	    "\ttype\t\t= TCPMUXPLUS UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/helpd\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "tcpd-abs", NULL,
	    "discard stream tcp nowait root /usr/sbin/tcpd /bin/cat -u\n",
	    "# inetd.conf:1: discard stream tcp nowait root /usr/sbin/tcpd /bin/cat -u\n"
	    "service discard\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tserver_args\t= -u\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "tcpd-dir", "/usr/sbin/",
	    "ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l -a\n"
	    "telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n",
	    "# inetd.conf:1: ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l -a\n"
	    "service ftp\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/in.ftpd\n"
	    "\tserver_args\t= -l -a\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: telnet stream tcp nowait root /usr/sbin/tcpd in.telnetd\n"
	    "service telnet\n"
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/in.telnetd\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "ids", NULL,
	    "ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "ftp stream tcp6 nowait root /usr/sbin/ftpd ftpd\n"
	    "x stream tcp nowait root /bin/cat cat\n"
	    "x stream tcp nowait root /bin/cat cat\n"
	    "x dgram udp wait root /bin/cat cat\n",
	    "# inetd.conf:1: ftp stream tcp nowait root /usr/sbin/ftpd ftpd\n"
	    "service ftp\n"
	    "{\n"
	    "\tid\t\t= ftp-stream\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:2: ftp stream tcp6 nowait root /usr/sbin/ftpd ftpd\n"
	    "service ftp\n"
	    "{\n"
	    "\tid\t\t= ftp-stream-6\n"
	    "\tflags\t\t= IPv6\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "\tv6only\t\t= yes\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:3: x stream tcp nowait root /bin/cat cat\n"
	    "service x\n"
	    "{\n"
	    "\tid\t\t= x-stream\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:4: x stream tcp nowait root /bin/cat cat\n"
	    "service x\n"
	    "{\n"
	    "\tid\t\t= x-stream-2\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n"
	    "\n"
	    "# inetd.conf:5: x dgram udp wait root /bin/cat cat\n"
	    "service x\n"
	    "{\n"
	    "\tid\t\t= x-dgram\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /bin/cat\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "port", NULL,
	    "6667 stream tcp nowait ircd /usr/sbin/ircd ircd\n",
	    "# inetd.conf:1: 6667 stream tcp nowait ircd /usr/sbin/ircd ircd\n"
	    "service 6667\n"
	    "{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 6667\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= ircd\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/ircd\n"
	    "\tdisable\t\t= no\n"
	    "}\n",
	    "", 0 },
	{ "crlf", NULL,
	    "cat stream tcp nowait nobody /bin/cat cat\r\n",
	    "# inetd.conf:1: cat stream tcp nowait nobody /bin/cat cat\n"
	    CAT_ENTRY,
	    "", 0 },
	{ "few", NULL,
	    "ftp stream tcp nowait root\n",
	    "",
	    "inetd.conf:1: too few fields (5, at least 6 needed)\n", 1 },
	{ "rdm", NULL,
	    "x rdm tcp nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: socket type rdm has no xinetd equivalent\n", 1 },
	{ "unix", NULL,
	    "/tmp/sock stream unix nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: protocol unix has no xinetd equivalent\n", 1 },
	{ "proto", NULL,
	    "x stream tcp5 nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: protocol tcp5 has no xinetd equivalent\n", 1 },
	{ "wait", NULL,
	    "x stream tcp maybe root /bin/true true\n",
	    "",
	    "inetd.conf:1: maybe is neither wait nor nowait\n", 1 },
	{ "rate", NULL,
	    "x stream tcp nowait.x root /bin/true true\n",
	    "",
	    "inetd.conf:1: bad limit in nowait.x\n", 1 },
	{ "rate0", NULL,
	    "x stream tcp nowait.0 root /bin/true true\n",
	    "",
	    "inetd.conf:1: bad limit in nowait.0\n", 1 },
	{ "fbsd", NULL,
	    "x stream tcp nowait/1/2/3/4 root /bin/true true\n",
	    "",
	    "inetd.conf:1: bad limits after wait/nowait: 4\n", 1 },
	{ "group", NULL,
	    "x stream tcp nowait root. /bin/true true\n",
	    "",
	    "inetd.conf:1: no group after the user root\n", 1 },
	{ "user", NULL,
	    "x stream tcp nowait :wheel /bin/true true\n",
	    "",
	    "inetd.conf:1: no user\n", 1 },
	{ "rpc-nover", NULL,
	    "rstatd dgram rpc/udp wait root /usr/lib/rpc.rstatd rpc.rstatd\n",
	    "",
	    "inetd.conf:1: RPC service rstatd has no /version\n", 1 },
	{ "rpc-badver", NULL,
	    "rstatd/3-1 dgram rpc/udp wait root /usr/lib/rpc.rstatd rpc.rstatd\n",
	    "",
	    "inetd.conf:1: bad RPC version: 3-1\n", 1 },
	{ "ver-norpc", NULL,
	    "rstatd/1 dgram udp wait root /usr/lib/rpc.rstatd rpc.rstatd\n",
	    "",
	    "inetd.conf:1: rstatd/1: a version needs an rpc/ protocol\n", 1 },
	{ "tcpmux-dgram", NULL,
	    "tcpmux/x dgram udp wait root /bin/true true\n",
	    "",
	    "inetd.conf:1: tcpmux service x is not stream tcp\n", 1 },
	{ "internal-unknown", NULL,
	    "qotd stream tcp nowait root internal\n",
	    "",
	    "inetd.conf:1: xinetd has no internal service qotd/stream\n", 1 },
	{ "internal-raw", NULL,
	    "echo raw udp nowait root internal\n",
	    "",
	    "inetd.conf:1: xinetd has no internal service echo/raw\n", 1 },
	{ "tcpd-nodir", NULL,
	    "ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l\n",
	    "",
	    "inetd.conf:1: tcpd runs in.ftpd: give -daemon_dir\n", 1 },
	{ "tcpd-noprog", NULL,
	    "ftp stream tcp nowait root /usr/sbin/tcpd\n",
	    "",
	    "inetd.conf:1: tcpd without a program to run\n", 1 },
	{ "relative", NULL,
	    "x stream tcp nowait root bin/true true\n",
	    "",
	    "inetd.conf:1: server bin/true is not an absolute path\n", 1 },
	{ "name", NULL,
	    "../x stream tcp nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: bad service name: ..\n", 1 },
	{ "host", NULL,
	    ":x stream tcp nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: no host before the ':' of the service\n", 1 },
	{ "v6", NULL,
	    "[::1x stream tcp nowait root /bin/true true\n",
	    "",
	    "inetd.conf:1: no ]: after the IPv6 address in [::1x\n", 1 },
	{ "off-bad", NULL,
	    "#<off># x stream tcp nowait root\n",
	    "",
	    "inetd.conf:1: too few fields (5, at least 6 needed)\n", 1 },
	{ "mixed", NULL,
	    "cat stream tcp nowait nobody /bin/cat cat\n"
	    "bogus line\n"
	    "echo dgram udp wait root internal\n",
	    "# inetd.conf:1: cat stream tcp nowait nobody /bin/cat cat\n"
	    CAT_ENTRY
	    "\n"
	    "# inetd.conf:3: echo dgram udp wait root internal\n"
	    ECHO_DGRAM_ENTRY,
	    "inetd.conf:2: too few fields (2, at least 6 needed)\n", 1 },
};

/* A captured stream: open_memstream's buffer, NUL-terminated. */
struct capture {
	FILE *fp;
	char *buf;
	size_t len;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
}

static char *capture_close(struct capture *c)
{
	fclose(c->fp);
	return c->buf;
}

static FILE *input(const char *text)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	fputs(text, fp);
	rewind(fp);
	return fp;
}

/* conf_convert on text; the exit status is what --convert-inetd returns. */
static int convert(const char *text, const struct convert_opts *o,
    char **out, char **err)
{
	struct capture co, ce;
	FILE *in = input(text);
	int n;

	capture_open(&co);
	capture_open(&ce);
	n = conf_convert(in, "inetd.conf", o, co.fp, ce.fp);
	fclose(in);
	*out = capture_close(&co);
	*err = capture_close(&ce);
	return n == 0 ? 0 : 1;
}

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct convert_case *c = &cases[i];
		struct convert_opts o = { .daemon_dir = c->daemon_dir };
		char *out, *err;
		int status = convert(c->in, &o, &out, &err);

		if (strcmp(out, c->out) != 0)
			fail_msg("%s: stdout\n%s\nwant\n%s", c->name, out,
			    c->out);
		if (strcmp(err, c->err) != 0)
			fail_msg("%s: stderr [%s], want [%s]", c->name, err,
			    c->err);
		if (status != c->status)
			fail_msg("%s: status %d, want %d", c->name, status,
			    c->status);
		free(out);
		free(err);
	}
}

static char *slurp(const char *dir, const char *name)
{
	char path[PATH_MAX], *buf = NULL;
	size_t cap = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (fp == NULL)
		return NULL;
	if (getdelim(&buf, &cap, '\0', fp) < 0) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

static const char dir_input[] =
	"#:INTERNAL: Internal services\n"
	"echo\tstream\ttcp\tnowait\troot\tinternal\n"
	"echo\tdgram\tudp\twait\troot\tinternal\n"
	"#<off># daytime\tstream\ttcp\tnowait\troot\tinternal\n"
	"talk.d\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/in.talkd\tin.talkd\n";

static const char dir_echo_dgram[] =
	"# inetd.conf:3: echo\tdgram\tudp\twait\troot\tinternal\n"
	ECHO_DGRAM_ENTRY;

/*
 * -o DIR: a file per id and its path on stdout; a second run overwrites
 * nothing and reports each file; an id with a '.' (includedir would skip
 * it) is refused.
 */
static void test_out_dir(void **state)
{
	char dir[] = "/tmp/test-convert.XXXXXX", want[1024], *out, *err, *f;
	struct convert_opts o = { .out_dir = dir };
	static const char *const ids[] = {
		"echo-stream", "echo-dgram", "daytime-stream",
	};

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(convert(dir_input, &o, &out, &err), 1);
	snprintf(want, sizeof(want), "%s/echo-stream\n%s/echo-dgram\n"
	    "%s/daytime-stream\n", dir, dir, dir);
	assert_string_equal(out, want);
	snprintf(want, sizeof(want), "inetd.conf:5: %s/talk.d: includedir "
	    "skips names with a '.'\n", dir);
	assert_string_equal(err, want);
	free(out);
	free(err);
	f = slurp(dir, "echo-dgram");
	assert_non_null(f);
	assert_string_equal(f, dir_echo_dgram);
	free(f);
	f = slurp(dir, "daytime-stream");
	assert_non_null(f);
	assert_non_null(strstr(f, "\tdisable\t\t= yes\n"));
	free(f);
	assert_null(slurp(dir, "talk.d"));

	assert_int_equal(convert(dir_input, &o, &out, &err), 1);
	assert_string_equal(out, "");
	snprintf(want, sizeof(want),
	    "inetd.conf:2: %s/echo-stream exists: not overwritten\n"
	    "inetd.conf:3: %s/echo-dgram exists: not overwritten\n"
	    "inetd.conf:4: %s/daytime-stream exists: not overwritten\n"
	    "inetd.conf:5: %s/talk.d: includedir skips names with a '.'\n",
	    dir, dir, dir, dir);
	assert_string_equal(err, want);
	free(out);
	free(err);
	f = slurp(dir, "echo-dgram");
	assert_string_equal(f, dir_echo_dgram);
	free(f);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		snprintf(want, sizeof(want), "%s/%s", dir, ids[i]);
		assert_int_equal(unlink(want), 0);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void test_out_dir_missing(void **state)
{
	struct convert_opts o = { .out_dir = "/nonexistent/convert" };
	char *out, *err;

	(void)state;
	assert_int_equal(convert("echo stream tcp nowait root internal\n",
	    &o, &out, &err), 1);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "unable to open /nonexistent/convert"));
	free(out);
	free(err);
}

/* conf_convert_main: argv after --convert-inetd, its exit status, stderr. */
static const struct {
	const char *argv[6];
	int status;
	const char *err;	/* a part of stderr */
} cli_cases[] = {
	{ { "-x" }, 1, "Usage: xinetd --convert-inetd" },
	{ { "-o" }, 1, "Usage: " },
	{ { "-daemon_dir" }, 1, "Usage: " },
	{ { "-o", "/tmp", "-o", "/tmp" }, 1, "Usage: " },
	{ { "a", "b" }, 1, "Usage: " },
	{ { "-daemon_dir", "sbin", "FILE" }, 1,
	    "-daemon_dir sbin is not an absolute path" },
	{ { "/nonexistent/inetd.conf" }, 1,
	    "unable to open /nonexistent/inetd.conf" },
	{ { "FILE" }, 1, "FILE:3: tcpd runs in.ftpd: give -daemon_dir\n" },
	{ { "-daemon_dir", "/usr/sbin", "FILE" }, 0, "" },
};

static const char cli_input[] =
	"# inetd.conf\n"
	"daytime stream tcp nowait root internal\n"
	"ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l\n";

static void test_cli(void **state)
{
	char path[] = "/tmp/test-convert-in.XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, cli_input, strlen(cli_input)),
	    (ssize_t)strlen(cli_input));
	close(fd);
	for (size_t i = 0; i < sizeof(cli_cases) / sizeof(cli_cases[0]);
	    i++) {
		char *argv[6] = { NULL }, *err, want[256];
		struct capture co, ce;
		int argc = 0, status;

		for (; argc < 6 && cli_cases[i].argv[argc] != NULL; argc++)
			argv[argc] = strcmp(cli_cases[i].argv[argc], "FILE") ?
			    (char *)cli_cases[i].argv[argc] : path;
		capture_open(&co);
		capture_open(&ce);
		status = conf_convert_main(argc, argv, co.fp, ce.fp);
		free(capture_close(&co));
		err = capture_close(&ce);
		if (strncmp(cli_cases[i].err, "FILE", 4) == 0)
			snprintf(want, sizeof(want), "%s%s", path,
			    cli_cases[i].err + 4);
		else
			snprintf(want, sizeof(want), "%s", cli_cases[i].err);
		if (status != cli_cases[i].status || strstr(err, want) == NULL ||
		    (want[0] == '\0' && err[0] != '\0'))
			fail_msg("case %zu: status %d, stderr [%s]", i, status,
			    err);
		free(err);
	}
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_out_dir),
		cmocka_unit_test(test_out_dir_missing),
		cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests_name("convert", tests, NULL, NULL);
}
