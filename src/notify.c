/* notify.c: sd_notify glue (an extension: xinetd has no readiness signal). */
#include "config.h"

#include <unistd.h>

#include "notify.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

void notify_ready(unsigned nservices)
{
	/* MAINPID: in fork mode the pid systemd saw start has exited. */
	sd_notifyf(0, "READY=1\nMAINPID=%d\nSTATUS=%u available services",
	    (int)getpid(), nservices);
}

void notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}
#else
void notify_ready(unsigned nservices)
{
	(void)nservices;
}

void notify_stopping(void)
{
}
#endif
