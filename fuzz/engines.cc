#include "fuzz/engines.h"

#include <memory>
#include <utility>

#include "aot/aot_evaluator.h"
#include "aot/legality.h"
#include "aot/network_compiler.h"
#include "aot/object_loader.h"
#include "fuzz/compiled_network.h"
#include "codegen/lowering.h"
#include "interp/interpreter.h"
#include "interp/proc_network.h"
#include "jit/jit_function.h"
#include "jit/jit_network.h"

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

namespace {

template <typename Code>
struct KeptCode final : CompiledCode {
  explicit KeptCode(Code c) : code(std::move(c)) {}
  Code code;
};

Result<std::unique_ptr<NetworkPlan>> MakePlan(const Package& package, const Proc& top) {
  auto plan = std::make_unique<NetworkPlan>();
  XLSAOT_ASSIGN_OR_RETURN(*plan, PlanNetwork(package, top));
  return plan;
}

}  // namespace

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
  NetworkFactory prepare_network = [opt_level = options.opt_level](const Package& package, const Proc& top)
      -> Result<std::unique_ptr<ProcSimulator>> {
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<NetworkPlan> plan, MakePlan(package, top));
    CodegenOptions codegen;
    codegen.opt_level = opt_level;
    XLSAOT_ASSIGN_OR_RETURN(JitNetworkCode code, CompileNetworkWithJit(*plan, codegen));
    std::vector<AbiInfo> abis = std::move(code.segment_abis);
    std::vector<xlsaot_entry_fn> entries = std::move(code.entries);
    const int64_t scratch_size = code.scratch_size;
    const int64_t scratch_alignment = code.scratch_alignment;
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<CompiledNetwork> network,
                            CompiledNetwork::Create(std::move(plan), std::move(abis), scratch_size, scratch_alignment,
                                                    std::move(entries),
                                                    std::make_unique<KeptCode<JitNetworkCode>>(std::move(code))));
    return std::unique_ptr<ProcSimulator>(std::move(network));
  };
  return Engine{"jit", std::move(prepare), nullptr, std::move(prepare_network)};
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
  NetworkFactory prepare_network = [options](const Package& package, const Proc& top)
      -> Result<std::unique_ptr<ProcSimulator>> {
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<NetworkPlan> plan, MakePlan(package, top));
    AotOptions aot;
    aot.opt_level = options.opt_level;
    aot.events = options.events;
    const std::string prefix = "xlsaot_network";
    XLSAOT_ASSIGN_OR_RETURN(AotNetworkObject compiled, CompileNetworkObject(*plan, aot, prefix));
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<LoadedObject> object, LoadedObject::Link(compiled.object, prefix + ".o"));
    std::vector<xlsaot_entry_fn> entries;
    for (const AbiInfo& abi : compiled.segment_abis) {
      XLSAOT_ASSIGN_OR_RETURN(const void* address, object->Lookup(abi.entry_symbol));
      entries.push_back(reinterpret_cast<xlsaot_entry_fn>(const_cast<void*>(address)));
    }
    XLSAOT_ASSIGN_OR_RETURN(
        std::unique_ptr<CompiledNetwork> network,
        CompiledNetwork::Create(std::move(plan), std::move(compiled.segment_abis), compiled.scratch_size,
                                compiled.scratch_alignment, std::move(entries),
                                std::make_unique<KeptCode<std::unique_ptr<LoadedObject>>>(std::move(object))));
    return std::unique_ptr<ProcSimulator>(std::move(network));
  };
  if (options.events) return Engine{"aot", std::move(prepare), nullptr, std::move(prepare_network)};
  return Engine{"aot", std::move(prepare), [](const Function& top) { return CheckAotLegality(top).ok(); },
                std::move(prepare_network)};
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
