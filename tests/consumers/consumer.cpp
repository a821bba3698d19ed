// A program outside festmatch that uses it as a dependency.
#include <festmatch/festmatch.hpp>
#include <iostream>

int main() {
  std::cout << "festmatch " << festmatch::version_major << '.' << festmatch::version_minor << '.'
            << festmatch::version_patch << " (FESTMATCH_VERSION " << FESTMATCH_VERSION << ")\n";
}
