// What the generated SystemVerilog DPI-C glue (NAME_dpi.cc, docs/dpi.md)
// needs from the runtime: conversion between packed SystemVerilog values as
// DPI-C passes them and ABI buffers, one runner per thread, and the status
// and error text of a call.
//
// A packed value crosses DPI-C as an array of 32-bit words (svBitVecVal in
// svdpi.h): bit I of the vector is bit I % 32 of word I / 32. The functions
// here take plain uint32_t so that the runtime does not depend on any
// simulator's svdpi.h; svBitVecVal is uint32_t by the standard.
#ifndef XLSAOT_DPI_SUPPORT_H_
#define XLSAOT_DPI_SUPPORT_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "xlsaot/result.h"
#include "xlsaot/runner.h"

namespace xlsaot {

// What every generated DPI-C function returns (the package's STATUS_*).
enum DpiStatus : int {
  kDpiStatusOk = 0,
  // At least one assertion failed; the result holds the computed value.
  kDpiStatusAssertionFailed = 1,
  // No result (its bits are zero): the runner could not be created, or the
  // compiled code reported an error. DpiLastError() says which.
  kDpiStatusError = 2,
};

// Copies bits [lsb, lsb + width) of the packed value `words` into the
// bits[width] leaf at `leaf` (width >= 1), in its ABI container: 1, 2, 4 or
// 8 bytes up to 64 bits, then 64-bit words; container bits above `width`
// become zero.
void UnpackDpiBits(const uint32_t* words, uint64_t lsb, uint64_t width, uint8_t* leaf);

// Copies the bits[width] leaf at `leaf` into bits [lsb, lsb + width) of
// `words`; other bits of `words` keep their value.
void PackDpiBits(const uint8_t* leaf, uint64_t width, uint32_t* words, uint64_t lsb);

// Sets the ceil(width / 32) words of a packed value of `width` bits to zero.
void ClearDpiBits(uint32_t* words, uint64_t width);

// Calls `runner` on its staged inputs (runner.input(i)) into runner.output()
// and records the outcome for DpiLastError(): kDpiStatusOk,
// kDpiStatusAssertionFailed (every failed assertion's message recorded) or
// kDpiStatusError.
DpiStatus CallForDpi(ArtifactRunner& runner);

// The text of the last generated DPI-C call on this thread that did not
// return kDpiStatusOk: one line "assertion failed: MESSAGE" per failed
// assertion, or the error. Empty after a successful call. Valid until the
// next DPI-C call on this thread.
const char* DpiLastError();

// Records a runner that could not be created for DpiLastError().
void SetDpiRunnerError(std::string_view function_name, const Status& error);

// This thread's runner of a generated Runner class, created by the first
// call on the thread (nullptr when creation failed, with the error recorded
// for DpiLastError(); the next call tries again). One per thread, because a
// runner serves one thread at a time and simulators may call DPI-C functions
// from several.
// `function_name` names the XLS function in that error.
template <typename Runner>
ArtifactRunner* ThreadDpiRunner(std::string_view function_name) {
  thread_local std::optional<Runner> runner;
  if (!runner.has_value()) [[unlikely]] {
    Result<Runner> created = Runner::Create();
    if (!created.ok()) {
      SetDpiRunnerError(function_name, created.status());
      return nullptr;
    }
    runner.emplace(std::move(*created));
  }
  return &runner->artifact_runner();
}

}  // namespace xlsaot

#endif  // XLSAOT_DPI_SUPPORT_H_
