// xlsaot_bench: runs every benchmark with the usual Google Benchmark flags,
// then prints a summary of the kernels — calls per second per backend and
// the ratio of the JIT's, the AOT artifact's and the Verilator model's time
// to the hand-written C++'s.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace {

double Seconds(double time, benchmark::TimeUnit unit) {
  switch (unit) {
    case benchmark::kNanosecond: return time * 1e-9;
    case benchmark::kMicrosecond: return time * 1e-6;
    case benchmark::kMillisecond: return time * 1e-3;
    case benchmark::kSecond: return time;
  }
  return time;
}

// The console output as usual, plus the CPU time per iteration of every
// successful run, by benchmark name (one entry per repetition).
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal, so that saved output stays plain text.
  SummaryReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      seconds_[run.run_name.str()].push_back(Seconds(run.GetAdjustedCPUTime(), run.time_unit));
    }
  }

  void PrintKernelSummary() const {
    static const char* kBackends[] = {"interpreter", "jit_values", "jit_runner", "jit", "aot", "verilator", "cpp"};
    // Time per call relative to the C++: the columns after the rates.
    static const char* kRatios[] = {"jit", "aot", "verilator"};
    std::map<std::string, std::map<std::string, double>> kernels;  // kernel -> backend -> s/call
    for (const auto& [name, times] : seconds_) {
      if (!name.starts_with("kernel/")) continue;
      const size_t slash = name.rfind('/');
      std::vector<double> sorted = times;
      std::sort(sorted.begin(), sorted.end());
      kernels[name.substr(7, slash - 7)][name.substr(slash + 1)] = sorted[sorted.size() / 2];
    }
    if (kernels.empty()) return;
    std::printf("\nKernel summary: calls per second of CPU time (median over repetitions)\n");
    size_t width = 6;
    for (const auto& entry : kernels) width = std::max(width, entry.first.size());
    const int w = static_cast<int>(width);
    std::printf("%-*s", w, "kernel");
    for (const char* backend : kBackends) std::printf(" %12s", backend);
    for (const char* backend : kRatios) std::printf(" %13s", (std::string(backend) + "/cpp").c_str());
    std::printf("\n");
    for (const auto& [kernel, backends] : kernels) {
      std::printf("%-*s", w, kernel.c_str());
      for (const char* backend : kBackends) {
        auto it = backends.find(backend);
        if (it == backends.end()) {
          std::printf(" %12s", "-");
        } else {
          std::printf(" %12.4g", 1.0 / it->second);
        }
      }
      auto cpp = backends.find("cpp");
      for (const char* backend : kRatios) {
        auto it = backends.find(backend);
        if (it == backends.end() || cpp == backends.end()) {
          std::printf(" %13s", "-");
        } else {
          std::printf(" %12.2fx", it->second / cpp->second);
        }
      }
      std::printf("\n");
    }
  }

 private:
  std::map<std::string, std::vector<double>> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintKernelSummary();
  benchmark::Shutdown();
  return 0;
}
