// The XLS IR text parser: packages, types and values.
//
// Accepted: XLS's function-level text format as XLS writes it — `package`,
// `file_number`, `[top] fn` (also `scheduled_fn`, whose `stage { ... }`
// groups are flattened into an ordinary function), outer attributes `#[...]`
// before a function (kept verbatim), `//` comments, params `p: T id=N`,
// `param(name=...)` lines in bodies, and every op of op_list.h. The keyword
// attributes each op accepts, their kinds and whether they are required come
// from the op table, plus the universal `id=` and `pos=`.
//
// Procs, blocks and channels (`[top] proc`, `scheduled_proc`, `[top] block`,
// `scheduled_block`, `chan`, and everything inside them such as `reg` or
// `instantiation`) are not modelled: their text is skipped by balanced
// brackets (strings are whole tokens, so braces inside strings do not count)
// and each is recorded as a NonFunctionEntity, so the package stays usable
// for its functions and asking for one of them as top gives a precise error.
// The printer does not reproduce them.
//
// The parser checks syntax, names and attribute shapes; it does not check
// operand types (the verifier does). It never crashes on any input: nesting
// depth, type widths (kMaxTypeBitCount), array sizes, number sizes and int64
// ranges are all bounded, with an error naming the location.
#ifndef XLSAOT_IR_PARSER_H_
#define XLSAOT_IR_PARSER_H_

#include <memory>
#include <string_view>

#include "ir/package.h"
#include "ir/type.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Parses a whole package. Does NOT run the verifier (ir/verifier.h does).
// Errors: ErrorCode::kParse, message "FILE:LINE:COL: <what>" (one line).
// Functions may refer (to_apply=, body=) to functions defined later. Nodes
// without an id (neither id= nor an "op.N" name) get fresh ids above the
// largest id in the package, so printing always writes a valid id=.
Result<std::unique_ptr<Package>> ParsePackage(std::string_view text,
                                              std::string_view filename = "<string>");

// Types: "bits[8]", "(bits[1], token)", "bits[8][4][2]", "()", "token".
Result<const Type*> ParseType(std::string_view text);

// Typed value text as eval_ir_main --input takes it: bits[32]:0x42,
// bits[8]:-1 (negative literals are sign-extended/wrapped to the width:
// bits[8]:-1 == 255), 0b1010, 1_000, (a, b), (a), (), [a, b], token.
Result<Value> ParseTypedValue(std::string_view text);

// Untyped value text as in literal(value=...), typed by `type`: 42,
// (1, [2, 3]), token.
Result<Value> ParseValueOfType(std::string_view text, const Type* type);

}  // namespace xlsaot

#endif  // XLSAOT_IR_PARSER_H_
