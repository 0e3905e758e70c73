#include "aot/dpi_generator.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "aot/api_generator.h"

namespace xlsaot {
namespace {

// SystemVerilog (IEEE 1800-2017) keywords, which cannot name anything.
constexpr std::string_view kSvKeywords[] = {
    "accept_on", "alias", "always", "always_comb", "always_ff", "always_latch", "and", "assert",
    "assign", "assume", "automatic", "before", "begin", "bind", "bins", "binsof", "bit", "break",
    "buf", "bufif0", "bufif1", "byte", "case", "casex", "casez", "cell", "chandle", "checker",
    "class", "clocking", "cmos", "config", "const", "constraint", "context", "continue", "cover",
    "covergroup", "coverpoint", "cross", "deassign", "default", "defparam", "design", "disable",
    "dist", "do", "edge", "else", "end", "endcase", "endchecker", "endclass", "endclocking",
    "endconfig", "endfunction", "endgenerate", "endgroup", "endinterface", "endmodule",
    "endpackage", "endprimitive", "endprogram", "endproperty", "endspecify", "endsequence",
    "endtable", "endtask", "enum", "event", "eventually", "expect", "export", "extends", "extern",
    "final", "first_match", "for", "force", "foreach", "forever", "fork", "forkjoin", "function",
    "generate", "genvar", "global", "highz0", "highz1", "if", "iff", "ifnone", "ignore_bins",
    "illegal_bins", "implements", "implies", "import", "incdir", "include", "initial", "inout",
    "input", "inside", "instance", "int", "integer", "interconnect", "interface", "intersect",
    "join", "join_any", "join_none", "large", "let", "liblist", "library", "local", "localparam",
    "logic", "longint", "macromodule", "matches", "medium", "modport", "module", "nand", "negedge",
    "nettype", "new", "nexttime", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1",
    "null", "or", "output", "package", "packed", "parameter", "pmos", "posedge", "primitive",
    "priority", "program", "property", "protected", "pull0", "pull1", "pulldown", "pullup",
    "pulsestyle_ondetect", "pulsestyle_onevent", "pure", "rand", "randc", "randcase",
    "randsequence", "rcmos", "real", "realtime", "ref", "reg", "reject_on", "release", "repeat",
    "restrict", "return", "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "s_always",
    "s_eventually", "s_nexttime", "s_until", "s_until_with", "scalared", "sequence", "shortint",
    "shortreal", "showcancelled", "signed", "small", "soft", "solve", "specify", "specparam",
    "static", "string", "strong", "strong0", "strong1", "struct", "super", "supply0", "supply1",
    "sync_accept_on", "sync_reject_on", "table", "tagged", "task", "this", "throughout", "time",
    "timeprecision", "timeunit", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1", "triand",
    "trior", "trireg", "type", "typedef", "union", "unique", "unique0", "unsigned", "until",
    "until_with", "untyped", "use", "uwire", "var", "vectored", "virtual", "void", "wait",
    "wait_order", "wand", "weak", "weak0", "weak1", "while", "wildcard", "wire", "with", "within",
    "wor", "xnor", "xor",
    // The package's own names, and the output argument of every function.
    "STATUS_OK", "STATUS_ASSERTION_FAILED", "STATUS_ERROR", "report_errors", "last_error",
    "status", "result"};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "tupleK": the package's name stem of tuple types.
bool IsTupleTypeStem(std::string_view s) {
  return s.size() > 5 && s.starts_with("tuple") &&
         s.find_first_not_of("0123456789", 5) == std::string_view::npos;
}

// The number of bits of a type's packed SystemVerilog value: its leaves'
// widths summed. Zero exactly for the types without storage.
uint64_t PackedWidth(const MetadataView& m, uint32_t type) {
  const TypeDesc& t = m.type(type);
  switch (t.kind) {
    case TypeDescKind::kBits:
      return t.bit_count;
    case TypeDescKind::kToken:
      return 0;
    case TypeDescKind::kTuple: {
      uint64_t width = 0;
      for (uint64_t i = 0; i < t.element_count; ++i) width += PackedWidth(m, m.fields[t.first_field + i].type);
      return width;
    }
    case TypeDescKind::kArray:
      return t.element_count * PackedWidth(m, t.element_type);
  }
  return 0;
}

// The declaration of a packed type: a base type and its packed dimensions,
// outermost first ("bit" "[3:0][7:0]").
struct SvType {
  std::string base;
  std::string dimensions;

  std::string Render() const { return dimensions.empty() ? base : base + " " + dimensions; }
};

std::string Range(uint64_t count) {
  // Appended piecewise: GCC 12 warns (-Wrestrict, wrongly) about "[" + string.
  std::string range = "[";
  range += std::to_string(count - 1);
  range += ":0]";
  return range;
}

// A sum of a constant and loop terms ("i0 * 4"), for byte offsets and bit
// positions inside loops over array elements.
struct LinearSum {
  uint64_t constant = 0;
  std::string terms;

  std::string Render() const {
    if (terms.empty()) return std::to_string(constant);
    return constant == 0 ? terms : std::to_string(constant) + " + " + terms;
  }
  LinearSum Plus(uint64_t n) const { return LinearSum{constant + n, terms}; }
  LinearSum PlusIndex(const std::string& index, uint64_t stride) const {
    const std::string term = index + " * " + std::to_string(stride);
    return LinearSum{constant, terms.empty() ? term : terms + " + " + term};
  }
};

enum class Direction { kUnpack, kPack };

class EntryGenerator {
 public:
  EntryGenerator(const DpiEntry& entry, std::string_view name)
      : m_(entry.metadata), entry_(entry), name_(name) {
    function_ = SvIdentifier(m_.function_name, "fn_");
    std::set<std::string> taken;
    for (uint32_t i = 0; i < m_.params.size(); ++i) {
      const ParamDesc& p = m_.params[i];
      const uint64_t width = PackedWidth(m_, p.type);
      std::string id = SvIdentifier(p.name, "arg_");
      // Tuple type names share the stem with parameter type names.
      if (IsTupleTypeStem(id)) id = "arg_" + id;
      const std::string stem = id;
      for (int n = 2; taken.count(id); ++n) id = stem + "_" + std::to_string(n);
      taken.insert(id);
      params_.push_back(Param{id, i, p.type, width});
    }
    result_width_ = PackedWidth(m_, m_.return_type);
  }

  std::string Package() const;
  std::string Source() const;

 private:
  struct Param {
    std::string id;  // SystemVerilog name
    uint32_t index;  // in the metadata's params
    uint32_t type;
    uint64_t width;  // 0: no storage, not passed
  };

  std::string TupleTypeName(uint32_t type) const {
    return function_ + "_tuple" + std::to_string(type) + "_t";
  }
  std::string ParamTypeName(const Param& p) const { return function_ + "_" + p.id + "_t"; }
  std::string ResultTypeName() const { return function_ + "_result_t"; }
  std::string ImportName() const { return name_ + "_dpi_" + function_; }

  SvType TypeOf(uint32_t type) const {
    const TypeDesc& t = m_.type(type);
    switch (t.kind) {
      case TypeDescKind::kTuple:
        return SvType{TupleTypeName(type), ""};
      case TypeDescKind::kArray: {
        SvType element = TypeOf(t.element_type);
        return SvType{element.base, Range(t.element_count) + element.dimensions};
      }
      default:
        return SvType{"bit", Range(t.bit_count)};
    }
  }

  // The XLS signature, for comments: f(a: bits[8], t: token) -> bits[8].
  std::string XlsSignature() const {
    std::string s = function_ + "(";
    for (size_t i = 0; i < params_.size(); ++i) {
      s += (i ? ", " : "") + params_[i].id + ": " + TypeDescText(m_, params_[i].type);
    }
    return s + ") -> " + TypeDescText(m_, m_.return_type);
  }

  // The argument list of the import and of the wrapper: typed inputs, then
  // the result (arguments without bits are left out).
  std::string SvArguments() const {
    std::string s;
    for (const Param& p : params_) {
      if (p.width == 0) continue;
      s += (s.empty() ? "" : ", ") + std::string("input ") + ParamTypeName(p) + " " + p.id;
    }
    if (result_width_ != 0) s += (s.empty() ? "" : ", ") + std::string("output ") + ResultTypeName() + " result";
    return s;
  }

  std::string SvCallArguments() const {
    std::string s;
    for (const Param& p : params_) {
      if (p.width != 0) s += (s.empty() ? "" : ", ") + p.id;
    }
    if (result_width_ != 0) s += (s.empty() ? "" : ", ") + std::string("result");
    return s;
  }

  // Code copying every leaf of a value of `type` between the packed vector
  // `words` (the leaf's bits at `lsb`) and the ABI buffer at `offset`.
  void EmitLeaves(Direction direction, uint32_t type, const std::string& words, const LinearSum& offset,
                  const LinearSum& lsb, int depth, const std::string& indent, std::string& out) const {
    const TypeDesc& t = m_.type(type);
    if (PackedWidth(m_, type) == 0) return;
    switch (t.kind) {
      case TypeDescKind::kBits: {
        const std::string width = std::to_string(t.bit_count);
        const std::string buffer = offset.constant == 0 && offset.terms.empty() ? "buffer" : "buffer + " + offset.Render();
        if (direction == Direction::kUnpack) {
          out += indent + "xlsaot::UnpackDpiBits(" + words + ", " + lsb.Render() + ", " + width + ", " + buffer + ");\n";
        } else {
          out += indent + "xlsaot::PackDpiBits(" + buffer + ", " + width + ", " + words + ", " + lsb.Render() + ");\n";
        }
        return;
      }
      case TypeDescKind::kToken:
        return;
      case TypeDescKind::kTuple: {
        // Element 0 is the first member of the packed struct: the most
        // significant bits.
        uint64_t element_lsb = PackedWidth(m_, type);
        for (uint64_t i = 0; i < t.element_count; ++i) {
          const FieldDesc& f = m_.fields[t.first_field + i];
          element_lsb -= PackedWidth(m_, f.type);
          EmitLeaves(direction, f.type, words, offset.Plus(f.offset), lsb.Plus(element_lsb), depth, indent, out);
        }
        return;
      }
      case TypeDescKind::kArray: {
        // Element I is index I of the packed dimension [N-1:0]: element 0 in
        // the least significant bits.
        const std::string index = "i" + std::to_string(depth);
        out += indent + "for (uint64_t " + index + " = 0; " + index + " < " + std::to_string(t.element_count) +
               "; ++" + index + ") {\n";
        EmitLeaves(direction, t.element_type, words, offset.PlusIndex(index, t.stride),
                   lsb.PlusIndex(index, PackedWidth(m_, t.element_type)), depth + 1, indent + "  ", out);
        out += indent + "}\n";
        return;
      }
    }
  }

  const MetadataView& m_;
  const DpiEntry& entry_;
  std::string name_;
  std::string function_;
  std::vector<Param> params_;
  uint64_t result_width_ = 0;
};

std::string EntryGenerator::Package() const {
  std::string p;
  p += "  // ---------------------------------------------------------------------\n";
  p += "  // " + XlsSignature() + "\n\n";
  for (uint32_t i = 0; i < m_.types.size(); ++i) {
    const TypeDesc& t = m_.types[i];
    if (t.kind != TypeDescKind::kTuple || PackedWidth(m_, i) == 0) continue;
    p += "  typedef struct packed {  // " + TypeDescText(m_, i) + "\n";
    for (uint64_t e = 0; e < t.element_count; ++e) {
      const FieldDesc& f = m_.fields[t.first_field + e];
      if (PackedWidth(m_, f.type) == 0) continue;
      p += "    " + TypeOf(f.type).Render() + " f" + std::to_string(e) + ";\n";
    }
    p += "  } " + TupleTypeName(i) + ";\n";
  }
  for (const Param& param : params_) {
    if (param.width == 0) continue;
    p += "  typedef " + TypeOf(param.type).Render() + " " + ParamTypeName(param) + ";  // " + param.id + ": " +
         TypeDescText(m_, param.type) + "\n";
  }
  if (result_width_ != 0) {
    p += "  typedef " + TypeOf(m_.return_type).Render() + " " + ResultTypeName() + ";  // " +
         TypeDescText(m_, m_.return_type) + "\n";
  }
  p += "\n";
  p += "  // The compiled function itself (" + name_ + "_dpi.cc); " + function_ + "() below adds the\n";
  p += "  // report of failures.\n";
  p += "  import \"DPI-C\" function int " + ImportName() + "(" + SvArguments() + ");\n\n";

  bool any_void_param = false;
  for (const Param& param : params_) any_void_param = any_void_param || param.width == 0;
  p += "  // Computes " + function_ + "(...)" + (result_width_ != 0 ? " into `result`" : "") +
       " and returns STATUS_OK, STATUS_ASSERTION_FAILED\n";
  p += "  // (the result computed regardless) or STATUS_ERROR (the result zero). Unless\n";
  p += "  // report_errors is 0, a status other than STATUS_OK is reported with $error.\n";
  if (any_void_param) p += "  // Parameters without bits (tokens, empty tuples, bits[0]) are left out.\n";
  p += "  function automatic int " + function_ + "(" + SvArguments() + ");\n";
  p += "    int status;\n";
  p += "    status = " + ImportName() + "(" + SvCallArguments() + ");\n";
  p += "    if (status != STATUS_OK && report_errors) $error(\"" + name_ + "_pkg::" + function_ +
       ": %s\", last_error());\n";
  p += "    return status;\n";
  p += "  endfunction\n\n";
  return p;
}

std::string EntryGenerator::Source() const {
  std::string c_params;
  for (const Param& p : params_) {
    if (p.width == 0) continue;
    c_params += (c_params.empty() ? "" : ", ") + std::string("const svBitVecVal* in_") + p.id;
  }
  if (result_width_ != 0) c_params += (c_params.empty() ? "" : ", ") + std::string("svBitVecVal* out_result");

  std::string s;
  s += "// " + XlsSignature() + "\n";
  s += "extern \"C\" int " + ImportName() + "(" + c_params + ") {\n";
  if (result_width_ != 0) s += "  xlsaot::ClearDpiBits(out_result, " + std::to_string(result_width_) + ");\n";
  s += "  xlsaot::ArtifactRunner* const runner = xlsaot::ThreadDpiRunner<" + entry_.runner_class + ">(" +
       StringViewLiteral(m_.function_name) + ");\n";
  s += "  if (runner == nullptr) return xlsaot::kDpiStatusError;\n";
  for (const Param& p : params_) {
    if (p.width == 0) continue;
    s += "  {\n";
    s += "    uint8_t* const buffer = runner->input(" + std::to_string(p.index) + ");\n";
    EmitLeaves(Direction::kUnpack, p.type, "in_" + p.id, LinearSum{}, LinearSum{}, 0, "    ", s);
    s += "  }\n";
  }
  s += "  const xlsaot::DpiStatus status = xlsaot::CallForDpi(*runner);\n";
  if (result_width_ != 0) {
    s += "  if (status == xlsaot::kDpiStatusError) return status;\n";
    s += "  const uint8_t* const buffer = runner->output();\n";
    EmitLeaves(Direction::kPack, m_.return_type, "out_result", LinearSum{}, LinearSum{}, 0, "  ", s);
  }
  s += "  return status;\n";
  s += "}\n\n";
  return s;
}

}  // namespace

std::string SvIdentifier(std::string_view xls_name, std::string_view prefix) {
  // Runs of other characters and of '_' become one '_', and none leads or
  // trails, so the name also joins C symbols cleanly (no "__").
  std::string id;
  for (char c : xls_name) {
    const char mapped = IsWordChar(c) ? c : '_';
    if (mapped == '_' && (id.empty() || id.back() == '_')) continue;
    id += mapped;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  const bool keyword =
      std::find(std::begin(kSvKeywords), std::end(kSvKeywords), id) != std::end(kSvKeywords);
  if (id.empty() || (id[0] >= '0' && id[0] <= '9') || keyword) {
    id = std::string(prefix) + id;
    if (id.back() == '_') id.pop_back();
  }
  return id;
}

std::string DpiPackagePrologue(std::string_view name) {
  const std::string n(name);
  std::string p;
  p += "// Generated by `xlsaot compile --dpi`. Do not edit.\n";
  p += "//\n";
  p += "// The functions of artifact " + n + " for SystemVerilog, through DPI-C (docs/dpi.md).\n";
  p += "// Compile this package before the code that imports it, and link the\n";
  p += "// simulation with " + n + "_dpi.cc, " + n + ".cc, " + n + ".o and the xlsaot runtime.\n";
  p += "// Every XLS value is a packed 2-state value of its bit width: bits[N] is\n";
  p += "// bit [N-1:0], a tuple a packed struct (element 0 first, in the most\n";
  p += "// significant bits), an array a packed array whose index I is element I.\n";
  p += "package " + n + "_pkg;\n\n";
  p += "  // What every function of this package returns.\n";
  p += "  localparam int STATUS_OK = 0;\n";
  p += "  // An assertion failed; the result holds the value computed regardless.\n";
  p += "  localparam int STATUS_ASSERTION_FAILED = 1;\n";
  p += "  // No result (all bits zero): the compiled code could not run, see last_error().\n";
  p += "  localparam int STATUS_ERROR = 2;\n\n";
  p += "  // 1 (the default): a call that does not return STATUS_OK reports\n";
  p += "  // last_error() with $error. 0: only the status tells.\n";
  p += "  bit report_errors = 1'b1;\n\n";
  p += "  import \"DPI-C\" function string " + n + "_dpi_last_error();\n\n";
  p += "  // The failed assertions (\"assertion failed: MESSAGE\", one a line) or the\n";
  p += "  // error of the last call on this thread that did not return STATUS_OK;\n";
  p += "  // \"\" after a call that did.\n";
  p += "  function automatic string last_error();\n";
  p += "    return " + n + "_dpi_last_error();\n";
  p += "  endfunction\n\n";
  return p;
}

std::string DpiPackageEntry(const DpiEntry& entry, std::string_view name) {
  return EntryGenerator(entry, name).Package();
}

std::string DpiPackageEpilogue(std::string_view name) { return "endpackage : " + std::string(name) + "_pkg\n"; }

std::string DpiSourcePrologue(std::string_view name) {
  const std::string n(name);
  std::string s;
  s += "// Generated by `xlsaot compile --dpi`. Do not edit.\n";
  s += "//\n";
  s += "// The C++ behind the DPI-C imports of " + n + "_pkg.sv (docs/dpi.md), over the\n";
  s += "// generated runner of " + n + ".h. Compile it with the simulator's svdpi.h on the\n";
  s += "// include path. Defining XLSAOT_DPI_HEADER as the header of DPI-C prototypes\n";
  s += "// a simulator writes (for example -DXLSAOT_DPI_HEADER='\"Vtop__Dpi.h\"') makes\n";
  s += "// the compiler check every definition here against it.\n";
  s += "#include <cstdint>\n\n";
  s += "#include \"" + n + ".h\"\n";
  s += "#include \"svdpi.h\"\n";
  s += "#include \"xlsaot/dpi_support.h\"\n\n";
  s += "#ifdef XLSAOT_DPI_HEADER\n#include XLSAOT_DPI_HEADER\n#endif\n\n";
  s += "extern \"C\" const char* " + n + "_dpi_last_error() { return xlsaot::DpiLastError(); }\n\n";
  return s;
}

std::string DpiSourceEntry(const DpiEntry& entry, std::string_view name) {
  return EntryGenerator(entry, name).Source();
}

Result<GeneratedDpi> GenerateDpi(const MetadataView& metadata, std::string_view name,
                                 std::string_view cpp_namespace) {
  return GenerateDpi(std::span<const MetadataView>(&metadata, 1), name, cpp_namespace);
}

Result<GeneratedDpi> GenerateDpi(std::span<const MetadataView> entries, std::string_view name,
                                 std::string_view cpp_namespace) {
  XLSAOT_RETURN_IF_ERROR(ValidateArtifactEntries(entries));
  XLSAOT_RETURN_IF_ERROR(CheckArtifactName(name));
  XLSAOT_RETURN_IF_ERROR(CheckCppNamespace(cpp_namespace));
  GeneratedDpi dpi;
  dpi.package = DpiPackagePrologue(name);
  dpi.source = DpiSourcePrologue(name);
  for (const MetadataView& metadata : entries) {
    const DpiEntry entry{metadata,
                         EntryNamespace(cpp_namespace, metadata.function_name, entries.size()) + "::Runner"};
    dpi.package += DpiPackageEntry(entry, name);
    dpi.source += DpiSourceEntry(entry, name);
  }
  dpi.package += DpiPackageEpilogue(name);
  return dpi;
}

}  // namespace xlsaot
