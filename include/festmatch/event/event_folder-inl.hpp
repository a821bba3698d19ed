// festmatch — the definitions of festmatch/event/event_folder.hpp.
#pragma once

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/detail/event_json_document.hpp"
#include "festmatch/event/detail/read_file.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_folder.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/csv.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch {

namespace detail::event {

enum class CellKind { text, number, list, weights, ticket_min, ticket_max };

struct ColumnSpec {
  std::string_view name;
  CellKind kind = CellKind::text;
  bool required = false;
};

struct TableSpec {
  std::string_view key;   // the event document's list ("startups")
  std::string_view file;  // "startups.csv"
  bool required_file = false;
  std::vector<ColumnSpec> columns;
};

inline const std::vector<TableSpec>& folder_tables() {
  using K = CellKind;
  static const std::vector<TableSpec> tables = {
      {"startups",
       "startups.csv",
       true,
       {{"id", K::text, true},
        {"name"},
        {"sectors", K::weights, true},
        {"stage", K::text, true},
        {"ask", K::number},
        {"country"},
        {"languages", K::list},
        {"max_meetings", K::number},
        {"min_meetings", K::number},
        {"available", K::list},
        {"unavailable", K::list},
        {"mode"},
        {"status"}}},
      {"investors",
       "investors.csv",
       true,
       {{"id", K::text, true},
        {"name"},
        {"organisation"},
        {"sectors", K::weights, true},
        {"stages", K::weights},
        {"ticket_min", K::ticket_min},
        {"ticket_max", K::ticket_max},
        {"countries", K::list},
        {"languages", K::list},
        {"max_meetings", K::number},
        {"available", K::list},
        {"unavailable", K::list},
        {"table"},
        {"mode"},
        {"status"}}},
      {"slots",
       "slots.csv",
       true,
       {{"id", K::text, true},
        {"start", K::text, true},
        {"minutes", K::number, true},
        {"tables", K::number}}},
      {"requests",
       "requests.csv",
       false,
       {{"startup", K::text, true},
        {"investor", K::text, true},
        {"by", K::text, true},
        {"priority"}}},
      {"blocked",
       "blocked.csv",
       false,
       {{"startup", K::text, true}, {"investor", K::text, true}, {"reason"}}},
      {"pinned",
       "pinned.csv",
       false,
       {{"startup", K::text, true},
        {"investor", K::text, true},
        {"slot", K::text, true},
        {"table"}}},
  };
  return tables;
}

// One CSV file as the locator sees it.
struct CsvSource {
  std::string path;                 // as printed in diagnostics
  std::string name;                 // file name only, for references ("pinned.csv:3")
  std::vector<std::string> header;  // column names by position ("" for unknown columns)
  std::vector<int> lines;           // line of each record
};

inline std::vector<std::string> split_pointer(const std::string& pointer) {
  std::vector<std::string> parts;
  if (pointer.empty()) return parts;
  std::size_t start = 1;
  while (true) {
    const std::size_t end = pointer.find('/', start);
    std::string raw =
        pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string part;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~' && k + 1 < raw.size()) {
        part += raw[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        part += raw[k];
      }
    }
    parts.push_back(std::move(part));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

class FolderLocator final : public Locator {
 public:
  FolderLocator(std::string event_json, std::map<std::string, CsvSource, std::less<>> sources)
      : event_json_(std::move(event_json)), sources_(std::move(sources)) {}

  [[nodiscard]] Diagnostic at(const std::string& pointer) const override {
    const Cell c = cell(pointer);
    if (!c.source) return Diagnostic{.file = event_json_, .pointer = pointer};
    return Diagnostic{.file = c.source->path, .line = c.line, .column = c.column};
  }
  [[nodiscard]] std::string column_note(const std::string& pointer) const override {
    const Cell c = cell(pointer);
    if (!c.source || c.column <= 0) return {};
    return " in column '" + c.source->header[std::size_t(c.column - 1)] + "'";
  }
  [[nodiscard]] std::optional<Diagnostic> missing(const std::string& parent,
                                                  const std::string& field) const override {
    const Cell row = cell(parent);
    if (!row.source) return Locator::missing(parent, field);
    const Cell c = cell(pointer_child(parent, field));
    if (c.column <= 0) return std::nullopt;  // the header lacks the column: reported once
    Diagnostic d = at(pointer_child(parent, field));
    d.message =
        "empty cell in required column '" + c.source->header[std::size_t(c.column - 1)] + "'";
    if (row.field == "ticket") d.message += " (a ticket needs both ticket_min and ticket_max)";
    return d;
  }
  [[nodiscard]] std::string ref(const std::string& pointer) const override {
    const Cell c = cell(pointer);
    if (!c.source) return pointer;
    return c.line > 0 ? c.source->name + ":" + std::to_string(c.line) : c.source->name;
  }

 private:
  struct Cell {
    const CsvSource* source = nullptr;
    int line = 0;
    int column = 0;
    std::string field;  // the record's field the pointer names, if any
  };

  [[nodiscard]] Cell cell(const std::string& pointer) const {
    Cell c;
    const auto parts = split_pointer(pointer);
    if (parts.empty()) return c;
    auto it = sources_.find(parts[0]);
    if (it == sources_.end()) return c;
    c.source = &it->second;
    if (parts.size() < 2) return c;
    std::size_t row = 0;
    auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), row);
    if (ec != std::errc() || end != parts[1].data() + parts[1].size() ||
        row >= c.source->lines.size()) {
      return c;
    }
    c.line = c.source->lines[row];
    if (parts.size() < 3) return c;
    c.field = parts[2];
    std::string column = parts[2];
    if (column == "ticket") {
      if (parts.size() >= 4) {
        column = "ticket_" + parts[3];
      } else {
        column = has(c.source, "ticket_min") ? "ticket_min" : "ticket_max";
      }
    }
    const auto& h = c.source->header;
    for (std::size_t k = 0; k < h.size(); ++k) {
      if (h[k] == column) c.column = static_cast<int>(k + 1);
    }
    return c;
  }
  static bool has(const CsvSource* s, std::string_view column) {
    return std::find(s->header.begin(), s->header.end(), column) != s->header.end();
  }

  std::string event_json_;
  std::map<std::string, CsvSource, std::less<>> sources_;
};

// A cell's number as JSON (integer when it is one), or the text itself for the converter to
// report ("'ask' must be a number, got \"abc\"").
inline Json cell_number(std::string_view cell) {
  const std::string_view s = trim_spaces(cell);
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (!s.empty()) {
    std::int64_t i = 0;
    if (auto [p, ec] = std::from_chars(first, last, i); ec == std::errc() && p == last) return i;
    double d = 0;
    if (auto [p, ec] = std::from_chars(first, last, d);
        p == last && (ec == std::errc() || ec == std::errc::result_out_of_range)) {
      if (ec == std::errc::result_out_of_range) {
        return Json(std::string(cell));  // reported as not a usable number
      }
      return d;
    }
  }
  return Json(std::string(cell));
}

inline std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const std::size_t end = std::min(cell.find(';', start), cell.size());
    const std::string_view item = trim_spaces(cell.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

inline std::string folder_file_list() {
  return "an event folder holds event.json, startups.csv, investors.csv and slots.csv "
         "[+ requests.csv, blocked.csv, pinned.csv]";
}

// Reads one CSV table into the event document's list; false on a syntax error.
inline bool read_table(const std::filesystem::path& path, const TableSpec& spec, Json& list,
                       CsvSource& source, DiagnosticList& problems) {
  bool ok = false;
  const std::string text = read_whole_file(path, problems, ok);
  if (!ok) return false;
  list = Json::array();
  if (!spec.required_file &&
      text.find_first_not_of(std::string_view("\xEF\xBB\xBF \t\r\n,;")) == std::string::npos) {
    return true;  // an optional file left empty (0 bytes, or blank rows): no rows
  }
  CsvTable table;
  try {
    table = parse_csv(text, source.path);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) problems.add(d);
    return false;
  }
  auto cell_error = [&](int line, std::size_t column, std::string message) {
    problems.add(Diagnostic{.file = source.path,
                            .line = line,
                            .column = static_cast<int>(column + 1),
                            .message = std::move(message)});
  };
  std::vector<std::string_view> known;
  for (const auto& c : spec.columns) known.push_back(c.name);
  std::vector<const ColumnSpec*> columns;
  std::map<std::string, std::size_t, std::less<>> seen;
  for (std::size_t k = 0; k < table.header.fields.size(); ++k) {
    const std::string name(trim_spaces(table.header.fields[k]));
    const ColumnSpec* spec_column = nullptr;
    for (const auto& c : spec.columns) {
      if (c.name == name) spec_column = &c;
    }
    if (!spec_column) {
      cell_error(table.header.line, k,
                 "unknown column '" + name + "' in " + source.name + did_you_mean(name, known));
    } else if (auto [it, fresh] = seen.emplace(name, k); !fresh) {
      cell_error(
          table.header.line, k,
          "duplicate column '" + name + "' (also column " + std::to_string(it->second + 1) + ")");
      spec_column = nullptr;
    }
    columns.push_back(spec_column);
    source.header.push_back(spec_column ? name : std::string());
  }
  for (const auto& c : spec.columns) {
    if (c.required && !seen.count(c.name)) {
      problems.add(Diagnostic{
          .file = source.path,
          .line = table.header.line,
          .column = 1,
          .message = "missing required column '" + std::string(c.name) + "' in " + source.name});
    }
  }
  list = Json::array();
  for (const auto& record : table.records) {
    source.lines.push_back(record.line);
    Json row = Json::object();
    for (std::size_t k = 0; k < record.fields.size() && k < columns.size(); ++k) {
      const ColumnSpec* c = columns[k];
      const std::string& cell = record.fields[k];
      if (!c || cell.empty()) continue;
      const std::string key(c->name);
      switch (c->kind) {
        case CellKind::text:
          row[key] = cell;
          break;
        case CellKind::number:
          row[key] = cell_number(cell);
          break;
        case CellKind::ticket_min:
          row["ticket"]["min"] = cell_number(cell);
          break;
        case CellKind::ticket_max:
          row["ticket"]["max"] = cell_number(cell);
          break;
        case CellKind::list: {
          Json items = Json::array();
          for (auto& item : split_list(cell)) items.push_back(std::move(item));
          row[key] = std::move(items);
          break;
        }
        case CellKind::weights: {
          const std::string kind = key == "stages" ? "stage" : "sector";
          Json weights = Json::object();
          for (const auto& item : split_list(cell)) {
            const std::size_t colon = item.rfind(':');
            const std::string name(trim_spaces(std::string_view(item).substr(
                0, colon == std::string::npos ? item.size() : colon)));
            Json weight = colon == std::string::npos
                              ? Json(1)
                              : cell_number(std::string_view(item).substr(colon + 1));
            if (name.empty()) {
              cell_error(record.line, k,
                         "empty " + kind + " name in '" + item + "' in column '" + key + "'");
            } else if (weights.contains(name)) {
              cell_error(record.line, k,
                         kind + " '" + name + "' is listed twice in column '" + key + "'");
            } else {
              weights[name] = std::move(weight);
            }
          }
          row[key] = std::move(weights);
          break;
        }
      }
    }
    list.push_back(std::move(row));
  }
  return true;
}

}  // namespace detail::event

FESTMATCH_FUNC Event read_event_folder(const std::filesystem::path& folder,
                                       const ReadOptions& options) {
  namespace fs = std::filesystem;
  detail::DiagnosticList problems;
  const std::string event_path = (folder / "event.json").string();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw InputError({Diagnostic{.file = folder.string(), .message = "not a folder"}});
  }
  bool syntax_ok = true;
  std::optional<detail::event::Json> doc;
  if (!fs::exists(folder / "event.json", ec)) {
    problems.add(Diagnostic{.file = event_path,
                            .message = "missing file (" + detail::event::folder_file_list() + ")"});
    syntax_ok = false;
  } else {
    bool ok = false;
    const std::string text = detail::event::read_whole_file(folder / "event.json", problems, ok);
    if (ok) doc = detail::event::parse_json_document(text, event_path, problems);
    syntax_ok = doc.has_value();
  }
  if (doc && doc->is_object()) {
    for (const auto& spec : detail::event::folder_tables()) {
      const std::string key(spec.key);
      if (doc->contains(key)) {
        problems.add(Diagnostic{.file = event_path,
                                .pointer = "/" + key,
                                .message = "'" + key + "' belongs in " + std::string(spec.file) +
                                           " in an event folder, not in event.json"});
        doc->erase(key);
      }
    }
  }
  std::map<std::string, detail::event::CsvSource, std::less<>> sources;
  std::vector<std::pair<std::string, detail::event::Json>> lists;
  for (const auto& spec : detail::event::folder_tables()) {
    const fs::path path = folder / spec.file;
    if (!fs::exists(path, ec)) {
      if (spec.required_file) {
        problems.add(
            Diagnostic{.file = path.string(),
                       .message = "missing file (" + detail::event::folder_file_list() + ")"});
        syntax_ok = false;
      }
      continue;
    }
    detail::event::CsvSource source{.path = path.string(), .name = std::string(spec.file)};
    detail::event::Json list;
    if (detail::event::read_table(path, spec, list, source, problems)) {
      lists.emplace_back(std::string(spec.key), std::move(list));
      sources.emplace(std::string(spec.key), std::move(source));
    } else {
      syntax_ok = false;
    }
  }
  if (!syntax_ok) throw InputError(problems.take());
  if (doc->is_object()) {
    for (auto& [key, list] : lists) (*doc)[key] = std::move(list);
  }
  return detail::event::convert_or_throw(
      *doc, detail::event::FolderLocator(event_path, std::move(sources)), problems, options);
}

FESTMATCH_FUNC void write_event_folder(const Event& event, const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  detail::DiagnosticList problems;
  const detail::event::JsonLocator where("");
  detail::event::check_indices(event, where, problems);
  if (!problems.empty()) throw InputError(problems.take());

  auto list_item = [&](const std::string& ptr, const std::string& item) {
    if (item.find(';') != std::string::npos || item != detail::event::trim_spaces(item)) {
      Diagnostic d = where.at(ptr);
      d.message = "'" + item +
                  "' cannot be written to a CSV list cell (it holds ';' or "
                  "surrounding spaces)";
      problems.add(std::move(d));
    }
    return item;
  };
  auto join = [&](const std::string& ptr, const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t k = 0; k < items.size(); ++k) {
      out += (k ? ";" : "") + list_item(detail::event::pointer_child(ptr, k), items[k]);
    }
    return out;
  };
  auto weights = [&](const std::string& ptr, const std::vector<Weighted>& items,
                     const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::string& name = names[std::size_t(items[k].index)];
      out += (k ? ";" : "") + list_item(detail::event::pointer_child(ptr, name), name) + ":" +
             detail::event::format_number(items[k].weight);
    }
    return out;
  };
  auto availability = [&](const std::string& ptr, const Availability& a, std::string& available,
                          std::string& unavailable) {
    if (a.kind == Availability::Kind::all) return;
    std::vector<std::string> ids;
    for (Index s : a.slots) ids.push_back(event.slots[std::size_t(s)].id);
    if (a.kind == Availability::Kind::available) {
      if (ids.empty()) {
        Diagnostic d = where.at(detail::event::pointer_child(ptr, "available"));
        d.message = "an empty 'available' list cannot be written to a CSV cell";
        problems.add(std::move(d));
      }
      available = join(detail::event::pointer_child(ptr, "available"), ids);
    } else {
      unavailable = join(detail::event::pointer_child(ptr, "unavailable"), ids);
    }
  };
  auto optional_int = [](const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string();
  };

  std::string startups =
      csv_row({"id", "name", "sectors", "stage", "ask", "country", "languages", "max_meetings",
               "min_meetings", "available", "unavailable", "mode", "status"});
  for (std::size_t k = 0; k < event.startups.size(); ++k) {
    const Startup& s = event.startups[k];
    const std::string p = detail::event::pointer_child("/startups", k);
    std::string available, unavailable;
    availability(p, s.availability, available, unavailable);
    startups +=
        csv_row({s.id, s.name,
                 weights(detail::event::pointer_child(p, "sectors"), s.sectors, event.sectors),
                 event.stages[std::size_t(s.stage)],
                 s.ask ? detail::event::format_number(*s.ask) : std::string(), s.country,
                 join(detail::event::pointer_child(p, "languages"), s.languages),
                 optional_int(s.max_meetings), optional_int(s.min_meetings), available, unavailable,
                 to_string(s.mode), to_string(s.status)});
  }
  std::string investors = csv_row({"id", "name", "organisation", "sectors", "stages", "ticket_min",
                                   "ticket_max", "countries", "languages", "max_meetings",
                                   "available", "unavailable", "table", "mode", "status"});
  for (std::size_t k = 0; k < event.investors.size(); ++k) {
    const Investor& v = event.investors[k];
    const std::string p = detail::event::pointer_child("/investors", k);
    std::string available, unavailable;
    availability(p, v.availability, available, unavailable);
    investors +=
        csv_row({v.id, v.name, v.organisation,
                 weights(detail::event::pointer_child(p, "sectors"), v.sectors, event.sectors),
                 weights(detail::event::pointer_child(p, "stages"), v.stages, event.stages),
                 v.ticket ? detail::event::format_number(v.ticket->min) : std::string(),
                 v.ticket ? detail::event::format_number(v.ticket->max) : std::string(),
                 join(detail::event::pointer_child(p, "countries"), v.countries),
                 join(detail::event::pointer_child(p, "languages"), v.languages),
                 optional_int(v.max_meetings), available, unavailable,
                 v.table ? event.tables[std::size_t(*v.table)] : std::string(), to_string(v.mode),
                 to_string(v.status)});
  }
  std::string slots = csv_row({"id", "start", "minutes", "tables"});
  for (std::size_t k = 0; k < event.slots.size(); ++k) {
    const Slot& s = event.slots[k];
    slots += csv_row(
        {list_item(detail::event::pointer_child(detail::event::pointer_child("/slots", k), "id"),
                   s.id),
         s.start, std::to_string(s.minutes), optional_int(s.tables)});
  }
  std::string requests = csv_row({"startup", "investor", "by", "priority"});
  for (const auto& r : event.requests) {
    requests += csv_row({event.startups[std::size_t(r.startup)].id,
                         event.investors[std::size_t(r.investor)].id,
                         r.by == Side::startup ? "startup" : "investor", to_string(r.priority)});
  }
  std::string blocked = csv_row({"startup", "investor", "reason"});
  for (const auto& b : event.blocked) {
    blocked += csv_row({event.startups[std::size_t(b.startup)].id,
                        event.investors[std::size_t(b.investor)].id, b.reason});
  }
  std::string pinned = csv_row({"startup", "investor", "slot", "table"});
  for (const auto& p : event.pinned) {
    pinned +=
        csv_row({event.startups[std::size_t(p.startup)].id,
                 event.investors[std::size_t(p.investor)].id, event.slots[std::size_t(p.slot)].id,
                 p.table ? event.tables[std::size_t(*p.table)] : std::string()});
  }
  if (!problems.empty()) throw InputError(problems.take());

  detail::event::Json doc = detail::event::event_document(event);
  for (const auto& spec : detail::event::folder_tables()) doc.erase(std::string(spec.key));
  const std::string settings = detail::event::dump_document(doc);
  for (const std::string* text : {&startups, &investors, &slots, &requests, &blocked, &pinned}) {
    if (detail::invalid_utf8_at(*text) != std::string::npos) {
      throw InputError("cannot write the event: a name or id is not valid UTF-8");
    }
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw OutputError(folder.string() + ": cannot create the folder: " + ec.message());
  write_file_atomically(folder / "event.json", settings);
  write_file_atomically(folder / "startups.csv", startups);
  write_file_atomically(folder / "investors.csv", investors);
  write_file_atomically(folder / "slots.csv", slots);
  write_file_atomically(folder / "requests.csv", requests);
  write_file_atomically(folder / "blocked.csv", blocked);
  write_file_atomically(folder / "pinned.csv", pinned);
}

}  // namespace festmatch
