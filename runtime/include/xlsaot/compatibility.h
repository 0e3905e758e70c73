// Whether an artifact may run here: the checks a runner performs before it
// ever calls compiled code, so that a mismatch is a clear error instead of
// undefined behaviour.
#ifndef XLSAOT_COMPATIBILITY_H_
#define XLSAOT_COMPATIBILITY_H_

#include "xlsaot/host_cpu.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Checks, in this order, and reports the first failure (kAbiMismatch):
//   * the artifact's ABI version is this runtime's (XLSAOT_ABI_VERSION);
//   * it sets no feature bit this runtime does not know;
//   * it was compiled for the architecture and operating system of `host`
//     and this is a little-endian machine;
//   * `host` supports every CPU feature it requires (all missing ones are
//     named, with the CPU the artifact was compiled for).
Status CheckCompatibility(const MetadataView& metadata, const HostCpu& host = HostCpu::Detect());

}  // namespace xlsaot

#endif  // XLSAOT_COMPATIBILITY_H_
