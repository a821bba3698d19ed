// festmatch — checking an Event built in code, with the same rules and messages as the readers.
//
// Problem: library users who build an Event in code (not from a file) need the checks the file
// readers make: duplicate ids, unknown or out-of-range references, numbers out of range, both
// `available` and `unavailable`, requests made twice, and pinned meetings that break a rule.
// Method: indices are checked first (detail::event::check_indices); then the event is turned into
// its JSON document (write_event_json's shape) and run through the file reader's converter, so a
// hand-built event and a file get identical diagnostics; pinned meetings are checked last, and
// only when everything else is valid. Locations are JSON pointers into that document
// ("/startups/3/stage"); the diagnostics' file is empty (printed as "<input>").
// Complexity: O(size of the event) plus the cost of the document (a copy of the event's text).
//
//   std::vector<festmatch::Diagnostic> problems = festmatch::check_event(event);
//   for (const auto& d : problems) std::cerr << d.to_string() << '\n';
//
// Unlike the readers it returns the list instead of throwing, and does not fill or check
// Slot::start_utc against Slot::start (the readers do; a bad start is reported either way).
#pragma once

#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/read_options.hpp"

namespace festmatch {

// The errors (empty when the event is valid); the warnings go where `options` says
// (event/read_options.hpp), and only for a valid event.
FESTMATCH_FUNC std::vector<Diagnostic> check_event(const Event& event,
                                                   const ReadOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/event/validate-inl.hpp"
#endif
