#include "tools/random_comparison.h"

#include <memory>
#include <utility>

#include "fuzz/differential.h"
#include "fuzz/random_source.h"
#include "tools/backend.h"

namespace xlsaot {

Result<RandomComparisonReport> CompareOnRandomInputs(const Function& function,
                                                     const RandomComparisonOptions& options) {
  EvalBackendOptions backend_options;
  backend_options.events = options.events;
  std::vector<std::unique_ptr<EvalBackend>> backends;
  for (const std::string& name : options.engines) {
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<EvalBackend> backend,
                            CreateEvalBackend(name, function, backend_options));
    backends.push_back(std::move(backend));
  }
  RandomSource random(options.seed);
  RandomComparisonReport report;
  std::vector<Value> args;
  std::vector<std::string> outcomes(backends.size());
  for (int64_t n = 0; n < options.count; ++n) {
    args.clear();
    for (const Node* param : function.params()) args.push_back(random.EdgeValue(param->type()));
    for (size_t e = 0; e < backends.size(); ++e) {
      Result<EvalResult> result = backends[e]->Run(args);
      outcomes[e] = result.ok() ? FormatOutcome(*result) : "error: " + result.error();
    }
    for (size_t e = 1; e < backends.size(); ++e) {
      if (outcomes[e] != outcomes[0]) {
        report.disagreement = RandomDisagreement{n + 1, std::move(args), std::move(outcomes)};
        return report;
      }
    }
    ++report.evaluated;
  }
  return report;
}

std::string DescribeDisagreement(const RandomDisagreement& disagreement,
                                 const RandomComparisonOptions& options) {
  std::string text = "disagreement on random input " + std::to_string(disagreement.input_number) +
                     " (seed " + std::to_string(options.seed) + "): " + FormatArgs(disagreement.args) +
                     "\n";
  for (size_t k = 0; k < disagreement.outcomes.size(); ++k) {
    text += "  " + options.engines[k] + ":\n    ";
    for (char c : disagreement.outcomes[k]) text += c == '\n' ? std::string("\n    ") : std::string(1, c);
    text += "\n";
  }
  return text;
}

}  // namespace xlsaot
