# Type stubs of the festmatch package (the compiled festmatch._festmatch, re-exported by
# __init__.py). The docstrings at run time (help(festmatch.schedule)) say what each does.
import os
from typing import Any, Callable, Literal, Mapping, NamedTuple, TypedDict

import numpy as np
import numpy.typing as npt

__version__: str

class Diagnostic(TypedDict):
    file: str | None  # None for an Event.from_dict or Event.from_json without a file name
    line: int | None  # 1-based; None when unknown (JSON values are located by pointer)
    column: int | None
    pointer: str | None  # JSON pointer, e.g. "/startups/3/stage"
    message: str
    severity: Literal["error", "warning"]

class Error(Exception):
    """Base of festmatch's errors; str() is the lines the command line prints."""

    diagnostics: list[Diagnostic]

class InputError(Error, ValueError):
    """The input is malformed or breaks a rule of the format (exit status 1)."""

class InfeasibleError(Error):
    """The constraints cannot all hold, e.g. pinned meetings that break a rule (exit status 3)."""

class Event:
    """An event: participants, slots, tables, requests, rules and options. Immutable."""

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Event: ...
    @staticmethod
    def from_json(text: str, file_name: str = "") -> Event: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def startup_ids(self) -> list[str]: ...
    @property
    def investor_ids(self) -> list[str]: ...
    @property
    def slot_ids(self) -> list[str]: ...
    @property
    def table_ids(self) -> list[str]: ...
    @property
    def warnings(self) -> list[Diagnostic]: ...
    def __eq__(self, other: object) -> bool: ...

def read_event(path: str | os.PathLike[str], check_partners: bool = False) -> Event: ...

class ScoreMatrix(NamedTuple):
    """startups x investors, Fortran order, views of the library's matrices (no copy)."""

    score: npt.NDArray[np.float64]
    base: npt.NDArray[np.float64]
    eligible: npt.NDArray[np.bool_]

def score_matrix(event: Event, threads: int = 0) -> ScoreMatrix: ...

class ScoreComponent(TypedDict):
    name: Literal["sector", "stage", "ticket", "country", "language"]
    value: float
    weight: float
    contribution: float

class RequestOnPair(TypedDict):
    by: Literal["startup", "investor"]
    priority: Literal["want", "must"]

class Explanation(TypedDict):
    startup: str
    investor: str
    components: list[ScoreComponent]
    base: float
    bonus: float
    score: float
    requests: list[RequestOnPair]
    eligible: bool
    rule: Literal["blocked", "languages", "modes", "below_min_score", "no_common_sector"] | None
    reason: str

def explain(event: Event, startup_id: str, investor_id: str) -> Explanation: ...

class Meeting(TypedDict):
    slot: str
    start: str  # local time with UTC offset, "2023-09-18T09:00+07:00"
    end: str
    table: str | None  # None when online
    startup: str
    investor: str
    score: float
    mode: Literal["in-person", "online"]
    pinned: bool

class UnmetRequest(TypedDict):
    startup: str
    investor: str
    by: Literal["startup", "investor"]
    priority: Literal["want", "must"]
    reason: str

class Shortfall(TypedDict):
    side: Literal["startup", "investor"]
    id: str
    meetings: int
    minimum: int  # a startup's min_meetings; 0 for an investor
    reason: str

class Place(TypedDict):
    slot: str
    table: str | None  # None when online

class Change(TypedDict):
    change: Literal["moved", "cancelled", "added"]
    startup: str
    investor: str
    # "from" is a Python keyword: read it as change["from"]
    to: Place | None  # None when cancelled
    reason: str

class Stats(TypedDict):
    meetings: int
    objective: float
    score_total: float
    upper_bound: float  # a proven upper bound on the optimum objective
    gap: float  # (upper_bound - objective) / upper_bound
    startups_below_min: int
    stage_ms: dict[str, float]

class Schedule:
    """A meeting schedule of an Event, made by schedule() or Schedule.from_json()."""

    @staticmethod
    def from_json(event: Event, text: str) -> Schedule: ...
    def to_json(self, timings: bool = False) -> str: ...
    @property
    def meetings(self) -> list[Meeting]: ...
    # A structured array: slot, table (-1 when online), startup and investor are int32 indices
    # into Event.slot_ids, table_ids, startup_ids and investor_ids; score float64; online and
    # pinned bool.
    @property
    def meetings_array(self) -> npt.NDArray[np.void]: ...
    @property
    def unscheduled(self) -> list[UnmetRequest]: ...
    @property
    def shortfalls(self) -> list[Shortfall]: ...
    @property
    def stats(self) -> Stats: ...
    # What reschedule() changed; each also has "from": Place | None (None when added).
    @property
    def changes(self) -> list[Change]: ...
    @property
    def revision(self) -> int: ...
    @property
    def now(self) -> str | None: ...
    @property
    def event(self) -> Event: ...
    def __len__(self) -> int: ...

def schedule(
    event: Event,
    objective: Literal["fair", "total"] = "fair",
    seed: int = 1,
    threads: int = 0,
    progress: Callable[[str, float], object] | None = None,
    agenda: Literal["compact", "spread"] = "compact",
) -> Schedule: ...
def reschedule(
    event: Event,
    previous: Schedule,
    now: str | None = None,
    objective: Literal["fair", "total"] = "fair",
    seed: int = 1,
    threads: int = 0,
    progress: Callable[[str, float], object] | None = None,
    agenda: Literal["compact", "spread"] = "compact",
    move_cost: float | None = None,
) -> Schedule: ...
