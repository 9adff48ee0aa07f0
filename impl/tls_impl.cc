// SPDX-License-Identifier: GPL-2.0-only
#include <impl/tls_impl.h>

#include <array>

#include <api/bugs.h>
#include <impl/net/tls/tls.h>
#include <sc/bounds.h>
#include <sc/op_budget.h>
#include <api/no_coverage.h>
#include <sc/page_supply.h>
#include <sc/splice_layer.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <stdexcept>

namespace sc::tls {
namespace {

TlsLevel level_of(Profile p) {
  return p == Profile::tls_v6_1 ? TlsLevel::v6_1 : p == Profile::tls_v6_5 ? TlsLevel::v6_5 : TlsLevel::newest;
}

// Enough pages for a 16 MiB op through a pipe, plus the socket's fragments.
constexpr size_t kSupplyPages = 6144;

// A supply the scenario's size (a new supply clears the metadata of every page: 6144
// pages were most of a small fuzz input's time): each op's pages twice (a pipe's or the
// file's, and the records' copies), the quarantine's 32 blocks of up to 8 pages and the
// socket's fragments, 8-page blocks for the order-3 refills; never more than a 16 MiB op
// needs. A power of two, so the few sizes find their arenas in the supply's pool.
size_t supply_pages(const Scenario &s) {
  uint64_t pages = 1024;
  for (const auto &op : s.ops)
    pages += 2 * ((uint64_t{op.offset} + op.bytes()) / 4096 + 8);
  return std::min<uint64_t>(std::bit_ceil(pages), kSupplyPages);
}

// The pieces an op may be cut into (shim/sc/op_budget.h): a record per smallest payload
// limit, a page of slack for the file offset, and its iovecs.
uint64_t work_pieces(const SockOp &op) {
  return (uint64_t{op.offset % 4096} + op.bytes()) / kMinMaxPayload + 1 + op.sizes.size();
}

}  // namespace

// No coverage instrumentation: a compare traced per byte, in a loop with no branch worth
// steering, was 45% of the TLS fuzz harness's time.
SC_NO_COVERAGE void fill_content(size_t op_index, uint64_t first, uint8_t *out, size_t n) {
  // The low byte of k * 7 depends only on the low byte of k: one table, then a constant
  // per 256-byte block, so the loop vectorizes.
  static const auto low = [] {
    std::array<uint8_t, 256> t{};
    for (unsigned j = 0; j < 256; j++)
      t[j] = static_cast<uint8_t>(j * 7);
    return t;
  }();
  for (size_t j = 0; j < n;) {
    uint64_t k = first + j;
    auto hi = static_cast<uint8_t>((op_index * 151) ^ (k >> 8) ^ (k >> 16));
    size_t run = std::min<size_t>(n - j, 256 - (k & 255));
    const uint8_t *t = low.data() + (k & 255);
    for (size_t r = 0; r < run; r++)
      out[j + r] = t[r] ^ hi;
    j += run;
  }
}

ImplRun run_impl(const Scenario &s, Profile profile, Path path, const TlsKeys *keys) {
  ImplRun out;
  shim::PageSupply supply(supply_pages(s));
  TlsLevel level = level_of(profile);
  shim::SpliceEra era = level == TlsLevel::v6_1 ? shim::SpliceEra::sendpage : shim::SpliceEra::splice_pages;
  tls_context ctx;
  ctx.level = level;
  ctx.full_list_fixes = profile != Profile::tls_v6_12 || fix_on(BugId::tls_v612_copy_fills_open);
  ctx.tls13 = s.tls13;
  ctx.zerocopy_sendfile = s.zerocopy;
  ctx.prepend_size = prepend_size(s.tls13);
  ctx.overhead_size = overhead_size(s.tls13);
  ctx.sealer = std::make_unique<RecordSealer>(keys ? *keys : fixed_test_keys(s.tls13));
  uint64_t asked = 0;
  for (const auto &op : s.ops)
    asked += op.bytes();
  // The readers refuse such a scenario; reaching here with one is a bug of ours, said
  // before the buffers below are sized for it.
  if (asked > kMaxScenarioBytes)
    throw std::length_error("a TLS scenario asking " + std::to_string(asked) + " bytes reached the mirror (at most " +
                            std::to_string(kMaxScenarioBytes) + " may)");
  // The stream is about the bytes asked plus a record's overhead per 4 KiB at most: one
  // allocation instead of a doubling series.
  ctx.wire.reserve(asked + (asked / 4096 + s.ops.size() + 1) * (prepend_size(true) + overhead_size(false) + 8));
  out.accepted.reserve(asked);
  out.accepted_types.reserve(asked);
  struct sock sk = {};
  sk.sk_user_data = &ctx;
  struct socket sock = {path == Path::sw ? tls_sw_proto_ops(level) : tls_device_proto_ops(level), &sk};

  // setsockopt(TLS_TX_MAX_PAYLOAD_LEN): newest only; an older kernel refuses it and the
  // scenario runs no further.
  if (s.max_payload && profile != Profile::tls_newest) {
    out.returns.assign(s.ops.size(), -ENOPROTOOPT);
    return out;
  }
  if (s.max_payload)
    ctx.tx_max_payload_len = *s.max_payload;

  // Each op (and close) within its work budget; one that loops without progress is
  // abandoned, and the socket is still closed so its records are freed.
  shim::OpBudget budget(0);
  size_t index = 0;
  auto open_full = [&ctx] { return ctx.open_rec && sk_msg_full(&ctx.open_rec->msg_plaintext); };
  try {
    for (size_t i = 0; i < s.ops.size(); i++) {
      const SockOp &op = s.ops[i];
      index = i + 1;
      budget.next_op(shim::op_work_limit(work_pieces(op)));
      out.facts.push_back({});
      uint64_t pushed_full = ctx.full_lists_pushed, kept_full_open = ctx.full_lists_kept_open;
      std::vector<uint8_t> offered(op.bytes());
      int64_t ret = 0;
      uint8_t type = TLS_RECORD_TYPE_DATA;
      switch (op.kind) {
      case OpKind::send:
      case OpKind::sendmsg:
      case OpKind::write:
      case OpKind::ctrl: {
        fill_content(index, 0, offered.data(), offered.size());
        std::vector<struct iovec> iov;
        size_t at = 0;
        for (uint32_t n : op.sizes) {
          iov.push_back({offered.data() + at, n});
          at += n;
        }
        struct msghdr msg = {};
        iov_iter_init(&msg.msg_iter, ITER_SOURCE, iov.data(), iov.size(), offered.size());
        msg.msg_flags = op.flag == Flag::more ? MSG_MORE : op.flag == Flag::eor ? MSG_EOR : 0;
        if (op.kind == OpKind::ctrl) {
          msg.msg_controllen = 1;
          msg.record_type = op.record_type;
          type = op.record_type;
        }
        ret = sock.ops->sendmsg(&sock, &msg, offered.size());
        break;
      }
      case OpKind::splice: {
        fill_content(index, 0, offered.data(), offered.size());
        shim::Pipe pipe;
        pipe.write(offered.data(), offered.size());
        ret = shim::splice_to_socket(era, pipe, &sock, offered.size(), op.flag == Flag::more ? shim::SPLICE_F_MORE : 0);
        break;
      }
      case OpKind::sendfile:
      case OpKind::sendpage: {
        shim::File file{uint64_t{op.offset} + op.bytes(),
                        [index](uint64_t pos, uint8_t *to, size_t n) { fill_content(index, pos, to, n); }};
        fill_content(index, op.offset, offered.data(), offered.size());
        if (op.kind == OpKind::sendfile)
          ret = shim::do_sendfile(era, file, op.offset, op.bytes() + (op.flag == Flag::short_file ? kShortFileAsk : 0),
                                  &sock);
        else
          ret = shim::kernel_sendpages(era, file, op.offset, op.bytes(), op.flag == Flag::more, &sock);
        break;
      }
      case OpKind::sleep:
        break;
      case OpKind::sndbuf:
        sc_sk_memory_short(op.sizes[0], op.flag == Flag::intr ? -EINTR : -EAGAIN);
        break;
      }
      out.facts.back().full_after = open_full();
      out.facts.back().pushed_full = ctx.full_lists_pushed != pushed_full;
      out.facts.back().kept_full_open = ctx.full_lists_kept_open != kept_full_open;
      out.returns.push_back(ret);
      size_t took = ret > 0 ? std::min(static_cast<size_t>(ret), offered.size()) : 0;
      out.accepted.insert(out.accepted.end(), offered.begin(), offered.begin() + static_cast<ptrdiff_t>(took));
      out.accepted_types.insert(out.accepted_types.end(), took, type);
      for (auto &what : shim::take_overruns())
        out.overruns.push_back({index, what});
    }
  } catch (const shim::NoProgress &np) {
    out.no_progress = Overrun{index, np.text()};
  }
  // shutdown() and close(): an open record is freed, never sent.
  try {
    budget.next_op(shim::op_work_limit(asked / kMinMaxPayload));
    out.discarded = path == Path::sw ? tls_sw_release_resources_tx(&sk) : tls_device_free_resources_tx(&sk);
  } catch (const shim::NoProgress &np) {
    if (!out.no_progress)
      out.no_progress = Overrun{s.ops.size() + 1, np.text()};
  }
  sk_page_frag_release(&sk);
  sc_sk_memory_short(0, 0);  // a shortage armed but never met ends with the scenario
  for (auto &what : shim::take_overruns())
    out.overruns.push_back({s.ops.size() + 1, what});
  out.wire = std::move(ctx.wire);
  out.page_errors = supply.take_errors();
  if (supply.live_blocks())
    out.page_errors.push_back(std::to_string(supply.live_blocks()) + " page blocks still held after close");
  return out;
}

}  // namespace sc::tls
