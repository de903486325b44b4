/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* held.c: the lists of the daemon's own sessions. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "held.h"
#include "svc.h"

void held_add(struct held **list, struct held *h, struct service *s,
    const char *peer)
{
	h->svc = s;
	snprintf(h->peer, sizeof(h->peer), "%s", peer);
	h->next = *list;
	if (*list != NULL)
		(*list)->prevp = &h->next;
	h->prevp = list;
	*list = h;
	s->sessions++;
}

void held_remove(struct held *h)
{
	*h->prevp = h->next;
	if (h->next != NULL)
		h->next->prevp = h->prevp;
	h->svc->sessions--;
}

unsigned held_from_source(const struct held *list, const struct service *s,
    const char *peer)
{
	unsigned n = 0;

	for (const struct held *h = list; h != NULL; h = h->next)
		if (h->svc == s && strcmp(h->peer, peer) == 0)
			n++;
	return n;
}

void held_end_all(struct held *list, const struct service *s,
    void (*end)(struct held *h))
{
	for (struct held *h = list, *next; h != NULL; h = next) {
		next = h->next;
		if (s == NULL || h->svc == s)
			end(h);
	}
}
