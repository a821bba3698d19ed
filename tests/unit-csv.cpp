// RFC 4180 reading and writing as spreadsheets produce it.
#include <doctest/doctest.h>

#include <festmatch/util/csv.hpp>

#include <string>
#include <vector>

using festmatch::parse_csv;
using Fields = std::vector<std::string>;

namespace {
std::vector<std::string> problems(std::string_view text) {
  try {
    parse_csv(text, "t.csv");
  } catch (const festmatch::InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}
}  // namespace

TEST_CASE("header and records, LF") {
  auto t = parse_csv("id,name\ns1,Cảng Xanh\ns2,Hải Phòng\n", "t.csv");
  CHECK(t.header.fields == Fields{"id", "name"});
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[0].fields == Fields{"s1", "Cảng Xanh"});
  CHECK(t.records[1].line == 3);
  CHECK(t.records[1].fields == Fields{"s2", "Hải Phòng"});
}

TEST_CASE("BOM, CRLF, no final line break, blank lines") {
  auto t = parse_csv("\xEF\xBB\xBFid,name\r\n\r\ns1,A\r\ns2,B", "t.csv");
  CHECK(t.header.fields == Fields{"id", "name"});
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[0].line == 3);
  CHECK(t.records[1].line == 4);
  CHECK(t.records[1].fields == Fields{"s2", "B"});
}

TEST_CASE("quoted commas, doubled quotes and line breaks, lines counted across them") {
  auto t = parse_csv(
      "id,name,note\n"
      "s1,\"Công ty TNHH, Chi nhánh\",\"said \"\"hi\"\"\"\n"
      "s2,\"two\r\nlines\",\"three\nlines\nhere\"\n"
      "s3,,\n",
      "t.csv");
  REQUIRE(t.records.size() == 3);
  CHECK(t.records[0].fields == Fields{"s1", "Công ty TNHH, Chi nhánh", "said \"hi\""});
  CHECK(t.records[1].line == 3);
  CHECK(t.records[1].fields == Fields{"s2", "two\r\nlines", "three\nlines\nhere"});
  CHECK(t.records[2].line == 7);  // the record above spans lines 3 to 6
  CHECK(t.records[2].fields == Fields{"s3", "", ""});
}

TEST_CASE("a lone CR ends a record") {
  auto t = parse_csv("a,b\rx,y\r", "t.csv");
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0].line == 2);
  CHECK(t.records[0].fields == Fields{"x", "y"});
}

TEST_CASE("malformed records are all reported with line and field number") {
  CHECK(problems("a,b\nx,y,z\np\"q,r\n\"s\"t,u\n\"v,w\n") ==
        std::vector<std::string>{
            "t.csv:2:3: error: record has 3 fields; the header has 2 (fields separated by ',')",
            "t.csv:3:1: error: quote inside an unquoted field (quote the whole field and double "
            "the quotes inside it)",
            "t.csv:4:1: error: unexpected text after a closing quote (expected the separator ',' "
            "or a line break)",
            "t.csv:5:1: error: unterminated quoted field (the quote opened here is never closed)",
            "t.csv:5:2: error: record has 1 fields; the header has 2 (fields separated by ',')"});
  CHECK(problems("") ==
        std::vector<std::string>{"t.csv:1:1: error: empty file: expected a header row"});
}

TEST_CASE("a file that is not UTF-8 is one error that says how to export UTF-8") {
  const std::string latin1 = "id,name\ns1,Nguy\xEAn\ns2,Cr\xE8me\ns3,Bl\xE5\n";  // Latin-1
  CHECK(problems(latin1) ==
        std::vector<std::string>{
            "t.csv:2:1: error: the file is not UTF-8 (byte 0xEA on this line; spreadsheets' "
            "plain \"CSV\" writes Latin-1 or Windows-1252/1258): save it as \"CSV UTF-8\", or "
            "convert it with iconv -f WINDOWS-1252 -t UTF-8"});
  CHECK(problems("id,name\ns1,\xED\xA0\x80\n").size() == 1);  // a UTF-16 surrogate
  CHECK(problems("id,name\ns1,\xC0\xAF\n").size() == 1);      // overlong
}

TEST_CASE("the separator is the one the header uses: comma, semicolon or tab") {
  auto semicolon = parse_csv("startup;investor;by\nS1;\"a;b\";startup\n", "t.csv");
  CHECK(semicolon.separator == ';');
  CHECK(semicolon.header.fields == Fields{"startup", "investor", "by"});
  CHECK(semicolon.records[0].fields == Fields{"S1", "a;b", "startup"});
  auto tab = parse_csv("id\tname\ns1\tA, B\n", "t.csv");
  CHECK(tab.separator == '\t');
  CHECK(tab.records[0].fields == Fields{"s1", "A, B"});
  CHECK(parse_csv("id\ns1\n", "t.csv").separator == ',');  // one column: the default
  CHECK(problems("a;b\nx;y;z\n") ==
        std::vector<std::string>{
            "t.csv:2:3: error: record has 3 fields; the header has 2 (fields separated by ';')"});
}

TEST_CASE("spreadsheet noise: blank rows, spaces around unquoted cells") {
  auto t = parse_csv("id , name\n s1 ,\" Ann \" \n,,\n\n\t, \ns2,B\n", "t.csv");
  CHECK(t.header.fields == Fields{"id", "name"});
  REQUIRE(t.records.size() == 2);
  CHECK(t.records[0].fields == Fields{"s1", " Ann "});  // a quoted cell keeps its spaces
  CHECK(t.records[1].line == 6);
  CHECK(t.records[1].fields == Fields{"s2", "B"});
}

TEST_CASE("written rows quote what needs quoting and read back equal") {
  CHECK(festmatch::csv_row({"s1", "a,b", "say \"x\"", " pad", "line\nbreak", ""}) ==
        "s1,\"a,b\",\"say \"\"x\"\"\",\" pad\",\"line\nbreak\",\n");
  const Fields cells{"Hải Phòng", "a,b", "\"", "", "x\r\ny", "logistics:1;seaports:0.5"};
  auto t =
      parse_csv(festmatch::csv_row(Fields(cells.size(), "h")) + festmatch::csv_row(cells), "t.csv");
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0].fields == cells);
}

TEST_CASE("garbage never crashes") {
  std::string text;
  unsigned state = 12345;
  for (int k = 0; k < 20000; ++k) {
    state = state * 1103515245u + 12345u;
    const char alphabet[] = {'a', ',', '"', '\n', '\r', ';', '\xC3', '\xA1', '\xFF', ' '};
    text += alphabet[(state >> 16) % sizeof alphabet];
  }
  for (std::size_t cut = 0; cut < text.size(); cut += 997) {
    try {
      parse_csv(std::string_view(text).substr(cut), "t.csv");
    } catch (const festmatch::InputError& e) {
      CHECK(!e.diagnostics().empty());
      CHECK(e.diagnostics().size() <= 201);
    }
  }
}
