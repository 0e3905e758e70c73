// The human-readable texts of artifact metadata: XLS type text and the
// report `xlsaot inspect` prints. Part of xlsaot_runtime_tools, which
// deployed programs do not link.
#include <cstdio>
#include <string>

#include "xlsaot/abi.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

void AppendTypeText(const MetadataView& m, uint32_t index, std::string& out) {
  const TypeDesc& t = m.types[index];
  switch (t.kind) {
    case TypeDescKind::kBits:
      out += "bits[" + std::to_string(t.bit_count) + "]";
      return;
    case TypeDescKind::kToken:
      out += "token";
      return;
    case TypeDescKind::kTuple:
      out += '(';
      for (uint64_t i = 0; i < t.element_count; ++i) {
        if (i) out += ", ";
        AppendTypeText(m, m.fields[t.first_field + i].type, out);
      }
      out += ')';
      return;
    case TypeDescKind::kArray:
      AppendTypeText(m, t.element_type, out);
      out += "[" + std::to_string(t.element_count) + "]";
      return;
  }
  out += '?';
}


std::string FeatureNames(uint32_t features) {
  static constexpr struct {
    uint32_t bit;
    const char* name;
  } kNames[] = {{XLSAOT_FEATURE_ASSERT, "assert"},
                {XLSAOT_FEATURE_TRACE, "trace"},
                {XLSAOT_FEATURE_COVER, "cover"},
                {XLSAOT_FEATURE_SCRATCH, "scratch"},
                {XLSAOT_FEATURE_ASSUMPTION, "assumption"}};
  std::string names;
  uint32_t rest = features;
  for (const auto& entry : kNames) {
    if ((features & entry.bit) == 0) continue;
    if (!names.empty()) names += ", ";
    names += entry.name;
    rest &= ~entry.bit;
  }
  if (rest != 0) {
    if (!names.empty()) names += ", ";
    char hex[16];
    std::snprintf(hex, sizeof(hex), "0x%x", rest);
    names += std::string("unknown ") + hex;
  }
  char head[16];
  std::snprintf(head, sizeof(head), "0x%x", features);
  return std::string(head) + (names.empty() ? "" : " (" + names + ")");
}

std::string Bytes(uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// One line per leaf, offsets relative to the enclosing value; an array
// prints its element's leaves once, indented, relative to each element.
void DescribeLeaves(const MetadataView& m, uint32_t type, uint64_t base, int indent,
                    std::string& out) {
  const TypeDesc& t = m.types[type];
  const std::string prefix(static_cast<size_t>(indent), ' ');
  switch (t.kind) {
    case TypeDescKind::kBits:
      out += prefix + Pad("+" + std::to_string(base), 8);
      if (t.bit_count == 0) {
        out += "bits[0], no storage\n";
      } else {
        out += "bits[" + std::to_string(t.bit_count) + "] in " + Bytes(t.size);
        if (t.size > 8) out += " (" + std::to_string(t.size / 8) + " little-endian 64-bit words)";
        out += "\n";
      }
      return;
    case TypeDescKind::kToken:
      out += prefix + Pad("+" + std::to_string(base), 8) + "token, no storage\n";
      return;
    case TypeDescKind::kTuple:
      if (t.element_count == 0) out += prefix + Pad("+" + std::to_string(base), 8) + "(), no storage\n";
      for (uint64_t i = 0; i < t.element_count; ++i) {
        const FieldDesc& f = m.fields[t.first_field + i];
        DescribeLeaves(m, f.type, base + f.offset, indent, out);
      }
      return;
    case TypeDescKind::kArray:
      out += prefix + Pad("+" + std::to_string(base), 8) + std::to_string(t.element_count) +
             " elements, stride " + std::to_string(t.stride) + ", each:\n";
      DescribeLeaves(m, t.element_type, 0, indent + 2, out);
      return;
  }
}

void DescribeBuffer(const MetadataView& m, const std::string& title, uint32_t type,
                    std::string& out) {
  const TypeDesc& t = m.types[type];
  out += "  " + title + ": " + TypeDescText(m, type) + ", " + Bytes(t.size) + ", alignment " +
         std::to_string(t.alignment) + "\n";
  DescribeLeaves(m, type, 0, 4, out);
}

}  // namespace

std::string DescribeMetadata(const MetadataView& m) {
  std::string out;
  auto line = [&out](const char* key, const std::string& value) {
    out += Pad(key, 15) + value + "\n";
  };
  line("function:", std::string(m.function_name));
  line("entry symbol:", std::string(m.entry_symbol));
  line("ABI version:", std::to_string(m.abi_version));
  line("features:", FeatureNames(m.features));
  line("target:", std::string(m.target_triple));
  line("cpu:", std::string(m.cpu));
  std::string features;
  for (std::string_view feature : m.cpu_features) {
    if (!features.empty()) features += ' ';
    features += feature;
  }
  line("cpu features:", features.empty() ? "(none)" : features);
  line("scratch:", Bytes(m.scratch_size) + ", alignment " + std::to_string(m.scratch_alignment));
  line("inputs:", std::to_string(m.params.size()));
  for (size_t i = 0; i < m.params.size(); ++i) {
    DescribeBuffer(m, "input " + std::to_string(i) + " " + QuotedText(m.params[i].name),
                   m.params[i].type, out);
  }
  line("output:", "1");
  DescribeBuffer(m, "output 0", m.return_type, out);
  line("asserts:", std::to_string(m.asserts.size()));
  for (size_t i = 0; i < m.asserts.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + QuotedText(m.asserts[i].message);
    if (!m.asserts[i].label.empty()) out += " label " + QuotedText(m.asserts[i].label);
    out += "\n";
  }
  line("traces:", std::to_string(m.traces.size()));
  for (size_t i = 0; i < m.traces.size(); ++i) {
    const TraceDesc& t = m.traces[i];
    out += "  " + std::to_string(i) + ": " + QuotedText(t.format) + " node " + QuotedText(t.node) + " verbosity " +
           std::to_string(t.verbosity) + " operands (";
    for (size_t k = 0; k < t.operand_types.size(); ++k) {
      if (k != 0) out += ", ";
      out += TypeDescText(m, t.operand_types[k]);
    }
    out += ")\n";
  }
  line("covers:", std::to_string(m.covers.size()));
  for (size_t i = 0; i < m.covers.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + QuotedText(m.covers[i].label) + " node " + QuotedText(m.covers[i].node) + "\n";
  }
  line("assumptions:", std::to_string(m.assumptions.size()));
  for (size_t i = 0; i < m.assumptions.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + std::string(m.assumptions[i].kind) + " node " +
           QuotedText(m.assumptions[i].node) + "\n";
  }
  return out;
}

std::string QuotedText(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", c);
      out += hex;
    }
  }
  return out + "\"";
}

std::string TypeDescText(const MetadataView& metadata, uint32_t type) {
  std::string out;
  if (type >= metadata.types.size()) return "<no such type>";
  AppendTypeText(metadata, type, out);
  return out;
}

}  // namespace xlsaot
