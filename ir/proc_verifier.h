// The rules a proc and a package's proc network must follow, beyond the
// per-node typing rules every function and proc obeys (ir/verifier.h).
//
// Per proc: every send and receive names a channel the proc can use
// (ir/channel_resolution.h), in a direction it allows, with the channel's
// type; interface declarations
// consistent with the header; every proc_instantiation names a proc with
// an interface list, passes one channel of the right type and direction per
// interface channel. Per package: each global channel is sent on by at most
// one proc and received by at most one, a send_receive channel has both
// ends, single_value channels have no initial values, and no proc
// instantiates itself through a chain of instantiations.
#ifndef XLSAOT_IR_PROC_VERIFIER_H_
#define XLSAOT_IR_PROC_VERIFIER_H_

#include "ir/package.h"
#include "ir/proc.h"
#include "xlsaot/result.h"

namespace xlsaot {

Status VerifyProc(const Proc& proc);
Status VerifyProcNetwork(const Package& package);

}  // namespace xlsaot

#endif  // XLSAOT_IR_PROC_VERIFIER_H_
