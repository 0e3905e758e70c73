#include "aot/api_generator.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace xlsaot {
namespace {

// C++20 keywords and alternative tokens, plus names that are macros in
// common C headers (an object-like macro would break a parameter name).
constexpr std::string_view kReservedWords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await",
    "co_return", "co_yield", "compl", "concept", "const", "const_cast", "consteval",
    "constexpr", "constinit", "continue", "decltype", "default", "delete", "do", "double",
    "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
    "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
    "protected", "public", "register", "reinterpret_cast", "requires", "return", "short",
    "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
    "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
    "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq", "final", "override", "import", "module",
    // Macros and names the generated code itself uses.
    "errno", "stdin", "stdout", "stderr", "NULL", "EOF", "assert", "offsetof",
    "Output", "Runner", "Create", "Run", "RunWithEvents", "StoreInputs", "LoadOutput",
    "kMetadata", "internal", "std", "xlsaot", "allocator", "buffer", "value", "log", "result",
    "status", "runner", "runner_", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "size_t",
    "Inputs", "OutputBuffer", "RunBatch", "Traits", "GeneratedRunner", "CallEntry", "RunStaged",
    "RunStagedWithEvents", "artifact_runner", "input", "inputs", "out", "options"};

// The names of the generated ABI-layout structs: Tuple<type index>.
bool IsLayoutStructName(std::string_view s) {
  return s.size() > 5 && s.starts_with("Tuple") &&
         s.find_first_not_of("0123456789", 5) == std::string_view::npos;
}

bool IsReservedWord(std::string_view s) {
  return std::find(std::begin(kReservedWords), std::end(kReservedWords), s) !=
             std::end(kReservedWords) ||
         IsLayoutStructName(s);
}

bool IsIdentifierChar(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return alpha || (!first && c >= '0' && c <= '9');
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (!IsIdentifierChar(s[i], i == 0)) return false;
  return true;
}

// Identifiers with "__" or a leading "_X" are reserved to the implementation.
bool IsReservedIdentifier(std::string_view s) {
  return s.find("__") != std::string_view::npos ||
         (s.size() >= 2 && s[0] == '_' && s[1] >= 'A' && s[1] <= 'Z');
}

std::vector<std::string_view> SplitNamespace(std::string_view ns) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t sep = ns.find("::", start);
    parts.push_back(ns.substr(start, sep == std::string_view::npos ? sep : sep - start));
    if (sep == std::string_view::npos) break;
    start = sep + 2;
  }
  return parts;
}

// A C++ identifier for an XLS name: characters outside [A-Za-z0-9_] become
// '_', runs of '_' one, leading and trailing '_' dropped; `prefix` goes in
// front of a name that would be empty, start with a digit, be reserved or
// start with "xlsaot".
std::string CppIdentifier(std::string_view xls_name, std::string_view prefix) {
  std::string id;
  for (char c : xls_name) {
    const char mapped = IsIdentifierChar(c, false) ? c : '_';
    if (mapped == '_' && (id.empty() || id.back() == '_')) continue;  // no "__", no leading "_"
    id += mapped;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty() || (id[0] >= '0' && id[0] <= '9') || IsReservedWord(id) ||
      id.starts_with("xlsaot")) {
    id = std::string(prefix) + id;
    if (id.back() == '_') id.pop_back();
  }
  return id;
}

// A C++ identifier for an XLS parameter name, distinct from `taken`.
std::string ParamIdentifier(std::string_view xls_name, std::set<std::string>& taken) {
  const std::string id = CppIdentifier(xls_name, "arg_");
  std::string unique = id;
  for (int n = 2; taken.count(unique); ++n) unique = id + "_" + std::to_string(n);
  taken.insert(unique);
  return unique;
}


}  // namespace

// Octal escapes (never more than three digits) keep following characters
// apart.
std::string StringViewLiteral(std::string_view text) {
  std::string literal = "\"";
  bool has_nul = false;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      literal += '\\';
      literal += static_cast<char>(c);
    } else if (c == '?') {
      literal += "\\?";  // never part of a trigraph
    } else if (c >= 0x20 && c < 0x7f) {
      literal += static_cast<char>(c);
    } else {
      char octal[8];
      std::snprintf(octal, sizeof(octal), "\\%03o", c);
      literal += octal;
      has_nul = has_nul || c == 0;
    }
  }
  literal += '"';
  if (!has_nul) return literal;
  return "std::string_view(" + literal + ", " + std::to_string(text.size()) + ")";
}

namespace {

std::string Upper(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += IsIdentifierChar(c, false) ? c : '_';
  }
  return out;
}

// Scalars are passed by value, aggregates and wide bits by reference.
bool PassByValue(const TypeDesc& t) {
  return t.kind == TypeDescKind::kToken || (t.kind == TypeDescKind::kBits && t.bit_count <= 64);
}

std::string ParamType(const MetadataView& m, uint32_t type) {
  const std::string name = CppTypeName(m, type);
  return PassByValue(m.type(type)) ? name : "const " + name + "&";
}

// The C++ type in the ABI layout of a type: the API type for bits and for
// types without storage, std::array of layout types for arrays, and a
// generated struct TupleK (K: the type index) for tuples with storage.
std::string LayoutTypeName(const MetadataView& m, uint32_t type) {
  const TypeDesc& t = m.type(type);
  if (t.size == 0) return CppTypeName(m, type);
  switch (t.kind) {
    case TypeDescKind::kTuple:
      return "Tuple" + std::to_string(type);
    case TypeDescKind::kArray:
      return "std::array<" + LayoutTypeName(m, t.element_type) + ", " + std::to_string(t.element_count) + ">";
    default:
      return CppTypeName(m, type);
  }
}

std::string LayoutParamType(const MetadataView& m, uint32_t type) {
  const std::string name = LayoutTypeName(m, type);
  return PassByValue(m.type(type)) ? name : "const " + name + "&";
}

// A byte offset into `buffer`: a constant plus loop terms ("i0 * 4").
struct Offset {
  uint64_t constant = 0;
  std::string terms;

  std::string Render() const {
    std::string out = "buffer";
    if (constant != 0) out += " + " + std::to_string(constant);
    return out + terms;
  }
  Offset Plus(uint64_t bytes) const { return Offset{constant + bytes, terms}; }
  Offset PlusIndex(const std::string& index, uint64_t stride) const {
    return Offset{constant, terms + " + " + index + " * " + std::to_string(stride)};
  }
};

enum class Direction { kStore, kLoad };

// Code that copies a value of `type` between the C++ expression `expr` and
// the buffer at `offset`. Types without storage produce no code.
void EmitCopy(const MetadataView& m, Direction dir, uint32_t type, const std::string& expr,
              const Offset& offset, int depth, const std::string& indent, std::string& out) {
  const TypeDesc& t = m.type(type);
  if (t.size == 0) return;
  switch (t.kind) {
    case TypeDescKind::kBits: {
      const std::string n = std::to_string(t.bit_count);
      if (dir == Direction::kStore) {
        out += indent + "xlsaot::StoreBits<" + n + ">(" + expr + ", " + offset.Render() + ");\n";
      } else {
        out += indent + expr + " = xlsaot::" + (t.bit_count > 64 ? "LoadWideBits<" : "LoadBits<") +
               n + ">(" + offset.Render() + ");\n";
      }
      return;
    }
    case TypeDescKind::kToken:
      return;
    case TypeDescKind::kTuple:
      for (uint64_t i = 0; i < t.element_count; ++i) {
        const FieldDesc& f = m.fields[t.first_field + i];
        EmitCopy(m, dir, f.type, "std::get<" + std::to_string(i) + ">(" + expr + ")",
                 offset.Plus(f.offset), depth, indent, out);
      }
      return;
    case TypeDescKind::kArray: {
      const std::string index = "i" + std::to_string(depth);
      out += indent + "for (size_t " + index + " = 0; " + index + " < " +
             std::to_string(t.element_count) + "; ++" + index + ") {\n";
      EmitCopy(m, dir, t.element_type, expr + "[" + index + "]",
               offset.PlusIndex(index, t.stride), depth + 1, indent + "  ", out);
      out += indent + "}\n";
      return;
    }
  }
}

std::string TypeDescInitializer(const TypeDesc& t) {
  std::string out = "xlsaot::TypeDesc{.kind = xlsaot::TypeDescKind::";
  switch (t.kind) {
    case TypeDescKind::kBits: out += "kBits"; break;
    case TypeDescKind::kTuple: out += "kTuple"; break;
    case TypeDescKind::kArray: out += "kArray"; break;
    case TypeDescKind::kToken: out += "kToken"; break;
  }
  if (t.bit_count != 0) out += ", .bit_count = " + std::to_string(t.bit_count);
  out += ", .size = " + std::to_string(t.size);
  out += ", .alignment = " + std::to_string(t.alignment);
  if (t.element_count != 0) out += ", .element_count = " + std::to_string(t.element_count);
  if (t.element_type != 0) out += ", .element_type = " + std::to_string(t.element_type);
  if (t.stride != 0) out += ", .stride = " + std::to_string(t.stride);
  if (t.first_field != 0) out += ", .first_field = " + std::to_string(t.first_field);
  return out + "}";
}

// "inline constexpr std::array<T, N> kName = {...};" with one entry a line.
std::string ConstArray(const std::string& element_type, const std::string& name,
                       const std::vector<std::string>& entries) {
  std::string out = "inline constexpr std::array<" + element_type + ", " +
                    std::to_string(entries.size()) + "> " + name + " = {";
  if (entries.empty()) return out + "};\n";
  out += "{\n";
  for (const std::string& e : entries) out += "    " + e + ",\n";
  return out + "}};\n";
}

std::string Hex64(uint64_t x) {
  char text[24];
  std::snprintf(text, sizeof(text), "0x%016llxu", static_cast<unsigned long long>(x));
  return text;
}

std::string Hex(uint32_t x) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%x", x);
  return text;
}

struct Param {
  std::string id;           // C++ identifier
  std::string type;         // C++ parameter type
  std::string layout_type;  // C++ parameter type in the ABI layout
  uint32_t type_index;
  bool empty;            // no storage
};

}  // namespace

std::string MetadataDefinition(const MetadataView& m) {
  std::string h;
  // The metadata tables.
  h += "namespace internal {\n\n";
  std::vector<std::string> entries;
  for (std::string_view f : m.cpu_features) entries.push_back(StringViewLiteral(f));
  h += ConstArray("std::string_view", "kCpuFeatures", entries);
  // One type a line, with its XLS text as a comment.
  h += "inline constexpr std::array<xlsaot::TypeDesc, " + std::to_string(m.types.size()) +
       "> kTypes = {{\n";
  for (uint32_t i = 0; i < m.types.size(); ++i) {
    h += "    " + TypeDescInitializer(m.types[i]) + ",  // " + std::to_string(i) + ": " +
         CommentText(TypeDescText(m, i)) + "\n";
  }
  h += "}};\n";
  entries.clear();
  for (const FieldDesc& f : m.fields) {
    entries.push_back("xlsaot::FieldDesc{.type = " + std::to_string(f.type) +
                      ", .offset = " + std::to_string(f.offset) + "}");
  }
  h += ConstArray("xlsaot::FieldDesc", "kFields", entries);
  entries.clear();
  for (const ParamDesc& p : m.params) {
    entries.push_back("xlsaot::ParamDesc{.name = " + StringViewLiteral(p.name) +
                      ", .type = " + std::to_string(p.type) + "}");
  }
  h += ConstArray("xlsaot::ParamDesc", "kParams", entries);
  entries.clear();
  for (const AssertDesc& a : m.asserts) {
    entries.push_back("xlsaot::AssertDesc{.message = " + StringViewLiteral(a.message) +
                      ", .label = " + StringViewLiteral(a.label) + "}");
  }
  h += ConstArray("xlsaot::AssertDesc", "kAsserts", entries);
  // Event sites exist only in artifacts compiled with events.
  for (size_t i = 0; i < m.traces.size(); ++i) {
    entries.clear();
    for (uint32_t type : m.traces[i].operand_types) entries.push_back(std::to_string(type));
    h += ConstArray("uint32_t", "kTrace" + std::to_string(i) + "Operands", entries);
  }
  entries.clear();
  for (size_t i = 0; i < m.traces.size(); ++i) {
    const TraceDesc& t = m.traces[i];
    entries.push_back("xlsaot::TraceDesc{.node = " + StringViewLiteral(t.node) +
                      ", .format = " + StringViewLiteral(t.format) + ", .verbosity = " + std::to_string(t.verbosity) +
                      ", .operand_types = kTrace" + std::to_string(i) + "Operands}");
  }
  if (!m.traces.empty()) h += ConstArray("xlsaot::TraceDesc", "kTraces", entries);
  entries.clear();
  for (const CoverDesc& c : m.covers) {
    entries.push_back("xlsaot::CoverDesc{.node = " + StringViewLiteral(c.node) +
                      ", .label = " + StringViewLiteral(c.label) + "}");
  }
  if (!m.covers.empty()) h += ConstArray("xlsaot::CoverDesc", "kCovers", entries);
  entries.clear();
  for (const AssumptionDesc& a : m.assumptions) {
    entries.push_back("xlsaot::AssumptionDesc{.node = " + StringViewLiteral(a.node) +
                      ", .kind = " + StringViewLiteral(a.kind) + "}");
  }
  if (!m.assumptions.empty()) h += ConstArray("xlsaot::AssumptionDesc", "kAssumptions", entries);
  h += "\n}  // namespace internal\n\n";

  h += "// Everything the runtime checks before calling the compiled code, and the\n";
  h += "// buffer layout of every parameter and of the result (xlsaot/metadata.h).\n";
  h += "inline constexpr xlsaot::MetadataView kMetadata = {\n";
  h += "    .abi_version = " + std::to_string(m.abi_version) + ",\n";
  h += "    .features = " + Hex(m.features) + ",\n";
  h += "    .scratch_size = " + std::to_string(m.scratch_size) + ",\n";
  h += "    .scratch_alignment = " + std::to_string(m.scratch_alignment) + ",\n";
  h += "    .function_name = " + StringViewLiteral(m.function_name) + ",\n";
  h += "    .entry_symbol = " + StringViewLiteral(m.entry_symbol) + ",\n";
  h += "    .target_triple = " + StringViewLiteral(m.target_triple) + ",\n";
  h += "    .cpu = " + StringViewLiteral(m.cpu) + ",\n";
  h += "    .cpu_features = internal::kCpuFeatures,\n";
  h += "    .types = internal::kTypes,\n";
  h += "    .fields = internal::kFields,\n";
  h += "    .params = internal::kParams,\n";
  h += "    .return_type = " + std::to_string(m.return_type) + ",\n";
  h += "    .asserts = internal::kAsserts,\n";
  // Every field named, so that consumers compiling with -Wextra get no
  // missing-initializer warning from a generated header.
  h += std::string("    .traces = ") + (m.traces.empty() ? "{}" : "internal::kTraces") + ",\n";
  h += std::string("    .covers = ") + (m.covers.empty() ? "{}" : "internal::kCovers") + ",\n";
  h += std::string("    .assumptions = ") + (m.assumptions.empty() ? "{}" : "internal::kAssumptions") + ",\n";
  h += "};\n\n";
  return h;
}

namespace {

class Generator {
 public:
  Generator(const MetadataView& m, std::vector<uint8_t> blob, std::string_view name, std::string_view ns)
      : m_(m), blob_(std::move(blob)), name_(name), ns_(ns) {
    const std::vector<std::string> ids = ParamIdentifiers(m);
    for (size_t i = 0; i < m.params.size(); ++i) {
      const uint32_t type = m.params[i].type;
      params_.push_back(Param{ids[i], ParamType(m, type), LayoutParamType(m, type), type, m.type(type).size == 0});
    }
  }

  // The entry's extern "C" declarations (at file scope) and its namespace
  // in the header and in the source.
  std::string ExternDeclarations() const;
  std::string Header() const;
  std::string Source() const;

  std::string FunctionName() const { return CommentText(m_.function_name); }
  // The XLS signature, for comments: f(a: bits[8], b: token) -> bits[8].
  std::string XlsSignature() const {
    std::string s = CommentText(m_.function_name) + "(";
    for (size_t i = 0; i < m_.params.size(); ++i) {
      if (i) s += ", ";
      s += CommentText(m_.params[i].name) + ": " + TypeDescText(m_, m_.params[i].type);
    }
    return s + ") -> " + TypeDescText(m_, m_.return_type);
  }

 private:
  // The ABI-layout structs (TupleK), Inputs, OutputBuffer, and the
  // static_asserts that pin their layout to the metadata's.
  std::string LayoutTypes() const;

 private:
  // "uint32_t state, uint8_t byte". `defaults`: trailing parameters without
  // storage get "= {}"; `names`: parameters without storage named rather
  // than commented out (inline definitions never read them).
  std::string Params(bool defaults, bool names) const {
    size_t first_defaulted = params_.size();
    while (first_defaulted > 0 && params_[first_defaulted - 1].empty) --first_defaulted;
    std::string s;
    for (size_t i = 0; i < params_.size(); ++i) {
      if (i) s += ", ";
      const Param& p = params_[i];
      s += p.type + " ";
      s += (!names && p.empty) ? "/*" + p.id + "*/" : p.id;
      if (defaults && i >= first_defaulted) s += " = {}";
    }
    return s;
  }
  std::string ArgList() const {
    std::string s;
    for (const auto& param : params_) {
      if (param.empty) continue;
      if (!s.empty()) s += ", ";
      s += param.id;
    }
    return s;
  }
  std::string StoreInputsParams() const {
    std::string s;
    for (const Param& p : params_) {
      if (p.empty) continue;
      if (!s.empty()) s += ", ";
      s += p.type + " " + p.id;
    }
    return s;
  }
  std::string ArtifactSymbol() const {
    return std::string(m_.entry_symbol) + "_artifact";
  }
  std::string CallDoc() const {
    std::string s = CommentText(m_.function_name) + "(";
    for (size_t i = 0; i < params_.size(); ++i) s += (i ? ", " : "") + params_[i].id;
    return s + ")";
  }

  const MetadataView& m_;
  std::vector<uint8_t> blob_;  // m_ serialized, as the object holds it
  std::string name_;
  std::string ns_;
  std::vector<Param> params_;
};

// The first line of both generated files.
std::string GeneratedByLine(const std::vector<Generator>& entries) {
  std::string line = "// Generated by `xlsaot compile` from XLS function";
  if (entries.size() > 1) line += 's';
  for (size_t i = 0; i < entries.size(); ++i) line += std::string(i == 0 ? " '" : ", '") + entries[i].FunctionName() + "'";
  return line + ". Do not edit.\n";
}

// The file-level text around the entries' parts of a header.
std::string HeaderPrologue(const std::vector<Generator>& entries, const std::string& name, const std::string& ns) {
  const std::string guard = "XLSAOT_GENERATED_" + Upper(ns) + "_" + Upper(name) + "_H_";
  std::string h = GeneratedByLine(entries);
  h += "//\n";
  for (const Generator& entry : entries) h += "//   " + entry.XlsSignature() + "\n";
  h += "//\n";
  if (entries.size() > 1) {
    h += "// Each function has its own namespace " + ns + "::<function> with its Runner,\n";
    h += "// kMetadata and layout types.\n";
  }
  h += "// Link with " + name + ".o (the compiled code) and the xlsaot runtime library; see\n";
  h += "// docs/generated-api.md for the API and the C++ type of every XLS type.\n";
  h += "#ifndef " + guard + "\n#define " + guard + "\n\n";
  h += "#include <array>\n#include <cstddef>\n#include <cstdint>\n"
       "#include <string_view>\n#include <tuple>\n#include <utility>\n\n";
  h += "#include \"xlsaot/abi.h\"\n#include \"xlsaot/allocator.h\"\n"
       "#include \"xlsaot/artifact.h\"\n#include \"xlsaot/bits.h\"\n"
       "#include \"xlsaot/generated_runner.h\"\n#include \"xlsaot/marshal.h\"\n"
       "#include \"xlsaot/metadata.h\"\n#include \"xlsaot/result.h\"\n"
       "#include \"xlsaot/run_output.h\"\n\n";
  h += std::string("// Defined by the compiled object ") + name + ".o: the entry point" + (entries.size() > 1 ? "s" : "") +
       ", called\n";
  h += std::string("// directly, and ") + (entries.size() > 1 ? "their descriptors" : "its descriptor") +
       " (xlsaot/artifact.h), checked by Create().\n";
  for (const Generator& entry : entries) h += entry.ExternDeclarations();
  return h + "\n";
}

std::string HeaderEpilogue(const std::string& name, const std::string& ns) {
  return "#endif  // XLSAOT_GENERATED_" + Upper(ns) + "_" + Upper(name) + "_H_\n";
}

std::string Generator::ExternDeclarations() const {
  return "extern \"C\" int32_t " + std::string(m_.entry_symbol) +
         "(const uint8_t* const* inputs, uint8_t* const* outputs, uint8_t* scratch, xlsaot_context* ctx);\n" +
         "extern \"C\" const xlsaot_artifact " + ArtifactSymbol() + ";\n";
}

std::string Generator::Header() const {
  std::string h;
  h += "namespace " + ns_ + " {\n\n";

  h += MetadataDefinition(m_);

  h += LayoutTypes();

  const std::string output_type = CppTypeName(m_, m_.return_type);
  h += "namespace internal {\n\n";
  h += "// What xlsaot::GeneratedRunner needs to know of this function.\n";
  h += "struct Traits {\n";
  h += "  using Inputs = " + ns_ + "::Inputs;\n";
  h += "  using OutputBuffer = " + ns_ + "::OutputBuffer;\n";
  h += "  using Output = " + output_type + ";\n";
  h += "  static constexpr const xlsaot::MetadataView& kMetadata = " + ns_ + "::kMetadata;\n";
  h += "  static constexpr xlsaot_entry_fn kEntry = &" + std::string(m_.entry_symbol) + ";\n";
  h += "  static const xlsaot_artifact& Artifact() { return " + ArtifactSymbol() + "; }\n";
  h += "  // The metadata blob this header was generated from: what Create() checks\n";
  h += "  // the object's against.\n";
  h += "  static constexpr uint64_t kMetadataBlobSize = " + std::to_string(blob_.size()) + ";\n";
  h += "  static constexpr uint64_t kMetadataBlobHash = " + Hex64(MetadataBlobHash(blob_)) + ";\n";
  std::string pointers;
  bool any_input = false;
  for (const Param& p : params_) {
    if (!pointers.empty()) pointers += ", ";
    pointers += p.empty ? "nullptr" : "xlsaot::AbiBytes(inputs." + p.id + ")";
    any_input = any_input || !p.empty;
  }
  h += "  static std::array<const uint8_t*, " + std::to_string(params_.size()) + "> InputPointers(const Inputs&" +
       (any_input ? " inputs" : "") + ") {\n";
  h += "    return {" + (pointers.empty() ? "" : "{" + pointers + "}") + "};\n";
  h += "  }\n";
  h += "  // Converts a result buffer to the Output value (" + name_ + ".cc).\n";
  h += "  static void LoadOutput(const uint8_t* buffer, Output& value);\n";
  h += "};\n\n";
  h += "}  // namespace internal\n\n";

  const std::string sig = Params(/*defaults=*/true, /*names=*/false);
  h += "// Calls the compiled function. Create() once, then Run() as often as needed:\n";
  h += "// calls allocate nothing and take no lock. One Runner serves one thread at a\n";
  h += "// time; create one per thread to run in parallel. Create(), Run(inputs, out),\n";
  h += "// RunBatch() and artifact_runner() come from xlsaot::GeneratedRunner\n";
  h += "// (xlsaot/generated_runner.h).\n";
  h += "class Runner : public xlsaot::GeneratedRunner<Runner, internal::Traits> {\n";
  h += " public:\n";
  h += "  // " + CommentText(TypeDescText(m_, m_.return_type)) + "\n";
  h += "  using Output = " + output_type + ";\n";
  h += "  using GeneratedRunner::Run;\n\n";
  h += "  // Computes " + CallDoc() + ". If an assertion fails, the result is an\n";
  h += "  // error (xlsaot::ErrorCode::kAssertionFailed) naming the first message.\n";
  h += "  xlsaot::Result<Output> Run(" + sig + ") {\n";
  h += "    StoreInputs(" + ArgList() + ");\n";
  h += "    return RunStaged();\n";
  h += "  }\n\n";
  h += "  // Computes " + CallDoc() + " into `out`, in place: the arguments and `out`\n";
  h += "  // are the buffers the compiled code reads and writes. Errors as Run().\n";
  std::string layout_sig;
  std::string pointer_list;
  for (const Param& p : params_) {
    layout_sig += p.layout_type + " " + (p.empty ? "/*" + p.id + "*/" : p.id) + ", ";
    if (!pointer_list.empty()) pointer_list += ", ";
    pointer_list += p.empty ? "nullptr" : "xlsaot::AbiBytes(" + p.id + ")";
  }
  h += "  xlsaot::Status Run(" + layout_sig + "OutputBuffer& out) {\n";
  if (params_.empty()) {
    h += "    return CallEntry(nullptr, xlsaot::AbiBytes(out));\n";
  } else {
    h += "    const uint8_t* const inputs[] = {" + pointer_list + "};\n";
    h += "    return CallEntry(inputs, xlsaot::AbiBytes(out));\n";
  }
  h += "  }\n\n";
  h += "  // Computes " + CallDoc() + " and returns it together with the events\n";
  h += "  // `options` asks for (all by default): failed assertions with their labels\n";
  h += "  // and traces in execution order, cover counts (docs/events.md). Failed\n";
  h += "  // assertions do not make it fail; their messages are also in `assertions`.\n";
  h += "  xlsaot::Result<xlsaot::RunOutput<Output>> RunWithEvents(" + sig + (sig.empty() ? "" : ", ") +
       "const xlsaot::RunOptions& options = {}) {\n";
  h += "    StoreInputs(" + ArgList() + ");\n";
  h += "    return RunStagedWithEvents(options);\n";
  h += "  }\n\n";
  h += " private:\n";
  h += "  friend class xlsaot::GeneratedRunner<Runner, internal::Traits>;\n";
  h += "  explicit Runner(xlsaot::ArtifactRunner runner) : GeneratedRunner(std::move(runner)) {}\n";
  h += "  // Writes the arguments into the staging buffers (" + name_ + ".cc).\n";
  h += "  void StoreInputs(" + StoreInputsParams() + ");\n";
  h += "};\n\n";
  h += "}  // namespace " + ns_ + "\n\n";
  return h;
}

std::string Generator::LayoutTypes() const {
  std::string h;
  h += "// The ABI layout (docs/abi.md) as C++ types, for Run(..., out) and RunBatch:\n";
  h += "// the compiled code reads and writes these objects directly.\n";
  bool any_tuple = false;
  for (const TypeDesc& t : m_.types) any_tuple = any_tuple || (t.kind == TypeDescKind::kTuple && t.size != 0);
  if (any_tuple) {
    h += "// A tuple with storage is a struct TupleK (K: its index in kMetadata.types)\n";
    h += "// with one member fI per element I that has storage.\n";
  }
  for (uint32_t i = 0; i < m_.types.size(); ++i) {
    const TypeDesc& t = m_.types[i];
    if (t.kind != TypeDescKind::kTuple || t.size == 0) continue;
    h += "struct Tuple" + std::to_string(i) + " {  // " + CommentText(TypeDescText(m_, i)) + "\n";
    for (uint64_t e = 0; e < t.element_count; ++e) {
      const FieldDesc& f = m_.fields[t.first_field + e];
      if (m_.type(f.type).size == 0) continue;
      h += "  " + LayoutTypeName(m_, f.type) + " f" + std::to_string(e) + ";\n";
    }
    h += "};\n";
  }
  h += "// The parameters, one member each (none for those without storage).\n";
  h += "struct Inputs {\n";
  for (const Param& p : params_) {
    if (!p.empty) h += "  " + LayoutTypeName(m_, p.type_index) + " " + p.id + ";\n";
  }
  h += "};\n";
  h += "// The result.\n";
  h += "using OutputBuffer = " + LayoutTypeName(m_, m_.return_type) + ";\n\n";
  h += "// Each layout type has exactly the size, alignment and offsets of kMetadata.\n";
  for (uint32_t i = 0; i < m_.types.size(); ++i) {
    const TypeDesc& t = m_.types[i];
    if (t.size == 0) continue;
    const std::string name = LayoutTypeName(m_, i);
    h += "static_assert(sizeof(" + name + ") == " + std::to_string(t.size) + " && alignof(" + name +
         ") == " + std::to_string(t.alignment) + ");\n";
    if (t.kind != TypeDescKind::kTuple) continue;
    for (uint64_t e = 0; e < t.element_count; ++e) {
      const FieldDesc& f = m_.fields[t.first_field + e];
      if (m_.type(f.type).size == 0) continue;
      h += "static_assert(offsetof(" + name + ", f" + std::to_string(e) + ") == " + std::to_string(f.offset) +
           ");\n";
    }
  }
  return h + "\n";
}

std::string SourcePrologue(const std::vector<Generator>& entries, const std::string& name) {
  std::string s = GeneratedByLine(entries);
  s += "#include \"" + name + ".h\"\n\n";
  s += "#include <cstddef>\n#include <cstdint>\n\n";
  s += "#include \"xlsaot/marshal.h\"\n";
  return s;
}

std::string Generator::Source() const {
  std::string s;
  s += "\nnamespace " + ns_ + " {\n\n";

  s += "void Runner::StoreInputs(" + StoreInputsParams() + ") {\n";
  bool any_store = false;
  for (size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    if (p.empty) continue;
    any_store = true;
    s += "  {\n";
    s += "    uint8_t* const buffer = input(" + std::to_string(i) + ");\n";
    EmitCopy(m_, Direction::kStore, p.type_index, p.id, Offset{}, 0, "    ", s);
    s += "  }\n";
  }
  if (!any_store) s += "  // No parameter has storage.\n";
  s += "}\n\n";

  std::string load;
  EmitCopy(m_, Direction::kLoad, m_.return_type, "value", Offset{}, 0, "  ", load);
  if (load.empty()) {
    s += "void internal::Traits::LoadOutput(const uint8_t* /*buffer*/, Output& /*value*/) {\n";
    s += "  // The result has no storage.\n";
  } else {
    s += "void internal::Traits::LoadOutput(const uint8_t* buffer, Output& value) {\n";
  }
  s += load;
  s += "}\n\n";
  s += "}  // namespace " + ns_ + "\n";
  return s;
}

}  // namespace

Status CheckArtifactName(std::string_view name) {
  if (!IsIdentifier(name) || IsReservedIdentifier(name) || name.size() > 200) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "artifact name '" + std::string(name) +
                         "' must be a C identifier (letters, digits, '_'; no leading digit, no "
                         "'__'), at most 200 characters");
  }
  return Status::Ok();
}

Status CheckCppNamespace(std::string_view ns) {
  for (std::string_view part : SplitNamespace(ns)) {
    if (!IsIdentifier(part) || IsReservedIdentifier(part) || IsReservedWord(part) ||
        part == "xlsaot") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "namespace '" + std::string(ns) +
                           "' must be C++ identifiers joined by '::' (not keywords, not "
                           "'xlsaot', no '__')");
    }
  }
  return Status::Ok();
}

std::vector<std::string> ParamIdentifiers(const MetadataView& metadata) {
  std::set<std::string> taken;
  std::vector<std::string> ids;
  for (const ParamDesc& p : metadata.params) ids.push_back(ParamIdentifier(p.name, taken));
  return ids;
}

std::string CommentText(std::string_view text) {
  std::string out;
  for (unsigned char c : text) out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  return out;
}

std::string CppTypeName(const MetadataView& m, uint32_t type) {
  const TypeDesc& t = m.type(type);
  switch (t.kind) {
    case TypeDescKind::kBits:
      if (t.bit_count == 0) return "xlsaot::ZeroBits";
      if (t.bit_count == 1) return "bool";
      if (t.bit_count <= 8) return "uint8_t";
      if (t.bit_count <= 16) return "uint16_t";
      if (t.bit_count <= 32) return "uint32_t";
      if (t.bit_count <= 64) return "uint64_t";
      return "xlsaot::Bits<" + std::to_string(t.bit_count) + ">";
    case TypeDescKind::kToken:
      return "xlsaot::Token";
    case TypeDescKind::kTuple: {
      std::string s = "std::tuple<";
      for (uint64_t i = 0; i < t.element_count; ++i) {
        if (i) s += ", ";
        s += CppTypeName(m, m.fields[t.first_field + i].type);
      }
      return s + ">";
    }
    case TypeDescKind::kArray:
      return "std::array<" + CppTypeName(m, t.element_type) + ", " +
             std::to_string(t.element_count) + ">";
  }
  return "void";
}

std::string EntryIdentifier(std::string_view function_name) { return CppIdentifier(function_name, "fn_"); }

std::string EntryNamespace(std::string_view cpp_namespace, std::string_view function_name, size_t entry_count) {
  std::string ns(cpp_namespace);
  if (entry_count > 1) ns += "::" + EntryIdentifier(function_name);
  return ns;
}

Result<GeneratedApi> GenerateCppApi(const MetadataView& metadata, std::string_view name,
                                    std::string_view cpp_namespace) {
  return GenerateCppApi(std::span<const MetadataView>(&metadata, 1), name, cpp_namespace);
}

Result<GeneratedApi> GenerateCppApi(std::span<const MetadataView> entries, std::string_view name,
                                    std::string_view cpp_namespace) {
  XLSAOT_RETURN_IF_ERROR(ValidateArtifactEntries(entries));
  XLSAOT_RETURN_IF_ERROR(CheckArtifactName(name));
  XLSAOT_RETURN_IF_ERROR(CheckCppNamespace(cpp_namespace));
  const std::string ns(cpp_namespace);
  std::vector<Generator> generators;
  std::set<std::string> identifiers;
  for (const MetadataView& entry : entries) {
    XLSAOT_ASSIGN_OR_RETURN(std::vector<uint8_t> blob, SerializeMetadata(entry));
    // One function keeps the artifact's namespace; several get one each.
    std::string entry_ns = EntryNamespace(ns, entry.function_name, entries.size());
    if (!identifiers.insert(entry_ns).second) {
      return MakeError(ErrorCode::kInvalidArgument, "two functions would both have the namespace '" + entry_ns +
                                                        "' in the generated API");
    }
    generators.emplace_back(entry, std::move(blob), name, entry_ns);
  }
  GeneratedApi api;
  api.header = HeaderPrologue(generators, std::string(name), ns);
  api.source = SourcePrologue(generators, std::string(name));
  for (const Generator& generator : generators) {
    api.header += generator.Header();
    api.source += generator.Source();
  }
  api.header += HeaderEpilogue(std::string(name), ns);
  return api;
}

}  // namespace xlsaot
