// festmatch — the umbrella header: everything the library offers.
#pragma once

#include "festmatch/version.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event.hpp"
#include "festmatch/schedule.hpp"

#include "festmatch/io/atomic_file.hpp"
#include "festmatch/io/csv.hpp"
#include "festmatch/io/event_folder.hpp"
#include "festmatch/io/event_json.hpp"
#include "festmatch/io/read_event.hpp"
#include "festmatch/io/schedule_json.hpp"
#include "festmatch/validate.hpp"
#include "festmatch/generate.hpp"

#include "festmatch/scoring.hpp"

#include "festmatch/assignment/status.hpp"
#include "festmatch/assignment/linear_assignment.hpp"
#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/assignment/b_matching.hpp"

#include "festmatch/scheduler.hpp"
#include "festmatch/schedule_validator.hpp"

#include "festmatch/export/csv.hpp"
#include "festmatch/export/ics.hpp"
#include "festmatch/export/html.hpp"
