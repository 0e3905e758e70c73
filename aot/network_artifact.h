// Ahead-of-time compilation of a proc network into an artifact: the object
// (one entry point per segment, aot/network_compiler.h) and a header that
// holds the network's description as constant data and the typed API
// NS::Network over the runtime's NetworkRunner (docs/generated-api.md,
// "Proc networks").
#ifndef XLSAOT_AOT_NETWORK_ARTIFACT_H_
#define XLSAOT_AOT_NETWORK_ARTIFACT_H_

#include "aot/compiler.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "xlsaot/result.h"

namespace xlsaot {

// The artifact's `metadata` is empty: everything the runtime needs is in
// the header. Errors as CompileAheadOfTime's.
Result<AotArtifact> CompileNetworkAheadOfTime(const Package& package, const Proc& top, const AotOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_NETWORK_ARTIFACT_H_
