// Links an object file emitted by the ahead-of-time compiler into this
// process with LLVM's JITLink, byte for byte as written (no recompilation),
// so that tools and tests exercise exactly the machine code a standalone
// consumer links. The compiled code can then be called through the
// runtime's ArtifactRunner like in any standalone program.
#ifndef XLSAOT_AOT_OBJECT_LOADER_H_
#define XLSAOT_AOT_OBJECT_LOADER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "xlsaot/artifact.h"
#include "xlsaot/result.h"

namespace llvm::orc {
class LLJIT;
}  // namespace llvm::orc

namespace xlsaot {

class LoadedObject {
 public:
  // Links `object` and finds the descriptor of the artifact whose entry
  // symbol is `entry_symbol`. The object may reference only the C library's
  // memory functions, the compiler's integer division helpers and the
  // runtime's versioned ABI symbol.
  static Result<std::unique_ptr<LoadedObject>> Load(std::span<const uint8_t> object,
                                                    const std::string& entry_symbol);
  ~LoadedObject();
  LoadedObject(const LoadedObject&) = delete;
  LoadedObject& operator=(const LoadedObject&) = delete;

  // Links `object` (named `name` in messages) without looking for an
  // artifact descriptor: for objects of proc networks, whose entry points
  // are found with Lookup.
  static Result<std::unique_ptr<LoadedObject>> Link(std::span<const uint8_t> object, const std::string& name);

  // Valid as long as this object lives (objects from Load only).
  const xlsaot_artifact& artifact() const { return *artifact_; }
  // The address of a symbol the object defines.
  Result<const void*> Lookup(const std::string& symbol) const;

 private:
  LoadedObject() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  const xlsaot_artifact* artifact_ = nullptr;
};

}  // namespace xlsaot

#endif  // XLSAOT_AOT_OBJECT_LOADER_H_
