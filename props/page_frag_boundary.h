// SPDX-License-Identifier: GPL-2.0-only
// The allocator rows of the boundary × path table (props/boundary.h), per profile and
// cpu: requests of one page and of one cache page, a request against the room left in
// the cpu's cached page, and the carve point against a power-of-2 alignment.
#pragma once

#include <api/page_frag.h>
#include <model/page_frag_model.h>

#include <string>

namespace sc::alloc {

void declare_boundaries(const std::string &profile, unsigned cpus);
// `model`: the state before `op` runs.
void mark_boundaries(const std::string &profile, const PageFragModel &model, const Op &op);
// A size the generator steers to a boundary: one page or one cache page, or what the
// cpu's cached page has left (with `align`), or a carve point just off an alignment
// boundary, by `which` (0..2, 3 and above: the alignment); `delta` 0..2 is one below, exact, one above.
uint32_t boundary_size(const PageFragModel &model, unsigned cpu, uint32_t align, bool large, uint32_t which,
                       uint32_t delta);

}  // namespace sc::alloc
