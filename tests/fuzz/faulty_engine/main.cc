// `xlsaot` with one more fuzz engine, "faulty": the JIT with every result
// made wrong on purpose. It exists only for tests/fuzz/fuzz_command_test.cc,
// which checks end to end that `xlsaot fuzz` reports a disagreement and
// exits with status 1 when an engine is wrong. The shipped `xlsaot` knows
// no such engine.
#include <span>
#include <utility>

#include "fuzz/engines.h"
#include "interp/events.h"
#include "ir/value.h"
#include "tools/cli.h"

namespace xlsaot {
namespace {

// Flips bit 0 of the first bits leaf that has one; true when it found one.
bool FlipFirstBit(Value& value) {
  if (value.IsBits()) {
    if (value.bits().getBitWidth() == 0) return false;
    value.mutable_bits().flipBit(0);
    return true;
  }
  for (Value& element : value.mutable_elements())
    if (FlipFirstBit(element)) return true;
  return false;
}

Engine FaultyEngine(const EngineOptions& options) {
  Engine jit = JitEngine(options);
  EngineFactory prepare = [inner = std::move(jit.prepare)](const Function& function) -> Result<EngineRun> {
    XLSAOT_ASSIGN_OR_RETURN(EngineRun run, inner(function));
    return EngineRun([run](std::span<const Value> args) -> Result<EvalResult> {
      XLSAOT_ASSIGN_OR_RETURN(EvalResult result, run(args));
      // A value without a bit to flip (tokens, zero-width bits) gets an
      // event the interpreter never produces instead.
      if (!FlipFirstBit(result.value)) result.events.log.push_back({Event::Kind::kTrace, "faulty engine", ""});
      return result;
    });
  };
  return Engine{"faulty", std::move(prepare), nullptr};
}

}  // namespace
}  // namespace xlsaot

int main(int argc, char** argv) {
  xlsaot::RegisterEngine("faulty", "the JIT with every result made wrong (tests only)", xlsaot::FaultyEngine);
  return xlsaot::RunCli(argc, argv);
}
