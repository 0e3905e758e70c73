// The versioned link-time symbol every compiled object references (see
// xlsaot/artifact.h): linking an object against a runtime of another ABI
// version fails with an undefined reference to this name.
#include "xlsaot/artifact.h"

extern "C" {
// `extern` gives the const object external linkage in C++.
extern const uint32_t XLSAOT_RUNTIME_ABI_SYMBOL;
const uint32_t XLSAOT_RUNTIME_ABI_SYMBOL = XLSAOT_ABI_VERSION;
}
