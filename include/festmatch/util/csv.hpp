// festmatch — CSV as spreadsheets export it (RFC 4180).
//
// Problem: read and write the tables of an event folder (startups.csv, investors.csv, …) as
// organisers export them from a spreadsheet, reporting every malformed record precisely.
// Method: one pass of the RFC 4180 state machine over the bytes. The separator is the one of
// `,` `;` and tab that occurs most often outside quotes on the first line (a European Excel
// writes `;`), `,` when none does. Quoted fields may hold separators, doubled quotes ("") and
// line breaks; records end with CRLF, LF or a lone CR; a UTF-8 byte order mark is skipped;
// blank records (nothing but separators and spaces, as spreadsheets write trailing rows) are
// skipped; spaces and tabs around an unquoted field are dropped (a quoted field is kept as it
// is). The text must be UTF-8: a file that is not (Latin-1, Windows-1252/1258 from a
// spreadsheet's plain "CSV") gets one error for the file that says how to export UTF-8. The
// first record is the header. Positions in diagnostics are `LINE:COLUMN` where LINE is the
// 1-based line on which the record starts (line breaks inside quoted fields are counted) and
// COLUMN is the 1-based field number (not a byte column).
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
#include <cstdio>
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
  char separator = ',';            // the one the first line uses: ',' ';' or '\t'
};

// The separator a CSV text uses: the most frequent of ',' ';' '\t' outside quotes on the first
// line; ',' when none occurs (ties go to ',', then ';').
inline char csv_separator(std::string_view text) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool in_quotes = false;
  for (char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab > semicolon) return '\t';
  return semicolon > comma ? ';' : ',';
}

inline std::string separator_name(char separator) {
  return separator == '\t' ? "tab" : std::string("'") + separator + "'";
}

// Parses RFC 4180 text. Every problem (stray or unterminated quotes, a record whose field count
// differs from the header's) is collected and thrown as one InputError; text that is not UTF-8
// is one InputError for the file.
inline CsvTable parse_csv(std::string_view text, const std::string& file_name) {
  detail::DiagnosticList problems;
  CsvTable table;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (const std::size_t bad = detail::invalid_utf8_at(text); bad != std::string_view::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(bad), '\n');
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(
        {Diagnostic{.file = file_name,
                    .line = static_cast<int>(line),
                    .column = 1,
                    .message = std::string("the file is not UTF-8 (byte ") + byte +
                               " on this line; spreadsheets' plain \"CSV\" writes Latin-1 or "
                               "Windows-1252/1258): save it as \"CSV UTF-8\", or convert it with "
                               "iconv -f WINDOWS-1252 -t UTF-8"}});
  }
  const char separator = csv_separator(text);
  table.separator = separator;

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
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  auto end_field = [&] {
    if (!quoted) {  // spaces around an unquoted field are spreadsheet noise
      const auto first = std::find_if_not(field.begin(), field.end(), is_space);
      const auto last = std::find_if_not(field.rbegin(), field.rend(), is_space).base();
      field = first < last ? std::string(first, last) : std::string();
    }
    record.fields.push_back(std::move(field));
    field.clear();
    quoted = in_quotes = after_quote = field_error = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                   [](const std::string& f) { return f.empty(); });
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
    if (c == separator) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else if (c == '"') {
      if (!quoted && std::all_of(field.begin(), field.end(), is_space)) {
        field.clear();
        quoted = in_quotes = true;
        quote_line = line;
      } else if (!field_error) {
        fail(line, after_quote ? "unexpected quote after a closing quote"
                               : "quote inside an unquoted field (quote the whole field and "
                                 "double the quotes inside it)");
        field_error = true;
      }
    } else if (after_quote && is_space(c)) {
      continue;  // spaces between a closing quote and the separator
    } else {
      if (after_quote && !field_error) {
        fail(line, "unexpected text after a closing quote (expected the separator " +
                       separator_name(separator) + " or a line break)");
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
                                           " fields; the header has " + std::to_string(width) +
                                           " (fields separated by " + separator_name(separator) +
                                           ")"});
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
