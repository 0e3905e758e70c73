// Ahead-of-time compilation of a proc network into an artifact: the object
// (one entry point per segment, aot/network_compiler.h) and a header that
// holds the network's description as constant data and the typed API
// NS::Network over the runtime's NetworkRunner (docs/generated-api.md,
// "Proc networks").
#ifndef XLSAOT_AOT_NETWORK_ARTIFACT_H_
#define XLSAOT_AOT_NETWORK_ARTIFACT_H_

#include <string_view>

#include "aot/compiler.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Everything the runtime needs is in the header. The artifact's `metadata`
// (NAME.xlsmeta) is a text for `xlsaot inspect`: kNetworkMetadataMagic on
// its first line, then the target, the channels and the instances. Errors
// as CompileAheadOfTime's.
Result<AotArtifact> CompileNetworkAheadOfTime(const Package& package, const Proc& top, const AotOptions& options);

inline constexpr std::string_view kNetworkMetadataMagic = "XLSAOT network description 1";

}  // namespace xlsaot

#endif  // XLSAOT_AOT_NETWORK_ARTIFACT_H_
