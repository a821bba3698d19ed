// festmatch — CSV as spreadsheets export it (RFC 4180).
//
// Problem: read and write the tables of an event folder (startups.csv, investors.csv, …) as
// organisers export them from a spreadsheet, reporting every malformed record precisely.
// Method: one pass of the RFC 4180 state machine over the bytes. Quoted fields may hold commas,
// doubled quotes ("") and line breaks; records end with CRLF, LF or a lone CR; a UTF-8 byte
// order mark is skipped; blank lines are skipped; every field must be valid UTF-8. The first
// record is the header. Positions in diagnostics are `LINE:COLUMN` where LINE is the 1-based
// line on which the record starts (line breaks inside quoted fields are counted) and COLUMN is
// the 1-based field number (not a byte column).
// Complexity: O(bytes) time, memory proportional to the fields.
//
//   auto table = festmatch::parse_csv(text, "startups.csv");   // throws InputError
//   for (const auto& record : table.records) use(record.line, record.fields);
//   std::string out = festmatch::csv_row({"s1", "Cảng Xanh, JSC"});  // s1,"Cảng Xanh, JSC"\n
//
// Written rows end with LF (readers accept CRLF and LF alike); a cell is quoted when it holds a
// comma, a quote, a line break, or starts or ends with a space.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch {

struct CsvRecord {
  int line = 0;  // line the record starts on, 1-based
  std::vector<std::string> fields;
  friend bool operator==(const CsvRecord&, const CsvRecord&) = default;
};

struct CsvTable {
  CsvRecord header;                // the first record
  std::vector<CsvRecord> records;  // every other non-blank record
};

// Parses RFC 4180 text. Every problem (stray or unterminated quotes, a record whose field count
// differs from the header's, invalid UTF-8) is collected and thrown as one InputError.
inline CsvTable parse_csv(std::string_view text, const std::string& file_name) {
  detail::DiagnosticList problems;
  CsvTable table;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<CsvRecord> all;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool quoted = false;       // the current field started with a quote
  bool in_quotes = false;    // inside the quotes of that field
  bool after_quote = false;  // the closing quote was read
  int quote_line = 0;
  bool field_error = false;  // report one problem per field

  auto fail = [&](int at_line, std::string message) {
    problems.add(Diagnostic{.file = file_name,
                            .line = at_line,
                            .column = static_cast<int>(record.fields.size() + 1),
                            .message = std::move(message)});
  };
  auto end_field = [&] {
    if (!field_error) {
      const std::size_t bad = detail::invalid_utf8_at(field);
      if (bad != std::string::npos) {
        fail(record.line, "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the field");
      }
    }
    record.fields.push_back(std::move(field));
    field.clear();
    quoted = in_quotes = after_quote = field_error = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) all.push_back(std::move(record));
    record = CsvRecord{};
    record.line = line;
  };

  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else if (c == '"') {
      if (field.empty() && !quoted) {
        quoted = in_quotes = true;
        quote_line = line;
      } else if (!field_error) {
        fail(line, after_quote ? "unexpected quote after a closing quote"
                               : "quote inside an unquoted field (quote the whole field and "
                                 "double the quotes inside it)");
        field_error = true;
      }
    } else {
      if (after_quote && !field_error) {
        fail(line, "unexpected text after a closing quote (expected a comma or a line break)");
        field_error = true;
      }
      field += c;
    }
    if (problems.full()) break;
  }
  if (in_quotes) {
    fail(quote_line, "unterminated quoted field (the quote opened here is never closed)");
  }
  end_record();

  if (all.empty()) {
    problems.add(Diagnostic{
        .file = file_name, .line = 1, .column = 1, .message = "empty file: expected a header row"});
  } else {
    table.header = std::move(all.front());
    const std::size_t width = table.header.fields.size();
    for (std::size_t r = 1; r < all.size(); ++r) {
      auto& rec = all[r];
      if (rec.fields.size() != width) {
        problems.add(Diagnostic{.file = file_name,
                                .line = rec.line,
                                .column = static_cast<int>(std::min(rec.fields.size(), width) + 1),
                                .message = "record has " + std::to_string(rec.fields.size()) +
                                           " fields; the header has " + std::to_string(width)});
      }
      table.records.push_back(std::move(rec));
    }
  }
  if (!problems.empty()) throw InputError(problems.take());
  return table;
}

// One cell, quoted when needed.
inline std::string csv_cell(std::string_view cell) {
  const bool needs_quotes = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!needs_quotes) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// One record, cells quoted when needed, ending with LF.
inline std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) out += ',';
    out += csv_cell(cells[k]);
  }
  out += '\n';
  return out;
}

}  // namespace festmatch
