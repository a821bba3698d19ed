// festmatch — internals: the pieces of the schedule file (festmatch-schedule/1) that its full
// reader and writer (schedule_json.hpp) and the id-only reader of `festmatch diff`
// (schedule_diff.hpp) share: compact JSON text, how a value's type is named in a message, a
// place ({slot, table}) and one entry of "changes".
//
//   auto c = read_change(entry, "/changes/0", report);   // report(pointer, message) on problems
//   ojson j = place_json("d1-0900", "");                  // {"slot": "d1-0900", "table": null}
#pragma once

#include <algorithm>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::detail::scheduler {

using ojson = nlohmann::ordered_json;

inline std::string compact_json(const ojson& j) {
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

inline ojson json_number(double v) {
  return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

// "a number", "null", "a string", ... as messages name what they got.
inline std::string type_of(const ojson& j) {
  if (j.is_number()) return "a number";
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

// {"slot": SLOT, "table": TABLE or null when online ("")}.
inline ojson place_json(const std::string& slot, const std::string& table) {
  return ojson{{"slot", slot}, {"table", table.empty() ? ojson(nullptr) : ojson(table)}};
}

// One entry of a schedule file's "changes", as the file and festmatch diff --format json write it.
inline ojson change_json(const Change& c) {
  ojson j;
  j["change"] = change_kind_names[int(c.kind)];
  j["startup"] = c.startup;
  j["investor"] = c.investor;
  if (c.kind != ChangeKind::added) j["from"] = place_json(c.from_slot, c.from_table);
  if (c.kind != ChangeKind::cancelled) j["to"] = place_json(c.to_slot, c.to_table);
  if (!c.reason.empty()) j["reason"] = c.reason;
  return j;
}

// The file's "format" must be festmatch-schedule/1; report(pointer, message) otherwise.
template <class Report>
void check_format(const ojson& root, Report&& report) {
  if (!root.contains("format")) {
    report("", std::string("missing field 'format' (\"") + schedule_format + "\")");
  } else if (!root["format"].is_string() || root["format"].get<std::string>() != schedule_format) {
    report("/format", std::string("expected \"") + schedule_format + "\", got " +
                          compact_json(root["format"]));
  }
}

// The string field `field` of `obj` into `out`; false, and report(pointer, message), when it is
// missing or not a string.
template <class Report>
bool read_text(const ojson& obj, const std::string& where, const char* field, std::string& out,
               Report&& report) {
  if (!obj.contains(field)) {
    report(where, std::string("missing field '") + field + "'");
    return false;
  }
  const ojson& v = obj[field];
  if (!v.is_string()) {
    report(where + "/" + field, "expected a string, got " + type_of(v));
    return false;
  }
  out = v.get<std::string>();
  return true;
}

// A place's table: a table id, or null when online (then "").
template <class Report>
bool read_table(const ojson& obj, const std::string& where, std::string& out, Report&& report) {
  if (!obj.contains("table")) {
    report(where, "missing field 'table' (a table id, or null for an online meeting)");
    return false;
  }
  const ojson& t = obj["table"];
  if (t.is_null()) {
    out.clear();
    return true;
  }
  if (!t.is_string()) {
    report(where + "/table", "expected a table id or null, got " + type_of(t));
    return false;
  }
  out = t.get<std::string>();
  return true;
}

// One entry of "changes": {"change", "startup", "investor", "from"?, "to"?, "reason"?}, by id.
template <class Report>
std::optional<Change> read_change(const ojson& j, const std::string& where, Report&& report) {
  if (!j.is_object()) {
    report(where, "a change is a JSON object, not " + type_of(j));
    return std::nullopt;
  }
  Change c;
  std::string kind;
  bool ok = read_text(j, where, "change", kind, report);
  if (ok) {
    const auto* names = std::begin(change_kind_names);
    const auto* it = std::find(names, std::end(change_kind_names), kind);
    if (it == std::end(change_kind_names)) {
      report(where + "/change", "unknown change '" + kind + "' (moved, cancelled or added)");
      ok = false;
    } else {
      c.kind = static_cast<ChangeKind>(it - names);
    }
  }
  ok = read_text(j, where, "startup", c.startup, report) && ok;
  ok = read_text(j, where, "investor", c.investor, report) && ok;
  auto place = [&](const char* f, std::string& slot, std::string& table) {
    if (!j.contains(f)) return true;
    const std::string at = where + "/" + f;
    if (!j[f].is_object()) {
      report(at, "expected an object, got " + type_of(j[f]));
      return false;
    }
    const bool slot_ok = read_text(j[f], at, "slot", slot, report);
    return read_table(j[f], at, table, report) && slot_ok;
  };
  ok = place("from", c.from_slot, c.from_table) && ok;
  ok = place("to", c.to_slot, c.to_table) && ok;
  if (j.contains("reason")) ok = read_text(j, where, "reason", c.reason, report) && ok;
  if (!ok) return std::nullopt;
  return c;
}

}  // namespace festmatch::detail::scheduler
