/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * conf.h: the parsed configuration. Pure data: nothing in here points into
 * runtime state, so a reload can build a whole new conf_set, validate it and
 * only then swap it in (../DESIGN.md, "Data flow").
 */
#ifndef XINETD_CONF_H
#define XINETD_CONF_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>

#include "addrmatch.h"
#include "util.h"

/* One bit per attribute, for "given in this entry" bookkeeping. */
enum attr_id {
	A_ID, A_TYPE, A_FLAGS, A_DISABLE, A_SOCKET_TYPE, A_PROTOCOL, A_WAIT,
	A_USER, A_GROUP, A_GROUPS, A_INSTANCES, A_PER_SOURCE, A_NICE,
	A_SERVER, A_SERVER_ARGS, A_ONLY_FROM, A_NO_ACCESS, A_ACCESS_TIMES,
	A_LOG_TYPE, A_LOG_ON_SUCCESS, A_LOG_ON_FAILURE, A_RPC_VERSION,
	A_RPC_NUMBER, A_ENV, A_PASSENV, A_PORT, A_REDIRECT, A_BIND,
	A_BANNER, A_BANNER_SUCCESS, A_BANNER_FAIL, A_CPS, A_MAX_LOAD,
	A_UMASK, A_RLIMIT_AS, A_RLIMIT_CPU, A_RLIMIT_DATA, A_RLIMIT_RSS,
	A_RLIMIT_STACK, A_RLIMIT_FILES, A_DENY_TIME, A_V6ONLY, A_LIBWRAP,
	A_ENABLED, A_DISABLED, A_REPLY_TO_LOW_PORTS,
	/* xinetd-ng extensions: the sandbox (xinetd.conf.5, "Sandbox") */
	A_CHROOT, A_MAX_DURATION, A_NO_NEW_PRIVS, A_PRIVATE_TMP,
	A_RLIMIT_NPROC, A_RLIMIT_FSIZE, A_RLIMIT_CORE, A_RLIMIT_NOFILE,
	A_COUNT
};
#define ABIT(a) (UINT64_C(1) << (a))

/* type = ... (reference 2.2) */
enum {
	SVC_T_RPC = 1 << 0,
	SVC_T_INTERNAL = 1 << 1,
	SVC_T_UNLISTED = 1 << 2,
	SVC_T_TCPMUX = 1 << 3,
	SVC_T_TCPMUXPLUS = 1 << 4,
	SVC_T_SPECIAL = 1 << 5,
};

/* flags = ... (reference 2.1) */
enum {
	SVC_F_REUSE = 1 << 0,
	SVC_F_INTERCEPT = 1 << 1,
	SVC_F_NORETRY = 1 << 2,
	SVC_F_IDONLY = 1 << 3,
	SVC_F_NAMEINARGS = 1 << 4,
	SVC_F_NODELAY = 1 << 5,
	SVC_F_KEEPALIVE = 1 << 6,
	SVC_F_NOLIBWRAP = 1 << 7,
	SVC_F_SENSOR = 1 << 8,
	SVC_F_IPV4 = 1 << 9,
	SVC_F_IPV6 = 1 << 10,
	SVC_F_LABELED = 1 << 11,
};

/* log_on_success / log_on_failure (reference 2.3) */
enum {
	LOG_S_PID = 1 << 0,
	LOG_S_HOST = 1 << 1,
	LOG_S_USERID = 1 << 2,
	LOG_S_EXIT = 1 << 3,
	LOG_S_DURATION = 1 << 4,
	LOG_S_TRAFFIC = 1 << 5,
};
enum {
	LOG_F_HOST = 1 << 0,
	LOG_F_USERID = 1 << 1,
	LOG_F_ATTEMPT = 1 << 2,
};

enum log_kind {
	LOGT_NONE,
	LOGT_SYSLOG,
	LOGT_FILE,
};

struct log_target {
	enum log_kind kind;
	int facility;		/* SYSLOG */
	int level;		/* SYSLOG */
	char *path;		/* FILE */
	uint64_t soft, hard;	/* FILE size limits, 0 = none */
};

enum rlim_index {
	RL_AS, RL_CPU, RL_DATA, RL_RSS, RL_STACK, RL_FILES,
	/* extensions: sandbox controls, whose failure stops the server */
	RL_NPROC, RL_FSIZE, RL_CORE, RL_NOFILE,
	RL_COUNT
};

/* The setrlimit resource of each rlimit_* attribute. */
extern const int conf_rlimit_resource[RL_COUNT];

struct rlim_spec {
	bool set;
	rlim_t value;
};

#define LIMIT_UNLIMITED (-1L)

/* access_times: minutes since midnight, both ends inclusive. */
struct time_span {
	short start, end;
};

#define DENY_FOREVER (-1L)

/*
 * What bind and redirect resolve to: an IPv4 or IPv6 address and port,
 * no more (a sockaddr_storage each was a fifth of an entry's memory).
 * getaddrinfo asked for AF_INET, AF_INET6 or AF_UNSPEC, as both are,
 * gives no other family.
 */
union conf_addr {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

struct svc_conf {
	char *name;
	char *id;
	const char *file;	/* where the entry starts (owned by conf_set) */
	unsigned line;
	uint64_t specified;	/* ABIT(attr) for each attribute the entry gave */
	bool broken;		/* a value failed: the entry is dropped */
	bool disable;		/* disable = yes */

	unsigned type;
	unsigned flags;
	int socket_type;	/* SOCK_STREAM, ... ; 0 = not given */
	char *protocol;
	int proto_num;
	bool wait;

	char *user;
	uid_t uid;
	gid_t user_gid;		/* the passwd entry's group */
	bool user_known;	/* the passwd entry exists */
	char *group;
	gid_t gid;
	bool groups;

	long instances;		/* LIMIT_UNLIMITED or >= 0 */
	long per_source;
	int nice;

	char *server;
	/*
	 * The line of a server path missing from the real root: decided at
	 * the end of the entry, as a later chroot line makes it a path
	 * inside that directory (0: nothing pending).
	 */
	unsigned server_pending_line;
	struct strvec server_args;
	int port;		/* -1 = not given */
	mode_t umask;
	struct rlim_spec rlim[RL_COUNT];
	struct strvec env;
	struct strvec passenv;

	struct log_target log;
	unsigned log_on_success;
	unsigned log_on_failure;

	struct addrlist only_from;
	struct addrlist no_access;
	bool only_from_set;		/* given here or inherited: checked */
	bool no_access_set;
	struct time_span *access_times;
	size_t n_access_times;
	unsigned cps_max;		/* 0 = no rate limit */
	unsigned cps_wait;		/* seconds the service stays closed */
	double max_load;		/* 0 = off */
	char *bind;			/* bind/interface as written */
	union conf_addr bind_addr;	/* resolved by validation */
	socklen_t bind_len;		/* 0 = all addresses */
	bool v6only;
	bool reply_to_low_ports;	/* UDP builtins: extension */
	char *banner;
	char *banner_success;
	char *banner_fail;
	char *libwrap;
	long deny_time;			/* minutes; DENY_FOREVER; 0 = never */
	char *redirect_host;		/* redirect = host port, as written */
	char *redirect_port;
	union conf_addr redirect_addr;	/* resolved at load */
	socklen_t redirect_len;		/* 0 = not redirected */
	long rpc_number;		/* RPC program, from rpc_number or /etc/rpc */
	long rpc_lo, rpc_hi;		/* rpc_version range */

	/* The sandbox (extensions; spawn.c, sandbox.c) */
	char *chroot;			/* absolute directory, or NULL */
	long max_duration;		/* seconds; 0 = no limit */
	bool no_new_privs;
	uint64_t private_tmp;		/* tmpfs size in bytes; 0 = off */

	struct strvec enabled;	/* defaults only */
	struct strvec disabled;	/* defaults only */
};

struct conf_set {
	struct svc_conf defaults;
	struct svc_conf **svcs;
	size_t nsvcs;
	struct strvec files;	/* interned file names for locations */
	/*
	 * Ids of entries dropped for errors (not for disable = yes): a reload
	 * keeps the running service of such an id rather than kill it.
	 */
	struct strvec rejected;
	unsigned errors;	/* problems reported at ERROR or worse */
	unsigned warnings;
	bool fatal;		/* the defaults section was bad */
};

/*
 * Every diagnostic goes through one callback so the daemon logs it, the
 * check mode prints it, and unit tests collect it. file is NULL for
 * messages that have no location.
 */
typedef void (*conf_diag_fn)(void *arg, int level, const char *file,
    unsigned line, const char *msg);

struct conf_opts {
	conf_diag_fn diag;
	void *arg;
	const char *inetd_conf;	/* -inetd_compat: also read this file */
};

/* Read path and everything it includes; NULL only if path cannot be read. */
struct conf_set *conf_load(const char *path, const struct conf_opts *opts,
    int *err);
void conf_free(struct conf_set *cs);
void svc_conf_init(struct svc_conf *sc);
void svc_conf_free(struct svc_conf *sc);

/* The argv a server is started with (reference 2, server_args). */
void conf_server_argv(const struct svc_conf *sc, struct strvec *argv);

/*
 * Does the entry use one of the sandbox attributes (extensions that
 * xinetd ignores as "bad service attribute")? A service that does is
 * never answered inside the daemon: the sandbox is built in a child.
 */
bool conf_sandboxed(const struct svc_conf *sc);

/* How many rlimit_* attributes sc sets. */
int conf_rlimits_set(const struct svc_conf *sc);

/* The default size of private_tmp = yes. */
#define PRIVATE_TMP_DEFAULT_SIZE (UINT64_C(16) * 1024 * 1024)

/* The inode limit of a private_tmp tmpfs (nr_inodes=). */
uint64_t conf_private_tmp_inodes(const struct svc_conf *sc);

/* A server past max_duration gets this long after SIGTERM, then SIGKILL. */
#define MAX_DURATION_GRACE_S 5

#endif
