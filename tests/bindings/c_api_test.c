/* A C11 program using the generated C API of all_types.ir (docs/c-api.md):
 * every type class in and out, truncation to the width, assertion and
 * argument errors. Exits non-zero, naming the check, on any mismatch. */
#include <stdio.h>
#include <string.h>

#include "all_types_c.h"
#include "check.h"

static int text_is(const char* text, const char* expected) { return text != NULL && strcmp(text, expected) == 0; }

int main(void) {
  char message[256] = "unchanged";
  all_types_runner* runner = NULL;
  CHECK(all_types_try_create(&runner, message, sizeof message) == XLSAOT_OK);
  CHECK(runner != NULL);
  CHECK(text_is(message, ""));
  if (runner == NULL) return 1;

  /* bits[100] 0x0f_00000000_ffffffffffffffff; the 0xf0 above bit 99 is dropped. */
  uint8_t wide[ALL_TYPES_BITS100_BYTES] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff};
  all_types_param_pair pair = {100, {5}};
  /* 0x81 is 1 in bits[7]. */
  uint8_t grid[2][3] = {{0x81, 2, 3}, {4, 5, 6}};
  all_types_tuple16 records[2] = {{1, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1}}, {7, {9}}};
  all_types_result out;
  memset(&out, 0xaa, sizeof out);

  CHECK(ALL_TYPES_BITS100_BYTES == 13 && ALL_TYPES_BITS65_BYTES == 9);
  CHECK(all_types_run(runner, 1, 3, 1, wide, &pair, grid, records, &out) == XLSAOT_OK);
  CHECK(text_is(all_types_last_error(runner), ""));
  CHECK(all_types_assertion_count(runner) == 0);
  /* sum = wide + word = 0x0f_00000001_0000000000000000 */
  {
    const uint8_t expected[ALL_TYPES_BITS100_BYTES] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x0f};
    CHECK(memcmp(out.f0, expected, sizeof expected) == 0);
  }
  CHECK(out.f1 == 0); /* not(flag) */
  /* swapped = [(grid[1], pair.0 + pair.1.0), (grid[0], pair.0)] */
  CHECK(out.f2[0].f0[0] == 4 && out.f2[0].f0[1] == 5 && out.f2[0].f0[2] == 6);
  CHECK(out.f2[0].f1 == 105);
  CHECK(out.f2[1].f0[0] == 1 && out.f2[1].f0[1] == 2 && out.f2[1].f0[2] == 3);
  CHECK(out.f2[1].f1 == 100);
  /* ws = [records[1].1, records[0].1 + records[1].0] = [9, 0x1_ffffffffffffffff + 7 mod 2^65 = 6] */
  {
    const uint8_t nine[ALL_TYPES_BITS65_BYTES] = {9};
    const uint8_t six[ALL_TYPES_BITS65_BYTES] = {6};
    CHECK(memcmp(out.f3[0], nine, sizeof nine) == 0);
    CHECK(memcmp(out.f3[1], six, sizeof six) == 0);
  }

  /* Two assertions fail: small (0x20 is 0 in bits[5]) and flag (0xfe is 0 in
   * bits[1]). The result is computed regardless. */
  CHECK(all_types_run(runner, 0xfe, 0x20, 2, wide, &pair, grid, records, &out) == XLSAOT_ERROR_ASSERTION_FAILED);
  CHECK(text_is(all_types_last_error(runner), "assertion failed: small is zero (2 assertions failed)"));
  CHECK(all_types_assertion_count(runner) == 2);
  CHECK(text_is(all_types_assertion_message(runner, 0), "small is zero"));
  CHECK(text_is(all_types_assertion_label(runner, 0), "nonzero"));
  CHECK(text_is(all_types_assertion_message(runner, 1), "flag is clear"));
  CHECK(text_is(all_types_assertion_label(runner, 1), "flag"));
  CHECK(all_types_assertion_message(runner, 2) == NULL);
  CHECK(all_types_assertion_label(runner, 2) == NULL);
  CHECK(out.f1 == 1);
  CHECK(out.f0[0] == 1 && out.f0[8] == 1);

  /* One failure with no label. */
  CHECK(all_types_run(runner, 1, 25, 1, wide, &pair, grid, records, &out) == XLSAOT_ERROR_ASSERTION_FAILED);
  CHECK(text_is(all_types_last_error(runner), "assertion failed: small >= 20"));
  CHECK(all_types_assertion_count(runner) == 1);
  CHECK(text_is(all_types_assertion_label(runner, 0), ""));

  /* A NULL argument is refused before the call and clears the last run. */
  CHECK(all_types_run(runner, 1, 3, 1, wide, NULL, grid, records, &out) == XLSAOT_ERROR_INVALID_ARGUMENT);
  CHECK(text_is(all_types_last_error(runner), "all_types_run: pair is NULL"));
  CHECK(all_types_assertion_count(runner) == 0);
  CHECK(all_types_run(runner, 1, 3, 1, wide, &pair, grid, records, NULL) == XLSAOT_ERROR_INVALID_ARGUMENT);
  CHECK(all_types_run(NULL, 1, 3, 1, wide, &pair, grid, records, &out) == XLSAOT_ERROR_INVALID_ARGUMENT);
  CHECK(text_is(all_types_last_error(NULL), "the runner is NULL"));

  /* Success again clears the error. */
  CHECK(all_types_run(runner, 1, 3, 1, wide, &pair, grid, records, &out) == XLSAOT_OK);
  CHECK(text_is(all_types_last_error(runner), ""));

  CHECK(text_is(xlsaot_error_code_name(XLSAOT_OK), "ok"));
  CHECK(text_is(xlsaot_error_code_name(XLSAOT_ERROR_ASSERTION_FAILED), "assertion failed"));
  CHECK(text_is(xlsaot_error_code_name(XLSAOT_ERROR_ABI_MISMATCH), "ABI mismatch"));
  CHECK(text_is(xlsaot_error_code_name((xlsaot_error_code)99), "error"));
  CHECK(all_types_try_create(NULL, message, sizeof message) == XLSAOT_ERROR_INVALID_ARGUMENT);
  CHECK(text_is(message, "the runner pointer is NULL"));

  all_types_destroy(runner);
  all_types_destroy(NULL);
  runner = all_types_create();
  CHECK(runner != NULL);
  all_types_destroy(runner);

  if (failures != 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
