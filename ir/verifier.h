// The IR verifier: checks that parsed (or built) IR is well formed and well
// typed before anything evaluates or compiles it.
//
// Checks every node against its op's typing rule (ir/type_rules.h), and per
// function: operands defined before use and in the same function, unique node
// names, unique node ids (package-wide, params excepted, as in XLS),
// parameters consistent with the node list, a return value of the declared
// return type, callees in the same package, and no recursion through invoke,
// map, counted_for or dynamic_counted_for.
//
// Errors are kVerify and one line:
//   FILE:LINE:COL: in function 'f', node 'add.3': <what is wrong>
// The first error in node order is reported.
#ifndef XLSAOT_IR_VERIFIER_H_
#define XLSAOT_IR_VERIFIER_H_

#include "ir/function.h"
#include "ir/package.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Verifies every function of `package`, in order, plus package-wide rules
// (unique function names, unique node ids, a top that exists).
Status VerifyPackage(const Package& package);

// Verifies one function (and that nothing it calls leads to recursion).
Status VerifyFunction(const Function& function);

}  // namespace xlsaot

#endif  // XLSAOT_IR_VERIFIER_H_
