#include "fuzz/proc_generator.h"

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/fuzz/generated_network.h"
#include "interp/proc_network.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/proc_elaboration.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

// How a run of a network ends: "ok" after every tick, or the code of the
// failing tick.
std::string RunOnInterpreter(const GeneratedNetwork& network, std::string* error = nullptr) {
  Result<std::unique_ptr<ProcNetwork>> created = ProcNetwork::Create(*network.package, *network.top);
  if (!created.ok()) return "create error: " + created.error();
  ProcNetwork& net = **created;
  for (const std::vector<ProcInput>& tick : network.inputs) {
    for (const ProcInput& input : tick) {
      std::optional<size_t> channel = net.FindChannel(input.channel);
      if (!channel) return "no channel " + input.channel;
      if (Status s = net.Send(*channel, input.value); !s.ok()) return "send error: " + s.error();
    }
    if (Status s = net.Tick(); !s.ok()) {
      if (error != nullptr) *error = s.error();
      return ErrorCodeName(s.code());
    }
  }
  return "ok";
}

TEST(ProcGeneratorTest, SameSeedGivesIdenticalNetworks) {
  for (uint64_t seed : {0ull, 1ull, 77ull, ~0ull}) {
    GeneratedNetwork a = GenerateNetwork(seed);
    GeneratedNetwork b = GenerateNetwork(seed);
    ASSERT_NE(a.package, nullptr);
    ASSERT_NE(b.package, nullptr);
    EXPECT_EQ(PrintPackage(*a.package), PrintPackage(*b.package)) << "seed " << seed;
    ASSERT_EQ(a.inputs.size(), b.inputs.size());
    for (size_t t = 0; t < a.inputs.size(); ++t) {
      ASSERT_EQ(a.inputs[t].size(), b.inputs[t].size());
      for (size_t i = 0; i < a.inputs[t].size(); ++i) {
        EXPECT_EQ(a.inputs[t][i].channel, b.inputs[t][i].channel);
        EXPECT_EQ(a.inputs[t][i].value, b.inputs[t][i].value);
      }
    }
  }
  EXPECT_NE(PrintPackage(*GenerateNetwork(3).package), PrintPackage(*GenerateNetwork(4).package));
}

// Every network verifies, prints to text that parses back to the same text,
// elaborates, has inputs for exactly its boundary input channels (of their
// types) for every tick, and runs on the interpreter, each run ending after
// every tick or in one of the failures of the model.
TEST(ProcGeneratorTest, NetworksAreValidAndRun) {
  std::map<std::string, int> endings;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    GeneratedNetwork network = GenerateNetwork(seed, 12);
    ASSERT_NE(network.package, nullptr) << "seed " << seed;
    ASSERT_NE(network.top, nullptr) << "seed " << seed;
    ASSERT_TRUE(VerifyPackage(*network.package).ok()) << "seed " << seed;
    const std::string text = PrintPackage(*network.package);
    Result<std::unique_ptr<Package>> reparsed = ParsePackage(text, "network.ir");
    ASSERT_TRUE(reparsed.ok()) << "seed " << seed << ": " << reparsed.error() << "\n" << text;
    ASSERT_TRUE(VerifyPackage(**reparsed).ok()) << "seed " << seed;
    EXPECT_EQ(PrintPackage(**reparsed), text) << "seed " << seed;

    Result<ElaboratedNetwork> elaborated = ElaborateProcNetwork(*network.package, *network.top);
    ASSERT_TRUE(elaborated.ok()) << "seed " << seed << ": " << elaborated.error();
    ASSERT_EQ(network.inputs.size(), 12u);
    bool has_output = false;
    for (const ChannelInstance& c : elaborated->channels) has_output |= c.boundary == ChannelInstance::Boundary::kOutput;
    EXPECT_TRUE(has_output) << "seed " << seed;
    for (const std::vector<ProcInput>& tick : network.inputs) {
      for (const ProcInput& input : tick) {
        const ChannelInstance* channel = nullptr;
        for (const ChannelInstance& c : elaborated->channels)
          if (c.name == input.channel) channel = &c;
        ASSERT_NE(channel, nullptr) << "seed " << seed << ": " << input.channel;
        EXPECT_EQ(channel->boundary, ChannelInstance::Boundary::kInput) << "seed " << seed;
        EXPECT_TRUE(input.value.HasType(channel->type)) << "seed " << seed;
      }
    }
    std::string error;
    const std::string ending = RunOnInterpreter(network, &error);
    ++endings[ending];
    EXPECT_TRUE(ending == "ok" || ending == "assertion failed" || ending == "deadlock" || ending == "state conflict")
        << "seed " << seed << ": " << ending << " " << error;
  }
  std::string summary;
  for (const auto& [ending, count] : endings) summary += " " + ending + ": " + std::to_string(count) + ";";
  std::printf("how 400 networks of 12 ticks end:%s\n", summary.c_str());
  // Most networks run every tick, so that the comparison covers many
  // activations; every failure of the model still comes up.
  EXPECT_GE(endings["ok"], 240) << summary;
  EXPECT_GT(endings["assertion failed"], 0) << summary;
  EXPECT_GT(endings["deadlock"], 0) << summary;
  EXPECT_GT(endings["state conflict"], 0) << summary;
  EXPECT_LE(endings["state conflict"], 40) << summary;  // rare
}

// Each feature of procs the generator is meant to produce appears, counted
// over 500 networks.
TEST(ProcGeneratorTest, CoversEveryProcFeature) {
  std::map<std::string, int> seen;
  std::set<int64_t> instance_counts;
  std::set<std::string> body_ops;
  for (uint64_t seed = 0; seed < 500; ++seed) {
    GeneratedNetwork network = GenerateNetwork(seed);
    ASSERT_NE(network.package, nullptr);
    const Package& package = *network.package;
    Result<ElaboratedNetwork> elaborated = ElaborateProcNetwork(package, *network.top);
    ASSERT_TRUE(elaborated.ok());
    auto count_channel = [&](const Channel& c) {
      ++seen[c.kind == ChannelKind::kSingleValue ? "single_value channel" : "streaming channel"];
      if (c.has_initial_values) ++seen["channel with initial values"];
    };
    for (const Channel& c : package.channels()) {
      ++seen["global channel " + std::string(ChannelOpsName(c.ops))];
      count_channel(c);
    }
    if (network.top->is_new_style()) {
      ++seen["proc-scoped network"];
      instance_counts.insert(static_cast<int64_t>(elaborated->instances.size()));
      for (const ChannelInstance& c : elaborated->channels)
        if (c.boundary != ChannelInstance::Boundary::kInternal && c.kind == ChannelKind::kSingleValue)
          ++seen["single_value interface channel"];
    } else {
      ++seen["global-channel network"];
      if (package.procs().size() > 1) ++seen["several global-channel procs"];
    }
    std::map<std::string, int> instantiated;
    for (const auto& proc : package.procs()) {
      for (const Channel& c : proc->channels()) count_channel(c);
      for (const ProcInstantiation& inst : proc->instantiations()) {
        ++seen["proc_instantiation"];
        if (++instantiated[inst.proc_name] == 2) ++seen["one proc instantiated twice"];
        if (!inst.proc->instantiations().empty()) ++seen["nested instantiation"];
      }
      for (const StateElement& e : proc->state_elements()) {
        if (e.type->IsBits() && e.type->bit_count() > 64) ++seen["state wider than 64 bits"];
        if (e.type->IsTuple()) ++seen["tuple state"];
        if (e.type->IsArray()) ++seen["array state"];
      }
      std::map<std::string, int> next_values;
      for (const auto& node : proc->nodes()) {
        const NodeAttributes& a = node->attrs();
        switch (node->op()) {
          case Op::kReceive:
            ++seen[a.blocking ? "blocking receive" : "non-blocking receive"];
            if (a.has_predicate) ++seen["predicated receive"];
            break;
          case Op::kSend:
            ++seen[a.has_predicate ? "predicated send" : "send"];
            break;
          case Op::kNextValue:
            ++seen[a.has_predicate ? "predicated next_value" : "next_value"];
            if (++next_values[a.state_element] == 2) ++seen["two next_values of one element"];
            break;
          case Op::kStateRead:
            ++seen["state_read"];
            break;
          case Op::kAfterAll:
            if (node->operand_count() >= 2) ++seen["after_all joining tokens"];
            break;
          default:
            body_ops.insert(std::string(OpName(node->op())));
        }
      }
    }
  }
  for (const char* feature :
       {"global channel send_only", "global channel receive_only", "global channel send_receive",
        "streaming channel", "single_value channel", "channel with initial values", "proc-scoped network",
        "single_value interface channel", "global-channel network", "several global-channel procs",
        "proc_instantiation", "one proc instantiated twice", "nested instantiation", "state wider than 64 bits",
        "tuple state", "array state", "blocking receive", "non-blocking receive", "predicated receive", "send",
        "predicated send", "next_value", "predicated next_value", "two next_values of one element", "state_read",
        "after_all joining tokens"}) {
    EXPECT_GT(seen[feature], 0) << feature;
  }
  // Two to four instances in proc-scoped networks, each count reached.
  EXPECT_EQ(instance_counts, (std::set<int64_t>{2, 3, 4}));
  // The bodies compute with the function generator's operations, events and
  // calls included.
  for (const char* op : {"add", "umul", "sel", "array_index", "tuple", "concat", "invoke", "trace", "assert", "cover"})
    EXPECT_TRUE(body_ops.count(op)) << op;
  std::string summary;
  for (const auto& [feature, count] : seen) summary += " " + feature + ": " + std::to_string(count) + ";";
  std::printf("proc features in 500 networks:%s\n", summary.c_str());
}

}  // namespace
}  // namespace xlsaot
