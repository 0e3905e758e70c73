#include "aot/c_api_generator.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "aot/api_generator.h"

namespace xlsaot {
namespace {

std::string Upper(std::string_view s) {
  std::string out;
  for (char c : s) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

// How a value of a type is named and passed in C. Bits up to 64 are the
// unsigned integer of their container; wider bits little-endian bytes;
// tuples structs PREFIX_tupleK (K: the type's index); arrays C arrays.
// Types without storage have no C form at all: they are left out of
// parameter lists and structs.
class CTypes {
 public:
  CTypes(const MetadataView& m, std::string prefix) : m_(m), prefix_(std::move(prefix)) {}

  const TypeDesc& type(uint32_t index) const { return m_.type(index); }
  bool HasStorage(uint32_t index) const { return m_.type(index).size != 0; }
  bool IsScalar(uint32_t index) const {
    const TypeDesc& t = m_.type(index);
    return t.kind == TypeDescKind::kBits && t.bit_count <= 64;
  }

  // The byte count macro of bits[n], n > 64.
  std::string BytesMacro(uint64_t bit_count) const {
    return Upper(prefix_) + "_BITS" + std::to_string(bit_count) + "_BYTES";
  }
  std::string TupleName(uint32_t index) const { return prefix_ + "_tuple" + std::to_string(index); }

  // The element type of the C declarator: "uint16_t", "uint8_t" (wide
  // bits), "PREFIX_tuple4".
  std::string Base(uint32_t index) const {
    const TypeDesc& t = m_.type(index);
    switch (t.kind) {
      case TypeDescKind::kBits:
        if (t.bit_count <= 8 || t.bit_count > 64) return "uint8_t";
        if (t.bit_count <= 16) return "uint16_t";
        if (t.bit_count <= 32) return "uint32_t";
        return "uint64_t";
      case TypeDescKind::kTuple:
        return TupleName(index);
      case TypeDescKind::kArray:
        return Base(t.element_type);
      case TypeDescKind::kToken:
        break;
    }
    return "void";
  }
  // The array dimensions after the declarator's name: "[4][PREFIX_BITS65_BYTES]".
  std::string Dims(uint32_t index) const {
    const TypeDesc& t = m_.type(index);
    if (t.kind == TypeDescKind::kArray) return "[" + std::to_string(t.element_count) + "]" + Dims(t.element_type);
    if (t.kind == TypeDescKind::kBits && t.bit_count > 64) return "[" + BytesMacro(t.bit_count) + "]";
    return "";
  }
  std::string Member(uint32_t index, const std::string& name) const { return Base(index) + " " + name + Dims(index); }
  // A parameter: scalars by value, tuples by pointer, arrays and wide bits
  // as (decayed) arrays, const when they have one dimension: before C23, C
  // does not convert `T (*)[n]` to `const T (*)[n]`, so a const array of
  // arrays would make callers cast.
  std::string Param(uint32_t index, const std::string& name) const {
    if (IsScalar(index)) return Member(index, name);
    if (m_.type(index).kind == TypeDescKind::kTuple) return "const " + Base(index) + "* " + name;
    const std::string dims = Dims(index);
    const bool one_dimension = std::count(dims.begin(), dims.end(), '[') == 1;
    return (one_dimension ? "const " : "") + Member(index, name);
  }
  // The result parameter.
  std::string Out(uint32_t index, const std::string& name) const {
    if (IsScalar(index) || m_.type(index).kind == TypeDescKind::kTuple) return Base(index) + "* " + name;
    return Member(index, name);
  }
  // The C expression of the value a parameter (or the result parameter)
  // named `name` passes.
  std::string Value(uint32_t index, const std::string& name, bool out) const {
    const bool pointer = m_.type(index).kind == TypeDescKind::kTuple || (out && IsScalar(index));
    return pointer ? "(*" + name + ")" : name;
  }

  // The tuple structs reachable from `index`, elements before the tuples
  // that hold them, each once.
  void CollectTuples(uint32_t index, std::set<uint32_t>& seen, std::vector<uint32_t>& order) const {
    const TypeDesc& t = m_.type(index);
    if (t.size == 0) return;
    if (t.kind == TypeDescKind::kArray) CollectTuples(t.element_type, seen, order);
    if (t.kind != TypeDescKind::kTuple || seen.count(index)) return;
    for (uint64_t e = 0; e < t.element_count; ++e) CollectTuples(m_.fields[t.first_field + e].type, seen, order);
    seen.insert(index);
    order.push_back(index);
  }
  // The bit counts above 64 reachable from `index`.
  void CollectWide(uint32_t index, std::set<uint64_t>& widths) const {
    const TypeDesc& t = m_.type(index);
    if (t.size == 0) return;
    if (t.kind == TypeDescKind::kBits && t.bit_count > 64) widths.insert(t.bit_count);
    if (t.kind == TypeDescKind::kArray) CollectWide(t.element_type, widths);
    if (t.kind == TypeDescKind::kTuple) {
      for (uint64_t e = 0; e < t.element_count; ++e) CollectWide(m_.fields[t.first_field + e].type, widths);
    }
  }

  const MetadataView& metadata() const { return m_; }
  const std::string& prefix() const { return prefix_; }

 private:
  const MetadataView& m_;
  std::string prefix_;
};

struct CParam {
  std::string id;
  uint32_t type;
  size_t index;  // among all parameters, those without storage too
};

// The parameters with storage, named for C: the C++ API's identifiers,
// also kept clear of C-only keywords and of the entry's own names.
std::vector<CParam> CParams(const CTypes& c) {
  const MetadataView& m = c.metadata();
  const std::vector<std::string> ids = ParamIdentifiers(m);
  std::set<std::string> taken(ids.begin(), ids.end());
  std::vector<CParam> params;
  for (size_t i = 0; i < m.params.size(); ++i) {
    std::string id = ids[i];
    if (id == "restrict" || id.starts_with(c.prefix() + "_") || id.starts_with(Upper(c.prefix()) + "_")) {
      std::string renamed = "arg_" + id;
      for (int n = 2; taken.count(renamed); ++n) renamed = "arg_" + id + "_" + std::to_string(n);
      taken.insert(renamed);
      id = renamed;
    }
    if (c.HasStorage(m.params[i].type)) params.push_back(CParam{id, m.params[i].type, i});
  }
  return params;
}

// The XLS signature, for comments: f(a: bits[8], b: token) -> bits[8].
std::string XlsSignature(const MetadataView& m) {
  std::string s = CommentText(m.function_name) + "(";
  for (size_t i = 0; i < m.params.size(); ++i) {
    if (i) s += ", ";
    s += CommentText(m.params[i].name) + ": " + CommentText(TypeDescText(m, m.params[i].type));
  }
  return s + ") -> " + CommentText(TypeDescText(m, m.return_type));
}

bool IsTuple(const CTypes& c, uint32_t type) { return c.type(type).kind == TypeDescKind::kTuple; }

// The names of the struct types of tuple parameters and of a tuple result,
// which say what they are where NAME_tupleK does not.
std::string ParamTypeName(const CTypes& c, const CParam& p) { return c.prefix() + "_param_" + p.id; }
std::string ResultTypeName(const CTypes& c) { return c.prefix() + "_result"; }

std::string RunSignature(const CTypes& c, const std::vector<CParam>& params) {
  const MetadataView& m = c.metadata();
  std::string s = "xlsaot_error_code " + c.prefix() + "_run(" + c.prefix() + "_runner* runner";
  for (const CParam& p : params) {
    s += ", ";
    s += IsTuple(c, p.type) ? "const " + ParamTypeName(c, p) + "* " + p.id : c.Param(p.type, p.id);
  }
  if (c.HasStorage(m.return_type)) {
    s += ", ";
    s += IsTuple(c, m.return_type) ? ResultTypeName(c) + "* out" : c.Out(m.return_type, "out");
  }
  return s + ")";
}

enum class Direction { kStore, kLoad };

// Code copying a value between the C expression `expr` and the ABI buffer
// at `offset` (an expression over `buffer_` and loop indices).
void EmitCopy(const CTypes& c, Direction dir, uint32_t index, const std::string& expr, const std::string& offset,
              int depth, const std::string& indent, std::string& out) {
  const TypeDesc& t = c.type(index);
  if (t.size == 0) return;
  switch (t.kind) {
    case TypeDescKind::kBits: {
      const std::string n = std::to_string(t.bit_count);
      if (t.bit_count > 64) {
        out += indent + (dir == Direction::kStore ? "xlsaot::StoreBitsFromBytes<" + n + ">(" + expr + ", " + offset
                                                  : "xlsaot::LoadBitsToBytes<" + n + ">(" + offset + ", " + expr) +
               ");\n";
      } else if (dir == Direction::kLoad) {
        out += indent + expr + " = xlsaot::LoadBits<" + n + ">(" + offset + ");\n";
      } else if (t.bit_count == 1) {
        out += indent + "xlsaot::StoreBits<1>((" + expr + " & 1u) != 0, " + offset + ");\n";
      } else {
        out += indent + "xlsaot::StoreBits<" + n + ">(" + expr + ", " + offset + ");\n";
      }
      return;
    }
    case TypeDescKind::kToken:
      return;
    case TypeDescKind::kTuple:
      for (uint64_t e = 0; e < t.element_count; ++e) {
        const FieldDesc& f = c.metadata().fields[t.first_field + e];
        const std::string field_offset = f.offset == 0 ? offset : offset + " + " + std::to_string(f.offset);
        EmitCopy(c, dir, f.type, expr + ".f" + std::to_string(e), field_offset, depth, indent, out);
      }
      return;
    case TypeDescKind::kArray: {
      const std::string i = "i" + std::to_string(depth) + "_";
      out += indent + "for (size_t " + i + " = 0; " + i + " < " + std::to_string(t.element_count) + "; ++" + i +
             ") {\n";
      EmitCopy(c, dir, t.element_type, expr + "[" + i + "]", offset + " + " + i + " * " + std::to_string(t.stride),
               depth + 1, indent + "  ", out);
      out += indent + "}\n";
      return;
    }
  }
}

std::string Guard(std::string_view name) { return "XLSAOT_GENERATED_C_" + Upper(name) + "_C_H_"; }

}  // namespace

std::string CApiHeaderPrologue(std::string_view name) {
  const std::string n(name);
  std::string h;
  h += "// Generated by `xlsaot compile --c-api`. Do not edit.\n";
  h += "//\n";
  h += "// The C API (C11) of artifact " + n + ": link " + n + ".o, the glue " + n + "_c.cc (C++),\n";
  h += "// the xlsaot runtime library and the C++ standard library; docs/c-api.md\n";
  h += "// describes the functions, the C type of every XLS type and the errors.\n";
  h += "// One runner serves one thread at a time; create one per thread to run in\n";
  h += "// parallel.\n";
  h += "#ifndef " + Guard(name) + "\n#define " + Guard(name) + "\n\n";
  h += "#include <stddef.h>\n#include <stdint.h>\n\n";
  h += "#include \"xlsaot/c_api.h\"\n\n";
  h += "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  return h;
}

std::string CApiHeaderEntry(const CApiEntry& entry) {
  const CTypes c(entry.metadata, entry.prefix);
  const MetadataView& m = entry.metadata;
  const std::string& p = entry.prefix;
  const std::vector<CParam> params = CParams(c);
  std::string h;
  h += "// XLS function '" + CommentText(m.function_name) + "':\n";
  h += "//   " + XlsSignature(m) + "\n\n";

  std::set<uint64_t> widths;
  std::set<uint32_t> seen;
  std::vector<uint32_t> tuples;
  for (const ParamDesc& param : m.params) {
    c.CollectWide(param.type, widths);
    c.CollectTuples(param.type, seen, tuples);
  }
  c.CollectWide(m.return_type, widths);
  c.CollectTuples(m.return_type, seen, tuples);
  if (!widths.empty()) {
    h += "// Bits wider than 64 are little-endian byte arrays (byte 0 holds bits\n";
    h += "// 0..7) of this many bytes; bits above the width are ignored on input and\n";
    h += "// zero on output.\n";
    for (uint64_t w : widths) h += "#define " + c.BytesMacro(w) + " " + std::to_string((w + 7) / 8) + "\n";
    h += "\n";
  }
  if (!tuples.empty()) {
    h += "// Tuples: member fI holds element I; elements without storage have no\n";
    h += "// member.\n";
  }
  for (uint32_t index : tuples) {
    const TypeDesc& t = c.type(index);
    h += "// " + CommentText(TypeDescText(m, index)) + "\n";
    h += "typedef struct " + c.TupleName(index) + " {\n";
    for (uint64_t e = 0; e < t.element_count; ++e) {
      const uint32_t element = m.fields[t.first_field + e].type;
      if (!c.HasStorage(element)) continue;
      h += "  ";
      h += c.Member(element, std::string("f").append(std::to_string(e)));
      h += ";\n";
    }
    h += "} " + c.TupleName(index) + ";\n\n";
  }

  bool any_tuple_signature = IsTuple(c, m.return_type) && c.HasStorage(m.return_type);
  for (const CParam& param : params) any_tuple_signature = any_tuple_signature || IsTuple(c, param.type);
  if (any_tuple_signature) {
    h += "// The structs of the tuple parameters and of the result.\n";
    for (const CParam& param : params) {
      if (IsTuple(c, param.type)) h += "typedef " + c.TupleName(param.type) + " " + ParamTypeName(c, param) + ";\n";
    }
    if (IsTuple(c, m.return_type) && c.HasStorage(m.return_type)) {
      h += "typedef " + c.TupleName(m.return_type) + " " + ResultTypeName(c) + ";\n";
    }
    h += "\n";
  }
  h += "// Calls the compiled function. Create once, run as often as needed.\n";
  h += "typedef struct " + p + "_runner " + p + "_runner;\n\n";
  h += "// Checks that the compiled code suits the runtime and this CPU and obtains\n";
  h += "// the runner's memory. NULL on failure; " + p + "_try_create says why.\n";
  h += p + "_runner* " + p + "_create(void);\n";
  h += "// The same, reporting the error: XLSAOT_OK and *runner set, or an error\n";
  h += "// code, *runner NULL and its message in `message` (truncated to\n";
  h += "// message_size bytes, always NUL-terminated; `message` may be NULL).\n";
  h += "xlsaot_error_code " + p + "_try_create(" + p + "_runner** runner, char* message, size_t message_size);\n";
  h += "// Frees the runner (NULL is fine).\n";
  h += "void " + p + "_destroy(" + p + "_runner* runner);\n\n";

  h += "// Computes " + CommentText(m.function_name) + "(";
  for (size_t i = 0; i < m.params.size(); ++i) h += (i ? ", " : "") + CommentText(m.params[i].name);
  h += ")";
  h += c.HasStorage(m.return_type) ? " into *out.\n" : ".\n";
  h += "// Parameters without storage (tokens, (), bits[0]) are left out; bits above\n";
  h += "// a value's width are ignored. Returns XLSAOT_OK; or\n";
  h += "// XLSAOT_ERROR_ASSERTION_FAILED when assertions failed (the result is still\n";
  h += "// computed; " + p + "_assertion_count and the functions after it tell\n";
  h += "// which); or another error. " + p + "_last_error gives the message.\n";
  h += RunSignature(c, params) + ";\n\n";
  h += "// The message of the last call's error (\"\" after success); valid until the\n";
  h += "// next call with this runner.\n";
  h += "const char* " + p + "_last_error(const " + p + "_runner* runner);\n";
  h += "// The assertions that failed in the last run, in execution order: their\n";
  h += "// messages and labels (\"\" when none); NULL for an index past the count.\n";
  h += "size_t " + p + "_assertion_count(const " + p + "_runner* runner);\n";
  h += "const char* " + p + "_assertion_message(const " + p + "_runner* runner, size_t index);\n";
  h += "const char* " + p + "_assertion_label(const " + p + "_runner* runner, size_t index);\n\n";
  return h;
}

std::string CApiHeaderEpilogue(std::string_view name) {
  return "#ifdef __cplusplus\n}  // extern \"C\"\n#endif\n\n#endif  // " + Guard(name) + "\n";
}

std::string CApiGluePrologue(std::string_view name) {
  const std::string n(name);
  std::string s;
  s += "// Generated by `xlsaot compile --c-api`. Do not edit.\n";
  s += "// The functions of " + n + "_c.h over the C++ runners of " + n + ".h; no exception\n";
  s += "// leaves them.\n";
  s += "#include \"" + n + "_c.h\"\n\n";
  s += "#include <cstddef>\n#include <cstdint>\n#include <exception>\n\n";
  s += "#include \"" + n + ".h\"\n";
  s += "#include \"xlsaot/c_api.h\"\n#include \"xlsaot/c_api_support.h\"\n#include \"xlsaot/marshal.h\"\n";
  return s;
}

std::string CApiGlueEntry(const CApiEntry& entry) {
  const CTypes c(entry.metadata, entry.prefix);
  const MetadataView& m = entry.metadata;
  const std::string& p = entry.prefix;
  const std::string runner_type = p + "_runner";
  const std::vector<CParam> params = CParams(c);
  std::string s;
  s += "\nstruct " + runner_type + " {\n";
  s += "  " + entry.cpp_runner + " runner;\n";
  s += "  xlsaot::CApiCallState state;\n";
  s += "};\n\n";

  s += "extern \"C\" xlsaot_error_code " + p + "_try_create(" + runner_type +
       "** runner, char* message, size_t message_size) {\n";
  s += "  return xlsaot::CreateCApiRunner<" + runner_type + ", " + entry.cpp_runner +
       ">(runner, message, message_size);\n";
  s += "}\n\n";
  s += "extern \"C\" " + runner_type + "* " + p + "_create(void) {\n";
  s += "  " + runner_type + "* runner = nullptr;\n";
  s += "  return " + p + "_try_create(&runner, nullptr, 0) == XLSAOT_OK ? runner : nullptr;\n";
  s += "}\n\n";
  s += "extern \"C\" void " + p + "_destroy(" + runner_type + "* runner) { delete runner; }\n\n";

  s += "extern \"C\" " + RunSignature(c, params) + " {\n";
  s += "  if (runner == nullptr) return XLSAOT_ERROR_INVALID_ARGUMENT;\n";
  std::vector<std::string> pointers;
  for (const CParam& param : params) {
    if (!c.IsScalar(param.type)) pointers.push_back(param.id);
  }
  const bool has_output = c.HasStorage(m.return_type);
  if (has_output) pointers.push_back("out");
  s += "  try {\n";
  for (const std::string& pointer : pointers) {
    s += "    if (" + pointer + " == nullptr) return runner->state.Reject(\"" + p + "_run: " + pointer + " is NULL\");\n";
  }
  s += "    xlsaot::ArtifactRunner& artifact_runner_ = runner->runner.artifact_runner();\n";
  for (const CParam& param : params) {
    s += "    {\n";
    s += "      uint8_t* const buffer_ = artifact_runner_.input(" + std::to_string(param.index) + ");\n";
    EmitCopy(c, Direction::kStore, param.type, c.Value(param.type, param.id, false), "buffer_", 0, "      ", s);
    s += "    }\n";
  }
  s += "    const xlsaot::Status status_ = runner->state.Call(artifact_runner_);\n";
  if (has_output) {
    s += "    if (xlsaot::CApiCallState::HasOutput(status_)) {\n";
    s += "      const uint8_t* const buffer_ = artifact_runner_.output();\n";
    EmitCopy(c, Direction::kLoad, m.return_type, c.Value(m.return_type, "out", true), "buffer_", 0, "      ", s);
    s += "    }\n";
  }
  s += "    return runner->state.Finish(status_, artifact_runner_.metadata());\n";
  s += "  } catch (const std::exception&) {\n";
  s += "    return runner->state.FailOutOfMemory();\n";
  s += "  }\n";
  s += "}\n";

  // The accessors of the last call's outcome: return type, name, extra
  // parameter, the state's method and what a NULL runner gives.
  struct Accessor {
    const char* type;
    const char* name;
    const char* index_param;
    const char* call;
    const char* if_null;
  };
  constexpr Accessor kAccessors[] = {
      {"const char*", "last_error", "", "last_error()", "\"the runner is NULL\""},
      {"size_t", "assertion_count", "", "assertion_count()", "0"},
      {"const char*", "assertion_message", ", size_t index", "assertion_message(index)", "nullptr"},
      {"const char*", "assertion_label", ", size_t index", "assertion_label(index)", "nullptr"},
  };
  for (const Accessor& a : kAccessors) {
    s += "\nextern \"C\" " + std::string(a.type) + " " + p + "_" + a.name + "(const " + runner_type + "* runner" +
         a.index_param + ") {\n";
    s += "  return runner == nullptr ? " + std::string(a.if_null) + " : runner->state." + a.call + ";\n";
    s += "}\n";
  }
  return s;
}

Result<GeneratedCApi> GenerateCApi(const MetadataView& metadata, std::string_view name,
                                   std::string_view cpp_namespace) {
  return GenerateCApi(std::span<const MetadataView>(&metadata, 1), name, cpp_namespace);
}

Result<GeneratedCApi> GenerateCApi(std::span<const MetadataView> entries, std::string_view name,
                                   std::string_view cpp_namespace) {
  XLSAOT_RETURN_IF_ERROR(CheckArtifactName(name));
  XLSAOT_RETURN_IF_ERROR(CheckCppNamespace(cpp_namespace));
  GeneratedCApi api{CApiHeaderPrologue(name), CApiGluePrologue(name)};
  for (const MetadataView& metadata : entries) {
    XLSAOT_RETURN_IF_ERROR(ValidateMetadata(metadata));
    const std::string prefix = entries.size() == 1 ? std::string(name)
                                                   : std::string(name) + "_" + EntryIdentifier(metadata.function_name);
    const CApiEntry entry{metadata, prefix,
                          EntryNamespace(cpp_namespace, metadata.function_name, entries.size()) + "::Runner"};
    api.header += CApiHeaderEntry(entry);
    api.glue += CApiGlueEntry(entry);
  }
  api.header += CApiHeaderEpilogue(name);
  return api;
}

}  // namespace xlsaot
