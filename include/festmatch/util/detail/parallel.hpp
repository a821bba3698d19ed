// festmatch — detail: independent blocks of work on a few threads.
//
// parallel_blocks(count, threads, f) calls f(block, scratch, worker) for every block in
// [0, count) on min(threads, count) threads (threads <= 0: one per hardware thread); each worker
// has its own default-constructed Scratch. Blocks are handed out in order, but which worker runs
// which block varies, so f must write only what belongs to its block: then results never depend
// on the thread count. The first exception thrown by f is rethrown on the caller's thread.
//
//   std::vector<double> row_sum(rows);
//   detail::parallel_blocks<std::vector<double>>(rows, 2, [&](Index r, auto& scratch, int) {
//     row_sum[r] = ...;  // only row r's entry
//   });
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "festmatch/event/event.hpp"  // festmatch::Index

namespace festmatch::detail {

inline int worker_count(int threads, Index blocks) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  return int(std::max<Index>(1, std::min<Index>(threads, blocks)));
}

template <class Scratch, class F>
void parallel_blocks(Index count, int threads, F&& f) {
  const int workers = worker_count(threads, count);
  std::atomic<Index> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](int worker) {
    Scratch scratch{};
    try {
      for (Index b = next++; b < count; b = next++) f(b, scratch, worker);
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace festmatch::detail
