#include "tests/support/conformance_case.h"

#include <algorithm>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "ir/parser.h"

namespace xlsaot {
namespace {

constexpr std::string_view kDirectivePrefix = "//!";

Error At(const std::string& path, int line, const std::string& what) {
  return MakeError(ErrorCode::kParse, path + ":" + std::to_string(line) + ": " + what);
}

Result<Value> ParseValueAt(const std::string& path, int line, std::string_view text) {
  Result<Value> v = ParseTypedValue(TrimDirectiveText(text));
  if (!v.ok()) return At(path, line, "bad value '" + std::string(TrimDirectiveText(text)) + "': " + v.error());
  return v;
}

// "ARG; ARG -> EXPECTED" (no args: "-> EXPECTED").
Result<ConformanceRun> ParseRun(const std::string& path, int line, std::string_view text) {
  const size_t arrow = text.find("->");
  if (arrow == std::string_view::npos) return At(path, line, "run: needs 'ARGS -> EXPECTED'");
  ConformanceRun run;
  run.line = line;
  std::string_view args = TrimDirectiveText(text.substr(0, arrow));
  while (!args.empty()) {
    const size_t semi = args.find(';');
    XLSAOT_ASSIGN_OR_RETURN(Value v, ParseValueAt(path, line, args.substr(0, semi)));
    run.args.push_back(std::move(v));
    if (semi == std::string_view::npos) break;
    args = args.substr(semi + 1);
    if (TrimDirectiveText(args).empty()) return At(path, line, "run: empty argument after ';'");
  }
  XLSAOT_ASSIGN_OR_RETURN(run.expected, ParseValueAt(path, line, text.substr(arrow + 2)));
  return run;
}

}  // namespace

std::string_view TrimDirectiveText(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Result<ConformanceCase> LoadConformanceCase(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open conformance case");
  std::stringstream buffer;
  buffer << in.rdbuf();

  ConformanceCase c;
  c.path = path;
  c.name = std::filesystem::path(path).stem().string();
  c.ir_text = buffer.str();

  std::istringstream lines(c.ir_text);
  std::string raw;
  int line_no = 0;
  while (std::getline(lines, raw)) {
    ++line_no;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.starts_with(kDirectivePrefix)) continue;
    std::string_view body = line.substr(kDirectivePrefix.size());
    if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    const size_t colon = body.find(':');
    if (colon == std::string_view::npos) return At(path, line_no, "directive without ':'");
    const std::string_view key = body.substr(0, colon);
    std::string_view value = body.substr(colon + 1);
    // The key is followed by ':' and one space; the rest is the value, kept
    // verbatim (messages may have meaningful spaces). "//! trace:" alone is
    // an empty message.
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);

    if (key == "source") continue;
    if (key == "top") {
      if (!c.top.empty()) return At(path, line_no, "more than one top: directive");
      c.top = std::string(TrimDirectiveText(value));
    } else if (key == "run") {
      XLSAOT_ASSIGN_OR_RETURN(ConformanceRun run, ParseRun(path, line_no, value));
      c.runs.push_back(std::move(run));
    } else if (key == "assert" || key == "trace" || key == "cover") {
      if (c.runs.empty()) return At(path, line_no, std::string(key) + ": before any run:");
      ConformanceRun& run = c.runs.back();
      (key == "assert" ? run.asserts : key == "trace" ? run.traces : run.covers).emplace_back(value);
    } else if (key == "error") {
      c.expected_error = std::string(TrimDirectiveText(value));
    } else {
      return At(path, line_no, "unknown directive '" + std::string(key) + "'");
    }
  }
  if (c.top.empty()) return At(path, line_no, "no top: directive");
  return c;
}

std::vector<std::string> ListConformanceCases(const std::string& shared_dir) {
  return ListIrFiles(std::filesystem::path(shared_dir) / "conformance" / "cases");
}

std::vector<std::string> ListIrFiles(const std::filesystem::path& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".ir") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> EventTexts(const Events& events, Event::Kind kind) {
  std::vector<std::string> out;
  for (const Event& e : events.log)
    if (e.kind == kind) out.push_back(e.text);
  return out;
}

bool CoversMatch(const ConformanceRun& run, const Events& events) {
  if (run.covers.empty()) return true;
  std::map<std::string, int64_t> expected;
  for (const std::string& label : run.covers) ++expected[label];
  return expected == events.cover_hits;
}

}  // namespace xlsaot
