/* The binary interface between compiled XLS functions and their callers.
 *
 * Plain C (C99 and C++), no dependency beyond <stddef.h> and <stdint.h>, so
 * that a standalone program can call compiled code with nothing else.
 * docs/abi.md is the prose version of this contract: buffer layouts, scratch
 * rules, callbacks and compatibility.
 */
#ifndef XLSAOT_ABI_H_
#define XLSAOT_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this contract. Compiled code declares the version it was built
 * for (xlsaot_function_info.abi_version); a caller must refuse any other. */
#define XLSAOT_ABI_VERSION 1u

/* Feature bits: what a compiled function may use at run time. */
#define XLSAOT_FEATURE_ASSERT (1u << 0)  /* may call on_assert */
#define XLSAOT_FEATURE_TRACE (1u << 1)   /* may call on_trace */
#define XLSAOT_FEATURE_COVER (1u << 2)   /* may call on_cover */
#define XLSAOT_FEATURE_SCRATCH (1u << 3) /* needs a scratch buffer (scratch_size > 0) */
#define XLSAOT_FEATURE_ASSUMPTION (1u << 4) /* may call on_assumption (and reads that field) */
/* Every bit this version defines; a caller refuses artifacts with others. */
#define XLSAOT_FEATURES_KNOWN 0x1fu

/* Status codes returned by an entry point. */
#define XLSAOT_STATUS_OK 0
/* A dynamic_counted_for whose trip_count * stride does not fit its index
 * parameter: XLS would loop forever. The outputs are unspecified. */
#define XLSAOT_STATUS_NONTERMINATING_LOOP 1

typedef struct xlsaot_context xlsaot_context;

/* Everything compiled code calls back into. Compiled code never touches
 * global state: each caller (thread, runner) passes its own context, and the
 * callbacks find their state through user_data. A NULL callback drops that
 * kind of event. ctx itself may be NULL when the function declares none of
 * the ASSERT/TRACE/COVER features. */
struct xlsaot_context {
  /* An assert whose condition was false. Execution continues afterwards.
   * message/label point to constant text inside the compiled object (not
   * NUL-terminated); label_len is 0 when the assert has no label.
   * assert_index numbers the asserts of the compiled artifact from 0. */
  void (*on_assert)(xlsaot_context* ctx, uint32_t assert_index, const char* message,
                    size_t message_len, const char* label, size_t label_len);
  /* A trace whose condition was true: trace_index numbers the traces of the
   * compiled artifact from 0 (the format string is known to the host);
   * operands[i] is the buffer of data operand i, in the layout of its type,
   * valid only during the call. */
  void (*on_trace)(xlsaot_context* ctx, uint32_t trace_index, const uint8_t* const* operands);
  /* A cover whose condition was true. */
  void (*on_cover)(xlsaot_context* ctx, uint32_t cover_index, const char* label,
                   size_t label_len);
  void* user_data;
  /* An array_index or array_update marked assumed_in_bounds=true whose index
   * was out of bounds (the value is computed as without the mark: clamped
   * index, or no update). assumption_index numbers these sites of the
   * artifact from 0. Read only by code with XLSAOT_FEATURE_ASSUMPTION, so a
   * context of an earlier layout (without this field) stays valid for
   * every other artifact. */
  void (*on_assumption)(xlsaot_context* ctx, uint32_t assumption_index);
};

/* The entry point of one compiled XLS function.
 *   inputs[i]   buffer of parameter i, in the layout of its type, aligned to
 *               that type's alignment (may be NULL for zero-sized types);
 *   outputs[0]  buffer of the return value (same rules); must not overlap
 *               an input;
 *   scratch     scratch_size bytes aligned to scratch_alignment (NULL when
 *               scratch_size is 0); its contents need no initialisation and
 *               are clobbered;
 *   ctx         callbacks (see xlsaot_context).
 * Returns XLSAOT_STATUS_OK or another XLSAOT_STATUS_* code. One scratch
 * buffer must not be used by two calls at the same time; everything else
 * (the code, its constants) is read-only and shared freely. */
typedef int32_t (*xlsaot_entry_fn)(const uint8_t* const* inputs, uint8_t* const* outputs,
                                   uint8_t* scratch, xlsaot_context* ctx);

/* Size and alignment of one input or output buffer. */
typedef struct xlsaot_buffer_spec {
  uint64_t size;
  uint64_t alignment;
} xlsaot_buffer_spec;

/* Metadata emitted next to every entry point (symbol: <entry>_info). */
typedef struct xlsaot_function_info {
  uint32_t abi_version; /* XLSAOT_ABI_VERSION of the compiler */
  uint32_t features;    /* XLSAOT_FEATURE_* bits */
  uint64_t scratch_size;
  uint64_t scratch_alignment; /* a power of two */
  uint32_t input_count;
  uint32_t output_count; /* always 1 in this version */
  const xlsaot_buffer_spec* inputs;
  const xlsaot_buffer_spec* outputs;
  const char* name; /* the XLS function's name, NUL-terminated */
} xlsaot_function_info;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XLSAOT_ABI_H_ */
