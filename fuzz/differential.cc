#include "fuzz/differential.h"

#include <memory>
#include <string_view>
#include <utility>

#include "interp/interpreter.h"
#include "ir/printer.h"

namespace xlsaot {
namespace {

Disagreement MakeDisagreement(const Function& top, uint64_t seed, const std::string& engine, std::string args,
                              std::string expected, std::string actual) {
  Disagreement d;
  d.seed = seed;
  d.engine = engine;
  d.ir_text = top.package() != nullptr ? PrintPackage(*top.package()) : PrintFunction(top);
  d.args = std::move(args);
  d.expected = std::move(expected);
  d.actual = std::move(actual);
  return d;
}

bool SameOutcome(const EvalResult& a, const EvalResult& b) {
  return a.value == b.value && a.events.log == b.events.log && a.events.cover_hits == b.events.cover_hits &&
         a.events.assumption_failures == b.events.assumption_failures;
}

}  // namespace

std::string FormatEvent(const Event& e) {
  if (e.kind != Event::Kind::kAssert) return "trace: " + e.text;
  return "assert: " + e.text + (e.label.empty() ? "" : " [label " + e.label + "]");
}

std::string FormatOutcome(const EvalResult& result) {
  std::string text = result.value.ToString();
  for (const Event& e : result.events.log) text += "\n" + FormatEvent(e);
  for (const auto& [label, count] : result.events.cover_hits)
    text += "\ncover: " + label + " x " + std::to_string(count);
  for (const auto& [node, failure] : result.events.assumption_failures)
    text += "\nassumption: " + node + ": " + failure.description + " x " + std::to_string(failure.count);
  return text;
}

std::string FormatReproducer(const Disagreement& d, std::string_view run_flags) {
  std::string text = "// xlsaot fuzz --seed " + std::to_string(d.seed) + " --count 1";
  if (!run_flags.empty()) text += " " + std::string(run_flags);
  text += "\n";
  auto comment = [&text](std::string_view heading, std::string_view body) {
    while (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    text += "// " + std::string(heading) + ":\n//   ";
    for (char c : body) {
      // A line break (or a carriage return, which some readers also break
      // on) inside a message must not end the comment.
      if (c == '\n' || c == '\r') {
        text += "\n//   ";
      } else {
        text.push_back(c);
      }
    }
    text += "\n";
  };
  if (d.proc_network) {
    comment("inputs (an xlsaot eval-proc --script file)", d.args);
    comment("first difference", d.where);
  } else {
    comment("args", d.args.empty() ? "(none: the program did not compile)" : d.args);
  }
  comment("interpreter", d.expected);
  comment(d.engine.empty() ? std::string("candidate") : d.engine, d.actual);
  return text + d.ir_text;
}

std::string FormatArgs(std::span<const Value> args) {
  std::string text;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i != 0) text += "; ";
    text += args[i].ToString();
  }
  return text;
}

void CompareEngines(const Function& top, std::span<const std::vector<Value>> arg_sets,
                    std::span<const Engine> engines, uint64_t seed, DifferentialReport& report) {
  ++report.programs;
  std::vector<Result<EvalResult>> expected;
  expected.reserve(arg_sets.size());
  for (const std::vector<Value>& args : arg_sets) expected.push_back(Interpret(top, args));
  report.evaluations += static_cast<int>(arg_sets.size());

  for (const Engine& engine : engines) {
    EngineTally* tally = nullptr;
    for (EngineTally& t : report.engines)
      if (t.name == engine.name) tally = &t;
    if (tally == nullptr) tally = &report.engines.emplace_back(EngineTally{engine.name});
    if (engine.accepts && !engine.accepts(top)) {
      ++tally->skipped;
      continue;
    }
    ++tally->programs;
    Result<EngineRun> run = engine.prepare(top);
    if (!run.ok()) {
      report.disagreements.push_back(MakeDisagreement(top, seed, engine.name, "",
                                                      "the program compiles (it verifies)",
                                                      "compile error: " + run.error()));
      continue;
    }
    for (size_t i = 0; i < arg_sets.size(); ++i) {
      ++tally->evaluations;
      Result<EvalResult> actual = (*run)(arg_sets[i]);
      if (expected[i].ok() && actual.ok() && SameOutcome(*expected[i], *actual)) continue;
      report.disagreements.push_back(MakeDisagreement(
          top, seed, engine.name, FormatArgs(arg_sets[i]),
          expected[i].ok() ? FormatOutcome(*expected[i]) : "interpreter error: " + expected[i].error(),
          actual.ok() ? FormatOutcome(*actual) : "evaluation error: " + actual.error()));
    }
  }
}

std::string FormatSummary(const DifferentialReport& report) {
  const std::string programs = report.proc_networks ? " networks, " : " programs, ";
  const std::string evaluations = report.proc_networks ? " ticks" : " evaluations";
  std::string text = std::to_string(report.programs) + programs + std::to_string(report.evaluations) + evaluations +
                     ", " + std::to_string(report.disagreements.size()) + " disagreements";
  for (size_t i = 0; i < report.engines.size(); ++i) {
    const EngineTally& t = report.engines[i];
    text += (i == 0 ? " (" : "; ") + t.name + ": " + std::to_string(t.programs) + programs +
            std::to_string(t.evaluations) + evaluations;
    if (t.skipped != 0) text += ", " + std::to_string(t.skipped) + " skipped";
  }
  if (!report.engines.empty()) text += ")";
  return text;
}

Result<std::vector<Engine>> MakeEngines(std::span<const std::string> names, int opt_level) {
  if (opt_level < 0 || opt_level > 3)
    return MakeError(ErrorCode::kInvalidArgument, "optimisation level " + std::to_string(opt_level) + " is not in 0..3");
  if (names.empty()) return MakeError(ErrorCode::kInvalidArgument, "no engine to compare");
  std::vector<Engine> engines;
  for (const std::string& name : names) {
    EngineOptions engine_options;
    engine_options.opt_level = opt_level;
    XLSAOT_ASSIGN_OR_RETURN(Engine engine, EngineNamed(name, engine_options));
    engines.push_back(std::move(engine));
  }
  return engines;
}

Result<DifferentialReport> RunDifferential(const DifferentialOptions& options) {
  if (options.count < 0) return MakeError(ErrorCode::kInvalidArgument, "the program count must not be negative");
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Engine> engines, MakeEngines(options.engines, options.opt_level));
  bool some_engine_refuses_traces = false;
  for (const Engine& engine : engines) some_engine_refuses_traces = some_engine_refuses_traces || engine.accepts != nullptr;
  DifferentialReport report;
  for (int i = 0; i < options.count; ++i) {
    GeneratorOptions generator = options.generator;
    generator.seed = options.seed + static_cast<uint64_t>(i);
    if (some_engine_refuses_traces && generator.seed % 2 == 1) generator.allow_trace = false;
    XLSAOT_ASSIGN_OR_RETURN(GeneratedProgram program, GenerateProgram(generator));
    CompareEngines(*program.top, program.arg_sets, engines, generator.seed, report);
  }
  return report;
}

}  // namespace xlsaot
