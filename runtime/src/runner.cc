#include "xlsaot/runner.h"

#include <algorithm>
#include <new>

#include "xlsaot/compatibility.h"
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

Error AbiError(std::string message) {
  return MakeError(ErrorCode::kAbiMismatch, std::move(message));
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
  std::string text = "assertion failed: " + std::string(first_message_);
  if (count_ > 1) text += " (" + std::to_string(count_) + " assertions failed)";
  return MakeError(ErrorCode::kAssertionFailed, std::move(text));
}

Result<ArtifactRunner> ArtifactRunner::Create(const xlsaot_artifact& artifact,
                                              const Allocator& allocator,
                                              const MetadataView* expected,
                                              const HostCpu& host) {
  if (artifact.metadata == nullptr || artifact.entry == nullptr) {
    return AbiError("artifact descriptor has no metadata or no entry point");
  }
  if (artifact.runtime_abi == nullptr || *artifact.runtime_abi != XLSAOT_ABI_VERSION) {
    return AbiError("artifact descriptor was linked against a runtime of another ABI version");
  }
  if (artifact.metadata_size > (uint64_t{1} << 32)) {
    return MakeError(ErrorCode::kInvalidArgument, "artifact metadata is implausibly large");
  }
  XLSAOT_ASSIGN_OR_RETURN(
      ArtifactMetadata metadata,
      ParseMetadata(std::span<const uint8_t>(artifact.metadata,
                                             static_cast<size_t>(artifact.metadata_size))));
  if (expected != nullptr && !SameMetadata(metadata.view(), *expected)) {
    return AbiError("the compiled object of '" + std::string(metadata->function_name) +
                    "' (entry " + std::string(metadata->entry_symbol) +
                    ") does not match its generated header: both must come from the same "
                    "xlsaot compile run");
  }
  return Create(std::move(metadata), artifact.entry, allocator, host);
}

Result<ArtifactRunner> ArtifactRunner::Create(ArtifactMetadata metadata, xlsaot_entry_fn entry,
                                              const Allocator& allocator,
                                              const HostCpu& host) {
  const MetadataView& m = metadata.view();
  if (entry == nullptr) return AbiError("artifact has no entry point");
  XLSAOT_RETURN_IF_ERROR(CheckCompatibility(m, host));

  try {
    // One block: scratch first (its alignment is the block's), then each
    // input and the output at its own alignment.
    uint64_t alignment = m.scratch_alignment;
    uint64_t offset = m.scratch_size;
    std::vector<uint64_t> input_offsets;
    input_offsets.reserve(m.params.size());
    for (size_t i = 0; i < m.params.size(); ++i) {
      const TypeDesc& t = m.param_type(i);
      offset = AlignUp(offset, t.alignment);
      input_offsets.push_back(offset);
      offset += t.size;
      alignment = std::max(alignment, t.alignment);
      // Each size is at most 2^40 (validated), so stopping here keeps the
      // sum far from overflow however many parameters there are.
      if (offset > (uint64_t{1} << 48)) {
        return MakeError(ErrorCode::kResourceExhausted,
                         "artifact buffers need more than 2^48 bytes");
      }
    }
    const TypeDesc& out = m.result_type();
    offset = AlignUp(offset, out.alignment);
    const uint64_t output_offset = offset;
    offset += out.size;
    alignment = std::max(alignment, out.alignment);
    if (offset > (uint64_t{1} << 48)) {
      return MakeError(ErrorCode::kResourceExhausted,
                       "artifact buffers need " + std::to_string(offset) + " bytes");
    }

    Result<ScratchBuffer> allocated =
        ScratchBuffer::Create(static_cast<size_t>(offset), static_cast<size_t>(alignment), allocator);
    // Named, so that a program with several artifacts knows whose runner failed.
    if (!allocated.ok()) {
      return MakeError(allocated.code(), "artifact '" + std::string(m.function_name) + "': " + allocated.error());
    }
    ScratchBuffer memory = std::move(allocated).value();
    ArtifactRunner runner;
    runner.entry_ = entry;
    runner.scratch_ = m.scratch_size == 0 ? nullptr : memory.data();
    runner.inputs_.reserve(input_offsets.size());
    for (uint64_t input_offset : input_offsets) runner.inputs_.push_back(memory.data() + input_offset);
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
  return MakeError(status.code(), "batch element " + std::to_string(index) + ": " + status.error());
}

Status EntryStatusToError(int32_t status, std::string_view function_name) {
  switch (status) {
    case XLSAOT_STATUS_OK:
      return Status::Ok();
    case XLSAOT_STATUS_NONTERMINATING_LOOP:
      return MakeError(ErrorCode::kUnsupported, "function '" + std::string(function_name) +
                                                    "': a dynamic_counted_for never terminates: trip_count * "
                                                    "stride does not fit its signed index");
    default:
      return MakeError(ErrorCode::kInternal,
                       "function '" + std::string(function_name) + "' returned unknown status " + std::to_string(status));
  }
}

}  // namespace xlsaot
