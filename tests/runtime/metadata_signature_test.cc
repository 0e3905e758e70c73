// The bound on a whole signature's expansion: each parameter costs a few
// bytes of a metadata blob however large its type, so the reader must bound
// the parameters and the result together, not only each type
// (fuzz/libfuzzer/regressions/metadata/ holds a 4 KB blob of this shape
// that made metadata_fuzzer time out in DescribeMetadata).
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

// Type 0 is a token; type i+1 is a tuple of two type i, so type k expands
// to 2^(k+1) - 1 elements. Zero-sized leaves keep every size at 0, so only
// the expansion bounds apply.
struct PairTower {
  std::vector<TypeDesc> types = {{.kind = TypeDescKind::kToken, .size = 0, .alignment = 1}};
  std::vector<FieldDesc> fields;
  std::vector<ParamDesc> params;

  explicit PairTower(uint32_t levels) {
    for (uint32_t i = 0; i < levels; ++i) {
      types.push_back({.kind = TypeDescKind::kTuple, .size = 0, .alignment = 1, .element_count = 2,
                       .first_field = static_cast<uint32_t>(fields.size())});
      fields.push_back({i, 0});
      fields.push_back({i, 0});
    }
  }
  uint32_t top() const { return static_cast<uint32_t>(types.size() - 1); }

  MetadataView View() const {
    MetadataView v;
    v.function_name = "f";
    v.entry_symbol = "f";
    v.types = types;
    v.fields = fields;
    v.params = params;
    return v;
  }
};

TEST(MetadataSignatureTest, ASignatureAtTheBoundIsValid) {
  PairTower tower(19);  // type 19: 2^20 - 1 elements
  tower.params = {{"big", tower.top()}};
  MetadataView v = tower.View();
  v.return_type = 0;  // one more element: exactly 2^20
  EXPECT_TRUE(ValidateMetadata(v).ok()) << ValidateMetadata(v).error();
}

TEST(MetadataSignatureTest, ALargeTypeNamedByManyParametersIsRejected) {
  PairTower tower(19);
  for (int i = 0; i < 300; ++i) tower.params.push_back({"p", tower.top()});
  MetadataView v = tower.View();
  v.return_type = tower.top();
  const Status s = ValidateMetadata(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("the parameters and the result together expand to more than 1048576"),
            std::string::npos)
      << s.error();
  // The writer refuses it as well, and so does the reader of its blob.
  EXPECT_FALSE(SerializeMetadata(v).ok());
}

TEST(MetadataSignatureTest, TheResultCountsTowardsTheBound) {
  PairTower tower(19);
  tower.params = {{"big", tower.top()}};
  MetadataView v = tower.View();
  v.return_type = tower.top();
  EXPECT_FALSE(ValidateMetadata(v).ok());
}

}  // namespace
}  // namespace xlsaot
