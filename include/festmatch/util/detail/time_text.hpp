// festmatch — internals: UTC seconds and a UTC offset written as local dates and times
// ("2023-09-18T09:00+07:00", "20230918T020000Z", "2023-09-18", "09:00", "+07:00"), for the
// schedule file and the exports. Slot::start_utc and Slot::utc_offset_minutes come from the slot's
// ISO 8601 `start` (util/detail/iso_time.hpp).
#pragma once

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "festmatch/util/detail/iso_time.hpp"

namespace festmatch::detail {

struct CivilTime {
  int year, month, day, hour, minute, second;
};

inline CivilTime civil(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  CivilTime c{};
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = int(rest / 3600);
  c.minute = int(rest / 60 % 60);
  c.second = int(rest % 60);
  return c;
}

// "+07:00", "-03:30", "+00:00" (a UTC offset as ISO 8601 writes it).
inline std::string format_offset(int offset_minutes) {
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

// "2023-09-18T09:00+07:00" (seconds shown only when not zero).
inline std::string format_local(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour,
                        c.minute);
  if (c.second != 0) n += std::snprintf(buf + n, sizeof buf - std::size_t(n), ":%02d", c.second);
  return buf + format_offset(offset_minutes);
}

// "20230918T020000Z" (iCalendar UTC date-time).
inline std::string format_utc_basic(std::int64_t utc) {
  const CivilTime c = civil(utc);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

// "2023-09-18" (the local date of a slot; the day a grid groups it under).
inline std::string local_date(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

// "09:00" local.
inline std::string local_hhmm(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return buf;
}

// "09:00" local, or "09:00:30" when the seconds are not zero (as format_local writes them).
inline std::string local_time_of_day(std::int64_t utc, int offset_minutes) {
  const CivilTime c = civil(utc + std::int64_t(offset_minutes) * 60);
  char buf[48];
  if (c.second == 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", c.hour, c.minute, c.second);
  }
  return buf;
}

}  // namespace festmatch::detail
