// A tiny writer of XLS IR text for tests: parameters and nodes are added in
// order, and the function returns a tuple of the chosen nodes.
#ifndef XLSAOT_TESTS_JIT_IR_TEXT_H_
#define XLSAOT_TESTS_JIT_IR_TEXT_H_

#include <map>
#include <string>
#include <vector>

namespace xlsaot::test {

class FnText {
 public:
  explicit FnText(std::string name) : name_(std::move(name)) {}

  // Adds a parameter and returns its name.
  std::string Param(const std::string& type) {
    const std::string name = "p" + std::to_string(params_.size());
    params_.push_back(name + ": " + type);
    types_[name] = type;
    return name;
  }
  // Adds `name: type = expr` with a fresh name, returned.
  std::string Node(const std::string& type, const std::string& expr) {
    const std::string name = "n" + std::to_string(++counter_);
    lines_.push_back("  " + name + ": " + type + " = " + expr);
    types_[name] = type;
    return name;
  }
  const std::string& TypeOf(const std::string& name) const { return types_.at(name); }

  // The function returning `result` (as is when one node, else a tuple).
  std::string Text(const std::vector<std::string>& results, bool top = false) const {
    std::string ret_type;
    std::string ret_expr;
    if (results.size() == 1) {
      ret_type = TypeOf(results[0]);
      ret_expr = "identity(" + results[0] + ")";
    } else {
      ret_type = "(";
      ret_expr = "tuple(";
      for (size_t i = 0; i < results.size(); ++i) {
        ret_type += (i ? ", " : "") + TypeOf(results[i]);
        ret_expr += (i ? ", " : "") + results[i];
      }
      ret_type += ")";
      ret_expr += ")";
    }
    std::string text = std::string(top ? "top " : "") + "fn " + name_ + "(";
    for (size_t i = 0; i < params_.size(); ++i) text += (i ? ", " : "") + params_[i];
    text += ") -> " + ret_type + " {\n";
    for (const std::string& line : lines_) text += line + "\n";
    text += "  ret result: " + ret_type + " = " + ret_expr + "\n}\n";
    return text;
  }

 private:
  std::string name_;
  std::vector<std::string> params_;
  std::vector<std::string> lines_;
  std::map<std::string, std::string> types_;
  int counter_ = 0;
};

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_JIT_IR_TEXT_H_
