/* The error codes of the generated C APIs (xlsaot compile --c-api,
 * docs/c-api.md): the C mirror of xlsaot::ErrorCode (xlsaot/result.h), the
 * same numbers, plus XLSAOT_OK for success. Every artifact's C functions
 * return these, so one program handles the errors of all its artifacts alike.
 *
 * Plain C (C99 and C++), no dependency beyond <stddef.h>. */
#ifndef XLSAOT_C_API_H_
#define XLSAOT_C_API_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xlsaot_error_code {
  XLSAOT_OK = 0,
  XLSAOT_ERROR_INVALID_ARGUMENT = 1,    /* bad user input */
  XLSAOT_ERROR_PARSE = 2,               /* malformed text */
  XLSAOT_ERROR_VERIFY = 3,              /* IR that breaks a typing rule */
  XLSAOT_ERROR_NOT_FOUND = 4,           /* a named thing does not exist */
  XLSAOT_ERROR_UNSUPPORTED = 5,         /* e.g. a dynamic_counted_for that never terminates */
  XLSAOT_ERROR_ABI_MISMATCH = 6,        /* object, header, runtime or CPU disagree */
  XLSAOT_ERROR_RESOURCE_EXHAUSTED = 7,  /* out of memory */
  XLSAOT_ERROR_INTERNAL = 8,            /* a bug in xlsaot */
  XLSAOT_ERROR_ASSERTION_FAILED = 9,    /* the call ran, but an assertion failed */
  XLSAOT_ERROR_IO = 10,
  XLSAOT_ERROR_CORRUPT_ARTIFACT = 11,
  XLSAOT_ERROR_DEADLOCK = 12,
  XLSAOT_ERROR_STATE_CONFLICT = 13,
  /* Not a code: makes every int a valid value of the type (in C++ too), so
   * that xlsaot_error_code_name may be given any number. */
  XLSAOT_ERROR_CODE_RANGE_ = 0x7fffffff
} xlsaot_error_code;

/* The category name of a code, as xlsaot::ErrorCodeName spells it ("ok",
 * "invalid argument", "assertion failed", ...); never NULL, "error" for a
 * number that is no code. */
const char* xlsaot_error_code_name(xlsaot_error_code code);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XLSAOT_C_API_H_ */
