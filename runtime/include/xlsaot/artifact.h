/* What an ahead-of-time compiled object exports besides its entry point.
 *
 * `xlsaot compile` emits, next to the entry point <entry>, one constant
 * descriptor <entry>_artifact of type xlsaot_artifact. It points at the
 * metadata blob (format: xlsaot/metadata.h, docs/generated-api.md) and at
 * XLSAOT_RUNTIME_ABI_SYMBOL, a symbol only a runtime of the same ABI version
 * defines: linking an object against a runtime of another ABI version fails
 * at link time with an undefined reference instead of misbehaving at run
 * time.
 *
 * Plain C, like xlsaot/abi.h.
 */
#ifndef XLSAOT_ARTIFACT_H_
#define XLSAOT_ARTIFACT_H_

#include <stdint.h>

#include "xlsaot/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The versioned link-time symbol of this runtime (value: XLSAOT_ABI_VERSION).
 * The name carries the version; a runtime for ABI version 2 defines
 * xlsaot_runtime_abi_v2 instead. */
#define XLSAOT_RUNTIME_ABI_SYMBOL xlsaot_runtime_abi_v1
#define XLSAOT_RUNTIME_ABI_SYMBOL_NAME "xlsaot_runtime_abi_v1"
extern const uint32_t XLSAOT_RUNTIME_ABI_SYMBOL;

/* Suffix of the descriptor symbol: <entry symbol> + this. */
#define XLSAOT_ARTIFACT_SYMBOL_SUFFIX "_artifact"

typedef struct xlsaot_artifact {
  const uint8_t* metadata;  /* the metadata blob */
  uint64_t metadata_size;   /* its length in bytes */
  xlsaot_entry_fn entry;    /* the compiled function */
  const uint32_t* runtime_abi; /* &XLSAOT_RUNTIME_ABI_SYMBOL of the runtime linked */
} xlsaot_artifact;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XLSAOT_ARTIFACT_H_ */
