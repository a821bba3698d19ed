// festmatch — export a schedule as one self-contained HTML page.
//
// The page needs nothing but itself: inline CSS, inline SVG, a few lines of inline JavaScript
// for the search box (the page reads fine without it), no fonts, images, scripts or links
// elsewhere; every link is an anchor inside the page. It holds:
//   - the statistics: meetings, objective, score total, upper bound, gap, startups below their
//     minimum, unmet requests, stage times, and the distribution of meetings per startup and per
//     investor as two small SVG bar charts;
//   - for each day (the slots' local date), a grid of tables × slots: a row per table open that
//     day and an "online" row, a column per slot, each cell the startup ↔ investor names linked
//     to their agendas;
//   - each participant's agenda (a section per startup and per investor, anchors `#s<k>` and
//     `#i<k>` by position in the event) with time, place, the other party and the score, and a
//     search box that filters them by name;
//   - the requests the schedule could not meet, with their reasons;
//   - when there are any, the participants left short (Schedule::shortfalls): startups below
//     their minimum and participants with no meeting, with their counts and reasons;
//   - a heat map of the score matrix (inline SVG): startups as rows, investors as columns, each
//     sorted by their mean score (best first); an event larger than HtmlOptions::heatmap_cells
//     on a side is shown in blocks of consecutive sorted rows/columns, each the block's mean
//     score (the page says so). The matrix is streamed twice through Scorer::for_each_block,
//     never held whole, so memory is O(startups + investors + cells²).
// Every name and id is HTML-escaped (& < > " '). Same input, same bytes.
//
// Size: about 250 bytes per meeting plus 100 per participant, and at most ~0.5 MB of heat map
// (16 colour levels, one SVG path per level with a run per row): a Slush-size schedule (20,000+
// meetings) gives a page of a few MB.
//
// Complexity: O(meetings · log + participants + startups · investors) time (the heat map).
//
//   festmatch::write_html("schedule.html", event, schedule);     // atomic; throws OutputError
#pragma once

#include <filesystem>
#include <string>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct HtmlOptions {
  int heatmap_cells = 200;  // at most this many rows and columns in the heat map (>= 1)
  bool heatmap = true;      // false: leave the heat map out (it scores every pair)
};

FESTMATCH_FUNC std::string export_html(const Event& event, const Schedule& schedule,
                                       const HtmlOptions& options = {});

// Writes export_html() to `file` atomically; throws OutputError.
FESTMATCH_FUNC void write_html(const std::filesystem::path& file, const Event& event,
                               const Schedule& schedule, const HtmlOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/export/html-inl.hpp"
#endif
