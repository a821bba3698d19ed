// festmatch — scheduler internals: the objective choice, shared by the scheduler and the
// validator (which must not include the scheduler).
#pragma once

namespace festmatch {

// fair: Σ score + fairness_weight · Σ_startups min(meetings, min_meetings) (SPEC section 4);
// total: Σ score alone (the fairness weight set to 0).
enum class Objective { fair, total };

}  // namespace festmatch
