"""festmatch: startup-investor matching and 1:1 meeting scheduling.

The Python face of the festmatch C++ library (pybind11):

    import festmatch
    event = festmatch.read_event("examples/techfest-haiphong")   # or Event.from_dict(d)
    score, base, eligible = festmatch.score_matrix(event)        # numpy, startups x investors
    why = festmatch.explain(event, "S001", "INV01")              # dict, as `festmatch explain`
    plan = festmatch.schedule(event, objective="fair", seed=1)   # without the GIL; Ctrl-C stops it
    plan.meetings, plan.meetings_array, plan.stats, plan.unscheduled, plan.shortfalls
    plan.to_json()  # the bytes `festmatch schedule` writes for the same event and seed

Bad input raises InputError (a ValueError) and pinned meetings that break a rule raise
InfeasibleError; both carry .diagnostics, located as the command line prints them.
help(festmatch.schedule) and the others say more; __init__.pyi gives the types.
"""

from ._festmatch import (
    Error,
    Event,
    InfeasibleError,
    InputError,
    Schedule,
    ScoreMatrix,
    __version__,
    explain,
    read_event,
    reschedule,
    schedule,
    score_matrix,
)

__all__ = [
    "Error",
    "Event",
    "InfeasibleError",
    "InputError",
    "Schedule",
    "ScoreMatrix",
    "__version__",
    "explain",
    "read_event",
    "reschedule",
    "schedule",
    "score_matrix",
]

# The public names are festmatch's, wherever they are defined (repr, help, pickling errors).
for _name in ("Event", "Schedule", "read_event", "score_matrix", "explain", "schedule", "reschedule"):
    globals()[_name].__module__ = __name__
del _name
