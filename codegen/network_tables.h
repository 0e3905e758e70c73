// The runtime's description of a compiled network (xlsaot/network.h), built
// in memory from a NetworkPlan: what the JIT and `eval-proc --backend aot`
// give the NetworkRunner, and what the generated header of a proc artifact
// writes out as constant data.
#ifndef XLSAOT_CODEGEN_NETWORK_TABLES_H_
#define XLSAOT_CODEGEN_NETWORK_TABLES_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "codegen/network_lowering.h"
#include "xlsaot/network.h"

namespace xlsaot {

class NetworkTables {
 public:
  // Segment i of the plan is entry i.
  static std::unique_ptr<NetworkTables> Build(const NetworkPlan& plan, int64_t scratch_size,
                                              int64_t scratch_alignment);

  const NetworkDescription& description() const { return description_; }

  NetworkTables(const NetworkTables&) = delete;
  NetworkTables& operator=(const NetworkTables&) = delete;

  // The storage behind description(); also read by the header generator.
  std::deque<std::string> strings;
  std::deque<std::vector<uint8_t>> bytes;
  std::deque<std::vector<uint32_t>> words;
  std::vector<NetworkChannel> channels;
  std::deque<std::vector<NetworkStep>> steps;
  std::deque<std::vector<NetworkStateElement>> state;
  std::deque<std::vector<NetworkNextValue>> next_values;
  std::vector<NetworkProc> procs;
  std::vector<NetworkInstance> instances;
  std::vector<NetworkSegment> segments;

 private:
  NetworkTables() = default;
  NetworkDescription description_{};
};

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_NETWORK_TABLES_H_
