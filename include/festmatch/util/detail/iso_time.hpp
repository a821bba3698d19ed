// festmatch — slot start times: ISO 8601 local date-time with its UTC offset.
//
// Accepts `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z`, `±HH:MM` or `±HHMM` (a space may
// stand for the `T`). A time without an offset is refused: a slot must be placeable in UTC.
// The date is converted with Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
// O(length of the text).
//
//   auto t = festmatch::detail::parse_slot_start("2023-09-18T09:00+07:00");
//   // t.ok, t.utc_seconds == 1695002400, t.offset_minutes == 420
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace festmatch::detail {

struct ParsedTime {
  bool ok = false;
  std::string error;  // why it is not a time, when !ok
  std::int64_t utc_seconds = 0;
  int offset_minutes = 0;
};

inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The proleptic Gregorian date `days` after 1970-01-01 (the inverse of days_from_civil).
inline void civil_from_days(std::int64_t days, int& y, int& m, int& d) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int doe = static_cast<int>(days - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

inline ParsedTime parse_slot_start(std::string_view s) {
  ParsedTime out;
  std::size_t pos = 0;
  auto digits = [&](std::size_t n, int& value) {
    if (pos + n > s.size()) return false;
    value = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const char c = s[pos + k];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos += n;
    return true;
  };
  auto expect = [&](char c) {
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  const char* shape = "expected YYYY-MM-DDTHH:MM with a UTC offset, e.g. 2023-09-18T09:00+07:00";
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(4, year) || !expect('-') || !digits(2, month) || !expect('-') || !digits(2, day) ||
      !(expect('T') || expect(' ') || expect('t')) || !digits(2, hour) || !expect(':') ||
      !digits(2, minute)) {
    out.error = shape;
    return out;
  }
  if (expect(':')) {
    if (!digits(2, second)) {
      out.error = shape;
      return out;
    }
    if (expect('.') || expect(',')) {
      const std::size_t first = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == first) {
        out.error = shape;
        return out;
      }
    }
  }
  static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
      (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 59) {
    out.error = "date or time out of range";
    return out;
  }
  int offset = 0;
  if (pos == s.size()) {
    out.error = "no UTC offset (add Z or +HH:MM, e.g. 2023-09-18T09:00+07:00)";
    return out;
  }
  if (expect('Z') || expect('z')) {
    offset = 0;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(2, oh)) {
      out.error = "malformed UTC offset";
      return out;
    }
    expect(':');
    if (!digits(2, om) || oh > 23 || om > 59) {
      out.error = "malformed UTC offset";
      return out;
    }
    offset = sign * (oh * 60 + om);
  } else {
    out.error = shape;
    return out;
  }
  if (pos != s.size()) {
    out.error = "unexpected text after the UTC offset";
    return out;
  }
  const std::int64_t days = days_from_civil(year, unsigned(month), unsigned(day));
  out.utc_seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset * 60;
  out.offset_minutes = offset;
  out.ok = true;
  return out;
}

}  // namespace festmatch::detail
