#include "codegen/external_symbols.h"

#include <cstring>

// Integer division helpers of the compiler's support library (libgcc /
// compiler-rt). Referencing them here links them into every program that
// loads compiled code in-process, even when the process would not export them.
// The names are reserved because they belong to that library.
// NOLINTBEGIN(bugprone-reserved-identifier)
extern "C" {
__int128 __divti3(__int128, __int128);
unsigned __int128 __udivti3(unsigned __int128, unsigned __int128);
__int128 __modti3(__int128, __int128);
unsigned __int128 __umodti3(unsigned __int128, unsigned __int128);
}
// NOLINTEND(bugprone-reserved-identifier)

namespace xlsaot {

void AddAllowedExternalSymbols(llvm::orc::MangleAndInterner& mangle, llvm::orc::SymbolMap& symbols) {
  const auto callable = llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable;
  auto add = [&](const char* name, auto* address) {
    symbols[mangle(name)] = {llvm::orc::ExecutorAddr::fromPtr(reinterpret_cast<void*>(address)), callable};
  };
  add("memcpy", &std::memcpy);
  add("memmove", &std::memmove);
  add("memset", &std::memset);
  add("__divti3", &__divti3);
  add("__udivti3", &__udivti3);
  add("__modti3", &__modti3);
  add("__umodti3", &__umodti3);
}

}  // namespace xlsaot
