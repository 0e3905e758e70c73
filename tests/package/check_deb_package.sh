#!/usr/bin/env bash
# The Debian package as a user gets it: built by `cpack -G DEB` from the
# already built tree (nothing is rebuilt), unpacked with dpkg-deb into a
# scratch root, and used from there by the CRC-32 example
# (examples/crc32_consumer) twice: with CMake (find_package(xlsaot) and
# xlsaot_add_library, run by the unpacked xlsaot) and with Make and
# pkg-config (xlsaot-runtime.pc and the xlsaot it names). Both programs must
# compute the right checksums and link nothing of LLVM.
#
# Usage: check_deb_package.sh BUILD_DIR SOURCE_DIR WORK_DIR VERSION LIBDIR
# Exit 77 (a skip for ctest) when a tool the check needs is not installed.
set -euo pipefail
build_dir="$1" source_dir="$2" work="$3" version="$4" libdir="$5"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
for tool in cpack dpkg-deb pkg-config make readelf c++; do
  if ! command -v "${tool}" > /dev/null; then
    echo "SKIP: ${tool} is not installed (scripts/packages.txt lists what the tests need)"
    exit 77
  fi
done

rm -rf "${work}"
mkdir -p "${work}"

echo "== cpack -G DEB"
(cd "${build_dir}" && cpack -G DEB -B "${work}/deb") > "${work}/cpack.log" 2>&1 \
  || { cat "${work}/cpack.log"; fail "cpack -G DEB failed"; }
debs=("${work}"/deb/xlsaot_"${version}"_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one xlsaot_${version}_*.deb in ${work}/deb"
deb="${debs[0]}"
echo "${deb}"

# Package metadata: name, version, and the compiler's shared libraries as
# dependencies (it links libLLVM 19).
field() { dpkg-deb -f "${deb}" "$1"; }
[[ "$(field Package)" == xlsaot ]] || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "${version}" ]] || fail "Version is '$(field Version)', the project's is ${version}"
[[ -n "$(field Maintainer)" && -n "$(field Description)" ]] || fail "no Maintainer or Description"
depends="$(field Depends)"
echo "Depends: ${depends}"

root="${work}/root"
dpkg-deb -x "${deb}" "${root}"
usr="${root}/usr"

# Every shared library the packaged compiler needs comes from a package that
# Depends names. The owner is looked up for the library file itself (a
# symlink on the way, such as the one in LLVM's directory, may belong to a
# -dev package), under /usr or, for libraries dpkg knows under /lib, there.
owner_of() {
  local file owner
  file="$(realpath "$1")"
  for candidate in "${file}" "${file#/usr}" "$1"; do
    if owner="$(dpkg -S "${candidate}" 2> /dev/null)"; then
      echo "${owner%%:*}"
      return
    fi
  done
  fail "no package owns $1"
}
needed="$(readelf -d "${usr}/bin/xlsaot" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
[[ -n "${needed}" ]] || fail "readelf shows no NEEDED library of the packaged xlsaot"
for soname in ${needed}; do
  path="$(ldd "${usr}/bin/xlsaot" | awk -v so="${soname}" '$1 == so { print $3 }')"
  [[ -f "${path}" ]] || fail "the packaged xlsaot does not find ${soname}"
  package="$(owner_of "${path}")"
  [[ ", ${depends}," =~ ,\ "${package}"[\ ,] ]] || fail "${soname} comes from ${package}, which Depends lacks"
  echo "${soname}: ${package}"
done
for file in bin/xlsaot "${libdir}/libxlsaot_runtime.a" include/xlsaot/generated_runner.h \
            "${libdir}/cmake/xlsaot/xlsaot-config.cmake" "${libdir}/cmake/xlsaot/XlsaotAddLibrary.cmake" \
            "${libdir}/pkgconfig/xlsaot-runtime.pc"; do
  [[ -f "${usr}/${file}" ]] || fail "the package has no /usr/${file}"
done

# Runs a consumer program and checks its checksums: the standard CRC-32 check
# value of "123456789" and the one of a pangram.
check_consumer() {
  local program="$1" out
  out="$("${program}")" || fail "${program} failed"
  [[ "${out}" == 'crc32("123456789") = cbf43926' ]] || fail "${program} printed: ${out}"
  out="$("${program}" 'The quick brown fox jumps over the lazy dog')" || fail "${program} failed"
  [[ "${out}" == 'crc32("The quick brown fox jumps over the lazy dog") = 414fa339' ]] \
    || fail "${program} printed: ${out}"
  if readelf -d "${program}" | grep -i 'NEEDED.*llvm'; then
    fail "${program} links LLVM"
  fi
  echo "${program}: checksums right, no LLVM"
}

echo "== CMake consumer: find_package(xlsaot) from the unpacked package"
consumer="${source_dir}/examples/crc32_consumer"
cmake -S "${consumer}" -B "${work}/cmake" -DCMAKE_PREFIX_PATH="${usr}" -DCMAKE_BUILD_TYPE=Release \
  > "${work}/cmake-configure.log" 2>&1 || { cat "${work}/cmake-configure.log"; fail "configuring the CMake consumer"; }
grep -qx "xlsaot_DIR:PATH=${usr}/${libdir}/cmake/xlsaot" "${work}/cmake/CMakeCache.txt" \
  || fail "find_package(xlsaot) did not find the unpacked package: $(grep xlsaot_DIR "${work}/cmake/CMakeCache.txt")"
cmake --build "${work}/cmake" -j2 -v > "${work}/cmake-build.log" 2>&1 \
  || { cat "${work}/cmake-build.log"; fail "building the CMake consumer"; }
grep -q "${usr}/bin/xlsaot compile" "${work}/cmake-build.log" \
  || { cat "${work}/cmake-build.log"; fail "the unpacked xlsaot did not compile the IR"; }
check_consumer "${work}/cmake/crc32_demo"

echo "== Make consumer: pkg-config xlsaot-runtime from the unpacked package"
export PKG_CONFIG_PATH="${usr}/${libdir}/pkgconfig"
cflags="$(pkg-config --cflags xlsaot-runtime)"
libs="$(pkg-config --libs xlsaot-runtime)"
echo "cflags: ${cflags}"
echo "libs: ${libs}"
[[ "$(pkg-config --modversion xlsaot-runtime)" == "${version}" ]] || fail "pkg-config version"
# A cross-compiling setup names the root as the sysroot too: the paths,
# already inside it, must not be prefixed twice.
flags="$(pkg-config --cflags --libs xlsaot-runtime)"
sysroot_flags="$(PKG_CONFIG_SYSROOT_DIR="${root}" pkg-config --cflags --libs xlsaot-runtime)"
[[ "${sysroot_flags}" == "${flags}" ]] || fail "PKG_CONFIG_SYSROOT_DIR changes the flags: ${sysroot_flags}"
make -C "${consumer}" OUT="${work}/make" > "${work}/make.log" 2>&1 \
  || { cat "${work}/make.log"; fail "building the Make consumer"; }
grep -q "^${usr}/${libdir}/pkgconfig/.*/bin/xlsaot compile" "${work}/make.log" \
  || { cat "${work}/make.log"; fail "the Make consumer did not run the unpacked xlsaot"; }
# The Makefile's rules are complete: built once, nothing is left to do.
make -q -C "${consumer}" OUT="${work}/make" > /dev/null 2>&1 || fail "a second make would rebuild the Make consumer"
check_consumer "${work}/make/crc32_demo"

rm -rf "${work}"
echo "PASS"
