# What makes xlsaot installable and usable outside CMake (docs/packaging.md):
#   * xlsaot-runtime.pc, the runtime for pkg-config (Make and other builds);
#   * the Debian package, built from a configured tree with `cpack -G DEB`.
# Included by the top-level CMakeLists.txt after the install rules, which the
# package contains unchanged.

# pkg-config: paths relative to the .pc file (${pcfiledir}), so one file is
# right for every prefix: `cmake --install --prefix`, the package's /usr, or
# a package unpacked anywhere. An absolute install directory stays absolute.
set(XLSAOT_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${XLSAOT_PC_DIR}")
  set(XLSAOT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH prefix_from_pc_dir "/prefix/${XLSAOT_PC_DIR}" "/prefix")
  string(REGEX REPLACE "/$" "" prefix_from_pc_dir "${prefix_from_pc_dir}")
  set(XLSAOT_PC_PREFIX "\${pcfiledir}/${prefix_from_pc_dir}")
endif()
foreach(kind IN ITEMS INCLUDEDIR LIBDIR BINDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(XLSAOT_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  else()
    set(XLSAOT_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
configure_file(cmake/xlsaot-runtime.pc.in "${PROJECT_BINARY_DIR}/xlsaot-runtime.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/xlsaot-runtime.pc" DESTINATION "${XLSAOT_PC_DIR}")

# The Debian package: one package, `xlsaot`, with everything the install
# rules install (the compiler, the runtime libraries and headers, the CMake
# package, the pkg-config file) under /usr. `cpack -G DEB` in the build tree
# writes xlsaot_<version>_<arch>.deb, installable with
# `apt-get install ./xlsaot_<version>_<arch>.deb` on Debian 12.
set(XLSAOT_PACKAGE_MAINTAINER "xlsaot maintainers <xlsaot@invalid>"
    CACHE STRING "Maintainer field of the Debian package (Name <address>)")
# `cpack` alone, and the `package` build target, make the Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME xlsaot)
set(CPACK_PACKAGE_VENDOR xlsaot)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "ahead-of-time compiler for XLS IR with a standalone C++ runtime")
set(CPACK_PACKAGE_CONTACT "${XLSAOT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${XLSAOT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The long description; CPack puts the summary above it as the synopsis.
set(CPACK_PACKAGE_DESCRIPTION
    "xlsaot compiles functions of XLS IR (the intermediate representation of
Google's XLS hardware toolchain) ahead of time into native object files with
a generated C++ API, which programs link with a small runtime library that
needs neither LLVM nor the compiler. The xlsaot command also parses, verifies,
interprets and JIT-compiles XLS IR.
This package holds the xlsaot command, the runtime library and headers, the
CMake package (find_package(xlsaot), xlsaot_add_library) and the pkg-config
file xlsaot-runtime.pc.")
# Depends: the shared libraries the compiler links (readelf -d), with the
# versions dpkg-shlibdeps computes for it on Debian 12, written out because
# dpkg-shlibdeps itself cannot be trusted with this binary: its RUNPATH (the
# LLVM directory it was linked from) reaches libLLVM through a symlink owned
# by llvm-<major>-dev, which declares no shlibs for it, and whether
# dpkg-shlibdeps then finds libllvm<major> varies from run to run. At run
# time the loader finds libllvm<major>'s library in the system directory.
# The package test checks that every library the packaged compiler needs
# comes from a package listed here. The runtime is a static library:
# consumers need only a C++20 compiler.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libllvm${LLVM_VERSION_MAJOR}, libstdc++6 (>= 11), libgcc-s1 (>= 3.4), libc6 (>= 2.34)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "g++ (>= 4:12) | clang-19")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake (>= 3.25), pkgconf")
# The compiler as installed, without the symbols a RelWithDebInfo tree keeps.
set(CPACK_STRIP_FILES ON)
include(CPack)
