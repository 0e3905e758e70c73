// xlsaot fuzz: generates random programs, runs each on the interpreter and
// the compiled engines (JIT, ahead-of-time object), and reports every
// disagreement with the seed and options that reproduce it.
#include "tools/fuzz_command.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <system_error>

#include "CLI/CLI.hpp"
#include "fuzz/differential.h"
#include "tools/diagnostics.h"

namespace xlsaot {
namespace {

struct FuzzFlags {
  uint64_t seed = 0;
  int count = 100;
  std::optional<int> max_nodes;  // the profile's when unset
  int opt_level = 2;
  std::vector<std::string> engines = DifferentialOptions().engines;
  std::string profile = "default";
  std::string dump_dir;
};

// The options of a run that decide which program a seed means, as flags:
// with them a reported seed reproduces its program with --count 1.
std::string ProgramShapingFlags(const FuzzFlags& flags) {
  std::string text = "--profile " + flags.profile;
  for (const std::string& engine : flags.engines) text += " --engine " + engine;
  if (flags.max_nodes) text += " --max-nodes " + std::to_string(*flags.max_nodes);
  text += " -O" + std::to_string(flags.opt_level);
  return text;
}

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
Result<std::string> DumpProgram(const std::string& dir, const Disagreement& d, const std::string& run_flags) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, dir + ": cannot create directory: " + ec.message());
  const std::string path = (std::filesystem::path(dir) / ("fuzz_" + std::to_string(d.seed) + ".ir")).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << FormatReproducer(d, run_flags);
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, path + ": cannot write file");
  return path;
}

int RunFuzz(const FuzzFlags& flags) {
  DifferentialOptions options;
  options.seed = flags.seed;
  options.count = flags.count;
  options.opt_level = flags.opt_level;
  options.engines = flags.engines;
  options.generator = flags.profile == "stress" ? StressGeneratorOptions() : GeneratorOptions();
  if (flags.max_nodes) options.generator.max_nodes = *flags.max_nodes;
  const std::string run_flags = ProgramShapingFlags(flags);
  Result<DifferentialReport> report = RunDifferential(options);
  if (!report.ok()) return ReportError(report);

  for (const Disagreement& d : report->disagreements) {
    std::printf("disagreement: seed %llu, engine %s (reproduce: xlsaot fuzz --seed %llu --count 1 %s)\n",
                static_cast<unsigned long long>(d.seed), d.engine.c_str(), static_cast<unsigned long long>(d.seed),
                run_flags.c_str());
    std::printf("  args: %s\n", d.args.empty() ? "(none: compilation)" : d.args.c_str());
    std::printf("  interpreter:\n%s\n", Indented(d.expected).c_str());
    std::printf("  %s:\n%s\n", d.engine.c_str(), Indented(d.actual).c_str());
    if (!flags.dump_dir.empty()) {
      Result<std::string> path = DumpProgram(flags.dump_dir, d, run_flags);
      if (!path.ok()) return ReportError(path);
      std::printf("  program: %s\n", path->c_str());
    }
  }
  std::printf("%s\n", FormatSummary(*report).c_str());
  std::fflush(stdout);
  return report->disagreements.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command AddFuzzCommand(CLI::App& parent) {
  auto flags = std::make_shared<FuzzFlags>();
  CLI::App* app = parent.add_subcommand(
      "fuzz", "Compare the JIT and ahead-of-time objects with the interpreter on random programs");
  app->add_option("--seed", flags->seed,
                  "Seed of the first program; program i uses seed + i, so a reported seed "
                  "reproduces its program with --count 1")
      ->required();
  app->add_option("--count", flags->count, "Number of programs")->required()->check(CLI::NonNegativeNumber);
  app->add_option("--max-nodes", flags->max_nodes, "Operations chosen per top function (default 40)")
      ->check(CLI::Range(1, 100000));
  app->add_option("-O,--opt-level", flags->opt_level, "LLVM optimisation level of the compiled engines (0-3)")
      ->check(CLI::Range(0, 3));
  app->add_option("--engine", flags->engines,
                  "Engine compared with the interpreter: " + EngineNameList() + " (repeatable; default: jit, aot)")
      ->check(CLI::IsMember(EngineNames()))
      ->take_all()
      ->delimiter(',');
  app->add_option("--profile", flags->profile,
                  "Program shapes: default, or stress (widths to 4096 bits, deep nesting, loop state beyond "
                  "the stack cutoff, trip counts to 1000)")
      ->check(CLI::IsMember({"default", "stress"}));
  app->add_option("--dump-dir", flags->dump_dir, "Directory for the IR of each disagreeing program");
  return Command{app, [flags] { return RunFuzz(*flags); }};
}

}  // namespace xlsaot
