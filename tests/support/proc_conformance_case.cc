#include "tests/support/proc_conformance_case.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ir/parser.h"
#include "tests/support/conformance_case.h"

namespace xlsaot {
namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) {
    part = std::string(TrimDirectiveText(part));
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

Result<std::vector<Value>> ParseValues(const std::string& text, const std::string& where) {
  std::vector<Value> values;
  for (const std::string& piece : Split(text, ';')) {
    Result<Value> v = ParseTypedValue(piece);
    if (!v.ok()) return MakeError(ErrorCode::kParse, where + ": " + v.error());
    values.push_back(std::move(v).value());
  }
  return values;
}

}  // namespace

Result<ProcConformanceCase> LoadProcConformanceCase(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, path + ": cannot open");
  std::stringstream all;
  all << in.rdbuf();
  ProcConformanceCase c;
  c.path = path;
  c.name = std::filesystem::path(path).stem().string();
  c.ir_text = all.str();
  std::istringstream lines(c.ir_text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.rfind("//! ", 0) != 0) continue;
    const std::string where = path + ":" + std::to_string(number);
    const std::string directive = std::string(TrimDirectiveText(line.substr(4)));
    const size_t colon = directive.find(": ");
    const std::string key = directive.substr(0, colon == std::string::npos ? directive.size() : colon);
    const std::string value = colon == std::string::npos ? "" : directive.substr(colon + 2);
    if (key == "source") continue;
    if (key == "top") {
      c.top = value;
    } else if (key == "ticks") {
      ProcCaseStep step;
      step.ticks = std::stoll(value);
      step.text = directive;
      c.script.push_back(std::move(step));
    } else if (key == "input" || key == "output") {
      const size_t sep = value.find(':');
      if (sep == std::string::npos) return MakeError(ErrorCode::kParse, where + ": expected CHANNEL: VALUES");
      Result<std::vector<Value>> values = ParseValues(value.substr(sep + 1), where);
      if (!values.ok()) return values.error_value();
      if (key == "input") {
        c.script.push_back(ProcCaseStep{true, std::string(TrimDirectiveText(value.substr(0, sep))), std::move(values).value(), 0, directive});
      } else {
        c.outputs.push_back(ProcCaseOutput{std::string(TrimDirectiveText(value.substr(0, sep))), std::move(values).value()});
      }
    } else if (key == "state") {
      // PROC ELEMENT: VALUE
      const size_t space = value.find(' ');
      const size_t sep = value.find(": ");
      if (space == std::string::npos || sep == std::string::npos || sep < space)
        return MakeError(ErrorCode::kParse, where + ": expected PROC ELEMENT: VALUE");
      Result<Value> v = ParseTypedValue(value.substr(sep + 2));
      if (!v.ok()) return MakeError(ErrorCode::kParse, where + ": " + v.error());
      c.states.push_back(ProcCaseState{value.substr(0, space), value.substr(space + 1, sep - space - 1), *v});
    } else if (key == "trace") {
      c.traces.push_back(value);
      c.has_trace_lines = true;
    } else if (key == "assert") {
      c.expected_assert = value;
    } else if (key == "deadlock") {
      c.expected_deadlock = Split(value, ',');
    } else if (key == "conflict") {
      const size_t space = value.find(' ');
      if (space == std::string::npos) return MakeError(ErrorCode::kParse, where + ": expected PROC ELEMENT");
      c.conflict_proc = value.substr(0, space);
      c.conflict_element = value.substr(space + 1);
    } else {
      return MakeError(ErrorCode::kParse, where + ": unknown directive '" + key + "'");
    }
  }
  if (c.top.empty()) return MakeError(ErrorCode::kParse, path + ": no '//! top:' line");
  return c;
}

std::vector<std::string> ListProcConformanceCases(const std::string& shared_dir) {
  return ListIrFiles(std::filesystem::path(shared_dir) / "conformance-procs" / "cases");
}

}  // namespace xlsaot
