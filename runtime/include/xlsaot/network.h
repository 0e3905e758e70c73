// A compiled proc network in the standalone runtime: its static description
// (what the compiler knows: channels, procs, the steps of each proc's
// activation, instances) and the NetworkRunner that runs it tick by tick
// with the semantics of docs/procs.md, on raw buffers in the ABI layout.
//
// The compiler splits each proc's activation at its sends and receives into
// segments: plain compiled functions (xlsaot_entry_fn) whose inputs and
// output live in the instance's frame. Between two segments the runner
// performs the channel operation: a send appends the data to the channel's
// queue and ends the instance's turn (it resumes after the send); a
// blocking receive from an empty channel suspends the instance before the
// receive, and the same step is retried when a value arrives. At the end
// of an activation the runner commits the next-state values. Everything
// here is C++ standard library only; the description is plain constant data
// that a generated header can hold.
#ifndef XLSAOT_NETWORK_H_
#define XLSAOT_NETWORK_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "xlsaot/abi.h"
#include "xlsaot/allocator.h"
#include "xlsaot/result.h"

namespace xlsaot {

// No offset: a step without a predicate, for example.
inline constexpr uint32_t kNoOffset = 0xffffffffu;

enum class NetworkChannelKind : uint8_t { kStreaming = 0, kSingleValue = 1 };
enum class NetworkBoundary : uint8_t { kInternal = 0, kInput = 1, kOutput = 2 };

struct NetworkChannel {
  const char* name;  // "chan" or, inside an instantiated proc, "inst::chan"
  uint32_t size;     // bytes of one value in the layout of the channel's type
  uint32_t alignment;
  NetworkChannelKind kind;
  NetworkBoundary boundary;
  uint32_t initial_count;         // values in the channel before the first tick
  const uint8_t* initial_values;  // initial_count * size bytes
};

enum class NetworkStepKind : uint8_t { kSegment = 0, kSend = 1, kReceive = 2 };

// One step of a proc's activation. Offsets are into the instance's frame.
struct NetworkStep {
  NetworkStepKind kind;
  uint8_t blocking;             // receive
  uint32_t predicate;           // send, receive: offset of its bits[1], or kNoOffset
  uint32_t channel_operand;     // send, receive: index into the instance's channel table
  uint32_t data;                // send: offset of the value sent; receive: where the value goes
  uint32_t valid;               // non-blocking receive: offset of its bits[1]; else kNoOffset
  uint32_t segment;             // kSegment: index into the network's segment table
};

// A segment: one compiled function of an activation. Input i of the entry
// point is the frame at inputs[i] (kNoOffset: a zero-sized value); its
// output goes to the frame at `output`.
struct NetworkSegment {
  uint32_t entry;  // index into the entry table given to NetworkRunner::Create
  uint32_t input_count;
  const uint32_t* inputs;
  uint32_t output;
};

struct NetworkStateElement {
  const char* name;
  uint32_t offset;  // in the frame: the state the current activation reads
  uint32_t size;
  const uint8_t* initial_value;  // size bytes
};

// A next_value of the activation, in node order: when its predicate is true
// (or it has none) the element's next state is the bytes at `value`.
struct NetworkNextValue {
  uint32_t state_element;
  uint32_t value;
  uint32_t predicate;  // kNoOffset: unconditional
  const char* node_name;
};

struct NetworkProc {
  const char* name;
  uint32_t frame_size;  // a multiple of 8
  uint32_t step_count;
  const NetworkStep* steps;
  uint32_t state_count;
  const NetworkStateElement* state;
  uint32_t next_value_count;
  const NetworkNextValue* next_values;
  uint32_t channel_operand_count;  // sends and receives of the proc
};

struct NetworkInstance {
  const char* path;  // "top" or "top::inst0::inst1"
  uint32_t proc;
  const uint32_t* channels;  // per channel operand of its proc: a channel index
};

struct NetworkDescription {
  uint32_t channel_count;
  const NetworkChannel* channels;
  uint32_t proc_count;
  const NetworkProc* procs;
  uint32_t instance_count;
  const NetworkInstance* instances;
  uint32_t segment_count;
  const NetworkSegment* segments;
  // The scratch every segment's entry point needs at most.
  uint64_t scratch_size;
  uint64_t scratch_alignment;
};

// Observes every value sent on a boundary output channel (including
// single_value ones, whose queue keeps only the last), for tools that list
// everything a network sent.
struct NetworkSendObserver {
  void (*on_send)(void* user_data, uint32_t channel, const uint8_t* data) = nullptr;
  void* user_data = nullptr;
};

class NetworkRunner {
 public:
  // `description` and `entries` (indexed by NetworkSegment::entry) must
  // outlive the runner. `context` (may be null when no segment reports
  // events) receives the asserts, traces and covers of the segments, with
  // the numbering of each segment's entry point: current_segment() says
  // which one is running. Errors: kInvalidArgument for an inconsistent
  // description, kResourceExhausted when the allocator fails.
  static Result<NetworkRunner> Create(const NetworkDescription& description, std::span<const xlsaot_entry_fn> entries,
                                      xlsaot_context* context = nullptr,
                                      const Allocator& allocator = DefaultAllocator());

  NetworkRunner(NetworkRunner&& other) noexcept;
  NetworkRunner& operator=(NetworkRunner&& other) noexcept;
  NetworkRunner(const NetworkRunner&) = delete;
  NetworkRunner& operator=(const NetworkRunner&) = delete;
  ~NetworkRunner();

  const NetworkDescription& description() const { return *description_; }

  // Appends a value (the layout of the channel's type) to boundary input
  // channel `channel`; for a single_value channel, replaces its value.
  // kInvalidArgument for any other channel.
  Status Send(uint32_t channel, const uint8_t* data);
  // Copies the oldest value of boundary output channel `channel` to `out`
  // and takes it (single_value: copies its value and keeps it). False when
  // there is none.
  bool Receive(uint32_t channel, uint8_t* out);
  // Values queued on a channel.
  size_t QueuedCount(uint32_t channel) const;

  // Runs one tick: every instance runs until its activation ends or it
  // blocks on a receive from an empty channel; a send ends the sender's
  // turn and wakes the instance blocked on that channel. Errors:
  // kAssertionFailed (the first failed assert's message; the tick stops
  // once the instance that failed it stops running), kDeadlock (no instance
  // could make progress; the message names every channel with a blocked
  // receiver), kStateConflict (two active next_values of one element), or
  // the error of a segment's status.
  Status Tick();
  // Runs `n` ticks, stopping at the first error.
  Status Tick(int64_t n);
  // Ticks until a tick makes no progress (which is not an error here) or
  // fails; at most `max_ticks` ticks. Returns the number of ticks run.
  Result<int64_t> TickUntilBlocked(int64_t max_ticks = 1 << 20);
  int64_t ticks_run() const { return ticks_run_; }

  // The state instance `instance`'s next activation starts with: element
  // `element` in the layout of its type.
  const uint8_t* State(uint32_t instance, uint32_t element) const;

  void set_send_observer(NetworkSendObserver observer) { observer_ = observer; }
  // Replaces the context that receives the segments' events (null: none);
  // returns the previous one.
  xlsaot_context* set_user_context(xlsaot_context* context) {
    xlsaot_context* previous = user_context_;
    user_context_ = context;
    return previous;
  }
  // The segment whose entry point is running (for event callbacks).
  uint32_t current_segment() const { return current_segment_; }

 private:
  struct Queue;
  struct ResolvedStep;
  struct ResolvedNext;
  struct InstanceState;
  enum class Stop : uint8_t { kEnded, kSent, kBlocked };

  NetworkRunner() = default;
  void Release();
  // Runs `instance` until its activation ends, it blocks or it sends (it
  // goes on after a send when `others_ready` is false and the send woke
  // nobody: it would be the next to run anyway). False on an error, which
  // is then in error_.
  bool Run(uint32_t instance, bool others_ready, bool& progress, uint32_t& woken_channel, Stop& stop);
  bool Push(uint32_t channel, const uint8_t* data);
  bool Push(Queue& queue, uint32_t size, bool single_value, const uint8_t* data);
  bool Grow(Queue& queue, uint32_t size);
  static void TakeFront(Queue& queue, uint32_t size, bool single_value, uint8_t* out);
  void EndActivation(InstanceState& instance);
  // The error of a tick whose Run failed (`ran` false), hit a failed
  // assert or a state conflict; and of a tick without progress.
  Status TickFailure(bool ran);
  Status DeadlockError() const;
  static void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                       const char* label, size_t label_len);
  static void OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands);
  static void OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len);
  static void OnAssumption(xlsaot_context* ctx, uint32_t index);

  const NetworkDescription* description_ = nullptr;
  const xlsaot_entry_fn* entries_ = nullptr;
  xlsaot_context* user_context_ = nullptr;
  Allocator allocator_;
  // One block for everything whose size is static: queues, instances,
  // frames, input tables, the ready ring, scratch.
  uint8_t* block_ = nullptr;
  size_t block_size_ = 0;
  Queue* queues_ = nullptr;
  InstanceState* instances_ = nullptr;
  uint32_t* ready_ = nullptr;
  uint8_t* scratch_ = nullptr;
  NetworkSendObserver observer_;
  int64_t ticks_run_ = 0;
  uint32_t current_segment_ = 0;
  // Set by a failed assert during the current instance's turn.
  const char* failed_assert_ = nullptr;
  size_t failed_assert_len_ = 0;
  // Set when the current instance's activation ended with two active
  // next_values of one element.
  const NetworkNextValue* conflict_ = nullptr;
  const NetworkProc* conflict_proc_ = nullptr;
  // The error of the Run that returned false.
  Status error_;
  // Our own context, forwarding to user_context_; it lives in the block so
  // that moving the runner keeps the address compiled code was given.
  xlsaot_context* context_ = nullptr;
};

}  // namespace xlsaot

#endif  // XLSAOT_NETWORK_H_
