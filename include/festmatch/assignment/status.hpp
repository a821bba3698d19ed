// festmatch — the outcome of every assignment solver, defined once.
//
//   optimal     the result holds an optimal solution and the duals that prove it;
//   infeasible  no solution meets the hard constraints (an expected outcome, not an error);
//   bad_input   the problem as stated cannot be solved (e.g. supplies that do not sum to zero,
//               or costs so large that exact integer arithmetic would overflow).
// Malformed arguments (an arc to a node that does not exist, a negative capacity) throw
// festmatch::InputError instead.
#pragma once

namespace festmatch {

enum class SolveStatus { optimal, infeasible, bad_input };
enum class Sense { minimize, maximize };

[[nodiscard]] constexpr const char* to_string(SolveStatus s) noexcept {
  switch (s) {
    case SolveStatus::optimal:
      return "optimal";
    case SolveStatus::infeasible:
      return "infeasible";
    case SolveStatus::bad_input:
      return "bad_input";
  }
  return "unknown";
}

}  // namespace festmatch
