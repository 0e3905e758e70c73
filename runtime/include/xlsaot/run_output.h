// The result of NAME::Runner::RunWithEvents: the function's value together
// with the messages of the assertions that failed while computing it.
#ifndef XLSAOT_RUN_OUTPUT_H_
#define XLSAOT_RUN_OUTPUT_H_

#include <string>
#include <vector>

namespace xlsaot {

template <typename T>
struct RunOutput {
  T output;
  // Messages of the failed assertions, in execution order (empty when all
  // held). A failing assert does not stop evaluation, so `output` is the
  // value the function computed regardless.
  std::vector<std::string> assertions;
};

}  // namespace xlsaot

#endif  // XLSAOT_RUN_OUTPUT_H_
