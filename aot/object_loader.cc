#include "aot/object_loader.h"

#include <cstring>

#include "codegen/external_symbols.h"
#include "codegen/target.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/Support/MemoryBuffer.h"

namespace xlsaot {
namespace {

Error LlvmError(const std::string& what, llvm::Error error) {
  return MakeError(ErrorCode::kInternal, what + ": " + llvm::toString(std::move(error)));
}

}  // namespace

LoadedObject::~LoadedObject() = default;

Result<std::unique_ptr<LoadedObject>> LoadedObject::Load(std::span<const uint8_t> object,
                                                         const std::string& entry_symbol) {
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<LoadedObject> loaded, Link(object, entry_symbol + ".o"));
  XLSAOT_ASSIGN_OR_RETURN(const void* descriptor, loaded->Lookup(entry_symbol + XLSAOT_ARTIFACT_SYMBOL_SUFFIX));
  loaded->artifact_ = static_cast<const xlsaot_artifact*>(descriptor);
  return loaded;
}

Result<const void*> LoadedObject::Lookup(const std::string& symbol) const {
  auto address = jit_->lookup(symbol);
  if (!address) return LlvmError("cannot link the compiled object", address.takeError());
  return address->toPtr<const void*>();
}

Result<std::unique_ptr<LoadedObject>> LoadedObject::Link(std::span<const uint8_t> object, const std::string& name) {
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
  AddAllowedExternalSymbols(mangle, symbols);
  symbols[mangle(XLSAOT_RUNTIME_ABI_SYMBOL_NAME)] = {
      llvm::orc::ExecutorAddr::fromPtr(&XLSAOT_RUNTIME_ABI_SYMBOL), llvm::JITSymbolFlags::Exported};
  if (llvm::Error e = linker.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return LlvmError("cannot define the symbols objects may use", std::move(e));
  }

  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char*>(object.data()), object.size()), name);
  if (llvm::Error e = linker.addObjectFile(std::move(buffer))) {
    return LlvmError("cannot load the compiled object", std::move(e));
  }
  return loaded;
}

}  // namespace xlsaot
