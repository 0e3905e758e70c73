// What every runner links: calls, assertion logs, entry statuses, buffers,
// and the creation of a generated runner from its header's metadata.
// Creation from a metadata blob is in runner_from_blob.cc, so that a
// program that only uses generated runners links no metadata parser.
#include "xlsaot/runner.h"

#include <algorithm>
#include <new>

#include "xlsaot/compatibility.h"
#include "xlsaot/error_text.h"
#include "xlsaot/generated_runner.h"

namespace xlsaot {
namespace {

uint64_t AlignUp(uint64_t offset, uint64_t alignment) {
  return (offset + alignment - 1) / alignment * alignment;
}

void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
              const char*, size_t) {
  static_cast<AssertionLog*>(ctx->user_data)->Record(index, std::string_view(message, message_len));
}

// Buffers above this are refused. Each size is at most 2^40 (metadata
// validation), so checking after each addition keeps the sum far from
// overflow however many parameters there are.
constexpr uint64_t kMaxBufferBytes = uint64_t{1} << 48;

Error TooLarge(uint64_t bytes) {
  return JoinedError(ErrorCode::kResourceExhausted, {"artifact buffers need ", DecimalText(bytes), " bytes"});
}

}  // namespace

void AssertionLog::Record(uint32_t index, std::string_view message) noexcept {
  if (count_++ == 0) first_message_ = message;
  try {
    if (messages_ != nullptr) messages_->emplace_back(message);
    if (indices_ != nullptr) indices_->push_back(index);
  } catch (const std::bad_alloc&) {
    out_of_memory_ = true;
  }
}

xlsaot_context AssertionLog::context() noexcept {
  xlsaot_context ctx{};
  ctx.on_assert = &OnAssert;
  ctx.user_data = this;
  return ctx;
}

Status AssertionLog::ToStatus() const {
  if (count_ == 0) return Status::Ok();
  if (count_ == 1) return JoinedError(ErrorCode::kAssertionFailed, {"assertion failed: ", first_message_});
  return JoinedError(ErrorCode::kAssertionFailed,
                     {"assertion failed: ", first_message_, " (", DecimalText(count_), " assertions failed)"});
}

Result<ArtifactRunner> ArtifactRunner::CreateForHeader(const xlsaot_artifact& artifact, const MetadataView& header,
                                                       uint64_t blob_size, uint64_t blob_hash,
                                                       const Allocator& allocator) {
  if (artifact.metadata == nullptr || artifact.entry == nullptr) {
    return MakeError(ErrorCode::kAbiMismatch, "artifact descriptor has no metadata or no entry point");
  }
  if (artifact.runtime_abi == nullptr || *artifact.runtime_abi != XLSAOT_ABI_VERSION) {
    return MakeError(ErrorCode::kAbiMismatch,
                     "artifact descriptor was linked against a runtime of another ABI version");
  }
  if (artifact.metadata_size != blob_size ||
      MetadataBlobHash(std::span<const uint8_t>(artifact.metadata, static_cast<size_t>(blob_size))) != blob_hash) {
    return JoinedError(ErrorCode::kAbiMismatch,
                       {"the compiled object of '", header.function_name, "' (entry ", header.entry_symbol,
                        ") does not match its generated header: both must come from the same xlsaot compile run"});
  }
  XLSAOT_RETURN_IF_ERROR(CheckCompatibilityWithThisMachine(header));
  return WithBuffers(ArtifactMetadata::Unowned(header), artifact.entry, allocator);
}

ArtifactRunner::ArtifactRunner(ArtifactRunner&& other) noexcept = default;
ArtifactRunner& ArtifactRunner::operator=(ArtifactRunner&& other) noexcept = default;
ArtifactRunner::~ArtifactRunner() = default;

Result<ArtifactRunner> ArtifactRunner::WithBuffers(ArtifactMetadata metadata, xlsaot_entry_fn entry,
                                                   const Allocator& allocator) {
  const MetadataView& m = metadata.view();
  try {
    // One block: scratch first (its alignment is the block's), then each
    // input and the output at its own alignment. The first pass sizes it,
    // the second hands out the addresses.
    uint64_t alignment = m.scratch_alignment;
    uint64_t offset = m.scratch_size;
    for (size_t i = 0; i < m.params.size(); ++i) {
      const TypeDesc& t = m.param_type(i);
      offset = AlignUp(offset, t.alignment) + t.size;
      alignment = std::max(alignment, t.alignment);
      if (offset > kMaxBufferBytes) return TooLarge(offset);
    }
    const TypeDesc& out = m.result_type();
    offset = AlignUp(offset, out.alignment);
    const uint64_t output_offset = offset;
    offset += out.size;
    alignment = std::max(alignment, out.alignment);
    if (offset > kMaxBufferBytes) return TooLarge(offset);

    Result<ScratchBuffer> allocated =
        ScratchBuffer::Create(static_cast<size_t>(offset), static_cast<size_t>(alignment), allocator);
    // Named, so that a program with several artifacts knows whose runner failed.
    if (!allocated.ok()) {
      return JoinedError(allocated.code(), {"artifact '", m.function_name, "': ", allocated.error()});
    }
    ScratchBuffer memory = std::move(allocated).value();
    ArtifactRunner runner;
    runner.entry_ = entry;
    runner.scratch_ = m.scratch_size == 0 ? nullptr : memory.data();
    runner.inputs_.resize(m.params.size());
    uint64_t input_offset = m.scratch_size;
    for (size_t i = 0; i < m.params.size(); ++i) {
      input_offset = AlignUp(input_offset, m.param_type(i).alignment);
      runner.inputs_[i] = memory.data() + input_offset;
      input_offset += m.param_type(i).size;
    }
    runner.output_ = memory.data() + output_offset;
    runner.memory_ = std::move(memory);
    runner.metadata_ = std::move(metadata);
    return runner;
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory creating a runner");
  }
}

Status ArtifactRunner::Call(AssertionLog& log) { return Call(inputs_.data(), output_, log); }

Status ArtifactRunner::Call(const uint8_t* const* inputs, uint8_t* output, AssertionLog& log) {
  xlsaot_context ctx = log.context();
  const Status status = Call(inputs, output, ctx);
  if (log.out_of_memory()) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory recording assertion messages");
  }
  return status;
}

Status ArtifactRunner::Call(const uint8_t* const* inputs, uint8_t* output, xlsaot_context& ctx) {
  return EntryStatusToError(entry_(inputs, &output, scratch_, &ctx), metadata().function_name);
}

Error BatchElementError(size_t index, const Status& status) {
  return JoinedError(status.code(), {"batch element ", DecimalText(index), ": ", status.error()});
}

Status EntryStatusToError(int32_t status, std::string_view function_name) {
  switch (status) {
    case XLSAOT_STATUS_OK:
      return Status::Ok();
    case XLSAOT_STATUS_NONTERMINATING_LOOP:
      return JoinedError(ErrorCode::kUnsupported, {"function '", function_name,
                                                   "': a dynamic_counted_for never terminates: trip_count * "
                                                   "stride does not fit its signed index"});
    default:
      return JoinedError(ErrorCode::kInternal,
                         {"function '", function_name, "' returned unknown status ",
                          status < 0 ? "-" : "", DecimalText(status < 0 ? -static_cast<int64_t>(status) : status)});
  }
}

}  // namespace xlsaot
