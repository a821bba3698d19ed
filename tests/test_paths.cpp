// Where the tests find the `festmatch` tool and the source tree. tests/CMakeLists.txt defines
// FESTMATCH_CLI and FESTMATCH_SOURCE_DIR for this file only: the other test objects hold no
// absolute path, so ccache shares them between builds of clones in different folders.
#include "test_support.hpp"

namespace festmatch::test {

const char* cli_path() {
  return FESTMATCH_CLI;
}
const char* source_dir() {
  return FESTMATCH_SOURCE_DIR;
}

}  // namespace festmatch::test
