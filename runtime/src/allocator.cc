#include "xlsaot/allocator.h"

#include <cstdlib>

#include "xlsaot/error_text.h"

namespace xlsaot {
namespace {

void* DefaultAllocate(void*, size_t size, size_t alignment) {
  // malloc(0) may return nullptr legitimately; ask for one byte so a null
  // result always means failure.
  const size_t bytes = size == 0 ? 1 : size;
  if (alignment <= alignof(std::max_align_t)) return std::malloc(bytes);
  void* ptr = nullptr;
  // posix_memalign needs a multiple of sizeof(void*).
  const size_t align = alignment < sizeof(void*) ? sizeof(void*) : alignment;
  return posix_memalign(&ptr, align, bytes) == 0 ? ptr : nullptr;
}

void DefaultDeallocate(void*, void* ptr, size_t, size_t) { std::free(ptr); }

bool IsPowerOfTwo(size_t x) { return x != 0 && (x & (x - 1)) == 0; }

}  // namespace

const Allocator& DefaultAllocator() {
  static const Allocator allocator{&DefaultAllocate, &DefaultDeallocate, nullptr};
  return allocator;
}

Result<ScratchBuffer> ScratchBuffer::Create(size_t size, size_t alignment, const Allocator& allocator) {
  if (!IsPowerOfTwo(alignment)) {
    return JoinedError(ErrorCode::kInvalidArgument,
                       {"scratch alignment ", DecimalText(alignment), " is not a power of two"});
  }
  if (allocator.allocate == nullptr || allocator.deallocate == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument, "allocator has no allocate/deallocate function");
  }
  void* ptr = allocator.allocate(allocator.user_data, size, alignment);
  if (ptr == nullptr) {
    return JoinedError(ErrorCode::kResourceExhausted, {"could not allocate ", DecimalText(size),
                                                       " bytes of scratch memory aligned to ", DecimalText(alignment)});
  }
  if (reinterpret_cast<uintptr_t>(ptr) % alignment != 0) {
    allocator.deallocate(allocator.user_data, ptr, size, alignment);
    return JoinedError(ErrorCode::kResourceExhausted,
                       {"allocator returned scratch memory not aligned to ", DecimalText(alignment)});
  }
  ScratchBuffer buffer;
  buffer.data_ = static_cast<uint8_t*>(ptr);
  buffer.size_ = size;
  buffer.alignment_ = alignment;
  buffer.allocator_ = allocator;
  return buffer;
}

ScratchBuffer& ScratchBuffer::operator=(ScratchBuffer&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = other.data_;
    size_ = other.size_;
    alignment_ = other.alignment_;
    allocator_ = other.allocator_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

void ScratchBuffer::Release() {
  if (data_ != nullptr) allocator_.deallocate(allocator_.user_data, data_, size_, alignment_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace xlsaot
