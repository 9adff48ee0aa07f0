// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/generate.h>

#include <random>

namespace sc::oracle {
namespace {

using tls::Flag;
using tls::OpKind;
using tls::SockOp;

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  uint32_t in(uint32_t lo, uint32_t hi) { return std::uniform_int_distribution<uint32_t>(lo, hi)(rng_); }
  bool chance(unsigned percent) { return in(1, 100) <= percent; }
  template <typename T, size_t N> T pick(const T (&items)[N]) { return items[in(0, N - 1)]; }

  uint32_t size() {
    static const uint32_t edges[] = {4095, 4096, 4097, 16383, 16384, 16385, 32768};
    unsigned r = in(1, 20);
    return r <= 12 ? in(1, 3000) : r <= 16 ? pick(edges) : r <= 19 ? in(3001, 70000) : 0;
  }

  SockOp op() {
    SockOp op;
    static const OpKind kinds[] = {OpKind::send,   OpKind::send,  OpKind::sendmsg, OpKind::write,
                                   OpKind::sendfile, OpKind::splice, OpKind::splice, OpKind::ctrl, OpKind::sleep};
    op.kind = pick(kinds);
    switch (op.kind) {
    case OpKind::sendmsg:
      for (uint32_t n = in(1, 4); n > 0; n--)
        op.sizes.push_back(size());
      [[fallthrough]];
    case OpKind::send:
      if (op.sizes.empty())
        op.sizes = {size()};
      op.flag = chance(40) ? Flag::more : chance(15) ? Flag::eor : Flag::none;
      break;
    case OpKind::write:
      op.sizes = {size()};
      break;
    case OpKind::sendfile:
      op.sizes = {std::max<uint32_t>(1, size())};
      op.offset = chance(60) ? 0 : in(1, 8192);
      op.flag = chance(25) ? Flag::short_file : Flag::none;
      break;
    case OpKind::splice:
      op.sizes = {std::max<uint32_t>(1, size())};
      op.flag = chance(50) ? Flag::more : Flag::none;
      break;
    case OpKind::ctrl:
      op.sizes = {in(0, 300)};
      op.record_type = chance(50) ? 21 : 22;
      op.flag = chance(10) ? Flag::more : Flag::none;
      break;
    default:
      op.sizes = {in(0, 3)};
      break;
    }
    return op;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

std::vector<tls::Scenario> random_scenarios(uint64_t seed, int count, bool max_payload) {
  Gen g(seed);
  std::vector<tls::Scenario> out;
  for (int i = 0; i < count; i++) {
    tls::Scenario s;
    s.name = "r" + std::to_string(seed) + "_" + std::to_string(i + 1);
    s.tls13 = g.chance(50);
    s.zerocopy = g.chance(15);
    s.shut = g.chance(15);
    if (max_payload && g.chance(20))
      s.max_payload = g.chance(50) ? g.in(tls::kMinMaxPayload, 2048) : g.in(2049, tls::kMaxRecordPayload);
    for (uint32_t n = g.in(1, 5); n > 0; n--) {
      if (g.chance(8)) {  // a run of small MSG_MORE splices: the entry limit closes records
        SockOp op{OpKind::splice, {g.in(1, 200)}, Flag::more};
        s.ops.insert(s.ops.end(), g.in(14, 22), op);
      } else {
        s.ops.push_back(g.op());
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sc::oracle
