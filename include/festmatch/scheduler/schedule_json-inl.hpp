// festmatch — the definitions of festmatch/scheduler/schedule_json.hpp.
#pragma once

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/event_json_document.hpp"
#include "festmatch/event/detail/read_file.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_json.hpp"  // the JSON limits and positions shared with event files
#include "festmatch/scheduler/agenda.hpp"
#include "festmatch/scheduler/detail/schedule_file.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/util/detail/nearest_name.hpp"
#include "festmatch/util/detail/text.hpp"
#include "festmatch/util/detail/time_text.hpp"

namespace festmatch {

namespace detail::scheduler {

template <class T>
const T& at_index(const std::vector<T>& v, Index k) {
  return v.at(static_cast<std::size_t>(k));
}

// Appends `text` as a JSON string, byte for byte as compact_json(ojson(text)) writes it: plain
// printable ASCII as it is, anything else (escapes, UTF-8) through the library's serializer.
// The meetings and unscheduled requests are written field by field with it, which on large
// events takes a fraction of building a JSON object per line and dumping it.
inline void append_json_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      out += compact_json(ojson(std::string(text)));
      return;
    }
  }
  out += '"';
  out += text;
  out += '"';
}

}  // namespace detail::scheduler

FESTMATCH_FUNC std::string write_schedule_json(const Event& event, const Schedule& schedule) {
  using detail::scheduler::ojson;
  std::string out;
  out.reserve(160 * schedule.meetings.size() + 200 * schedule.unscheduled.size() + 4096);
  out += "{\n  \"format\": \"";
  out += schedule_format;
  out += "\",\n  \"event\": " + detail::scheduler::compact_json(ojson(event.name));
  const bool revised = schedule.revision > 1;  // a first schedule's file has no revision fields
  if (revised) {
    out += ",\n  \"revision\": " + std::to_string(schedule.revision) +
           ",\n  \"now\": " + detail::scheduler::compact_json(ojson(schedule.now));
  }
  out += ",\n  \"meetings\": [";
  // Each slot's "slot", "start" and "end" fields, written once (a slot has many meetings).
  std::vector<std::string> slot_fields(event.slots.size());
  for (std::size_t t = 0; t < event.slots.size(); ++t) {
    using detail::scheduler::append_json_text;
    const Slot& slot = event.slots[t];
    std::string& f = slot_fields[t];
    f += "{\"slot\":";
    append_json_text(f, slot.id);
    f += ",\"start\":";
    append_json_text(f, detail::format_local(slot.start_utc, slot.utc_offset_minutes));
    f += ",\"end\":";
    append_json_text(f, detail::format_local(slot.end_utc(), slot.utc_offset_minutes));
  }
  bool first = true;
  for (const Meeting& m : schedule.meetings) {
    using detail::scheduler::append_json_text;
    out += first ? "\n    " : ",\n    ";
    out += slot_fields.at(static_cast<std::size_t>(m.slot));
    out += ",\"table\":";
    if (m.table)
      append_json_text(out, detail::scheduler::at_index(event.tables, *m.table));
    else
      out += "null";
    out += ",\"startup\":";
    append_json_text(out, detail::scheduler::at_index(event.startups, m.startup).id);
    out += ",\"investor\":";
    append_json_text(out, detail::scheduler::at_index(event.investors, m.investor).id);
    out += ",\"score\":";
    out += detail::scheduler::compact_json(detail::scheduler::json_number(m.score));
    out += m.online ? ",\"mode\":\"online\"" : ",\"mode\":\"in-person\"";
    out += m.pinned ? ",\"pinned\":true" : ",\"pinned\":false";
    if (revised) out += ",\"revision\":" + std::to_string(m.revision);
    out += '}';
    first = false;
  }
  out += first ? "],\n" : "\n  ],\n";
  out += "  \"unscheduled\": [";
  first = true;
  for (const UnmetRequest& u : schedule.unscheduled) {
    using detail::scheduler::append_json_text;
    out += first ? "\n    " : ",\n    ";
    out += "{\"startup\":";
    append_json_text(out, detail::scheduler::at_index(event.startups, u.startup).id);
    out += ",\"investor\":";
    append_json_text(out, detail::scheduler::at_index(event.investors, u.investor).id);
    out += ",\"by\":";
    append_json_text(out, to_string(u.by));
    out += ",\"priority\":";
    append_json_text(out, to_string(u.priority));
    out += ",\"reason\":";
    append_json_text(out, u.reason);
    out += '}';
    first = false;
  }
  out += first ? "],\n" : "\n  ],\n";
  const ScheduleStats& s = schedule.stats;
  ojson stage = ojson::object();
  for (const auto& [name, ms] : s.stage_ms) stage[name] = detail::scheduler::json_number(ms);
  out += "  \"stats\": {\n";
  out += "    \"meetings\": " + std::to_string(s.meetings) + ",\n";
  out += "    \"objective\": " +
         detail::scheduler::compact_json(detail::scheduler::json_number(s.objective)) + ",\n";
  out += "    \"score_total\": " +
         detail::scheduler::compact_json(detail::scheduler::json_number(s.score_total)) + ",\n";
  out += "    \"upper_bound\": " +
         detail::scheduler::compact_json(detail::scheduler::json_number(s.upper_bound)) + ",\n";
  out += "    \"gap\": " + detail::scheduler::compact_json(detail::scheduler::json_number(s.gap)) +
         ",\n";
  out += "    \"startups_below_min\": " + std::to_string(s.startups_below_min) + ",\n";
  out += "    \"idle_slots\": " +
         detail::scheduler::compact_json(detail::scheduler::json_number(s.idle_slots)) + ",\n";
  out += "    \"days_attended\": " +
         detail::scheduler::compact_json(detail::scheduler::json_number(s.days_attended)) + ",\n";
  out += "    \"stage_ms\": " + detail::scheduler::compact_json(stage) + "\n";
  out += "  },\n  \"shortfalls\": [";
  first = true;
  for (const Shortfall& f : schedule.shortfalls) {
    ojson j;
    j["side"] = to_string(f.side);
    j["id"] = f.side == Side::startup
                  ? detail::scheduler::at_index(event.startups, f.participant).id
                  : detail::scheduler::at_index(event.investors, f.participant).id;
    j["meetings"] = f.meetings;
    j["minimum"] = f.minimum;
    j["reason"] = f.reason;
    out += first ? "\n    " : ",\n    ";
    out += detail::scheduler::compact_json(j);
    first = false;
  }
  out += first ? "]" : "\n  ]";
  if (revised) {
    out += ",\n  \"changes\": [";
    first = true;
    for (const Change& c : schedule.changes) {
      out += first ? "\n    " : ",\n    ";
      out += detail::scheduler::compact_json(detail::scheduler::change_json(c));
      first = false;
    }
    out += first ? "]" : "\n  ]";
  }
  out += "\n}\n";
  return out;
}

namespace detail::scheduler {

class ScheduleJsonReader {
 public:
  ScheduleJsonReader(const Event& event, std::string file)
      : event_(event), file_(std::move(file)) {}

  Schedule read(std::string_view text) {
    // The same limits as event files: nlohmann's parser recurses, so depth is bounded first.
    const auto at = [&](std::size_t offset, std::string message) {
      Diagnostic d{.file = file_, .message = std::move(message)};
      detail::event::line_column(text, offset, d.line, d.column);
      return InputError({d});
    };
    if (text.size() > detail::event::EventLimits::file_bytes) {
      throw at(0, "file too large: " + std::to_string(text.size()) + " bytes (at most " +
                      std::to_string(detail::event::EventLimits::file_bytes) + ")");
    }
    if (auto deep = detail::event::too_deep_at(text, detail::event::EventLimits::json_depth);
        deep != std::string_view::npos) {
      throw at(deep, "JSON nested deeper than " +
                         std::to_string(detail::event::EventLimits::json_depth) + " levels");
    }
    ojson root;
    try {
      root = ojson::parse(text.begin(), text.end());
    } catch (const ojson::parse_error& e) {
      throw InputError({syntax_error(text, e)});
    } catch (const ojson::exception& e) {  // e.g. a number beyond a double (1e400)
      throw at(0, std::string("invalid JSON: ") + e.what());
    }
    Schedule schedule;
    if (!root.is_object()) {
      error("", "a schedule file is a JSON object, not " + type_of(root));
      throw InputError(diagnostics_);
    }
    check_fields(root, "",
                 {"format", "event", "revision", "now", "meetings", "unscheduled", "stats",
                  "shortfalls", "changes"});
    if (root.contains("revision")) {
      if (const auto r = small_count(root, "", "revision"); r && *r >= 1) {
        schedule.revision = *r;
      } else if (r) {
        error("/revision", "expected a revision of 1 or more, got " + std::to_string(*r));
      }
    }
    if (root.contains("now")) {
      if (root["now"].is_string()) {
        schedule.now = root["now"].get<std::string>();
      } else {
        error("/now", "expected a string, got " + type_of(root["now"]));
      }
    }
    if (root.contains("changes")) {
      if (const ojson& cs = root["changes"]; !cs.is_array()) {
        error("/changes", "expected an array, got " + type_of(cs));
      } else {
        for (std::size_t k = 0; k < cs.size(); ++k) {
          if (auto c = change(cs[k], "/changes/" + std::to_string(k))) {
            schedule.changes.push_back(std::move(*c));
          }
        }
      }
    }
    check_format(root, [&](const std::string& pointer, std::string message) {
      error(pointer, std::move(message));
    });
    if (root.contains("event") && !root["event"].is_string()) {
      error("/event", "expected a string, got " + type_of(root["event"]));
    }
    if (!root.contains("meetings")) {
      error("", "missing field 'meetings'");
    } else if (const ojson& ms = root["meetings"]; !ms.is_array()) {
      error("/meetings", "expected an array, got " + type_of(ms));
    } else {
      for (std::size_t k = 0; k < ms.size(); ++k) {
        if (auto m = meeting(ms[k], "/meetings/" + std::to_string(k))) {
          schedule.meetings.push_back(*m);
        }
      }
    }
    if (root.contains("unscheduled")) {
      if (const ojson& us = root["unscheduled"]; !us.is_array()) {
        error("/unscheduled", "expected an array, got " + type_of(us));
      } else {
        for (std::size_t k = 0; k < us.size(); ++k) {
          if (auto u = unmet(us[k], "/unscheduled/" + std::to_string(k))) {
            schedule.unscheduled.push_back(*u);
          }
        }
      }
    }
    if (root.contains("stats")) {
      schedule.stats = stats(root["stats"], "/stats");
      // Files written before the agenda measures existed: measured from the meetings.
      if (const ojson& st = root["stats"];
          st.is_object() && (!st.contains("idle_slots") || !st.contains("days_attended"))) {
        const AgendaStats a = agenda_stats(event_, schedule.meetings);
        schedule.stats.idle_slots = a.idle_slots;
        schedule.stats.days_attended = a.days_attended;
      }
    }
    if (root.contains("shortfalls")) {
      if (const ojson& fs = root["shortfalls"]; !fs.is_array()) {
        error("/shortfalls", "expected an array, got " + type_of(fs));
      } else {
        for (std::size_t k = 0; k < fs.size(); ++k) {
          if (auto f = shortfall(fs[k], "/shortfalls/" + std::to_string(k))) {
            schedule.shortfalls.push_back(std::move(*f));
          }
        }
      }
    }
    if (!diagnostics_.empty()) throw InputError(diagnostics_);
    return schedule;
  }

 private:
  // "; did you mean 'X'?" naming the closest id of `items`, or "" when none is close.
  template <class Items, class IdOf>
  static std::string did_you_mean_id(const std::string& id, const Items& items, IdOf id_of) {
    std::vector<std::string_view> ids;
    ids.reserve(items.size());
    for (const auto& item : items) ids.emplace_back(id_of(item));
    return did_you_mean(id, ids);
  }
  Diagnostic syntax_error(std::string_view text, const ojson::parse_error& e) const {
    // e.byte is the 1-based index of the last character read.
    const std::size_t end = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
    int line = 1, column = 1;
    for (std::size_t k = 0; k < end; ++k) {
      if (text[k] == '\n') {
        ++line;
        column = 1;
      } else if (!utf8_continuation(static_cast<unsigned char>(text[k]))) {
        ++column;
      }
    }
    std::string message = e.what();
    if (auto p = message.find(": ");
        p != std::string::npos && message.find("parse error") != std::string::npos) {
      message = message.substr(p + 2);
    }
    return Diagnostic{
        .file = file_, .line = line, .column = column, .message = "invalid JSON: " + message};
  }

  void error(const std::string& pointer, std::string message) {
    diagnostics_.push_back(
        Diagnostic{.file = file_, .pointer = pointer, .message = std::move(message)});
  }

  // A key as a JSON pointer token (RFC 6901: "~" -> "~0", "/" -> "~1").
  static std::string pointer_token(const std::string& key) {
    std::string t;
    for (char c : key) {
      if (c == '~')
        t += "~0";
      else if (c == '/')
        t += "~1";
      else
        t += c;
    }
    return t;
  }

  void check_fields(const ojson& obj, const std::string& where,
                    const std::vector<std::string>& known) {
    for (const auto& [key, value] : obj.items()) {
      bool ok = false;
      for (const auto& k : known) ok = ok || k == key;
      if (!ok) {
        error(where + "/" + pointer_token(key),
              "unknown field '" + key + "'" + did_you_mean(key, known));
      }
    }
  }

  const ojson* require(const ojson& obj, const std::string& where, const char* field,
                       bool (ojson::*is)() const noexcept, const char* expected) {
    if (!obj.contains(field)) {
      error(where, std::string("missing field '") + field + "'");
      return nullptr;
    }
    const ojson& v = obj[field];
    if (!(v.*is)()) {
      error(where + "/" + field, std::string("expected ") + expected + ", got " + type_of(v));
      return nullptr;
    }
    return &v;
  }

  template <class Map, class Items, class IdOf>
  std::optional<Index> resolve(const ojson& obj, const std::string& where, const char* field,
                               const char* what, const Map& map, const Items& items, IdOf id_of) {
    const ojson* v = require(obj, where, field, &ojson::is_string, "a string");
    if (!v) return std::nullopt;
    const std::string id = v->get<std::string>();
    if (auto k = find_index(map, id)) return k;
    error(where + "/" + field,
          std::string("unknown ") + what + " '" + id + "'" + did_you_mean_id(id, items, id_of));
    return std::nullopt;
  }

  std::optional<Meeting> meeting(const ojson& j, const std::string& where) {
    if (!j.is_object()) {
      error(where, "a meeting is a JSON object, not " + type_of(j));
      return std::nullopt;
    }
    const std::size_t before = diagnostics_.size();
    check_fields(j, where,
                 {"slot", "start", "end", "table", "startup", "investor", "score", "mode", "pinned",
                  "revision"});
    auto by_id = [](const auto& x) -> const std::string& { return x.id; };
    Meeting m;
    auto slot = resolve(j, where, "slot", "slot", event_.slot_index, event_.slots, by_id);
    auto startup =
        resolve(j, where, "startup", "startup", event_.startup_index, event_.startups, by_id);
    auto investor =
        resolve(j, where, "investor", "investor", event_.investor_index, event_.investors, by_id);
    for (const char* f : {"start", "end"}) {
      if (j.contains(f) && !j[f].is_string()) {
        error(where + "/" + f, "expected a string, got " + type_of(j[f]));
      }
    }
    if (const ojson* s = require(j, where, "score", &ojson::is_number, "a number")) {
      m.score = s->get<double>();
    }
    bool mode_ok = false;
    if (const ojson* md = require(j, where, "mode", &ojson::is_string, "a string")) {
      const std::string mode = md->get<std::string>();
      if (mode == "online" || mode == "in-person") {
        m.online = mode == "online";
        mode_ok = true;
      } else {
        error(where + "/mode",
              "unknown mode '" + mode + "' (a meeting is \"in-person\" or \"online\")");
      }
    }
    if (j.contains("pinned")) {
      if (j["pinned"].is_boolean()) {
        m.pinned = j["pinned"].get<bool>();
      } else {
        error(where + "/pinned", "expected true or false, got " + type_of(j["pinned"]));
      }
    }
    if (j.contains("revision")) {
      if (const auto r = small_count(j, where, "revision"); r && *r >= 1)
        m.revision = *r;
      else if (r)
        error(where + "/revision", "expected a revision of 1 or more");
    }
    if (!j.contains("table")) {
      error(where, "missing field 'table' (a table id, or null for an online meeting)");
    } else if (const ojson& t = j["table"]; t.is_null()) {
      if (mode_ok && !m.online) error(where + "/table", "an in-person meeting needs a table");
    } else if (!t.is_string()) {
      error(where + "/table", "expected a table id or null, got " + type_of(t));
    } else {
      const std::string id = t.get<std::string>();
      if (auto k = find_index(event_.table_index, id)) {
        m.table = *k;
        if (mode_ok && m.online) {
          error(where + "/table", "an online meeting has no table (got '" + id + "'; use null)");
        } else if (slot && *k >= event_.slot_tables(*slot)) {
          error(where + "/table", "table '" + id + "' is not open in slot '" +
                                      detail::scheduler::at_index(event_.slots, *slot).id +
                                      "' (it has " + std::to_string(event_.slot_tables(*slot)) +
                                      " tables)");
        }
      } else {
        error(where + "/table",
              "table '" + id + "' is not in the event" + did_you_mean(id, event_.tables));
      }
    }
    if (diagnostics_.size() != before) return std::nullopt;
    m.slot = *slot;
    m.startup = *startup;
    m.investor = *investor;
    return m;
  }

  std::optional<UnmetRequest> unmet(const ojson& j, const std::string& where) {
    if (!j.is_object()) {
      error(where, "an unscheduled request is a JSON object, not " + type_of(j));
      return std::nullopt;
    }
    const std::size_t before = diagnostics_.size();
    check_fields(j, where, {"startup", "investor", "by", "priority", "reason"});
    auto by_id = [](const auto& x) -> const std::string& { return x.id; };
    UnmetRequest u;
    auto startup =
        resolve(j, where, "startup", "startup", event_.startup_index, event_.startups, by_id);
    auto investor =
        resolve(j, where, "investor", "investor", event_.investor_index, event_.investors, by_id);
    if (const ojson* b = require(j, where, "by", &ojson::is_string, "a string")) {
      const std::string by = b->get<std::string>();
      if (by == "startup" || by == "investor") {
        u.by = by == "startup" ? Side::startup : Side::investor;
      } else {
        error(where + "/by", "unknown side '" + by + "' (\"startup\" or \"investor\")");
      }
    }
    if (const ojson* p = require(j, where, "priority", &ojson::is_string, "a string")) {
      const std::string pr = p->get<std::string>();
      if (pr == "must" || pr == "want") {
        u.priority = pr == "must" ? Priority::must : Priority::want;
      } else {
        error(where + "/priority", "unknown priority '" + pr + "' (\"must\" or \"want\")");
      }
    }
    if (const ojson* r = require(j, where, "reason", &ojson::is_string, "a string")) {
      u.reason = r->get<std::string>();
    }
    if (diagnostics_.size() != before) return std::nullopt;
    u.startup = *startup;
    u.investor = *investor;
    return u;
  }

  // A count that fits an int (meetings, minimums).
  std::optional<int> small_count(const ojson& j, const std::string& where, const char* field) {
    const ojson* v = require(j, where, field, &ojson::is_number, "a number");
    if (!v) return std::nullopt;
    if ((v->is_number_unsigned() || v->is_number_integer()) && v->get<std::int64_t>() >= 0 &&
        v->get<std::int64_t>() <= std::numeric_limits<int>::max()) {
      return int(v->get<std::int64_t>());
    }
    error(where + "/" + field, "expected a count (an integer from 0 to " +
                                   std::to_string(std::numeric_limits<int>::max()) + "), got " +
                                   compact_json(*v));
    return std::nullopt;
  }

  std::optional<Shortfall> shortfall(const ojson& j, const std::string& where) {
    if (!j.is_object()) {
      error(where, "a shortfall is a JSON object, not " + type_of(j));
      return std::nullopt;
    }
    const std::size_t before = diagnostics_.size();
    check_fields(j, where, {"side", "id", "meetings", "minimum", "reason"});
    auto by_id = [](const auto& x) -> const std::string& { return x.id; };
    Shortfall f;
    std::optional<Index> who;
    if (const ojson* sd = require(j, where, "side", &ojson::is_string, "a string")) {
      const std::string side = sd->get<std::string>();
      if (side == "startup") {
        f.side = Side::startup;
        who = resolve(j, where, "id", "startup", event_.startup_index, event_.startups, by_id);
      } else if (side == "investor") {
        f.side = Side::investor;
        who = resolve(j, where, "id", "investor", event_.investor_index, event_.investors, by_id);
      } else {
        error(where + "/side", "unknown side '" + side + "' (\"startup\" or \"investor\")");
      }
    }
    const auto meetings = small_count(j, where, "meetings");
    const auto minimum = small_count(j, where, "minimum");
    if (const ojson* r = require(j, where, "reason", &ojson::is_string, "a string")) {
      f.reason = r->get<std::string>();
    }
    if (diagnostics_.size() != before || !who) return std::nullopt;
    f.participant = *who;
    f.meetings = *meetings;
    f.minimum = *minimum;
    return f;
  }

  // A change names participants, slots and tables by id only: they may be gone from the event.
  // Unknown fields are checked here; the rest is read_change (detail/schedule_file.hpp).
  std::optional<Change> change(const ojson& j, const std::string& where) {
    if (j.is_object()) {
      check_fields(j, where, {"change", "startup", "investor", "from", "to", "reason"});
      for (const char* f : {"from", "to"})
        if (j.contains(f) && j[f].is_object())
          check_fields(j[f], where + "/" + f, {"slot", "table"});
    }
    auto report = [&](const std::string& pointer, std::string message) {
      error(pointer, std::move(message));
    };
    const std::size_t before = diagnostics_.size();
    auto c = read_change(j, where, report);
    if (diagnostics_.size() != before) return std::nullopt;
    return c;
  }

  ScheduleStats stats(const ojson& j, const std::string& where) {
    ScheduleStats s;
    if (!j.is_object()) {
      error(where, "expected an object, got " + type_of(j));
      return s;
    }
    check_fields(j, where,
                 {"meetings", "objective", "score_total", "upper_bound", "gap",
                  "startups_below_min", "idle_slots", "days_attended", "stage_ms"});
    auto count = [&](const char* f, std::size_t& out) {
      if (!j.contains(f)) return error(where, std::string("missing field '") + f + "'");
      const ojson& v = j[f];
      if (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
        out = v.get<std::size_t>();
      } else {
        error(where + "/" + f, "expected a count (an integer >= 0), got " +
                                   (v.is_number() ? compact_json(v) : type_of(v)));
      }
    };
    auto number = [&](const char* f, double& out) {
      if (!j.contains(f)) return error(where, std::string("missing field '") + f + "'");
      const ojson& v = j[f];
      if (v.is_number()) {
        out = v.get<double>();
      } else if (v.is_null()) {  // written for a value that was not finite
        out = std::nan("");
      } else {
        error(where + "/" + f, "expected a number, got " + type_of(v));
      }
    };
    count("meetings", s.meetings);
    number("objective", s.objective);
    number("score_total", s.score_total);
    number("upper_bound", s.upper_bound);
    number("gap", s.gap);
    count("startups_below_min", s.startups_below_min);
    if (j.contains("idle_slots")) number("idle_slots", s.idle_slots);
    if (j.contains("days_attended")) number("days_attended", s.days_attended);
    if (j.contains("stage_ms")) {
      const ojson& st = j["stage_ms"];
      if (!st.is_object()) {
        error(where + "/stage_ms", "expected an object {stage: milliseconds}, got " + type_of(st));
      } else {
        for (const auto& [name, ms] : st.items()) {
          if (ms.is_number()) {
            s.stage_ms.emplace_back(name, ms.get<double>());
          } else if (ms.is_null()) {
            s.stage_ms.emplace_back(name, std::nan(""));
          } else {
            error(where + "/stage_ms/" + pointer_token(name),
                  "expected a number of milliseconds, got " + type_of(ms));
          }
        }
      }
    }
    return s;
  }

  const Event& event_;
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace detail::scheduler

FESTMATCH_FUNC Schedule read_schedule_json(std::string_view text, const std::string& file_name,
                                           const Event& event) {
  return detail::scheduler::ScheduleJsonReader(event, file_name).read(text);
}

FESTMATCH_FUNC Schedule read_schedule(const std::filesystem::path& file, const Event& event) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(
        {Diagnostic{.file = file.string(), .message = "cannot read the schedule file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return read_schedule_json(text.str(), file.string(), event);
}

}  // namespace festmatch
