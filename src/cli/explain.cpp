// festmatch explain EVENT STARTUP_ID INVESTOR_ID — why a pair scores what it scores, and whether
// (and why not) it may meet (docs/scoring.md); with --schedule, whether and when it meets.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checked_schedule.hpp"
#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/detail/find_id.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scoring/scoring.hpp"

namespace {

struct ExplainArgs {
  std::string event, startup, investor, format = "text", schedule;
};

std::string request_text(const festmatch::Event& e, const festmatch::Request& r) {
  const bool by_startup = r.by == festmatch::Side::startup;
  return fmt::format(
      "{} {} {} ({})", by_startup ? "startup" : "investor",
      by_startup ? e.startups[std::size_t(r.startup)].id : e.investors[std::size_t(r.investor)].id,
      r.priority == festmatch::Priority::must ? "must meet" : "wants to meet",
      r.priority == festmatch::Priority::must ? "+1.00" : "+0.25");
}

void run_explain(const ExplainArgs& args) {
  using namespace festmatch;
  Event event = cli::read_event_warning(args.event);
  const Index s = detail::event::find_id(event.startups, args.startup, "startup", args.event);
  const Index i = detail::event::find_id(event.investors, args.investor, "investor", args.event);
  std::optional<Schedule> schedule;
  // Completes `event` with what only the schedule's history names; s and i stay as they are.
  if (!args.schedule.empty())
    schedule = cli::read_checked_schedule(args.event, event, args.schedule);
  const Explanation x = explain(event, s, i);
  const auto& st = event.startups[std::size_t(s)];
  const auto& inv = event.investors[std::size_t(i)];

  std::vector<const Meeting*> meetings;
  if (schedule) {
    for (const auto& m : schedule->meetings)
      if (m.startup == s && m.investor == i) meetings.push_back(&m);
  }
  const UnmetRequest* unmet = nullptr;
  if (schedule) {
    for (const auto& u : schedule->unscheduled)
      if (u.startup == s && u.investor == i) unmet = &u;
  }

  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["startup"] = st.id;
    j["investor"] = inv.id;
    auto& comps = j["components"] = nlohmann::ordered_json::array();
    for (const auto& c : x.components) {
      comps.push_back({{"name", c.name},
                       {"value", c.value},
                       {"weight", c.weight},
                       {"contribution", c.contribution}});
    }
    j["base"] = x.base;
    j["bonus"] = x.bonus;
    j["score"] = x.score;
    auto& reqs = j["requests"] = nlohmann::ordered_json::array();
    for (const auto& r : x.requests) {
      reqs.push_back({{"by", r.by == Side::startup ? "startup" : "investor"},
                      {"priority", to_string(r.priority)}});
    }
    j["eligible"] = x.eligible;
    j["rule"] =
        x.eligible ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(to_string(x.rule));
    j["reason"] = x.reason;
    if (schedule) {
      auto& ms = j["meetings"] = nlohmann::ordered_json::array();
      for (const auto* m : meetings) {
        ms.push_back(
            {{"slot", event.slots[std::size_t(m->slot)].id},
             {"table", m->table ? nlohmann::ordered_json(event.tables[std::size_t(*m->table)])
                                : nlohmann::ordered_json(nullptr)},
             {"score", m->score},
             {"pinned", m->pinned}});
      }
      j["unscheduled_reason"] =
          unmet ? nlohmann::ordered_json(unmet->reason) : nlohmann::ordered_json(nullptr);
    }
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }

  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out, "{} ({}) x {} ({})\n", st.id, st.name, inv.id, inv.name);
  fmt::format_to(out, "  {:<10} {:>7} {:>7} {:>13}\n", "component", "value", "weight",
                 "contribution");
  for (const auto& c : x.components) {
    fmt::format_to(out, "  {:<10} {:>7.3f} {:>7.3f} {:>13.4f}\n", c.name, c.value, c.weight,
                   c.contribution);
  }
  fmt::format_to(out, "  {:<10} {:>29.4f}\n", "base", x.base);
  fmt::format_to(out, "  {:<10} {:>29.4f}\n", "bonus", x.bonus);
  for (const auto& r : x.requests) fmt::format_to(out, "    {}\n", request_text(event, r));
  fmt::format_to(out, "  {:<10} {:>29.4f}\n", "score", x.score);
  if (x.eligible) {
    fmt::format_to(out, "eligible: yes{}\n",
                   x.requests.empty() ? "" : " (requested, so min_score does not apply)");
  } else {
    // The reason names the rule in words; the rule's code (x.rule) is for --format json.
    fmt::format_to(out, "eligible: no \u2014 {}\n",
                   x.reason.empty() ? std::string("excluded by the scoring rules") : x.reason);
  }
  if (schedule) {
    if (meetings.empty()) {
      fmt::format_to(out, "schedule: they do not meet{}\n",
                     unmet ? " \u2014 " + unmet->reason : std::string());
    }
    for (const auto* m : meetings) {
      fmt::format_to(out, "schedule: they meet in slot {} ({}), {}{}\n",
                     event.slots[std::size_t(m->slot)].id, event.slots[std::size_t(m->slot)].start,
                     m->table ? "table " + event.tables[std::size_t(*m->table)] : "online",
                     m->pinned ? ", pinned" : "");
    }
  }
  std::cout << text;
}

const bool registered = festmatch::cli::register_command(
    {.order = 40, .add = [](CLI::App& app) {
       auto args = std::make_shared<ExplainArgs>();
       auto* cmd = app.add_subcommand(
           "explain",
           "Explain one pair's score: each component's value, weight and contribution, the\n"
           "request bonus and the requests behind it, and whether the pair may meet (and the\n"
           "rule that excludes it if not). With --schedule, also whether and when they meet,\n"
           "or why their request was left out; a schedule that breaks the event's rules (made\n"
           "for another event, or stale since the event changed) is refused with exit status\n"
           "1, the first problem, the count of the others and the command that repairs it\n"
           "(festmatch reschedule). An unknown id exits with status 1 and names the nearest\n"
           "known id.\n"
           "Example:\n"
           "  festmatch explain examples/techfest-haiphong S001 INV01\n"
           "  festmatch explain event.json s001 i01 --schedule schedule.json --format json");
       cmd->add_option("EVENT", args->event, "event file (JSON) or event folder (event.json + CSV)")
           ->required();
       cmd->add_option("STARTUP_ID", args->startup, "the startup's id")->required();
       cmd->add_option("INVESTOR_ID", args->investor, "the investor's id")->required();
       cmd->add_option("--format", args->format, "text (default) or json")
           ->check(CLI::IsMember({"text", "json"}));
       cmd->add_option("--schedule", args->schedule,
                       "a schedule file for this event (checked against it first)");
       cmd->callback([args] { run_explain(*args); });
     }});

}  // namespace
