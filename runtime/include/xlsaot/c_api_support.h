// What every generated C API glue (NAME_c.cc, docs/c-api.md) shares: the
// state a C runner keeps between calls (the message of the last error and
// the failed assertions of the last run, as NUL-terminated strings a C
// caller can hold until its next call) and the mapping of Status to
// xlsaot_error_code. Nothing here throws.
#ifndef XLSAOT_C_API_SUPPORT_H_
#define XLSAOT_C_API_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xlsaot/bits.h"
#include "xlsaot/c_api.h"
#include "xlsaot/marshal.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"
#include "xlsaot/runner.h"

namespace xlsaot {

// The C code of `status` (XLSAOT_OK for success).
xlsaot_error_code CApiErrorCode(const Status& status) noexcept;

// Copies `message` into `buffer` of `size` bytes, truncated and always
// NUL-terminated; nothing when `buffer` is null or `size` is 0.
void CopyCApiMessage(std::string_view message, char* buffer, size_t size) noexcept;

// Stores bits[N] (N > 64) given as ceil(N/8) little-endian bytes into its
// ABI buffer at `dst`; bits above N are dropped.
template <int64_t N>
inline void StoreBitsFromBytes(const uint8_t* bytes, uint8_t* dst) {
  StoreBits<N>(Bits<N>::FromBytes(std::span<const uint8_t>(bytes, Bits<N>::kByteCount)), dst);
}

// Loads bits[N] (N > 64) from its ABI buffer into ceil(N/8) little-endian
// bytes.
template <int64_t N>
inline void LoadBitsToBytes(const uint8_t* src, uint8_t* bytes) {
  const auto value = LoadWideBits<N>(src).ToBytes();
  std::memcpy(bytes, value.data(), value.size());
}

class CApiCallState {
 public:
  // Forgets the previous run and returns the log the next call records its
  // failed assertions into (valid until the next BeginRun).
  AssertionLog& BeginRun() noexcept;
  // Records the outcome of a call and returns its code: the message of
  // `status`, and the messages and labels of the failed assertions of the
  // log (labels from `metadata`, the runner's).
  xlsaot_error_code Finish(const Status& status, const MetadataView& metadata) noexcept;
  // BeginRun, then runs `runner` on its staging buffers: the error of the
  // call, or kAssertionFailed naming the first failed assertion (the status
  // the C++ Run gives). May throw std::bad_alloc.
  Status Call(ArtifactRunner& runner);
  // Whether the output buffer holds the computed value after a call that
  // gave `status`: on success and after failed assertions.
  static bool HasOutput(const Status& status) noexcept {
    return status.ok() || status.code() == ErrorCode::kAssertionFailed;
  }
  // Records a call refused before it ran (a NULL argument): kInvalidArgument
  // with `message`.
  xlsaot_error_code Reject(const char* message) noexcept;
  // Records a failure outside a call (memory ran out in the glue).
  xlsaot_error_code FailOutOfMemory() noexcept;

  // "" after a successful call.
  const char* last_error() const noexcept { return error_.c_str(); }
  size_t assertion_count() const noexcept { return messages_.size(); }
  // nullptr when `index` is not below assertion_count().
  const char* assertion_message(size_t index) const noexcept;
  const char* assertion_label(size_t index) const noexcept;

 private:
  std::string error_;
  std::vector<std::string> messages_;
  std::vector<uint32_t> indices_;
  std::vector<std::string> labels_;
  AssertionLog log_;
};

// Creates the C runner `CRunner` (a struct holding a `runner` and a
// `state`) over the generated C++ runner `Runner`, as NAME_try_create does.
template <typename CRunner, typename Runner>
xlsaot_error_code CreateCApiRunner(CRunner** out, char* message, size_t message_size) noexcept {
  if (out == nullptr) {
    CopyCApiMessage("the runner pointer is NULL", message, message_size);
    return XLSAOT_ERROR_INVALID_ARGUMENT;
  }
  *out = nullptr;
  try {
    Result<Runner> created = Runner::Create();
    if (!created.ok()) {
      CopyCApiMessage(created.error(), message, message_size);
      return CApiErrorCode(created.status());
    }
    *out = new CRunner{std::move(*created), CApiCallState()};
  } catch (const std::exception&) {
    CopyCApiMessage("out of memory", message, message_size);
    return XLSAOT_ERROR_RESOURCE_EXHAUSTED;
  }
  CopyCApiMessage("", message, message_size);
  return XLSAOT_OK;
}

}  // namespace xlsaot

#endif  // XLSAOT_C_API_SUPPORT_H_
