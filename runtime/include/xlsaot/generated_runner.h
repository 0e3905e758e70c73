// xlsaot::GeneratedRunner: everything a generated NS::Runner does that does
// not depend on the function's signature (docs/generated-api.md).
//
// A generated header supplies a small traits struct (NS::internal::Traits):
//   Inputs, OutputBuffer  structs in the ABI layout of the parameters and of
//                         the result (checked there by static_assert);
//   Output                the C++ value type of the result;
//   kMetadata             the artifact's constexpr MetadataView;
//   kEntry                the compiled entry point, called directly;
//   Artifact()            the object's descriptor (for Create's checks);
//   kMetadataBlobSize, kMetadataBlobHash  the metadata blob the header was
//                         generated from, which the object's must match;
//   InputPointers(in)     the ABI input buffer array of one Inputs;
//   LoadOutput(buf, out)  the Output value of a result buffer.
// NS::Runner derives from GeneratedRunner<Runner, Traits> and adds only the
// typed argument lists.
//
// Two call paths:
//  * in place: Run(inputs, output) and RunBatch hand the caller's own
//    buffers to the entry point. They set up nothing per call beyond an
//    assertion counter on the stack, and only for functions that have
//    asserts; events are dropped.
//  * convenience: Run(args...) and RunWithEvents(args...) of the generated
//    class store the arguments into the runner's staging buffers, call, and
//    build a Result from the staged output.
// One runner serves one thread at a time (the scratch memory is the
// runner's); create one per thread to run in parallel.
#ifndef XLSAOT_GENERATED_RUNNER_H_
#define XLSAOT_GENERATED_RUNNER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "xlsaot/abi.h"
#include "xlsaot/allocator.h"
#include "xlsaot/artifact.h"
#include "xlsaot/event_recorder.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"
#include "xlsaot/run_output.h"
#include "xlsaot/runner.h"

namespace xlsaot {

// The bytes of an object in the ABI layout, as an entry point reads them.
template <typename T>
const uint8_t* AbiBytes(const T& value) {
  return reinterpret_cast<const uint8_t*>(&value);
}
template <typename T>
uint8_t* AbiBytes(T& value) {
  return reinterpret_cast<uint8_t*>(&value);
}

// The error of element `index` of a batch whose call failed with `status`.
Error BatchElementError(size_t index, const Status& status);

template <typename Derived, typename Traits>
class GeneratedRunner {
 public:
  using Inputs = typename Traits::Inputs;
  using OutputBuffer = typename Traits::OutputBuffer;

  // Checks the ABI version, feature bits, architecture and CPU features of
  // the compiled code against the runtime, the machine and the generated
  // header, and obtains the scratch memory and staging buffers (one
  // allocation).
  static Result<Derived> Create(const Allocator& allocator = DefaultAllocator()) {
    Result<ArtifactRunner> runner = ArtifactRunner::CreateForHeader(
        Traits::Artifact(), Traits::kMetadata, Traits::kMetadataBlobSize, Traits::kMetadataBlobHash, allocator);
    if (!runner.ok()) return runner.error_value();
    return Derived(std::move(*runner));
  }

  // Computes the function on `inputs` into `output`, both in the ABI layout.
  // A failed assertion gives kAssertionFailed (as Run(args...)); `output`
  // then holds the value computed regardless.
  Status Run(const Inputs& inputs, OutputBuffer& output) {
    return CallEntry(Traits::InputPointers(inputs).data(), AbiBytes(output));
  }

  // Computes outputs[i] from inputs[i] for every i, in order. Stops at the
  // first element whose call fails (an assertion, a loop that never
  // terminates) and returns that error, its message prefixed with
  // "batch element I: "; outputs before it are computed, the failing one
  // holds what the function computed (for an assertion), later ones are
  // untouched. kInvalidArgument when the spans differ in length.
  Status RunBatch(std::span<const Inputs> inputs, std::span<OutputBuffer> outputs) {
    if (inputs.size() != outputs.size()) {
      return MakeError(ErrorCode::kInvalidArgument, "RunBatch: " + std::to_string(inputs.size()) + " inputs but " +
                                                        std::to_string(outputs.size()) + " outputs");
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      Status status = Run(inputs[i], outputs[i]);
      if (!status.ok()) [[unlikely]]
        return BatchElementError(i, status);
    }
    return Status::Ok();
  }

  // The metadata-driven runner underneath (staging buffers, scratch,
  // metadata).
  ArtifactRunner& artifact_runner() { return runner_; }

 protected:
  using Output = typename Traits::Output;

  explicit GeneratedRunner(ArtifactRunner runner) : runner_(std::move(runner)) {}

  // Calls the entry point on ABI buffers. Only functions with asserts set
  // up an assertion counter; only those compiled with events get a context
  // (whose callbacks, all null, drop every event).
  Status CallEntry(const uint8_t* const* inputs, uint8_t* output) {
    constexpr uint32_t kFeatures = Traits::kMetadata.features;
    int32_t status;
    if constexpr ((kFeatures & XLSAOT_FEATURE_ASSERT) != 0) {
      AssertionLog log;
      xlsaot_context ctx = log.context();
      status = Traits::kEntry(inputs, &output, runner_.scratch(), &ctx);
      if (log.count() != 0 && status == XLSAOT_STATUS_OK) [[unlikely]]
        return log.ToStatus();
    } else if constexpr ((kFeatures & (XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER | XLSAOT_FEATURE_ASSUMPTION)) !=
                         0) {
      xlsaot_context ctx{};
      status = Traits::kEntry(inputs, &output, runner_.scratch(), &ctx);
    } else {
      status = Traits::kEntry(inputs, &output, runner_.scratch(), nullptr);
    }
    if (status != XLSAOT_STATUS_OK) [[unlikely]]
      return EntryStatusToError(status, Traits::kMetadata.function_name);
    return Status::Ok();
  }

  // The staging buffer of parameter `i`, for the generated StoreInputs.
  uint8_t* input(size_t i) { return runner_.input(i); }

  // Run(args...) after the arguments are staged.
  Result<Output> RunStaged() {
    XLSAOT_RETURN_IF_ERROR(CallEntry(runner_.input_buffers(), runner_.output()));
    Output value{};
    Traits::LoadOutput(runner_.output(), value);
    return value;
  }

  // RunWithEvents(args...) after the arguments are staged. Only a program
  // that calls it links the event recorder and the trace formatter.
  Result<RunOutput<Output>> RunStagedWithEvents(const RunOptions& options) {
    RunOutput<Output> result{};
    XLSAOT_RETURN_IF_ERROR(CallRecordingEvents(runner_, recorder_, options, result));
    Traits::LoadOutput(runner_.output(), result.output);
    return result;
  }

 private:
  ArtifactRunner runner_;
  EventRecorderSlot recorder_;  // made by the first RunWithEvents
};

}  // namespace xlsaot

#endif  // XLSAOT_GENERATED_RUNNER_H_
