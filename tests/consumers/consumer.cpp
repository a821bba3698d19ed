// A program outside festmatch that uses it as a dependency: reads the event named on the command
// line, schedules it and prints the version and the schedule's size and objective. Built against
// festmatch::festmatch and festmatch::header_only, which must print the same.
#include <festmatch/festmatch.hpp>
#include <iostream>

int main(int argc, char** argv) {
  std::cout << "festmatch " << festmatch::version_major << '.' << festmatch::version_minor << '.'
            << festmatch::version_patch << " (FESTMATCH_VERSION " << FESTMATCH_VERSION << ")\n";
  if (argc < 2) return 0;
  const festmatch::Event event = festmatch::read_event(argv[1]);
  const festmatch::Schedule plan = festmatch::schedule_meetings(event, {.seed = 1});
  std::cout << plan.stats.meetings << " meetings, objective " << plan.stats.objective << '\n';
}
