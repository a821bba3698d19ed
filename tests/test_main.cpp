// The doctest main of festmatch-tests. CTest runs each test case on its own, as
// `festmatch-tests --test-case=NAME` (doctest_discover_tests in tests/CMakeLists.txt), so before
// running anything the main checks that every name can be run that way: CMake splits a name at
// ';' into names that match no test case (they would pass without running anything), '*' and
// '?' are wildcards in the filter, and the filter ignores case, so two test cases whose names
// differ only in case would run together. A bad name fails every run, and so the build, which
// lists the test cases after linking.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <string>

namespace {

std::string where(const doctest::detail::TestCase& tc) {
  return std::string(tc.m_file.c_str()) + ":" + std::to_string(tc.m_line);
}

// Reports every test case whose name CTest cannot run on its own; true when there is none.
bool test_case_names_usable() {
  bool usable = true;
  std::map<std::string, const doctest::detail::TestCase*> seen;  // lower-case name -> test case
  for (const auto& tc : doctest::detail::getRegisteredTests()) {
    const std::string name = tc.m_name;
    if (name.find_first_of(";*?") != std::string::npos) {
      std::cerr << where(tc) << ": error: test case name '" << name
                << "' holds ';', '*' or '?', so CTest cannot run it on its own\n";
      usable = false;
    }
    if (tc.m_template_id != -1) continue;  // TEST_CASE_TEMPLATE: one name, run together
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    const auto [previous, fresh] = seen.emplace(key, &tc);
    if (!fresh) {
      std::cerr << where(tc) << ": error: test case name '" << name << "' is also the name at "
                << where(*previous->second) << " (test case names are compared ignoring case)\n";
      usable = false;
    }
  }
  return usable;
}

}  // namespace

int main(int argc, char** argv) {
  if (!test_case_names_usable()) return 1;
  return doctest::Context(argc, argv).run();
}
