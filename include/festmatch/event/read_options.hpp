// festmatch — what the event readers do besides reading: the warnings they give.
//
// A warning names input that is valid but cannot work as the organiser expects; it never stops
// the reading. The readers (read_event, read_event_json, read_event_folder) and check_event give
//   - a minimum above the slots a startup can attend, or above its max_meetings;
//   - a participant available in no slot (unless its max_meetings is 0);
//   - two `must` requests of one startup that the organisation rule forbids together;
//   - a repeated request (merged into one; a `must` among them wins);
//   - an event without startups, investors or slots;
// and, with `check_partners`, a participant with no eligible partner (this scores every pair,
// O(startups · investors · sectors), so it is off unless asked: `festmatch validate` asks).
// Warnings are located like errors (FILE:LINE:COLUMN or FILE:/json/pointer) and capped like them
// (at most 50 a file, then a count).
//
//   std::vector<festmatch::Diagnostic> warnings;
//   auto e = festmatch::read_event("techfest", {.warnings = &warnings, .check_partners = true});
//   for (const auto& w : warnings) std::cerr << w.to_string() << '\n';   // "...: warning: ..."
#pragma once

#include <vector>

#include "festmatch/error.hpp"

namespace festmatch {

struct ReadOptions {
  std::vector<Diagnostic>* warnings = nullptr;  // where warnings go; nullptr drops them
  bool check_partners = false;                  // also warn about participants nobody can meet
};

}  // namespace festmatch
