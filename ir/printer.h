// Prints IR as canonical XLS text (the style of XLS's Package::DumpIr), which
// ParsePackage reads back: print -> parse -> print is a fixed point.
//
// Only functions are printed; procs, blocks and channels recorded by the
// parser as NonFunctionEntity are not modelled and therefore not reproduced.
#ifndef XLSAOT_IR_PRINTER_H_
#define XLSAOT_IR_PRINTER_H_

#include <string>
#include <string_view>

#include "ir/function.h"
#include "ir/node.h"
#include "ir/package.h"
#include "ir/type.h"
#include "xlsaot/text_escape.h"  // EscapeString, which string attributes are printed with

namespace xlsaot {

// "package NAME", file_number lines, global channels, then every function
// and then every proc in file order (blank line between), ending in a
// newline. Functions come in XLS's order: callees
// before their callers (a depth-first post-order of the call graph from the
// functions nobody calls), which XLS's own parser requires.
std::string PrintPackage(const Package& package);

// Outer attributes, "[top ]fn NAME(params) -> TYPE {", one node per line
// (parameters are in the signature; a returned parameter gets a
// "ret x: T = param(name=x, id=N)" line), "}" and a newline.
std::string PrintFunction(const Function& function);

// Outer attributes, "[top ]proc NAME[<interface>](state..., init={...}) {",
// the channel, chan_interface and proc_instantiation lines in their order,
// one node per line, "}" and a newline.
std::string PrintProc(const Proc& proc);

// "chan NAME(TYPE, initial_values={...}, id=N, kind=..., ops=..., ...)".
std::string PrintChannel(const Channel& channel);

// One node line without indentation or "ret ":
// "add.3: bits[8] = add(x, y, id=3, pos=[(0,1,2)])".
std::string PrintNode(const Node& node);

// == type->ToString().
std::string PrintType(const Type* type);

}  // namespace xlsaot

#endif  // XLSAOT_IR_PRINTER_H_
