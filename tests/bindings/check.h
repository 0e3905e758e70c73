/* CHECK for the C test programs: reports a failed condition with its line
 * and counts it; main returns non-zero when `failures` is not 0. */
#ifndef XLSAOT_TESTS_BINDINGS_CHECK_H_
#define XLSAOT_TESTS_BINDINGS_CHECK_H_

#include <stdio.h>

static int failures = 0;

#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

#endif /* XLSAOT_TESTS_BINDINGS_CHECK_H_ */
