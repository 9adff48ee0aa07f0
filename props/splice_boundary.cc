// SPDX-License-Identifier: GPL-2.0-only
#include <props/splice_boundary.h>

#include <api/splice_fields.h>
#include <props/boundary.h>

#include <algorithm>

namespace sc::splice {
namespace {

constexpr uint32_t kPage = 4096;
constexpr uint32_t kBatch = 8;  // pages[8]: what one extraction can return

const char *kFragLimit = "frag limit (sysctl)";
const char *kPageEnd = "segment end at page end";
const char *kBatchPages = "pages per splice vs batch 8";
const char *kFragRoom = "frag room vs batch 8";
const char *kCopyFailure = "copies before a failed slab copy vs 1";

// The iterator's name in the trace text (api/splice_fields.cc).
std::string kind_name(IterKind k) { return format_field(FieldKind::IterKind, static_cast<uint64_t>(k)); }

// A ubuf is one segment in one 32 KiB block: it spans at most 8 pages, never 9.
bool batch_reachable(IterKind k) { return k != IterKind::ubuf; }

}  // namespace

void declare_boundaries(bool copies) {
  for (IterKind k : {IterKind::bvec, IterKind::kvec, IterKind::ubuf, IterKind::iovec})
    for (const char *limit : {kFragLimit, kPageEnd, kBatchPages, kFragRoom})
      if (limit != kBatchPages || batch_reachable(k))
        boundary::declare("splice", limit, kind_name(k));
  // Slab memory comes in kernel iterators only.
  if (copies)
    for (IterKind k : {IterKind::bvec, IterKind::kvec})
      boundary::declare("splice", kCopyFailure, kind_name(k));
}

void mark_copy_failure(const SpliceFacts &facts, IterKind kind) {
  if (facts.copy_failed_after)
    boundary::reach("splice", kCopyFailure, kind_name(kind), facts.copy_failed_after - 1, 1);
}

void mark_boundaries(size_t limit, size_t frags, size_t frags_after, const Op &op, IterPages *iter) {
  std::string path = kind_name(iter->kind);
  if (auto *i = std::get_if<Iter>(&op)) {
    *iter = IterPages{i->kind, 0};
  } else if (auto *g = std::get_if<Seg>(&op)) {
    uint32_t end = g->offset % kPage + g->len;  // from its first page's start
    iter->pages += (end + kPage - 1) / kPage;
    // Ends on a page's last byte (exact), one short of it (below) or one past (above).
    boundary::reach("splice", kPageEnd, path, (end + 1) % kPage, 1);
  } else if (std::get_if<Splice>(&op)) {
    if (frags == limit)
      boundary::hit("splice", kFragLimit, path, boundary::Side::above);  // a splice past the limit
    else if (frags_after + 1 == limit || frags_after == limit)
      boundary::reach("splice", kFragLimit, path, frags_after, limit);
    if (batch_reachable(iter->kind))
      boundary::reach("splice", kBatchPages, path, iter->pages, kBatch);
    if (frags <= limit)
      boundary::reach("splice", kFragRoom, path, limit - frags, kBatch);
  }
}

uint32_t length_to_page_end(uint32_t offset, uint32_t delta, uint32_t room) {
  uint32_t to_end = kPage - offset % kPage;
  return std::clamp<uint32_t>(to_end + delta % 3 - 1, 1, std::max<uint32_t>(1, room));
}

}  // namespace sc::splice
