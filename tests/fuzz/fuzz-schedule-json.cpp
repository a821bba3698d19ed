// libFuzzer entry point for festmatch::fuzz::schedule_json (see targets.hpp).
#include "schedule_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  festmatch::fuzz::schedule_json(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
