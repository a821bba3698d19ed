// festmatch — the definitions of festmatch/event/event_json.hpp.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/check_indices.hpp"
#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/detail/event_json_document.hpp"
#include "festmatch/event/detail/pin_rules.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch {

FESTMATCH_FUNC Event read_event_json(std::string_view text, const std::string& file_name,
                                     const ReadOptions& options) {
  detail::DiagnosticList problems;
  auto doc = detail::event::parse_json_document(text, file_name, problems);
  if (!doc) throw InputError(problems.take());
  return detail::event::convert_or_throw(*doc, detail::event::JsonLocator(file_name), problems,
                                         options);
}

FESTMATCH_FUNC std::string write_event_json(const Event& event) {
  detail::DiagnosticList problems;
  detail::event::check_indices(event, detail::event::JsonLocator(""), problems);
  if (!problems.empty()) throw InputError(problems.take());
  return detail::event::dump_document(detail::event::event_document(event));
}

}  // namespace festmatch
