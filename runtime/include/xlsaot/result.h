// xlsaot::Result<T> and xlsaot::Status: errors as values.
//
// This header belongs to the runtime layer: it depends on the C++ standard
// library only, so both the standalone runtime and the compiler side use the
// same error type. An error carries a category (so tools can map it to an
// exit status) and a one-line, human-readable message.
#ifndef XLSAOT_RESULT_H_
#define XLSAOT_RESULT_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace xlsaot {

// Broad category of an error. Tools map categories to exit statuses; the
// message is what a human reads.
enum class ErrorCode : int {
  kInvalidArgument = 1,  // bad user input: a value, an option, a file name
  kParse = 2,            // malformed IR or value text
  kVerify = 3,           // well-formed IR that breaks a typing/structure rule
  kNotFound = 4,         // a named function/file does not exist
  kUnsupported = 5,      // valid input that this tool/backend refuses
  kAbiMismatch = 6,      // artifact and runtime disagree on ABI/features/CPU
  kResourceExhausted = 7,  // allocation failure, size limits (absurd widths, trip counts)
  kInternal = 8,         // a bug in xlsaot
  kAssertionFailed = 9,  // compiled code ran, but an assertion failed
  kIo = 10,              // a file could not be opened, read or written
  kCorruptArtifact = 11,  // artifact metadata (or object) malformed or truncated
  kDeadlock = 12,          // a proc network tick in which no proc instance could run a node
  kStateConflict = 13,     // two active next_values for one state element in one activation
};

// Stable lower-case name of an error category ("parse", "verify", ...).
inline const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kParse: return "parse error";
    case ErrorCode::kVerify: return "verification error";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kAbiMismatch: return "ABI mismatch";
    case ErrorCode::kResourceExhausted: return "resource exhausted";
    case ErrorCode::kInternal: return "internal error";
    case ErrorCode::kAssertionFailed: return "assertion failed";
    case ErrorCode::kIo: return "I/O error";
    case ErrorCode::kCorruptArtifact: return "corrupt artifact";
    case ErrorCode::kDeadlock: return "deadlock";
    case ErrorCode::kStateConflict: return "state conflict";
  }
  return "error";
}

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// The outcome of an operation that produces no value.
class [[nodiscard]] Status {
 public:
  Status() = default;  // success
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  // The message of a failed status; empty for success.
  const std::string& error() const {
    static const std::string kEmpty;
    return error_ ? error_->message : kEmpty;
  }
  ErrorCode code() const { return error_ ? error_->code : ErrorCode::kInternal; }
  // Precondition: !ok().
  const Error& error_value() const {
    assert(error_.has_value());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

// A value of type T or an error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // Precondition: !status.ok().
  Result(const Status& status) : state_(std::in_place_index<1>, status.error_value()) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  // Precondition: ok().
  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error message; empty when ok().
  const std::string& error() const {
    static const std::string kEmpty;
    return ok() ? kEmpty : std::get<1>(state_).message;
  }
  ErrorCode code() const { return ok() ? ErrorCode::kInternal : std::get<1>(state_).code; }
  // Precondition: !ok().
  const Error& error_value() const { return std::get<1>(state_); }
  Status status() const { return ok() ? Status() : Status(std::get<1>(state_)); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace xlsaot

// Propagation helpers for code that returns Status or Result<U>.
#define XLSAOT_CONCAT_INNER_(a, b) a##b
#define XLSAOT_CONCAT_(a, b) XLSAOT_CONCAT_INNER_(a, b)

#define XLSAOT_RETURN_IF_ERROR(expr)                         \
  do {                                                       \
    auto _xlsaot_status = (expr);                            \
    if (!_xlsaot_status.ok()) return _xlsaot_status.error_value(); \
  } while (0)

// `tmp` is an identifier and `lhs` may be a declaration (`auto x`): neither
// can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define XLSAOT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.error_value();            \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#define XLSAOT_ASSIGN_OR_RETURN(lhs, expr) \
  XLSAOT_ASSIGN_OR_RETURN_IMPL_(XLSAOT_CONCAT_(_xlsaot_result_, __LINE__), lhs, expr)

#endif  // XLSAOT_RESULT_H_
