// festmatch._festmatch — the compiled half of the Python package `festmatch` (python/festmatch/
// __init__.py re-exports it; __init__.pyi holds the types). pybind11 over the compiled library
// festmatch::festmatch.
//
// Why a package around one extension, not the extension alone: the stubs (__init__.pyi) and
// py.typed must sit in a package for type checkers to use them (PEP 561), and the package is
// where pure-Python additions go; everything that touches the library stays in this file.
//
// What crosses the boundary, and how:
// - Event: the C++ Event, immutable from Python, shared (std::shared_ptr) with every Schedule
//   made from it, so a solve can run without the GIL while other threads use the same Event.
//   from_dict/to_dict go through the event file's JSON (json.dumps -> read_event_json,
//   write_event_json -> json.loads): one format, one reader, the same diagnostics as files.
// - score_matrix: the three Eigen matrices are moved into one heap object owned by a capsule,
//   and each numpy array is a view of its column-major memory with the capsule as its base: no
//   copy, freed when the last array goes.
// - schedule: runs without the GIL. ScheduleOptions::progress is called after each stage on
//   this thread; there the GIL is taken back, PyErr_CheckSignals runs the Python signal handlers
//   (Ctrl-C raises KeyboardInterrupt) and the user's progress callable is called. A Python
//   exception from either is kept, a C++ exception (Stop) stops the solve at that stage boundary
//   (scheduler.hpp: the library joins its threads and unwinds), and the Python exception is
//   raised again once the GIL is held.
// - errors: festmatch::InputError -> festmatch.InputError (a ValueError), InfeasibleError ->
//   festmatch.InfeasibleError, any other festmatch::Error -> festmatch.Error (their base), each
//   with .diagnostics, one dict per Diagnostic.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/detail/find_id.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/reschedule.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/detail/time_text.hpp"
#include "festmatch/version.hpp"

namespace py = pybind11;
namespace fm = festmatch;
using namespace pybind11::literals;

namespace {

// A Python str from UTF-8 text. The library's strings are valid UTF-8 (the readers check); a
// message quoting bad input could hold stray bytes, which become U+FFFD instead of an error.
py::str text(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), Py_ssize_t(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::object text_or_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(text(s));
}

py::object positive_or_none(int v) {
  return v > 0 ? py::object(py::int_(v)) : py::object(py::none());
}

py::list diagnostics_list(const std::vector<fm::Diagnostic>& diagnostics) {
  py::list out;
  for (const fm::Diagnostic& d : diagnostics) {
    out.append(py::dict("file"_a = text_or_none(d.file), "line"_a = positive_or_none(d.line),
                        "column"_a = positive_or_none(d.column),
                        "pointer"_a = text_or_none(d.pointer), "message"_a = text(d.message),
                        "severity"_a = d.severity == fm::Severity::warning ? "warning" : "error"));
  }
  return out;
}

// The exception types, created at import and kept alive by the module's attributes.
struct ErrorTypes {
  py::handle error, input, infeasible;
} error_types;

void set_python_error(py::handle type, const fm::Error& e) {
  py::object exc = type(text(e.what()));
  exc.attr("diagnostics") = diagnostics_list(e.diagnostics());
  PyErr_SetObject(type.ptr(), exc.ptr());
}

struct PyEvent {
  std::shared_ptr<const fm::Event> event;
  std::vector<fm::Diagnostic> warnings;
};

PyEvent make_event(fm::Event&& event, std::vector<fm::Diagnostic>&& warnings) {
  return {std::make_shared<const fm::Event>(std::move(event)), std::move(warnings)};
}

PyEvent read_event(const std::filesystem::path& path, bool check_partners) {
  std::vector<fm::Diagnostic> warnings;
  fm::Event event;
  {
    py::gil_scoped_release unlocked;
    event = fm::read_event(path, {.warnings = &warnings, .check_partners = check_partners});
  }
  return make_event(std::move(event), std::move(warnings));
}

PyEvent event_from_json(const std::string& json, const std::string& file_name) {
  std::vector<fm::Diagnostic> warnings;
  fm::Event event;
  {
    py::gil_scoped_release unlocked;
    event = fm::read_event_json(json, file_name, {.warnings = &warnings});
  }
  return make_event(std::move(event), std::move(warnings));
}

PyEvent event_from_dict(const py::object& d) {
  py::object dumps = py::module_::import("json").attr("dumps");
  std::string json;
  try {
    json = py::cast<std::string>(dumps(d, "ensure_ascii"_a = false, "allow_nan"_a = false,
                                       "separators"_a = py::make_tuple(",", ":")));
  } catch (py::error_already_set& e) {
    // NaN and infinity have no JSON form: an input error like any other bad value. Values
    // json cannot write at all (TypeError) stay what they are.
    if (!e.matches(PyExc_ValueError)) throw;
    throw fm::InputError("the event is not JSON: " + py::cast<std::string>(py::str(e.value())));
  }
  return event_from_json(json, "");
}

std::string event_to_json(const PyEvent& e) {
  py::gil_scoped_release unlocked;
  return fm::write_event_json(*e.event);
}

py::list ids_of(const auto& people) {
  py::list out;
  for (const auto& p : people) out.append(text(p.id));
  return out;
}

// One pair's explanation as `festmatch explain --format json` writes it (without --schedule).
py::dict explain(const PyEvent& ev, const std::string& startup, const std::string& investor) {
  const fm::Event& e = *ev.event;
  const fm::Index s = fm::detail::event::find_id(e.startups, startup, "startup", "");
  const fm::Index i = fm::detail::event::find_id(e.investors, investor, "investor", "");
  const fm::Explanation x = fm::explain(e, s, i);
  py::list components, requests;
  for (const auto& c : x.components) {
    components.append(py::dict("name"_a = text(c.name), "value"_a = c.value, "weight"_a = c.weight,
                               "contribution"_a = c.contribution));
  }
  for (const auto& r : x.requests) {
    requests.append(
        py::dict("by"_a = fm::to_string(r.by), "priority"_a = fm::to_string(r.priority)));
  }
  return py::dict(
      "startup"_a = text(e.startups[std::size_t(s)].id),
      "investor"_a = text(e.investors[std::size_t(i)].id), "components"_a = components,
      "base"_a = x.base, "bonus"_a = x.bonus, "score"_a = x.score, "requests"_a = requests,
      "eligible"_a = x.eligible,
      "rule"_a = x.eligible ? py::object(py::none()) : py::object(py::str(to_string(x.rule))),
      "reason"_a = text(x.reason));
}

// collections.namedtuple ScoreMatrix(score, base, eligible), kept alive by the module's attribute
// (a handle: a static py::object would be released after the interpreter is gone).
py::handle score_matrix_type;

// The three matrices without a copy: moved into one heap object that a capsule owns; each array
// views its column-major (Fortran-order) memory and holds the capsule as its base.
py::object score_matrix(const PyEvent& ev, int threads) {
  if (threads < 0) throw py::value_error("threads must be 0 (all cores) or more");
  auto owned = std::make_unique<fm::CompatibilityMatrix>();
  {
    py::gil_scoped_release unlocked;
    *owned = fm::compatibility_matrix(*ev.event, threads, fm::MatrixParts::all);
  }
  fm::CompatibilityMatrix& m = *owned;
  py::capsule base(owned.get(), [](void* p) { delete static_cast<fm::CompatibilityMatrix*>(p); });
  owned.release();  // the capsule owns it now
  const auto n = py::ssize_t(m.score.rows()), k = py::ssize_t(m.score.cols());
  const auto d = py::ssize_t(sizeof(double));
  py::array score(py::dtype::of<double>(), {n, k}, {d, d * n}, m.score.data(), base);
  py::array base_score(py::dtype::of<double>(), {n, k}, {d, d * n}, m.base.data(), base);
  // eligible holds 0 or 1 in one byte: numpy's bool has exactly that representation.
  static_assert(sizeof(std::uint8_t) == sizeof(bool));
  py::array eligible(py::dtype::of<bool>(), {n, k}, {py::ssize_t(1), n}, m.eligible.data(), base);
  return score_matrix_type(score, base_score, eligible);
}

// A row of Schedule.meetings_array.
struct MeetingRecord {
  std::int32_t slot, table, startup, investor;  // indices; table -1 when online
  double score;
  bool online, pinned;
};

struct PySchedule {
  std::shared_ptr<PyEvent> event;  // the festmatch.Event scheduled
  fm::Schedule schedule;
  [[nodiscard]] const fm::Event& data() const { return *event->event; }
};

struct Stop {};  // thrown through the library to stop a solve (ScheduleOptions::progress)

// Runs `solve(options)` without the GIL, stoppable by Ctrl-C and by `progress` raising.
template <class Solve>
PySchedule run_solver(const std::shared_ptr<PyEvent>& ev, const std::string& objective,
                      std::uint64_t seed, int threads, const py::object& progress,
                      const std::string& agenda, const Solve& solve) {
  if (objective != "fair" && objective != "total")
    throw py::value_error("objective must be 'fair' or 'total', not '" + objective + "'");
  if (agenda != "compact" && agenda != "spread")
    throw py::value_error("agenda must be 'compact' or 'spread', not '" + agenda + "'");
  if (threads < 0) throw py::value_error("threads must be 0 (all cores) or more");
  if (!progress.is_none() && !PyCallable_Check(progress.ptr()))
    throw py::type_error("progress must be callable(stage: str, fraction: float) or None");
  fm::ScheduleOptions options;
  options.objective = objective == "total" ? fm::Objective::total : fm::Objective::fair;
  options.seed = seed;
  options.threads = threads;
  options.agenda = agenda == "spread" ? fm::Agenda::spread : fm::Agenda::compact;
  std::optional<py::error_already_set> raised;  // the Python exception that stopped the solve
  options.progress = [&](std::string_view stage, double fraction) {
    py::gil_scoped_acquire gil;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(text(stage), fraction);
    } catch (py::error_already_set& e) {
      raised.emplace(std::move(e));
      throw Stop{};
    }
  };
  PySchedule out{ev, {}};
  try {
    py::gil_scoped_release unlocked;
    out.schedule = solve(options);
  } catch (const Stop&) {
    throw std::move(*raised);  // the GIL is held again here
  }
  return out;
}

PySchedule schedule(const std::shared_ptr<PyEvent>& ev, const std::string& objective,
                    std::uint64_t seed, int threads, const py::object& progress,
                    const std::string& agenda) {
  return run_solver(
      ev, objective, seed, threads, progress, agenda,
      [&](const fm::ScheduleOptions& o) { return fm::schedule_meetings(*ev->event, o); });
}

PySchedule reschedule(const std::shared_ptr<PyEvent>& ev, const PySchedule& previous,
                      const std::optional<std::string>& now, const std::string& objective,
                      std::uint64_t seed, int threads, const py::object& progress,
                      const std::string& agenda, const std::optional<double>& move_cost) {
  if (move_cost && !(*move_cost >= 0.0))
    throw py::value_error("move_cost must be a number >= 0, got " + std::to_string(*move_cost));
  if (previous.event == ev)
    return run_solver(
        ev, objective, seed, threads, progress, agenda, [&](const fm::ScheduleOptions& o) {
          return fm::reschedule(*ev->event, previous.schedule,
                                {.now = now.value_or(""), .schedule = o, .move_cost = move_cost});
        });
  // The changed event: the previous schedule is read again by id against it, completed with
  // what it names and the event lacks (scheduler/departed.hpp); the new schedule is of that.
  fm::Published published =
      fm::read_published(fm::write_schedule_json(previous.data(), previous.schedule),
                         "previous schedule", *ev->event, now.value_or(""));
  auto full = ev;
  if (!published.departed.empty())
    full = std::make_shared<PyEvent>(make_event(std::move(published.event), {}));
  return run_solver(full, objective, seed, threads, progress, agenda,
                    [&](const fm::ScheduleOptions& o) {
                      return fm::reschedule(*full->event, published.schedule,
                                            {.now = now.value_or(""),
                                             .schedule = o,
                                             .departed = published.departed,
                                             .move_cost = move_cost});
                    });
}

py::list changes_list(const PySchedule& s) {
  py::list out;
  for (const auto& c : s.schedule.changes) {
    py::dict d;
    d["change"] = text(fm::change_kind_names[int(c.kind)]);
    d["startup"] = text(c.startup);
    d["investor"] = text(c.investor);
    auto place = [](const std::string& slot, const std::string& table) {
      py::dict p;
      p["slot"] = text(slot);
      p["table"] = text_or_none(table);
      return p;
    };
    d["from"] = c.kind == fm::ChangeKind::added ? py::object(py::none())
                                                : py::object(place(c.from_slot, c.from_table));
    d["to"] = c.kind == fm::ChangeKind::cancelled ? py::object(py::none())
                                                  : py::object(place(c.to_slot, c.to_table));
    d["reason"] = text(c.reason);
    out.append(std::move(d));
  }
  return out;
}

// Meetings as the schedule file writes them (scheduler/schedule_json.hpp).
py::list meetings_list(const PySchedule& s) {
  const fm::Event& e = s.data();
  // Each id and time once as a Python str, shared by every meeting that names it.
  std::vector<py::object> slot_id, start, end, table, startup, investor;
  for (const auto& t : e.slots) {
    slot_id.push_back(text(t.id));
    start.push_back(text(fm::detail::format_local(t.start_utc, t.utc_offset_minutes)));
    end.push_back(text(fm::detail::format_local(t.end_utc(), t.utc_offset_minutes)));
  }
  for (const auto& t : e.tables) table.push_back(text(t));
  for (const auto& p : e.startups) startup.push_back(text(p.id));
  for (const auto& p : e.investors) investor.push_back(text(p.id));
  py::str in_person("in-person"), online("online");
  py::list out(s.schedule.meetings.size());
  std::size_t k = 0;
  for (const fm::Meeting& m : s.schedule.meetings) {
    const auto t = std::size_t(m.slot);
    out[k++] = py::dict("slot"_a = slot_id[t], "start"_a = start[t], "end"_a = end[t],
                        "table"_a = m.table ? table[std::size_t(*m.table)] : py::object(py::none()),
                        "startup"_a = startup[std::size_t(m.startup)],
                        "investor"_a = investor[std::size_t(m.investor)], "score"_a = m.score,
                        "mode"_a = m.online ? online : in_person, "pinned"_a = m.pinned);
  }
  return out;
}

py::array meetings_array(const PySchedule& s) {
  const auto& meetings = s.schedule.meetings;
  auto rows = std::make_unique<std::vector<MeetingRecord>>();
  rows->reserve(meetings.size());
  for (const fm::Meeting& m : meetings) {
    rows->push_back(
        {m.slot, m.table ? *m.table : -1, m.startup, m.investor, m.score, m.online, m.pinned});
  }
  py::capsule base(rows.get(), [](void* p) { delete static_cast<std::vector<MeetingRecord>*>(p); });
  auto* data = rows.release();  // the capsule owns it now
  return py::array_t<MeetingRecord>(py::ssize_t(data->size()), data->data(), base);
}

py::list unscheduled_list(const PySchedule& s) {
  const fm::Event& e = s.data();
  py::list out;
  for (const fm::UnmetRequest& u : s.schedule.unscheduled) {
    out.append(py::dict("startup"_a = text(e.startups[std::size_t(u.startup)].id),
                        "investor"_a = text(e.investors[std::size_t(u.investor)].id),
                        "by"_a = fm::to_string(u.by), "priority"_a = fm::to_string(u.priority),
                        "reason"_a = text(u.reason)));
  }
  return out;
}

py::list shortfalls_list(const PySchedule& s) {
  const fm::Event& e = s.data();
  py::list out;
  for (const fm::Shortfall& f : s.schedule.shortfalls) {
    const auto k = std::size_t(f.participant);
    const std::string& id = f.side == fm::Side::startup ? e.startups[k].id : e.investors[k].id;
    out.append(py::dict("side"_a = fm::to_string(f.side), "id"_a = text(id),
                        "meetings"_a = f.meetings, "minimum"_a = f.minimum,
                        "reason"_a = text(f.reason)));
  }
  return out;
}

py::dict stats_dict(const PySchedule& s) {
  const fm::ScheduleStats& st = s.schedule.stats;
  py::dict stage_ms;
  for (const auto& [name, ms] : st.stage_ms) stage_ms[text(name)] = ms;
  return py::dict("meetings"_a = st.meetings, "objective"_a = st.objective,
                  "score_total"_a = st.score_total, "upper_bound"_a = st.upper_bound,
                  "gap"_a = st.gap, "startups_below_min"_a = st.startups_below_min,
                  "idle_slots"_a = st.idle_slots, "days_attended"_a = st.days_attended,
                  "stage_ms"_a = stage_ms);
}

std::string schedule_to_json(const PySchedule& s, bool timings) {
  py::gil_scoped_release unlocked;
  if (timings || s.schedule.stats.stage_ms.empty())
    return fm::write_schedule_json(s.data(), s.schedule);
  fm::Schedule published = s.schedule;  // as `festmatch schedule` writes it without --timings
  published.stats.stage_ms.clear();
  return fm::write_schedule_json(s.data(), published);
}

PySchedule schedule_from_json(const std::shared_ptr<PyEvent>& ev, const std::string& json) {
  PySchedule out{ev, {}};
  py::gil_scoped_release unlocked;
  out.schedule = fm::read_schedule_json(json, "", *ev->event);
  return out;
}

py::object make_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  const std::string qualified = std::string("festmatch.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (!type) throw py::error_already_set();
  auto object = py::reinterpret_steal<py::object>(type);
  m.attr(name) = object;
  return object;
}

}  // namespace

PYBIND11_MODULE(_festmatch, m) {
  m.doc() = "The compiled part of the festmatch package; import festmatch instead.";
  py::module_::import("numpy");  // score_matrix and meetings_array need it: fail at import
  m.attr("__version__") = std::to_string(fm::version_major) + "." +
                          std::to_string(fm::version_minor) + "." +
                          std::to_string(fm::version_patch);

  const py::object error = make_exception(
      m, "Error", py::make_tuple(py::handle(PyExc_Exception)),
      "Base of festmatch's errors. .diagnostics lists every problem found, each a dict with\n"
      "file, line, column, pointer (None when unknown), message and severity; str(error) is\n"
      "the lines the command line prints (FILE:LINE:COLUMN: error: ... or FILE:/pointer: ...).");
  const py::object input_error = make_exception(
      m, "InputError", py::make_tuple(error, py::handle(PyExc_ValueError)),
      "The input is malformed or breaks a rule of the format (the command line's exit status 1).\n"
      "A ValueError; .diagnostics locates every problem found.");
  const py::object infeasible_error = make_exception(
      m, "InfeasibleError", py::make_tuple(error),
      "The constraints cannot all hold, e.g. pinned meetings that break a rule (the command\n"
      "line's exit status 3); .diagnostics names each.");
  error_types = {error, input_error, infeasible_error};
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const fm::InputError& e) {
      set_python_error(error_types.input, e);
    } catch (const fm::InfeasibleError& e) {
      set_python_error(error_types.infeasible, e);
    } catch (const fm::Error& e) {
      set_python_error(error_types.error, e);
    }
  });

  PYBIND11_NUMPY_DTYPE(MeetingRecord, slot, table, startup, investor, score, online, pinned);

  const py::object score_matrix_class =
      py::module_::import("collections")
          .attr("namedtuple")("ScoreMatrix", py::make_tuple("score", "base", "eligible"),
                              "module"_a = "festmatch");
  score_matrix_type = score_matrix_class;
  score_matrix_class.attr("__doc__") =
      "The startups x investors matrices of score_matrix(): score (float64: base + request\n"
      "bonus), base (float64, in [0, 1]) and eligible (bool). Row r is event.startup_ids[r],\n"
      "column c event.investor_ids[c]. Fortran-ordered views of the library's own matrices,\n"
      "without a copy; the memory is freed when the last of the three arrays goes.";
  m.attr("ScoreMatrix") = score_matrix_class;

  py::class_<PyEvent, std::shared_ptr<PyEvent>>(
      m, "Event", R"(An event: its participants, slots, tables, requests, rules and options.

Made by read_event(path), Event.from_dict(d) or Event.from_json(text); immutable, so one
Event may be scheduled by several threads at once. Equal events compare equal (==).

Attributes:
    name, timezone: the event's name and display time zone.
    startup_ids, investor_ids, slot_ids, table_ids: the ids, in the event's order (the rows
        and columns of score_matrix, the indices of Schedule.meetings_array).
    warnings: what the reader warned about (valid input that cannot work as expected),
        diagnostics as in InputError.diagnostics.)")
      .def_static("from_dict", &event_from_dict, "d"_a,
                  R"(An event from the event file's JSON as a dict ("format": "festmatch-event/1").

The dict goes through json.dumps to the same reader as an event file, so it takes the same
fields (include/festmatch/event/event_json.hpp is the reference) and gives the same
diagnostics, located by JSON pointer (e.g. /startups/3/stage), with file None.

Raises:
    InputError: every problem found (a NaN or infinite number is one too).
    InfeasibleError: pinned meetings that break a rule.
    TypeError: a value JSON cannot hold.)")
      .def_static("from_json", &event_from_json, "text"_a, "file_name"_a = "",
                  R"(An event from an event file's text; file_name names it in the diagnostics.

Raises InputError (JSON syntax errors located by line and column, values by JSON pointer) or
InfeasibleError, as read_event does.)")
      .def(
          "to_dict",
          [](const PyEvent& e) {
            return py::module_::import("json").attr("loads")(event_to_json(e));
          },
          "The event as the event file's JSON, as a dict: Event.from_dict(e.to_dict()) == e.")
      .def("to_json", &event_to_json,
           "The event file's text: deterministic, 2-space indented, UTF-8 as is.")
      .def_property_readonly(
          "name", [](const PyEvent& e) { return text(e.event->name); }, "The event's name.")
      .def_property_readonly(
          "timezone", [](const PyEvent& e) { return text(e.event->timezone); },
          "The time zone for display, e.g. Asia/Ho_Chi_Minh (slot times carry their own offset).")
      .def_property_readonly(
          "startup_ids", [](const PyEvent& e) { return ids_of(e.event->startups); },
          "The startups' ids in the event's order: the rows of score_matrix().")
      .def_property_readonly(
          "investor_ids", [](const PyEvent& e) { return ids_of(e.event->investors); },
          "The investors' ids in the event's order: the columns of score_matrix().")
      .def_property_readonly(
          "slot_ids", [](const PyEvent& e) { return ids_of(e.event->slots); },
          "The slots' ids in the event's order (Schedule.meetings_array's slot indices).")
      .def_property_readonly(
          "table_ids",
          [](const PyEvent& e) {
            py::list out;
            for (const auto& t : e.event->tables) out.append(text(t));
            return out;
          },
          "The tables' ids in the event's order (Schedule.meetings_array's table indices).")
      .def_property_readonly(
          "warnings", [](const PyEvent& e) { return diagnostics_list(e.warnings); },
          "What the reader warned about: valid input that cannot work as expected (e.g. a\n"
          "minimum above the slots), dicts as in InputError.diagnostics with severity 'warning'.")
      .def("__eq__",
           [](const PyEvent& a, const py::object& b) -> py::object {
             if (!py::isinstance<PyEvent>(b))
               return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(*a.event == *py::cast<const PyEvent&>(b).event);
           })
      .def("__repr__", [](const PyEvent& e) {
        const fm::Event& x = *e.event;
        return py::str("<festmatch.Event {!r}: {} startups, {} investors, {} slots>")
            .format(text(x.name), x.startups.size(), x.investors.size(), x.slots.size());
      });

  m.def("read_event", &read_event, "path"_a, "check_partners"_a = false,
        R"(Reads an event file (festmatch-event/1 JSON) or an event folder (event.json + CSV files).

Args:
    path: the file or folder (str or os.PathLike).
    check_partners: also warn about participants with no eligible partner (scores every
        pair; what `festmatch validate` does).

Returns:
    Event, with the reader's warnings in Event.warnings.

Raises:
    InputError: every problem found, located as the command line prints them (CSV cells by
        line and column, JSON values by pointer); a missing or unreadable path too.
    InfeasibleError: pinned meetings that break a rule.)");

  m.def("score_matrix", &score_matrix, "event"_a, "threads"_a = 0,
        R"(Every startup x investor pair's score, base score and eligibility (docs/scoring.md).

Args:
    event: the Event.
    threads: threads to use; 0 (the default) means all cores. The result never depends on it.

Returns:
    ScoreMatrix(score, base, eligible): numpy arrays of shape (startups, investors), float64,
    float64 and bool, in Fortran order, views of the library's matrices without a copy (the
    same numbers `festmatch score` prints). Runs without the GIL.)");

  m.def("explain", &explain, "event"_a, "startup_id"_a, "investor_id"_a,
        R"(Why one pair scores what it scores, and whether (and why not) it may meet.

Returns the dict `festmatch explain EVENT STARTUP INVESTOR --format json` prints: startup,
investor, components (name, value, weight, contribution for sector, stage, ticket, country,
language), base, bonus, score, requests (by, priority), eligible, rule (None when eligible,
else blocked, languages, modes, below_min_score or no_common_sector) and reason.

Raises:
    InputError: an unknown id (naming the nearest known one).)");

  m.def("schedule", &schedule, "event"_a, "objective"_a = "fair", "seed"_a = 1, "threads"_a = 0,
        "progress"_a = py::none(), "agenda"_a = "compact",
        R"(Schedules the event's 1:1 meetings (docs/scheduler.md).

Args:
    event: the Event.
    objective: "fair" (scores plus fairness_weight for each meeting up to a startup's
        minimum) or "total" (scores only).
    seed: the search's random seed (0 to 2**64 - 1); the same event, objective and seed give
        the same schedule, byte for byte, as `festmatch schedule --seed`.
    threads: threads to use; 0 (the default) means all cores. The schedule never depends on it.
    progress: None or callable(stage: str, fraction: float), called after each stage
        ("scores", "candidates", "selection", "bound", "placement", "search", "compaction"
        with compact agendas, "tables", "reasons") with the GIL held.
    agenda: "compact" (the default: each participant's meetings re-timed onto few days, back
        to back) or "spread" (as placed); the pairs and the objective are the same
        (`festmatch schedule --agenda`).

Returns:
    Schedule.

The solve runs without the GIL, so other Python threads run meanwhile. It stops at the next
stage boundary (well under a second on the largest preset) when Ctrl-C is pressed, raising
KeyboardInterrupt, or when progress raises, re-raising that exception.

Raises:
    InfeasibleError: pinned meetings that break a rule.
    ValueError: an unknown objective or agenda, or negative threads.)");

  m.def("reschedule", &reschedule, "event"_a, "previous"_a, "now"_a = py::none(),
        "objective"_a = "fair", "seed"_a = 1, "threads"_a = 0, "progress"_a = py::none(),
        "agenda"_a = "compact", "move_cost"_a = py::none(),
        R"(Re-schedules after the event changed (`festmatch reschedule`, scheduler/reschedule.hpp).

Args:
    event: the changed Event (cancel a participant with status "cancelled").
    previous: the published Schedule (of this Event, or of the Event before the change: its
        meetings are read again by id against `event`). A participant, slot or table it names
        that `event` no longer has (deleted) is treated as removed: its history stays, its later
        meetings are cancelled ("investor X was removed from the event") or moved, and the
        returned Schedule's event is `event` completed with placeholders for them.
    now: the id of the first slot that is not history; meetings in slots that start before it
        stay exactly as they are. None: nothing is history.
    objective, seed, threads, progress, agenda: as for schedule(); compact agendas re-time
        only what the re-schedule adds or moves (kept meetings stay where they are).
    move_cost: None: a kept meeting never moves. A number X >= 0: a kept meeting moves where
        that makes room for a meeting gaining more than X per meeting moved (`--move-cost`).

Returns:
    Schedule with revision = previous.revision + 1, now, and changes: every meeting moved,
    cancelled (with the rule it breaks) or added. Every later meeting that still keeps every
    rule stays in its slot at its table.

Raises:
    InputError: an unknown `now`, or a previous schedule naming what the event lacks.
    ValueError: a negative or NaN move_cost, and as for schedule().
    InfeasibleError: one of the event's own pinned meetings cannot hold any more.)");

  py::class_<PySchedule>(m, "Schedule", R"(A meeting schedule of an Event, made by schedule().

Each attribute is built on access (keep it in a variable inside loops):
    meetings: list of dicts as the schedule file's "meetings": slot, start, end, table (None
        when online), startup, investor, score, mode ("in-person" or "online"), pinned.
    meetings_array: the same meetings as a numpy structured array with the fields slot,
        table (-1 when online), startup, investor (int32 indices into event.slot_ids,
        table_ids, startup_ids, investor_ids), score (float64), online and pinned (bool).
    unscheduled: every request not met: startup, investor, by, priority, reason.
    shortfalls: every startup below its minimum and every participant with no meeting:
        side, id, meetings, minimum, reason.
    stats: meetings, objective, score_total, upper_bound (a proven bound on the optimum),
        gap, startups_below_min, idle_slots and days_attended (agendas, SPEC §4), stage_ms
        (each stage's time in ms).
    event: the Event scheduled.
len(schedule) is the number of meetings.)")
      .def_static("from_json", &schedule_from_json, "event"_a, "text"_a,
                  R"(A schedule file's text (festmatch-schedule/1) read against its event.

Raises InputError with every problem found (unknown ids, tables not open in the slot, ...).)")
      .def("to_json", &schedule_to_json, "timings"_a = false,
           R"(The schedule file's text: exactly what `festmatch schedule EVENT --output FILE` writes
for the same event, objective and seed. With timings=True stats.stage_ms holds each stage's
time, as with --timings (the text then changes from run to run).)")
      .def_property_readonly(
          "meetings", &meetings_list,
          "The meetings, as the schedule file's \"meetings\": dicts with slot, start,\n"
          "end, table (None when online), startup, investor, score, mode and pinned;\n"
          "sorted by slot, then table, then startup. A new list on each access.")
      .def_property_readonly(
          "meetings_array", &meetings_array,
          "The meetings as a numpy structured array: slot, table (-1 when online), startup,\n"
          "investor (int32 indices into event.slot_ids, table_ids, startup_ids, investor_ids),\n"
          "score (float64), online and pinned (bool). A new array on each access.")
      .def_property_readonly(
          "unscheduled", &unscheduled_list,
          "Every request not met, with its reason: dicts with startup, investor,\n"
          "by, priority and reason (the schedule file's \"unscheduled\").")
      .def_property_readonly(
          "shortfalls", &shortfalls_list,
          "Every startup below its minimum and every participant with no meeting:\n"
          "dicts with side, id, meetings, minimum and reason (\"shortfalls\").")
      .def_property_readonly(
          "stats", &stats_dict,
          "meetings, objective, score_total, upper_bound (a proven bound on the optimum), gap,\n"
          "startups_below_min, idle_slots and days_attended (agendas), and stage_ms: each\n"
          "stage's time in milliseconds.")
      .def_property_readonly(
          "changes", &changes_list,
          "What a reschedule() changed from the previous revision: dicts with change\n"
          "(\"moved\", \"cancelled\" or \"added\"), startup, investor, from and to ({slot,\n"
          "table} or None) and reason (the schedule file's \"changes\"). Empty for schedule().")
      .def_property_readonly(
          "revision", [](const PySchedule& s) { return s.schedule.revision; },
          "1 for schedule(); each reschedule() adds 1.")
      .def_property_readonly(
          "now", [](const PySchedule& s) { return text_or_none(s.schedule.now); },
          "The start of the first slot that was not history (None for schedule()).")
      .def_property_readonly(
          "event", [](const PySchedule& s) { return s.event; }, "The Event scheduled.")
      .def("__len__", [](const PySchedule& s) { return s.schedule.meetings.size(); })
      .def("__repr__", [](const PySchedule& s) {
        return py::str("<festmatch.Schedule: {} meetings, {} requests not met, {} short>")
            .format(s.schedule.meetings.size(), s.schedule.unscheduled.size(),
                    s.schedule.shortfalls.size());
      });
}
