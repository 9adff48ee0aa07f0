/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): msghdr and the MSG_* flags the TLS send paths test. The
 * control message is reduced to what TLS reads from it: TLS_SET_RECORD_TYPE.
 */
#ifndef _SC_LINUX_SOCKET_H
#define _SC_LINUX_SOCKET_H

#include <linux/uio.h>

#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_SENDPAGE_NOPOLICY 0x10000
#define MSG_SENDPAGE_NOTLAST 0x20000 /* gone since v6.5's b848b26c6672 */
#define MSG_SPLICE_PAGES 0x8000000
#define MSG_SENDPAGE_DECRYPTED 0x100000

struct msghdr {
	struct iov_iter msg_iter;
	unsigned int msg_flags;
	size_t msg_controllen;    /* non-zero: a TLS_SET_RECORD_TYPE control message */
	unsigned char record_type; /* its value */
};

static inline size_t msg_data_left(const struct msghdr *msg) { return iov_iter_count(&msg->msg_iter); }

#endif
