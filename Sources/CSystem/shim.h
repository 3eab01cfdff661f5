#ifndef OTGW_CSYSTEM_SHIM_H
#define OTGW_CSYSTEM_SHIM_H

// accept4 is declared only with _GNU_SOURCE, so Glibc's Swift overlay does not export it.
// Defining _GNU_SOURCE here would change the layout names of shared system structs (fd_set's
// `fds_bits`) and clash with the C modules built without it (CDispatch, CZlib), so the shim
// enters the system call by number instead. SOCK_NONBLOCK, SOCK_CLOEXEC and MSG_NOSIGNAL are
// defined without _GNU_SOURCE.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static inline int gw_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return (int)syscall(SYS_accept4, fd, address, length, flags);
}

// pipe2 is declared only with _GNU_SOURCE as well; both ends are close-on-exec, so a pipe
// made while another thread spawns a child never leaks into that child.
static inline int gw_pipe_cloexec(int descriptors[2]) {
    return (int)syscall(SYS_pipe2, descriptors, O_CLOEXEC);
}

static inline int gw_sock_nonblock(void) { return SOCK_NONBLOCK; }
static inline int gw_sock_cloexec(void) { return SOCK_CLOEXEC; }
static inline int gw_msg_nosignal(void) { return MSG_NOSIGNAL; }

// errno is a thread-local macro; reading it through a function keeps Swift code portable.
static inline int gw_errno(void) { return errno; }

#endif
