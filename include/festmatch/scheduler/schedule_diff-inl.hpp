// festmatch — the definitions of festmatch/scheduler/schedule_diff.hpp.
#pragma once

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/event_json_document.hpp"
#include "festmatch/event/detail/read_file.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/detail/schedule_file.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/util/csv.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"
#include "festmatch/util/detail/time_text.hpp"

namespace festmatch {

namespace detail::scheduler {

// Reads what a diff needs of a parsed schedule file; problems go to `problems`.
class IdsReader {
 public:
  IdsReader(std::string file, DiagnosticList& problems)
      : file_(std::move(file)), problems_(problems) {}

  ScheduleIds read(const ojson& root) {
    ScheduleIds out;
    if (!root.is_object()) {
      error("", "a schedule file is a JSON object, not " + type_of(root));
      return out;
    }
    check_format(root, [&](const std::string& pointer, std::string message) {
      error(pointer, std::move(message));
    });
    if (root.contains("now")) text(root, "", "now", out.now);
    std::map<std::pair<std::string, std::string>, std::size_t> first_at;
    if (!root.contains("meetings")) {
      error("", "missing field 'meetings'");
    } else if (const ojson& ms = root["meetings"]; !ms.is_array()) {
      error("/meetings", "expected an array, got " + type_of(ms));
    } else {
      for (std::size_t k = 0; k < ms.size(); ++k) {
        const std::string where = "/meetings/" + std::to_string(k);
        auto m = meeting(ms[k], where);
        if (!m) continue;
        const auto [it, fresh] = first_at.emplace(std::pair{m->startup, m->investor}, k);
        if (!fresh) {
          error(where, "startup " + m->startup + " meets investor " + m->investor +
                           " again (also /meetings/" + std::to_string(it->second) +
                           "): a pair meets at most once");
          continue;
        }
        out.meetings.push_back(std::move(*m));
      }
    }
    if (root.contains("changes")) {
      if (const ojson& cs = root["changes"]; !cs.is_array()) {
        error("/changes", "expected an array, got " + type_of(cs));
      } else {
        for (std::size_t k = 0; k < cs.size(); ++k) {
          if (auto c = change(cs[k], "/changes/" + std::to_string(k)))
            out.changes.push_back(std::move(*c));
        }
      }
    }
    return out;
  }

 private:
  void error(const std::string& pointer, std::string message) {
    problems_.add(Diagnostic{.file = file_, .pointer = pointer, .message = std::move(message)});
  }

  // report(pointer, message) for the shared readers of detail/schedule_file.hpp.
  auto report() {
    return [this](const std::string& pointer, std::string message) {
      error(pointer, std::move(message));
    };
  }
  bool text(const ojson& obj, const std::string& where, const char* field, std::string& out) {
    return read_text(obj, where, field, out, report());
  }
  bool table(const ojson& obj, const std::string& where, std::string& out) {
    return read_table(obj, where, out, report());
  }

  std::optional<MeetingIds> meeting(const ojson& j, const std::string& where) {
    if (!j.is_object()) {
      error(where, "a meeting is a JSON object, not " + type_of(j));
      return std::nullopt;
    }
    MeetingIds m;
    bool ok = text(j, where, "slot", m.slot);
    ok = table(j, where, m.table) && ok;
    ok = text(j, where, "startup", m.startup) && ok;
    ok = text(j, where, "investor", m.investor) && ok;
    for (auto [field, out] : {std::pair{"start", &m.start}, std::pair{"end", &m.end}})
      if (j.contains(field)) ok = text(j, where, field, *out) && ok;
    if (!ok) return std::nullopt;
    return m;
  }

  std::optional<Change> change(const ojson& j, const std::string& where) {
    return read_change(j, where, report());
  }

  std::string file_;
  DiagnosticList& problems_;
};

inline std::string place_text(const std::string& slot, const std::string& table) {
  return "slot " + slot + ", " + (table.empty() ? std::string("online") : "table " + table);
}

}  // namespace detail::scheduler

FESTMATCH_FUNC ScheduleIds read_schedule_ids(std::string_view text, const std::string& file_name) {
  detail::DiagnosticList problems;
  const auto doc = detail::event::parse_json_document(text, file_name, problems);
  if (!doc) throw InputError(problems.take());
  ScheduleIds ids = detail::scheduler::IdsReader(file_name, problems).read(*doc);
  if (!problems.empty()) throw InputError(problems.take());
  return ids;
}

FESTMATCH_FUNC ScheduleIds read_schedule_ids(const std::filesystem::path& file) {
  detail::DiagnosticList problems;
  bool ok = false;
  const std::string text = detail::event::read_whole_file(file, problems, ok);
  if (!ok) throw InputError(problems.take());
  return read_schedule_ids(text, file.string());
}

FESTMATCH_FUNC ScheduleIds schedule_ids(const Event& event, const Schedule& schedule) {
  ScheduleIds ids;
  ids.meetings.reserve(schedule.meetings.size());
  ids.now = schedule.now;
  for (const Meeting& m : schedule.meetings) {
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    ids.meetings.push_back(
        {.startup = event.startups.at(static_cast<std::size_t>(m.startup)).id,
         .investor = event.investors.at(static_cast<std::size_t>(m.investor)).id,
         .slot = slot.id,
         .table = m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : std::string(),
         // as write_schedule_json writes them
         .start = detail::format_local(slot.start_utc, slot.utc_offset_minutes),
         .end = detail::format_local(slot.end_utc(), slot.utc_offset_minutes)});
  }
  ids.changes = schedule.changes;
  return ids;
}

FESTMATCH_FUNC std::vector<Change> diff_schedules(const ScheduleIds& before,
                                                  const ScheduleIds& after) {
  using Pair = std::pair<std::string, std::string>;
  auto by_pair = [](const ScheduleIds& s, const char* which) {
    std::map<Pair, const MeetingIds*> out;
    for (const MeetingIds& m : s.meetings) {
      if (!out.emplace(Pair{m.startup, m.investor}, &m).second) {
        throw InputError("startup " + m.startup + " meets investor " + m.investor +
                         " twice in the " + which + " schedule: a pair meets at most once");
      }
    }
    return out;
  };
  const auto old_meetings = by_pair(before, "old"), new_meetings = by_pair(after, "new");
  std::map<std::tuple<std::string, std::string, ChangeKind>, std::string> reasons;
  for (const Change& c : after.changes) {
    if (!c.reason.empty()) reasons.emplace(std::tuple{c.startup, c.investor, c.kind}, c.reason);
  }
  auto reason_of = [&](const Pair& p, ChangeKind kind) {
    const auto it = reasons.find(std::tuple{p.first, p.second, kind});
    return it == reasons.end() ? std::string() : it->second;
  };
  std::vector<Change> out;
  auto o = old_meetings.begin();
  auto n = new_meetings.begin();
  while (o != old_meetings.end() || n != new_meetings.end()) {
    if (n == new_meetings.end() || (o != old_meetings.end() && o->first < n->first)) {
      const MeetingIds& m = *o->second;
      out.push_back({.kind = ChangeKind::cancelled,
                     .startup = m.startup,
                     .investor = m.investor,
                     .from_slot = m.slot,
                     .from_table = m.table,
                     .reason = reason_of(o->first, ChangeKind::cancelled)});
      ++o;
    } else if (o == old_meetings.end() || n->first < o->first) {
      const MeetingIds& m = *n->second;
      out.push_back({.kind = ChangeKind::added,
                     .startup = m.startup,
                     .investor = m.investor,
                     .to_slot = m.slot,
                     .to_table = m.table,
                     .reason = reason_of(n->first, ChangeKind::added)});
      ++n;
    } else {
      const MeetingIds &a = *o->second, &b = *n->second;
      if (a.slot != b.slot || a.table != b.table) {
        out.push_back({.kind = ChangeKind::moved,
                       .startup = a.startup,
                       .investor = a.investor,
                       .from_slot = a.slot,
                       .from_table = a.table,
                       .to_slot = b.slot,
                       .to_table = b.table,
                       .reason = reason_of(o->first, ChangeKind::moved)});
      }
      ++o;
      ++n;
    }
  }
  return out;
}

FESTMATCH_FUNC std::vector<ParticipantChanges> changes_by_participant(
    const std::vector<Change>& changes) {
  // (side, id) -> the changes, each listed under both of its participants.
  std::map<std::pair<Side, std::string>, std::vector<Change>> of;
  for (const Change& c : changes) {
    of[{Side::startup, c.startup}].push_back(c);
    of[{Side::investor, c.investor}].push_back(c);
  }
  std::vector<ParticipantChanges> out;
  out.reserve(of.size());
  for (auto& [who, list] : of) {
    const bool startup = who.first == Side::startup;
    std::stable_sort(list.begin(), list.end(), [&](const Change& a, const Change& b) {
      return std::tie(a.kind, startup ? a.investor : a.startup) <
             std::tie(b.kind, startup ? b.investor : b.startup);
    });
    out.push_back({.side = who.first, .participant = who.second, .changes = std::move(list)});
  }
  return out;
}

FESTMATCH_FUNC std::string diff_text(const std::vector<ParticipantChanges>& diff) {
  std::string out;
  for (const ParticipantChanges& p : diff) {
    const bool startup = p.side == Side::startup;
    out += to_string(p.side) + " " + p.participant + " (" + std::to_string(p.changes.size()) +
           (p.changes.size() == 1 ? " change)\n" : " changes)\n");
    for (const Change& c : p.changes) {
      std::string kind(change_kind_names[int(c.kind)]);
      kind.resize(10, ' ');
      out += "  " + kind + " with " +
             (startup ? "investor " + c.investor : "startup " + c.startup) + ": ";
      if (c.kind == ChangeKind::moved) {
        out += detail::scheduler::place_text(c.from_slot, c.from_table) + " -> " +
               detail::scheduler::place_text(c.to_slot, c.to_table);
      } else if (c.kind == ChangeKind::cancelled) {
        out += detail::scheduler::place_text(c.from_slot, c.from_table);
      } else {
        out += detail::scheduler::place_text(c.to_slot, c.to_table);
      }
      if (!c.reason.empty()) out += " (" + c.reason + ")";
      out += '\n';
    }
  }
  return out;
}

FESTMATCH_FUNC std::string diff_json(const std::vector<ParticipantChanges>& diff) {
  using detail::scheduler::ojson;
  if (diff.empty()) return "[]\n";
  std::string out = "[";
  for (std::size_t k = 0; k < diff.size(); ++k) {
    const ParticipantChanges& p = diff[k];
    ojson head;
    head["side"] = to_string(p.side);
    head["participant"] = p.participant;
    std::string opening = detail::scheduler::compact_json(head);
    opening.pop_back();  // the closing brace, written after the changes
    out += (k ? ",\n  " : "\n  ") + opening + ",\"changes\":[";
    for (std::size_t c = 0; c < p.changes.size(); ++c) {
      out += (c ? ",\n    " : "\n    ") +
             detail::scheduler::compact_json(detail::scheduler::change_json(p.changes[c]));
    }
    out += "\n  ]}";
  }
  out += "\n]\n";
  return out;
}

FESTMATCH_FUNC std::string diff_csv(const std::vector<ParticipantChanges>& diff) {
  std::string out = csv_row({"participant_side", "participant", "change", "other", "from_slot",
                             "from_table", "to_slot", "to_table", "reason"});
  for (const ParticipantChanges& p : diff) {
    for (const Change& c : p.changes) {
      out += csv_row({to_string(p.side), p.participant, std::string(change_kind_names[int(c.kind)]),
                      p.side == Side::startup ? c.investor : c.startup, c.from_slot, c.from_table,
                      c.to_slot, c.to_table, c.reason});
    }
  }
  return out;
}

}  // namespace festmatch
