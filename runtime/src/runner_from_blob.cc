// Runners for artifacts known only by their metadata blob (tools,
// `xlsaot eval --backend aot`): the blob is parsed and validated, and
// checked against a HostCpu. Generated runners do without all of this
// (ArtifactRunner::CreateForHeader in runner.cc).
#include <string>

#include "xlsaot/compatibility.h"
#include "xlsaot/runner.h"
#include "xlsaot/text_escape.h"

namespace xlsaot {

Result<ArtifactRunner> ArtifactRunner::Create(const xlsaot_artifact& artifact,
                                              const Allocator& allocator,
                                              const MetadataView* expected,
                                              const HostCpu& host) {
  if (artifact.metadata == nullptr || artifact.entry == nullptr) {
    return MakeError(ErrorCode::kAbiMismatch, "artifact descriptor has no metadata or no entry point");
  }
  if (artifact.runtime_abi == nullptr || *artifact.runtime_abi != XLSAOT_ABI_VERSION) {
    return MakeError(ErrorCode::kAbiMismatch,
                     "artifact descriptor was linked against a runtime of another ABI version");
  }
  if (artifact.metadata_size > (uint64_t{1} << 32)) {
    return MakeError(ErrorCode::kInvalidArgument, "artifact metadata is implausibly large");
  }
  XLSAOT_ASSIGN_OR_RETURN(
      ArtifactMetadata metadata,
      ParseMetadata(std::span<const uint8_t>(artifact.metadata,
                                             static_cast<size_t>(artifact.metadata_size))));
  if (expected != nullptr && !SameMetadata(metadata.view(), *expected)) {
    return MakeError(ErrorCode::kAbiMismatch,
                     "the compiled object of '" + EscapeString(metadata->function_name) + "' (entry " +
                         EscapeString(metadata->entry_symbol) +
                         ") does not match its generated header: both must come from the same "
                         "xlsaot compile run");
  }
  return Create(std::move(metadata), artifact.entry, allocator, host);
}

Result<ArtifactRunner> ArtifactRunner::Create(ArtifactMetadata metadata, xlsaot_entry_fn entry,
                                              const Allocator& allocator,
                                              const HostCpu& host) {
  if (entry == nullptr) return MakeError(ErrorCode::kAbiMismatch, "artifact has no entry point");
  XLSAOT_RETURN_IF_ERROR(CheckCompatibility(metadata.view(), host));
  return WithBuffers(std::move(metadata), entry, allocator);
}

}  // namespace xlsaot
