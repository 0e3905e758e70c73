#include "fuzz/libfuzzer/value_parser_check.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/libfuzzer/error_checks.h"
#include "ir/parser.h"
#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {
namespace {

// Decimal printing is quadratic in the width and the parser takes at most
// 20,000 decimal digits, so the decimal forms are only checked for widths
// where they are meant to work; hex (the default beyond 64 bits) covers
// every width.
constexpr int64_t kMaxDecimalCheckedBits = 1024;
// Binary text is four times as long as hex; beyond this the extra cost per
// input buys no coverage.
constexpr int64_t kMaxBinaryCheckedBits = 1 << 16;

int64_t WidestLeaf(const Value& value) {
  if (value.IsBits()) return value.bit_count();
  int64_t widest = 0;
  for (const Value& element : value.elements()) widest = std::max(widest, WidestLeaf(element));
  return widest;
}

// Whether `value` holds an empty array anywhere: typed text cannot write
// one ("[]" has no element type), so such values only round-trip untyped.
bool HasEmptyArray(const Value& value) {
  if (value.IsArray() && value.size() == 0) return true;
  for (const Value& element : value.elements())
    if (HasEmptyArray(element)) return true;
  return false;
}

std::vector<FormatPreference> ReparseableFormats(const Value& value) {
  std::vector<FormatPreference> formats = {FormatPreference::kDefault, FormatPreference::kHex};
  const int64_t widest = WidestLeaf(value);
  if (widest <= kMaxBinaryCheckedBits) formats.push_back(FormatPreference::kBinary);
  if (widest <= kMaxDecimalCheckedBits) {
    formats.push_back(FormatPreference::kUnsignedDecimal);
    formats.push_back(FormatPreference::kSignedDecimal);
  }
  return formats;
}

std::string Clip(const std::string& text) {
  constexpr size_t kLimit = 200;
  return text.size() <= kLimit ? text : text.substr(0, kLimit) + "...";
}

// Typed text of `value` in every format must parse back to `value`.
std::string CheckTypedRoundTrip(const Value& value) {
  for (FormatPreference format : ReparseableFormats(value)) {
    const std::string text = value.ToString(format);
    Result<Value> reparsed = ParseTypedValue(text);
    if (!reparsed.ok()) return "printed typed value does not parse: '" + Clip(text) + "': " + reparsed.error();
    if (*reparsed != value) {
      return "typed value changed in a round trip: '" + Clip(text) + "' parsed as '" +
             Clip(reparsed->ToString(format)) + "'";
    }
  }
  return "";
}

// Untyped text of `value` in every format must parse back, as `type`, to
// `value`.
std::string CheckUntypedRoundTrip(const Value& value, const Type* type) {
  for (FormatPreference format : ReparseableFormats(value)) {
    const std::string text = value.ToHumanString(format);
    Result<Value> reparsed = ParseValueOfType(text, type);
    if (!reparsed.ok()) {
      return "printed value does not parse as " + Clip(type->ToString()) + ": '" + Clip(text) +
             "': " + reparsed.error();
    }
    if (*reparsed != value) {
      return "value of type " + Clip(type->ToString()) + " changed in a round trip: '" + Clip(text) +
             "' parsed as '" + Clip(reparsed->ToHumanString(format)) + "'";
    }
  }
  return "";
}

CheckResult CheckTypedValue(std::string_view text) {
  CheckResult result;
  Result<Value> value = ParseTypedValue(text);
  if (!value.ok()) {
    result.finding = CheckErrorShape("ParseTypedValue", value.error_value());
    return result;
  }
  result.depth = CheckResult::Depth::kAccepted;
  result.finding = CheckTypedRoundTrip(*value);
  return result;
}

CheckResult CheckTypeAndValue(std::string_view type_text, std::string_view value_text) {
  CheckResult result;
  Result<const Type*> type = ParseType(type_text);
  if (!type.ok()) {
    result.finding = CheckErrorShape("ParseType", type.error_value());
    return result;
  }
  const std::string printed_type = (*type)->ToString();
  Result<const Type*> reparsed_type = ParseType(printed_type);
  if (!reparsed_type.ok()) {
    result.finding = "printed type does not parse: '" + Clip(printed_type) + "': " + reparsed_type.error();
    return result;
  }
  if (*reparsed_type != *type) {
    result.finding = "type changed in a round trip: '" + Clip(printed_type) + "' parsed as '" +
                     Clip((*reparsed_type)->ToString()) + "'";
    return result;
  }

  Result<Value> value = ParseValueOfType(value_text, *type);
  if (!value.ok()) {
    result.finding = CheckErrorShape("ParseValueOfType", value.error_value());
    return result;
  }
  result.depth = CheckResult::Depth::kAccepted;
  if (!value->HasType(*type)) {
    result.finding = "ParseValueOfType(" + Clip(printed_type) + ") gave a value of another type: " +
                     Clip(value->TypeString());
    return result;
  }
  result.finding = CheckUntypedRoundTrip(*value, *type);
  if (result.ok() && !HasEmptyArray(*value)) result.finding = CheckTypedRoundTrip(*value);
  return result;
}

}  // namespace

CheckResult CheckValueParserInput(std::span<const uint8_t> input) {
  const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
  CheckResult typed = CheckTypedValue(text);
  const size_t newline = text.find('\n');
  if (!typed.ok() || newline == std::string_view::npos) return typed;

  CheckResult split = CheckTypeAndValue(text.substr(0, newline), text.substr(newline + 1));
  if (typed.depth == CheckResult::Depth::kAccepted) split.depth = CheckResult::Depth::kAccepted;
  return split;
}

}  // namespace xlsaot
