#include "tools/inspect_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "aot/network_artifact.h"
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
  if (blobs.empty()) return MakeError(ErrorCode::kNotFound, path + ": no xlsaot metadata symbol in this object (the object of a proc network "
                                                    "has none: inspect its NAME.xlsmeta)");
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

// The file to read for `path`: NAME.xlsmeta, NAME.o, or the stem NAME
// (its .xlsmeta, else its .o).
std::string ArtifactFile(const std::string& path) {
  if (EndsWith(path, ".xlsmeta") || EndsWith(path, ".o")) return path;
  std::error_code ec;
  if (std::filesystem::exists(path + ".xlsmeta", ec)) return path + ".xlsmeta";
  if (std::filesystem::exists(path + ".o", ec)) return path + ".o";
  return path;
}

// Reads the entries from the metadata file or object `file`.
Result<std::vector<ArtifactMetadata>> ReadEntries(const std::string& path, const std::string& file,
                                                  const std::string& content) {
  if (EndsWith(file, ".o")) return EntriesFromObject(file, content);
  Result<std::vector<ArtifactMetadata>> entries = ParseArtifactEntries(Bytes(content));
  if (!entries.ok()) return MakeError(entries.code(), path + ": " + entries.error());
  return entries;
}

// The target lines of a network description ("key:   value"), as the
// MetadataView that CheckCompatibility reads.
struct NetworkTarget {
  std::string abi_version, triple, cpu;
  std::vector<std::string> features;
  std::vector<std::string_view> feature_views;
  MetadataView view;
};

NetworkTarget ReadNetworkTarget(const std::string& text) {
  NetworkTarget t;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string::npos || line.starts_with(" ")) continue;
    const std::string key = line.substr(0, colon);
    const size_t value_start = line.find_first_not_of(' ', colon + 1);
    const std::string value = value_start == std::string::npos ? "" : line.substr(value_start);
    if (key == "ABI version") t.abi_version = value;
    if (key == "target") t.triple = value;
    if (key == "cpu") t.cpu = value;
    if (key == "cpu features" && value != "(none)") {
      for (size_t i = 0; i < value.size();) {
        const size_t space = value.find(' ', i);
        t.features.push_back(value.substr(i, space == std::string::npos ? std::string::npos : space - i));
        i = space == std::string::npos ? value.size() : space + 1;
      }
    }
  }
  for (const std::string& f : t.features) t.feature_views.push_back(f);
  t.view.abi_version = static_cast<uint32_t>(std::strtoul(t.abi_version.c_str(), nullptr, 10));
  t.view.target_triple = t.triple;
  t.view.cpu = t.cpu;
  t.view.cpu_features = t.feature_views;
  return t;
}

// A proc network artifact: the description its compiler wrote, then
// whether this machine can run it.
int InspectNetwork(const std::string& path, const std::string& content) {
  std::string text = content.substr(kNetworkMetadataMagic.size() + 1);
  const NetworkTarget target = ReadNetworkTarget(text);
  const Status compatible = CheckCompatibility(target.view);
  text += std::string("this machine:  ") + (compatible.ok() ? "can run it" : "cannot run it: " + compatible.error()) +
          "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (!compatible.ok()) return ReportError(path + ": cannot run on this machine: " + compatible.error(), kExitIncompatible);
  return kExitOk;
}

int RunInspect(const std::string& path) {
  const std::string file = ArtifactFile(path);
  Result<std::string> content = ReadWholeFile(file);
  if (!content.ok()) return ReportError(content.error(), ExitStatusFor(content.code()));
  if (!EndsWith(file, ".o") && content->starts_with(std::string(kNetworkMetadataMagic) + "\n"))
    return InspectNetwork(path, *content);
  Result<std::vector<ArtifactMetadata>> entries = ReadEntries(path, file, *content);
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
      "buffer sizes, alignments and layouts (for a proc network: its target, channels and instances)");
  app->add_option("artifact", *path, "DIR/NAME, DIR/NAME.xlsmeta or DIR/NAME.o")->required();
  return Command{app, [path] { return RunInspect(*path); }};
}

}  // namespace xlsaot
