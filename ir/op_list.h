// The single declaration of every XLS IR operation of functions and procs.
//
// Everything that must handle every op (parser, printer, verifier,
// interpreter, LLVM lowering) is driven by this list or switches over the
// `Op` enum it generates without a `default:` label, so that adding an op
// here is a compile error (-Werror=switch) in every layer that misses it.
//
// XLSAOT_FOR_EACH_OP(X) calls
//   X(Enumerator, "text name", positional_operands, flags, attributes...)
// where
//   positional_operands  number of operands written before the keyword
//                        arguments, or kVariadic for any number;
//   flags                OpFlags bits (see op.h);
//   attributes           ATTR(kind, presence) in the order XLS prints them.
//                        Operand-list attributes (cases, default, indices,
//                        invariant_args, data_operands) append to the node's
//                        flat operand list in this order.
#ifndef XLSAOT_IR_OP_LIST_H_
#define XLSAOT_IR_OP_LIST_H_

// clang-format off
#define XLSAOT_FOR_EACH_OP(X)                                                               \
  /* arithmetic */                                                                           \
  X(kAdd,               "add",               2, kFlagCommutative)                            \
  X(kSub,               "sub",               2, kFlagNone)                                   \
  X(kNeg,               "neg",               1, kFlagNone)                                   \
  X(kUMul,              "umul",              2, kFlagCommutative)                            \
  X(kSMul,              "smul",              2, kFlagCommutative)                            \
  X(kUMulp,             "umulp",             2, kFlagNone)                                   \
  X(kSMulp,             "smulp",             2, kFlagNone)                                   \
  X(kUDiv,              "udiv",              2, kFlagNone)                                   \
  X(kSDiv,              "sdiv",              2, kFlagNone)                                   \
  X(kUMod,              "umod",              2, kFlagNone)                                   \
  X(kSMod,              "smod",              2, kFlagNone)                                   \
  /* bitwise logic */                                                                        \
  X(kNot,               "not",               1, kFlagNone)                                   \
  X(kAnd,               "and",               kVariadic, kFlagCommutative)                    \
  X(kOr,                "or",                kVariadic, kFlagCommutative)                    \
  X(kXor,               "xor",               kVariadic, kFlagCommutative)                    \
  X(kNand,              "nand",              kVariadic, kFlagCommutative)                    \
  X(kNor,               "nor",               kVariadic, kFlagCommutative)                    \
  X(kAndReduce,         "and_reduce",        1, kFlagNone)                                   \
  X(kOrReduce,          "or_reduce",         1, kFlagNone)                                   \
  X(kXorReduce,         "xor_reduce",        1, kFlagNone)                                   \
  /* comparisons */                                                                          \
  X(kEq,                "eq",                2, kFlagCommutative | kFlagComparison)          \
  X(kNe,                "ne",                2, kFlagCommutative | kFlagComparison)          \
  X(kULt,               "ult",               2, kFlagComparison)                             \
  X(kULe,               "ule",               2, kFlagComparison)                             \
  X(kUGt,               "ugt",               2, kFlagComparison)                             \
  X(kUGe,               "uge",               2, kFlagComparison)                             \
  X(kSLt,               "slt",               2, kFlagComparison)                             \
  X(kSLe,               "sle",               2, kFlagComparison)                             \
  X(kSGt,               "sgt",               2, kFlagComparison)                             \
  X(kSGe,               "sge",               2, kFlagComparison)                             \
  /* shifts */                                                                               \
  X(kShll,              "shll",              2, kFlagNone)                                   \
  X(kShrl,              "shrl",              2, kFlagNone)                                   \
  X(kShra,              "shra",              2, kFlagNone)                                   \
  /* bit manipulation */                                                                     \
  X(kConcat,            "concat",            kVariadic, kFlagNone)                           \
  X(kBitSlice,          "bit_slice",         1, kFlagNone,                                   \
    ATTR(kStart, kRequired), ATTR(kWidth, kRequired))                                        \
  X(kDynamicBitSlice,   "dynamic_bit_slice", 2, kFlagNone, ATTR(kWidth, kRequired))          \
  X(kBitSliceUpdate,    "bit_slice_update",  3, kFlagNone)                                   \
  X(kReverse,           "reverse",           1, kFlagNone)                                   \
  X(kZeroExt,           "zero_ext",          1, kFlagNone, ATTR(kNewBitCount, kRequired))    \
  X(kSignExt,           "sign_ext",          1, kFlagNone, ATTR(kNewBitCount, kRequired))    \
  X(kDecode,            "decode",            1, kFlagNone, ATTR(kWidth, kRequired))          \
  X(kEncode,            "encode",            1, kFlagNone)                                   \
  X(kOneHot,            "one_hot",           1, kFlagNone, ATTR(kLsbPrio, kRequired))        \
  X(kIdentity,          "identity",          1, kFlagNone)                                   \
  /* selects */                                                                              \
  X(kSel,               "sel",               1, kFlagNone,                                   \
    ATTR(kCases, kRequired), ATTR(kDefault, kOptional))                                      \
  X(kOneHotSel,         "one_hot_sel",       1, kFlagNone, ATTR(kCases, kRequired))          \
  X(kPrioritySel,       "priority_sel",      1, kFlagNone,                                   \
    ATTR(kCases, kRequired), ATTR(kDefault, kRequired))                                      \
  X(kGate,              "gate",              2, kFlagNone)                                   \
  /* aggregates */                                                                           \
  X(kTuple,             "tuple",             kVariadic, kFlagNone)                           \
  X(kTupleIndex,        "tuple_index",       1, kFlagNone, ATTR(kIndex, kRequired))          \
  X(kArray,             "array",             kVariadic, kFlagNone)                           \
  X(kArrayIndex,        "array_index",       1, kFlagNone,                                   \
    ATTR(kIndices, kRequired), ATTR(kAssumedInBounds, kOptional))                            \
  X(kArrayUpdate,       "array_update",      2, kFlagNone,                                   \
    ATTR(kIndices, kRequired), ATTR(kAssumedInBounds, kOptional))                            \
  X(kArraySlice,        "array_slice",       2, kFlagNone, ATTR(kWidth, kRequired))          \
  X(kArrayConcat,       "array_concat",      kVariadic, kFlagNone)                           \
  /* calls and loops */                                                                      \
  X(kInvoke,            "invoke",            kVariadic, kFlagCallsFunction,                  \
    ATTR(kToApply, kRequired))                                                               \
  X(kMap,               "map",               1, kFlagCallsFunction, ATTR(kToApply, kRequired)) \
  X(kCountedFor,        "counted_for",       1, kFlagCallsFunction,                          \
    ATTR(kTripCount, kRequired), ATTR(kStride, kOptional), ATTR(kBody, kRequired),           \
    ATTR(kInvariantArgs, kOptional))                                                         \
  X(kDynamicCountedFor, "dynamic_counted_for", 3, kFlagCallsFunction,                        \
    ATTR(kBody, kRequired), ATTR(kInvariantArgs, kOptional))                                 \
  /* leaves */                                                                               \
  X(kParam,             "param",             0, kFlagNone, ATTR(kName, kRequired))           \
  X(kLiteral,           "literal",           0, kFlagNone, ATTR(kValue, kRequired))          \
  /* side effects and tokens */                                                              \
  X(kAssert,            "assert",            2, kFlagSideEffecting,                          \
    ATTR(kMessage, kRequired), ATTR(kLabel, kOptional))                                      \
  X(kTrace,             "trace",             2, kFlagSideEffecting,                          \
    ATTR(kFormat, kRequired), ATTR(kDataOperands, kRequired), ATTR(kVerbosity, kOptional))   \
  X(kCover,             "cover",             1, kFlagSideEffecting, ATTR(kLabel, kRequired)) \
  X(kAfterAll,          "after_all",         kVariadic, kFlagNone)                           \
  X(kMinDelay,          "min_delay",         1, kFlagNone, ATTR(kDelay, kRequired))        \
  /* procs only: state and channels */                                                       \
  X(kStateRead,         "state_read",        0, kFlagProcOnly,                               \
    ATTR(kStateElement, kRequired), ATTR(kPredicate, kOptional), ATTR(kLabel, kOptional))    \
  X(kNextValue,         "next_value",        0, kFlagProcOnly | kFlagSideEffecting,          \
    ATTR(kStateElement, kRequired), ATTR(kNextStateValue, kRequired),                        \
    ATTR(kPredicate, kOptional), ATTR(kLabel, kOptional))                                    \
  X(kSend,              "send",              2, kFlagProcOnly | kFlagSideEffecting,          \
    ATTR(kPredicate, kOptional), ATTR(kChannel, kRequired))                                  \
  X(kReceive,           "receive",           1, kFlagProcOnly | kFlagSideEffecting,          \
    ATTR(kPredicate, kOptional), ATTR(kChannel, kRequired), ATTR(kBlocking, kOptional))
// clang-format on

// Every keyword attribute an op may carry. Two attributes may share a text
// name when no op accepts both: `value` is a literal's value but the operand
// of a next_value, so the parser looks names up per op (AttrFromName(op, ..)).
// XLSAOT_FOR_EACH_ATTR(X) calls X(Enumerator, "text name", AttrValueKind).
// clang-format off
#define XLSAOT_FOR_EACH_ATTR(X)                                   \
  X(kStart,           "start",             kInteger)              \
  X(kWidth,           "width",             kInteger)              \
  X(kNewBitCount,     "new_bit_count",     kInteger)              \
  X(kLsbPrio,         "lsb_prio",          kBool)                 \
  X(kCases,           "cases",             kOperandList)          \
  X(kDefault,         "default",           kOperand)              \
  X(kIndex,           "index",             kInteger)              \
  X(kIndices,         "indices",           kOperandList)          \
  X(kAssumedInBounds, "assumed_in_bounds", kBool)                 \
  X(kToApply,         "to_apply",          kFunction)             \
  X(kTripCount,       "trip_count",        kInteger)              \
  X(kStride,          "stride",            kInteger)              \
  X(kBody,            "body",              kFunction)             \
  X(kInvariantArgs,   "invariant_args",    kOperandList)          \
  X(kName,            "name",              kIdentifier)           \
  X(kValue,           "value",             kValue)                \
  X(kMessage,         "message",           kString)               \
  X(kLabel,           "label",             kString)               \
  X(kFormat,          "format",            kString)               \
  X(kDataOperands,    "data_operands",     kOperandList)          \
  X(kVerbosity,       "verbosity",         kInteger)              \
  X(kDelay,           "delay",             kInteger)              \
  X(kStateElement,    "state_element",     kIdentifier)           \
  X(kNextStateValue,  "value",             kOperand)              \
  X(kPredicate,       "predicate",         kOperand)              \
  X(kChannel,         "channel",           kIdentifier)           \
  X(kBlocking,        "blocking",          kBool)
// clang-format on

#endif  // XLSAOT_IR_OP_LIST_H_
