# Shared by scripts/demo.sh and scripts/test.sh: installing the packages of
# scripts/packages.txt and building into build/. Source it; do not run it.

# The repository root (the parent of scripts/), whatever the caller's cwd.
XLSAOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XLSAOT_BUILD_DIR="${XLSAOT_ROOT}/build"

# Installs, with apt-get, the packages listed in a file (one per line, `#`
# comments; default scripts/packages.txt) that are not installed yet. Does
# nothing (and needs no network) when all are present.
xlsaot_install_packages() {
  local list="${1:-${XLSAOT_ROOT}/scripts/packages.txt}"
  local wanted=() missing=() pkg
  while read -r pkg; do
    [[ -z "${pkg}" || "${pkg}" == \#* ]] && continue
    wanted+=("${pkg}")
  done < "${list}"

  if ! command -v dpkg-query > /dev/null; then
    echo "note: dpkg-query not found (not Debian?); make sure these are installed: ${wanted[*]}" >&2
    return 0
  fi
  for pkg in "${wanted[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "${pkg}" 2> /dev/null)" != "install ok installed" ]]; then
      missing+=("${pkg}")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi

  echo "== installing missing packages: ${missing[*]}"
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo > /dev/null; then
      sudo=(sudo)
    else
      echo "error: these packages are missing and installing them needs root: ${missing[*]}" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds everything into build/ (incremental after the
# first run).
xlsaot_build() {
  cd "${XLSAOT_ROOT}"
  if [[ ! -f "${XLSAOT_BUILD_DIR}/build.ninja" ]]; then
    echo "== configuring into ${XLSAOT_BUILD_DIR}"
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  echo "== building"
  ninja -C build -j "$(nproc 2> /dev/null || echo 2)"
}
