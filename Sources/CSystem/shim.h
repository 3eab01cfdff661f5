#ifndef OTGW_CSYSTEM_SHIM_H
#define OTGW_CSYSTEM_SHIM_H

#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>

// accept4 is a GNU extension that glibc declares only under _GNU_SOURCE, so Glibc's Swift
// overlay does not export it. Defining _GNU_SOURCE here would change glibc's fd_set layout
// as seen by this module, which then clashes with libcurl's view of the same headers in any
// Swift module that imports both, so the prototype is declared directly instead.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

static inline int gw_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

static inline int gw_sock_nonblock(void) { return SOCK_NONBLOCK; }
static inline int gw_sock_cloexec(void) { return SOCK_CLOEXEC; }
static inline int gw_msg_nosignal(void) { return MSG_NOSIGNAL; }

// errno is a thread-local macro; reading it through a function keeps Swift code portable.
static inline int gw_errno(void) { return errno; }

#endif
