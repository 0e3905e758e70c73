#include "aot/parallel_object_emitter.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>

#include "aot/object_merger.h"
#include "codegen/target.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace xlsaot {
namespace {

// A function of the lowering's partitioning (never inlined, local) with at
// least this many instructions gets a module of its own; smaller ones are
// not worth a module.
constexpr size_t kMinPieceInstructions = 500;
// Modules with fewer instructions than this, or fewer than two such parts,
// are compiled whole: for them the split would cost more than it saves, and
// small designs keep every optimisation across functions.
constexpr size_t kMinSplitInstructions = 10000;
// Local functions up to this size that a part calls are copied into the
// part's module (so they can still be inlined there); larger ones are called
// across modules.
constexpr size_t kMaxCopiedInstructions = 400;

bool IsPart(const llvm::Function& f) {
  return !f.isDeclaration() && f.hasLocalLinkage() && f.hasFnAttribute(llvm::Attribute::NoInline) &&
         f.getInstructionCount() >= kMinPieceInstructions;
}

// Every global value `c` mentions, looking through constant expressions.
void CollectGlobals(const llvm::Constant* c, std::vector<const llvm::GlobalValue*>& out,
                    std::set<const llvm::Constant*>& seen) {
  // Plain numbers (most operands) mention nothing.
  if (llvm::isa<llvm::ConstantData>(c) || !seen.insert(c).second) return;
  if (const auto* g = llvm::dyn_cast<llvm::GlobalValue>(c)) {
    out.push_back(g);
    return;
  }
  for (const llvm::Use& op : c->operands())
    if (const auto* oc = llvm::dyn_cast<llvm::Constant>(op.get())) CollectGlobals(oc, out, seen);
}

std::vector<const llvm::GlobalValue*> ReferencedGlobals(const llvm::GlobalValue& g) {
  std::vector<const llvm::GlobalValue*> out;
  std::set<const llvm::Constant*> seen;
  if (const auto* f = llvm::dyn_cast<llvm::Function>(&g)) {
    for (const llvm::Instruction& inst : llvm::instructions(*f))
      for (const llvm::Use& op : inst.operands())
        if (const auto* c = llvm::dyn_cast<llvm::Constant>(op.get())) CollectGlobals(c, out, seen);
  } else if (const auto* v = llvm::dyn_cast<llvm::GlobalVariable>(&g); v != nullptr && v->hasInitializer()) {
    CollectGlobals(v->getInitializer(), out, seen);
  }
  return out;
}

// Whether a module piece gets its own private copy of `g`.
bool CopiedIntoParts(const llvm::GlobalValue& g) {
  if (!g.hasLocalLinkage() || g.isDeclaration()) return false;
  if (const auto* v = llvm::dyn_cast<llvm::GlobalVariable>(&g)) return v->isConstant();
  const auto* f = llvm::dyn_cast<llvm::Function>(&g);
  return f != nullptr && !IsPart(*f) && f->getInstructionCount() <= kMaxCopiedInstructions;
}

// What one piece defines, by name: its own functions and private copies;
// for the rest of the module (piece 0), the parts it does not define.
struct Piece {
  bool rest = false;
  std::set<std::string> names;
  std::set<std::string> copies;
  bool straight_line = false;
};

// Decides the pieces and prepares `module` for them: names every unnamed
// global and gives everything one piece uses from another external hidden
// linkage (made local again when the objects are merged). Piece 0 is the
// rest of the module. Empty when the module is better compiled whole.
std::vector<Piece> PlanPieces(llvm::Module& module) {
  size_t total = 0;
  std::vector<llvm::Function*> parts;
  for (llvm::Function& f : module) {
    total += f.getInstructionCount();
    if (IsPart(f)) parts.push_back(&f);
  }
  if (parts.size() < 2 || total < kMinSplitInstructions) return {};

  size_t unnamed = 0;
  for (llvm::GlobalValue& g : module.global_values())
    if (!g.hasName()) g.setName("xlsaot.unnamed." + std::to_string(unnamed++));

  std::set<const llvm::GlobalValue*> exported;
  std::vector<Piece> pieces(1 + parts.size());
  for (size_t p = 0; p < parts.size(); ++p) {
    Piece& piece = pieces[p + 1];
    piece.names.insert(parts[p]->getName().str());
    llvm::SmallVector<std::pair<const llvm::BasicBlock*, const llvm::BasicBlock*>> back_edges;
    llvm::FindFunctionBackedges(*parts[p], back_edges);
    piece.straight_line = back_edges.empty();
    std::vector<const llvm::GlobalValue*> work{parts[p]};
    while (!work.empty()) {
      const llvm::GlobalValue* g = work.back();
      work.pop_back();
      for (const llvm::GlobalValue* used : ReferencedGlobals(*g)) {
        if (CopiedIntoParts(*used)) {
          if (piece.copies.insert(used->getName().str()).second) work.push_back(used);
        } else if (used != parts[p]) {
          exported.insert(used);
        }
      }
    }
    piece.names.insert(piece.copies.begin(), piece.copies.end());
  }
  // The drivers call the parts.
  for (llvm::Function* part : parts) exported.insert(part);
  for (const llvm::GlobalValue* g : exported) {
    auto* value = const_cast<llvm::GlobalValue*>(g);
    if (!value->hasLocalLinkage()) continue;
    value->setLinkage(llvm::GlobalValue::ExternalLinkage);
    value->setVisibility(llvm::GlobalValue::HiddenVisibility);
  }
  pieces[0].rest = true;
  for (llvm::Function* part : parts) pieces[0].names.insert(part->getName().str());
  return pieces;
}

// Loads piece `index` from the bitcode of the whole module into `context`:
// only its definitions are materialised, everything else it uses is declared.
Result<std::unique_ptr<llvm::Module>> LoadPiece(llvm::MemoryBufferRef bitcode, const Piece& piece,
                                                llvm::LLVMContext& context) {
  auto loaded = llvm::getLazyBitcodeModule(bitcode, context);
  if (!loaded) {
    return MakeError(ErrorCode::kInternal, "cannot reload a module piece: " + llvm::toString(loaded.takeError()));
  }
  std::unique_ptr<llvm::Module> module = std::move(*loaded);
  auto defined = [&](const llvm::GlobalValue& g) {
    return (piece.names.count(g.getName().str()) != 0) != piece.rest;
  };
  for (llvm::Function& f : *module) {
    if (f.isDeclaration()) continue;
    if (!defined(f)) {
      f.deleteBody();
      continue;
    }
    if (llvm::Error e = f.materialize()) {
      return MakeError(ErrorCode::kInternal, "cannot reload a module piece: " + llvm::toString(std::move(e)));
    }
  }
  for (llvm::GlobalVariable& v : module->globals()) {
    if (v.isDeclaration() || defined(v)) continue;
    v.setInitializer(nullptr);
    v.setLinkage(llvm::GlobalValue::ExternalLinkage);
  }
  if (llvm::Error e = module->materializeAll()) {
    return MakeError(ErrorCode::kInternal, "cannot reload a module piece: " + llvm::toString(std::move(e)));
  }
  for (const std::string& name : piece.copies) {
      llvm::GlobalValue* g = module->getNamedValue(name);
      g->setLinkage(llvm::GlobalValue::InternalLinkage);
      g->setVisibility(llvm::GlobalValue::DefaultVisibility);
  }
  // Drop what nothing uses any more (declarations, copies of unused local
  // values), until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (llvm::GlobalValue& g : llvm::make_early_inc_range(module->global_values())) {
      if (!g.use_empty() || !(g.isDeclaration() || g.hasLocalLinkage())) continue;
      if (llvm::isa<llvm::Function>(g) || llvm::isa<llvm::GlobalVariable>(g)) {
        g.eraseFromParent();
        changed = true;
      }
    }
  }
  return module;
}

Result<std::vector<char>> CompilePiece(llvm::MemoryBufferRef bitcode, const Piece& piece,
                                       const CodegenOptions& target) {
  llvm::LLVMContext context;
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<llvm::Module> module, LoadPiece(bitcode, piece, context));
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<llvm::TargetMachine> machine, CreateTargetMachine(target));
  XLSAOT_RETURN_IF_ERROR(OptimizeModule(*module, *machine, target.opt_level,
                                        piece.straight_line ? PassPipeline::kStraightLine : PassPipeline::kStandard));
  return EmitObjectFile(*module, *machine);
}

}  // namespace

int DefaultCompileJobs() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

Result<std::vector<char>> EmitObjectInParallel(llvm::Module& module, llvm::TargetMachine& machine,
                                               const CodegenOptions& target, int jobs) {
  std::vector<Piece> pieces = PlanPieces(module);
  if (pieces.empty()) {
    XLSAOT_RETURN_IF_ERROR(OptimizeModule(module, machine, target.opt_level));
    return EmitObjectFile(module, machine);
  }
  module.setTargetTriple(machine.getTargetTriple().str());
  module.setDataLayout(machine.createDataLayout());
  llvm::SmallVector<char, 0> bitcode;
  {
    llvm::raw_svector_ostream os(bitcode);
    llvm::WriteBitcodeToFile(module, os);
  }
  const llvm::MemoryBufferRef buffer(llvm::StringRef(bitcode.data(), bitcode.size()), module.getName());

  std::vector<Result<std::vector<char>>> objects(pieces.size(), Error{ErrorCode::kInternal, "not compiled"});
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < pieces.size(); i = next++) objects[i] = CompilePiece(buffer, pieces[i], target);
  };
  const size_t threads = std::min<size_t>(pieces.size(), static_cast<size_t>(jobs > 0 ? jobs : DefaultCompileJobs()));
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();

  std::vector<std::vector<char>> parts;
  parts.reserve(objects.size());
  for (auto& object : objects) {
    if (!object.ok()) return object.error_value();
    parts.push_back(std::move(*object));
  }
  return MergeRelocatableObjects(parts);
}

}  // namespace xlsaot
