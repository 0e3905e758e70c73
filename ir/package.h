// An XLS IR package: a named set of functions, an optional top, and the
// file-number table used by pos= attributes.
#ifndef XLSAOT_IR_PACKAGE_H_
#define XLSAOT_IR_PACKAGE_H_

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ir/function.h"
#include "ir/proc.h"
#include "xlsaot/result.h"

namespace xlsaot {

// A block seen in the text. Blocks are not modelled; they are remembered so
// that asking for one as top gives a precise error instead of "not found".
struct NonFunctionEntity {
  enum class Kind { kBlock };
  Kind kind;
  std::string name;
  SourceLocation loc;
};

class Package {
 public:
  explicit Package(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }

  // The file the package was parsed from ("<string>" otherwise); used in
  // every error message.
  const std::string& filename() const { return filename_; }
  void set_filename(std::string filename) { filename_ = std::move(filename); }

  std::span<const std::unique_ptr<Function>> functions() const { return functions_; }
  Function* AddFunction(std::string name) {
    functions_.push_back(std::make_unique<Function>(std::move(name), this));
    return functions_.back().get();
  }
  // nullptr when absent.
  Function* GetFunction(std::string_view name) const {
    for (const auto& f : functions_)
      if (f->name() == name) return f.get();
    return nullptr;
  }

  // Procs in file order.
  std::span<const std::unique_ptr<Proc>> procs() const { return procs_; }
  Proc* AddProc(std::string name) {
    procs_.push_back(std::make_unique<Proc>(std::move(name), this));
    return procs_.back().get();
  }
  // nullptr when absent.
  Proc* GetProc(std::string_view name) const {
    for (const auto& p : procs_)
      if (p->name() == name) return p.get();
    return nullptr;
  }

  // Package-level (global) channels in file order.
  std::span<const Channel> channels() const { return channels_; }
  void AddChannel(Channel channel) {
    channels_.push_back(std::move(channel));
  }
  const Channel* GetChannel(std::string_view name) const {
    for (const Channel& c : channels_)
      if (c.name == name) return &c;
    return nullptr;
  }

  // Name given by `top fn` / `top proc` / `top block`; empty when none.
  const std::string& top_name() const { return top_name_; }
  void set_top_name(std::string name) { top_name_ = std::move(name); }

  // The function to run: `name` if given, else the package's top. Errors
  // name procs/blocks explicitly and list nothing when the package has no
  // top and no name was given.
  Result<Function*> ResolveTopFunction(std::string_view name = {}) const;
  // The proc to run: `name` if given, else the package's top, else the only
  // proc. Errors name functions and blocks explicitly.
  Result<Proc*> ResolveTopProc(std::string_view name = {}) const;

  // file_number N "path" lines.
  const std::map<int64_t, std::string>& file_numbers() const { return file_numbers_; }
  std::map<int64_t, std::string>& mutable_file_numbers() { return file_numbers_; }

  std::span<const NonFunctionEntity> non_functions() const { return non_functions_; }
  std::vector<NonFunctionEntity>& mutable_non_functions() { return non_functions_; }

 private:
  std::string name_;
  std::string filename_ = "<string>";
  std::vector<std::unique_ptr<Function>> functions_;
  std::vector<std::unique_ptr<Proc>> procs_;
  std::vector<Channel> channels_;
  std::string top_name_;
  std::map<int64_t, std::string> file_numbers_;
  std::vector<NonFunctionEntity> non_functions_;
};

}  // namespace xlsaot

#endif  // XLSAOT_IR_PACKAGE_H_
