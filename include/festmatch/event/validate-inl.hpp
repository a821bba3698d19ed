// festmatch — the definitions of festmatch/event/validate.hpp.
#pragma once

#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/check_indices.hpp"
#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/detail/event_json_document.hpp"
#include "festmatch/event/detail/pin_rules.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/event/validate.hpp"

namespace festmatch {

FESTMATCH_FUNC std::vector<Diagnostic> check_event(const Event& event, const ReadOptions& options) {
  detail::DiagnosticList problems;
  const detail::event::JsonLocator where("");
  detail::event::check_indices(event, where, problems);
  if (!problems.empty()) return problems.take();
  try {
    detail::event::convert_or_throw(detail::event::event_document(event), where, problems, options);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace festmatch
