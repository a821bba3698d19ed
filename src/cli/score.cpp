// festmatch score EVENT — every pair's score and components as CSV or JSON (docs/scoring.md).
//
// Streams: the pairs are computed in blocks of startups (Scorer::for_each_block) and formatted
// into a buffer that is flushed to the output as it fills, so a Slush-size event (18 million
// rows) never holds the whole text. With --output the text goes to a temporary file renamed
// over FILE only when complete (festmatch::AtomicOutput).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/atomic_file.hpp"

namespace {

struct ScoreArgs {
  std::string event;
  std::string format = "csv";
  std::optional<int> top;
  std::string output;
  bool quiet = false;
};

// RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string json_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A number with at most 9 decimals, trailing zeros dropped ("0.5", "1", "0.663198232"): exact
// to 5e-10, and several times faster than printf's %.9g on 18 million rows.
void put_number(fmt::memory_buffer& buf, double v) {
  if (!(v >= 0.0 && v < 1e9)) {  // never for scores; kept exact for anything else
    fmt::format_to(std::back_inserter(buf), "{:.9g}", v);
    return;
  }
  const auto units = static_cast<std::uint64_t>(v * 1e9 + 0.5);
  const std::uint64_t whole = units / 1000000000u;
  std::uint64_t frac = units % 1000000000u;
  fmt::format_to(std::back_inserter(buf), "{}", whole);
  if (frac == 0) return;
  char digits[10] = {'.'};
  int len = 9;
  while (frac % 10 == 0) {
    frac /= 10;
    --len;
  }
  for (int d = len; d >= 1; --d) {
    digits[d] = char('0' + frac % 10);
    frac /= 10;
  }
  buf.append(digits, digits + len + 1);
}

// Progress on a terminal's stderr, at most four times a second, after the first second.
class Progress {
 public:
  Progress(festmatch::Index total) : total_(total), start_(clock::now()), last_(start_) {}
  void update(festmatch::Index done) {
    if (!festmatch::cli::progress_enabled()) return;
    const auto now = clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) {
      return;
    }
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rscoring: %d/%d startups", done, total_);
    std::fflush(stderr);
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  using clock = std::chrono::steady_clock;
  festmatch::Index total_;
  clock::time_point start_, last_;
  bool shown_ = false;
};

// What one row block prints.
struct Formatter {
  const festmatch::Scorer& scorer;
  const std::vector<std::string>& startup_ids;
  const std::vector<std::string>& investor_ids;
  bool json = false;
  std::optional<int> top;

  // Formats startups [first, first + rows) into `buf`; every JSON record starts with ",\n".
  void operator()(festmatch::Index first, festmatch::Index rows, festmatch::ScoreBlock& b,
                  std::vector<festmatch::Index>& order, fmt::memory_buffer& buf) const {
    using festmatch::Index;
    buf.clear();
    scorer.compute_block(b, first, rows);
    for (Index r = 0; r < b.rows; ++r) {
      const Index s = b.first_startup + r;
      order.clear();
      if (top) {
        for (Index c = 0; c < b.cols; ++c)
          if (b.eligible(r, c)) order.push_back(c);
        auto better = [&](Index x, Index y) {
          return b.score(r, x) > b.score(r, y) || (b.score(r, x) == b.score(r, y) && x < y);
        };
        const auto keep = std::min<std::size_t>(std::size_t(*top), order.size());
        std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(keep), order.end(), better);
        order.resize(keep);
      } else {
        order.resize(std::size_t(b.cols));
        for (Index c = 0; c < b.cols; ++c) order[std::size_t(c)] = c;
      }
      for (Index c : order) {
        const bool ok = b.eligible(r, c) != 0;
        const double values[] = {b.score(r, c),  b.base(r, c),    b.sector(r, c),   b.stage(r, c),
                                 b.ticket(r, c), b.country(r, c), b.language(r, c), b.bonus(r, c)};
        if (json) {
          static constexpr const char* keys[] = {
              ",\"score\":",  ",\"base\":",    ",\"sector\":",   ",\"stage\":",
              ",\"ticket\":", ",\"country\":", ",\"language\":", ",\"bonus\":"};
          buf.append(std::string_view(",\n{\"startup\":"));
          buf.append(startup_ids[std::size_t(s)]);
          buf.append(std::string_view(",\"investor\":"));
          buf.append(investor_ids[std::size_t(c)]);
          buf.append(std::string_view(ok ? ",\"eligible\":true" : ",\"eligible\":false"));
          for (int k = 0; k < 8; ++k) {
            buf.append(std::string_view(keys[k]));
            put_number(buf, values[k]);
          }
          buf.push_back('}');
        } else {
          buf.append(startup_ids[std::size_t(s)]);
          buf.push_back(',');
          buf.append(investor_ids[std::size_t(c)]);
          buf.append(std::string_view(ok ? ",true" : ",false"));
          for (double v : values) {
            buf.push_back(',');
            put_number(buf, v);
          }
          buf.push_back('\n');
        }
      }
    }
  }
};

void run_score(const ScoreArgs& args) {
  using namespace festmatch;
  cli::set_quiet(args.quiet);
  const bool json = args.format == "json";
  if (args.top && *args.top < 1) {
    throw CLI::ValidationError("--top",
                               "must be at least 1 (got " + std::to_string(*args.top) + ")");
  }
  const Event event = cli::read_event_warning(args.event);
  const Scorer scorer(event);

  // ids, escaped once
  std::vector<std::string> startup_ids, investor_ids;
  for (const auto& s : event.startups)
    startup_ids.push_back(json ? json_string(s.id) : csv_field(s.id));
  for (const auto& v : event.investors)
    investor_ids.push_back(json ? json_string(v.id) : csv_field(v.id));

  std::unique_ptr<AtomicOutput> file;
  if (!args.output.empty()) file = std::make_unique<AtomicOutput>(args.output);
  std::ostream& out = file ? file->stream() : std::cout;
  const std::string target = args.output.empty() ? std::string("stdout") : args.output;
  bool first_record = true;
  auto write = [&](const fmt::memory_buffer& buf) {
    std::string_view text(buf.data(), buf.size());
    if (json && first_record && !text.empty()) {
      text.remove_prefix(1);  // the first record has no comma before it
      first_record = false;
    }
    out.write(text.data(), std::streamsize(text.size()));
    if (!out) throw OutputError(target + ": cannot write");
  };

  if (json) {
    out << '[';
  } else {
    out << "startup,investor,eligible,score,base,sector,stage,ticket,country,language,bonus\n";
  }
  // Two formatting threads (both cores) fill the buffers of one round while this thread writes
  // the previous round's, in startup order.
  const Formatter format{scorer, startup_ids, investor_ids, json, args.top};
  const Index n = scorer.startups();
  const Index rows_per_chunk =
      std::max<Index>(1, std::min<Index>(64, (1 << 16) / std::max<Index>(1, scorer.investors())));
  constexpr int lanes = 2;
  struct Lane {
    ScoreBlock block;
    std::vector<Index> order;
    fmt::memory_buffer ready, next;
  };
  std::vector<Lane> lane(lanes);
  Progress progress(n);
  bool pending = false;
  for (Index r0 = 0; r0 < n || pending; r0 += lanes * rows_per_chunk) {
    std::vector<std::thread> workers;
    for (int w = 0; w < lanes; ++w) {
      const Index first = r0 + w * rows_per_chunk;
      lane[std::size_t(w)].next.clear();
      if (first >= n) continue;
      workers.emplace_back([&, w, first] {
        auto& l = lane[std::size_t(w)];
        format(first, std::min(rows_per_chunk, n - first), l.block, l.order, l.next);
      });
    }
    std::exception_ptr failure;
    try {
      if (pending) {
        for (auto& l : lane) write(l.ready);
      }
    } catch (...) {
      failure = std::current_exception();
    }
    for (auto& t : workers) t.join();
    if (failure) std::rethrow_exception(failure);
    for (auto& l : lane) std::swap(l.ready, l.next);
    pending = r0 < n;
    progress.update(std::min(n, r0 + lanes * rows_per_chunk));
  }
  if (json) out << (first_record ? "]\n" : "\n]\n");
  out.flush();
  if (!out) throw OutputError(target + ": cannot write");
  if (file) file->commit();
}

const bool registered = festmatch::cli::register_command(
    {.order = 20, .add = [](CLI::App& app) {
       auto args = std::make_shared<ScoreArgs>();
       auto* cmd = app.add_subcommand(
           "score",
           "Score every startup x investor pair and print the components.\n"
           "CSV (default): the header\n"
           "  startup,investor,eligible,score,base,sector,stage,ticket,country,language,bonus\n"
           "then one row per pair, startups in event order, investors in event order; with\n"
           "--top K only the K best eligible investors of each startup, best first (ties: the\n"
           "earlier investor). ids are written as given (RFC 4180 quoting when needed);\n"
           "eligible is true or false; numbers have at most 9 decimals, trailing zeros\n"
           "dropped (0.5, 1, 0.663198232), so they are exact to 5e-10. JSON: an array of\n"
           "objects with the same fields.\n"
           "Output goes to stdout, or to FILE (written to a temporary file and renamed, so a\n"
           "failed run leaves nothing behind).\n"
           "Example:\n"
           "  festmatch score examples/techfest-haiphong --top 5\n"
           "  festmatch score event.json --format json --output scores.json");
       cmd->add_option("EVENT", args->event, "event file (JSON) or event folder (event.json + CSV)")
           ->required();
       cmd->add_option("--format", args->format, "csv (default) or json")
           ->check(CLI::IsMember({"csv", "json"}));
       cmd->add_option("--top", args->top, "only the K best eligible investors of each startup");
       cmd->add_option("--output", args->output, "write to FILE instead of stdout");
       cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
       cmd->callback([args] { run_score(*args); });
     }});

}  // namespace
