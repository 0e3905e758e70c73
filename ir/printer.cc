#include "ir/printer.h"

#include <algorithm>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "ir/op.h"
#include "ir/value.h"

namespace xlsaot {
namespace {

std::string NodeName(const Node* node) {
  if (node == nullptr) return "<null>";
  if (!node->name().empty()) return node->name();
  // Nodes built without a name read back as XLS's generated "op.id".
  return std::string(OpName(node->op())) + "." + std::to_string(node->id());
}

std::string Quoted(std::string_view text) { return "\"" + EscapeString(text) + "\""; }

// Whether an attribute that is not an operand group is written out: required
// ones always, optional ones when they carry information. XLS always writes
// counted_for's stride.
bool IsWritten(Attr attr, AttrPresence presence, const Node& node) {
  if (presence == kRequired) return true;
  const NodeAttributes& a = node.attrs();
  switch (attr) {
    case Attr::kStart:
    case Attr::kWidth:
    case Attr::kNewBitCount:
    case Attr::kIndex:
    case Attr::kTripCount:
    case Attr::kToApply:
    case Attr::kBody:
    case Attr::kName:
    case Attr::kValue:
    case Attr::kMessage:
    case Attr::kFormat:
    case Attr::kLsbPrio:
    case Attr::kStride:
      return true;
    case Attr::kDelay:
      return a.delay != 0;
    case Attr::kVerbosity:
      return a.verbosity != 0;
    case Attr::kAssumedInBounds:
      return a.assumed_in_bounds;
    case Attr::kLabel:
      return a.has_label;
    case Attr::kDefault:
      return a.has_default;
    case Attr::kCases:
    case Attr::kIndices:
    case Attr::kDataOperands:
    case Attr::kInvariantArgs:
      return true;  // operand lists are decided by their length (see PrintNode)
    case Attr::kStateElement:
    case Attr::kNextStateValue:
    case Attr::kChannel:
      return true;
    case Attr::kPredicate:
      return a.has_predicate;
    case Attr::kBlocking:
      return !a.blocking;  // XLS writes only blocking=false
  }
  return true;
}

// The text after "name=" for attributes that are not operand groups.
std::string ScalarAttrText(Attr attr, const Node& node) {
  const NodeAttributes& a = node.attrs();
  switch (attr) {
    case Attr::kStart: return std::to_string(a.start);
    case Attr::kWidth: return std::to_string(a.width);
    case Attr::kNewBitCount: return std::to_string(a.new_bit_count);
    case Attr::kLsbPrio: return a.lsb_prio ? "true" : "false";
    case Attr::kIndex: return std::to_string(a.index);
    case Attr::kAssumedInBounds: return a.assumed_in_bounds ? "true" : "false";
    case Attr::kToApply:
    case Attr::kBody: return a.callee != nullptr ? a.callee->name() : "<null>";
    case Attr::kTripCount: return std::to_string(a.trip_count);
    case Attr::kStride: return std::to_string(a.stride);
    case Attr::kName: return node.name();
    case Attr::kValue: return a.value.ToHumanString();
    case Attr::kMessage: return Quoted(a.message);
    case Attr::kLabel: return Quoted(a.label);
    case Attr::kFormat: return Quoted(a.format);
    case Attr::kVerbosity: return std::to_string(a.verbosity);
    case Attr::kDelay: return std::to_string(a.delay);
    case Attr::kCases:
    case Attr::kDefault:
    case Attr::kIndices:
    case Attr::kInvariantArgs:
    case Attr::kDataOperands:
    case Attr::kNextStateValue:
    case Attr::kPredicate:
      return "";  // operand groups: written by PrintNode
    case Attr::kStateElement: return a.state_element;
    case Attr::kChannel: return a.channel;
    case Attr::kBlocking: return a.blocking ? "true" : "false";
  }
  return "";
}

// file_number paths are kept as written in the source (XLS does not
// unescape them), so they are written back raw; a path that came from a
// """triple-quoted""" string may hold quotes or newlines and goes back into one.
std::string QuotedPath(const std::string& path) {
  const bool plain = path.find('"') == std::string::npos && path.find('\n') == std::string::npos;
  if (plain) return "\"" + path + "\"";
  if (path.find("\"\"\"") == std::string::npos && path.back() != '"' && path.back() != '\\')
    return "\"\"\"" + path + "\"\"\"";
  return "\"" + EscapeString(path) + "\"";
}

// The functions `f` calls (to_apply=, body=), each once, in node order.
std::vector<const Function*> Callees(const Function& f) {
  std::vector<const Function*> callees;
  for (const auto& node : f.nodes()) {
    const Function* callee = node->attrs().callee;
    if (node->op_info().has_flag(kFlagCallsFunction) && callee != nullptr &&
        std::find(callees.begin(), callees.end(), callee) == callees.end())
      callees.push_back(callee);
  }
  return callees;
}

// XLS's order: a depth-first post-order of the call graph from the functions
// nobody calls, so every callee is printed before its callers (XLS's own
// parser needs that). Functions only reachable through a cycle (recursion,
// which the verifier rejects) follow in package order, so nothing is lost and
// printing stays a fixed point. Iterative: call chains may be long.
std::vector<const Function*> FunctionsInCallOrder(const Package& package) {
  std::set<const Function*> called;
  for (const auto& f : package.functions())
    for (const Function* callee : Callees(*f)) called.insert(callee);
  std::vector<const Function*> order;
  std::set<const Function*> visited;
  for (const auto& root : package.functions()) {
    const Function* start = root.get();
    if (called.count(start) || !visited.insert(start).second) continue;
    std::vector<std::pair<const Function*, std::vector<const Function*>>> stack;
    stack.emplace_back(start, Callees(*start));
    while (!stack.empty()) {
      std::vector<const Function*>& pending = stack.back().second;
      if (pending.empty()) {
        order.push_back(stack.back().first);
        stack.pop_back();
        continue;
      }
      const Function* callee = pending.front();
      pending.erase(pending.begin());
      // A callee from another package is not printed here.
      if (callee->package() == &package && visited.insert(callee).second) {
        stack.emplace_back(callee, Callees(*callee));
      }
    }
  }
  for (const auto& f : package.functions())
    if (visited.insert(f.get()).second) order.push_back(f.get());
  return order;
}

std::string JoinNames(std::span<Node* const> nodes) {
  std::string out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i) out += ", ";
    out += NodeName(nodes[i]);
  }
  return out;
}

}  // namespace

std::string PrintType(const Type* type) { return type == nullptr ? "<null>" : type->ToString(); }

std::string PrintNode(const Node& node) {
  const OpInfo& info = node.op_info();
  std::span<Node* const> operands = node.operands();
  std::vector<std::string> args;

  const size_t positional = info.positional_operands == kVariadic
                                ? operands.size()
                                : std::min(operands.size(), static_cast<size_t>(info.positional_operands));
  args.reserve(operands.size());
  for (size_t i = 0; i < positional; ++i) args.push_back(NodeName(operands[i]));
  size_t next = positional;

  // Operands past the positional ones belong to the operand-group attributes
  // in table order; a list takes all but the single operands after it.
  auto single_operands_after = [&](size_t index) {
    size_t count = 0;
    std::span<const AttrSpec> specs = info.attrs();
    for (size_t j = index + 1; j < specs.size(); ++j)
      if (GetAttrInfo(specs[j].attr).kind == AttrValueKind::kOperand &&
          IsWritten(specs[j].attr, specs[j].presence, node))
        ++count;
    return count;
  };
  std::span<const AttrSpec> specs = info.attrs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const AttrSpec& spec = specs[i];
    const AttrInfo& attr = GetAttrInfo(spec.attr);
    const std::string key = std::string(attr.name) + "=";
    switch (attr.kind) {
      case AttrValueKind::kOperandList: {
        const size_t remaining = operands.size() - next;
        const size_t singles = std::min(remaining, single_operands_after(i));
        const size_t count = remaining - singles;
        if (spec.presence == kRequired || count > 0) {
          args.push_back(key + "[" + JoinNames(operands.subspan(next, count)) + "]");
        }
        next += count;
        break;
      }
      case AttrValueKind::kOperand:
        if (IsWritten(spec.attr, spec.presence, node) && next < operands.size()) {
          args.push_back(key + NodeName(operands[next++]));
        }
        break;
      default:
        if (IsWritten(spec.attr, spec.presence, node)) args.push_back(key + ScalarAttrText(spec.attr, node));
        break;
    }
  }
  args.push_back("id=" + std::to_string(node.id()));
  if (!node.pos().empty()) {
    std::string pos = "pos=[";
    for (size_t i = 0; i < node.pos().size(); ++i) {
      const SourcePos& p = node.pos()[i];
      if (i) pos += ", ";
      pos += "(" + std::to_string(p.file_number) + "," + std::to_string(p.line) + "," +
             std::to_string(p.column) + ")";
    }
    args.push_back(pos + "]");
  }

  std::string out = NodeName(&node) + ": " + PrintType(node.type()) + " = " + std::string(info.name) + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    out += args[i];
  }
  return out + ")";
}

std::string PrintFunction(const Function& function) {
  std::string out;
  for (const std::string& attribute : function.outer_attributes()) out += "#[" + attribute + "]\n";
  const bool is_top = function.package() != nullptr && function.package()->top_name() == function.name();
  out += is_top ? "top fn " : "fn ";
  out += function.name() + "(";
  for (size_t i = 0; i < function.params().size(); ++i) {
    const Node* param = function.param(i);
    if (i) out += ", ";
    out += param->name() + ": " + PrintType(param->type()) + " id=" + std::to_string(param->id());
  }
  const Node* ret = function.return_node();
  const Type* return_type = function.return_type() != nullptr ? function.return_type()
                            : ret != nullptr                  ? ret->type()
                                                              : nullptr;
  out += ") -> " + PrintType(return_type) + " {\n";
  for (const auto& node : function.nodes()) {
    if (node->op() == Op::kParam) continue;
    out += node.get() == ret ? "  ret " : "  ";
    out += PrintNode(*node) + "\n";
  }
  // A returned parameter needs a line of its own to carry the 'ret'.
  if (ret != nullptr && ret->op() == Op::kParam) out += "  ret " + PrintNode(*ret) + "\n";
  return out + "}\n";
}

namespace {

std::string VerbatimAttributes(std::span<const VerbatimAttribute> attributes) {
  std::string out;
  for (const VerbatimAttribute& a : attributes) out += ", " + a.key + "=" + a.text;
  return out;
}

std::string JoinValues(std::span<const Value> values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i].ToHumanString();
  return out;
}

}  // namespace

std::string PrintChannel(const Channel& channel) {
  std::string out = "chan " + channel.name + "(" + PrintType(channel.type);
  if (channel.has_initial_values) out += ", initial_values={" + JoinValues(channel.initial_values) + "}";
  if (channel.id) out += ", id=" + std::to_string(*channel.id);
  out += ", kind=" + std::string(ChannelKindName(channel.kind)) + ", ops=" + std::string(ChannelOpsName(channel.ops));
  return out + VerbatimAttributes(channel.other_attributes) + ")";
}

std::string PrintProc(const Proc& proc) {
  std::string out;
  for (const std::string& attribute : proc.outer_attributes()) out += "#[" + attribute + "]\n";
  const bool is_top = proc.package() != nullptr && proc.package()->top_name() == proc.name();
  out += (is_top ? "top proc " : "proc ") + proc.name();
  if (proc.is_new_style()) {
    out += "<";
    for (size_t i = 0; i < proc.interface().size(); ++i) {
      const InterfaceChannel& c = proc.interface()[i];
      out += (i ? ", " : "") + c.name + ": " + PrintType(c.type) +
             (c.direction == ChannelDirection::kReceive ? " in" : " out");
    }
    out += ">";
  }
  out += "(";
  std::vector<Value> init;
  for (const StateElement& e : proc.state_elements()) {
    out += e.name + ": " + PrintType(e.type) + ", ";
    init.push_back(e.initial_value);
  }
  out += proc.state_elements().empty() ? ") {\n" : "init={" + JoinValues(init) + "}) {\n";
  for (const Proc::Declaration& d : proc.declarations()) {
    switch (d.kind) {
      case Proc::Declaration::Kind::kChannel:
        out += "  " + PrintChannel(proc.channels()[d.index]) + "\n";
        break;
      case Proc::Declaration::Kind::kChannelInterface: {
        const ChannelInterfaceLine& line = proc.channel_interfaces()[d.index];
        out += "  chan_interface " + line.name + "(direction=" + std::string(ChannelDirectionName(line.direction)) +
               ", kind=" + std::string(ChannelKindName(line.kind)) + VerbatimAttributes(line.other_attributes) +
               ")\n";
        break;
      }
      case Proc::Declaration::Kind::kInstantiation: {
        const ProcInstantiation& inst = proc.instantiations()[d.index];
        out += "  proc_instantiation " + inst.name + "(";
        for (const std::string& arg : inst.channel_args) out += arg + ", ";
        out += "proc=" + inst.proc_name + ")\n";
        break;
      }
    }
  }
  for (const auto& node : proc.nodes()) out += "  " + PrintNode(*node) + "\n";
  return out + "}\n";
}

std::string PrintPackage(const Package& package) {
  std::string out = "package " + package.name() + "\n";
  if (!package.file_numbers().empty()) {
    out += "\n";
    for (const auto& [number, path] : package.file_numbers()) {
      out += "file_number " + std::to_string(number) + " " + QuotedPath(path) + "\n";
    }
  }
  if (!package.channels().empty()) {
    out += "\n";
    for (const Channel& channel : package.channels()) out += PrintChannel(channel) + "\n";
  }
  for (const Function* function : FunctionsInCallOrder(package)) out += "\n" + PrintFunction(*function);
  for (const auto& proc : package.procs()) out += "\n" + PrintProc(*proc);
  return out;
}

}  // namespace xlsaot
