/* The C APIs of the golden artifacts (tests/aot/golden) in one C11 program:
 * their headers compile together under -pedantic -Werror, their names do
 * not clash, and the edge cases of the mapping behave: parameters without
 * storage left out (zero_width), bits[1] and bits[33] containers (scalar),
 * assertion messages with characters C must escape (asserts). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "asserts_c.h"
#include "nested_c.h"
#include "scalar_c.h"
#include "wide_c.h"
#include "zero_width_c.h"

int main(void) {
  zero_width_runner* empties = zero_width_create();
  scalar_runner* mac = scalar_create();
  asserts_runner* checked = asserts_create();
  nested_runner* nested = nested_create();
  wide_runner* wide = wide_create();
  CHECK(empties != NULL && mac != NULL && checked != NULL && nested != NULL && wide != NULL);
  if (failures != 0) return 1;

  zero_width_result empty_out = {0};
  CHECK(zero_width_run(empties, 0x5a, &empty_out) == XLSAOT_OK);
  CHECK(empty_out.f3 == 0x5a);

  /* acc + (negate ? -(a * b) : a * b) in 33 bits; negate 3 is 1 in bits[1]. */
  uint64_t sum = 0;
  CHECK(scalar_run(mac, 3, 1000, 0, 5, &sum) == XLSAOT_OK);
  CHECK(sum == 3005);
  CHECK(scalar_run(mac, 3, 1000, 3, 5, &sum) == XLSAOT_OK);
  CHECK(sum == ((5 - 3000) & 0x1ffffffffull));

  uint8_t headroom = 0;
  CHECK(asserts_run(checked, 7, 10, &headroom) == XLSAOT_OK);
  CHECK(headroom == 3);
  CHECK(asserts_run(checked, 0, 10, &headroom) == XLSAOT_ERROR_ASSERTION_FAILED);
  CHECK(strcmp(asserts_assertion_message(checked, 0), "x is zero?\n") == 0);
  CHECK(asserts_run(checked, 11, 10, &headroom) == XLSAOT_ERROR_ASSERTION_FAILED);
  CHECK(strcmp(asserts_assertion_message(checked, 0), "x exceeds \"limit\" \\ 100%") == 0);
  CHECK(strcmp(asserts_assertion_label(checked, 0), "range") == 0);
  CHECK(strcmp(asserts_last_error(checked), "assertion failed: x exceeds \"limit\" \\ 100%") == 0);
  CHECK(headroom == 255);

  zero_width_destroy(empties);
  scalar_destroy(mac);
  asserts_destroy(checked);
  nested_destroy(nested);
  wide_destroy(wide);
  if (failures != 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("all golden C API checks passed\n");
  return 0;
}
