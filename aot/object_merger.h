// Merging of relocatable ELF objects into one, as a relocatable link
// (`ld -r`) would, for the objects the code generator emits when it compiles
// the parts of a large function separately (aot/parallel_object_emitter.h).
// An artifact stays one object file whatever the number of parts.
#ifndef XLSAOT_AOT_OBJECT_MERGER_H_
#define XLSAOT_AOT_OBJECT_MERGER_H_

#include <span>
#include <vector>

#include "xlsaot/result.h"

namespace xlsaot {

// Concatenates the sections of `objects` (64-bit little-endian ELF
// relocatable objects of one machine, RELA relocations) by name, type and
// flags in order of first appearance, and resolves the symbols one object
// defines and another references. Defined symbols of hidden visibility are
// internal to the merged object and become local; other global symbols stay
// global. The result depends only on the inputs and their order. Errors:
// kUnsupported for input outside that subset (REL relocations, groups,
// linked-order sections, common symbols, a global defined twice).
Result<std::vector<char>> MergeRelocatableObjects(std::span<const std::vector<char>> objects);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_OBJECT_MERGER_H_
