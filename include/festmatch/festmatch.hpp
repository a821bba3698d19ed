// festmatch — the umbrella header: everything the library offers, in pipeline order.
#pragma once

#include "festmatch/build_info.hpp"
#include "festmatch/error.hpp"
#include "festmatch/version.hpp"

#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/csv.hpp"

#include "festmatch/event/event.hpp"
#include "festmatch/event/event_folder.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/event/validate.hpp"

#include "festmatch/scoring/scoring.hpp"

#include "festmatch/assignment/b_matching.hpp"
#include "festmatch/assignment/linear_assignment.hpp"
#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/assignment/status.hpp"

#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"

#include "festmatch/validator/schedule_validator.hpp"

#include "festmatch/export/csv.hpp"
#include "festmatch/export/html.hpp"
#include "festmatch/export/ics.hpp"

#include "festmatch/generate/generate.hpp"
