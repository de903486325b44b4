/* loop.c: epoll dispatch; a callback per descriptor, no service knowledge. */
#include "config.h"

#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "loop.h"

/* Events taken per epoll_wait; more simply wait for the next round. */
#define LOOP_BATCH 64

static int epfd = -1;

int loop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd < 0 ? -errno : 0;
}

void loop_fini(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
}

int loop_add(struct loop_watch *w, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	w->fd = fd;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -errno;
	w->armed = 1;
	return 0;
}

void loop_del(struct loop_watch *w)
{
	if (!w->armed)
		return;
	(void)epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->armed = 0;
}

int loop_once(int timeout_ms)
{
	struct epoll_event evs[LOOP_BATCH];
	int n = epoll_wait(epfd, evs, LOOP_BATCH, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (int i = 0; i < n; i++) {
		struct loop_watch *w = evs[i].data.ptr;
		w->fn(w, evs[i].events);
	}
	return n;
}
