// Runs a body on several threads that start together, each over its own
// share of the iterations, and collects per-thread counts and the first
// mismatch of each thread. Results are compared only after every thread
// has joined: gtest assertions are not used inside the threads.
#ifndef XLSAOT_TESTS_CONCURRENCY_THREAD_HARNESS_H_
#define XLSAOT_TESTS_CONCURRENCY_THREAD_HARNESS_H_

#include <cstdint>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace xlsaot::test {

struct ThreadReport {
  int64_t calls = 0;       // calls whose result was checked
  int64_t mismatches = 0;  // calls that failed or returned a wrong result
  std::string first_failure;

  void Fail(std::string what) {
    if (mismatches++ == 0) first_failure = std::move(what);
  }
};

// `body(thread, report)` runs once on each of `threads` threads. Threads
// wait for each other before calling it so that their calls overlap rather
// than run one after another while the next thread is being created.
inline std::vector<ThreadReport> RunOnThreads(int threads,
                                              const std::function<void(uint32_t, ThreadReport&)>& body) {
  std::vector<ThreadReport> reports(static_cast<size_t>(threads));
  std::latch start(threads);
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      start.arrive_and_wait();
      body(static_cast<uint32_t>(t), reports[static_cast<size_t>(t)]);
    });
  }
  for (std::thread& worker : workers) worker.join();
  return reports;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_CONCURRENCY_THREAD_HARNESS_H_
