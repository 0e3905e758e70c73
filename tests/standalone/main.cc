// A program that runs XLS functions compiled ahead of time, linking only
// the generated libraries and the xlsaot runtime: no LLVM, no IR library, no
// compiler. It checks its own results and exits non-zero on any mismatch.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

#include "checks_div.h"
#include "checks_mul.h"
#include "checks_traced.h"
#include "crc32.h"
#include "pipeline.h"

namespace {

int failures = 0;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::printf("MISMATCH: %s\n", what);
    ++failures;
  }
}

}  // namespace

// Only the standard library's std::bad_alloc can leave main; terminating on
// it is the right end for this test program.
int main() {  // NOLINT(bugprone-exception-escape)
  // CRC-32 of "123456789", one byte per call, through one runner.
  auto crc = standalone::crc32::Runner::Create();
  if (!crc.ok()) {
    std::printf("error: %s\n", crc.error().c_str());
    return 1;
  }
  uint32_t state = 0xffffffff;
  for (char c : std::string_view("123456789")) {
    auto next = crc->Run(state, static_cast<uint8_t>(c));
    if (!next.ok()) {
      std::printf("error: %s\n", next.error().c_str());
      return 1;
    }
    state = *next;
  }
  std::printf("crc32(\"123456789\") = %08x\n", static_cast<unsigned>(~state));
  Check(~state == 0xcbf43926u, "crc32 check value");

  // A 128-bit product: xlsaot::Bits<128>.
  auto mul = standalone::mul::Runner::Create();
  if (!mul.ok()) {
    std::printf("error: %s\n", mul.error().c_str());
    return 1;
  }
  auto product = mul->Run(UINT64_MAX, UINT64_MAX);
  Check(product.ok(), "mul_wide runs");
  if (product.ok()) {
    std::printf("mul_wide(2^64-1, 2^64-1) = %s\n", product->ToHex().c_str());
    Check(product->ToHex() == "0xfffffffffffffffe0000000000000001", "mul_wide product");
  }

  // An assertion: an error result from Run, the messages from RunWithEvents.
  auto div = standalone::div::Runner::Create();
  if (!div.ok()) {
    std::printf("error: %s\n", div.error().c_str());
    return 1;
  }
  auto quotient = div->Run({}, 42, 5);
  Check(quotient.ok() && *quotient == 8, "checked_div(42, 5)");
  if (quotient.ok()) std::printf("checked_div(42, 5) = %u\n", static_cast<unsigned>(*quotient));
  auto by_zero = div->Run({}, 42, 0);
  Check(!by_zero.ok() && by_zero.code() == xlsaot::ErrorCode::kAssertionFailed,
        "checked_div(42, 0) fails");
  std::printf("checked_div(42, 0) -> %s\n", by_zero.ok() ? "no error" : by_zero.error().c_str());
  auto events = div->RunWithEvents({}, 42, 0);
  Check(events.ok() && events->assertions.size() == 1 &&
            events->assertions[0] == "division by zero",
        "checked_div(42, 0) events");

  // Traces and covers of an artifact compiled with events.
  auto traced = standalone::traced::Runner::Create();
  if (!traced.ok()) {
    std::printf("error: %s\n", traced.error().c_str());
    return 1;
  }
  auto with_events = traced->RunWithEvents(200, 100);
  Check(with_events.ok() && with_events->output == 44, "traced_sum(200, 100)");
  if (with_events.ok()) {
    for (const xlsaot::Event& e : with_events->events.log) std::printf("trace: %s\n", e.text.c_str());
    for (const auto& [label, count] : with_events->events.cover_hits)
      std::printf("cover: %s x %lld\n", label.c_str(), static_cast<long long>(count));
    Check(with_events->events.log.size() == 1 && with_events->events.log[0].text == "200 + 100 = 0x2c",
          "traced_sum trace");
    Check(with_events->events.cover_hits.size() == 1 && with_events->events.cover_hits.begin()->second == 1,
          "traced_sum cover");
  }

  // A proc network: five procs passing values through channels.
  {
    auto network = standalone::pipeline::Network::Create();
    if (!network.ok()) {
      std::printf("error: %s\n", network.error().c_str());
      return 1;
    }
    for (uint32_t x : {1u, 2u, 3u}) Check(network->Send_in(x).ok(), "pipeline send");
    Check(network->Tick(3).ok(), "pipeline ticks");
    std::printf("pipeline(1, 2, 3) =");
    uint32_t sum = 0;
    while (std::optional<uint32_t> y = network->Receive_out()) {
      std::printf(" %u", static_cast<unsigned>(*y));
      sum += *y;
    }
    std::printf("\n");
    Check(sum == 81 + 270 + 621 && network->State_pipeline_count() == 3, "pipeline outputs");
  }

  std::printf(failures == 0 ? "all results correct\n" : "%d results wrong\n", failures);
  return failures == 0 ? 0 : 1;
}
