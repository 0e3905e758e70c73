#include "xlsaot/c_api_support.h"

#include <cstring>
#include <exception>

#include "xlsaot/c_api.h"

namespace xlsaot {

// The C enum mirrors ErrorCode number for number.
static_assert(XLSAOT_ERROR_INVALID_ARGUMENT == static_cast<int>(ErrorCode::kInvalidArgument));
static_assert(XLSAOT_ERROR_PARSE == static_cast<int>(ErrorCode::kParse));
static_assert(XLSAOT_ERROR_VERIFY == static_cast<int>(ErrorCode::kVerify));
static_assert(XLSAOT_ERROR_NOT_FOUND == static_cast<int>(ErrorCode::kNotFound));
static_assert(XLSAOT_ERROR_UNSUPPORTED == static_cast<int>(ErrorCode::kUnsupported));
static_assert(XLSAOT_ERROR_ABI_MISMATCH == static_cast<int>(ErrorCode::kAbiMismatch));
static_assert(XLSAOT_ERROR_RESOURCE_EXHAUSTED == static_cast<int>(ErrorCode::kResourceExhausted));
static_assert(XLSAOT_ERROR_INTERNAL == static_cast<int>(ErrorCode::kInternal));
static_assert(XLSAOT_ERROR_ASSERTION_FAILED == static_cast<int>(ErrorCode::kAssertionFailed));
static_assert(XLSAOT_ERROR_IO == static_cast<int>(ErrorCode::kIo));
static_assert(XLSAOT_ERROR_CORRUPT_ARTIFACT == static_cast<int>(ErrorCode::kCorruptArtifact));
static_assert(XLSAOT_ERROR_DEADLOCK == static_cast<int>(ErrorCode::kDeadlock));
static_assert(XLSAOT_ERROR_STATE_CONFLICT == static_cast<int>(ErrorCode::kStateConflict));

xlsaot_error_code CApiErrorCode(const Status& status) noexcept {
  return status.ok() ? XLSAOT_OK : static_cast<xlsaot_error_code>(static_cast<int>(status.code()));
}

void CopyCApiMessage(std::string_view message, char* buffer, size_t size) noexcept {
  if (buffer == nullptr || size == 0) return;
  const size_t n = message.size() < size - 1 ? message.size() : size - 1;
  std::memcpy(buffer, message.data(), n);
  buffer[n] = '\0';
}

AssertionLog& CApiCallState::BeginRun() noexcept {
  error_.clear();
  messages_.clear();
  indices_.clear();
  labels_.clear();
  log_ = AssertionLog(&messages_, &indices_);
  return log_;
}

Status CApiCallState::Call(ArtifactRunner& runner) {
  AssertionLog& log = BeginRun();
  Status status = runner.Call(log);
  if (status.ok()) status = log.ToStatus();
  return status;
}

xlsaot_error_code CApiCallState::Finish(const Status& status, const MetadataView& metadata) noexcept {
  try {
    error_ = status.error();
    for (uint32_t index : indices_) {
      labels_.emplace_back(index < metadata.asserts.size() ? metadata.asserts[index].label : std::string_view());
    }
  } catch (const std::exception&) {
    return FailOutOfMemory();
  }
  return CApiErrorCode(status);
}

xlsaot_error_code CApiCallState::Reject(const char* message) noexcept {
  BeginRun();
  try {
    error_ = message;
  } catch (const std::exception&) {
    return FailOutOfMemory();
  }
  return XLSAOT_ERROR_INVALID_ARGUMENT;
}

xlsaot_error_code CApiCallState::FailOutOfMemory() noexcept {
  messages_.clear();
  indices_.clear();
  labels_.clear();
  error_.clear();
  try {
    error_ = "out of memory";  // fits the small-string buffer: cannot throw in practice
  } catch (const std::exception&) {
  }
  return XLSAOT_ERROR_RESOURCE_EXHAUSTED;
}

const char* CApiCallState::assertion_message(size_t index) const noexcept {
  return index < messages_.size() ? messages_[index].c_str() : nullptr;
}

const char* CApiCallState::assertion_label(size_t index) const noexcept {
  return index < labels_.size() ? labels_[index].c_str() : nullptr;
}

}  // namespace xlsaot

extern "C" const char* xlsaot_error_code_name(xlsaot_error_code code) {
  if (code == XLSAOT_OK) return "ok";
  const int number = static_cast<int>(code);
  if (number < XLSAOT_ERROR_INVALID_ARGUMENT || number > XLSAOT_ERROR_STATE_CONFLICT) return "error";
  return xlsaot::ErrorCodeName(static_cast<xlsaot::ErrorCode>(number));
}
