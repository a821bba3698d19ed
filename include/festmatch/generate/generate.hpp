// festmatch — realistic generated events.
//
// Problem: tests, benchmarks and demos need events shaped like real ones — Techfest Hai Phong,
// Web Summit, Slush — at their real sizes, reproducible from a seed on every platform, and
// valid input (they pass festmatch's validation without errors).
//
// Method: a seeded random model, not uniform noise. Participants are drawn from per-country
// tables (languages, how often English is spoken, name parts), sectors from a popularity table
// with related-sector affinities, startup stages skewed to early stages with asks that fit the
// stage, investors grouped into organisations (funds of 2–5 people plus solo angels) with 1–4
// focus sectors, a window of stages, a ticket range and sometimes a country list. Investor
// popularity follows a Zipf-like law (weight 1/(rank+2)), so requests pile up on a few popular
// investors as at real events. Days have a morning and an afternoon block split by lunch; some
// slots hold fewer tables; some participants come only on some days, half days or miss a few
// slots; some meet online. Requests (some `must`, some returned by the investor, i.e. mutual),
// a few blocked pairs with reasons and a few pinned meetings follow; every pin is built to be
// valid (a requested, unblocked, language- and mode-compatible pair, both free in the slot, no
// one pinned twice in a slot or beyond their cap, the slot's tables respected, one investor per
// organisation per startup).
//
// Determinism: the random numbers come from xoshiro256** (Blackman and Vigna, "Scrambled linear
// pseudorandom number generators", 2018) seeded with splitmix64, one independent stream per
// aspect (slots, startups, investors, requests, ...), and every distribution here is written
// out with integer arithmetic, exact floating-point comparisons, single correctly rounded
// operations (never a multiply-add a compiler could fuse) or constants, never with
// std::uniform_*_distribution or std::shuffle (their output differs between standard
// libraries). The same seed and options give the same Event on every platform.
//
// Complexity: O(S + I + R·log I + P·T) for S startups, I investors, R requests, P pins and
// T slots; a Slush-size event (5,500 × 3,300, 54 slots) takes well under a second.
//
//   festmatch::Event big = festmatch::generate_event(festmatch::Preset::slush, 42);
//
//   auto options = festmatch::preset_options(festmatch::Preset::techfest);
//   options.startups = 20;            // a small event for a test
//   options.investors = 8;
//   options.days = 1;
//   festmatch::Event small = festmatch::generate_event(options, 7);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"

namespace festmatch {

enum class Preset { techfest, websummit, slush };

// A name with an integer weight (relative frequency).
struct WeightedName {
  std::string name;
  int weight = 1;
  friend bool operator==(const WeightedName&, const WeightedName&) = default;
};

// What to generate. The defaults are the techfest preset; preset_options() gives the others.
struct GeneratorOptions {
  std::string name = "Techfest Hai Phong (generated)";
  std::string timezone = "Asia/Ho_Chi_Minh";
  std::string first_day = "2023-09-18";  // YYYY-MM-DD, local date of the first day
  int utc_offset_minutes = 7 * 60;       // the event's UTC offset, e.g. +07:00

  int startups = 250;
  int investors = 60;
  int days = 4;
  int slots_per_day = 14;
  int tables = 30;
  int slot_minutes = 30;           // 20..30 at real events
  int day_start_minutes = 9 * 60;  // first slot of each day, local time
  int lunch_minutes = 60;          // break between the morning and the afternoon block

  // Countries with their relative weights; languages and names follow the country.
  std::vector<WeightedName> countries = {{"VN", 55}, {"KR", 12}, {"SG", 10},
                                         {"IL", 8},  {"NL", 7},  {"CN", 8}};
  // Sectors with their relative popularity. Related pairs among them come from a built-in
  // table (logistics–seaports, agriculture–food and cuisine, automation–AI, ...).
  std::vector<WeightedName> sectors = {
      {"digital technology", 16}, {"agriculture", 10}, {"automation", 9}, {"tourism", 8},
      {"food and cuisine", 8},    {"logistics", 10},   {"seaports", 6},   {"fintech", 9},
      {"healthtech", 7},          {"edtech", 6},       {"cleantech", 7},  {"AI", 12}};

  double partial_availability_rate = 0.25;  // participants not there for the whole event
  double online_rate = 0.08;                // participants who meet online only
  double both_modes_rate = 0.06;            // participants who meet in person or online
  double requests_per_startup = 2.5;        // mean number of requests a startup makes
  double requests_per_investor = 1.5;       // mean number of requests an investor makes
  double mutual_rate = 0.2;          // share of startup requests that the investor also makes
  double must_rate = 0.1;            // share of requests with priority `must`
  double fixed_table_rate = 0.08;    // in-person investors with a fixed table
  double reduced_tables_rate = 0.1;  // slots with fewer tables than the event has
  double blocked_rate = 0.01;        // blocked pairs per startup (at least one)
  int pinned = 6;                    // pinned meetings to place (fewer if none fit)
  bool one_per_organisation = true;  // the event's organisation rule
};

// The options of a preset.
FESTMATCH_FUNC GeneratorOptions preset_options(Preset preset);

FESTMATCH_FUNC std::string_view preset_name(Preset preset);

FESTMATCH_FUNC std::optional<Preset> parse_preset(std::string_view name);

// Generates an event from explicit options; throws InputError when the options are unusable.
FESTMATCH_FUNC Event generate_event(const GeneratorOptions& options, std::uint64_t seed);

// Generates an event of a preset's size and shape.
FESTMATCH_FUNC Event generate_event(Preset preset, std::uint64_t seed);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/generate/generate-inl.hpp"
#endif
