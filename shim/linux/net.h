/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): a socket and the proto_ops entry points the splice layer
 * calls: sendmsg, the pre-v6.5 sendpage, and v6.5's splice_eof.
 */
#ifndef _SC_LINUX_NET_H
#define _SC_LINUX_NET_H

#include <linux/mm.h>
#include <linux/socket.h>

struct sock;
struct socket;

struct proto_ops {
	int (*sendmsg)(struct socket *sock, struct msghdr *msg, size_t len);
	ssize_t (*sendpage)(struct socket *sock, struct page *page, int offset, size_t size, int flags);
	void (*splice_eof)(struct socket *sock);
};

struct socket {
	const struct proto_ops *ops;
	struct sock *sk;
};

#endif
