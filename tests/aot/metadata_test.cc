// The artifact metadata format: round trips, and a reader that survives any
// corruption of its input with an error result.
#include "xlsaot/metadata.h"

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

// Metadata for f(a: bits[3], b: (bits[1], bits[65][2])) -> (bits[1], bits[65][2]),
// with one assert and two CPU features.
struct SampleMetadata {
  std::vector<std::string_view> features = {"cmov", "sse2"};
  std::vector<TypeDesc> types = {
      {.kind = TypeDescKind::kBits, .bit_count = 3, .size = 1, .alignment = 1},
      {.kind = TypeDescKind::kBits, .bit_count = 1, .size = 1, .alignment = 1},
      {.kind = TypeDescKind::kBits, .bit_count = 65, .size = 16, .alignment = 8},
      {.kind = TypeDescKind::kArray, .size = 32, .alignment = 8, .element_count = 2,
       .element_type = 2, .stride = 16},
      {.kind = TypeDescKind::kTuple, .size = 40, .alignment = 8, .element_count = 2,
       .first_field = 0},
      {.kind = TypeDescKind::kToken, .size = 0, .alignment = 1},
  };
  std::vector<FieldDesc> fields = {{1, 0}, {3, 8}};
  std::vector<ParamDesc> params = {{"a", 0}, {"b", 4}, {"t", 5}};
  std::vector<AssertDesc> asserts = {{"too \"big\"\n", "range"}};

  MetadataView View() const {
    MetadataView v;
    v.abi_version = 1;
    v.features = 0x9;
    v.scratch_size = 128;
    v.scratch_alignment = 16;
    v.function_name = "f";
    v.entry_symbol = "xlsaot_f";
    v.target_triple = "x86_64-unknown-linux-gnu";
    v.cpu = "x86-64";
    v.cpu_features = features;
    v.types = types;
    v.fields = fields;
    v.params = params;
    v.return_type = 4;
    v.asserts = asserts;
    return v;
  }
};

std::vector<uint8_t> SampleBlob() {
  SampleMetadata sample;
  Result<std::vector<uint8_t>> blob = SerializeMetadata(sample.View());
  EXPECT_TRUE(blob.ok()) << blob.error();
  return blob.ok() ? *blob : std::vector<uint8_t>{};
}

TEST(MetadataTest, RoundTripsExactly) {
  SampleMetadata sample;
  const std::vector<uint8_t> blob = SampleBlob();
  ASSERT_FALSE(blob.empty());
  Result<ArtifactMetadata> parsed = ParseMetadata(blob);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_TRUE(SameMetadata(parsed->view(), sample.View()));
  // Writing the parsed metadata again gives the same bytes.
  Result<std::vector<uint8_t>> again = SerializeMetadata(parsed->view());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, blob);
  // Copies share the storage and stay valid after the original is gone.
  ArtifactMetadata copy;
  {
    ArtifactMetadata original = *parsed;  // NOLINT(performance-unnecessary-copy-initialization): the copy is what is tested
    copy = original;
  }
  EXPECT_EQ(copy->asserts[0].message, "too \"big\"\n");
  EXPECT_EQ(TypeDescText(copy.view(), copy->params[1].type), "(bits[1], bits[65][2])");
}

TEST(MetadataTest, SameMetadataComparesContents) {
  SampleMetadata a, b;
  EXPECT_TRUE(SameMetadata(a.View(), b.View()));
  b.types[2].bit_count = 66;
  EXPECT_FALSE(SameMetadata(a.View(), b.View()));
  SampleMetadata c;
  c.asserts[0].label = "other";
  EXPECT_FALSE(SameMetadata(a.View(), c.View()));
}

TEST(MetadataTest, EveryTruncationIsAnError) {
  const std::vector<uint8_t> blob = SampleBlob();
  for (size_t n = 0; n < blob.size(); ++n) {
    Result<ArtifactMetadata> parsed = ParseMetadata(std::span<const uint8_t>(blob.data(), n));
    ASSERT_FALSE(parsed.ok()) << "prefix of " << n << " bytes was accepted";
    EXPECT_EQ(parsed.code(), ErrorCode::kCorruptArtifact) << parsed.error();
  }
}

TEST(MetadataTest, TrailingBytesAreAnError) {
  std::vector<uint8_t> blob = SampleBlob();
  blob.push_back(0);
  Result<ArtifactMetadata> parsed = ParseMetadata(blob);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("unexpected bytes"), std::string::npos) << parsed.error();
}

TEST(MetadataTest, OtherFormatVersionIsAnAbiMismatch) {
  std::vector<uint8_t> blob = SampleBlob();
  for (uint8_t version : {uint8_t{0}, uint8_t{4}}) {
    blob[8] = version;  // the u32 after the magic
    Result<ArtifactMetadata> parsed = ParseMetadata(blob);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.code(), ErrorCode::kAbiMismatch);
    EXPECT_EQ(parsed.error(), "artifact metadata has format version " + std::to_string(version) +
                                  ", this runtime reads versions 1 to 3");
  }
}

TEST(MetadataTest, WrongMagicIsRejected) {
  std::vector<uint8_t> blob = SampleBlob();
  blob[0] = 'Y';
  Result<ArtifactMetadata> parsed = ParseMetadata(blob);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("XLSAOTMD"), std::string::npos) << parsed.error();
  EXPECT_FALSE(ParseMetadata({}).ok());
}

TEST(MetadataTest, HugeCountsAreRejectedBeforeAllocating) {
  // A header followed by four empty strings and a CPU feature count of 2^32-1.
  std::vector<uint8_t> blob(kMetadataMagic, kMetadataMagic + 8);
  auto u32 = [&blob](uint32_t v) {
    for (int i = 0; i < 4; ++i) blob.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  auto u64 = [&](uint64_t v) {
    u32(static_cast<uint32_t>(v));
    u32(static_cast<uint32_t>(v >> 32));
  };
  u32(kMetadataFormatVersion);
  u32(1);
  u32(0);
  u64(0);
  u64(8);
  for (int i = 0; i < 4; ++i) u32(0);
  u32(0xffffffffu);
  Result<ArtifactMetadata> parsed = ParseMetadata(blob);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("CPU feature list"), std::string::npos) << parsed.error();
}

TEST(MetadataTest, LayoutsMustFollowTheAbiRules) {
  SampleMetadata bad_size;
  bad_size.types[2].size = 24;  // bits[65] is two words
  Status s = ValidateMetadata(bad_size.View());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("the ABI gives 16"), std::string::npos) << s.error();

  SampleMetadata bad_offset;
  bad_offset.fields[1].offset = 4;  // bits[65][2] is 8-aligned
  s = ValidateMetadata(bad_offset.View());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("the ABI places it at 8"), std::string::npos) << s.error();

  SampleMetadata forward;
  forward.types[3].element_type = 4;  // refers to the tuple after it
  s = ValidateMetadata(forward.View());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("does not precede"), std::string::npos) << s.error();

  SampleMetadata bad_symbol;
  bad_symbol.features = {"sse2", "cmov"};  // unsorted
  EXPECT_FALSE(ValidateMetadata(bad_symbol.View()).ok());

  SampleMetadata bad_param;
  bad_param.params[0].type = 17;
  EXPECT_FALSE(ValidateMetadata(bad_param.View()).ok());
  // The writer refuses what the reader would refuse.
  EXPECT_FALSE(SerializeMetadata(bad_param.View()).ok());
}

TEST(MetadataTest, TypesThatExpandExponentiallyAreRejected) {
  // Type i+1 is a tuple of two type i: 300 bytes of table describing 2^k
  // leaves. Zero-sized leaves keep the sizes small, so only the expansion
  // bound stops it.
  std::vector<TypeDesc> types = {{.kind = TypeDescKind::kToken, .size = 0, .alignment = 1}};
  std::vector<FieldDesc> fields;
  for (uint32_t i = 0; i < 40; ++i) {
    types.push_back({.kind = TypeDescKind::kTuple, .size = 0, .alignment = 1, .element_count = 2,
                     .first_field = static_cast<uint32_t>(fields.size())});
    fields.push_back({i, 0});
    fields.push_back({i, 0});
  }
  MetadataView v;
  v.function_name = "f";
  v.entry_symbol = "f";
  v.types = types;
  v.fields = fields;
  v.return_type = static_cast<uint32_t>(types.size() - 1);
  Status s = ValidateMetadata(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("expands to more than"), std::string::npos) << s.error();
  // Ten levels (1024 leaves) are fine.
  v.return_type = 10;
  v.types = std::span<const TypeDesc>(types).first(11);
  v.fields = std::span<const FieldDesc>(fields).first(20);
  EXPECT_TRUE(ValidateMetadata(v).ok());
}

TEST(MetadataTest, RandomCorruptionNeverCrashes) {
  const std::vector<uint8_t> blob = SampleBlob();
  std::mt19937 rng(1234);
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<uint8_t> mutated = blob;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % mutated.size();
      switch (rng() % 3) {
        case 0: mutated[at] = static_cast<uint8_t>(rng()); break;
        case 1: mutated[at] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
        default: mutated.resize(at); break;  // 2
      }
      if (mutated.empty()) break;
    }
    Result<ArtifactMetadata> parsed = ParseMetadata(mutated);
    if (!parsed.ok()) continue;
    // Whatever is accepted is fully consistent: it validates, describes and
    // serializes back to the same bytes.
    ++accepted;
    ASSERT_TRUE(ValidateMetadata(parsed->view()).ok());
    EXPECT_FALSE(DescribeMetadata(parsed->view()).empty());
    Result<std::vector<uint8_t>> again = SerializeMetadata(parsed->view());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, mutated);
  }
  // Some single-byte edits (inside strings) keep the blob valid.
  EXPECT_GT(accepted, 0);
}

TEST(MetadataTest, DescriptionListsLayoutsOfEveryLeaf) {
  SampleMetadata sample;
  const std::string text = DescribeMetadata(sample.View());
  EXPECT_NE(text.find("entry symbol:  xlsaot_f"), std::string::npos) << text;
  EXPECT_NE(text.find("features:      0x9 (assert, scratch)"), std::string::npos) << text;
  EXPECT_NE(text.find("cpu features:  cmov sse2"), std::string::npos) << text;
  EXPECT_NE(text.find("scratch:       128 bytes, alignment 16"), std::string::npos) << text;
  EXPECT_NE(text.find("input 1 \"b\": (bits[1], bits[65][2]), 40 bytes, alignment 8"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("+8      2 elements, stride 16, each:"), std::string::npos) << text;
  EXPECT_NE(text.find("bits[65] in 16 bytes (2 little-endian 64-bit words)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("token, no storage"), std::string::npos) << text;
  EXPECT_NE(text.find("0: \"too \\\"big\\\"\\x0a\" label \"range\""), std::string::npos) << text;
}

TEST(MetadataTest, AbiBitsLayout) {
  EXPECT_EQ(AbiBitsSize(0), 0u);
  EXPECT_EQ(AbiBitsSize(1), 1u);
  EXPECT_EQ(AbiBitsSize(9), 2u);
  EXPECT_EQ(AbiBitsSize(17), 4u);
  EXPECT_EQ(AbiBitsSize(33), 8u);
  EXPECT_EQ(AbiBitsSize(64), 8u);
  EXPECT_EQ(AbiBitsSize(65), 16u);
  EXPECT_EQ(AbiBitsSize(257), 40u);
  EXPECT_EQ(AbiBitsAlignment(0), 1u);
  EXPECT_EQ(AbiBitsAlignment(12), 2u);
  EXPECT_EQ(AbiBitsAlignment(257), 8u);
}

}  // namespace
}  // namespace xlsaot
