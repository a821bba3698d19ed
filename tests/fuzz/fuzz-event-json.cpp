// libFuzzer entry point for festmatch::fuzz::event_json (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  festmatch::fuzz::event_json(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
