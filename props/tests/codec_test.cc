// SPDX-License-Identifier: GPL-2.0-only
// The one trace format's byte side: every byte string decodes to a valid trace, which
// encodes to bytes that decode to it again; text traces survive the round trip; a
// truncated input is a shorter trace, never an error.
#include <props/trace_check.h>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <sstream>

namespace sc {
namespace {

const uint8_t *as_bytes(const std::string &s) { return reinterpret_cast<const uint8_t *>(s.data()); }

Target default_target(Harness h) {
  std::string why;
  return *make_target(h, "", "", &why);
}

void decodes_and_round_trips(Harness h, const std::vector<uint8_t> &bytes) {
  Target t = default_target(h);
  std::string trace = decode_input(h, t, bytes.data(), bytes.size());
  Harness back;
  Target bt;
  std::string why;
  auto raw = encode_trace(trace, &back, &bt, &why);
  RC_ASSERT(raw.has_value());
  RC_ASSERT(back == h);
  RC_ASSERT(decode_input(h, t, as_bytes(*raw), raw->size()) == trace);
  std::ostringstream out, err;
  RC_ASSERT(replay_trace("decoded", trace, out, err).has_value());  // a valid trace
}

RC_GTEST_PROP(Codec, AllocBytesDecodeToValidTraces, (const std::vector<uint8_t> &bytes)) {
  decodes_and_round_trips(Harness::alloc, bytes);
}
RC_GTEST_PROP(Codec, SpliceBytesDecodeToValidTraces, (const std::vector<uint8_t> &bytes)) {
  decodes_and_round_trips(Harness::splice, bytes);
}
RC_GTEST_PROP(Codec, TlsBytesDecodeToValidTraces, (const std::vector<uint8_t> &bytes)) {
  decodes_and_round_trips(Harness::tls, bytes);
}

TEST(Codec, TextTracesRoundTrip) {
  const char *traces[] = {
      "# splicecheck alloc pre-series gfp_zero_reuse\nAlloc cpu=3 fragsz=65536 gfp=GFP_ATOMIC|__GFP_ZERO align=4096\n"
      "Alloc cpu=0 fragsz=1 gfp=__GFP_HIGH|__GFP_COMP|__GFP_NOWARN align=1\nDirty idx=0\nFree idx=0\n"
      "FailPages mode=high_order\nFailAfter n=7\nReserve on=on\nDrain cpu=3\n",
      "# splicecheck splice v6.5 mut_len_unsigned\nLimit frags=17\nPrefill n=3\nCsum software=on\nIter kind=ubuf\n"
      "Seg backing=user offset=100 len=5000\nExtract fault=efault\nCopyFail on=on\nSplice maxsize=0\nFreeSkb\n",
      "# splicecheck tls v6.1\npath device\nfuzz v12 zc maxpay=64 send:0:eor sendmsg:1+2+3:more write:9 "
      "sendfile:131072@131072:short sendpage:5@7:more splice:3:more ctrl:4:21:more sleep:255\n",
  };
  for (const char *text : traces) {
    Harness h;
    Target t;
    std::string why;
    auto raw = encode_trace(text, &h, &t, &why);
    ASSERT_TRUE(raw) << why;
    EXPECT_EQ(decode_input(h, t, as_bytes(*raw), raw->size()), text);
  }
}

TEST(Codec, RefusesWhatTheBytesCannotHold) {
  Harness h;
  Target t;
  std::string why;
  EXPECT_FALSE(encode_trace("# splicecheck tls newest\nx v12 send:200000\n", &h, &t, &why));
  EXPECT_NE(why.find("beyond the fuzz range"), std::string::npos) << why;
  EXPECT_FALSE(encode_trace("not a trace\n", &h, &t, &why));
  EXPECT_NE(why.find("not a trace"), std::string::npos) << why;
  EXPECT_FALSE(encode_trace("# splicecheck alloc series\nFree idx=0\n", &h, &t, &why));  // nothing live
}

TEST(Codec, TruncatedInputIsAShorterTrace) {
  std::string why;
  Harness h;
  Target t;
  auto raw = encode_trace("# splicecheck alloc series\nAlloc cpu=0 fragsz=100 gfp=GFP_KERNEL align=1\n"
                          "Alloc cpu=1 fragsz=200 gfp=GFP_ATOMIC align=64\n",
                          &h, &t, &why);
  ASSERT_TRUE(raw);
  for (size_t n = 0; n <= raw->size(); n++) {
    std::string trace = decode_input(h, t, as_bytes(*raw), n);
    EXPECT_EQ(trace.rfind("# splicecheck alloc series\n", 0), 0u);
  }
  EXPECT_EQ(decode_input(h, t, as_bytes(*raw), 0), "# splicecheck alloc series\n");
}

TEST(Codec, TargetsAreChecked) {
  std::string why;
  EXPECT_FALSE(make_target(Harness::alloc, "newest", "", &why));
  EXPECT_NE(why.find("unknown alloc profile 'newest'"), std::string::npos);
  EXPECT_FALSE(make_target(Harness::alloc, "p05", "gfp_zero_reuse", &why));
  EXPECT_NE(why.find("does not apply to profile p05"), std::string::npos);
  EXPECT_FALSE(make_target(Harness::splice, "", "gfp_zero_reuse", &why));
  auto t = make_target(Harness::tls, "", "mut_tls_more_ignored", &why);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->bug, parse_bug("mut_tls_more_ignored"));
}

}  // namespace
}  // namespace sc
