// festmatch — the definitions of festmatch/assignment/linear_assignment.hpp.
#pragma once

#include <immintrin.h>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>
#include "festmatch/assignment/linear_assignment.hpp"
#include "festmatch/assignment/status.hpp"
#include "festmatch/index.hpp"

namespace festmatch {

namespace detail::assignment {

// Kernels over one contiguous matrix row: AVX2 when the CPU has it (chosen at run time, so the
// default -O2/-O3 build without -march flags still uses it), else SSE2 (every x86-64), else
// scalar. Every path computes the same values with the same IEEE operations, so results do not
// depend on the path taken.
namespace lap_kernel {

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && defined(__SSE2__)
#define FESTMATCH_LAP_X86 1
#endif

// --- scalar tails (also the whole loop on other CPUs) ----------------------------------------
inline double relax_tail(std::size_t j, std::size_t m, const double* c, const double* v, double* d,
                         double* pred, double base, double who, double best) {
  for (; j < m; ++j) {
    const double r = base + c[j] - v[j];
    if (r < d[j]) {
      d[j] = r;
      pred[j] = who;
    }
    best = std::min(best, d[j]);
  }
  return best;
}
inline std::size_t find_equal_tail(std::size_t j, std::size_t m, const double* d, double value) {
  for (; j < m; ++j) {
    if (d[j] == value) return j;
  }
  return m;
}
inline std::size_t find_reduced_tail(std::size_t j, std::size_t m, const double* c, const double* v,
                                     double value) {
  for (; j < m; ++j) {
    if (c[j] - v[j] == value) return j;
  }
  return m;
}
inline void push_two(double h, double& a, double& b) {
  if (h < a) {
    b = a;
    a = h;
  } else if (h < b) {
    b = h;
  }
}
inline void column_min_tail(std::size_t j, std::size_t m, const double* c, double* v, double* arg,
                            double who) {
  for (; j < m; ++j) {
    if (c[j] < v[j]) {
      v[j] = c[j];
      arg[j] = who;
    }
  }
}

inline void sanitize_tail(std::size_t j, std::size_t m, const double* src, double* dst,
                          double sign) {
  for (; j < m; ++j) {
    const double x = sign * src[j];
    dst[j] = std::isfinite(x) ? x : std::numeric_limits<double>::infinity();
  }
}

#if defined(FESTMATCH_LAP_X86)
inline bool use_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

__attribute__((target("avx2"))) inline double relax_avx2(std::size_t m, const double* __restrict c,
                                                         const double* __restrict v,
                                                         double* __restrict d,
                                                         double* __restrict pred, double base,
                                                         double who) {
  std::size_t j = 0;
  const __m256d vb = _mm256_set1_pd(base), vw = _mm256_set1_pd(who);
  __m256d b0 = _mm256_set1_pd(std::numeric_limits<double>::infinity()), b1 = b0;
  for (; j + 8 <= m; j += 8) {
    const __m256d r0 =
        _mm256_sub_pd(_mm256_add_pd(vb, _mm256_loadu_pd(c + j)), _mm256_loadu_pd(v + j));
    const __m256d r1 =
        _mm256_sub_pd(_mm256_add_pd(vb, _mm256_loadu_pd(c + j + 4)), _mm256_loadu_pd(v + j + 4));
    const __m256d d0 = _mm256_loadu_pd(d + j), d1 = _mm256_loadu_pd(d + j + 4);
    const __m256d l0 = _mm256_cmp_pd(r0, d0, _CMP_LT_OQ), l1 = _mm256_cmp_pd(r1, d1, _CMP_LT_OQ);
    const __m256d n0 = _mm256_min_pd(r0, d0), n1 = _mm256_min_pd(r1, d1);
    _mm256_storeu_pd(d + j, n0);
    _mm256_storeu_pd(d + j + 4, n1);
    _mm256_storeu_pd(pred + j, _mm256_blendv_pd(_mm256_loadu_pd(pred + j), vw, l0));
    _mm256_storeu_pd(pred + j + 4, _mm256_blendv_pd(_mm256_loadu_pd(pred + j + 4), vw, l1));
    b0 = _mm256_min_pd(b0, n0);
    b1 = _mm256_min_pd(b1, n1);
  }
  alignas(32) double l[4];
  _mm256_store_pd(l, _mm256_min_pd(b0, b1));
  const double best = std::min(std::min(l[0], l[1]), std::min(l[2], l[3]));
  return relax_tail(j, m, c, v, d, pred, base, who, best);
}

__attribute__((target("avx2"))) inline std::size_t find_equal_avx2(std::size_t j, std::size_t m,
                                                                   const double* d, double value) {
  const __m256d vv = _mm256_set1_pd(value);
  for (; j + 8 <= m; j += 8) {
    const __m256d e0 = _mm256_cmp_pd(_mm256_loadu_pd(d + j), vv, _CMP_EQ_OQ);
    const __m256d e1 = _mm256_cmp_pd(_mm256_loadu_pd(d + j + 4), vv, _CMP_EQ_OQ);
    if (_mm256_movemask_pd(_mm256_or_pd(e0, e1)) != 0) break;
  }
  return find_equal_tail(j, m, d, value);
}

__attribute__((target("avx2"))) inline std::size_t find_reduced_avx2(std::size_t j, std::size_t m,
                                                                     const double* c,
                                                                     const double* v,
                                                                     double value) {
  const __m256d vv = _mm256_set1_pd(value);
  for (; j + 4 <= m; j += 4) {
    const __m256d h = _mm256_sub_pd(_mm256_loadu_pd(c + j), _mm256_loadu_pd(v + j));
    if (_mm256_movemask_pd(_mm256_cmp_pd(h, vv, _CMP_EQ_OQ)) != 0) break;
  }
  return find_reduced_tail(j, m, c, v, value);
}

__attribute__((target("avx2"))) inline void two_min_avx2(std::size_t m, const double* __restrict c,
                                                         const double* __restrict v, double& u1,
                                                         double& u2) {
  std::size_t j = 0;
  __m256d m1 = _mm256_set1_pd(std::numeric_limits<double>::infinity()), m2 = m1, q1 = m1, q2 = m1;
  for (; j + 8 <= m; j += 8) {
    const __m256d h0 = _mm256_sub_pd(_mm256_loadu_pd(c + j), _mm256_loadu_pd(v + j));
    const __m256d h1 = _mm256_sub_pd(_mm256_loadu_pd(c + j + 4), _mm256_loadu_pd(v + j + 4));
    m2 = _mm256_min_pd(m2, _mm256_max_pd(m1, h0));
    m1 = _mm256_min_pd(m1, h0);
    q2 = _mm256_min_pd(q2, _mm256_max_pd(q1, h1));
    q1 = _mm256_min_pd(q1, h1);
  }
  alignas(32) double l[16];
  _mm256_store_pd(l, m1);
  _mm256_store_pd(l + 4, m2);
  _mm256_store_pd(l + 8, q1);
  _mm256_store_pd(l + 12, q2);
  for (double x : l) push_two(x, u1, u2);
  for (; j < m; ++j) push_two(c[j] - v[j], u1, u2);
}

__attribute__((target("avx2"))) inline void column_min_avx2(std::size_t m,
                                                            const double* __restrict c,
                                                            double* __restrict v,
                                                            double* __restrict arg, double who) {
  std::size_t j = 0;
  const __m256d vw = _mm256_set1_pd(who);
  for (; j + 4 <= m; j += 4) {
    const __m256d cj = _mm256_loadu_pd(c + j), vj = _mm256_loadu_pd(v + j);
    const __m256d lt = _mm256_cmp_pd(cj, vj, _CMP_LT_OQ);
    _mm256_storeu_pd(v + j, _mm256_min_pd(cj, vj));
    _mm256_storeu_pd(arg + j, _mm256_blendv_pd(_mm256_loadu_pd(arg + j), vw, lt));
  }
  column_min_tail(j, m, c, v, arg, who);
}

__attribute__((target("avx2"))) inline void sanitize_avx2(std::size_t m,
                                                          const double* __restrict src,
                                                          double* __restrict dst, double sign) {
  std::size_t j = 0;
  const __m256d vs = _mm256_set1_pd(sign),
                inf = _mm256_set1_pd(std::numeric_limits<double>::infinity());
  const __m256d no_sign = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  for (; j + 4 <= m; j += 4) {
    const __m256d x = _mm256_mul_pd(vs, _mm256_loadu_pd(src + j));
    const __m256d finite = _mm256_cmp_pd(_mm256_and_pd(x, no_sign), inf, _CMP_LT_OQ);
    _mm256_storeu_pd(dst + j, _mm256_blendv_pd(inf, x, finite));
  }
  sanitize_tail(j, m, src, dst, sign);
}
#endif  // FESTMATCH_LAP_X86

// d[j] = min(d[j], base + c[j] - v[j]), pred[j] = who where that improved; returns min d.
inline double relax(std::size_t m, const double* __restrict c, const double* __restrict v,
                    double* __restrict d, double* __restrict pred, double base, double who) {
  std::size_t j = 0;
  double best = std::numeric_limits<double>::infinity();
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return relax_avx2(m, c, v, d, pred, base, who);
  const __m128d vb = _mm_set1_pd(base), vw = _mm_set1_pd(who);
  __m128d b0 = _mm_set1_pd(best), b1 = b0;
  for (; j + 4 <= m; j += 4) {
    const __m128d r0 = _mm_sub_pd(_mm_add_pd(vb, _mm_loadu_pd(c + j)), _mm_loadu_pd(v + j));
    const __m128d r1 = _mm_sub_pd(_mm_add_pd(vb, _mm_loadu_pd(c + j + 2)), _mm_loadu_pd(v + j + 2));
    const __m128d d0 = _mm_loadu_pd(d + j), d1 = _mm_loadu_pd(d + j + 2);
    const __m128d l0 = _mm_cmplt_pd(r0, d0), l1 = _mm_cmplt_pd(r1, d1);
    const __m128d n0 = _mm_min_pd(r0, d0), n1 = _mm_min_pd(r1, d1);
    _mm_storeu_pd(d + j, n0);
    _mm_storeu_pd(d + j + 2, n1);
    const __m128d p0 = _mm_loadu_pd(pred + j), p1 = _mm_loadu_pd(pred + j + 2);
    _mm_storeu_pd(pred + j, _mm_or_pd(_mm_and_pd(l0, vw), _mm_andnot_pd(l0, p0)));
    _mm_storeu_pd(pred + j + 2, _mm_or_pd(_mm_and_pd(l1, vw), _mm_andnot_pd(l1, p1)));
    b0 = _mm_min_pd(b0, n0);
    b1 = _mm_min_pd(b1, n1);
  }
  b0 = _mm_min_pd(b0, b1);
  best = std::min(_mm_cvtsd_f64(b0), _mm_cvtsd_f64(_mm_unpackhi_pd(b0, b0)));
#endif
  return relax_tail(j, m, c, v, d, pred, base, who, best);
}

// First j >= from with d[j] == value, or m.
inline std::size_t find_equal(std::size_t from, std::size_t m, const double* d, double value) {
  std::size_t j = from;
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return find_equal_avx2(from, m, d, value);
  const __m128d vv = _mm_set1_pd(value);
  for (; j + 4 <= m; j += 4) {
    const int k0 = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(d + j), vv));
    const int k1 = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(d + j + 2), vv));
    if ((k0 | k1) != 0) break;
  }
#endif
  return find_equal_tail(j, m, d, value);
}

// First j >= from with c[j] - v[j] == value, or m.
inline std::size_t find_reduced(std::size_t from, std::size_t m, const double* c, const double* v,
                                double value) {
  std::size_t j = from;
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return find_reduced_avx2(from, m, c, v, value);
  const __m128d vv = _mm_set1_pd(value);
  for (; j + 2 <= m; j += 2) {
    const __m128d h = _mm_sub_pd(_mm_loadu_pd(c + j), _mm_loadu_pd(v + j));
    if (_mm_movemask_pd(_mm_cmpeq_pd(h, vv)) != 0) break;
  }
#endif
  return find_reduced_tail(j, m, c, v, value);
}

// The smallest and second smallest of c[j] - v[j] (values only).
inline void two_min(std::size_t m, const double* __restrict c, const double* __restrict v,
                    double& u1, double& u2) {
  std::size_t j = 0;
  u1 = u2 = std::numeric_limits<double>::infinity();
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return two_min_avx2(m, c, v, u1, u2);
  __m128d m1 = _mm_set1_pd(u1), m2 = m1, q1 = m1, q2 = m1;
  for (; j + 4 <= m; j += 4) {
    const __m128d h0 = _mm_sub_pd(_mm_loadu_pd(c + j), _mm_loadu_pd(v + j));
    const __m128d h1 = _mm_sub_pd(_mm_loadu_pd(c + j + 2), _mm_loadu_pd(v + j + 2));
    m2 = _mm_min_pd(m2, _mm_max_pd(m1, h0));
    m1 = _mm_min_pd(m1, h0);
    q2 = _mm_min_pd(q2, _mm_max_pd(q1, h1));
    q1 = _mm_min_pd(q1, h1);
  }
  alignas(16) double l[8];
  _mm_store_pd(l, m1);
  _mm_store_pd(l + 2, m2);
  _mm_store_pd(l + 4, q1);
  _mm_store_pd(l + 6, q2);
  for (double x : l) push_two(x, u1, u2);
#endif
  for (; j < m; ++j) push_two(c[j] - v[j], u1, u2);
}

// v[j] = min(v[j], c[j]) and arg[j] = who where c[j] is smaller.
inline void column_min(std::size_t m, const double* __restrict c, double* __restrict v,
                       double* __restrict arg, double who) {
  std::size_t j = 0;
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return column_min_avx2(m, c, v, arg, who);
  const __m128d vw = _mm_set1_pd(who);
  for (; j + 2 <= m; j += 2) {
    const __m128d cj = _mm_loadu_pd(c + j), vj = _mm_loadu_pd(v + j);
    const __m128d lt = _mm_cmplt_pd(cj, vj);
    _mm_storeu_pd(v + j, _mm_min_pd(cj, vj));
    _mm_storeu_pd(arg + j, _mm_or_pd(_mm_and_pd(lt, vw), _mm_andnot_pd(lt, _mm_loadu_pd(arg + j))));
  }
#endif
  column_min_tail(j, m, c, v, arg, who);
}

// dst[j] = sign * src[j], or +inf where that is NaN or ±inf (forbidden).
inline void sanitize(std::size_t m, const double* __restrict src, double* __restrict dst,
                     double sign) {
#if defined(FESTMATCH_LAP_X86)
  if (use_avx2()) return sanitize_avx2(m, src, dst, sign);
#endif
  sanitize_tail(0, m, src, dst, sign);
}

}  // namespace lap_kernel

// Dense square/wide LAP (n <= m) on a contiguous row-major n×m matrix where +inf = forbidden
// and every other entry is finite. Fills x (row→col), y (col→row), u, v. Returns false when
// infeasible.
class DenseLap {
 public:
  bool solve(Index n, Index m, const double* c, std::vector<Index>& x, std::vector<Index>& y,
             std::vector<double>& u, std::vector<double>& v) {
    n_ = n;
    m_ = m;
    c_ = c;
    x.assign(static_cast<std::size_t>(n), -1);
    y.assign(static_cast<std::size_t>(m), -1);
    u.assign(static_cast<std::size_t>(n), 0.0);
    v.assign(static_cast<std::size_t>(m), 0.0);
    if (n == 0) return true;
    std::vector<Index> free_rows;
    if (n == m) {
      if (!square_start(x, y, v, free_rows)) return false;
    } else {
      if (!wide_start(x, y, v, free_rows)) return false;
    }
    if (!reduce_rows(x, y, u, v, free_rows)) return false;
    d_.assign(static_cast<std::size_t>(m), kInf);
    dfin_.assign(static_cast<std::size_t>(m), 0.0);
    pred_.assign(static_cast<std::size_t>(m), 0.0);
    free_cols_.clear();
    free_pos_.assign(static_cast<std::size_t>(m), -1);
    for (Index j = 0; j < m; ++j) {
      if (y[static_cast<std::size_t>(j)] < 0) {
        free_pos_[static_cast<std::size_t>(j)] = static_cast<Index>(free_cols_.size());
        free_cols_.push_back(j);
      }
    }
    for (Index i : free_rows) {
      if (!augment(i, x, y, u, v)) return false;
    }
    return true;
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  [[nodiscard]] const double* row(Index i) const {
    return c_ + static_cast<std::ptrdiff_t>(i) * m_;
  }

  // Rectangular start: v = 0; a row takes its cheapest column if that is still free.
  bool wide_start(std::vector<Index>& x, std::vector<Index>& y, const std::vector<double>& v,
                  std::vector<Index>& free_rows) {
    for (Index i = 0; i < n_; ++i) {
      const double* ci = row(i);
      double u1 = kInf, u2 = kInf;
      lap_kernel::two_min(static_cast<std::size_t>(m_), ci, v.data(), u1, u2);  // v = 0 here
      if (u1 == kInf) return false;  // a row with no allowed column
      const auto best = lap_kernel::find_reduced(0, static_cast<std::size_t>(m_), ci, v.data(), u1);
      if (y[static_cast<std::size_t>(best)] < 0) {
        y[static_cast<std::size_t>(best)] = i;
        x[static_cast<std::size_t>(i)] = static_cast<Index>(best);
      } else {
        free_rows.push_back(i);
      }
    }
    return true;
  }

  // Jonker–Volgenant start for square matrices.
  bool square_start(std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& v,
                    std::vector<Index>& free_rows) {
    const auto n = static_cast<std::size_t>(n_);
    // Column reduction, row by row so the matrix is read contiguously.
    std::vector<double> argmin(n, 0.0);
    std::fill(v.begin(), v.end(), kInf);
    for (Index i = 0; i < n_; ++i) lap_kernel::column_min(n, row(i), v.data(), argmin.data(), i);
    for (std::size_t j = 0; j < n; ++j) {
      if (v[j] == kInf) return false;  // a column with no allowed row
    }
    std::vector<int> matches(n, 0);
    for (std::size_t jj = n; jj-- > 0;) {
      const auto i = static_cast<std::size_t>(argmin[jj]);  // exact: a small integer
      if (matches[i]++ == 0) {
        x[i] = static_cast<Index>(jj);
        y[jj] = static_cast<Index>(i);
      }
    }
    // Reduction transfer: a row matched once hands its slack to its column.
    for (std::size_t i = 0; i < n; ++i) {
      if (matches[i] == 0) {
        free_rows.push_back(static_cast<Index>(i));
      } else if (matches[i] == 1) {
        const auto j1 = static_cast<std::size_t>(x[i]);
        const double* ci = row(static_cast<Index>(i));
        double mu = kInf;
        for (std::size_t j = 0; j < n; ++j) {
          if (j != j1) mu = std::min(mu, ci[j] - v[j]);
        }
        if (mu < kInf) v[j1] -= mu;
      }
    }
    return true;
  }

  // Augmenting row reduction (Jonker–Volgenant): a free row takes its cheapest column j1 and
  // lowers v(j1) until its second-cheapest column ties, pushing out j1's previous row, which is
  // processed next. v only decreases, and only on columns that stay assigned from then on, so
  // the rectangular dual conditions (v <= 0, v = 0 on free columns) survive too. Then u(i) is
  // set to each row's minimum reduced cost.
  bool reduce_rows(std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& u,
                   std::vector<double>& v, std::vector<Index>& free_rows) {
    const auto n = static_cast<std::size_t>(n_);
    const auto m = static_cast<std::size_t>(m_);
    std::size_t budget = 4 * n + 64;  // bounds float ping-pong; the rest is left to step 2
    for (int round = 0; round < 2 && !free_rows.empty(); ++round) {
      std::size_t k = 0;
      const std::size_t previous = free_rows.size();
      std::size_t kept = 0;
      while (k < previous) {
        const auto i = static_cast<std::size_t>(free_rows[k++]);
        const double* ci = row(static_cast<Index>(i));
        double u1 = kInf, u2 = kInf;
        lap_kernel::two_min(m, ci, v.data(), u1, u2);
        if (u1 == kInf) return false;  // a row with no allowed column
        std::size_t j1 = lap_kernel::find_reduced(0, m, ci, v.data(), u1);
        std::size_t j2 = m;
        if (u2 == u1) j2 = lap_kernel::find_reduced(j1 + 1, m, ci, v.data(), u2);
        Index i0 = y[j1];
        const bool lowers = u1 < u2 && u2 < kInf && budget > 0;
        if (budget > 0) --budget;
        if (lowers) {
          v[j1] -= u2 - u1;
        } else if (i0 >= 0 && j2 < m && u2 == u1) {
          j1 = j2;
          i0 = y[j1];
        }
        x[i] = static_cast<Index>(j1);
        y[j1] = static_cast<Index>(i);
        if (i0 >= 0) {
          x[static_cast<std::size_t>(i0)] = -1;
          if (lowers) {
            free_rows[--k] = i0;
          } else {
            free_rows[kept++] = i0;
          }
        }
      }
      free_rows.resize(kept);
    }
    // u(i) = row minimum of the reduced costs; assigned rows are tight at their column.
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] >= 0) {
        u[i] = row(static_cast<Index>(i))[x[i]] - v[static_cast<std::size_t>(x[i])];
      } else {
        const double* ci = row(static_cast<Index>(i));
        double mn = kInf;
        for (std::size_t j = 0; j < m; ++j) mn = std::min(mn, ci[j] - v[j]);
        u[i] = mn;
      }
    }
    return true;
  }

  // Dijkstra from free row i0 to the nearest free column, then dual update and augmentation.
  bool augment(Index i0, std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& u,
               std::vector<double>& v) {
    const auto m = static_cast<std::size_t>(m_);
    double* d = d_.data();
    double* pred = pred_.data();
    double* vv = v.data();
    scanned_rows_.clear();
    scanned_cols_.clear();
    double min_val = 0.0;
    Index i = i0;
    Index sink = -1;
    while (true) {
      scanned_rows_.push_back(i);
      const double* ci = row(i);
      const double base = min_val - u[static_cast<std::size_t>(i)];
      // Scanned columns carry v = -inf, so they are never relaxed again.
      const double best = lap_kernel::relax(m, ci, vv, d, pred, base, static_cast<double>(i));
      if (best == kInf) {
        restore(v);
        return false;  // no free column reachable
      }
      // First column at the minimum, preferring a free one (decisive on integer costs).
      std::size_t pick = lap_kernel::find_equal(0, m, d, best);
      if (y[pick] >= 0) {
        if (free_cols_.size() * 8 < m) {
          for (Index j : free_cols_) {
            if (d[j] == best) {
              pick = static_cast<std::size_t>(j);
              break;
            }
          }
        } else {
          for (std::size_t j = pick; j < m && y[j] >= 0;) {
            j = lap_kernel::find_equal(j + 1, m, d, best);
            if (j < m && y[j] < 0) pick = j;
          }
        }
      }
      min_val = best;
      scanned_cols_.push_back({static_cast<Index>(pick), vv[pick]});
      dfin_[pick] = best;
      vv[pick] = -kInf;
      d[pick] = kInf;
      if (y[pick] < 0) {
        sink = static_cast<Index>(pick);
        break;
      }
      i = y[pick];
    }
    // Dual update.
    u[static_cast<std::size_t>(i0)] += min_val;
    for (std::size_t k = 1; k < scanned_rows_.size(); ++k) {
      const auto r = static_cast<std::size_t>(scanned_rows_[k]);
      u[r] += min_val - dfin_[static_cast<std::size_t>(x[r])];
    }
    for (const auto& [j, saved] : scanned_cols_) {
      vv[j] = saved - (min_val - dfin_[static_cast<std::size_t>(j)]);
    }
    std::fill(d_.begin(), d_.end(), kInf);
    // The sink is free no more.
    const auto at = static_cast<std::size_t>(free_pos_[static_cast<std::size_t>(sink)]);
    free_pos_[static_cast<std::size_t>(free_cols_.back())] = static_cast<Index>(at);
    free_cols_[at] = free_cols_.back();
    free_cols_.pop_back();
    // Augment along the predecessor chain.
    Index j = sink;
    while (true) {
      const auto r = static_cast<Index>(pred[j]);
      y[static_cast<std::size_t>(j)] = r;
      std::swap(x[static_cast<std::size_t>(r)], j);
      if (r == i0) break;
    }
    return true;
  }

  void restore(std::vector<double>& v) {
    for (const auto& [j, saved] : scanned_cols_) v[static_cast<std::size_t>(j)] = saved;
  }

  struct ScannedCol {
    Index col;
    double saved_v;
  };

  Index n_ = 0, m_ = 0;
  const double* c_ = nullptr;
  std::vector<double> d_, dfin_;
  std::vector<double> pred_;  // row indices, stored as doubles for the SIMD blend
  std::vector<Index> scanned_rows_;
  std::vector<ScannedCol> scanned_cols_;
  std::vector<Index> free_cols_, free_pos_;  // free columns, and each one's place in the list
};

}  // namespace detail::assignment

FESTMATCH_FUNC LinearAssignmentResult
linear_sum_assignment(const Eigen::Ref<const RowMajorMatrix>& cost, Sense sense) {
  const auto rows = static_cast<Index>(cost.rows());
  const auto cols = static_cast<Index>(cost.cols());
  const bool transpose = rows > cols;
  const Index n = transpose ? cols : rows;
  const Index m = transpose ? rows : cols;
  const double sign = sense == Sense::maximize ? -1.0 : 1.0;
  constexpr double inf = std::numeric_limits<double>::infinity();

  // A contiguous, sign-adjusted copy with forbidden entries at +inf.
  // (uninitialised: every entry is written below)
  const std::unique_ptr<double[]> c(
      new double[static_cast<std::size_t>(n) * static_cast<std::size_t>(m)]);
  if (!transpose) {
    for (Index i = 0; i < n; ++i) {
      const double* src = cost.data() + static_cast<std::ptrdiff_t>(i) * cost.outerStride();
      detail::assignment::lap_kernel::sanitize(static_cast<std::size_t>(m), src,
                                               c.get() + static_cast<std::ptrdiff_t>(i) * m, sign);
    }
  } else {
    for (Index r = 0; r < rows; ++r) {
      for (Index k = 0; k < cols; ++k) {
        const double w = sign * cost(r, k);
        c[static_cast<std::size_t>(k) * static_cast<std::size_t>(m) + static_cast<std::size_t>(r)] =
            std::isfinite(w) ? w : inf;
      }
    }
  }

  LinearAssignmentResult result;
  std::vector<Index> x, y;
  std::vector<double> u, v;
  detail::assignment::DenseLap lap;
  if (!lap.solve(n, m, c.get(), x, y, u, v)) {
    result.status = SolveStatus::infeasible;
    result.row_to_col.assign(static_cast<std::size_t>(rows), -1);
    result.col_to_row.assign(static_cast<std::size_t>(cols), -1);
    return result;
  }
  if (transpose) {
    result.row_to_col = std::move(y);
    result.col_to_row = std::move(x);
    result.row_potential = std::move(v);
    result.col_potential = std::move(u);
  } else {
    result.row_to_col = std::move(x);
    result.col_to_row = std::move(y);
    result.row_potential = std::move(u);
    result.col_potential = std::move(v);
  }
  if (sense == Sense::maximize) {
    for (double& p : result.row_potential) p = -p;
    for (double& p : result.col_potential) p = -p;
  }
  double total = 0.0;
  for (Index i = 0; i < rows; ++i) {
    const Index j = result.row_to_col[static_cast<std::size_t>(i)];
    if (j >= 0) total += cost(i, j);
  }
  result.objective = total;
  return result;
}

}  // namespace festmatch
