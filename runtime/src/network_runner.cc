#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "xlsaot/error_text.h"
#include "xlsaot/network.h"
#include "xlsaot/runner.h"  // EntryStatusToError

namespace xlsaot {

// A channel's values: a ring of `capacity` values (a power of two). The
// storage starts in the runner's block and moves to its own allocation when
// a streaming channel outgrows it, doubling each time.
struct NetworkRunner::Queue {
  uint8_t* data;
  uint32_t capacity;
  uint32_t head;
  uint32_t count;
  int32_t blocked_receiver;  // instance blocked on this channel in this tick, or -1
  bool owns_storage;
};

// A step of one instance with every index resolved to a pointer at
// creation, so that running it chases nothing.
struct NetworkRunner::ResolvedStep {
  NetworkStepKind kind;
  bool blocking;
  bool single_value;
  bool observed;           // a send on a boundary output
  uint32_t size;           // bytes of the channel's values
  uint32_t channel;
  uint32_t input_count;    // segment
  uint32_t segment;
  const uint8_t* predicate;  // null: none
  uint8_t* data;
  uint8_t* valid;            // null: none
  Queue* queue;
  xlsaot_entry_fn entry;
  uint8_t** table;  // segment: input pointers, then the output pointer
};

// A next_value with its bytes resolved.
struct NetworkRunner::ResolvedNext {
  uint8_t* state;
  const uint8_t* value;
  const uint8_t* predicate;  // null: unconditional
  uint32_t size;
};

struct NetworkRunner::InstanceState {
  uint8_t* frame;
  ResolvedStep* steps;
  ResolvedNext* next;
  const NetworkProc* proc;
  uint32_t step_count;
  uint32_t next_count;
  uint32_t next_step;
  bool in_activation;
  bool may_conflict;  // two next_values of one element
};

namespace {

constexpr size_t kBlockAlignment = 16;

// The alignment of the runner's block: enough for its scratch part.
size_t BlockAlignment(const NetworkDescription& d) {
  return d.scratch_alignment > kBlockAlignment ? d.scratch_alignment : kBlockAlignment;
}

std::string Number(uint64_t value) { return std::string(std::string_view(DecimalText(value))); }

size_t AlignUp(size_t x, size_t alignment) { return (x + alignment - 1) / alignment * alignment; }

uint32_t InitialCapacity(const NetworkChannel& c) {
  if (c.kind == NetworkChannelKind::kSingleValue) return 1;
  uint32_t capacity = 8;
  while (capacity < c.initial_count) capacity *= 2;
  return capacity;
}

// Copies one value: the common sizes without a call.
inline void CopyValue(uint8_t* dst, const uint8_t* src, uint32_t size) {
  switch (size) {
    case 0: return;
    case 1: *dst = *src; return;
    case 2: std::memcpy(dst, src, 2); return;
    case 4: std::memcpy(dst, src, 4); return;
    case 8: std::memcpy(dst, src, 8); return;
    default: std::memcpy(dst, src, size);
  }
}

// Carves the runner's single allocation into its parts: the first pass
// (base == nullptr) only measures.
class BlockLayout {
 public:
  explicit BlockLayout(uint8_t* base) : base_(base) {}
  template <typename T>
  T* Take(size_t count, size_t alignment = alignof(T)) {
    offset_ = AlignUp(offset_, alignment);
    T* at = base_ == nullptr ? nullptr : reinterpret_cast<T*>(base_ + offset_);
    offset_ += count * sizeof(T);
    return at;
  }
  size_t size() const { return offset_; }

 private:
  uint8_t* base_;
  size_t offset_ = 0;
};

Status CheckDescription(const NetworkDescription& d, size_t entry_count) {
  auto bad = [](std::string what) {
    return MakeError(ErrorCode::kInvalidArgument, "inconsistent network description: " + what);
  };
  if (d.scratch_alignment == 0 || (d.scratch_alignment & (d.scratch_alignment - 1)) != 0)
    return bad("scratch alignment is not a power of two");
  for (uint32_t s = 0; s < d.segment_count; ++s) {
    if (d.segments[s].entry >= entry_count) return bad("segment " + Number(s) + " has no entry point");
  }
  for (uint32_t i = 0; i < d.instance_count; ++i) {
    const NetworkInstance& inst = d.instances[i];
    if (inst.proc >= d.proc_count) return bad("instance " + Number(i) + " names no proc");
    const NetworkProc& proc = d.procs[inst.proc];
    if (proc.frame_size % 8 != 0) return bad("frame size of proc " + std::string(proc.name));
    for (uint32_t c = 0; c < proc.channel_operand_count; ++c)
      if (inst.channels[c] >= d.channel_count) return bad("instance " + std::string(inst.path) + " names no channel");
    for (uint32_t k = 0; k < proc.step_count; ++k) {
      const NetworkStep& step = proc.steps[k];
      if (step.kind == NetworkStepKind::kSegment ? step.segment >= d.segment_count
                                                 : step.channel_operand >= proc.channel_operand_count)
        return bad("step " + Number(k) + " of proc " + std::string(proc.name));
    }
  }
  return {};
}

}  // namespace

Result<NetworkRunner> NetworkRunner::Create(const NetworkDescription& description,
                                            std::span<const xlsaot_entry_fn> entries, xlsaot_context* context,
                                            const Allocator& allocator) {
  XLSAOT_RETURN_IF_ERROR(CheckDescription(description, entries.size()));
  if (allocator.allocate == nullptr || allocator.deallocate == nullptr)
    return MakeError(ErrorCode::kInvalidArgument, "allocator has no allocate/deallocate function");
  const NetworkDescription& d = description;

  // Measure, then allocate once and carve the same way.
  auto carve = [&](BlockLayout& layout, NetworkRunner* runner) {
    xlsaot_context* ctx = layout.Take<xlsaot_context>(1);
    Queue* queues = layout.Take<Queue>(d.channel_count);
    InstanceState* instances = layout.Take<InstanceState>(d.instance_count);
    uint32_t* ready = layout.Take<uint32_t>(d.instance_count);
    if (runner != nullptr) {
      runner->context_ = ctx;
      runner->queues_ = queues;
      runner->instances_ = instances;
      runner->ready_ = ready;
    }
    for (uint32_t c = 0; c < d.channel_count; ++c) {
      const NetworkChannel& channel = d.channels[c];
      uint8_t* data = layout.Take<uint8_t>(size_t{InitialCapacity(channel)} * channel.size, 8);
      if (runner != nullptr) queues[c] = Queue{data, InitialCapacity(channel), 0, 0, -1, false};
    }
    for (uint32_t i = 0; i < d.instance_count; ++i) {
      const NetworkInstance& instance = d.instances[i];
      const NetworkProc& proc = d.procs[instance.proc];
      uint8_t* frame = layout.Take<uint8_t>(proc.frame_size, 8);
      ResolvedStep* steps = layout.Take<ResolvedStep>(proc.step_count);
      ResolvedNext* next = layout.Take<ResolvedNext>(proc.next_value_count);
      bool may_conflict = false;
      for (uint32_t a = 0; a < proc.next_value_count; ++a)
        for (uint32_t b = 0; b < a; ++b)
          may_conflict = may_conflict || proc.next_values[a].state_element == proc.next_values[b].state_element;
      if (runner != nullptr) {
        instances[i] = InstanceState{frame, steps, next, &proc, proc.step_count, proc.next_value_count, 0, false,
                                     may_conflict};
        for (uint32_t n = 0; n < proc.next_value_count; ++n) {
          const NetworkNextValue& nv = proc.next_values[n];
          const NetworkStateElement& element = proc.state[nv.state_element];
          next[n] = ResolvedNext{frame + element.offset, frame + nv.value,
                                 nv.predicate == kNoOffset ? nullptr : frame + nv.predicate, element.size};
        }
      }
      for (uint32_t k = 0; k < proc.step_count; ++k) {
        const NetworkStep& step = proc.steps[k];
        ResolvedStep resolved{};
        resolved.kind = step.kind;
        if (step.kind == NetworkStepKind::kSegment) {
          const NetworkSegment& segment = d.segments[step.segment];
          uint8_t** table = layout.Take<uint8_t*>(size_t{segment.input_count} + 1);
          if (runner == nullptr) continue;
          for (uint32_t p = 0; p < segment.input_count; ++p)
            table[p] = segment.inputs[p] == kNoOffset ? nullptr : frame + segment.inputs[p];
          table[segment.input_count] = segment.output == kNoOffset ? nullptr : frame + segment.output;
          resolved.entry = runner->entries_[segment.entry];
          resolved.table = table;
          resolved.input_count = segment.input_count;
          resolved.segment = step.segment;
        } else if (runner != nullptr) {
          const uint32_t channel = instance.channels[step.channel_operand];
          const NetworkChannel& c = d.channels[channel];
          resolved.blocking = step.blocking != 0;
          resolved.single_value = c.kind == NetworkChannelKind::kSingleValue;
          resolved.observed = step.kind == NetworkStepKind::kSend && c.boundary == NetworkBoundary::kOutput;
          resolved.size = c.size;
          resolved.channel = channel;
          resolved.predicate = step.predicate == kNoOffset ? nullptr : frame + step.predicate;
          resolved.data = frame + step.data;
          resolved.valid = step.valid == kNoOffset ? nullptr : frame + step.valid;
          resolved.queue = &queues[channel];
        }
        if (runner != nullptr) steps[k] = resolved;
      }
    }
    uint8_t* scratch = layout.Take<uint8_t>(d.scratch_size, static_cast<size_t>(d.scratch_alignment));
    if (runner != nullptr) runner->scratch_ = d.scratch_size == 0 ? nullptr : scratch;
  };
  BlockLayout measure(nullptr);
  carve(measure, nullptr);

  NetworkRunner runner;
  runner.description_ = &description;
  runner.entries_ = entries.data();
  runner.user_context_ = context;
  runner.allocator_ = allocator;
  runner.block_size_ = measure.size();
  const size_t alignment = BlockAlignment(d);
  runner.block_ = static_cast<uint8_t*>(allocator.allocate(allocator.user_data, runner.block_size_, alignment));
  if (runner.block_ == nullptr) {
    return JoinedError(ErrorCode::kResourceExhausted,
                       {"cannot allocate ", DecimalText(runner.block_size_), " bytes for a proc network"});
  }
  std::memset(runner.block_, 0, runner.block_size_);
  BlockLayout place(runner.block_);
  carve(place, &runner);

  *runner.context_ = xlsaot_context{};
  runner.context_->on_assert = &NetworkRunner::OnAssert;
  runner.context_->on_trace = &NetworkRunner::OnTrace;
  runner.context_->on_cover = &NetworkRunner::OnCover;
  runner.context_->on_assumption = &NetworkRunner::OnAssumption;
  for (uint32_t c = 0; c < d.channel_count; ++c) {
    const NetworkChannel& channel = d.channels[c];
    for (uint32_t v = 0; v < channel.initial_count; ++v) runner.Push(c, channel.initial_values + size_t{v} * channel.size);
  }
  for (uint32_t i = 0; i < d.instance_count; ++i) {
    const NetworkProc& proc = d.procs[d.instances[i].proc];
    for (uint32_t e = 0; e < proc.state_count; ++e) {
      const NetworkStateElement& element = proc.state[e];
      if (element.size != 0) std::memcpy(runner.instances_[i].frame + element.offset, element.initial_value, element.size);
    }
  }
  return runner;
}

NetworkRunner::NetworkRunner(NetworkRunner&& other) noexcept { *this = static_cast<NetworkRunner&&>(other); }

NetworkRunner& NetworkRunner::operator=(NetworkRunner&& other) noexcept {
  if (this == &other) return *this;
  Release();
  description_ = other.description_;
  entries_ = other.entries_;
  user_context_ = other.user_context_;
  allocator_ = other.allocator_;
  block_ = other.block_;
  block_size_ = other.block_size_;
  queues_ = other.queues_;
  instances_ = other.instances_;
  ready_ = other.ready_;
  scratch_ = other.scratch_;
  observer_ = other.observer_;
  ticks_run_ = other.ticks_run_;
  current_segment_ = other.current_segment_;
  failed_assert_ = other.failed_assert_;
  failed_assert_len_ = other.failed_assert_len_;
  conflict_ = other.conflict_;
  conflict_proc_ = other.conflict_proc_;
  error_ = static_cast<Status&&>(other.error_);
  context_ = other.context_;
  // The callbacks find the runner through the context.
  if (context_ != nullptr) context_->user_data = this;
  other.block_ = nullptr;
  other.context_ = nullptr;
  other.description_ = nullptr;
  return *this;
}

NetworkRunner::~NetworkRunner() { Release(); }

void NetworkRunner::Release() {
  if (block_ == nullptr) return;
  for (uint32_t c = 0; c < description_->channel_count; ++c) {
    Queue& q = queues_[c];
    if (q.owns_storage)
      allocator_.deallocate(allocator_.user_data, q.data, size_t{q.capacity} * description_->channels[c].size, 8);
  }
  allocator_.deallocate(allocator_.user_data, block_, block_size_, BlockAlignment(*description_));
  block_ = nullptr;
}

void NetworkRunner::TakeFront(Queue& q, uint32_t size, bool single_value, uint8_t* out) {
  CopyValue(out, q.data + size_t{q.head} * size, size);
  if (single_value) return;
  q.head = (q.head + 1) & (q.capacity - 1);
  --q.count;
}

bool NetworkRunner::Push(Queue& q, uint32_t size, bool single_value, const uint8_t* data) {
  if (single_value) {
    CopyValue(q.data, data, size);
    q.count = 1;
    return true;
  }
  if (q.count == q.capacity && !Grow(q, size)) return false;
  CopyValue(q.data + size_t{(q.head + q.count) & (q.capacity - 1)} * size, data, size);
  ++q.count;
  return true;
}

bool NetworkRunner::Grow(Queue& q, uint32_t size) {
  const uint32_t capacity = q.capacity * 2;
  auto* grown = static_cast<uint8_t*>(allocator_.allocate(allocator_.user_data, size_t{capacity} * size, 8));
  if (grown == nullptr) return false;
  for (uint32_t k = 0; k < q.count; ++k)
    CopyValue(grown + size_t{k} * size, q.data + size_t{(q.head + k) & (q.capacity - 1)} * size, size);
  if (q.owns_storage) allocator_.deallocate(allocator_.user_data, q.data, size_t{q.capacity} * size, 8);
  q = Queue{grown, capacity, 0, q.count, q.blocked_receiver, true};
  return true;
}

bool NetworkRunner::Push(uint32_t channel, const uint8_t* data) {
  const NetworkChannel& c = description_->channels[channel];
  return Push(queues_[channel], c.size, c.kind == NetworkChannelKind::kSingleValue, data);
}

Status NetworkRunner::Send(uint32_t channel, const uint8_t* data) {
  if (channel >= description_->channel_count || description_->channels[channel].boundary != NetworkBoundary::kInput) {
    return MakeError(ErrorCode::kInvalidArgument, "channel " + Number(channel) + " is not an input of the network");
  }
  if (!Push(channel, data)) return MakeError(ErrorCode::kResourceExhausted, "cannot grow the queue of a channel");
  return {};
}

bool NetworkRunner::Receive(uint32_t channel, uint8_t* out) {
  if (channel >= description_->channel_count) return false;
  const NetworkChannel& c = description_->channels[channel];
  Queue& q = queues_[channel];
  if (q.count == 0) return false;
  TakeFront(q, c.size, c.kind == NetworkChannelKind::kSingleValue, out);
  return true;
}

size_t NetworkRunner::QueuedCount(uint32_t channel) const { return queues_[channel].count; }

const uint8_t* NetworkRunner::State(uint32_t instance, uint32_t element) const {
  const NetworkProc& proc = description_->procs[description_->instances[instance].proc];
  return instances_[instance].frame + proc.state[element].offset;
}

// The segments are compiled code loaded or linked from outside the C++
// program: Clang's -fsanitize=function would read a type signature in front
// of each entry point, which it does not have (and which may lie on an
// unmapped page).
#if defined(__clang__)
#define XLSAOT_CALLS_COMPILED_CODE __attribute__((no_sanitize("function")))
#else
#define XLSAOT_CALLS_COMPILED_CODE
#endif
#define XLSAOT_COLD __attribute__((cold, noinline))

XLSAOT_CALLS_COMPILED_CODE
bool NetworkRunner::Run(uint32_t index, bool others_ready, bool& progress, uint32_t& woken_channel, Stop& stop) {
  InstanceState& st = instances_[index];
  if (!st.in_activation) {
    st.in_activation = true;
    st.next_step = 0;
    // Starting an activation is progress even for a proc without nodes.
    progress = true;
  }
  while (st.next_step < st.step_count) {
    const ResolvedStep& step = st.steps[st.next_step];
    const bool enabled = step.predicate == nullptr || (*step.predicate & 1) != 0;
    switch (step.kind) {
      case NetworkStepKind::kSegment: {
        current_segment_ = step.segment;
        const int32_t status = step.entry(step.table, step.table + step.input_count, scratch_, context_);
        if (status != XLSAOT_STATUS_OK) [[unlikely]] {
          error_ = EntryStatusToError(status, st.proc->name);
          return false;
        }
        break;
      }
      case NetworkStepKind::kSend: {
        if (!enabled) break;
        if (!Push(*step.queue, step.size, step.single_value, step.data)) [[unlikely]] {
          error_ = MakeError(ErrorCode::kResourceExhausted, "cannot grow the queue of a channel");
          return false;
        }
        if (step.observed && observer_.on_send != nullptr) observer_.on_send(observer_.user_data, step.channel, step.data);
        progress = true;
        ++st.next_step;
        // With nobody else ready, nobody blocked on the channel and no
        // failed assert to end the tick with, this instance runs next
        // anyway: go on without the round trip through Tick.
        if (!others_ready && step.queue->blocked_receiver < 0 && failed_assert_ == nullptr) continue;
        woken_channel = step.channel;
        stop = Stop::kSent;
        return true;
      }
      case NetworkStepKind::kReceive: {
        Queue& q = *step.queue;
        if (enabled && q.count > 0) {
          TakeFront(q, step.size, step.single_value, step.data);
          if (step.valid != nullptr) *step.valid = 1;
          break;
        }
        if (enabled && step.blocking) {
          q.blocked_receiver = static_cast<int32_t>(index);
          stop = Stop::kBlocked;
          return true;
        }
        // Disabled, or non-blocking without data: the zero value.
        if (step.size != 0) std::memset(step.data, 0, step.size);
        if (step.valid != nullptr) *step.valid = 0;
        break;
      }
    }
    progress = true;
    ++st.next_step;
  }
  stop = Stop::kEnded;
  EndActivation(st);
  return true;
}

void NetworkRunner::EndActivation(InstanceState& st) {
  st.in_activation = false;
  // Next-state commit: all or nothing; a second active next_value of one
  // element leaves the state as it was.
  const auto active = [](const ResolvedNext& n) { return n.predicate == nullptr || (*n.predicate & 1) != 0; };
  if (st.may_conflict) {
    const NetworkProc& proc = *st.proc;
    for (uint32_t i = 0; i < st.next_count; ++i) {
      if (!active(st.next[i])) continue;
      for (uint32_t j = 0; j < i; ++j) {
        if (proc.next_values[j].state_element == proc.next_values[i].state_element && active(st.next[j])) {
          conflict_ = &proc.next_values[i];
          conflict_proc_ = &proc;
          return;
        }
      }
    }
  }
  for (uint32_t i = 0; i < st.next_count; ++i) {
    const ResolvedNext& n = st.next[i];
    if (active(n)) CopyValue(n.state, n.value, n.size);
  }
}

Status NetworkRunner::Tick() {
  const uint32_t n = description_->instance_count;
  for (uint32_t i = 0; i < n; ++i) ready_[i] = i;
  uint32_t head = 0;
  uint32_t count = n;
  for (uint32_t c = 0; c < description_->channel_count; ++c) queues_[c].blocked_receiver = -1;
  bool progress = false;
  while (count > 0) {
    const uint32_t index = ready_[head];
    head = head + 1 == n ? 0 : head + 1;
    --count;
    failed_assert_ = nullptr;
    conflict_ = nullptr;
    uint32_t woken_channel = 0;
    Stop stop = Stop::kEnded;
    const bool ran = Run(index, count > 0, progress, woken_channel, stop);
    // A failed assert fails the tick once its instance stops running.
    if (!ran || failed_assert_ != nullptr || conflict_ != nullptr) [[unlikely]] {
      ++ticks_run_;
      return TickFailure(ran);
    }
    if (stop == Stop::kSent) {
      Queue& q = queues_[woken_channel];
      auto push_ready = [&](uint32_t instance) {
        ready_[head + count >= n ? head + count - n : head + count] = instance;
        ++count;
      };
      if (q.blocked_receiver >= 0) {
        push_ready(static_cast<uint32_t>(q.blocked_receiver));
        q.blocked_receiver = -1;
      }
      push_ready(index);
    }
  }
  ++ticks_run_;
  if (!progress) [[unlikely]] return DeadlockError();
  return {};
}

// The error paths of Tick, out of line so that the loop keeps a small frame.
XLSAOT_COLD Status NetworkRunner::TickFailure(bool ran) {
  if (!ran) {
    Status error = std::move(error_);
    error_ = Status();
    return error;
  }
  if (failed_assert_ != nullptr)
    return MakeError(ErrorCode::kAssertionFailed, std::string(failed_assert_, failed_assert_len_));
  return MakeError(ErrorCode::kStateConflict,
                   "proc '" + std::string(conflict_proc_->name) +
                       "' has multiple active next values for state element '" +
                       conflict_proc_->state[conflict_->state_element].name + "' in one activation (node '" +
                       conflict_->node_name + "')");
}

XLSAOT_COLD Status NetworkRunner::DeadlockError() const {
  std::string blocked;
  for (uint32_t c = 0; c < description_->channel_count; ++c) {
    if (queues_[c].blocked_receiver < 0) continue;
    blocked += (blocked.empty() ? "" : ", ") + std::string(description_->channels[c].name);
  }
  return MakeError(ErrorCode::kDeadlock, "proc network is deadlocked; blocked channels: " + blocked);
}

Status NetworkRunner::Tick(int64_t n) {
  for (int64_t i = 0; i < n; ++i) XLSAOT_RETURN_IF_ERROR(Tick());
  return {};
}

Result<int64_t> NetworkRunner::TickUntilBlocked(int64_t max_ticks) {
  for (int64_t i = 0; i < max_ticks; ++i) {
    Status status = Tick();
    if (status.ok()) continue;
    if (status.code() == ErrorCode::kDeadlock) return i;
    return status.error_value();
  }
  return max_ticks;
}

void NetworkRunner::OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                             const char* label, size_t label_len) {
  auto* runner = static_cast<NetworkRunner*>(ctx->user_data);
  if (runner->failed_assert_ == nullptr) {
    runner->failed_assert_ = message;
    runner->failed_assert_len_ = message_len;
  }
  xlsaot_context* user = runner->user_context_;
  if (user != nullptr && user->on_assert != nullptr) user->on_assert(user, index, message, message_len, label, label_len);
}

void NetworkRunner::OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands) {
  xlsaot_context* user = static_cast<NetworkRunner*>(ctx->user_data)->user_context_;
  if (user != nullptr && user->on_trace != nullptr) user->on_trace(user, index, operands);
}

void NetworkRunner::OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len) {
  xlsaot_context* user = static_cast<NetworkRunner*>(ctx->user_data)->user_context_;
  if (user != nullptr && user->on_cover != nullptr) user->on_cover(user, index, label, label_len);
}

void NetworkRunner::OnAssumption(xlsaot_context* ctx, uint32_t index) {
  xlsaot_context* user = static_cast<NetworkRunner*>(ctx->user_data)->user_context_;
  if (user != nullptr && user->on_assumption != nullptr) user->on_assumption(user, index);
}

}  // namespace xlsaot
