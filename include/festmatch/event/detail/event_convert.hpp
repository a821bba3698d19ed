// festmatch — the one place where an event document becomes an Event, checked field by field.
//
// Problem: an event reaches festmatch as a JSON file, as a folder of CSV files, or as an Event
// built in code; all three must be checked by the same rules and report every problem with a
// precise location and a suggestion for misspelt names.
// Method: every form is first brought to the JSON shape of the event file (event/event_json.hpp; an
// ordered_json document; the folder reader builds it from the CSV cells, check_event() from the
// Event). The converter walks that document once, with a JSON pointer for every value, and hands
// each problem to a Locator that knows where the pointer lives in the user's files (a pointer in a
// JSON file, or the LINE:COLUMN of a CSV cell). Pinned meetings are checked against the rules
// afterwards, and only when the rest is valid (input errors take precedence).
// Complexity: O(size of the document + pins·log pins); unknown-name suggestions cost
// O(known names · 64²) each and are only computed for names that are wrong.
//
//   detail::DiagnosticList problems;
//   detail::event::JsonLocator where("event.json");
//   Event e = detail::event::EventConverter(where, problems).convert(doc);
//   if (problems.empty()) detail::event::check_pins(e, where, problems);
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"
#include "festmatch/util/detail/iso_time.hpp"
#include "festmatch/util/detail/nearest_name.hpp"

namespace festmatch::detail::event {

using Json = nlohmann::ordered_json;

// Sizes an event may have; beyond them the input is refused with a diagnostic (never a crash).
struct EventLimits {
  static constexpr std::size_t file_bytes = 256u << 20;  // 256 MiB per file
  static constexpr int json_depth = 64;                  // nesting of JSON arrays and objects
  static constexpr std::size_t sectors = 10'000;
  static constexpr std::size_t stages = 1'000;
  static constexpr std::size_t tables = 100'000;
  static constexpr std::size_t slots = 10'000;
  static constexpr std::size_t startups = 100'000;
  static constexpr std::size_t investors = 100'000;
  static constexpr std::size_t links = 5'000'000;  // requests, blocked pairs, pins: each
  static constexpr int meetings = 100'000;         // max_meetings, min_meetings
  // Above this the scores stop mattering; it also keeps the scheduler's flow arithmetic exact.
  static constexpr double fairness_weight = 1'000;
};

inline std::string pointer_child(const std::string& parent, std::string_view key) {
  std::string out = parent + '/';
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}
inline std::string pointer_child(const std::string& parent, std::size_t index) {
  return parent + '/' + std::to_string(index);
}

// Where a JSON pointer into the event document is in the user's files.
class Locator {
 public:
  virtual ~Locator() = default;
  // A diagnostic (without message) placed at the value `pointer` names.
  [[nodiscard]] virtual Diagnostic at(const std::string& pointer) const = 0;
  // Text put after the main message, e.g. " in column 'stage'" for a CSV cell.
  [[nodiscard]] virtual std::string column_note(const std::string&) const { return {}; }
  // The diagnostic for a required field that is absent from the object at `parent`, or
  // nullopt to stay silent (a CSV file that lacks the whole column says so once).
  [[nodiscard]] virtual std::optional<Diagnostic> missing(const std::string& parent,
                                                          const std::string& field) const {
    Diagnostic d = at(parent);
    d.message = "missing required field '" + field + "'";
    return d;
  }
  // How a message names another place, e.g. "/pinned/1" or "pinned.csv:3".
  [[nodiscard]] virtual std::string ref(const std::string& pointer) const { return pointer; }
};

class JsonLocator final : public Locator {
 public:
  explicit JsonLocator(std::string file) : file_(std::move(file)) {}
  [[nodiscard]] Diagnostic at(const std::string& pointer) const override {
    return Diagnostic{.file = file_, .pointer = pointer};
  }

 private:
  std::string file_;
};

// The text without the spaces and tabs around it.
inline std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The shortest text that reads back as the same double ("0", "2000000", "1.5", "1e+300").
inline std::string format_number(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<long long>(x));  // 2000000, not 2e+06
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

// A value as a message shows it: JSON text, at most about 40 bytes.
inline std::string show(const Json& v) {
  if (v.is_number_float()) return format_number(v.get<double>());
  std::string s = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (s.size() > 40) {
    std::size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}

inline std::string show_number(double x) {
  return format_number(x);
}

struct NumberRule {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
};

class EventConverter {
 public:
  // Errors go to `problems`; warnings (a repeated request, merged) to `warnings` when given.
  EventConverter(const Locator& where, DiagnosticList& problems, DiagnosticList* warnings = nullptr)
      : where_(where), problems_(problems), warnings_(warnings) {}

  // Where each of the converted event's requests is ("/requests/K" of the document).
  [[nodiscard]] const std::vector<std::string>& request_pointers() const {
    return request_pointers_;
  }

  Event convert(const Json& doc) {
    Event e;
    if (!doc.is_object()) {
      error("", "an event must be a JSON object, got " + std::string(doc.type_name()));
      return e;
    }
    static constexpr std::string_view top[] = {
        "format",   "event",     "sectors",  "related_sectors", "stages", "tables",  "slots",
        "startups", "investors", "requests", "blocked",         "pinned", "weights", "options"};
    check_fields(doc, "", top);
    read_format(doc);
    if (const Json* ev = member(doc, "event")) {
      if (expect_object(*ev, "/event", "event")) {
        static constexpr std::string_view fields[] = {"name", "timezone"};
        check_fields(*ev, "/event", fields);
        e.name = text(*ev, "/event", "name", false, false).value_or("");
        e.timezone = text(*ev, "/event", "timezone", false, false).value_or("");
      }
    }
    sectors_ok_ = read_names(doc, "sectors", "sector", EventLimits::sectors, e.sectors);
    if (member(doc, "stages")) {
      e.stages.clear();
      stages_ok_ = read_names(doc, "stages", "stage", EventLimits::stages, e.stages);
    }
    read_tables(doc, e);
    e.reindex();
    read_related(doc, e);
    read_slots(doc, e);
    e.reindex();
    read_startups(doc, e);
    read_investors(doc, e);
    e.reindex();
    read_requests(doc, e);
    read_blocked(doc, e);
    read_pinned(doc, e);
    read_weights(doc, e);
    read_options(doc, e);
    report_unknown_names();
    return e;
  }

 private:
  // ---- reporting -------------------------------------------------------------------------
  void error(const std::string& pointer, const std::string& what, const std::string& hint = "") {
    Diagnostic d = where_.at(pointer);
    d.message = what + where_.column_note(pointer) + hint;
    problems_.add(std::move(d));
  }
  void missing(const std::string& parent, const std::string& field) {
    if (auto d = where_.missing(parent, field)) problems_.add(std::move(*d));
  }
  void warning(const std::string& pointer, const std::string& what) {
    if (!warnings_) return;
    Diagnostic d = where_.at(pointer);
    d.message = what + where_.column_note(pointer);
    d.severity = Severity::warning;
    warnings_->add(std::move(d));
  }

  // Unknown names are gathered and reported once per name after the walk, with the count of
  // places that use it: a removed participant is one line, not one per request. When the list
  // the names refer to is empty, that is the one line.
  struct UnknownName {
    std::string kind, name;
    const std::vector<std::string>* known = nullptr;
    std::vector<std::string> pointers;  // the first few places
    std::size_t count = 0;
  };
  void unknown_name(const std::string& ptr, const char* kind, const std::string& name,
                    const std::vector<std::string>& known) {
    const std::string key = std::string(kind) + '\n' + (known.empty() ? std::string() : name);
    auto [it, fresh] = unknown_index_.emplace(key, unknown_.size());
    if (fresh) unknown_.push_back(UnknownName{kind, name, &known, {}, 0});
    UnknownName& u = unknown_[it->second];
    if (u.pointers.size() < 4) u.pointers.push_back(ptr);
    ++u.count;
  }
  void report_unknown_names() {
    for (const auto& u : unknown_) {
      std::string places;
      for (std::size_t k = 1; k < u.pointers.size() && k < 4; ++k) {
        places += (k > 1 ? ", " : "") + where_.ref(u.pointers[k]);
      }
      if (u.count > u.pointers.size())
        places += " and " + std::to_string(u.count - u.pointers.size()) + " more";
      if (u.known->empty()) {  // the root cause: the list itself
        error("/" + u.kind + "s", "no " + u.kind + "s are listed, yet " + std::to_string(u.count) +
                                      (u.count == 1 ? " place names one" : " places name one") +
                                      " (first " + where_.ref(u.pointers.front()) + ": '" + u.name +
                                      "')");
        continue;
      }
      const std::string count =
          u.count > 1 ? " (named in " + std::to_string(u.count) + " places; also " + places + ")"
                      : std::string();
      error(u.pointers.front(), "unknown " + u.kind + " '" + u.name + "'",
            count + hint(u.name, *u.known) + comma_list_hint(u.name, *u.known));
    }
  }
  // "a, b" where both are known: a list written with commas inside a `;` list cell.
  std::string comma_list_hint(const std::string& name, const std::vector<std::string>& known) {
    if (name.find(',') == std::string::npos) return {};
    std::string fixed;
    std::size_t start = 0;
    while (start <= name.size()) {
      const std::size_t end = std::min(name.find(',', start), name.size());
      const std::string_view item = trim_spaces(std::string_view(name).substr(start, end - start));
      if (std::find(known.begin(), known.end(), item) == known.end()) return {};
      fixed += (fixed.empty() ? "" : ";") + std::string(item);
      start = end + 1;
    }
    return " (list items are separated by ';', not ',': write '" + fixed + "')";
  }

  // A "; did you mean …?" hint, within a budget of compared names so that a hostile input with
  // thousands of unknown names among thousands of known ones stays fast.
  template <class Range>
  std::string hint(std::string_view unknown, const Range& known) {
    const auto n = static_cast<std::size_t>(std::distance(std::begin(known), std::end(known)));
    if (problems_.full() || n > hint_budget_) return {};
    hint_budget_ -= n;
    return did_you_mean(unknown, known);
  }

  // ---- typed access ----------------------------------------------------------------------
  static const Json* member(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  template <class Range>
  void check_fields(const Json& obj, const std::string& ptr, const Range& known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
        error(pointer_child(ptr, key), "unknown field '" + key + "'", hint(key, known));
      }
    }
  }

  bool expect_object(const Json& v, const std::string& ptr, const std::string& what) {
    if (v.is_object()) return true;
    error(ptr, "'" + what + "' must be an object, got " + show(v));
    return false;
  }

  // The array at doc[key], or nullptr (absent, wrong type, or too long: reported).
  const Json* array_of(const Json& obj, const std::string& ptr, const char* key, std::size_t limit,
                       const char* plural) {
    const Json* v = member(obj, key);
    if (!v) return nullptr;
    if (!v->is_array()) {
      error(pointer_child(ptr, key), "'" + std::string(key) + "' must be a list, got " + show(*v));
      return nullptr;
    }
    if (v->size() > limit) {
      error(pointer_child(ptr, key), "too many " + std::string(plural) + ": " +
                                         std::to_string(v->size()) + " (at most " +
                                         std::to_string(limit) + ")");
      return nullptr;
    }
    return v;
  }

  std::optional<std::string> text(const Json& obj, const std::string& ptr, const char* key,
                                  bool required, bool nonempty = true) {
    const Json* v = member(obj, key);
    if (!v) {
      if (required) missing(ptr, key);
      return std::nullopt;
    }
    return text_value(*v, pointer_child(ptr, key), key, nonempty);
  }
  std::optional<std::string> text_value(const Json& v, const std::string& ptr,
                                        const std::string& what, bool nonempty = true) {
    if (!v.is_string()) {
      error(ptr, "'" + what + "' must be a string, got " + show(v));
      return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (nonempty && s.empty()) {
      error(ptr, "'" + what + "' must not be empty");
      return std::nullopt;
    }
    return s;
  }

  std::optional<double> number_value(const Json& v, const std::string& ptr, const std::string& what,
                                     const NumberRule& rule) {
    if (!v.is_number()) {
      error(ptr, what + " must be a number, got " + show(v));
      return std::nullopt;
    }
    const double x = v.get<double>();
    if (!std::isfinite(x)) {
      error(ptr, what + " must be a finite number");
      return std::nullopt;
    }
    const bool low = rule.min && (rule.min_exclusive ? x <= *rule.min : x < *rule.min);
    const bool high = rule.max && x > *rule.max;
    if (low || high) {
      std::string need;
      if (rule.min && rule.max) {
        need = "between " + show_number(*rule.min) + " and " + show_number(*rule.max);
      } else if (rule.min) {
        need = (rule.min_exclusive ? "greater than " : "at least ") + show_number(*rule.min);
      } else {
        need = "at most " + show_number(*rule.max);
      }
      error(ptr, what + " must be " + need + ", got " + show(v));
      return std::nullopt;
    }
    return x;
  }
  std::optional<double> number(const Json& obj, const std::string& ptr, const char* key,
                               bool required, const NumberRule& rule) {
    const Json* v = member(obj, key);
    if (!v) {
      if (required) missing(ptr, key);
      return std::nullopt;
    }
    return number_value(*v, pointer_child(ptr, key), "'" + std::string(key) + "'", rule);
  }

  std::optional<int> integer(const Json& obj, const std::string& ptr, const char* key,
                             bool required, std::int64_t lo, std::int64_t hi) {
    const Json* v = member(obj, key);
    if (!v) {
      if (required) missing(ptr, key);
      return std::nullopt;
    }
    const std::string p = pointer_child(ptr, key);
    const std::string what = "'" + std::string(key) + "'";
    if (!v->is_number()) {
      error(p, what + " must be a whole number, got " + show(*v));
      return std::nullopt;
    }
    bool in_range = false;
    std::int64_t value = 0;
    if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      in_range = u <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(u) >= lo;
      if (in_range) value = static_cast<std::int64_t>(u);
    } else if (v->is_number_integer()) {
      value = v->get<std::int64_t>();
      in_range = value >= lo && value <= hi;
    } else {
      const double d = v->get<double>();
      if (!std::isfinite(d) || d != std::floor(d)) {
        error(p, what + " must be a whole number, got " + show(*v));
        return std::nullopt;
      }
      in_range = d >= double(lo) && d <= double(hi);
      if (in_range) value = static_cast<std::int64_t>(d);
    }
    if (!in_range) {
      error(p, what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                   ", got " + show(*v));
      return std::nullopt;
    }
    return static_cast<int>(value);
  }

  std::optional<bool> boolean(const Json& obj, const std::string& ptr, const char* key) {
    const Json* v = member(obj, key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      error(pointer_child(ptr, key),
            "'" + std::string(key) + "' must be true or false, got " + show(*v));
      return std::nullopt;
    }
    return v->get<bool>();
  }

  template <std::size_t N>
  std::optional<std::size_t> choice(const Json& obj, const std::string& ptr, const char* key,
                                    bool required, const std::string_view (&names)[N]) {
    auto s = text(obj, ptr, key, required);
    if (!s) return std::nullopt;
    for (std::size_t k = 0; k < N; ++k) {
      if (names[k] == *s) return k;
    }
    for (std::size_t k = 0; k < N; ++k) {  // enum values in any case: "Want", "MUST"
      if (names[k].size() == s->size() &&
          std::equal(s->begin(), s->end(), names[k].begin(),
                     [](char a, char b) { return ascii_lower(a) == b; })) {
        return k;
      }
    }
    std::string tail = hint(*s, names);
    if (tail.empty()) {
      tail = " (expected ";
      for (std::size_t k = 0; k < N; ++k) {
        tail += (k == 0 ? "" : k + 1 == N ? " or " : ", ") + std::string(names[k]);
      }
      tail += ")";
    }
    error(pointer_child(ptr, key), "unknown " + std::string(key) + " '" + *s + "'", tail);
    return std::nullopt;
  }

  // A name that must be among `names` (looked up through `index`); reported when unknown,
  // unless the list it refers to is itself broken (one error, not hundreds).
  std::optional<Index> resolve(const std::string& name, const std::string& ptr, const char* kind,
                               const std::unordered_map<std::string, Index>& index,
                               const std::vector<std::string>& names, bool list_ok) {
    auto it = index.find(name);
    if (it != index.end()) return it->second;
    const std::string_view k(kind);
    if (k == "sector" || k == "stage") {
      if (auto found = caseless(name, names)) return found;
    }
    if (list_ok) unknown_name(ptr, kind, name, names);
    return std::nullopt;
  }
  // Taxonomy names match in any case ("Logistics", "Seed") when only one name matches.
  std::optional<Index> caseless(const std::string& name, const std::vector<std::string>& names) {
    auto lower = [](std::string s) {
      for (char& c : s) c = ascii_lower(c);
      return s;
    };
    auto [it, fresh] = caseless_.try_emplace(&names);
    if (fresh) {
      for (std::size_t k = 0; k < names.size(); ++k) {
        auto [at, first] = it->second.emplace(lower(names[k]), static_cast<Index>(k));
        if (!first) at->second = -1;  // two names differ only in case: neither matches
      }
    }
    auto found = it->second.find(lower(name));
    if (found == it->second.end() || found->second < 0) return std::nullopt;
    return found->second;
  }
  std::optional<Index> reference(const Json& obj, const std::string& ptr, const char* key,
                                 bool required, const char* kind,
                                 const std::unordered_map<std::string, Index>& index,
                                 const std::vector<std::string>& names, bool list_ok) {
    auto s = text(obj, ptr, key, required);
    if (!s) return std::nullopt;
    return resolve(*s, pointer_child(ptr, key), kind, index, names, list_ok);
  }

  // ---- sections --------------------------------------------------------------------------
  void read_format(const Json& doc) {
    const Json* f = member(doc, "format");
    if (!f) {
      Diagnostic d = where_.at("");
      d.message =
          "missing field 'format': expected \"format\": \"" + std::string(event_format) + "\"";
      problems_.add(std::move(d));
      return;
    }
    if (!f->is_string() || f->get<std::string>() != event_format) {
      error("/format", "unsupported format " + show(*f) + " (this version reads \"" +
                           std::string(event_format) + "\")");
    }
  }

  // A list of unique, non-empty names (sectors, stages, table ids).
  bool read_names(const Json& doc, const char* key, const char* kind, std::size_t limit,
                  std::vector<std::string>& out) {
    const std::string ptr = pointer_child("", key);
    const Json* list = member(doc, key);
    if (!list) return true;
    list = array_of(doc, "", key, limit, key);
    if (!list) return false;
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child(ptr, k);
      auto name = text_value((*list)[k], p, kind);
      out.push_back(name.value_or(""));
      if (!name) continue;
      auto [it, fresh] = first.emplace(*name, k);
      if (!fresh) {
        error(p, "duplicate " + std::string(kind) + " '" + *name + "' (also " +
                     where_.ref(pointer_child(ptr, it->second)) + ")");
      }
    }
    return true;
  }

  void read_tables(const Json& doc, Event& e) {
    const Json* t = member(doc, "tables");
    if (!t) return;
    if (t->is_number()) {
      if (auto n = integer(doc, "", "tables", false, 0,
                           static_cast<std::int64_t>(EventLimits::tables))) {
        for (int k = 1; k <= *n; ++k) e.tables.push_back("T" + std::to_string(k));
      } else {
        tables_ok_ = false;
      }
      return;
    }
    if (!t->is_array()) {
      error("/tables", "'tables' must be a list of table ids or a count, got " + show(*t));
      tables_ok_ = false;
      return;
    }
    tables_ok_ = read_names(doc, "tables", "table", EventLimits::tables, e.tables);
  }

  void read_related(const Json& doc, Event& e) {
    const Json* list =
        array_of(doc, "", "related_sectors", EventLimits::sectors * 10, "related sector pairs");
    if (!list) return;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child("/related_sectors", k);
      const Json& item = (*list)[k];
      if (!item.is_array() || item.size() != 3) {
        error(p, "a related-sector pair must be [sector, sector, affinity], got " + show(item));
        continue;
      }
      std::optional<Index> ab[2];
      for (std::size_t side = 0; side < 2; ++side) {
        const std::string q = pointer_child(p, side);
        if (auto name = text_value(item[side], q, "sector")) {
          ab[side] = resolve(*name, q, "sector", e.sector_index, e.sectors, sectors_ok_);
        }
      }
      auto affinity = number_value(item[2], pointer_child(p, 2), "affinity", {0.0, 1.0});
      if (ab[0] && ab[1] && *ab[0] == *ab[1]) {
        error(p, "sector '" + e.sectors[std::size_t(*ab[0])] + "' is related to itself");
        continue;
      }
      if (ab[0] && ab[1] && affinity) e.related_sectors.push_back({*ab[0], *ab[1], *affinity});
    }
  }

  // Unique ids of the items of one list; reports duplicates.
  void unique_id(std::unordered_map<std::string, std::string>& seen, const std::string& id,
                 const std::string& ptr, const char* kind) {
    auto [it, fresh] = seen.emplace(id, ptr);
    if (!fresh) {
      error(pointer_child(ptr, "id"), "duplicate " + std::string(kind) + " id '" + id + "' (also " +
                                          where_.ref(it->second) + ")");
    }
  }

  void read_slots(const Json& doc, Event& e) {
    const Json* list = member(doc, "slots");
    if (!list) return;
    list = array_of(doc, "", "slots", EventLimits::slots, "slots");
    if (!list) {
      slots_ok_ = false;
      return;
    }
    static constexpr std::string_view fields[] = {"id", "start", "minutes", "tables"};
    std::unordered_map<std::string, std::string> seen;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child("/slots", k);
      Slot s;
      const Json& item = (*list)[k];
      if (expect_object(item, p, "slot")) {
        check_fields(item, p, fields);
        if (auto id = text(item, p, "id", true)) {
          s.id = *id;
          unique_id(seen, s.id, p, "slot");
        }
        if (auto start = text(item, p, "start", true)) {
          s.start = *start;
          const ParsedTime t = parse_slot_start(*start);
          if (t.ok) {
            s.start_utc = t.utc_seconds;
            s.utc_offset_minutes = t.offset_minutes;
          } else {
            error(pointer_child(p, "start"), "invalid slot start '" + *start + "': " + t.error);
          }
        }
        s.minutes = integer(item, p, "minutes", true, 1, 24 * 60).value_or(0);
        s.tables =
            integer(item, p, "tables", false, 0, static_cast<std::int64_t>(EventLimits::tables));
        if (s.tables && tables_ok_ && std::size_t(*s.tables) > e.tables.size()) {
          error(pointer_child(p, "tables"), "slot uses " + std::to_string(*s.tables) +
                                                " tables but the event has only " +
                                                std::to_string(e.tables.size()));
        }
      }
      e.slots.push_back(std::move(s));
    }
    for (const auto& s : e.slots) slot_ids_.push_back(s.id);
  }

  std::vector<std::string> string_list(const Json& obj, const std::string& ptr, const char* key) {
    std::vector<std::string> out;
    const Json* list = array_of(obj, ptr, key, EventLimits::links, key);
    if (!list) return out;
    const std::string p = pointer_child(ptr, key);
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (auto s = text_value((*list)[k], pointer_child(p, k), key)) out.push_back(*s);
    }
    return out;
  }

  Availability availability(const Json& obj, const std::string& ptr, const Event& e) {
    Availability a;
    const bool has_available = member(obj, "available") != nullptr;
    const bool has_unavailable = member(obj, "unavailable") != nullptr;
    if (has_available && has_unavailable) {
      error(pointer_child(ptr, "unavailable"),
            "both 'available' and 'unavailable' are given; use one of them");
      return a;
    }
    if (!has_available && !has_unavailable) return a;
    const char* key = has_available ? "available" : "unavailable";
    a.kind = has_available ? Availability::Kind::available : Availability::Kind::unavailable;
    const Json* list = array_of(obj, ptr, key, EventLimits::slots, key);
    if (!list) return a;
    const std::string p = pointer_child(ptr, key);
    std::vector<bool> listed(e.slots.size(), false);
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string q = pointer_child(p, k);
      if (auto id = text_value((*list)[k], q, "slot")) {
        if (auto s = resolve(*id, q, "slot", e.slot_index, slot_ids_, slots_ok_)) {
          if (!listed[std::size_t(*s)]) a.slots.push_back(*s);  // a repeated slot counts once
          listed[std::size_t(*s)] = true;
        }
      }
    }
    return a;
  }

  // {name: weight, ...} over sectors or stages.
  std::vector<Weighted> weight_map(const Json& obj, const std::string& ptr, const char* key,
                                   const char* kind, bool required,
                                   const std::unordered_map<std::string, Index>& index,
                                   const std::vector<std::string>& names, bool list_ok) {
    std::vector<Weighted> out;
    const Json* m = member(obj, key);
    const std::string p = pointer_child(ptr, key);
    if (!m) {
      if (required) missing(ptr, key);
      return out;
    }
    if (!m->is_object()) {
      error(p, "'" + std::string(key) + "' must be an object of " + kind + ": weight, got " +
                   show(*m));
      return out;
    }
    bool all_ok = true, any_positive = false;
    for (auto it = m->begin(); it != m->end(); ++it) {
      const std::string q = pointer_child(p, it.key());
      auto idx = resolve(it.key(), q, kind, index, names, list_ok);
      auto w = number_value(it.value(), q, "weight of " + std::string(kind) + " '" + it.key() + "'",
                            {0.0});
      if (!idx || !w) {
        all_ok = false;
        continue;
      }
      any_positive = any_positive || *w > 0;
      out.push_back({*idx, *w});
    }
    if (!all_ok) return out;
    if (m->empty() && required) {
      error(p, "no " + std::string(kind) + "s given: at least one needs a weight above 0");
    } else if (!m->empty() && !any_positive) {
      error(p, std::string(kind) + " weights are all zero: at least one must be above 0");
    }
    return out;
  }

  Mode mode(const Json& obj, const std::string& ptr) {
    auto m = choice(obj, ptr, "mode", false, mode_names);
    return m ? static_cast<Mode>(*m) : Mode::in_person;
  }
  Status status(const Json& obj, const std::string& ptr) {
    auto s = choice(obj, ptr, "status", false, status_names);
    return s ? static_cast<Status>(*s) : Status::active;
  }

  void read_startups(const Json& doc, Event& e) {
    const Json* list = member(doc, "startups");
    if (!list) return;
    list = array_of(doc, "", "startups", EventLimits::startups, "startups");
    if (!list) {
      startups_ok_ = false;
      return;
    }
    static constexpr std::string_view fields[] = {
        "id",           "name",         "sectors",   "stage",       "ask",  "country", "languages",
        "max_meetings", "min_meetings", "available", "unavailable", "mode", "status"};
    std::unordered_map<std::string, std::string> seen;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child("/startups", k);
      Startup s;
      const Json& item = (*list)[k];
      if (expect_object(item, p, "startup")) {
        check_fields(item, p, fields);
        if (auto id = text(item, p, "id", true)) {
          s.id = *id;
          unique_id(seen, s.id, p, "startup");
        }
        s.name = text(item, p, "name", false, false).value_or("");
        s.sectors =
            weight_map(item, p, "sectors", "sector", true, e.sector_index, e.sectors, sectors_ok_);
        s.stage = reference(item, p, "stage", true, "stage", e.stage_index, e.stages, stages_ok_)
                      .value_or(0);
        s.ask = number(item, p, "ask", false, {0.0, std::nullopt, true});
        s.country = text(item, p, "country", false).value_or("");
        s.languages = string_list(item, p, "languages");
        s.max_meetings = integer(item, p, "max_meetings", false, 0, EventLimits::meetings);
        s.min_meetings = integer(item, p, "min_meetings", false, 0, EventLimits::meetings);
        s.availability = availability(item, p, e);
        s.mode = mode(item, p);
        s.status = status(item, p);
      }
      e.startups.push_back(std::move(s));
    }
    for (const auto& s : e.startups) startup_ids_.push_back(s.id);
  }

  void read_investors(const Json& doc, Event& e) {
    const Json* list = member(doc, "investors");
    if (!list) return;
    list = array_of(doc, "", "investors", EventLimits::investors, "investors");
    if (!list) {
      investors_ok_ = false;
      return;
    }
    static constexpr std::string_view fields[] = {
        "id",        "name",         "organisation", "sectors",     "stages", "ticket", "countries",
        "languages", "max_meetings", "available",    "unavailable", "table",  "mode",   "status"};
    static constexpr std::string_view ticket_fields[] = {"min", "max"};
    std::unordered_map<std::string, std::string> seen;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child("/investors", k);
      Investor v;
      const Json& item = (*list)[k];
      if (expect_object(item, p, "investor")) {
        check_fields(item, p, fields);
        if (auto id = text(item, p, "id", true)) {
          v.id = *id;
          unique_id(seen, v.id, p, "investor");
        }
        v.name = text(item, p, "name", false, false).value_or("");
        v.organisation = text(item, p, "organisation", false, false).value_or("");
        v.sectors =
            weight_map(item, p, "sectors", "sector", true, e.sector_index, e.sectors, sectors_ok_);
        v.stages =
            weight_map(item, p, "stages", "stage", false, e.stage_index, e.stages, stages_ok_);
        if (const Json* t = member(item, "ticket")) {
          const std::string q = pointer_child(p, "ticket");
          if (expect_object(*t, q, "ticket")) {
            check_fields(*t, q, ticket_fields);
            auto lo = number(*t, q, "min", true, {0.0});
            auto hi = number(*t, q, "max", true, {0.0});
            if (lo && hi && *lo > *hi) {
              error(q,
                    "ticket min " + show_number(*lo) + " is above ticket max " + show_number(*hi));
            } else if (lo && hi) {
              v.ticket = Ticket{*lo, *hi};
            }
          }
        }
        v.countries = string_list(item, p, "countries");
        v.languages = string_list(item, p, "languages");
        v.max_meetings = integer(item, p, "max_meetings", false, 0, EventLimits::meetings);
        v.availability = availability(item, p, e);
        v.table = reference(item, p, "table", false, "table", e.table_index, e.tables, tables_ok_);
        v.mode = mode(item, p);
        v.status = status(item, p);
        if (v.table && v.mode == Mode::online) {
          error(pointer_child(p, "table"), "an online investor cannot have a fixed table");
        }
      }
      e.investors.push_back(std::move(v));
    }
    for (const auto& v : e.investors) investor_ids_.push_back(v.id);
  }

  template <class F>
  void each_object(const Json& doc, const char* key, const char* kind, F&& f) {
    const Json* list = array_of(doc, "", key, EventLimits::links, key);
    if (!list) return;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string p = pointer_child(pointer_child("", key), k);
      if (expect_object((*list)[k], p, kind)) f((*list)[k], p);
    }
  }

  std::pair<std::optional<Index>, std::optional<Index>> pair_of(const Json& item,
                                                                const std::string& p,
                                                                const Event& e) {
    auto s =
        reference(item, p, "startup", true, "startup", e.startup_index, startup_ids_, startups_ok_);
    auto i = reference(item, p, "investor", true, "investor", e.investor_index, investor_ids_,
                       investors_ok_);
    return {s, i};
  }

  void read_requests(const Json& doc, Event& e) {
    static constexpr std::string_view fields[] = {"startup", "investor", "by", "priority"};
    // (startup, investor, by) → the request's position in e.requests and its pointer
    std::map<std::tuple<Index, Index, int>, std::pair<std::size_t, std::string>> seen;
    each_object(doc, "requests", "request", [&](const Json& item, const std::string& p) {
      check_fields(item, p, fields);
      auto [s, i] = pair_of(item, p, e);
      auto by = choice(item, p, "by", true, side_names);
      auto priority = choice(item, p, "priority", false, priority_names);
      if (!s || !i || !by) return;
      if (member(item, "priority") && !priority) return;
      const Request r{*s, *i, static_cast<Side>(*by),
                      priority ? static_cast<Priority>(*priority) : Priority::want};
      auto [it, fresh] = seen.try_emplace(std::tuple{*s, *i, int(*by)}, e.requests.size(), p);
      if (fresh) {
        e.requests.push_back(r);
        request_pointers_.push_back(p);
        return;
      }
      const bool by_startup = r.by == Side::startup;
      Request& first = e.requests[it->second.first];
      warning(p,
              "repeated request: " + std::string(by_startup ? "startup " : "investor ") +
                  (by_startup ? e.startups[std::size_t(*s)].id : e.investors[std::size_t(*i)].id) +
                  " requests " + (by_startup ? "investor " : "startup ") +
                  (by_startup ? e.investors[std::size_t(*i)].id : e.startups[std::size_t(*s)].id) +
                  " again (also " + where_.ref(it->second.second) + "); read as one " +
                  to_string(std::max(first.priority, r.priority)) + " request");
      first.priority = std::max(first.priority, r.priority);
    });
  }

  void read_blocked(const Json& doc, Event& e) {
    static constexpr std::string_view fields[] = {"startup", "investor", "reason"};
    each_object(doc, "blocked", "blocked pair", [&](const Json& item, const std::string& p) {
      check_fields(item, p, fields);
      auto [s, i] = pair_of(item, p, e);
      auto reason = text(item, p, "reason", false, false);
      if (s && i) e.blocked.push_back({*s, *i, reason.value_or("")});
    });
  }

  void read_pinned(const Json& doc, Event& e) {
    static constexpr std::string_view fields[] = {"startup", "investor", "slot", "table"};
    each_object(doc, "pinned", "pinned meeting", [&](const Json& item, const std::string& p) {
      check_fields(item, p, fields);
      auto [s, i] = pair_of(item, p, e);
      auto slot = reference(item, p, "slot", true, "slot", e.slot_index, slot_ids_, slots_ok_);
      auto table = reference(item, p, "table", false, "table", e.table_index, e.tables, tables_ok_);
      if (s && i && slot) e.pinned.push_back({*s, *i, *slot, table});
    });
  }

  void read_weights(const Json& doc, Event& e) {
    const Json* w = member(doc, "weights");
    if (!w || !expect_object(*w, "/weights", "weights")) return;
    static constexpr std::string_view fields[] = {"sector", "stage", "ticket", "country",
                                                  "language"};
    check_fields(*w, "/weights", fields);
    double* target[] = {&e.weights.sector, &e.weights.stage, &e.weights.ticket, &e.weights.country,
                        &e.weights.language};
    bool ok = true;
    for (std::size_t k = 0; k < 5; ++k) {
      const std::string key(fields[k]);
      if (!member(*w, key.c_str())) continue;
      if (auto x = number(*w, "/weights", key.c_str(), false, {0.0})) {
        *target[k] = *x;
      } else {
        ok = false;
      }
    }
    if (ok && e.weights.sector + e.weights.stage + e.weights.ticket + e.weights.country +
                      e.weights.language <=
                  0) {
      error("/weights", "weights are all zero: at least one must be above 0");
    }
  }

  void read_options(const Json& doc, Event& e) {
    const Json* o = member(doc, "options");
    if (!o || !expect_object(*o, "/options", "options")) return;
    static constexpr std::string_view fields[] = {"stage_decay",     "min_score",
                                                  "interpreters",    "one_per_organisation",
                                                  "fairness_weight", "min_meetings"};
    check_fields(*o, "/options", fields);
    auto& opt = e.options;
    opt.stage_decay =
        number(*o, "/options", "stage_decay", false, {0.0, 1.0}).value_or(opt.stage_decay);
    opt.min_score = number(*o, "/options", "min_score", false, {0.0, 1.0}).value_or(opt.min_score);
    opt.interpreters = boolean(*o, "/options", "interpreters").value_or(opt.interpreters);
    opt.one_per_organisation =
        boolean(*o, "/options", "one_per_organisation").value_or(opt.one_per_organisation);
    opt.fairness_weight =
        number(*o, "/options", "fairness_weight", false, {0.0, EventLimits::fairness_weight})
            .value_or(opt.fairness_weight);
    opt.min_meetings = integer(*o, "/options", "min_meetings", false, 0, EventLimits::meetings)
                           .value_or(opt.min_meetings);
  }

  const Locator& where_;
  DiagnosticList& problems_;
  DiagnosticList* warnings_ = nullptr;
  std::vector<std::string> request_pointers_;
  std::vector<UnknownName> unknown_;
  std::unordered_map<std::string, std::size_t> unknown_index_;
  std::map<const std::vector<std::string>*, std::unordered_map<std::string, Index>> caseless_;
  bool sectors_ok_ = true, stages_ok_ = true, tables_ok_ = true, slots_ok_ = true,
       startups_ok_ = true, investors_ok_ = true;
  std::vector<std::string> slot_ids_, startup_ids_, investor_ids_;
  std::size_t hint_budget_ = 2'000'000;  // names compared for suggestions, in all
};

}  // namespace festmatch::detail::event
