// xlsaot fuzz: generates random programs, runs each on the interpreter and
// the JIT, and reports every disagreement with the seed that reproduces it.
#include "tools/fuzz_command.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>

#include "CLI/CLI.hpp"
#include "fuzz/differential.h"
#include "tools/diagnostics.h"

namespace xlsaot {
namespace {

struct FuzzFlags {
  uint64_t seed = 0;
  int count = 100;
  int max_nodes = GeneratorOptions().max_nodes;
  int opt_level = 2;
  std::string dump_dir;
};

// Every line of a multi-line outcome, indented under its heading.
std::string Indented(const std::string& text) {
  std::string out = "    ";
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += "    ";
  }
  return out;
}

// Writes the reproducer of a disagreement to DIR/fuzz_SEED.ir; returns the
// path or an error.
Result<std::string> DumpProgram(const std::string& dir, const Disagreement& d) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kInvalidArgument, dir + ": cannot create directory: " + ec.message());
  const std::string path = (std::filesystem::path(dir) / ("fuzz_" + std::to_string(d.seed) + ".ir")).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << FormatReproducer(d);
  out.close();
  if (!out) return MakeError(ErrorCode::kInvalidArgument, path + ": cannot write file");
  return path;
}

int RunFuzz(const FuzzFlags& flags) {
  DifferentialOptions options;
  options.seed = flags.seed;
  options.count = flags.count;
  options.opt_level = flags.opt_level;
  options.generator.max_nodes = flags.max_nodes;
  Result<DifferentialReport> report = RunDifferential(options);
  if (!report.ok()) return ReportError(report.error());

  for (const Disagreement& d : report->disagreements) {
    std::printf("disagreement: seed %llu\n", static_cast<unsigned long long>(d.seed));
    std::printf("  args: %s\n", d.args.empty() ? "(none: compilation)" : d.args.c_str());
    std::printf("  interpreter:\n%s\n", Indented(d.expected).c_str());
    std::printf("  jit:\n%s\n", Indented(d.actual).c_str());
    if (!flags.dump_dir.empty()) {
      Result<std::string> path = DumpProgram(flags.dump_dir, d);
      if (!path.ok()) return ReportError(path.error());
      std::printf("  program: %s\n", path->c_str());
    }
  }
  std::printf("%d programs, %d evaluations, %zu disagreements\n", report->programs, report->evaluations,
              report->disagreements.size());
  std::fflush(stdout);
  return report->disagreements.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command AddFuzzCommand(CLI::App& parent) {
  auto flags = std::make_shared<FuzzFlags>();
  CLI::App* app = parent.add_subcommand(
      "fuzz", "Compare the JIT with the interpreter on random programs");
  app->add_option("--seed", flags->seed,
                  "Seed of the first program; program i uses seed + i, so a reported seed "
                  "reproduces its program with --count 1")
      ->required();
  app->add_option("--count", flags->count, "Number of programs")->required()->check(CLI::NonNegativeNumber);
  app->add_option("--max-nodes", flags->max_nodes, "Operations chosen per top function")
      ->check(CLI::Range(1, 100000));
  app->add_option("-O,--opt-level", flags->opt_level, "LLVM optimisation level of the JIT (0-3)")
      ->check(CLI::Range(0, 3));
  app->add_option("--dump-dir", flags->dump_dir, "Directory for the IR of each disagreeing program");
  return Command{app, [flags] { return RunFuzz(*flags); }};
}

}  // namespace xlsaot
