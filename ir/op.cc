#include "ir/op.h"

namespace xlsaot {
namespace {

// Builds the per-op attribute array from the ATTR(...) list of op_list.h.
template <typename... Specs>
constexpr std::array<AttrSpec, kMaxAttrsPerOp> MakeAttrs(Specs... specs) {
  static_assert(sizeof...(Specs) <= kMaxAttrsPerOp);
  return {specs...};
}

#define ATTR(kind, presence) AttrSpec{Attr::kind, presence}
#define XLSAOT_OP_INFO_(e, text, positional, flags, ...)                       \
  OpInfo{Op::e, text, positional, static_cast<uint32_t>(flags),               \
         MakeAttrs(__VA_ARGS__), static_cast<int>(MakeAttrCount(__VA_ARGS__))},

template <typename... Specs>
constexpr int MakeAttrCount(Specs...) { return sizeof...(Specs); }

constexpr OpInfo kOps[] = {XLSAOT_FOR_EACH_OP(XLSAOT_OP_INFO_)};
#undef XLSAOT_OP_INFO_
#undef ATTR

constexpr AttrInfo kAttrs[] = {
#define XLSAOT_ATTR_INFO_(e, text, kind) AttrInfo{Attr::e, text, AttrValueKind::kind},
    XLSAOT_FOR_EACH_ATTR(XLSAOT_ATTR_INFO_)
#undef XLSAOT_ATTR_INFO_
};

// The tables are indexed by enum value; check the generated order once.
constexpr bool TablesAreIndexedByEnum() {
  for (int i = 0; i < kOpCount; ++i)
    if (static_cast<int>(kOps[i].op) != i) return false;
  for (size_t i = 0; i < std::size(kAttrs); ++i)
    if (static_cast<size_t>(kAttrs[i].attr) != i) return false;
  return true;
}
static_assert(TablesAreIndexedByEnum());
static_assert(kOpCount == 70, "XLS has 66 function-level ops and 4 proc ops");

}  // namespace

std::span<const OpInfo> AllOps() { return kOps; }
const OpInfo& GetOpInfo(Op op) { return kOps[static_cast<int>(op)]; }
std::string_view OpName(Op op) { return GetOpInfo(op).name; }

std::optional<Op> OpFromName(std::string_view name) {
  for (const OpInfo& info : kOps)
    if (info.name == name) return info.op;
  return std::nullopt;
}

const AttrInfo& GetAttrInfo(Attr attr) { return kAttrs[static_cast<int>(attr)]; }
std::string_view AttrName(Attr attr) { return GetAttrInfo(attr).name; }

bool IsAttributeName(std::string_view name) {
  for (const AttrInfo& info : kAttrs)
    if (info.name == name) return true;
  return false;
}

std::optional<Attr> AttrFromName(const OpInfo& op, std::string_view name) {
  for (const AttrSpec& spec : op.attrs())
    if (AttrName(spec.attr) == name) return spec.attr;
  return std::nullopt;
}

}  // namespace xlsaot
