// xlsaot eval: runs a function of an IR package on typed input values, prints
// each result, reports assertion and trace events, and checks expectations.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/backend.h"
#include "tools/commands.h"
#include "tools/diagnostics.h"
#include "tools/load_package.h"
#include "tools/print_events.h"
#include "tools/random_comparison.h"
#include "tools/read_file.h"
#include "tools/value_lines.h"

namespace xlsaot {
namespace {

struct EvalOptions {
  std::string ir_file;
  std::string top;
  std::string backend;
  std::optional<std::string> input;
  std::string input_file;
  std::optional<std::string> expected;
  std::string expected_file;
  std::string format = "default";
  bool events = false;
  std::optional<int64_t> max_trace_verbosity;  // all traces when unset
  // Random-input comparison: evaluations on random arguments, compared
  // across engines (--random-inputs N --compare LIST).
  std::optional<int64_t> random_inputs;
  uint64_t seed = 0;
  std::vector<std::string> compare;
};

// What --format accepts.
constexpr std::pair<const char*, FormatPreference> kFormats[] = {
    {"default", FormatPreference::kDefault},
    {"binary", FormatPreference::kBinary},
    {"hex", FormatPreference::kHex},
    {"decimal", FormatPreference::kUnsignedDecimal},
    {"signed-decimal", FormatPreference::kSignedDecimal},
};

std::vector<std::string> FormatNames() {
  std::vector<std::string> names;
  for (const auto& format : kFormats) names.emplace_back(format.first);
  return names;
}

// One evaluation to perform: its arguments, where they were written, and the
// value it must produce (when one was given).
struct Evaluation {
  std::vector<ParsedArg> args;
  TextOrigin origin;
  std::optional<Value> expected;
};

std::string Signature(const Function& function) {
  std::string out = function.name() + "(";
  for (size_t i = 0; i < function.params().size(); ++i) {
    if (i) out += ", ";
    const Node* param = function.param(i);
    out += param->name() + ": " + param->type()->ToString();
  }
  return out + ") -> " + function.return_type()->ToString();
}

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Checks number and types of `args` against the parameters of `function`.
Status CheckArguments(const Function& function, const Evaluation& eval) {
  const size_t want = function.params().size();
  if (eval.args.size() != want) {
    return MakeError(ErrorCode::kInvalidArgument,
                     eval.origin.Describe() + ": " + Plural(eval.args.size(), "argument") +
                         " given, but " + Signature(function) + " takes " +
                         Plural(want, "parameter"));
  }
  for (size_t i = 0; i < want; ++i) {
    const Node* param = function.param(i);
    const Value& value = eval.args[i].value;
    if (value.HasType(param->type())) continue;
    return MakeError(ErrorCode::kInvalidArgument,
                     eval.origin.Describe(eval.args[i].column) + ": argument " +
                         std::to_string(i + 1) + " has type " + value.TypeString() +
                         ", but parameter '" + param->name() + "' of '" + function.name() +
                         "' has type " + param->type()->ToString());
  }
  return Status::Ok();
}

// Reads the evaluations requested by --input / --input-file.
Result<std::vector<Evaluation>> ReadEvaluations(const EvalOptions& options) {
  std::vector<DataLine> lines;
  if (options.input) {
    lines.push_back(DataLine{*options.input, TextOrigin{"--input", 0}});
  } else {
    XLSAOT_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(options.input_file));
    lines = DataLines(content, options.input_file);
    if (lines.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       options.input_file + ": no input lines (blank and // lines are skipped)");
    }
  }
  std::vector<Evaluation> evals;
  evals.reserve(lines.size());
  for (DataLine& line : lines) {
    XLSAOT_ASSIGN_OR_RETURN(std::vector<ParsedArg> args, ParseArgs(line.text, line.origin));
    evals.push_back(Evaluation{std::move(args), std::move(line.origin), std::nullopt});
  }
  return evals;
}

// Attaches the values of --expected / --expected-file to `evals`, by position.
Status ReadExpectations(const EvalOptions& options, const Function& function,
                        std::vector<Evaluation>& evals) {
  std::vector<DataLine> lines;
  std::string source;
  if (options.expected) {
    lines.push_back(DataLine{*options.expected, TextOrigin{"--expected", 0}});
    source = "--expected";
  } else if (!options.expected_file.empty()) {
    XLSAOT_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(options.expected_file));
    lines = DataLines(content, options.expected_file);
    source = options.expected_file;
  } else {
    return Status::Ok();
  }
  if (lines.size() != evals.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     source + " gives " + Plural(lines.size(), "expected value") + " for " +
                         Plural(evals.size(), "evaluation") + "; they must match one to one");
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    XLSAOT_ASSIGN_OR_RETURN(Value value, ParseOneValue(lines[i].text, lines[i].origin));
    if (!value.HasType(function.return_type())) {
      return MakeError(ErrorCode::kInvalidArgument,
                       lines[i].origin.Describe() + ": expected value has type " +
                           value.TypeString() + ", but '" + function.name() + "' returns " +
                           function.return_type()->ToString());
    }
    evals[i].expected = std::move(value);
  }
  return Status::Ok();
}


// Compares the engines of --compare on --random-inputs argument tuples
// (tools/random_comparison.h). Stops at the first disagreement, printing the
// inputs and every engine's outcome, with status 1; prints one summary line
// and returns 0 when all agree.
int RunRandomComparison(const EvalOptions& options, const Function& function) {
  RandomComparisonOptions comparison;
  comparison.count = *options.random_inputs;
  comparison.seed = options.seed;
  comparison.engines = options.compare;
  comparison.events = options.events;
  Result<RandomComparisonReport> report = CompareOnRandomInputs(function, comparison);
  if (!report.ok()) return ReportError(report);
  if (report->disagreement) {
    std::string text = DescribeDisagreement(*report->disagreement, comparison);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return kExitFailed;
  }
  std::string engines;
  for (const std::string& name : options.compare) engines += (engines.empty() ? "" : ", ") + name;
  std::printf("%lld random inputs (seed %llu): %s agree\n", static_cast<long long>(comparison.count),
              static_cast<unsigned long long>(options.seed), engines.c_str());
  std::fflush(stdout);
  return kExitOk;
}

int RunEval(const EvalOptions& options) {
  // The options first, then the file: a usage error never waits for I/O.
  if (options.random_inputs.has_value()) {
    if (options.input.has_value() || !options.input_file.empty() || options.expected.has_value() ||
        !options.expected_file.empty()) {
      return ReportUsageError("--random-inputs takes no --input, --input-file, --expected or --expected-file");
    }
    if (options.compare.size() < 2) return ReportUsageError("--random-inputs needs --compare with two or more engines");
  } else {
    if (!options.compare.empty()) return ReportUsageError("--compare goes with --random-inputs");
    if (options.input.has_value() == !options.input_file.empty()) {
      return ReportUsageError("eval needs exactly one of --input 'ARGS' or --input-file FILE");
    }
    if (auto found = FindEvalBackend(options.backend); !found.ok()) return ReportError(found);
  }

  Result<std::unique_ptr<Package>> package = LoadVerifiedPackage(options.ir_file);
  if (!package.ok()) return ReportError(package);
  Result<Function*> top = (*package)->ResolveTopFunction(options.top);
  if (!top.ok()) return ReportError(top);
  const Function& function = **top;
  if (options.random_inputs.has_value()) return RunRandomComparison(options, function);

  // Everything the user wrote is checked before anything runs, so a typo in
  // the last line does not come after a screen of results.
  Result<std::vector<Evaluation>> evals = ReadEvaluations(options);
  if (!evals.ok()) return ReportValueError(evals.error_value());
  for (const Evaluation& eval : *evals) {
    if (Status s = CheckArguments(function, eval); !s.ok()) return ReportValueError(s.error_value());
  }
  if (Status s = ReadExpectations(options, function, *evals); !s.ok()) return ReportValueError(s.error_value());

  EvalBackendOptions backend_options;
  backend_options.events = options.events;
  if (options.max_trace_verbosity) backend_options.max_trace_verbosity = *options.max_trace_verbosity;
  Result<std::unique_ptr<EvalBackend>> backend = CreateEvalBackend(options.backend, function, backend_options);
  if (!backend.ok()) return ReportError(backend);

  FormatPreference format = FormatPreference::kDefault;
  for (const auto& [name, preference] : kFormats) {
    if (options.format == name) format = preference;
  }

  int status = kExitOk;
  std::vector<Value> args;
  for (size_t i = 0; i < evals->size(); ++i) {
    const Evaluation& eval = (*evals)[i];
    args.clear();
    for (const ParsedArg& arg : eval.args) args.push_back(arg.value);
    Result<EvalResult> result = (*backend)->Run(args);
    if (!result.ok()) {
      return ReportError(eval.origin.Describe() + ": evaluation " + std::to_string(i + 1) + " failed: " +
                             result.error(),
                         ExitStatusFor(result.code()));
    }
    PrintEvents(result->events, options.max_trace_verbosity);
    std::string line = result->value.ToString(format) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    if (result->events.assertion_count() > 0) status = kExitFailed;
    if (eval.expected && *eval.expected != result->value) {
      std::fflush(stdout);
      std::fprintf(stderr, "mismatch: evaluation %zu (%s): expected %s, got %s\n", i + 1,
                   eval.origin.Describe().c_str(),
                   eval.expected->ToString(format).c_str(),
                   result->value.ToString(format).c_str());
      status = kExitFailed;
    }
  }
  std::fflush(stdout);
  return status;
}

}  // namespace

Command AddEvalCommand(CLI::App& parent) {
  auto options = std::make_shared<EvalOptions>();
  options->backend = std::string(EvalBackends().front().name);
  CLI::App* app = parent.add_subcommand(
      "eval", "Evaluate a function of an IR package on typed input values");
  app->add_option("file", options->ir_file, "IR file (.ir)")->required();
  app->add_option("--top", options->top,
                  "Function to evaluate (default: the package's top function)");
  std::string backend_help = "Evaluation engine:";
  for (const EngineInfo& info : EvalBackends()) {
    backend_help += " '" + std::string(info.name) + "' = " + std::string(info.description) + ";";
  }
  backend_help.back() = ' ';
  backend_help += "(default: " + options->backend + ")";
  app->add_option("--backend", options->backend, backend_help);
  app->add_option("--max-trace-verbosity", options->max_trace_verbosity,
                  "Print only traces whose verbosity is at most N (default: all)")
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--events", options->events,
                "With --backend aot: compile with events, so that traces and covers run and are printed "
                "(without it a reachable trace or cover is refused); the other backends always deliver them");
  CLI::Option* input = app->add_option(
      "--input", options->input,
      "Arguments of one evaluation: typed values separated by ';', e.g. "
      "'bits[8]:1; (bits[1]:0, token)'; '' for a function without parameters");
  CLI::Option* input_file = app->add_option(
      "--input-file", options->input_file,
      "File with one ARGS line per evaluation (blank and // lines are skipped)");
  input->excludes(input_file);
  CLI::Option* expected = app->add_option(
      "--expected", options->expected, "Typed value the single evaluation must return");
  CLI::Option* expected_file = app->add_option(
      "--expected-file", options->expected_file,
      "File with one expected typed value per evaluation, in order");
  expected->excludes(expected_file);
  app->add_option("--random-inputs", options->random_inputs,
                  "Instead of --input: evaluate N random argument tuples on every engine of --compare and "
                  "stop at the first disagreement (exit 1)")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  app->add_option("--seed", options->seed, "Seed of the random arguments (default 0)");
  app->add_option("--compare", options->compare,
                  "Engines to compare with --random-inputs, comma-separated: " + EngineNameList())
      ->check(CLI::IsMember(EngineNames()))
      ->delimiter(',');
  app->add_option("--format", options->format,
                  "How bits are printed in results: default (decimal up to 64 bits, hex "
                  "beyond), binary, hex, decimal, signed-decimal")
      ->check(CLI::IsMember(FormatNames()));
  return Command{app, [options] { return RunEval(*options); }};
}

}  // namespace xlsaot
