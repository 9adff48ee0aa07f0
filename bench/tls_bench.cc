// SPDX-License-Identifier: GPL-2.0-only
// TLS transmit throughput: the kernel mirrors (newest; socket setup, the send path, AES-GCM
// sealing of every record, close) against OpenSSL's own SSL_write() writing the same
// records (one SSL_write per record the model predicts), for TLS 1.2 and 1.3.
// Counters: records/s and bytes/s of plaintext.
#include <api/tls_scenario.h>
#include <benchmark/benchmark.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>
#include <props/tls_peer.h>

#include <malloc.h>

#include <stdexcept>
#include <string>

namespace {

using namespace sc;
using namespace sc::tls;

std::string repeat(const std::string &op, int n) {
  std::string out;
  for (int i = 0; i < n; i++)
    out += " " + op;
  return out;
}

// The workloads: bulk copies, many small sends, page-cache data, and small MORE splices
// (records closed at the sk_msg entry limit).
const std::pair<const char *, std::string> kWorkloads[] = {
    {"send_1MiB", "send:1048576"},
    {"send_1000x1000", repeat("send:1000", 1000)},
    {"sendfile_1MiB", "sendfile:1048576"},
    {"splice_340x100_more", repeat("splice:100:more", 340) + " send:1"},
};

Scenario scenario(int workload, bool tls13) {
  std::string why;
  auto s = parse_scenario(std::string("bench ") + (tls13 ? "v13 " : "v12 ") + kWorkloads[workload].second, &why);
  if (!s)
    throw std::logic_error("bench scenario: " + why);
  return *s;
}

void set_counters(benchmark::State &state, size_t records, size_t bytes) {
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetLabel(kWorkloads[state.range(0)].first);
}

void BM_impl(benchmark::State &state, Path path) {
  bool tls13 = state.range(1);
  Scenario s = scenario(static_cast<int>(state.range(0)), tls13);
  Result m = split_records(s, rules_newest(), path);
  size_t bytes = 0;
  for (const auto &r : m.records)
    bytes += r.plaintext;
  for (auto _ : state) {
    ImplRun run = run_impl(s, Profile::tls_newest, path);
    benchmark::DoNotOptimize(run.wire.data());
  }
  set_counters(state, m.records.size(), bytes);
}

void BM_openssl(benchmark::State &state) {
  bool tls13 = state.range(1);
  Scenario s = scenario(static_cast<int>(state.range(0)), tls13);
  Result m = split_records(s, rules_newest(), Path::sw);
  std::string why;
  auto peer = OpenSslPeer::connect(tls13, &why);
  if (!peer) {
    state.SkipWithError(why.c_str());
    return;
  }
  std::vector<uint8_t> plain(kMaxRecordPayload, 0x5a);
  size_t bytes = 0;
  for (const auto &r : m.records)
    bytes += r.plaintext;
  for (auto _ : state)
    for (const auto &r : m.records)
      benchmark::DoNotOptimize(peer->client_write(plain.data(), r.plaintext));
  set_counters(state, m.records.size(), bytes);
}

void args(benchmark::internal::Benchmark *b) {
  for (int w = 0; w < static_cast<int>(std::size(kWorkloads)); w++)
    for (int v13 : {0, 1})
      b->Args({w, v13});
  b->ArgNames({"workload", "tls13"})->Unit(benchmark::kMicrosecond);
}

void device_args(benchmark::internal::Benchmark *b) {
  for (int w = 0; w < static_cast<int>(std::size(kWorkloads)); w++)
    b->Args({w, 0});  // the offload is TLS 1.2 only
  b->ArgNames({"workload", "tls13"})->Unit(benchmark::kMicrosecond);
}

BENCHMARK_CAPTURE(BM_impl, sw, Path::sw)->Apply(args);
BENCHMARK_CAPTURE(BM_impl, device, Path::device)->Apply(device_args);
BENCHMARK(BM_openssl)->Apply(args);

}  // namespace

// A campaign runs scenario after scenario: keep freed megabyte buffers in the heap, as a
// long run's steady state does, instead of mapping fresh zero pages every iteration.
int main(int argc, char **argv) {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
