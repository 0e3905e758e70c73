#include "fuzz/engines.h"

#include <memory>
#include <utility>

#include "aot/aot_evaluator.h"
#include "aot/legality.h"
#include "codegen/lowering.h"
#include "interp/interpreter.h"
#include "interp/proc_network.h"
#include "jit/jit_function.h"

namespace xlsaot {

Engine InterpreterEngine(const EngineOptions&) {
  EngineFactory prepare = [](const Function& function) -> Result<EngineRun> {
    const Function* f = &function;
    return EngineRun([f](std::span<const Value> args) { return Interpret(*f, args); });
  };
  NetworkFactory prepare_network = [](const Package& package, const Proc& top)
      -> Result<std::unique_ptr<ProcSimulator>> {
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<ProcNetwork> network, ProcNetwork::Create(package, top));
    return std::unique_ptr<ProcSimulator>(std::move(network));
  };
  return Engine{"interpreter", std::move(prepare), nullptr, std::move(prepare_network)};
}

Engine JitEngine(const EngineOptions& options) {
  EngineFactory prepare = [opt_level = options.opt_level](const Function& function) -> Result<EngineRun> {
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
  return Engine{"jit", std::move(prepare), nullptr};
}

Engine AotEngine(const EngineOptions& options) {
  EngineFactory prepare = [options](const Function& function) -> Result<EngineRun> {
    AotOptions aot;
    aot.opt_level = options.opt_level;
    aot.events = options.events;
    RunOptions run;
    run.max_trace_verbosity = options.max_trace_verbosity;
    // As with the JIT: one runner (one scratch allocation) for every call.
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<AotEvaluator> evaluator, AotEvaluator::Create(function, aot));
    std::shared_ptr<AotEvaluator> shared = std::move(evaluator);
    return EngineRun([shared, run](std::span<const Value> args) { return shared->Run(args, run); });
  };
  if (options.events) return Engine{"aot", std::move(prepare), nullptr};
  return Engine{"aot", std::move(prepare), [](const Function& top) { return CheckAotLegality(top).ok(); }};
}

namespace {

struct RegisteredEngine {
  EngineInfo info;
  EngineMaker make;
};

std::vector<RegisteredEngine>& Registry() {
  static std::vector<RegisteredEngine> engines = {
      {{"interpreter", "the reference interpreter (the semantic oracle)"}, InterpreterEngine},
      {{"jit", "LLVM ORC JIT: compiled in process, called through the C ABI"}, JitEngine},
      {{"aot", "ahead-of-time object code, linked in and run by the standalone runtime"}, AotEngine},
  };
  return engines;
}

}  // namespace

void RegisterEngine(std::string name, std::string description, EngineMaker make) {
  for (RegisteredEngine& e : Registry()) {
    if (e.info.name == name) {
      e.info.description = std::move(description);
      e.make = std::move(make);
      return;
    }
  }
  Registry().push_back({{std::move(name), std::move(description)}, std::move(make)});
}

std::vector<EngineInfo> Engines() {
  std::vector<EngineInfo> infos;
  for (const RegisteredEngine& e : Registry()) infos.push_back(e.info);
  return infos;
}

std::vector<std::string> EngineNames() {
  std::vector<std::string> names;
  for (const RegisteredEngine& e : Registry()) names.push_back(e.info.name);
  return names;
}

std::string EngineNameList() {
  std::string list;
  for (const RegisteredEngine& e : Registry()) list += (list.empty() ? "" : ", ") + e.info.name;
  return list;
}

Result<Engine> EngineNamed(std::string_view name, const EngineOptions& options) {
  for (const RegisteredEngine& e : Registry()) {
    if (e.info.name == name) return e.make(options);
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown engine '" + std::string(name) + "' (known engines: " + EngineNameList() + ")");
}

}  // namespace xlsaot
