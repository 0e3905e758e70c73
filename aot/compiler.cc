#include "aot/compiler.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include "aot/api_generator.h"
#include "aot/artifact_metadata.h"
#include "aot/c_api_generator.h"
#include "aot/dpi_generator.h"
#include "aot/legality.h"
#include "aot/parallel_object_emitter.h"
#include "aot/python_generator.h"
#include "aot/target_selection.h"
#include "codegen/lowering.h"
#include "codegen/target.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "xlsaot/artifact.h"

namespace xlsaot {
namespace {

// The descriptor the generated API and the object loader find the artifact
// by (xlsaot/artifact.h), and the metadata blob it points at.
void AddArtifactDescriptor(llvm::Module& module, const std::string& entry_symbol,
                           const std::vector<uint8_t>& blob) {
  llvm::LLVMContext& ctx = module.getContext();
  llvm::Type* i32 = llvm::Type::getInt32Ty(ctx);
  llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);
  llvm::Type* ptr = llvm::PointerType::get(ctx, 0);

  llvm::Constant* bytes = llvm::ConstantDataArray::get(ctx, llvm::ArrayRef<uint8_t>(blob));
  auto* metadata = new llvm::GlobalVariable(module, bytes->getType(), /*isConstant=*/true,
                                            llvm::GlobalValue::ExternalLinkage, bytes,
                                            entry_symbol + "_metadata");
  metadata->setAlignment(llvm::Align(8));

  // Referencing the runtime's versioned symbol makes a link against a
  // runtime of another ABI version fail.
  // (declared once, whatever the number of entries).
  llvm::GlobalVariable* runtime_abi = module.getNamedGlobal(XLSAOT_RUNTIME_ABI_SYMBOL_NAME);
  if (runtime_abi == nullptr) {
    runtime_abi = new llvm::GlobalVariable(module, i32, /*isConstant=*/true, llvm::GlobalValue::ExternalLinkage,
                                           nullptr, XLSAOT_RUNTIME_ABI_SYMBOL_NAME);
  }
  llvm::Function* entry = module.getFunction(entry_symbol);
  auto* type = llvm::StructType::get(ctx, {ptr, i64, ptr, ptr});
  llvm::Constant* descriptor = llvm::ConstantStruct::get(
      type, {metadata, llvm::ConstantInt::get(i64, blob.size()), entry, runtime_abi});
  auto* global = new llvm::GlobalVariable(module, type, /*isConstant=*/true,
                                          llvm::GlobalValue::ExternalLinkage, descriptor,
                                          entry_symbol + XLSAOT_ARTIFACT_SYMBOL_SUFFIX);
  global->setAlignment(llvm::Align(8));
}

// Everything but the artifact's public symbols becomes internal, so that
// any number of artifacts link into one program without clashes and the
// optimiser may inline and drop freely.
void Internalize(llvm::Module& module, const std::set<std::string>& keep) {
  for (llvm::GlobalValue& value : module.global_values()) {
    if (value.isDeclaration() || value.hasLocalLinkage()) continue;
    if (value.getName().starts_with("llvm.")) continue;  // llvm.used and friends keep their linkage
    if (keep.count(value.getName().str())) continue;
    value.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
}

Error FileError(const std::filesystem::path& path, const std::string& what) {
  return MakeError(ErrorCode::kIo, path.string() + ": " + what);
}

Status WriteBytes(const std::filesystem::path& path, const void* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return FileError(path, "cannot create file");
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) return FileError(path, "write failed");
  return Status::Ok();
}

}  // namespace

Result<AotTarget> SelectAotTarget(const AotOptions& options) {
  CodegenOptions codegen;
  codegen.opt_level = options.opt_level;
  codegen.assumption_events = options.events;
  codegen.scratch_alignment = options.scratch_alignment;
  codegen.stack_cutoff_bytes = options.stack_cutoff_bytes;
  codegen.rare_paths.max_conditions = options.rare_path_conditions;
  return SelectAotTarget(options.cpu, codegen);
}

std::string AotEntrySymbol(const std::string& ns, const std::string& name) {
  std::string symbol = "xlsaot_";
  for (size_t i = 0; i < ns.size(); ++i) {
    if (ns.compare(i, 2, "::") == 0) {
      symbol += "__";
      ++i;
    } else {
      symbol += ns[i];
    }
  }
  return symbol + "__" + name;
}

Result<AotArtifact> CompileAheadOfTime(const Function& top, const AotOptions& options) {
  return CompileAheadOfTime(std::vector<const Function*>{&top}, options);
}

Result<AotArtifact> CompileAheadOfTime(const std::vector<const Function*>& tops,
                                       const AotOptions& options) {
  XLSAOT_RETURN_IF_ERROR(CheckArtifactName(options.name));
  const std::string ns = options.cpp_namespace.empty() ? options.name : options.cpp_namespace;
  XLSAOT_RETURN_IF_ERROR(CheckCppNamespace(ns));
  if (options.opt_level < 0 || options.opt_level > 3) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "optimisation level " + std::to_string(options.opt_level) +
                         " is not between 0 and 3");
  }
  if (options.jobs < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the number of jobs " + std::to_string(options.jobs) + " is negative");
  }
  if (options.scratch_alignment < 8) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "scratch alignment " + std::to_string(options.scratch_alignment) +
                         " is below 8");
  }
  if (tops.empty()) return MakeError(ErrorCode::kInvalidArgument, "no function to compile");
  // Entry symbols and C++ names, checked for clashes before any work.
  std::vector<EntryRequest> requests;
  std::map<std::string, std::string> function_by_identifier;
  for (const Function* top : tops) {
    for (const EntryRequest& earlier : requests) {
      if (earlier.function == top) {
        return MakeError(ErrorCode::kInvalidArgument, "function '" + top->name() + "' is given twice as a top");
      }
    }
    std::string symbol = AotEntrySymbol(ns, options.name);
    if (tops.size() > 1) {
      const std::string identifier = EntryIdentifier(top->name());
      auto [it, inserted] = function_by_identifier.emplace(identifier, top->name());
      if (!inserted) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "functions '" + it->second + "' and '" + top->name() + "' would both be named '" +
                             identifier + "' in the generated API; compile them into separate artifacts");
      }
      symbol += "__" + identifier;
    }
    requests.push_back(EntryRequest{top, symbol});
  }
  for (const Function* top : tops) XLSAOT_RETURN_IF_ERROR(CheckAotLegality(*top, options.events));

  AotArtifact artifact;
  artifact.name = options.name;
  artifact.entry_symbol = requests.front().entry_symbol;

  XLSAOT_ASSIGN_OR_RETURN(AotTarget target, SelectAotTarget(options));
  target.codegen.entry_symbol = artifact.entry_symbol;

  llvm::LLVMContext context;
  XLSAOT_ASSIGN_OR_RETURN(LoweredEntries lowered, LowerEntriesToLlvm(requests, context, target.codegen));
  llvm::Module& module = *lowered.module;
  // Nothing of the host (paths, names of files) may enter the object.
  module.setModuleIdentifier(options.name);
  module.setSourceFileName(options.name);

  std::vector<std::unique_ptr<CompilerMetadata>> metadata;
  std::vector<MetadataView> views;
  std::set<std::string> keep;
  for (size_t i = 0; i < tops.size(); ++i) {
    const AbiInfo& abi = lowered.entries[i];
    if (!options.events && (!abi.traces.empty() || !abi.covers.empty())) {
      return MakeError(ErrorCode::kInternal,
                       "the lowering of '" + tops[i]->name() + "' emitted trace or cover sites that the "
                       "legality check did not find");
    }
    XLSAOT_ASSIGN_OR_RETURN(metadata.emplace_back(), CompilerMetadata::Build(*tops[i], abi, target.description));
    views.push_back(metadata.back()->view());
    AotEntry& entry = artifact.entries.emplace_back();
    entry.function_name = abi.function_name;
    entry.entry_symbol = abi.entry_symbol;
    XLSAOT_ASSIGN_OR_RETURN(entry.metadata, SerializeMetadata(views.back()));
    AddArtifactDescriptor(module, abi.entry_symbol, entry.metadata);
    keep.insert({abi.entry_symbol, abi.info_symbol, abi.entry_symbol + "_metadata",
                 abi.entry_symbol + XLSAOT_ARTIFACT_SYMBOL_SUFFIX});
  }
  XLSAOT_ASSIGN_OR_RETURN(artifact.metadata, SerializeArtifactEntries(views));
  Internalize(module, keep);

  XLSAOT_ASSIGN_OR_RETURN(std::vector<char> object,
                          EmitObjectInParallel(module, *target.machine, target.codegen, options.jobs));
  artifact.object.assign(object.begin(), object.end());

  XLSAOT_ASSIGN_OR_RETURN(GeneratedApi api, GenerateCppApi(views, options.name, ns));
  artifact.header = std::move(api.header);
  artifact.source = std::move(api.source);
  if (options.dpi) {
    XLSAOT_ASSIGN_OR_RETURN(GeneratedDpi dpi, GenerateDpi(views, options.name, ns));
    artifact.dpi_package = std::move(dpi.package);
    artifact.dpi_source = std::move(dpi.source);
  }
  if (options.c_api || options.python) {
    XLSAOT_ASSIGN_OR_RETURN(GeneratedCApi c_api, GenerateCApi(views, options.name, ns));
    artifact.c_header = std::move(c_api.header);
    artifact.c_glue = std::move(c_api.glue);
  }
  if (options.python) {
    XLSAOT_ASSIGN_OR_RETURN(artifact.python_module, GeneratePythonModule(views, options.name));
  }
  return artifact;
}

Status WriteArtifactFiles(const AotArtifact& artifact, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir(out_dir);
  fs::create_directories(dir, ec);
  if (ec) return FileError(dir, "cannot create directory: " + ec.message());

  struct Output {
    std::string file;
    const void* data;
    size_t size;
  };
  const std::string& n = artifact.name;
  std::vector<Output> outputs = {
      {n + ".o", artifact.object.data(), artifact.object.size()},
      {n + ".h", artifact.header.data(), artifact.header.size()},
      {n + ".cc", artifact.source.data(), artifact.source.size()},
      {n + ".xlsmeta", artifact.metadata.data(), artifact.metadata.size()},
  };
  // The bindings, each only when generated.
  const std::pair<std::string, const std::string*> optional_outputs[] = {
      {n + "_pkg.sv", &artifact.dpi_package}, {n + "_dpi.cc", &artifact.dpi_source},
      {n + "_c.h", &artifact.c_header},       {n + "_c.cc", &artifact.c_glue},
      {n + ".py", &artifact.python_module}};
  for (const auto& [file, text] : optional_outputs) {
    if (!text->empty()) outputs.push_back({file, text->data(), text->size()});
  }
  const std::string suffix = ".tmp." + std::to_string(::getpid());
  std::vector<fs::path> temps;
  auto discard = [&temps] {
    std::error_code ignored;
    for (const fs::path& temp : temps) fs::remove(temp, ignored);
  };
  // A destination that cannot be replaced (a directory of that name) is
  // found before anything is written, so the usual failure leaves the
  // directory untouched.
  for (const Output& output : outputs) {
    if (fs::is_directory(dir / output.file, ec)) {
      return FileError(dir / output.file, "cannot write the artifact: a directory of that name exists");
    }
  }
  for (const Output& output : outputs) {
    temps.push_back(dir / ("." + output.file + suffix));
    if (Status s = WriteBytes(temps.back(), output.data, output.size); !s.ok()) {
      discard();
      return s;
    }
  }
  for (size_t i = 0; i < temps.size(); ++i) {
    fs::rename(temps[i], dir / outputs[i].file, ec);
    if (ec) {
      // Files already moved belong to this compilation and would not match
      // what is left of an older one: remove them too, so the directory never
      // holds a mixed artifact.
      std::error_code ignored;
      for (size_t moved = 0; moved < i; ++moved) fs::remove(dir / outputs[moved].file, ignored);
      discard();
      return FileError(dir / outputs[i].file, "cannot move into place: " + ec.message());
    }
  }
  return Status::Ok();
}

}  // namespace xlsaot
