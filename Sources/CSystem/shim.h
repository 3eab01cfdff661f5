#ifndef OTGW_CSYSTEM_SHIM_H
#define OTGW_CSYSTEM_SHIM_H

// accept4 and the SOCK_* flags it takes are GNU extensions, declared only with _GNU_SOURCE,
// so Glibc's Swift overlay does not export them.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <signal.h>

static inline int gw_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

static inline int gw_sock_nonblock(void) { return SOCK_NONBLOCK; }
static inline int gw_sock_cloexec(void) { return SOCK_CLOEXEC; }
static inline int gw_msg_nosignal(void) { return MSG_NOSIGNAL; }

// errno is a thread-local macro; reading it through a function keeps Swift code portable.
static inline int gw_errno(void) { return errno; }

#endif
