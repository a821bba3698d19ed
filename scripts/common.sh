# Shared by scripts/test and scripts/demo: install what is missing, then configure and build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

# Debian 12 packages the project builds with (and the tools its tests use); the Python module
# is built for Debian's /usr/bin/python3 with its headers, pybind11, numpy and pytest.
packages=(g++ cmake ninja-build pkg-config python3 ccache
          libeigen3-dev libboost-graph-dev libfmt-dev nlohmann-json3-dev
          libcli11-dev doctest-dev libbenchmark-dev
          python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pytest)

# ccache keeps compiled objects between builds: another build of the same sources, from this
# clone or any other clone on the machine, compiles only what changed. Paths under the checkout
# are hashed relative to it (CCACHE_BASEDIR) and the build folder is left out of the hash
# (CCACHE_NOHASHDIR), so a fresh clone in another folder hits the same entries.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

install_missing() {
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "error: missing packages and not root: ${missing[*]}" >&2
      exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# configure_and_build DIR [cmake args...]; builds $build_targets when set (default: everything).
# The Python module is for Debian's interpreter, whatever python3 comes first on PATH.
configure_and_build() {
  local dir=$1
  shift
  cmake -S "$root" -B "$root/$dir" -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DPython_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
  # shellcheck disable=SC2086  # a list of target names
  cmake --build "$root/$dir" -j "$jobs" ${build_targets:+--target $build_targets}
}
