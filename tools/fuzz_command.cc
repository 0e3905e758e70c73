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
#include "fuzz/proc_differential.h"
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
  // Proc networks instead of functions, each run for `ticks` ticks.
  bool procs = false;
  int ticks = ProcDifferentialOptions().ticks;
};

// The options of a run that decide which program a seed means, as flags:
// with them a reported seed reproduces its program with --count 1.
std::string ProgramShapingFlags(const FuzzFlags& flags) {
  std::string text = flags.procs ? "--procs --ticks " + std::to_string(flags.ticks) + " " : "";
  text += "--profile " + flags.profile;
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

// Writes `text` to DIR/NAME; returns the path or an error.
Result<std::string> WriteDumpFile(const std::string& dir, const std::string& name, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, dir + ": cannot create directory: " + ec.message());
  const std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, path + ": cannot write file");
  return path;
}

Result<DifferentialReport> RunFunctions(const FuzzFlags& flags) {
  DifferentialOptions options;
  options.seed = flags.seed;
  options.count = flags.count;
  options.opt_level = flags.opt_level;
  options.engines = flags.engines;
  options.generator = flags.profile == "stress" ? StressGeneratorOptions() : GeneratorOptions();
  if (flags.max_nodes) options.generator.max_nodes = *flags.max_nodes;
  return RunDifferential(options);
}

Result<DifferentialReport> RunProcs(const FuzzFlags& flags) {
  ProcDifferentialOptions options;
  options.seed = flags.seed;
  options.count = flags.count;
  options.ticks = flags.ticks;
  options.opt_level = flags.opt_level;
  options.engines = flags.engines;
  const GeneratorOptions defaults = ProcGeneratorOptions::DefaultProcBodyOptions();
  GeneratorOptions& body = options.generator.body;
  body = flags.profile == "stress" ? StressGeneratorOptions() : GeneratorOptions();
  body.max_nodes = flags.max_nodes.value_or(defaults.max_nodes);
  body.max_helpers = defaults.max_helpers;
  return RunProcDifferential(options);
}

int RunFuzz(const FuzzFlags& flags) {
  const std::string run_flags = ProgramShapingFlags(flags);
  Result<DifferentialReport> report = flags.procs ? RunProcs(flags) : RunFunctions(flags);
  if (!report.ok()) return ReportError(report);

  for (const Disagreement& d : report->disagreements) {
    const std::string seed = std::to_string(d.seed);
    std::printf("disagreement: seed %s, engine %s (reproduce: xlsaot fuzz --seed %s --count 1 %s)\n", seed.c_str(),
                d.engine.c_str(), seed.c_str(), run_flags.c_str());
    if (d.proc_network) {
      std::printf("  first difference: %s\n", d.where.c_str());
    } else {
      std::printf("  args: %s\n", d.args.empty() ? "(none: compilation)" : d.args.c_str());
    }
    std::printf("  interpreter:\n%s\n", Indented(d.expected).c_str());
    std::printf("  %s:\n%s\n", d.engine.c_str(), Indented(d.actual).c_str());
    if (!flags.dump_dir.empty()) {
      Result<std::string> path = WriteDumpFile(flags.dump_dir, "fuzz_" + seed + ".ir", FormatReproducer(d, run_flags));
      if (!path.ok()) return ReportError(path);
      std::printf("  program: %s\n", path->c_str());
      if (d.proc_network) {
        Result<std::string> script = WriteDumpFile(flags.dump_dir, "fuzz_" + seed + ".script", d.args);
        if (!script.ok()) return ReportError(script);
        std::printf("  inputs: %s\n", script->c_str());
      }
    } else if (d.proc_network) {
      // Without a dump directory the network itself is printed: a run
      // stops at its first disagreeing network, so there is one.
      auto block = [](std::string text) {
        while (!text.empty() && text.back() == '\n') text.pop_back();
        return Indented(text);
      };
      std::printf("  inputs (xlsaot eval-proc --script):\n%s\n", block(d.args).c_str());
      std::printf("  program:\n%s\n", block(d.ir_text).c_str());
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
  app->add_option("--max-nodes", flags->max_nodes,
                  "Operations chosen per top function (default 40), or per proc body with --procs (default 12)")
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
  app->add_option("--dump-dir", flags->dump_dir,
                  "Directory for the IR of each disagreeing program (and, with --procs, its input script)");
  CLI::Option* procs = app->add_flag("--procs", flags->procs,
                "Random proc networks, compared with the interpreter tick by tick (engines need proc networks); "
                "the run stops at the first disagreeing network");
  app->add_option("--ticks", flags->ticks, "With --procs: ticks each network runs (default 10)")
      ->check(CLI::Range(1, 100000))
      ->needs(procs);
  return Command{app, [flags] { return RunFuzz(*flags); }};
}

}  // namespace xlsaot
