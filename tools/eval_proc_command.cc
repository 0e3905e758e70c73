// xlsaot eval-proc: runs the proc network of an IR package tick by tick on
// channel inputs, prints what it sends on its output channels and, on
// request, its state.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "fuzz/engines.h"
#include "interp/proc_simulator.h"
#include "tools/commands.h"
#include "tools/diagnostics.h"
#include "tools/load_package.h"
#include "tools/print_events.h"
#include "tools/proc_script.h"
#include "tools/read_file.h"

namespace xlsaot {
namespace {

struct EvalProcOptions {
  std::string ir_file;
  std::string top;
  std::string backend = "interpreter";
  bool events = false;
  std::optional<int64_t> ticks;
  std::vector<std::string> inputs;
  std::string script_file;
  bool show_state = false;
  std::optional<int64_t> max_trace_verbosity;
  int opt_level = 2;
};

// Boundary outputs (channels in declaration order, values in order sent),
// then the state of every proc with one instance.
void PrintResults(const ProcSimulator& network, bool show_state) {
  std::string text;
  for (size_t i = 0; i < network.channels().size(); ++i) {
    const ChannelInstance& c = network.channels()[i];
    if (c.boundary != ChannelInstance::Boundary::kOutput) continue;
    for (const Value& v : network.SentValues(i)) text += c.name + ": " + v.ToString() + "\n";
  }
  if (show_state) {
    for (size_t i = 0; i < network.instances().size(); ++i) {
      const Proc* proc = network.instances()[i].proc;
      size_t instances_of_proc = 0;
      for (const ProcInstanceInfo& other : network.instances()) instances_of_proc += other.proc == proc;
      if (instances_of_proc != 1) continue;
      for (size_t e = 0; e < proc->state_elements().size(); ++e) {
        text += "state: " + proc->name() + " " + proc->state_elements()[e].name + ": " +
                network.State(i)[e].ToString() + "\n";
      }
    }
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int RunEvalProc(const EvalProcOptions& options) {
  if (options.ticks.has_value() == !options.script_file.empty()) {
    return ReportUsageError("eval-proc needs exactly one of --ticks N or --script FILE");
  }
  if (!options.inputs.empty() && !options.ticks) return ReportUsageError("--input goes with --ticks");
  EngineOptions engine_options;
  engine_options.opt_level = options.opt_level;
  engine_options.events = options.events;
  Result<Engine> engine = EngineNamed(options.backend, engine_options);
  if (!engine.ok()) return ReportUsageError(engine.error());
  if (!engine->prepare_network) {
    return ReportError("backend '" + options.backend + "' does not run procs", kExitUnsupported);
  }

  std::vector<ProcScriptStep> steps;
  if (options.ticks) {
    for (const std::string& input : options.inputs) {
      Result<ProcScriptStep> step = ParseChannelInputOption(input);
      if (!step.ok()) return ReportValueError(step.error_value());
      steps.push_back(std::move(step).value());
    }
    steps.push_back(ProcScriptStep{ProcScriptStep::Kind::kTicks, "", {}, *options.ticks, TextOrigin{"--ticks", 0}});
  } else {
    Result<std::string> content = ReadWholeFile(options.script_file);
    if (!content.ok()) return ReportError(content);
    Result<std::vector<ProcScriptStep>> parsed = ParseProcScript(*content, options.script_file);
    if (!parsed.ok()) return ReportValueError(parsed.error_value());
    steps = std::move(parsed).value();
  }

  Result<std::unique_ptr<Package>> package = LoadVerifiedPackage(options.ir_file);
  if (!package.ok()) return ReportError(package);
  Result<Proc*> top = (*package)->ResolveTopProc(options.top);
  if (!top.ok()) return ReportError(top);
  Result<std::unique_ptr<ProcSimulator>> network = engine->prepare_network(**package, **top);
  if (!network.ok()) return ReportError(network);
  if (Status s = CheckProcScript(**network, steps); !s.ok()) {
    return s.code() == ErrorCode::kInvalidArgument ? ReportError(s) : ReportValueError(s.error_value());
  }

  Status failure;
  int64_t ticks_run = 0;
  for (const ProcScriptStep& step : steps) {
    if (step.kind == ProcScriptStep::Kind::kInput) {
      const size_t channel = *(*network)->FindChannel(step.channel);
      for (const Value& v : step.values) failure = (*network)->Send(channel, v);
    } else {
      for (int64_t i = 0; i < step.ticks && failure.ok(); ++i) {
        failure = (*network)->Tick();
        ++ticks_run;
      }
    }
    if (!failure.ok()) break;
  }
  PrintResults(**network, options.show_state);
  PrintEvents((*network)->events(), options.max_trace_verbosity);
  if (failure.ok()) return kExitOk;
  if (failure.code() == ErrorCode::kAssertionFailed) return kExitFailed;  // its assert: line is printed
  return ReportError("tick " + std::to_string(ticks_run) + ": " + failure.error(),
                     ExitStatusFor(failure.code()));
}

}  // namespace

Command AddEvalProcCommand(CLI::App& parent) {
  auto options = std::make_shared<EvalProcOptions>();
  CLI::App* app = parent.add_subcommand("eval-proc", "Run the proc network of an IR package tick by tick");
  app->add_option("file", options->ir_file, "IR file (.ir)")->required();
  app->add_option("--top", options->top,
                  "Proc to run (default: the package's top, or its only proc); with global channels every "
                  "proc runs");
  app->add_option("--backend", options->backend,
                  "Evaluation engine: " + EngineNameList() + " (default: interpreter)")
      ->check(CLI::IsMember(EngineNames()));
  app->add_option("-O", options->opt_level, "Optimisation level of the jit and aot backends (default 2)")
      ->check(CLI::Range(0, 3));
  app->add_flag("--events", options->events, "Deliver traces and covers (the interpreter always does)");
  CLI::Option* ticks = app->add_option("--ticks", options->ticks, "Run N ticks after filling the --input channels")
                           ->check(CLI::Range(int64_t{1}, kMaxScriptTicks));
  app->add_option("--input", options->inputs,
                  "CHANNEL=V1;V2;... : values for a boundary input channel before the ticks (repeatable; "
                  "for a single_value channel the last value wins)")
      ->take_all();
  CLI::Option* script = app->add_option("--script", options->script_file,
                                        "Steps, one per line: 'input: CHANNEL: V1; V2; ...' or 'ticks: N' "
                                        "(blank and // lines skipped)");
  ticks->excludes(script);
  app->add_flag("--show-state", options->show_state,
                "After the outputs, print 'state: PROC ELEMENT: VALUE' for every proc with one instance");
  app->add_option("--max-trace-verbosity", options->max_trace_verbosity,
                  "Print only traces whose verbosity is at most N (default: all)")
      ->check(CLI::NonNegativeNumber);
  return Command{app, [options] { return RunEvalProc(*options); }};
}

}  // namespace xlsaot
