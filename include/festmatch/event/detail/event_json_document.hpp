// festmatch — internals shared by the readers and writers (festmatch/event/event_json).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/check_indices.hpp"
#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/detail/event_warnings.hpp"
#include "festmatch/event/detail/pin_rules.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/read_options.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch {

namespace detail::event {

inline void line_column(std::string_view text, std::size_t offset, int& line, int& column) {
  line = 1;
  std::size_t line_start = 0;
  offset = std::min(offset, text.size());
  for (std::size_t k = 0; k < offset; ++k) {
    if (text[k] == '\n') {
      ++line;
      line_start = k + 1;
    }
  }
  column = static_cast<int>(offset - line_start + 1);
}

// Where the text first nests deeper than `limit` arrays/objects (0-based offset), or npos.
inline std::size_t too_deep_at(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (in_string) {
      if (c == '\\') {
        ++k;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return k;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Parses JSON text into an ordered document; problems go to `problems` and nullopt is returned.
inline std::optional<Json> parse_json_document(std::string_view text, const std::string& file,
                                               DiagnosticList& problems) {
  auto at = [&](std::size_t offset, std::string message) {
    Diagnostic d{.file = file, .message = std::move(message)};
    line_column(text, offset, d.line, d.column);
    problems.add(std::move(d));
  };
  if (text.size() > EventLimits::file_bytes) {
    problems.add(Diagnostic{.file = file,
                            .message = "file too large: " + std::to_string(text.size()) +
                                       " bytes (at most " +
                                       std::to_string(EventLimits::file_bytes) + ")"});
    return std::nullopt;
  }
  if (auto deep = too_deep_at(text, EventLimits::json_depth); deep != std::string_view::npos) {
    at(deep, "JSON nested deeper than " + std::to_string(EventLimits::json_depth) + " levels");
    return std::nullopt;
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …"
    if (auto p = what.find(", column "); p != std::string::npos) {
      if (auto q = what.find(": ", p); q != std::string::npos) what = what.substr(q + 2);
    }
    if (auto last = what.find("; last read: '");
        last != std::string::npos && invalid_utf8_at(what) != std::string::npos) {
      auto end = what.find("'", last + 14);
      what.erase(last, end == std::string::npos ? std::string::npos : end + 1 - last);
    }
    at(e.byte > 0 ? e.byte - 1 : 0, "invalid JSON: " + what);
  } catch (const Json::out_of_range& e) {
    // Numbers beyond a double (1e400) carry no position: find the literal in the text.
    std::string what = e.what();
    std::size_t offset = 0;
    if (auto q = what.find('\''); q != std::string::npos) {
      const std::string literal = what.substr(q + 1, what.size() - q - 2);
      if (!literal.empty()) offset = std::min(text.find(literal), text.size());
      at(offset, "number " + literal + " is out of range");
    } else {
      at(offset, "invalid JSON: " + what);
    }
  } catch (const Json::exception& e) {
    at(0, std::string("invalid JSON: ") + e.what());
  }
  return std::nullopt;
}

// Converts a parsed document, then checks the pins; throws InputError or InfeasibleError.
// Warnings go to options.warnings, after the errors of the syntax (`warnings`, if any).
inline Event convert_or_throw(const Json& doc, const Locator& where, DiagnosticList& problems,
                              const ReadOptions& options, DiagnosticList warnings = {}) {
  Event e;
  EventConverter converter(where, problems, &warnings);
  try {
    e = converter.convert(doc);
  } catch (const Json::exception& x) {  // defensive: the converter checks every type first
    Diagnostic d = where.at("");
    d.message = std::string("unreadable event: ") + x.what();
    problems.add(std::move(d));
  }
  if (!problems.empty()) throw InputError(problems.take());
  e.reindex();
  check_pins(e, where, problems);
  if (!problems.empty()) throw InfeasibleError(problems.take());
  if (options.warnings) {
    warn_event(e, where, converter.request_pointers(), warnings, options.check_partners);
    for (auto& w : warnings.take()) options.warnings->push_back(std::move(w));
  }
  return e;
}

inline Json weights_object(const std::vector<Weighted>& items,
                           const std::vector<std::string>& names) {
  Json out = Json::object();
  for (const auto& w : items) out[names[std::size_t(w.index)]] = w.weight;
  return out;
}

inline void write_availability(Json& out, const Availability& a, const Event& e) {
  if (a.kind == Availability::Kind::all) return;
  Json list = Json::array();
  for (Index s : a.slots) list.push_back(e.slots[std::size_t(s)].id);
  out[a.kind == Availability::Kind::available ? "available" : "unavailable"] = std::move(list);
}

// The event as its JSON document (indices must be in range: check_event() says so).
inline Json event_document(const Event& e) {
  Json doc = Json::object();
  doc["format"] = event_format;
  doc["event"] = {{"name", e.name}, {"timezone", e.timezone}};
  doc["sectors"] = e.sectors;
  Json related = Json::array();
  for (const auto& r : e.related_sectors) {
    related.push_back(
        Json::array({e.sectors[std::size_t(r.a)], e.sectors[std::size_t(r.b)], r.affinity}));
  }
  doc["related_sectors"] = std::move(related);
  doc["stages"] = e.stages;
  bool numbered = !e.tables.empty();
  for (std::size_t k = 0; k < e.tables.size() && numbered; ++k) {
    numbered = e.tables[k] == "T" + std::to_string(k + 1);
  }
  if (numbered) {
    doc["tables"] = e.tables.size();
  } else {
    doc["tables"] = e.tables;
  }
  Json slots = Json::array();
  for (const auto& s : e.slots) {
    Json j = {{"id", s.id}, {"start", s.start}, {"minutes", s.minutes}};
    if (s.tables) j["tables"] = *s.tables;
    slots.push_back(std::move(j));
  }
  doc["slots"] = std::move(slots);
  Json startups = Json::array();
  for (const auto& s : e.startups) {
    Json j = {{"id", s.id}, {"name", s.name}};
    j["sectors"] = weights_object(s.sectors, e.sectors);
    j["stage"] = e.stages[std::size_t(s.stage)];
    if (s.ask) j["ask"] = *s.ask;
    if (!s.country.empty()) j["country"] = s.country;
    if (!s.languages.empty()) j["languages"] = s.languages;
    if (s.max_meetings) j["max_meetings"] = *s.max_meetings;
    if (s.min_meetings) j["min_meetings"] = *s.min_meetings;
    write_availability(j, s.availability, e);
    if (s.mode != Mode::in_person) j["mode"] = to_string(s.mode);
    if (s.status != Status::active) j["status"] = to_string(s.status);
    startups.push_back(std::move(j));
  }
  doc["startups"] = std::move(startups);
  Json investors = Json::array();
  for (const auto& v : e.investors) {
    Json j = {{"id", v.id}, {"name", v.name}};
    if (!v.organisation.empty()) j["organisation"] = v.organisation;
    j["sectors"] = weights_object(v.sectors, e.sectors);
    if (!v.stages.empty()) j["stages"] = weights_object(v.stages, e.stages);
    if (v.ticket) j["ticket"] = {{"min", v.ticket->min}, {"max", v.ticket->max}};
    if (!v.countries.empty()) j["countries"] = v.countries;
    if (!v.languages.empty()) j["languages"] = v.languages;
    if (v.max_meetings) j["max_meetings"] = *v.max_meetings;
    write_availability(j, v.availability, e);
    if (v.table) j["table"] = e.tables[std::size_t(*v.table)];
    if (v.mode != Mode::in_person) j["mode"] = to_string(v.mode);
    if (v.status != Status::active) j["status"] = to_string(v.status);
    investors.push_back(std::move(j));
  }
  doc["investors"] = std::move(investors);
  Json requests = Json::array();
  for (const auto& r : e.requests) {
    requests.push_back({{"startup", e.startups[std::size_t(r.startup)].id},
                        {"investor", e.investors[std::size_t(r.investor)].id},
                        {"by", r.by == Side::startup ? "startup" : "investor"},
                        {"priority", to_string(r.priority)}});
  }
  doc["requests"] = std::move(requests);
  Json blocked = Json::array();
  for (const auto& b : e.blocked) {
    Json j = {{"startup", e.startups[std::size_t(b.startup)].id},
              {"investor", e.investors[std::size_t(b.investor)].id}};
    if (!b.reason.empty()) j["reason"] = b.reason;
    blocked.push_back(std::move(j));
  }
  doc["blocked"] = std::move(blocked);
  Json pinned = Json::array();
  for (const auto& p : e.pinned) {
    Json j = {{"startup", e.startups[std::size_t(p.startup)].id},
              {"investor", e.investors[std::size_t(p.investor)].id},
              {"slot", e.slots[std::size_t(p.slot)].id}};
    if (p.table) j["table"] = e.tables[std::size_t(*p.table)];
    pinned.push_back(std::move(j));
  }
  doc["pinned"] = std::move(pinned);
  doc["weights"] = {{"sector", e.weights.sector},
                    {"stage", e.weights.stage},
                    {"ticket", e.weights.ticket},
                    {"country", e.weights.country},
                    {"language", e.weights.language}};
  doc["options"] = {{"stage_decay", e.options.stage_decay},
                    {"min_score", e.options.min_score},
                    {"interpreters", e.options.interpreters},
                    {"one_per_organisation", e.options.one_per_organisation},
                    {"fairness_weight", e.options.fairness_weight},
                    {"min_meetings", e.options.min_meetings}};
  return doc;
}

inline std::string dump_document(const Json& doc) {
  try {
    return doc.dump(2) + "\n";
  } catch (const Json::type_error&) {
    // nlohmann refuses invalid UTF-8 (error 316); say which string.
    throw InputError("cannot write the event: a name or id is not valid UTF-8");
  }
}

}  // namespace detail::event

}  // namespace festmatch
