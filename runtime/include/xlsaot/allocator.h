// Scratch memory for compiled functions: obtained once per runner, never per
// call.
//
// The default allocator uses malloc when the requested alignment is within
// what malloc guarantees (alignof(std::max_align_t)) and posix_memalign for
// over-aligned requests. A user-supplied allocator (arena, pool, counting
// allocator in tests) replaces it. Allocation failure is reported as an
// error result, never a crash.
#ifndef XLSAOT_ALLOCATOR_H_
#define XLSAOT_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>

#include "xlsaot/result.h"

namespace xlsaot {

struct Allocator {
  // Returns memory of at least `size` bytes aligned to `alignment` (a power
  // of two), or nullptr on failure. `size` may be zero.
  void* (*allocate)(void* user_data, size_t size, size_t alignment) = nullptr;
  // Releases memory returned by `allocate` with the same size/alignment.
  void (*deallocate)(void* user_data, void* ptr, size_t size, size_t alignment) = nullptr;
  void* user_data = nullptr;
};

// malloc / posix_memalign / free.
const Allocator& DefaultAllocator();

// An owned, aligned block of scratch memory.
class ScratchBuffer {
 public:
  ScratchBuffer() = default;
  // Errors: kInvalidArgument for an alignment that is not a power of two;
  // kResourceExhausted when the allocator returns nullptr.
  static Result<ScratchBuffer> Create(size_t size, size_t alignment,
                                      const Allocator& allocator = DefaultAllocator());

  ScratchBuffer(ScratchBuffer&& other) noexcept { *this = static_cast<ScratchBuffer&&>(other); }
  ScratchBuffer& operator=(ScratchBuffer&& other) noexcept;
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;
  ~ScratchBuffer() { Release(); }

  uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  size_t alignment() const { return alignment_; }

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t alignment_ = 1;
  Allocator allocator_;
};

}  // namespace xlsaot

#endif  // XLSAOT_ALLOCATOR_H_
