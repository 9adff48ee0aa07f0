// SPDX-License-Identifier: GPL-2.0-only
#include <props/page_frag_boundary.h>

#include <props/boundary.h>

namespace sc::alloc {
namespace {

const char *kPage = "request 4096 (page)";
const char *kCache = "request 32768 (cache page)";
const char *kRoom = "request = room left";
const char *kAlign = "carve point % align (> 2)";

std::string path_of(const std::string &profile, unsigned cpu) { return profile + "/cpu" + std::to_string(cpu); }

}  // namespace

void declare_boundaries(const std::string &profile, unsigned cpus) {
  for (unsigned cpu = 0; cpu < cpus; cpu++)
    for (const char *limit : {kPage, kCache, kRoom, kAlign})
      boundary::declare("alloc", limit, path_of(profile, cpu));
}

void mark_boundaries(const std::string &profile, const PageFragModel &model, const Op &op) {
  const auto *a = std::get_if<Alloc>(&op);
  if (!a || a->cpu >= model.nr_cpus())
    return;
  std::string path = path_of(profile, a->cpu);
  boundary::reach("alloc", kPage, path, a->fragsz, kPageSize);
  boundary::reach("alloc", kCache, path, a->fragsz, kCachePageSize);
  if (uint32_t room = model.room(a->cpu, a->align))
    boundary::reach("alloc", kRoom, path, a->fragsz, room);
  // Rounded by align - 1 (below), not at all (exact) or by 1 (above) the other way.
  if (auto m = a->align > 2 ? model.misalignment(a->cpu, a->fragsz, a->align) : std::nullopt) {
    if (*m == 0)
      boundary::hit("alloc", kAlign, path, boundary::Side::exact);
    else if (*m == 1)
      boundary::hit("alloc", kAlign, path, boundary::Side::above);
    else if (*m == a->align - 1)
      boundary::hit("alloc", kAlign, path, boundary::Side::below);
  }
}

uint32_t boundary_size(const PageFragModel &model, unsigned cpu, uint32_t align, bool large, uint32_t which,
                       uint32_t delta) {
  uint32_t room = model.room(cpu, align);
  if (which >= 3 && align > 2) {
    // Count-down carving: the carve point (cursor - size) lands align - 1, 0 or 1 past
    // an align boundary. Count-up carving rounds the cursor whatever the size.
    uint32_t cursor = model.room(cpu, 1), m = delta % 3 == 0 ? align - 1 : delta % 3 - 1;
    return ((cursor - m) & (align - 1)) + align;
  }
  uint32_t bounds[] = {kPageSize, large ? kCachePageSize : kPageSize, room ? room : kPageSize};
  return std::max<uint32_t>(1, bounds[which % 3] + delta % 3 - 1);
}

}  // namespace sc::alloc
