#include "fuzz/proc_differential.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interp/proc_simulator.h"
#include "ir/printer.h"

namespace xlsaot {
namespace {

// Where two networks first differ and what each has there.
struct Difference {
  std::string where;
  std::string expected;
  std::string actual;
};

std::string FormatStatus(const Status& status) {
  return status.ok() ? "ok" : std::string(ErrorCodeName(status.code())) + ": " + status.error();
}

std::string OrNothing(const Value* value) { return value != nullptr ? value->ToString() : "(nothing)"; }

// The first position where two sequences differ, formatted by `format`
// (which is given nullptr past the end of a sequence).
template <typename T, typename Format>
std::optional<Difference> FirstDifferenceIn(std::span<const T> expected, std::span<const T> actual,
                                            const std::string& what, Format format) {
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    const T* e = i < expected.size() ? &expected[i] : nullptr;
    const T* a = i < actual.size() ? &actual[i] : nullptr;
    if (e != nullptr && a != nullptr && *e == *a) continue;
    return Difference{what + " #" + std::to_string(i), format(e), format(a)};
  }
  return std::nullopt;
}

std::string CoverCounts(const Events& events) {
  std::string text;
  for (const auto& [label, count] : events.cover_hits)
    text += (text.empty() ? "" : "; ") + label + " x " + std::to_string(count);
  return text.empty() ? "(none)" : text;
}

std::string AssumptionCounts(const Events& events) {
  std::string text;
  for (const auto& [node, failure] : events.assumption_failures)
    text += (text.empty() ? "" : "; ") + node + " x " + std::to_string(failure.count);
  return text.empty() ? "(none)" : text;
}

// The elaborations agree: same channels and instances in the same order.
std::optional<Difference> CompareElaboration(const ProcSimulator& expected, const ProcSimulator& actual) {
  auto describe_channel = [](const ChannelInstance* c) -> std::string {
    if (c == nullptr) return "(none)";
    static constexpr const char* kBoundary[] = {"internal", "input", "output"};
    return c->name + ": " + c->type->ToString() + " " + std::string(ChannelKindName(c->kind)) + " " +
           kBoundary[static_cast<int>(c->boundary)];
  };
  auto same_channel = [](const ChannelInstance& a, const ChannelInstance& b) {
    return a.name == b.name && a.type == b.type && a.kind == b.kind && a.boundary == b.boundary;
  };
  const auto ec = expected.channels(), ac = actual.channels();
  for (size_t i = 0; i < std::max(ec.size(), ac.size()); ++i) {
    if (i < ec.size() && i < ac.size() && same_channel(ec[i], ac[i])) continue;
    return Difference{"elaboration, channel #" + std::to_string(i), describe_channel(i < ec.size() ? &ec[i] : nullptr),
                      describe_channel(i < ac.size() ? &ac[i] : nullptr)};
  }
  const auto ei = expected.instances(), ai = actual.instances();
  for (size_t i = 0; i < std::max(ei.size(), ai.size()); ++i) {
    if (i < ei.size() && i < ai.size() && ei[i].path == ai[i].path) continue;
    return Difference{"elaboration, instance #" + std::to_string(i), i < ei.size() ? ei[i].path : "(none)",
                      i < ai.size() ? ai[i].path : "(none)"};
  }
  return std::nullopt;
}

// Everything observable after tick `tick` (1-based), in the order a reader
// wants it: the status, the outputs, the state, the events.
std::optional<Difference> CompareAfterTick(const ProcSimulator& expected, const Status& expected_status,
                                           const ProcSimulator& actual, const Status& actual_status, int64_t tick) {
  const std::string at = "tick " + std::to_string(tick) + ", ";
  if (expected_status.ok() != actual_status.ok() || expected_status.code() != actual_status.code() ||
      expected_status.error() != actual_status.error()) {
    return Difference{at + "status", FormatStatus(expected_status), FormatStatus(actual_status)};
  }
  const auto channels = expected.channels();
  for (size_t c = 0; c < channels.size(); ++c) {
    if (channels[c].boundary != ChannelInstance::Boundary::kOutput) continue;
    if (auto d = FirstDifferenceIn(expected.SentValues(c), actual.SentValues(c), at + "output " + channels[c].name,
                                   OrNothing))
      return d;
  }
  const auto instances = expected.instances();
  for (size_t i = 0; i < instances.size(); ++i) {
    const std::vector<Value> e = expected.State(i), a = actual.State(i);
    if (e == a) continue;
    const auto elements = instances[i].proc->state_elements();
    for (size_t k = 0; k < std::max(e.size(), a.size()); ++k) {
      if (k < e.size() && k < a.size() && e[k] == a[k]) continue;
      return Difference{at + "state of " + instances[i].path + " " + (k < elements.size() ? elements[k].name : "?"),
                        OrNothing(k < e.size() ? &e[k] : nullptr), OrNothing(k < a.size() ? &a[k] : nullptr)};
    }
  }
  const Events& ee = expected.events();
  const Events& ae = actual.events();
  if (auto d = FirstDifferenceIn(std::span<const Event>(ee.log), std::span<const Event>(ae.log), at + "event",
                                 [](const Event* e) { return e != nullptr ? FormatEvent(*e) : "(nothing)"; }))
    return d;
  if (ee.cover_hits != ae.cover_hits) return Difference{at + "cover counts", CoverCounts(ee), CoverCounts(ae)};
  if (ee.assumption_failures != ae.assumption_failures)
    return Difference{at + "failed assumptions", AssumptionCounts(ee), AssumptionCounts(ae)};
  return std::nullopt;
}

// Sends the inputs of one tick; the first error.
Status SendInputs(ProcSimulator& network, std::span<const ProcInput> inputs) {
  for (const ProcInput& input : inputs) {
    std::optional<size_t> channel = network.FindChannel(input.channel);
    if (!channel) return MakeError(ErrorCode::kNotFound, "no boundary channel '" + input.channel + "'");
    XLSAOT_RETURN_IF_ERROR(network.Send(*channel, input.value));
  }
  return {};
}

EngineTally& TallyOf(DifferentialReport& report, const std::string& name) {
  for (EngineTally& t : report.engines)
    if (t.name == name) return t;
  return report.engines.emplace_back(EngineTally{name});
}

}  // namespace

std::string FormatProcScript(std::span<const std::vector<ProcInput>> inputs, int64_t ticks) {
  std::string text;
  int64_t pending_ticks = 0;
  for (int64_t t = 0; t < ticks; ++t) {
    const std::vector<ProcInput>& tick = inputs[static_cast<size_t>(t)];
    if (!tick.empty() && pending_ticks > 0) {
      text += "ticks: " + std::to_string(pending_ticks) + "\n";
      pending_ticks = 0;
    }
    // One line per channel, its values in the order sent.
    std::vector<std::string> channels;
    for (const ProcInput& input : tick)
      if (std::find(channels.begin(), channels.end(), input.channel) == channels.end()) channels.push_back(input.channel);
    for (const std::string& channel : channels) {
      std::string line = "input: " + channel + ": ";
      bool first = true;
      for (const ProcInput& input : tick) {
        if (input.channel != channel) continue;
        line += (first ? "" : "; ") + input.value.ToString();
        first = false;
      }
      text += line + "\n";
    }
    ++pending_ticks;
  }
  if (pending_ticks > 0) text += "ticks: " + std::to_string(pending_ticks) + "\n";
  return text;
}

Status CompareNetworks(const GeneratedNetwork& network, std::span<const Engine> engines, uint64_t seed,
                       DifferentialReport& report) {
  ++report.programs;
  Result<std::unique_ptr<ProcSimulator>> oracle = InterpreterEngine().prepare_network(*network.package, *network.top);
  if (!oracle.ok()) return oracle.error_value();

  struct Candidate {
    const Engine* engine;
    std::unique_ptr<ProcSimulator> network;
    bool done = false;  // disagreed (or failed) already
  };
  std::vector<Candidate> candidates;
  auto disagree = [&](Candidate& c, int64_t ticks, Difference difference) {
    Disagreement d;
    d.seed = seed;
    d.engine = c.engine->name;
    d.ir_text = PrintPackage(*network.package);
    d.proc_network = true;
    d.args = FormatProcScript(network.inputs, ticks);
    d.where = std::move(difference.where);
    d.expected = std::move(difference.expected);
    d.actual = std::move(difference.actual);
    report.disagreements.push_back(std::move(d));
    c.done = true;
  };
  for (const Engine& engine : engines) {
    ++TallyOf(report, engine.name).programs;
    Candidate& c = candidates.emplace_back(Candidate{&engine, nullptr});
    Result<std::unique_ptr<ProcSimulator>> created = engine.prepare_network(*network.package, *network.top);
    if (!created.ok()) {
      disagree(c, 0, Difference{"creating the network", "created (the package verifies)", "error: " + created.error()});
      continue;
    }
    c.network = std::move(created).value();
    if (auto d = CompareElaboration(**oracle, *c.network)) disagree(c, 0, std::move(*d));
  }

  for (size_t t = 0; t < network.inputs.size(); ++t) {
    const int64_t tick = static_cast<int64_t>(t) + 1;
    XLSAOT_RETURN_IF_ERROR(SendInputs(**oracle, network.inputs[t]));
    const Status expected = (*oracle)->Tick();
    ++report.evaluations;
    for (Candidate& c : candidates) {
      if (c.done) continue;
      ++TallyOf(report, c.engine->name).evaluations;
      if (Status sent = SendInputs(*c.network, network.inputs[t]); !sent.ok()) {
        disagree(c, tick, Difference{"tick " + std::to_string(tick) + ", inputs", "sent", "error: " + sent.error()});
        continue;
      }
      const Status actual = c.network->Tick();
      if (auto d = CompareAfterTick(**oracle, expected, *c.network, actual, tick)) disagree(c, tick, std::move(*d));
    }
    // A failed tick ends the run: what a network does after it is not
    // specified.
    if (!expected.ok()) break;
  }
  return {};
}

Result<DifferentialReport> RunProcDifferential(const ProcDifferentialOptions& options) {
  if (options.count < 0) return MakeError(ErrorCode::kInvalidArgument, "the network count must not be negative");
  if (options.ticks < 1) return MakeError(ErrorCode::kInvalidArgument, "a network runs at least one tick");
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Engine> engines, MakeEngines(options.engines, options.opt_level));
  for (size_t i = 0; i < engines.size(); ++i) {
    if (!engines[i].prepare_network) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "engine '" + options.engines[i] + "' does not run proc networks (it has no prepare_network)");
    }
  }
  DifferentialReport report;
  report.proc_networks = true;
  for (int i = 0; i < options.count && report.disagreements.empty(); ++i) {
    ProcGeneratorOptions generator = options.generator;
    generator.seed = options.seed + static_cast<uint64_t>(i);
    generator.ticks = options.ticks;
    XLSAOT_ASSIGN_OR_RETURN(GeneratedNetwork network, GenerateProcNetwork(generator));
    if (Status compared = CompareNetworks(network, engines, generator.seed, report); !compared.ok()) {
      return MakeError(ErrorCode::kInternal, "the interpreter cannot run the network of seed " +
                                                 std::to_string(generator.seed) + ": " + compared.error());
    }
  }
  return report;
}

}  // namespace xlsaot
