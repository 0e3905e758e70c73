// ArtifactRunner: calls one ahead-of-time compiled function, driven only by
// its metadata. The generated C++ API (NAME::Runner) is a typed layer over
// it, and `xlsaot eval --backend aot` uses it directly on raw buffers.
//
// Creation does everything that can fail for reasons other than the inputs:
// it reads the metadata, checks ABI version, feature bits, architecture and
// CPU features, and obtains scratch memory plus one staging buffer per input
// and for the output, all in a single allocation through the allocator.
// A call then allocates nothing and takes no lock. One runner serves one
// thread at a time; any number of runners may run on different threads.
#ifndef XLSAOT_RUNNER_H_
#define XLSAOT_RUNNER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "xlsaot/abi.h"
#include "xlsaot/allocator.h"
#include "xlsaot/artifact.h"
#include "xlsaot/host_cpu.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

// The failed assertions of one call, in execution order.
class AssertionLog {
 public:
  // Keeps the number of failures and the first message (no allocation: the
  // message lives in the compiled object's constants).
  AssertionLog() = default;
  // Also appends every message to `*messages` and, when `indices` is given,
  // the index of every failed assert (into the metadata's asserts).
  explicit AssertionLog(std::vector<std::string>* messages,
                        std::vector<uint32_t>* indices = nullptr)
      : messages_(messages), indices_(indices) {}

  size_t count() const { return count_; }
  std::string_view first_message() const { return first_message_; }
  // kAssertionFailed naming the first message (and how many failed);
  // success when none did.
  Status ToStatus() const;

  // Called by the runner for each failing assert.
  void Record(uint32_t index, std::string_view message) noexcept;
  // A context whose on_assert records into this log (other events are
  // dropped); valid while this log lives.
  xlsaot_context context() noexcept;
  bool out_of_memory() const { return out_of_memory_; }

 private:
  std::vector<std::string>* messages_ = nullptr;
  std::vector<uint32_t>* indices_ = nullptr;
  size_t count_ = 0;
  std::string_view first_message_;
  bool out_of_memory_ = false;
};

// The error for a status an entry point returned (xlsaot/abi.h), the same on
// every engine that runs compiled code (the JIT too): success for
// XLSAOT_STATUS_OK, kUnsupported for a loop that would never terminate,
// kInternal for an unknown status. `function_name` names the XLS function.
Status EntryStatusToError(int32_t status, std::string_view function_name);

class ArtifactRunner {
 public:
  // A runner for the artifact an object exports (xlsaot/artifact.h). With
  // `expected` (the generated header's kMetadata), the object's metadata
  // must be identical to it, which catches a header and an object that come
  // from different compilations.
  static Result<ArtifactRunner> Create(const xlsaot_artifact& artifact,
                                       const Allocator& allocator = DefaultAllocator(),
                                       const MetadataView* expected = nullptr,
                                       const HostCpu& host = HostCpu::Detect());
  // A runner for the artifact of a generated header
  // (xlsaot::GeneratedRunner::Create). `header` is its kMetadata, whose
  // tables live as long as the program; the object's metadata blob must be
  // `blob_size` bytes with MetadataBlobHash `blob_hash`, those of the blob
  // the header was generated from (so a header and an object of different
  // compilations are an error). Nothing is parsed: the compatibility checks
  // read `header`, against this machine.
  static Result<ArtifactRunner> CreateForHeader(const xlsaot_artifact& artifact, const MetadataView& header,
                                                uint64_t blob_size, uint64_t blob_hash,
                                                const Allocator& allocator = DefaultAllocator());
  // A runner for an entry point found by other means (for example an object
  // loaded at run time) with its parsed metadata.
  static Result<ArtifactRunner> Create(ArtifactMetadata metadata, xlsaot_entry_fn entry,
                                       const Allocator& allocator = DefaultAllocator(),
                                       const HostCpu& host = HostCpu::Detect());

  // Out of line: every generated runner moves and destroys one, and a call
  // is smaller than the members' code at each of those places.
  ArtifactRunner(ArtifactRunner&& other) noexcept;
  ArtifactRunner& operator=(ArtifactRunner&& other) noexcept;
  ~ArtifactRunner();

  const MetadataView& metadata() const { return metadata_.view(); }
  size_t input_count() const { return inputs_.size(); }
  // The runner's staging buffers, sized and aligned as the metadata says;
  // contents persist between calls. Zero-sized buffers have a valid address.
  uint8_t* input(size_t i) const { return const_cast<uint8_t*>(inputs_[i]); }
  // All of them, as the entry point takes them.
  const uint8_t* const* input_buffers() const { return inputs_.data(); }
  uint8_t* output() const { return output_; }
  // The scratch memory handed to the compiled code (nullptr when it needs none).
  uint8_t* scratch() const { return scratch_; }

  // Runs the function on input(0..n-1), writing output(). Failed assertions
  // do not make the call fail: they are recorded in `log`; traces and covers
  // of an artifact compiled with events are dropped. Errors: a status the
  // compiled code reports (EntryStatusToError), kResourceExhausted when
  // `log` could not store a message.
  Status Call(AssertionLog& log);
  // The same on caller-provided buffers, each sized and aligned as the
  // metadata says (nullptr is fine for zero-sized ones); `output` must not
  // overlap an input.
  Status Call(const uint8_t* const* inputs, uint8_t* output, AssertionLog& log);
  // The same with a context made by the caller, whose callbacks receive
  // every event (an EventRecorder's, xlsaot/event_recorder.h). A NULL
  // callback drops that kind of event.
  Status Call(xlsaot_context& ctx) { return Call(inputs_.data(), output_, ctx); }
  Status Call(const uint8_t* const* inputs, uint8_t* output, xlsaot_context& ctx);

 private:
  ArtifactRunner() = default;
  // The staging buffers and scratch for compatible `metadata`.
  static Result<ArtifactRunner> WithBuffers(ArtifactMetadata metadata, xlsaot_entry_fn entry,
                                            const Allocator& allocator);

  ArtifactMetadata metadata_;
  xlsaot_entry_fn entry_ = nullptr;
  ScratchBuffer memory_;  // scratch, then the staging buffers
  uint8_t* scratch_ = nullptr;
  std::vector<const uint8_t*> inputs_;
  uint8_t* output_ = nullptr;
};

}  // namespace xlsaot

#endif  // XLSAOT_RUNNER_H_
