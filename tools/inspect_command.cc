#include "tools/inspect_command.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

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

std::span<const uint8_t> Bytes(const std::string& blob) {
  return {reinterpret_cast<const uint8_t*>(blob.data()), blob.size()};
}

// The entries of a compiled object: the blobs of its <entry>_metadata
// symbols (one per compiled function), in the order of their addresses,
// which is the order of the entries.
Result<std::vector<ArtifactMetadata>> EntriesFromObject(const std::string& path, const std::string& content) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(content, path, /*RequiresNullTerminator=*/false);
  auto object = llvm::object::ObjectFile::createObjectFile(buffer->getMemBufferRef());
  if (!object) {
    return MakeError(ErrorCode::kCorruptArtifact,
                     path + ": not an object file: " + llvm::toString(object.takeError()));
  }
  if (!llvm::isa<llvm::object::ELFObjectFileBase>(object->get())) {
    return MakeError(ErrorCode::kUnsupported, path + ": only ELF objects can be inspected");
  }
  std::map<std::pair<uint64_t, uint64_t>, std::string> blobs;  // by (section index, address)
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
    blobs[{(*section)->getIndex(), *address}] = std::string(data->substr(offset, size));
  }
  if (blobs.empty()) return MakeError(ErrorCode::kNotFound, path + ": no xlsaot metadata symbol in this object");
  std::vector<ArtifactMetadata> entries;
  std::vector<MetadataView> views;
  for (const auto& [where, blob] : blobs) {
    Result<ArtifactMetadata> entry = ParseMetadata(Bytes(blob));
    if (!entry.ok()) return MakeError(entry.code(), path + ": " + entry.error());
    views.push_back(entry->view());
    entries.push_back(std::move(*entry));
  }
  if (Status s = ValidateArtifactEntries(views); !s.ok()) return MakeError(s.code(), path + ": " + s.error());
  return entries;
}

// Reads the entries from NAME.xlsmeta, NAME.o, or the stem NAME.
Result<std::vector<ArtifactMetadata>> ReadEntries(const std::string& path) {
  std::string file = path;
  if (!EndsWith(path, ".xlsmeta") && !EndsWith(path, ".o")) {
    std::error_code ec;
    if (std::filesystem::exists(path + ".xlsmeta", ec)) file = path + ".xlsmeta";
    else if (std::filesystem::exists(path + ".o", ec)) file = path + ".o";
  }
  XLSAOT_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(file));
  if (EndsWith(file, ".o")) return EntriesFromObject(file, content);
  Result<std::vector<ArtifactMetadata>> entries = ParseArtifactEntries(Bytes(content));
  if (!entries.ok()) return MakeError(entries.code(), path + ": " + entries.error());
  return entries;
}

int RunInspect(const std::string& path) {
  Result<std::vector<ArtifactMetadata>> entries = ReadEntries(path);
  if (!entries.ok()) return ReportError(entries.error(), ExitStatusFor(entries.code()));
  // One function: its description. Several: the list, then each described
  // under a heading.
  std::string text;
  if (entries->size() > 1) {
    text += "entries:       " + std::to_string(entries->size()) + " (";
    for (size_t i = 0; i < entries->size(); ++i) text += (i ? ", " : "") + std::string((*entries)[i]->function_name);
    text += ")\n";
  }
  Status compatible = Status::Ok();
  for (size_t i = 0; i < entries->size(); ++i) {
    const ArtifactMetadata& entry = (*entries)[i];
    if (entries->size() > 1) {
      text += "\n[entry " + std::to_string(i) + ": " + std::string(entry->function_name) + "]\n";
    }
    text += DescribeMetadata(entry.view());
    // The entries share one target, so one check answers for all.
    if (i == 0) compatible = CheckCompatibility(entry.view());
  }
  if (entries->size() > 1) text += "\n";
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
