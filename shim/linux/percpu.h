/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): per-cpu memory laid out as the kernel does it, one unit per
 * cpu at a fixed stride, so a pointer into cpu 0's copy (a whole object or one member)
 * reaches cpu N's copy by adding N strides. alloc_percpu() returns cpu 0's copy.
 * Static DEFINE_PER_CPU variables are not provided: declare them with alloc_percpu().
 */
#ifndef _SC_LINUX_PERCPU_H
#define _SC_LINUX_PERCPU_H

#include <linux/compiler.h>
#include <linux/smp.h>

#define SC_PERCPU_UNIT_SIZE (64UL * 1024)

#ifdef __cplusplus
extern "C" {
#endif
void *sc_alloc_percpu(size_t size, size_t align); /* zeroed on every cpu */
void free_percpu(void *ptr);
#ifdef __cplusplus
}
#endif

#define alloc_percpu(type) ((type *)sc_alloc_percpu(sizeof(type), __alignof__(type)))
#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((char *)(ptr) + (size_t)(cpu) * SC_PERCPU_UNIT_SIZE))
#define raw_cpu_ptr(ptr) per_cpu_ptr(ptr, smp_processor_id())
#define this_cpu_ptr(ptr) ({ sc_sched_point("this_cpu_ptr"); raw_cpu_ptr(ptr); })
#define get_cpu_ptr(ptr) ({ preempt_disable(); this_cpu_ptr(ptr); })
#define put_cpu_ptr(ptr) do { (void)(ptr); preempt_enable(); } while (0)

#endif
