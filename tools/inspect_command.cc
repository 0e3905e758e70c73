#include "tools/inspect_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "tools/diagnostics.h"
#include "tools/read_file.h"
#include "xlsaot/compatibility.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The metadata blob inside a compiled object: the data of the symbol
// <entry>_metadata (there is exactly one per object).
Result<std::string> BlobFromObject(const std::string& path, const std::string& content) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(content, path, /*RequiresNullTerminator=*/false);
  auto object = llvm::object::ObjectFile::createObjectFile(buffer->getMemBufferRef());
  if (!object) {
    return MakeError(ErrorCode::kCorruptArtifact,
                     path + ": not an object file: " + llvm::toString(object.takeError()));
  }
  if (!llvm::isa<llvm::object::ELFObjectFileBase>(object->get())) {
    return MakeError(ErrorCode::kUnsupported, path + ": only ELF objects can be inspected");
  }
  for (const llvm::object::SymbolRef& symbol : (*object)->symbols()) {
    auto name = symbol.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (!name->ends_with("_metadata")) continue;
    auto section = symbol.getSection();
    auto address = symbol.getValue();
    if (!section || !address || *section == (*object)->section_end()) {
      if (!section) llvm::consumeError(section.takeError());
      if (!address) llvm::consumeError(address.takeError());
      continue;
    }
    auto data = (*section)->getContents();
    if (!data) {
      llvm::consumeError(data.takeError());
      continue;
    }
    const uint64_t offset = *address - (*section)->getAddress();
    const uint64_t size = llvm::object::ELFSymbolRef(symbol).getSize();
    if (offset > data->size() || size > data->size() - offset) continue;
    return std::string(data->substr(offset, size));
  }
  return MakeError(ErrorCode::kNotFound, path + ": no xlsaot metadata symbol in this object");
}

// Reads the blob from NAME.xlsmeta, NAME.o, or the stem NAME.
Result<std::string> ReadBlob(const std::string& path) {
  std::string file = path;
  if (!EndsWith(path, ".xlsmeta") && !EndsWith(path, ".o")) {
    std::error_code ec;
    if (std::filesystem::exists(path + ".xlsmeta", ec)) file = path + ".xlsmeta";
    else if (std::filesystem::exists(path + ".o", ec)) file = path + ".o";
  }
  XLSAOT_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(file));
  if (EndsWith(file, ".o")) return BlobFromObject(file, content);
  return content;
}

int RunInspect(const std::string& path) {
  Result<std::string> blob = ReadBlob(path);
  if (!blob.ok()) return ReportError(blob);
  Result<ArtifactMetadata> metadata = ParseMetadata(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(blob->data()), blob->size()));
  if (!metadata.ok()) return ReportError(path + ": " + metadata.error(), ExitStatusFor(metadata.code()));
  std::string text = DescribeMetadata(metadata->view());
  const Status compatible = CheckCompatibility(metadata->view());
  text += std::string("this machine:  ") +
          (compatible.ok() ? "can run it" : "cannot run it: " + compatible.error()) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  // The whole description is printed either way; the status tells a script
  // whether the artifact can run here.
  if (!compatible.ok()) return ReportError(path + ": cannot run on this machine: " + compatible.error(), kExitIncompatible);
  return kExitOk;
}

}  // namespace

Command AddInspectCommand(CLI::App& parent) {
  auto path = std::make_shared<std::string>();
  CLI::App* app = parent.add_subcommand(
      "inspect",
      "Print the metadata of an ahead-of-time artifact: ABI version, features, entry symbol, "
      "buffer sizes, alignments and layouts");
  app->add_option("artifact", *path, "DIR/NAME, DIR/NAME.xlsmeta or DIR/NAME.o")->required();
  return Command{app, [path] { return RunInspect(*path); }};
}

}  // namespace xlsaot
