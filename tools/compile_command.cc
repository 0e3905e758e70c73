#include "tools/compile_command.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "aot/compiler.h"
#include "aot/network_artifact.h"
#include "tools/diagnostics.h"
#include "tools/load_package.h"

namespace xlsaot {
namespace {

struct CompileOptions {
  std::string ir_file;
  std::vector<std::string> tops;  // empty: the package's top function
  std::string out_dir;
  AotOptions aot;
};

// The functions to compile, in the order given; each at most once.
Result<std::vector<const Function*>> ResolveTops(const Package& package, const std::vector<std::string>& names) {
  if (names.empty()) {
    XLSAOT_ASSIGN_OR_RETURN(Function * top, package.ResolveTopFunction(""));
    return std::vector<const Function*>{top};
  }
  std::vector<const Function*> tops;
  for (const std::string& name : names) {
    if (const Proc* proc = package.GetProc(name)) {
      return MakeError(ErrorCode::kUnsupported,
                       FormatLocation(package.filename(), proc->loc()) + ": '" + name +
                           "' is a proc: a proc network is compiled alone (one --top), not as an entry of an "
                           "artifact of several tops");
    }
    XLSAOT_ASSIGN_OR_RETURN(Function * top, package.ResolveTopFunction(name));
    if (std::find(tops.begin(), tops.end(), top) != tops.end()) {
      return MakeError(ErrorCode::kInvalidArgument, "--top '" + name + "' is given more than once");
    }
    tops.push_back(top);
  }
  return tops;
}

int RunCompile(const CompileOptions& options) {
  Result<std::unique_ptr<Package>> package = LoadVerifiedPackage(options.ir_file);
  if (!package.ok()) return ReportError(package);
  // A proc top (named alone, or the package's top) compiles its whole network.
  const std::string& wanted = options.tops.empty() ? (*package)->top_name() : options.tops.front();
  if (const Proc* proc = (*package)->GetProc(wanted); proc != nullptr && options.tops.size() <= 1) {
    Result<AotArtifact> network = CompileNetworkAheadOfTime(**package, *proc, options.aot);
    if (!network.ok()) return ReportError(network);
    if (Status s = WriteArtifactFiles(*network, options.out_dir); !s.ok()) return ReportError(s);
    return kExitOk;
  }
  Result<std::vector<const Function*>> tops = ResolveTops(**package, options.tops);
  if (!tops.ok()) return ReportError(tops);
  Result<AotArtifact> artifact = CompileAheadOfTime(*tops, options.aot);
  if (!artifact.ok()) return ReportError(artifact);
  if (Status s = WriteArtifactFiles(*artifact, options.out_dir); !s.ok()) return ReportError(s);
  return kExitOk;
}

}  // namespace

Command AddCompileCommand(CLI::App& parent) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* app = parent.add_subcommand(
      "compile",
      "Compile functions ahead of time: writes DIR/NAME.o, NAME.h, NAME.cc and NAME.xlsmeta");
  app->add_option("file", options->ir_file, "IR file (.ir)")->required();
  app->add_option("--top", options->tops,
                  "Function or proc to compile (default: the package's top); a proc compiles its whole "
                  "network. Repeat it to compile several functions into one artifact, one entry and one "
                  "Runner each")
      ->allow_extra_args(false);  // `--top f file.ir`: the file is no second top
  app->add_option("--name", options->aot.name,
                  "Artifact name: file names and default C++ namespace (a C identifier)")
      ->required();
  app->add_option("--out-dir", options->out_dir, "Directory for the artifact (created if missing)")
      ->required();
  app->add_option("--namespace", options->aot.cpp_namespace,
                  "C++ namespace of the generated API, e.g. 'chip::models' (default: NAME)");
  app->add_option("-O", options->aot.opt_level, "Optimisation level: -O0, -O1, -O2 (default), -O3")
      ->check(CLI::Range(0, 3));
  app->add_option("--cpu", options->aot.cpu,
                  "Target CPU: 'native' (this machine) or an LLVM CPU name; default: the portable "
                  "baseline of this architecture (x86-64)");
  app->add_flag("--events", options->aot.events,
                "Compile traces and covers and record their sites in the metadata, for runners that "
                "collect events (without it a reachable trace or cover is an error)");
  app->add_flag("--dpi", options->aot.dpi,
                "Also write NAME_pkg.sv and NAME_dpi.cc: the function for SystemVerilog through DPI-C "
                "(docs/dpi.md)");
  app->add_flag("--c-api", options->aot.c_api,
                "Also write the C API: NAME_c.h (C11) and its C++ glue NAME_c.cc (docs/c-api.md)");
  app->add_flag("--python", options->aot.python,
                "Also write the Python module NAME.py and the C API it calls (docs/python.md)");
  app->add_option("-j,--jobs", options->aot.jobs,
                  "Threads compiling the parts of a large function at once (default: the hardware "
                  "threads of this machine); the artifact is the same for any number")
      ->check(CLI::PositiveNumber);
  app->add_option("--rare-paths", options->aot.rare_path_conditions,
                  "From -O2, the most comparisons that are rarely true (== against a constant) a function "
                  "may branch on, compiling the code after each once per outcome (default 6; 0: none)")
      ->check(CLI::NonNegativeNumber);
  app->add_option("--scratch-alignment", options->aot.scratch_alignment,
                  "Alignment the compiled code may assume for its scratch buffer (a power of two "
                  ">= 8; default 8)");
  return Command{app, [options] { return RunCompile(*options); }};
}

}  // namespace xlsaot
