#include "fuzz/proc_generator.h"

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/function_builder.h"
#include "fuzz/random_source.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

// The type and kind of a channel. Interfaces draw theirs from a small
// palette per network, so that the ends of different procs fit together.
struct ChannelShape {
  const Type* type = nullptr;
  ChannelKind kind = ChannelKind::kStreaming;
};

// A channel a proc body sends on or receives from, by its name in the proc.
struct Endpoint {
  std::string channel;
  ChannelShape shape;
  bool is_send = false;
};

struct ProcPlan {
  Proc* proc = nullptr;
  std::unique_ptr<FunctionBuilder> body;
  std::vector<Endpoint> endpoints;
  int next_channel = 0;  // numbers the channels the proc declares
};

// A channel inside a proc with interface list that still lacks a sender or
// a receiver: an interface channel of the proc, or one it declared for a
// child. A later child or the proc's own body closes it.
struct OpenEnd {
  std::string name;
  ChannelShape shape;
  bool needs_sender = false;
};

class NetworkBuilder {
 public:
  NetworkBuilder(const ProcGeneratorOptions& options, const GeneratorOptions& body)
      : options_(options), program_(body) {}

  Result<GeneratedNetwork> Build();

 private:
  RandomSource& rng() { return program_.rng(); }
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[static_cast<size_t>(rng().Uniform(0, static_cast<int64_t>(i) - 1))]);
  }
  ProcPlan& NewProc(std::string name, bool new_style);
  ChannelShape RandomShape();
  // Initial values for a streaming channel that has them: one to three.
  std::vector<Value> InitialValues(const Type* type);

  void BuildGlobalChannels();
  void BuildProcScoped();
  // An interface of `count` channels drawn from the palette.
  void AddInterface(ProcPlan& plan, int inputs, int outputs);
  // Instantiates `children` in `parent`, connecting their interfaces to the
  // parent's interface, to each other and to channels it declares; the ends
  // left open become endpoints of the parent's body.
  void Connect(ProcPlan& parent, std::span<ProcPlan* const> children);
  std::string DeclareChannel(ProcPlan& plan, ChannelShape shape, bool allow_initial_values);

  void BuildBody(ProcPlan& plan);
  void AddReceive(FunctionBuilder& body, const Endpoint& endpoint);
  void AddSend(FunctionBuilder& body, const Endpoint& endpoint);
  void AddNextValues(ProcPlan& plan, std::span<Node* const> reads);
  Node* AddNextValue(FunctionBuilder& body, const StateElement& element, int64_t index, Node* predicate);

  void GenerateInputs(GeneratedNetwork& network);

  ProcGeneratorOptions options_;
  ProgramBuilder program_;
  std::vector<std::unique_ptr<ProcPlan>> plans_;
  std::vector<ChannelShape> palette_;
  Proc* top_ = nullptr;
  // Boundary inputs by elaborated name.
  std::vector<std::pair<std::string, ChannelShape>> inputs_;
  int64_t next_channel_id_ = 0;
};

ProcPlan& NetworkBuilder::NewProc(std::string name, bool new_style) {
  auto plan = std::make_unique<ProcPlan>();
  plan->proc = program_.package().AddProc(std::move(name));
  plan->proc->set_new_style(new_style);
  plan->body = std::make_unique<FunctionBuilder>(program_, plan->proc, program_.helpers());
  // State of every kind: bits (wide ones included), tuples and arrays.
  const int64_t elements = rng().Uniform(0, 3);
  for (int64_t i = 0; i < elements; ++i) {
    const Type* type = plan->body->RandomType();
    plan->proc->mutable_state_elements().push_back(
        StateElement{"st" + std::to_string(i), type, rng().EdgeValue(type), {}});
  }
  plans_.push_back(std::move(plan));
  return *plans_.back();
}

ChannelShape NetworkBuilder::RandomShape() {
  const Type* type = plans_.front()->body->RandomType();
  return ChannelShape{type, rng().Percent(15) ? ChannelKind::kSingleValue : ChannelKind::kStreaming};
}

std::vector<Value> NetworkBuilder::InitialValues(const Type* type) {
  std::vector<Value> values(static_cast<size_t>(rng().Uniform(1, 3)));
  for (Value& v : values) v = rng().EdgeValue(type);
  return values;
}

void NetworkBuilder::BuildGlobalChannels() {
  const int64_t procs = rng().Uniform(1, 3);
  for (int64_t i = 0; i < procs; ++i) NewProc("proc_" + std::to_string(i), /*new_style=*/false);
  // Every proc runs whichever is top; naming one lets `xlsaot eval-proc` run
  // a dumped network without --top.
  top_ = plans_.front()->proc;
  program_.package().set_top_name(top_->name());
  auto pick_proc = [&]() -> ProcPlan& { return *plans_[static_cast<size_t>(rng().Uniform(0, procs - 1))]; };
  auto add_channel = [&](std::string name, ChannelOps ops) {
    Channel channel;
    channel.name = std::move(name);
    const ChannelShape shape = RandomShape();
    channel.type = shape.type;
    channel.kind = shape.kind;
    channel.ops = ops;
    channel.id = next_channel_id_++;
    if (ops == ChannelOps::kSendReceive && shape.kind == ChannelKind::kStreaming && rng().Percent(30)) {
      channel.has_initial_values = true;
      channel.initial_values = InitialValues(shape.type);
    }
    if (ops != ChannelOps::kReceiveOnly) pick_proc().endpoints.push_back(Endpoint{channel.name, shape, true});
    if (ops != ChannelOps::kSendOnly) pick_proc().endpoints.push_back(Endpoint{channel.name, shape, false});
    if (ops == ChannelOps::kReceiveOnly) inputs_.emplace_back(channel.name, shape);
    program_.package().AddChannel(std::move(channel));
  };
  const int64_t inputs = rng().Uniform(0, 2), outputs = rng().Uniform(1, 2), internal = rng().Uniform(0, procs + 1);
  for (int64_t i = 0; i < inputs; ++i) add_channel("in_" + std::to_string(i), ChannelOps::kReceiveOnly);
  for (int64_t i = 0; i < outputs; ++i) add_channel("out_" + std::to_string(i), ChannelOps::kSendOnly);
  for (int64_t i = 0; i < internal; ++i) add_channel("c_" + std::to_string(i), ChannelOps::kSendReceive);
}

void NetworkBuilder::AddInterface(ProcPlan& plan, int inputs, int outputs) {
  for (int i = 0; i < inputs + outputs; ++i) {
    const bool is_input = i < inputs;
    const ChannelShape shape = rng().Percent(85) ? rng().Pick(std::span<const ChannelShape>(palette_)) : RandomShape();
    InterfaceChannel channel;
    channel.name = (is_input ? "in_" : "out_") + std::to_string(is_input ? i : i - inputs);
    channel.type = shape.type;
    channel.direction = is_input ? ChannelDirection::kReceive : ChannelDirection::kSend;
    channel.kind = shape.kind;
    // A single_value interface channel says so in its chan_interface line;
    // a streaming one has the line or not.
    if (shape.kind == ChannelKind::kSingleValue || rng().Bool()) {
      plan.proc->AddChannelInterface(ChannelInterfaceLine{channel.name, channel.direction, shape.kind, {}, {}});
    }
    plan.proc->mutable_interface().push_back(std::move(channel));
  }
}

std::string NetworkBuilder::DeclareChannel(ProcPlan& plan, ChannelShape shape, bool allow_initial_values) {
  Channel channel;
  channel.name = "ch_" + std::to_string(plan.next_channel++);
  channel.type = shape.type;
  channel.kind = shape.kind;
  channel.ops = ChannelOps::kSendReceive;
  channel.id = next_channel_id_++;
  if (allow_initial_values && shape.kind == ChannelKind::kStreaming && rng().Percent(25)) {
    channel.has_initial_values = true;
    channel.initial_values = InitialValues(shape.type);
  }
  std::string name = channel.name;
  plan.proc->AddChannel(std::move(channel));
  return name;
}

void NetworkBuilder::Connect(ProcPlan& parent, std::span<ProcPlan* const> children) {
  std::vector<OpenEnd> open;
  for (const InterfaceChannel& c : parent.proc->interface())
    open.push_back(OpenEnd{c.name, ChannelShape{c.type, c.kind}, c.direction == ChannelDirection::kSend});
  // A channel from the proc to itself, primed so that it does not block.
  if (rng().Percent(15)) {
    const ChannelShape shape{rng().Pick(std::span<const ChannelShape>(palette_)).type, ChannelKind::kStreaming};
    const std::string name = DeclareChannel(parent, shape, /*allow_initial_values=*/true);
    parent.endpoints.push_back(Endpoint{name, shape, true});
    parent.endpoints.push_back(Endpoint{name, shape, false});
  }
  int instance = 0;
  for (ProcPlan* child : children) {
    ProcInstantiation instantiation;
    instantiation.name = "inst_" + std::to_string(instance++);
    instantiation.proc_name = child->proc->name();
    instantiation.proc = child->proc;
    for (const InterfaceChannel& c : child->proc->interface()) {
      const ChannelShape shape{c.type, c.kind};
      // The child receives on an `in` channel: it needs a sender elsewhere,
      // so it closes an end that lacks a receiver, and the other way round.
      const bool child_receives = c.direction == ChannelDirection::kReceive;
      std::vector<size_t> fits;
      for (size_t i = 0; i < open.size(); ++i)
        if (open[i].shape.type == shape.type && open[i].shape.kind == shape.kind &&
            open[i].needs_sender != child_receives)
          fits.push_back(i);
      if (!fits.empty() && rng().Percent(65)) {
        const size_t chosen = rng().Pick(std::span<const size_t>(fits));
        instantiation.channel_args.push_back(open[chosen].name);
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(chosen));
      } else {
        const std::string name = DeclareChannel(parent, shape, /*allow_initial_values=*/true);
        instantiation.channel_args.push_back(name);
        open.push_back(OpenEnd{name, shape, child_receives});
      }
    }
    parent.proc->AddInstantiation(std::move(instantiation));
  }
  for (const OpenEnd& end : open) parent.endpoints.push_back(Endpoint{end.name, end.shape, end.needs_sender});
}

void NetworkBuilder::BuildProcScoped() {
  const int64_t instances = rng().Uniform(2, 4);
  const bool with_middle = instances >= 3 && rng().Percent(35);
  const int64_t leaf_slots = instances - 1 - (with_middle ? 1 : 0);
  // One or two leaf procs, each instantiated at least once; with more slots
  // than leaves, a leaf is instantiated twice.
  const int64_t leaf_count = std::min(rng().Uniform(1, 2), leaf_slots);
  std::vector<ProcPlan*> leaves;
  for (int64_t i = 0; i < leaf_count; ++i) leaves.push_back(&NewProc("leaf_" + std::to_string(i), /*new_style=*/true));
  // Interfaces mostly share a few channel shapes, so that ends can be
  // connected to each other.
  palette_.resize(static_cast<size_t>(rng().Uniform(1, 3)));
  for (ChannelShape& shape : palette_) shape = RandomShape();
  for (ProcPlan* leaf : leaves) {
    const int inputs = static_cast<int>(rng().Uniform(0, 2));
    AddInterface(*leaf, inputs, static_cast<int>(rng().Uniform(inputs == 0 ? 1 : 0, 2)));
  }
  std::vector<ProcPlan*> children;
  for (int64_t i = 0; i < leaf_slots; ++i)
    children.push_back(i < leaf_count ? leaves[static_cast<size_t>(i)]
                                      : leaves[static_cast<size_t>(rng().Uniform(0, leaf_count - 1))]);
  Shuffle(children);
  if (with_middle) {
    ProcPlan& middle = NewProc("middle", /*new_style=*/true);
    AddInterface(middle, static_cast<int>(rng().Uniform(0, 2)), static_cast<int>(rng().Uniform(1, 2)));
    Connect(middle, std::span<ProcPlan* const>(&children.back(), 1));
    children.back() = &middle;
    Shuffle(children);
  }

  ProcPlan& top = NewProc("main", /*new_style=*/true);
  top_ = top.proc;
  program_.package().set_top_name(top_->name());
  AddInterface(top, static_cast<int>(rng().Uniform(0, 2)), static_cast<int>(rng().Uniform(1, 2)));
  for (const InterfaceChannel& c : top.proc->interface())
    if (c.direction == ChannelDirection::kReceive) inputs_.emplace_back(c.name, ChannelShape{c.type, c.kind});
  Connect(top, children);
  for (ProcPlan* leaf : leaves)
    for (const InterfaceChannel& c : leaf->proc->interface())
      leaf->endpoints.push_back(
          Endpoint{c.name, ChannelShape{c.type, c.kind}, c.direction == ChannelDirection::kSend});
}

void NetworkBuilder::AddReceive(FunctionBuilder& body, const Endpoint& endpoint) {
  const bool blocking = rng().Percent(65);
  Node* predicate = rng().Percent(20) ? body.Condition() : nullptr;
  Node* token = body.Token();
  std::vector<const Type*> elements = {Type::Token(), endpoint.shape.type};
  if (!blocking) elements.push_back(Type::Bits(1));
  std::vector<Node*> operands = {token};
  if (predicate != nullptr) operands.push_back(predicate);
  Node* receive = body.Add(Op::kReceive, Type::Tuple(elements), std::move(operands));
  receive->mutable_attrs().channel = endpoint.channel;
  receive->mutable_attrs().blocking = blocking;
  receive->mutable_attrs().has_predicate = predicate != nullptr;
  for (size_t i = 0; i < elements.size(); ++i) {
    Node* element = body.Add(Op::kTupleIndex, elements[i], {receive});
    element->mutable_attrs().index = static_cast<int64_t>(i);
    if (i != 0) continue;
    // The chain goes on from the receive, or joins it with what came before.
    body.AdvanceToken(rng().Percent(30) ? body.Add(Op::kAfterAll, Type::Token(), {element, token}) : element);
  }
}

void NetworkBuilder::AddSend(FunctionBuilder& body, const Endpoint& endpoint) {
  Node* data = body.Derive(endpoint.shape.type);
  Node* predicate = rng().Percent(25) ? body.Condition() : nullptr;
  std::vector<Node*> operands = {body.Token(), data};
  if (predicate != nullptr) operands.push_back(predicate);
  Node* send = body.Add(Op::kSend, Type::Token(), std::move(operands));
  send->mutable_attrs().channel = endpoint.channel;
  send->mutable_attrs().has_predicate = predicate != nullptr;
  body.AdvanceToken(send);
}

Node* NetworkBuilder::AddNextValue(FunctionBuilder& body, const StateElement& element, int64_t index,
                                   Node* predicate) {
  std::vector<Node*> operands = {body.Derive(element.type)};
  if (predicate != nullptr) operands.push_back(predicate);
  Node* next = body.Add(Op::kNextValue, Type::EmptyTuple(), std::move(operands), /*into_pool=*/false);
  next->mutable_attrs().state_element = element.name;
  next->mutable_attrs().state_index = index;
  next->mutable_attrs().has_predicate = predicate != nullptr;
  return next;
}

void NetworkBuilder::AddNextValues(ProcPlan& plan, std::span<Node* const> reads) {
  FunctionBuilder& body = *plan.body;
  const std::span<const StateElement> elements = plan.proc->state_elements();
  for (size_t i = 0; i < elements.size(); ++i) {
    const int64_t index = static_cast<int64_t>(i);
    const int64_t roll = rng().Uniform(0, 99);
    if (roll < 8) continue;  // the element keeps its value
    if (roll < 12) {
      // Unchanged explicitly: the value read.
      Node* next = body.Add(Op::kNextValue, Type::EmptyTuple(), {reads[i]}, /*into_pool=*/false);
      next->mutable_attrs().state_element = elements[i].name;
      next->mutable_attrs().state_index = index;
    } else if (roll < 62) {
      AddNextValue(body, elements[i], index, nullptr);
    } else if (roll < 90) {
      AddNextValue(body, elements[i], index, body.Condition());
    } else {
      // Two next values: usually under exclusive predicates, rarely under
      // independent ones that may both fire (a conflict).
      Node* first = body.Condition();
      AddNextValue(body, elements[i], index, first);
      Node* second = body.Condition();
      if (rng().Percent(85)) {
        Node* not_first = body.Add(Op::kNot, Type::Bits(1), {first});
        second = body.Add(Op::kAnd, Type::Bits(1), {not_first, second});
      }
      AddNextValue(body, elements[i], index, second);
    }
  }
}

void NetworkBuilder::BuildBody(ProcPlan& plan) {
  FunctionBuilder& body = *plan.body;
  std::vector<Node*> reads;
  const std::span<const StateElement> elements = plan.proc->state_elements();
  for (size_t i = 0; i < elements.size(); ++i) {
    Node* read = body.Add(Op::kStateRead, elements[i].type, {});
    read->mutable_attrs().state_element = elements[i].name;
    read->mutable_attrs().state_index = static_cast<int64_t>(i);
    reads.push_back(read);
  }
  // Channel operations in random order, with computations between them.
  std::vector<Endpoint>& endpoints = plan.endpoints;
  Shuffle(endpoints);
  const int64_t budget = std::max(1, program_.options().max_nodes);
  const int64_t segment = std::max<int64_t>(1, 2 * budget / static_cast<int64_t>(endpoints.size() + 1));
  for (const Endpoint& endpoint : endpoints) {
    body.Generate(static_cast<int>(rng().Uniform(0, segment)));
    if (endpoint.is_send) {
      AddSend(body, endpoint);
    } else {
      AddReceive(body, endpoint);
    }
  }
  body.Generate(static_cast<int>(rng().Uniform(1, segment)));
  AddNextValues(plan, reads);
}

void NetworkBuilder::GenerateInputs(GeneratedNetwork& network) {
  network.inputs.resize(static_cast<size_t>(std::max(0, options_.ticks)));
  for (std::vector<ProcInput>& tick : network.inputs) {
    for (const auto& [name, shape] : inputs_) {
      // Streaming inputs get a value most ticks (two now and then, none
      // sometimes, so that receivers also block); single_value ones are set
      // now and then.
      int64_t count = 0;
      if (shape.kind == ChannelKind::kSingleValue) {
        count = rng().Percent(35) ? 1 : 0;
      } else {
        count = rng().Percent(80) ? (rng().Percent(15) ? 2 : 1) : 0;
      }
      for (int64_t i = 0; i < count; ++i) tick.push_back(ProcInput{name, rng().EdgeValue(shape.type)});
    }
  }
}

Result<GeneratedNetwork> NetworkBuilder::Build() {
  program_.StartPackage();
  if (rng().Bool()) {
    BuildProcScoped();
  } else {
    BuildGlobalChannels();
  }
  for (const auto& plan : plans_) BuildBody(*plan);
  GeneratedNetwork network;
  GenerateInputs(network);

  const std::string top_name = top_->name();
  std::unique_ptr<Package> package = program_.TakePackage();
  const std::string text = PrintPackage(*package);
  auto defect = [&](const std::string& what) {
    return MakeError(ErrorCode::kInternal,
                     "generated proc network for seed " + std::to_string(options_.seed) + " " + what + "\n" + text);
  };
  if (Status verified = VerifyPackage(*package); !verified.ok()) return defect("does not verify: " + verified.error());
  Result<std::unique_ptr<Package>> reparsed = ParsePackage(text, package->name() + ".ir");
  if (!reparsed.ok()) return defect("does not parse back: " + reparsed.error());
  if (Status verified = VerifyPackage(**reparsed); !verified.ok())
    return defect("does not verify once parsed back: " + verified.error());
  if (PrintPackage(**reparsed) != text) return defect("prints differently once parsed back");
  network.package = std::move(reparsed).value();
  network.top = network.package->GetProc(top_name);
  return network;
}

}  // namespace

Result<GeneratedNetwork> GenerateProcNetwork(const ProcGeneratorOptions& options) {
  // Which events a network has is chosen before the builder exists, since
  // the helper functions are generated first: a second stream of the seed.
  RandomSource choices(~options.seed);
  GeneratorOptions body = options.body;
  body.seed = options.seed;
  body.allow_assert = body.allow_assert && choices.Percent(25);
  body.allow_trace = body.allow_trace && choices.Percent(60);
  NetworkBuilder builder(options, body);
  return builder.Build();
}

}  // namespace xlsaot
