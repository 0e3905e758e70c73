#include "aot/object_loader.h"

#include <cstring>

#include "codegen/target.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/Support/MemoryBuffer.h"

// Integer division helpers of the compiler's support library (libgcc /
// compiler-rt), which 128-bit divisions in compiled code call.
extern "C" {
__int128 __divti3(__int128, __int128);
unsigned __int128 __udivti3(unsigned __int128, unsigned __int128);
__int128 __modti3(__int128, __int128);
unsigned __int128 __umodti3(unsigned __int128, unsigned __int128);
}

namespace xlsaot {
namespace {

Error LlvmError(const std::string& what, llvm::Error error) {
  return MakeError(ErrorCode::kInternal, what + ": " + llvm::toString(std::move(error)));
}

}  // namespace

LoadedObject::~LoadedObject() = default;

Result<std::unique_ptr<LoadedObject>> LoadedObject::Load(std::span<const uint8_t> object,
                                                         const std::string& entry_symbol) {
  InitializeNativeLlvmTarget();
  auto jit =
      llvm::orc::LLJITBuilder()
          .setObjectLinkingLayerCreator(
              [](llvm::orc::ExecutionSession& session,
                 const llvm::Triple&) -> llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>> {
                return std::make_unique<llvm::orc::ObjectLinkingLayer>(session);
              })
          .create();
  if (!jit) return LlvmError("cannot create an object linker", jit.takeError());
  std::unique_ptr<LoadedObject> loaded(new LoadedObject());
  loaded->jit_ = std::move(*jit);
  llvm::orc::LLJIT& linker = *loaded->jit_;

  llvm::orc::MangleAndInterner mangle(linker.getExecutionSession(), linker.getDataLayout());
  llvm::orc::SymbolMap symbols;
  auto add = [&](const char* name, const void* address, llvm::JITSymbolFlags flags) {
    symbols[mangle(name)] = {llvm::orc::ExecutorAddr::fromPtr(address), flags};
  };
  const auto callable = llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable;
  add("memcpy", reinterpret_cast<const void*>(&std::memcpy), callable);
  add("memmove", reinterpret_cast<const void*>(&std::memmove), callable);
  add("memset", reinterpret_cast<const void*>(&std::memset), callable);
  add("__divti3", reinterpret_cast<const void*>(&__divti3), callable);
  add("__udivti3", reinterpret_cast<const void*>(&__udivti3), callable);
  add("__modti3", reinterpret_cast<const void*>(&__modti3), callable);
  add("__umodti3", reinterpret_cast<const void*>(&__umodti3), callable);
  add(XLSAOT_RUNTIME_ABI_SYMBOL_NAME, &XLSAOT_RUNTIME_ABI_SYMBOL, llvm::JITSymbolFlags::Exported);
  if (llvm::Error e = linker.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return LlvmError("cannot define the symbols objects may use", std::move(e));
  }

  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char*>(object.data()), object.size()), entry_symbol + ".o");
  if (llvm::Error e = linker.addObjectFile(std::move(buffer))) {
    return LlvmError("cannot load the compiled object", std::move(e));
  }
  auto address = linker.lookup(entry_symbol + XLSAOT_ARTIFACT_SYMBOL_SUFFIX);
  if (!address) return LlvmError("cannot link the compiled object", address.takeError());
  loaded->artifact_ = address->toPtr<const xlsaot_artifact*>();
  return loaded;
}

}  // namespace xlsaot
