// `xlsaot` with two more fuzz engines made wrong on purpose: "faulty", the
// JIT with every result changed (and no proc networks), and "faulty_procs",
// the interpreter with the second value sent on every proc output changed.
// They exist only for tests/fuzz/fuzz_command_test.cc, which checks end to
// end that `xlsaot fuzz` reports a disagreement and exits with status 1
// when an engine is wrong. The shipped `xlsaot` knows no such engine.
#include <span>
#include <utility>

#include "fuzz/engines.h"
#include "interp/events.h"
#include "ir/value.h"
#include "tests/fuzz/faulty_engine/faulty_network.h"
#include "tools/cli.h"

namespace xlsaot {
namespace {

Engine FaultyEngine(const EngineOptions& options) {
  Engine jit = JitEngine(options);
  EngineFactory prepare = [inner = std::move(jit.prepare)](const Function& function) -> Result<EngineRun> {
    XLSAOT_ASSIGN_OR_RETURN(EngineRun run, inner(function));
    return EngineRun([run](std::span<const Value> args) -> Result<EvalResult> {
      XLSAOT_ASSIGN_OR_RETURN(EvalResult result, run(args));
      // A value without a bit to flip (tokens, zero-width bits) gets an
      // event the interpreter never produces instead.
      if (!faulty::FlipFirstBit(result.value)) result.events.log.push_back({Event::Kind::kTrace, "faulty engine", ""});
      return result;
    });
  };
  return Engine{"faulty", std::move(prepare), nullptr};
}

Engine FaultyProcsEngine(const EngineOptions& options) {
  Engine engine = InterpreterEngine(options);
  engine.name = "faulty_procs";
  engine.prepare_network = faulty::FaultyNetworkFactory(faulty::NetworkFault::kOutput);
  return engine;
}

}  // namespace
}  // namespace xlsaot

int main(int argc, char** argv) {
  xlsaot::RegisterEngine("faulty", "the JIT with every result made wrong (tests only)", xlsaot::FaultyEngine);
  xlsaot::RegisterEngine("faulty_procs", "the interpreter with proc outputs made wrong (tests only)",
                         xlsaot::FaultyProcsEngine);
  return xlsaot::RunCli(argc, argv);
}
