#include "fuzz/differential.h"

#include <memory>
#include <string_view>
#include <utility>

#include "codegen/lowering.h"
#include "interp/interpreter.h"
#include "ir/printer.h"
#include "jit/jit_function.h"

namespace xlsaot {
namespace {

Disagreement MakeDisagreement(const Function& top, uint64_t seed, std::string args, std::string expected,
                              std::string actual) {
  Disagreement d;
  d.seed = seed;
  d.ir_text = top.package() != nullptr ? PrintPackage(*top.package()) : PrintFunction(top);
  d.args = std::move(args);
  d.expected = std::move(expected);
  d.actual = std::move(actual);
  return d;
}

bool SameOutcome(const EvalResult& a, const EvalResult& b) {
  return a.value == b.value && a.events.log == b.events.log && a.events.cover_hits == b.events.cover_hits;
}

}  // namespace

std::string FormatOutcome(const EvalResult& result) {
  std::string text = result.value.ToString();
  for (const Event& e : result.events.log) {
    if (e.kind == Event::Kind::kAssert) {
      text += "\nassert: " + e.text;
      if (!e.label.empty()) text += " [label " + e.label + "]";
    } else {
      text += "\ntrace: " + e.text;
    }
  }
  for (const auto& [label, count] : result.events.cover_hits)
    text += "\ncover: " + label + " x " + std::to_string(count);
  return text;
}

std::string FormatReproducer(const Disagreement& d) {
  std::string text = "// xlsaot fuzz --seed " + std::to_string(d.seed) + " --count 1\n";
  auto comment = [&text](std::string_view heading, std::string_view body) {
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
  comment("args", d.args.empty() ? "(none: the program did not compile)" : d.args);
  comment("interpreter", d.expected);
  comment("candidate", d.actual);
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

EngineFactory JitEngine(int opt_level) {
  return [opt_level](const Function& function) -> Result<EngineRun> {
    CodegenOptions codegen;
    codegen.opt_level = opt_level;
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<JitFunction> jit, JitFunction::Create(function, codegen));
    // One runner for every argument set, as a long-lived caller would use
    // it: state left behind by one call (scratch memory, buffers) must not
    // change the next. std::function needs a copyable callable, hence
    // shared ownership; the runner refers to the compiled function, so both
    // are kept.
    std::shared_ptr<const JitFunction> compiled = std::move(jit);
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<JitRunner> runner, compiled->CreateRunner());
    std::shared_ptr<JitRunner> shared_runner = std::move(runner);
    return EngineRun([compiled, shared_runner](std::span<const Value> args) { return shared_runner->Run(args); });
  };
}

void CompareEngines(const Function& top, std::span<const std::vector<Value>> arg_sets,
                    const EngineFactory& candidate, uint64_t seed, DifferentialReport& report) {
  ++report.programs;
  Result<EngineRun> engine = candidate(top);
  if (!engine.ok()) {
    report.disagreements.push_back(MakeDisagreement(top, seed, "", "the program compiles (it verifies)",
                                                    "compile error: " + engine.error()));
    return;
  }
  for (const std::vector<Value>& args : arg_sets) {
    ++report.evaluations;
    Result<EvalResult> expected = Interpret(top, args);
    Result<EvalResult> actual = (*engine)(args);
    if (expected.ok() && actual.ok() && SameOutcome(*expected, *actual)) continue;
    report.disagreements.push_back(MakeDisagreement(
        top, seed, FormatArgs(args),
        expected.ok() ? FormatOutcome(*expected) : "interpreter error: " + expected.error(),
        actual.ok() ? FormatOutcome(*actual) : "evaluation error: " + actual.error()));
  }
}

Result<DifferentialReport> RunDifferential(const DifferentialOptions& options) {
  if (options.count < 0) return MakeError(ErrorCode::kInvalidArgument, "the program count must not be negative");
  if (options.opt_level < 0 || options.opt_level > 3)
    return MakeError(ErrorCode::kInvalidArgument,
                     "optimisation level " + std::to_string(options.opt_level) + " is not in 0..3");
  DifferentialReport report;
  const EngineFactory jit = JitEngine(options.opt_level);
  for (int i = 0; i < options.count; ++i) {
    GeneratorOptions generator = options.generator;
    generator.seed = options.seed + static_cast<uint64_t>(i);
    XLSAOT_ASSIGN_OR_RETURN(GeneratedProgram program, GenerateProgram(generator));
    CompareEngines(*program.top, program.arg_sets, jit, generator.seed, report);
  }
  return report;
}

}  // namespace xlsaot
