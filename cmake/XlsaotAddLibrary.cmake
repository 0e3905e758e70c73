# xlsaot_add_library(<target> IR <file.ir> TOP <fn>... [NAME <name>]
#                    [NAMESPACE <ns>] [OPT_LEVEL <0-3>] [CPU <cpu>] [EVENTS]
#                    [JOBS <n>] [RARE_PATHS <n>] [DPI] [C_API] [PYTHON])
#
# Compiles XLS function <fn> of <file.ir> ahead of time, at build time, and
# defines the static library <target>: the compiled object plus the generated
# C++ API, linking xlsaot::runtime. Consumers link <target> and
# `#include "<name>.h"` (docs/cmake.md, docs/generated-api.md). Several
# functions after TOP make one artifact with an entry and a Runner each
# (<namespace>::<fn>::Runner), sharing the code of the functions they call.
#
# EVENTS compiles traces and covers (xlsaot compile --events, docs/cmake.md);
# without it a trace or cover reachable from <fn> fails the build.
#
# DPI also generates the SystemVerilog DPI-C binding (xlsaot compile --dpi,
# docs/dpi.md): <name>_dpi.cc is compiled into <target> (against the svdpi.h
# in XLSAOT_SVDPI_INCLUDE_DIR, found in Verilator's installation unless set)
# and the path of <name>_pkg.sv is the target property XLSAOT_DPI_PACKAGE.
#
# JOBS: threads compiling the parts of a large function (xlsaot compile -j;
# default: the hardware threads). The artifact is the same for any number, so
# changing it does not recompile.
#
# RARE_PATHS: from OPT_LEVEL 2, the most rarely true comparisons a function
# may branch on (xlsaot compile --rare-paths; default 6, 0 for none).
#
# C_API also generates the C API (xlsaot compile --c-api, docs/c-api.md):
# <name>_c.h lands in the target's include directory and its glue is
# compiled into <target>, so C programs link <target> and include
# "<name>_c.h".
#
# PYTHON also generates the Python module (xlsaot compile --python,
# docs/python.md) and defines the MODULE library <target>_python:
# lib<name>.so (the object, the C API glue and the runtime) and <name>.py
# side by side in ${CMAKE_CURRENT_BINARY_DIR}/xlsaot_python/<target>
# ($<TARGET_FILE_DIR:<target>_python>), the directory PYTHONPATH names for
# `import <name>`.
#
# <name> (default: <target>) names the generated files and is the default C++
# namespace; it must be a C identifier. The compiler runs again only when the
# IR file, the xlsaot executable or one of the options changes.
#
# Needs the executable target xlsaot::xlsaot (defined by find_package(xlsaot)
# or, inside the xlsaot source tree, by its top-level CMakeLists.txt).
include_guard(GLOBAL)

function(xlsaot_add_library target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "EVENTS;DPI;C_API;PYTHON" "IR;NAME;NAMESPACE;OPT_LEVEL;CPU;JOBS;RARE_PATHS" "TOP")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "xlsaot_add_library(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required IN ITEMS IR TOP)
    if(NOT ARG_${required})
      message(FATAL_ERROR "xlsaot_add_library(${target}): ${required} is required")
    endif()
  endforeach()
  if(NOT ARG_NAME)
    set(ARG_NAME "${target}")
  endif()
  if(NOT ARG_NAME MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "xlsaot_add_library(${target}): NAME '${ARG_NAME}' is not a C identifier "
                        "(pass NAME explicitly when the target name is not one)")
  endif()
  if(NOT DEFINED ARG_OPT_LEVEL)
    set(ARG_OPT_LEVEL 2)
  endif()
  if(NOT ARG_OPT_LEVEL MATCHES "^[0-3]$")
    message(FATAL_ERROR "xlsaot_add_library(${target}): OPT_LEVEL must be 0, 1, 2 or 3")
  endif()
  if(DEFINED ARG_JOBS AND NOT ARG_JOBS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "xlsaot_add_library(${target}): JOBS must be a positive number")
  endif()
  if(NOT TARGET xlsaot::xlsaot)
    message(FATAL_ERROR "xlsaot_add_library(${target}): no xlsaot::xlsaot executable target "
                        "(call find_package(xlsaot CONFIG REQUIRED) first)")
  endif()

  cmake_path(ABSOLUTE_PATH ARG_IR BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE
             OUTPUT_VARIABLE ir_file)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/xlsaot_generated/${target}")
  set(outputs
    "${out_dir}/${ARG_NAME}.o"
    "${out_dir}/${ARG_NAME}.h"
    "${out_dir}/${ARG_NAME}.cc"
    "${out_dir}/${ARG_NAME}.xlsmeta")

  set(compile_args compile "${ir_file}")
  foreach(top IN LISTS ARG_TOP)
    list(APPEND compile_args --top "${top}")
  endforeach()
  list(APPEND compile_args --name "${ARG_NAME}" --out-dir "${out_dir}" "-O${ARG_OPT_LEVEL}")
  if(ARG_NAMESPACE)
    list(APPEND compile_args --namespace "${ARG_NAMESPACE}")
  endif()
  if(ARG_CPU)
    list(APPEND compile_args --cpu "${ARG_CPU}")
  endif()
  if(NOT "${ARG_RARE_PATHS}" STREQUAL "")
    list(APPEND compile_args --rare-paths "${ARG_RARE_PATHS}")
  endif()
  if(ARG_EVENTS)
    list(APPEND compile_args --events)
  endif()
  if(ARG_DPI)
    _xlsaot_find_svdpi(${target})
    list(APPEND compile_args --dpi)
    list(APPEND outputs "${out_dir}/${ARG_NAME}_pkg.sv" "${out_dir}/${ARG_NAME}_dpi.cc")
  endif()
  if(ARG_C_API OR ARG_PYTHON)
    list(APPEND outputs "${out_dir}/${ARG_NAME}_c.h" "${out_dir}/${ARG_NAME}_c.cc")
    list(APPEND compile_args --c-api)
  endif()
  if(ARG_PYTHON)
    list(APPEND outputs "${out_dir}/${ARG_NAME}.py")
    list(APPEND compile_args --python)
  endif()

  # The options as a file that changes only when they do: a dependency that
  # re-runs the compiler for every generator, not only those that track
  # command lines.
  string(REPLACE ";" " " options_text "${compile_args}")
  file(CONFIGURE OUTPUT "${out_dir}/options.txt" CONTENT "${options_text}\n")
  # The number of threads does not change the artifact: not in options.txt.
  if(ARG_JOBS)
    list(APPEND compile_args -j "${ARG_JOBS}")
  endif()

  # Inside the xlsaot tree the compiler is built first; an installed one is a file.
  get_target_property(compiler xlsaot::xlsaot ALIASED_TARGET)
  if(NOT compiler)
    set(compiler "$<TARGET_FILE:xlsaot::xlsaot>")
  endif()

  list(JOIN ARG_TOP " " top_list)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "$<TARGET_FILE:xlsaot::xlsaot>" ${compile_args}
    DEPENDS "${ir_file}" "${out_dir}/options.txt" "${compiler}"
    COMMENT "xlsaot: compiling ${top_list} (${ARG_IR}) ahead of time into ${ARG_NAME}"
    VERBATIM)

  add_library(${target} STATIC "${out_dir}/${ARG_NAME}.cc" "${out_dir}/${ARG_NAME}.o")
  set_source_files_properties("${out_dir}/${ARG_NAME}.o" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  target_include_directories(${target} PUBLIC "${out_dir}")
  target_link_libraries(${target} PUBLIC xlsaot::runtime)
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(ARG_DPI)
    target_sources(${target} PRIVATE "${out_dir}/${ARG_NAME}_dpi.cc")
    target_include_directories(${target} PRIVATE "${XLSAOT_SVDPI_INCLUDE_DIR}")
    set_target_properties(${target} PROPERTIES XLSAOT_DPI_PACKAGE "${out_dir}/${ARG_NAME}_pkg.sv")
  endif()
  if(ARG_C_API)
    target_sources(${target} PRIVATE "${out_dir}/${ARG_NAME}_c.cc")
  endif()

  if(ARG_PYTHON)
    # The object is position independent (xlsaot compiles with the PIC
    # relocation model) and so is the runtime archive: both link into a
    # shared library.
    # The module and the .py file live in a directory of their own, which is
    # what PYTHONPATH names.
    set(python_dir "${CMAKE_CURRENT_BINARY_DIR}/xlsaot_python/${target}")
    add_custom_command(
      OUTPUT "${python_dir}/${ARG_NAME}.py"
      COMMAND "${CMAKE_COMMAND}" -E copy "${out_dir}/${ARG_NAME}.py" "${python_dir}/${ARG_NAME}.py"
      DEPENDS "${out_dir}/${ARG_NAME}.py"
      VERBATIM)
    add_library(${target}_python MODULE "${out_dir}/${ARG_NAME}_c.cc" "${out_dir}/${ARG_NAME}.o"
                "${python_dir}/${ARG_NAME}.py")
    target_include_directories(${target}_python PRIVATE "${out_dir}")
    target_link_libraries(${target}_python PRIVATE xlsaot::runtime)
    target_compile_features(${target}_python PRIVATE cxx_std_20)
    set_target_properties(${target}_python PROPERTIES PREFIX "lib" OUTPUT_NAME "${ARG_NAME}" SUFFIX ".so"
                          LIBRARY_OUTPUT_DIRECTORY "${python_dir}")
  endif()
endfunction()

# XLSAOT_SVDPI_INCLUDE_DIR: the directory of the standard DPI-C header
# svdpi.h. Any simulator's will do (the header is fixed by IEEE 1800); by
# default Verilator's.
function(_xlsaot_find_svdpi target)
  find_path(XLSAOT_SVDPI_INCLUDE_DIR svdpi.h
    HINTS "$ENV{VERILATOR_ROOT}/include/vltstd" "${VERILATOR_ROOT}/include/vltstd"
    PATHS /usr/share/verilator/include/vltstd /usr/local/share/verilator/include/vltstd
    DOC "Directory of svdpi.h, the DPI-C header (xlsaot_add_library DPI)")
  if(NOT XLSAOT_SVDPI_INCLUDE_DIR)
    message(FATAL_ERROR "xlsaot_add_library(${target}): DPI needs svdpi.h, which was not found: "
                        "install Verilator or set XLSAOT_SVDPI_INCLUDE_DIR to your simulator's "
                        "include directory")
  endif()
endfunction()
