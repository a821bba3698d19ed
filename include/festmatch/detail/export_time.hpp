// festmatch — internals of the exports: slot times. Not part of the public API.
//
// A slot's `start` text (ISO 8601 local time with its UTC offset, "2023-09-18T09:00+07:00") is
// the source of truth; when it does not parse, Slot::start_utc and Slot::utc_offset_minutes
// (filled by the readers) are used instead.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <algorithm>
#include <numeric>
#include <tuple>
#include <vector>

#include "festmatch/event.hpp"
#include "festmatch/schedule.hpp"

namespace festmatch::detail::exports {

struct SlotTime {
  std::int64_t start_utc = 0;  // seconds since the epoch
  int offset_minutes = 0;      // of the local time the slot was given in
  int minutes = 0;
  [[nodiscard]] std::int64_t end_utc() const { return start_utc + std::int64_t(minutes) * 60; }
};

// Parses YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM|±HH); nullopt when it does not.
inline std::optional<SlotTime> parse_iso_local(std::string_view t) {
  std::size_t p = 0;
  auto digits = [&](int n, int& out) {
    out = 0;
    for (int k = 0; k < n; ++k, ++p) {
      if (p >= t.size() || t[p] < '0' || t[p] > '9') return false;
      out = out * 10 + (t[p] - '0');
    }
    return true;
  };
  auto lit = [&](char c) {
    if (p < t.size() && t[p] == c) {
      ++p;
      return true;
    }
    return false;
  };
  int y, mo, d, h, mi, s = 0;
  if (!digits(4, y) || !lit('-') || !digits(2, mo) || !lit('-') || !digits(2, d)) return {};
  if (!(lit('T') || lit('t') || lit(' ')) || !digits(2, h) || !lit(':') || !digits(2, mi)) return {};
  if (lit(':')) {
    if (!digits(2, s)) return {};
    if (lit('.') || lit(',')) {
      while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p;
    }
  }
  int offset = 0;
  if (lit('Z') || lit('z')) {
    offset = 0;
  } else if (p < t.size() && (t[p] == '+' || t[p] == '-')) {
    const int sign = t[p] == '-' ? -1 : 1;
    ++p;
    int oh, om = 0;
    if (!digits(2, oh)) return {};
    if (lit(':')) {
      if (!digits(2, om)) return {};
    } else if (p < t.size()) {
      if (!digits(2, om)) return {};
    }
    if (oh > 23 || om > 59) return {};
    offset = sign * (oh * 60 + om);
  } else {
    return {};
  }
  if (p != t.size()) return {};
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return {};
  const std::int64_t days = sys_days{ymd}.time_since_epoch().count();
  SlotTime st;
  st.start_utc = days * 86400 + h * 3600 + mi * 60 + s - std::int64_t(offset) * 60;
  st.offset_minutes = offset;
  return st;
}

inline SlotTime slot_time(const Slot& slot) {
  SlotTime st;
  if (auto parsed = parse_iso_local(slot.start)) {
    st = *parsed;
  } else {
    st.start_utc = slot.start_utc;
    st.offset_minutes = slot.utc_offset_minutes;
  }
  st.minutes = slot.minutes;
  return st;
}

struct CivilTime {
  int year, month, day, hour, minute, second;
};

inline CivilTime civil(std::int64_t seconds) {
  using namespace std::chrono;
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())),
          int(rest / 3600), int(rest / 60 % 60), int(rest % 60)};
}

// "2023-09-18T09:00+07:00" (seconds shown only when not zero).
inline std::string format_local(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day,
                        c.hour, c.minute);
  if (c.second != 0) n += std::snprintf(buf + n, sizeof buf - std::size_t(n), ":%02d", c.second);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf + n, sizeof buf - std::size_t(n), "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                off / 60, off % 60);
  return buf;
}

// "20230918T020000Z" (iCalendar UTC date-time).
inline std::string format_utc_basic(std::int64_t utc) {
  const CivilTime c = civil(utc);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

// "2023-09-18" (the local date of a slot; the day a grid groups it under).
inline std::string local_date(const SlotTime& st) {
  const CivilTime c = civil(st.start_utc + std::int64_t(st.offset_minutes) * 60);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

// "09:00" local.
inline std::string local_hhmm(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return buf;
}

// Positions of the schedule's meetings sorted by slot (start time, then slot position), then
// table (in table order, online meetings last), then startup, then investor.
inline std::vector<std::size_t> meetings_in_order(const Event& event, const Schedule& schedule) {
  std::vector<std::int64_t> start(event.slots.size());
  for (std::size_t k = 0; k < event.slots.size(); ++k) start[k] = slot_time(event.slots[k]).start_utc;
  auto key = [&](const Meeting& m) {
    return std::make_tuple(start.at(static_cast<std::size_t>(m.slot)), m.slot,
                           m.table ? *m.table : std::numeric_limits<Index>::max(), m.startup,
                           m.investor);
  };
  std::vector<std::size_t> order(schedule.meetings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return key(schedule.meetings[a]) < key(schedule.meetings[b]);
  });
  return order;
}

}  // namespace festmatch::detail::exports
