// festmatch — find a startup or investor by its id, or fail naming the nearest known id.
//
// Problem: the command line names participants by id (`festmatch explain EVENT s001 i01`); a
// miss must exit as an input error that suggests the id the user most likely meant.
// Method: a linear scan for the exact id; on a miss, nearest_name() (util/detail/nearest_name.hpp)
// over the same ids, read in place (no copy of the id list).
// Complexity: O(n) comparisons on a hit; on a miss, nearest_name's bounded work per id.
//
//   const Index s = festmatch::detail::event::find_id(event.startups, "s001", "startup", path);
//   // miss: InputError "PATH: error: unknown startup 's01'; did you mean 's001'?"
#pragma once

#include <cstddef>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/util/detail/nearest_name.hpp"

namespace festmatch::detail::event {

// The position in `people` (startups or investors: anything with a std::string `id`) of the one
// whose id is `id`. A miss throws InputError with one Diagnostic on `file`:
// "unknown WHAT 'ID'" followed by "; did you mean 'NEAREST'?" when an id is close enough.
template <class People>
Index find_id(const People& people, std::string_view id, std::string_view what,
              const std::string& file) {
  for (std::size_t k = 0; k < people.size(); ++k) {
    if (people[k].id == id) return Index(k);
  }
  const auto ids =
      people | std::views::transform([](const auto& p) -> const std::string& { return p.id; });
  throw InputError(
      std::vector<Diagnostic>{{.file = file,
                               .message = "unknown " + std::string(what) + " '" + std::string(id) +
                                          "'" + did_you_mean(id, ids)}});
}

}  // namespace festmatch::detail::event
