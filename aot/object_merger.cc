#include "aot/object_merger.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <tuple>

namespace xlsaot {
namespace {

// LLVM's address-significance table lists symbol indices; it only helps a
// final link fold identical code, so merged objects leave it out.
constexpr uint32_t kLlvmAddrsig = 0x6fff4c03;

Error Unsupported(size_t object, const std::string& what) {
  return MakeError(ErrorCode::kUnsupported,
                   "cannot merge object " + std::to_string(object) + ": " + what);
}

uint64_t AlignUp(uint64_t x, uint64_t alignment) {
  return alignment <= 1 ? x : (x + alignment - 1) / alignment * alignment;
}

template <typename T>
T ReadAt(const std::vector<char>& bytes, uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

// One input object, checked and indexed.
struct Input {
  const std::vector<char>* bytes = nullptr;
  Elf64_Ehdr header{};
  std::vector<Elf64_Shdr> sections;
  std::vector<Elf64_Sym> symbols;
  const char* symbol_names = nullptr;
  uint64_t symbol_names_size = 0;
  const char* section_names = nullptr;
  uint64_t section_names_size = 0;

  std::string SectionName(const Elf64_Shdr& s) const {
    return s.sh_name < section_names_size ? std::string(section_names + s.sh_name) : std::string();
  }
  std::string SymbolName(const Elf64_Sym& s) const {
    return s.st_name < symbol_names_size ? std::string(symbol_names + s.st_name) : std::string();
  }
  const char* Data(const Elf64_Shdr& s) const { return bytes->data() + s.sh_offset; }
};

bool InBounds(const std::vector<char>& bytes, uint64_t offset, uint64_t size) {
  return offset <= bytes.size() && size <= bytes.size() - offset;
}

Result<Input> ReadInput(const std::vector<char>& bytes, size_t index) {
  Input in;
  in.bytes = &bytes;
  if (!InBounds(bytes, 0, sizeof(Elf64_Ehdr))) return Unsupported(index, "not an ELF object");
  in.header = ReadAt<Elf64_Ehdr>(bytes, 0);
  const unsigned char* ident = in.header.e_ident;
  if (std::memcmp(ident, ELFMAG, SELFMAG) != 0 || ident[EI_CLASS] != ELFCLASS64 ||
      ident[EI_DATA] != ELFDATA2LSB || in.header.e_type != ET_REL ||
      in.header.e_shentsize != sizeof(Elf64_Shdr)) {
    return Unsupported(index, "not a 64-bit little-endian relocatable ELF object");
  }
  const uint64_t count = in.header.e_shnum;
  if (!InBounds(bytes, in.header.e_shoff, count * sizeof(Elf64_Shdr)) || in.header.e_shstrndx >= count) {
    return Unsupported(index, "bad section header table");
  }
  for (uint64_t i = 0; i < count; ++i)
    in.sections.push_back(ReadAt<Elf64_Shdr>(bytes, in.header.e_shoff + i * sizeof(Elf64_Shdr)));
  for (const Elf64_Shdr& s : in.sections) {
    if (s.sh_type != SHT_NOBITS && !InBounds(bytes, s.sh_offset, s.sh_size))
      return Unsupported(index, "section outside the file");
  }
  const Elf64_Shdr& names = in.sections[in.header.e_shstrndx];
  in.section_names = in.Data(names);
  in.section_names_size = names.sh_size;
  for (const Elf64_Shdr& s : in.sections) {
    if (s.sh_type != SHT_SYMTAB) continue;
    if (!in.symbols.empty()) return Unsupported(index, "more than one symbol table");
    if (s.sh_link >= count || s.sh_entsize != sizeof(Elf64_Sym)) return Unsupported(index, "bad symbol table");
    for (uint64_t offset = 0; offset + sizeof(Elf64_Sym) <= s.sh_size; offset += sizeof(Elf64_Sym))
      in.symbols.push_back(ReadAt<Elf64_Sym>(bytes, s.sh_offset + offset));
    in.symbol_names = in.Data(in.sections[s.sh_link]);
    in.symbol_names_size = in.sections[s.sh_link].sh_size;
  }
  if (in.symbols.empty()) return Unsupported(index, "no symbol table");
  return in;
}

// A section of the merged object and where each input's part of it starts.
struct OutputSection {
  std::string name;
  Elf64_Shdr header{};
  std::vector<char> data;
  std::vector<Elf64_Rela> relocations;
};

bool CopiedSection(const Elf64_Shdr& s) {
  switch (s.sh_type) {
    case SHT_NULL:
    case SHT_SYMTAB:
    case SHT_STRTAB:
    case SHT_RELA:
    case kLlvmAddrsig:
      return false;
    default:
      return true;
  }
}

// A symbol of the merged object before the final numbering: locals (in
// input order), then globals.
struct PendingSymbol {
  Elf64_Sym symbol{};
  std::string name;
};

class StringTable {
 public:
  StringTable() : data_(1, '\0') {}
  uint32_t Add(const std::string& s) {
    if (s.empty()) return 0;
    auto [it, added] = offsets_.emplace(s, static_cast<uint32_t>(data_.size()));
    if (added) data_.insert(data_.end(), s.c_str(), s.c_str() + s.size() + 1);
    return it->second;
  }
  const std::vector<char>& data() const { return data_; }

 private:
  std::vector<char> data_;
  std::map<std::string, uint32_t> offsets_;
};

}  // namespace

Result<std::vector<char>> MergeRelocatableObjects(std::span<const std::vector<char>> objects) {
  if (objects.empty()) return MakeError(ErrorCode::kInvalidArgument, "no objects to merge");
  std::vector<Input> inputs;
  for (size_t i = 0; i < objects.size(); ++i) {
    XLSAOT_ASSIGN_OR_RETURN(Input in, ReadInput(objects[i], i));
    if (!inputs.empty() && in.header.e_machine != inputs.front().header.e_machine)
      return Unsupported(i, "objects of different machines");
    inputs.push_back(std::move(in));
  }

  // --- sections: same name, type, flags and entry size share an output ---
  std::vector<OutputSection> sections;
  std::map<std::tuple<std::string, uint32_t, uint64_t, uint64_t>, size_t> section_index;
  // Per input section: output section (or -1) and offset in it.
  std::vector<std::vector<std::pair<int64_t, uint64_t>>> placement(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& in = inputs[i];
    placement[i].assign(in.sections.size(), {-1, 0});
    for (size_t s = 0; s < in.sections.size(); ++s) {
      const Elf64_Shdr& h = in.sections[s];
      if (!CopiedSection(h)) continue;
      if (h.sh_type == SHT_REL || h.sh_type == SHT_GROUP || (h.sh_flags & SHF_LINK_ORDER) != 0 ||
          (h.sh_flags & SHF_GROUP) != 0 || h.sh_link != 0) {
        return Unsupported(i, "section '" + in.SectionName(h) + "' needs a full linker");
      }
      const std::string name = in.SectionName(h);
      auto key = std::make_tuple(name, h.sh_type, h.sh_flags, h.sh_entsize);
      auto [it, added] = section_index.emplace(key, sections.size());
      if (added) {
        OutputSection out;
        out.name = name;
        out.header.sh_type = h.sh_type;
        out.header.sh_flags = h.sh_flags;
        out.header.sh_entsize = h.sh_entsize;
        out.header.sh_addralign = 1;
        sections.push_back(std::move(out));
      }
      OutputSection& out = sections[it->second];
      const uint64_t align = std::max<uint64_t>(1, h.sh_addralign);
      const uint64_t offset = AlignUp(out.header.sh_size, align);
      out.header.sh_addralign = std::max(out.header.sh_addralign, align);
      if (h.sh_type != SHT_NOBITS) {
        out.data.resize(offset, '\0');
        out.data.insert(out.data.end(), in.Data(h), in.Data(h) + h.sh_size);
      }
      out.header.sh_size = offset + h.sh_size;
      placement[i][s] = {static_cast<int64_t>(it->second), offset};
    }
  }

  // --- symbols ---
  // Global definitions by name, to resolve references between inputs.
  std::map<std::string, std::pair<size_t, size_t>> definitions;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& in = inputs[i];
    for (size_t k = 1; k < in.symbols.size(); ++k) {
      const Elf64_Sym& sym = in.symbols[k];
      if (ELF64_ST_BIND(sym.st_info) == STB_LOCAL || sym.st_shndx == SHN_UNDEF) continue;
      if (sym.st_shndx == SHN_COMMON) return Unsupported(i, "common symbol '" + in.SymbolName(sym) + "'");
      if (!definitions.emplace(in.SymbolName(sym), std::make_pair(i, k)).second)
        return Unsupported(i, "symbol '" + in.SymbolName(sym) + "' is defined twice");
    }
  }
  // Section symbols come first (one per output section), then the locals of
  // each input, then definitions made local, then globals. Indices are
  // assigned once all are known: `slot` holds (group, position).
  enum Group { kSection, kLocal, kGlobal };
  std::vector<PendingSymbol> locals, globals;
  std::map<std::string, size_t> global_by_name;
  std::vector<std::vector<std::pair<Group, size_t>>> slot(inputs.size());
  auto place = [&](const Input& in, size_t i, const Elf64_Sym& sym, Elf64_Sym& out) -> Status {
    out = sym;
    if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS) return {};
    if (sym.st_shndx >= in.sections.size() || placement[i][sym.st_shndx].first < 0)
      return Unsupported(i, "symbol '" + in.SymbolName(sym) + "' in a section that is not merged");
    out.st_shndx = static_cast<uint16_t>(placement[i][sym.st_shndx].first + 1);
    out.st_value += placement[i][sym.st_shndx].second;
    return {};
  };
  bool file_symbol_seen = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& in = inputs[i];
    slot[i].assign(in.symbols.size(), {kSection, 0});
    for (size_t k = 1; k < in.symbols.size(); ++k) {
      const Elf64_Sym& sym = in.symbols[k];
      const int type = ELF64_ST_TYPE(sym.st_info);
      const int bind = ELF64_ST_BIND(sym.st_info);
      if (type == STT_SECTION) continue;  // relocations move to the output's section symbol
      if (type == STT_FILE) {
        if (file_symbol_seen) continue;
        file_symbol_seen = true;
      }
      const std::string name = in.SymbolName(sym);
      const bool hidden = ELF64_ST_VISIBILITY(sym.st_other) == STV_HIDDEN;
      if (bind == STB_LOCAL || (sym.st_shndx != SHN_UNDEF && hidden)) {
        PendingSymbol p{{}, name};
        XLSAOT_RETURN_IF_ERROR(place(in, i, sym, p.symbol));
        p.symbol.st_info = ELF64_ST_INFO(STB_LOCAL, type);
        if (bind != STB_LOCAL) p.symbol.st_other = STV_DEFAULT;
        slot[i][k] = {kLocal, locals.size()};
        locals.push_back(p);
        continue;
      }
      // Global: a definition, or a reference resolved by the definition
      // when there is one (that definition's slot is set when its input is
      // reached; references are fixed up below).
      if (sym.st_shndx == SHN_UNDEF && definitions.count(name)) continue;
      auto [it, added] = global_by_name.emplace(name, globals.size());
      if (added) {
        PendingSymbol p{{}, name};
        XLSAOT_RETURN_IF_ERROR(place(in, i, sym, p.symbol));
        globals.push_back(p);
      } else if (sym.st_shndx != SHN_UNDEF) {
        XLSAOT_RETURN_IF_ERROR(place(in, i, sym, globals[it->second].symbol));
      }
      slot[i][k] = {kGlobal, it->second};
    }
  }
  // References to a definition in another input.
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& in = inputs[i];
    for (size_t k = 1; k < in.symbols.size(); ++k) {
      const Elf64_Sym& sym = in.symbols[k];
      if (ELF64_ST_BIND(sym.st_info) == STB_LOCAL || sym.st_shndx != SHN_UNDEF) continue;
      auto def = definitions.find(in.SymbolName(sym));
      if (def != definitions.end()) slot[i][k] = slot[def->second.first][def->second.second];
    }
  }
  const size_t first_local = 1 + sections.size();
  const size_t first_global = first_local + locals.size();
  auto final_index = [&](std::pair<Group, size_t> s) -> uint32_t {
    return static_cast<uint32_t>(s.first == kLocal ? first_local + s.second : first_global + s.second);
  };

  // --- relocations ---
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& in = inputs[i];
    for (const Elf64_Shdr& h : in.sections) {
      if (h.sh_type != SHT_RELA) continue;
      if (h.sh_info >= in.sections.size() || placement[i][h.sh_info].first < 0)
        return Unsupported(i, "relocations for a section that is not merged");
      if (h.sh_entsize != sizeof(Elf64_Rela)) return Unsupported(i, "bad relocation entry size");
      const auto [target, target_offset] = placement[i][h.sh_info];
      OutputSection& out = sections[static_cast<size_t>(target)];
      for (uint64_t offset = 0; offset + sizeof(Elf64_Rela) <= h.sh_size; offset += sizeof(Elf64_Rela)) {
        Elf64_Rela rela = ReadAt<Elf64_Rela>(*in.bytes, h.sh_offset + offset);
        const uint64_t sym = ELF64_R_SYM(rela.r_info);
        const uint64_t type = ELF64_R_TYPE(rela.r_info);
        if (sym >= in.symbols.size()) return Unsupported(i, "relocation with a bad symbol");
        uint32_t new_sym = 0;
        if (sym != 0 && ELF64_ST_TYPE(in.symbols[sym].st_info) == STT_SECTION) {
          const uint16_t shndx = in.symbols[sym].st_shndx;
          if (shndx >= in.sections.size() || placement[i][shndx].first < 0)
            return Unsupported(i, "relocation against a section that is not merged");
          new_sym = static_cast<uint32_t>(placement[i][shndx].first + 1);
          rela.r_addend += static_cast<int64_t>(placement[i][shndx].second);
        } else if (sym != 0) {
          new_sym = final_index(slot[i][sym]);
        }
        rela.r_offset += target_offset;
        rela.r_info = ELF64_R_INFO(new_sym, type);
        out.relocations.push_back(rela);
      }
    }
  }

  // --- layout: header, section contents, relocations, symbols, strings,
  // section header table ---
  StringTable section_names, symbol_names;
  std::vector<Elf64_Shdr> headers(1);
  std::vector<const std::vector<char>*> contents(1, nullptr);
  std::vector<std::vector<char>> owned;
  owned.reserve(sections.size() + 3);
  for (OutputSection& out : sections) {
    out.header.sh_name = section_names.Add(out.name);
    headers.push_back(out.header);
    contents.push_back(&out.data);
  }
  const size_t symtab_index = headers.size() + static_cast<size_t>(std::count_if(
      sections.begin(), sections.end(), [](const OutputSection& s) { return !s.relocations.empty(); }));
  for (size_t s = 0; s < sections.size(); ++s) {
    if (sections[s].relocations.empty()) continue;
    Elf64_Shdr h{};
    h.sh_name = section_names.Add(".rela" + sections[s].name);
    h.sh_type = SHT_RELA;
    h.sh_flags = SHF_INFO_LINK;
    h.sh_link = static_cast<uint32_t>(symtab_index);
    h.sh_info = static_cast<uint32_t>(s + 1);
    h.sh_entsize = sizeof(Elf64_Rela);
    h.sh_addralign = 8;
    const auto& r = sections[s].relocations;
    owned.emplace_back(reinterpret_cast<const char*>(r.data()),
                       reinterpret_cast<const char*>(r.data() + r.size()));
    h.sh_size = owned.back().size();
    headers.push_back(h);
    contents.push_back(&owned.back());
  }
  std::vector<Elf64_Sym> symbols(1 + sections.size());
  for (size_t s = 0; s < sections.size(); ++s) {
    symbols[s + 1].st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
    symbols[s + 1].st_shndx = static_cast<uint16_t>(s + 1);
  }
  for (const auto* group : {&locals, &globals}) {
    for (const PendingSymbol& p : *group) {
      Elf64_Sym sym = p.symbol;
      sym.st_name = symbol_names.Add(p.name);
      symbols.push_back(sym);
    }
  }
  {
    Elf64_Shdr h{};
    h.sh_name = section_names.Add(".symtab");
    h.sh_type = SHT_SYMTAB;
    h.sh_link = static_cast<uint32_t>(symtab_index + 1);
    h.sh_info = static_cast<uint32_t>(first_global);
    h.sh_entsize = sizeof(Elf64_Sym);
    h.sh_addralign = 8;
    owned.emplace_back(reinterpret_cast<const char*>(symbols.data()),
                       reinterpret_cast<const char*>(symbols.data() + symbols.size()));
    h.sh_size = owned.back().size();
    headers.push_back(h);
    contents.push_back(&owned.back());
  }
  for (const char* name : {".strtab", ".shstrtab"}) {
    Elf64_Shdr h{};
    h.sh_name = section_names.Add(name);
    h.sh_type = SHT_STRTAB;
    h.sh_addralign = 1;
    headers.push_back(h);
    contents.push_back(nullptr);
  }
  owned.push_back(symbol_names.data());
  contents[symtab_index + 1] = &owned.back();
  owned.push_back(section_names.data());
  contents[symtab_index + 2] = &owned.back();

  std::vector<char> result(sizeof(Elf64_Ehdr), '\0');
  for (size_t s = 1; s < headers.size(); ++s) {
    Elf64_Shdr& h = headers[s];
    if (h.sh_type == SHT_NOBITS) {
      h.sh_offset = result.size();
      continue;
    }
    result.resize(AlignUp(result.size(), std::max<uint64_t>(1, h.sh_addralign)), '\0');
    h.sh_offset = result.size();
    h.sh_size = contents[s]->size();
    result.insert(result.end(), contents[s]->begin(), contents[s]->end());
  }
  result.resize(AlignUp(result.size(), 8), '\0');
  Elf64_Ehdr header = inputs.front().header;
  header.e_shoff = result.size();
  header.e_shnum = static_cast<uint16_t>(headers.size());
  header.e_shstrndx = static_cast<uint16_t>(symtab_index + 2);
  header.e_phoff = 0;
  header.e_phnum = 0;
  for (const Elf64_Shdr& h : headers) {
    const char* p = reinterpret_cast<const char*>(&h);
    result.insert(result.end(), p, p + sizeof(h));
  }
  std::memcpy(result.data(), &header, sizeof(header));
  return result;
}

}  // namespace xlsaot
